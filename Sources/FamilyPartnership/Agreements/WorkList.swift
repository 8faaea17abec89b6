import Fluent
import Foundation
import PartnershipRules
import Plot

/// The home page's lists of what needs doing, over the families the staff member may see: agreements not
/// started by the deadline, reviews due, action steps due this week, goals with no progress note in 60 days,
/// and referrals whose follow-up date has passed.
struct WorkList {
    struct Item {
        let family: String
        let text: String
        let link: String
    }

    let lateAgreements: [Item]
    let reviewsDue: [Item]
    let stepsDue: [Item]
    let quietGoals: [Item]
    let followUps: [Item]
    /// Managers and directors: parents' requests to inspect records, with the date they must be answered by.
    var inspectionsDue: [Item] = []
    /// Managers and directors: partner MOUs expiring within 60 days.
    var mouRenewals: [Item] = []
    /// The staff member's own scheduled visits, today and the next six days.
    var visitsThisWeek: [Item] = []
    /// Families past the program's longest gap between contacts, and those close to it.
    var contactOverdue: [Item] = []
    var contactDueSoon: [Item] = []
    /// Families with fewer home visits or conferences than their program option calls for by now.
    var behindOnVisits: [Item] = []

    var count: Int {
        lateAgreements.count + reviewsDue.count + stepsDue.count + quietGoals.count + followUps.count + inspectionsDue.count + mouRenewals.count
            + visitsThisWeek.count + contactOverdue.count + contactDueSoon.count + behindOnVisits.count
    }
    var isEmpty: Bool { count == 0 }

    static func load(staff: SignedIn, clock: ProgramClock, on db: any Database) async throws -> WorkList {
        let today = clock.today
        let program = try await Program.find(staff.programID, on: db).orThrow()
        let families = try await Family.visible(to: staff, on: db).filter(\.$enrollmentStatus == .enrolled)
            .sort(\.$householdName).all()
        let names = Dictionary(uniqueKeysWithValues: families.map { ($0.id!, $0.householdName) })
        var list = try await familyWork(families: families, names: names, program: program, clock: clock, on: db)
        try await list.addVisitWork(staff: staff, families: families, program: program, today: today, on: db)
        if staff.access.mayAnswerRecordRequests {
            // Exited families may ask too, so these are not limited to the enrolled families above.
            let pending = try await RecordRequest.query(on: db).filter(\.$kind == .inspection).filter(\.$answeredOn == nil)
                .sort(\.$dueOn).limit(500).all()
            let asking = pending.isEmpty ? [] : try await Family.visible(to: staff, on: db).filter(\.$id ~~ pending.map(\.$family.id)).all()
            let askingNames = Dictionary(uniqueKeysWithValues: asking.map { ($0.id!, $0.householdName) })
            list.inspectionsDue = pending.filter { askingNames[$0.$family.id] != nil }
                .map { Item(family: askingNames[$0.$family.id] ?? "", text: "request to inspect records: answer by \(Display.date($0.dueOn ?? ""))",
                            link: SiteURL.recordRequest($0.$family.id, request: $0.id!).path) }
        }
        if staff.access.mayManagePartners {
            list.mouRenewals = try await PartnerAgency.query(on: db).filter(\.$program.$id == staff.programID).filter(\.$mouExpiresOn != nil)
                .sort(\.$mouExpiresOn).all().filter { $0.isMOURenewalDue(today: today) }
                .map { Item(family: $0.name, text: "MOU expires \(Display.date($0.mouExpiresOn ?? ""))", link: SiteURL.partner($0.id!).path) }
        }
        return list
    }

