import Fluent
import Foundation
import PartnershipRules
import Plot

/// A family's page, built for a worker on a phone in the family's kitchen: first a summary (who, how to reach
/// them, the point of contact, the agreement's stage, the next visit, the last contact and what is overdue for
/// this family), then the sections, each short, reached from a list of links at the top. Lists that grow for
/// years (visits, contacts, referrals, services, access history) show their latest few and link to their own pages.
enum FamilyShow {
    /// The page's sections, in order, with the ids the in-page links point to.
    enum Section: String, CaseIterable {
        case agreement, needs, visits, outcomes, household, privacy

        var title: String {
            switch self {
            case .agreement: "Agreement"
            case .needs: "Needs and referrals"
            case .visits: "Visits and contacts"
            case .outcomes: "Outcomes"
            case .household: "Household"
            case .privacy: "Privacy"
            }
        }
    }

    /// How many of a long list the page shows before linking to the whole list.
    static let shown = 3

    struct Model {
        let family: Family
        let siteName: String?
        let pointOfContact: String?
        let adults: [FamilyMember]
        let children: [FamilyMember]
        let team: [TeamMember]
        let access: Access
        let outcomes: OutcomeHistory
        let needs: [FamilyNeed]
        /// The referrals made for each open need.
        let needReferrals: [UUID: [Referral]]
        let catalog: ServiceCatalog
        /// Open referrals, the latest first (at most `openReferralsShown`), and how many referrals there are in all.
        let openReferrals: [Referral]
        let referralCount: Int
        /// The latest services received, and how many in all.
        let services: [ServiceRecord]
        let serviceCount: Int
        let plans: [AgencyPlan]
        let agreement: Agreement?
        let agreementDue: CalendarDate?
        let goals: [Goal]
        /// Action steps of the family's goals past their due day and not done.
        let stepsPastDue: Int
        /// For staff who handle sharing: current consents and pending requests (nil for everyone else).
        let privacy: (consents: Int, pendingRequests: Int)?
        let visits: VisitFamilySection
        /// The children's moves still ahead, by the program's kindergarten dates.
        let transitions: [ChildTransition]
        let today: CalendarDate

        static let openReferralsShown = 10

        static func load(_ family: Family, staff: SignedIn, today: CalendarDate, on db: any Database) async throws -> Model {
            let id = try family.requireID()
            try await family.$site.load(on: db)
            try await family.$pointOfContact.load(on: db)
            let members = try await FamilyMember.query(on: db).filter(\.$family.$id == id).sort(\.$name).all()
            let team = try await TeamMember.query(on: db).filter(\.$family.$id == id).with(\.$staff).all()
                .sorted { $0.staff.name < $1.staff.name }
            let program = try await Program.find(staff.programID, on: db).orThrow()
            let agreement = try await AgreementCommands.agreement(for: id, year: program.year(containing: today), on: db)
            let goals = try await agreement.asyncMap { try await Goal.query(on: db).filter(\.$agreement.$id == $0.requireID()).sort(\.$createdAt).all() } ?? []
            let needs = try await FamilyNeed.query(on: db).filter(\.$family.$id == id).filter(\.$metOn == nil)
                .sort(\.$identifiedOn, .descending).all()
            let children = members.filter { $0.kind == .child }.sorted { ($0.dateOfBirth ?? "") < ($1.dateOfBirth ?? "") }
            let needReferrals = needs.isEmpty ? [:] : Dictionary(grouping: try await Referral.query(on: db).filter(\.$family.$id == id)
                .filter(\.$need.$id ~~ needs.map { try $0.requireID() }).all(), by: { $0.$need.id! })
            let due = family.enrollmentStatus == .enrolled
                ? family.enrolledOn.flatMap(CalendarDate.init).map { program.agreementSchedule.startDeadline(enrolledOn: $0) } : nil
            let closed = ReferralStatus.allCases.filter(\.isClosed)
            return Model(family: family, siteName: family.site?.name, pointOfContact: family.pointOfContact?.name,
                         adults: members.filter { $0.kind == .adult },
                         children: children,
                         team: team, access: staff.access,
                         outcomes: try await OutcomeHistory.load(family: id, on: db), needs: needs, needReferrals: needReferrals,
                         catalog: try await ServiceCatalog.load(program: staff.programID, on: db),
                         openReferrals: try await Referral.query(on: db).filter(\.$family.$id == id).filter(\.$status !~ closed).with(\.$provider)
                             .sort(\.$requestedOn, .descending).limit(openReferralsShown).all(),
                         referralCount: try await Referral.query(on: db).filter(\.$family.$id == id).count(),
                         services: try await ServiceRecord.query(on: db).filter(\.$family.$id == id).sort(\.$providedOn, .descending)
                             .limit(FamilyShow.shown).all(),
                         serviceCount: try await ServiceRecord.query(on: db).filter(\.$family.$id == id).count(),
                         plans: try await AgencyPlan.visible(family: id, to: staff, on: db).sort(\.$agency).all(),
                         agreement: agreement, agreementDue: due, goals: goals,
                         stepsPastDue: !goals.contains { $0.state == .active } ? 0 : try await ActionStep.query(on: db).filter(\.$familyID == id)
                             .filter(\.$goal.$id ~~ goals.filter { $0.state == .active }.map { try $0.requireID() })
                             .filter(\.$doneOn == nil).filter(\.$dueOn < today.description).count(),
                         privacy: try await privacySummary(family: id, staff: staff, today: today, on: db),
                         visits: try await VisitFamilySection.load(family, program: program, mayEdit: staff.access.mayEditFamilies, today: today, on: db),
                         transitions: ChildTransition.upcoming(children: children, goals: goals, today: today, kindergarten: program.kindergarten),
                         today: today)
        }

        /// What is overdue for this family today, each as a sentence, the most pressing first.
        var overdue: [String] {
            var items: [String] = []
            if case .overdue(let since) = visits.standing {
                items.append("Contact was due by \(Display.date(since.description)).")
            }
            if let behind = visits.behind, behind.isBehind { items.append("Behind on visits: \(behind.text).") }
            if agreement == nil, let due = agreementDue, due < today {
                items.append("The partnership agreement was due by \(Display.date(due.description)).")
            }
            if let agreement, let review = CalendarDate(agreement.nextReviewOn), review < today {
                items.append("The agreement's review was due \(Display.date(review.description)).")
            }
            if stepsPastDue > 0 { items.append("\(stepsPastDue) action step\(stepsPastDue == 1 ? "" : "s") past due.") }
            let followUps = openReferrals.filter { ReferralRules.isFollowUpOverdue(status: $0.status, followUpOn: CalendarDate($0.followUpOn) ?? today, today: today) }
            if !followUps.isEmpty {
                items.append("\(followUps.count) referral follow-up\(followUps.count == 1 ? "" : "s") overdue.")
            }
            for transition in transitions where !transition.planned && transition.dates.planBy < today {
                items.append("\(transition.child.name)'s transition plan was due by \(Display.date(transition.dates.planBy.description)).")
            }
            return items
        }

        private static func privacySummary(family: UUID, staff: SignedIn, today: CalendarDate, on db: any Database) async throws -> (Int, Int)? {
            guard staff.access.maySeePrivacyRecords else { return nil }
            let consents = try await Consent.query(on: db).filter(\.$family.$id == family).all().filter { $0.isCurrent(on: today) }
            let pending = try await RecordRequest.query(on: db).filter(\.$family.$id == family).filter(\.$answeredOn == nil).count()
            return (consents.count, pending)
        }
    }

    struct View {
        let model: Model
        let csrf: String

        private var family: Family { model.family }
        private var id: UUID { family.id! }
        private var mayEdit: Bool { model.access.mayEditFamilies }

        var body: [Node<HTML.BodyContext>] {
            [
                summary,
                .nav(.class("sections"), .ariaLabel("On this page"), .ul(
                    .forEach(Section.allCases.filter { $0 != .privacy || model.privacy != nil }) { .li(.a(.href("#\($0.rawValue)"), .text($0.title))) },
                    .if(model.access.maySeeAccessHistory,
                        .li(.a(.href(SiteURL.familyHistory(id, list: FamilyHistory.List.access.rawValue).path), .text("Access history"))))
                )),
                section(.agreement, agreementSummary, goalList, transitions),
                section(.needs, needs, referrals),
                section(.visits, model.visits.view(csrf: csrf)),
                section(.outcomes, outcomes),
                section(.household, household),
                .unwrap(model.privacy) { section(.privacy, privacy($0)) },
            ]
        }