    private static func familyWork(families: [Family], names: [UUID: String], program: Program, clock: ProgramClock,
                                   on db: any Database) async throws -> WorkList {
        let today = clock.today
        let ids = Array(names.keys)
        guard !ids.isEmpty else { return WorkList(lateAgreements: [], reviewsDue: [], stepsDue: [], quietGoals: [], followUps: []) }
        let agreements = try await Agreement.query(on: db).filter(\.$family.$id ~~ ids)
            .filter(\.$programYear == program.year(containing: today).stored).all()
        let withAgreement = Set(agreements.map(\.$family.id))
        let schedule = program.agreementSchedule

        let late = families.compactMap { family -> Item? in
            guard let enrolled = family.enrolledOn.flatMap(CalendarDate.init),
                  schedule.isStartOverdue(enrolledOn: enrolled, hasAgreement: withAgreement.contains(family.id!), today: today)
            else { return nil }
            return Item(family: family.householdName,
                        text: "due \(Display.date(schedule.startDeadline(enrolledOn: enrolled).description))",
                        link: SiteURL.agreement(family.id!).path)
        }
        let reviews = agreements.filter { CalendarDate($0.nextReviewOn).map { FollowUp.isReviewDue(next: $0, today: today) } ?? false }
            .sorted { $0.nextReviewOn < $1.nextReviewOn }
            .map { Item(family: names[$0.$family.id] ?? "", text: "review \(Display.date($0.nextReviewOn))", link: SiteURL.agreement($0.$family.id).path) }

        let steps = try await ActionStep.query(on: db).filter(\.$familyID ~~ ids).filter(\.$doneOn == nil)
            .filter(\.$dueOn <= FollowUp.endOfWeek(today).description)
            .join(Goal.self, on: \ActionStep.$goal.$id == \Goal.$id).filter(Goal.self, \.$state == .active)
            .sort(\.$dueOn).limit(200).all()
        let stepItems = steps.map { step in
            Item(family: names[step.familyID] ?? "", text: "\(step.what) — by \(Display.date(step.dueOn ?? ""))",
                 link: SiteURL.goal(step.familyID, goal: step.$goal.id).path)
        }

        let goals = agreements.isEmpty ? [] : try await Goal.query(on: db).filter(\.$agreement.$id ~~ agreements.compactMap(\.id))
            .filter(\.$state == .active).all()
        var lastNote: [UUID: String] = [:]
        if !goals.isEmpty {
            for note in try await ProgressNote.query(on: db).filter(\.$goal.$id ~~ goals.compactMap(\.id)).all() {
                lastNote[note.$goal.id] = max(lastNote[note.$goal.id] ?? "", note.notedOn)
            }
        }
        let quiet = goals.filter { goal in
            let set = goal.createdAt.map(clock.day(of:)) ?? today
            return FollowUp.isGoalQuiet(lastNote: lastNote[goal.id!].flatMap(CalendarDate.init), setOn: set, today: today)
        }.map { Item(family: names[$0.familyID] ?? "", text: $0.goal, link: SiteURL.goal($0.familyID, goal: $0.id!).path) }

        let open = ReferralStatus.allCases.filter { !$0.isClosed }
        let followUps = try await Referral.query(on: db).filter(\.$family.$id ~~ ids).filter(\.$status ~~ open)
            .filter(\.$followUpOn < today.description).sort(\.$followUpOn).limit(200).all()
            .map { Item(family: names[$0.$family.id] ?? "", text: "referral follow-up was due \(Display.date($0.followUpOn))",
                        link: SiteURL.referral($0.$family.id, referral: $0.id!).path) }
        return WorkList(lateAgreements: late, reviewsDue: reviews, stepsDue: stepItems, quietGoals: quiet, followUps: followUps)
    }

    // MARK: View

    static let shown = 8

    func view() -> Node<HTML.BodyContext> {
        guard !isEmpty else { return .p(.text("Nothing is overdue. Contacts, visits, agreements, reviews, action steps and goals are up to date.")) }
        return .div(.class("work"),
            list("Visits this week", visitsThisWeek),
            list("Families past the contact gap", contactOverdue),
            list("Contact due soon", contactDueSoon),
            list("Families behind on visits", behindOnVisits),
            list("Agreements not started by the deadline", lateAgreements),
            list("Reviews due", reviewsDue),
            list("Action steps due this week", stepsDue),
            list("Goals with no progress note in 60 days", quietGoals),
            list("Referral follow-ups overdue", followUps),
            list("Parents' requests to inspect records", inspectionsDue),
            list("Partner MOUs to renew", mouRenewals))
    }

    private func list(_ heading: String, _ items: [Item]) -> Node<HTML.BodyContext> {
        guard !items.isEmpty else { return .empty }
        return .section(
            .h3(.text("\(heading) (\(items.count))")),
            .ul(.forEach(items.prefix(Self.shown)) { item in
                .li(.a(.href(item.link), .text(item.family)), .text(" — " + item.text))
            }),
            .if(items.count > Self.shown, .p(.class("hint"), .text("and \(items.count - Self.shown) more")))
        )
    }
}