        private func section(_ section: Section, _ content: Node<HTML.BodyContext>...) -> Node<HTML.BodyContext> {
            .element(named: "section", nodes: [.id(section.rawValue), .attribute(named: "aria-labelledby", value: section.rawValue + "-h"),
                                                .h2(.id(section.rawValue + "-h"), .text(section.title)), .group(content)])
        }

        /// Who the family is, how to reach them, and where their work stands: the page's first screen.
        private var summary: Node<HTML.BodyContext> {
            let next = model.visits.next
            let overdue = model.overdue
            return .div(
                .class("glance"),
                .h1(.text(family.householdName)),
                .p(.span(.class("tag"), .text(family.enrollmentStatus.label)),
                   .text([family.programOption?.label, model.siteName].compactMap { $0 }.map { " · " + $0 }.joined())),
                VisitPages.reachBy(family),
                .dl(
                    .detail("Point of contact", model.pointOfContact ?? "None yet"),
                    .dt(.text("Agreement")), .dd(.text(agreementStage)),
                    .dt(.text("Next visit")),
                    .dd(next.map { planned in
                        .group(.a(.href(SiteURL.visit(id, visit: planned.visit.id!).path),
                                  .text("\(model.visits.typeNames[planned.visit.$type.id] ?? "Visit"), \(VisitPages.when(planned.visit))")),
                               .text(planned.staff.isEmpty ? "" : " with \(planned.staff.joined(separator: ", "))"))
                    } ?? .text("None scheduled")),
                    .detail("Last contact", model.visits.lastContact.map { Display.date($0.description) } ?? "None logged yet")
                ),
                overdue.isEmpty ? .p(.class("hint"), .text("Nothing is overdue for this family."))
                    : .div(.class("warning"), .strong(.text("Overdue")), .ul(.forEach(overdue) { .li(.text($0)) })),
                .if(mayEdit, .div(.class("actions"),
                    .a(.href(SiteURL.contactNew(id).path), .text("Log a contact")),
                    .a(.href(SiteURL.visitNew(id).path), .text("Schedule a visit"))))
            )
        }

        private var agreementStage: String {
            guard let agreement = model.agreement else {
                return "Not started for this program year" + (model.agreementDue.map { "; due \(Display.date($0.description))" } ?? "")
            }
            let active = model.goals.filter { $0.state == .active }.count
            return "Started \(Display.date(agreement.startedOn)); \(active) active goal\(active == 1 ? "" : "s"); next review \(Display.date(agreement.nextReviewOn))"
        }

        /// The active goals, each a link to its page (steps, progress notes, referrals).
        private var goalList: Node<HTML.BodyContext> {
            let active = model.goals.filter { $0.state == .active }
            return .if(!active.isEmpty, .group(.h3(.text("Active goals")), .ul(.class("goals"), .forEach(active) { goal in
                .li(.a(.href(SiteURL.goal(id, goal: goal.id!).path), .text(goal.goal)),
                    .unwrap(goal.targetOn) { .text(" · by \(Display.date($0))") },
                    .if(mayEdit, .group(.text(" · "),
                        .a(.href(SiteURL.referralNew(id).path + "?goal=\(goal.id!.uuidString.lowercased())"), .ariaLabel("Refer for: \(goal.goal)"), .text("Refer")))))
            })))
        }

        private var needs: Node<HTML.BodyContext> {
            .group(
                .h3(.text("Open needs")),
                model.needs.isEmpty ? .p(.text("No open needs recorded.")) : .ul(.class("needs"), .forEach(model.needs) { need in
                    .li(.strong(.text(model.catalog.label(need.category))), .text(" — \(need.description) (\(need.urgency.label.lowercased()), \(need.intensity.label.lowercased()))"),
                        .text(thread(of: need)),
                        .if(mayEdit, .div(.class("actions"),
                            .a(.href(SiteURL.referralNew(id).path + "?need=\(need.id!.uuidString.lowercased())"), .text("Refer")),
                            .if(model.agreement != nil && !model.goals.contains { $0.$need.id == need.id },
                                .a(.href(SiteURL.goalNew(id).path + "?need=\(need.id!.uuidString.lowercased())"), .text("Set a goal"))),
                            FormKit.form(action: SiteURL.needMet(id, need: need.id!).path, csrf: csrf, class: "inline", [
                                FormKit.submit("Mark met", secondary: true),
                            ]))))
                })
            )
        }

        /// A need's goal and referrals, as words after it: " · goal: Find steady work · 2 referrals, 1 open".
        private func thread(of need: FamilyNeed) -> String {
            let goal = model.goals.first { $0.$need.id == need.id }.map { " · goal: \($0.goal)" } ?? ""
            let referrals = model.needReferrals[need.id!] ?? []
            let open = referrals.filter { !$0.status.isClosed }.count
            let made = referrals.isEmpty ? "" : " · \(referrals.count) referral\(referrals.count == 1 ? "" : "s")" + (open > 0 ? ", \(open) open" : "")
            return goal + made
        }

        private var referrals: Node<HTML.BodyContext> {
            .group(
                .h3(.text("Open referrals")),
                .if(mayEdit, .div(.class("actions"),
                    .a(.href(SiteURL.referralNew(id).path), .text("Make a referral")),
                    .a(.href(SiteURL.serviceNew(id).path), .text("Record a service received")))),
                model.openReferrals.isEmpty ? .p(.text("No open referrals.")) : .ul(.forEach(model.openReferrals) {
                    ReferralPages.item($0, family: id, catalog: model.catalog)
                }),
                .if(model.referralCount > 0, .p(.a(.href(SiteURL.familyHistory(id, list: FamilyHistory.List.referrals.rawValue).path),
                                                   .text("All \(model.referralCount) referral\(model.referralCount == 1 ? "" : "s") →")))),
                .if(!model.services.isEmpty, .group(
                    .h3(.text("Services received")),
                    .ul(.forEach(model.services) { .li(.text(ReferralPages.line($0, catalog: model.catalog))) }),
                    .if(model.serviceCount > model.services.count,
                        .p(.a(.href(SiteURL.familyHistory(id, list: FamilyHistory.List.services.rawValue).path), .text("All \(model.serviceCount) services →"))))
                )),
                .h3(.id("plans"), .text("Plans with other agencies")),
                model.plans.isEmpty ? .p(.text("None recorded.")) : AgencyPlanPages.list(model.plans),
                .if(mayEdit, .p(.a(.href(SiteURL.agencyPlanNew(id).path), .text("Record a plan with another agency"))))
            )
        }

        private var outcomes: Node<HTML.BodyContext> {
            .group(
                .if(mayEdit, .div(.class("actions"), .a(.href(SiteURL.assessmentNew(id).path), .text("Assess the family")))),
                model.outcomes.charts(),
                model.outcomes.table(),
                .if(!model.outcomes.points.isEmpty, .ul(.forEach(model.outcomes.points.reversed()) { point in
                    .li(.a(.href(SiteURL.assessment(id, assessment: point.assessment.id!).path),
                           .text("\(point.assessment.period.capitalized), \(Display.date(point.assessment.takenOn))")),
                        .text(" · \(point.instrumentName)"))
                }))
            )
        }

        private var household: Node<HTML.BodyContext> {
            .group(
                .if(mayEdit, .div(.class("actions"),
                    .a(.href(SiteURL.familyEdit(id).path), .text("Edit household")),
                    .a(.href(SiteURL.memberNew(id).path + "?kind=adult"), .text("Add an adult")),
                    .a(.href(SiteURL.memberNew(id).path + "?kind=child"), .text("Add a child")),
                    .if(model.access.mayChangeEnrollment, .a(.href(SiteURL.familyEnrollment(id).path), .text("Enroll or exit"))),
                    .if(model.access.mayManageTeams, .a(.href(SiteURL.familyTeam(id).path), .text("Change team"))))),
                .dl(
                    .detail("Address", [family.addressLine, family.city, family.state, family.postalCode].compactMap { $0 }.joined(separator: ", ")),
                    .detail("Phone", [family.phone, family.alternatePhone].compactMap { $0.map(Display.phone) }.joined(separator: " · ")),
                    .detail("Email", family.email),
                    .detail("Preferred language", family.preferredLanguage),
                    .detail("Best way to reach", family.preferredChannel?.label),
                    .detail("Best times", family.preferredTimes),
                    .detail("Program option", family.programOption?.label),
                    .detail("Site", model.siteName),
                    .detail("Enrollment", enrollmentText),
                    .detail("Reason for leaving", family.exitReason?.label)
                ),
                .h3(.text("Adults")),
                model.adults.isEmpty ? .p(.text("No adults recorded yet.")) : .table(
                    .class("stack"),
                    .thead(.tr(.th(.text("Name")), .th(.text("Relationship")), .th(.text("Language")), .th(.text("Contact")))),
                    .tbody(.forEach(model.adults) { adult in
                        .tr(.td(memberLink(adult), .if(adult.isFatherFigure, .text(" (father / father figure)"))),
                            .td(.text(adult.relationship?.label ?? "—")),
                            .td(.text(adult.primaryLanguage ?? "—")),
                            .td(.text([adult.phone.map(Display.phone), adult.email].compactMap { $0 }.joined(separator: " · "))))
                    })
                ),
                .h3(.text("Children")),
                model.children.isEmpty ? .p(.text("No children recorded yet.")) : .table(
                    .class("stack"),
                    .thead(.tr(.th(.text("Name")), .th(.text("Date of birth")), .th(.text("Program")), .th(.text("Notes")))),
                    .tbody(.forEach(model.children) { child in
                        .tr(.td(memberLink(child)),
                            .td(.text(child.dateOfBirth.map { Display.birth($0, today: model.today) } ?? "—")),
                            .td(.text([child.programType?.label, child.classroom].compactMap { $0 }.joined(separator: " · "))),
                            .td(.text(childNotes(child))))
                    })
                ),
                .h3(.text("Team")),
                model.team.isEmpty ? .p(.text("No one is on this family's team yet.")) : .ul(.forEach(model.team) { member in
                    .li(.text("\(member.staff.name) — \(member.role.label)"),
                        .if(member.$staff.id == family.$pointOfContact.id, .strong(.text(" (point of contact)"))))
                }),
                .p(.a(.href(SiteURL.familyMeetings(id).path), .text("Team meetings and case conferences →")))
            )
        }

        /// "Applied Sep 2, 2026 · Enrolled Sep 15, 2026 · Exited …"
        private var enrollmentText: String {
            [family.appliedOn.map { "Applied \(Display.date($0))" }, family.enrolledOn.map { "Enrolled \(Display.date($0))" },
             family.exitedOn.map { "Exited \(Display.date($0))" }].compactMap { $0 }.joined(separator: " · ")
        }

        private func privacy(_ privacy: (consents: Int, pendingRequests: Int)) -> Node<HTML.BodyContext> {
            .p(.text("\(privacy.consents) current consent\(privacy.consents == 1 ? "" : "s") to share"
                     + (privacy.pendingRequests > 0 ? " · \(privacy.pendingRequests) request\(privacy.pendingRequests == 1 ? "" : "s") from the parent pending" : "")
                     + " · "), .a(.href(SiteURL.familyPrivacy(id).path), .text("Consents, sharing and the disclosure log")))
        }

        /// Each child's next transition, with a prompt to start the plan once the move is less than a year away.
        private var transitions: Node<HTML.BodyContext> {
            let today = model.today
            let upcoming = model.transitions
            guard !upcoming.isEmpty else { return .empty }
            return .group(.h3(.text("Transitions")), .ul(.forEach(upcoming) { transition in
                let child = transition.child, dates = transition.dates
                return .li(
                    .text("\(child.name): \(dates.kind.label), \(Display.date(dates.moves.description)); plan by \(Display.date(dates.planBy.description)). "),
                    transition.planned ? .strong(.text("Plan in the agreement.")) :
                        .if(transition.isPromptDue(today: today) && model.access.mayEditFamilies,
                            model.agreement == nil ? .text("Start this year's agreement to add the plan.") :
                                .a(.href(SiteURL.goalNew(id).path + "?transition=\(dates.kind.rawValue)&child=\(child.id!.uuidString.lowercased())"),
                                   .text("Start a transition plan")))
                )
            }))
        }

        private var agreementSummary: Node<HTML.BodyContext> {
            .group(
                .p(.text(agreementStage + ".")),
                .div(.class("actions"),
                     .a(.href(SiteURL.agreement(id).path), .text("Open the agreement")),
                     .if(model.agreement != nil, .a(.href(SiteURL.agreementPrint(id).path), .text("Print it for the family")))))
        }

        private func memberLink(_ member: FamilyMember) -> Node<HTML.BodyContext> {
            model.access.mayEditFamilies
                ? .a(.href(SiteURL.memberEdit(id, member: member.id!).path), .text(member.name))
                : .text(member.name)
        }

        private func childNotes(_ child: FamilyMember) -> String {
            var notes: [String] = []
            if child.hasIFSPOrIEP { notes.append("IFSP/IEP") }
            if child.inFosterCare { notes.append("in foster care") }
            return notes.joined(separator: ", ")
        }
    }
}
