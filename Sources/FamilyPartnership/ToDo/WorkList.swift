import Fluent
import Foundation
import PartnershipRules
import Plot

/// The home page's to-do: what needs doing over the families the staff member may see. Each section is counted
/// and its first items read in the database, one query per section, so its cost follows what is shown, not the
/// size of the program; each links to its whole list, page by page.
struct WorkList {
    struct Item: Sendable {
        /// The family the item is about, when it is about one.
        var familyID: UUID? = nil
        let family: String
        let text: String
        let link: String
        /// Whose the item is (the family's point of contact), on the lists of staff who see others' families.
        var whose: String? = nil
    }

    enum Kind: String, CaseIterable, Sendable {
        case visitsThisWeek = "visits-this-week"
        case contactOverdue = "contact-overdue"
        case contactDueSoon = "contact-due-soon"
        case behindOnVisits = "behind-on-visits"
        case lateAgreements = "late-agreements"
        case reviewsDue = "reviews-due"
        case stepsDue = "steps-due"
        case quietGoals = "quiet-goals"
        case transitionPlans = "transition-plans"
        case followUps = "follow-ups"
        case inspectionsDue = "inspection-requests"
        case mouRenewals = "mou-renewals"
        case caseloadExceptions = "caseload-exceptions"

        var heading: String {
            switch self {
            case .visitsThisWeek: "Visits this week"
            case .contactOverdue: "Families past the contact gap"
            case .contactDueSoon: "Contact due soon"
            case .behindOnVisits: "Families behind on visits"
            case .lateAgreements: "Agreements not started by the deadline"
            case .reviewsDue: "Reviews due"
            case .stepsDue: "Action steps due this week"
            case .quietGoals: "Goals with no progress note in 60 days"
            case .transitionPlans: "Transition plans overdue"
            case .followUps: "Referral follow-ups overdue"
            case .inspectionsDue: "Parents' requests to inspect records"
            case .mouRenewals: "Partner MOUs to renew"
            case .caseloadExceptions: "Caseload exceptions ending while over the limit"
            }
        }

        /// Whether the section is this staff member's work at all: agreement deadlines are the family service
        /// worker's, referral follow-ups also the home visitor's who refers, contact, goals and children's
        /// transitions also the teacher's (communication every six weeks, classroom child goals, kindergarten);
        /// everyone on a team has visits and action steps; caseload exceptions are their supervisors'. Those who
        /// see the whole program see all of it.
        func applies(to staff: SignedIn) -> Bool {
            let access = staff.access
            let oversight: Set<StaffRole> = [.director, .manager, .dataViewer]
            switch self {
            case .inspectionsDue: return access.mayAnswerRecordRequests
            case .mouRenewals: return access.mayManagePartners
            case .caseloadExceptions: return staff.overseesCaseloads
            case .visitsThisWeek, .stepsDue: return access.familyReach != .none
            case .lateAgreements, .reviewsDue: return !access.roles.isDisjoint(with: oversight.union([.familyServiceWorker]))
            case .followUps: return !access.roles.isDisjoint(with: oversight.union([.familyServiceWorker, .homeVisitor]))
            case .contactOverdue, .contactDueSoon, .behindOnVisits, .quietGoals, .transitionPlans:
                return !access.roles.isDisjoint(with: oversight.union([.familyServiceWorker, .homeVisitor, .teacher]))
            }
        }

        /// Work on the families of caseloads, as opposed to the staff member's own visits, the office's requests
        /// and MOUs, and the staff's caseload exceptions. Over a whole program these are counted on their own pages,
        /// not on the home page.
        var isCaseloadWork: Bool {
            switch self {
            case .visitsThisWeek, .inspectionsDue, .mouRenewals, .caseloadExceptions: false
            default: true
            }
        }
    }

    /// One section: how many items it has, and those of the page asked for. A section is counted up to its
    /// window's `countUpTo` (beyond that, `isMore`): enough to say "1,000+" without counting a program's every item.
    struct Section: Sendable {
        let kind: Kind
        let total: Int
        let isMore: Bool
        let items: [Item]

        var totalText: String { Display.count(total) + (isMore ? "+" : "") }
    }

    /// Which items of a section to read, and how far to count it.
    struct Window: Sendable {
        var limit: Int
        var offset: Int = 0
        var countUpTo: Int = 1_000
        static let home = Window(limit: 8)
    }

    /// The sections counted here, and those only linked to (a whole program's caseload work).
    let sections: [Section]
    let linked: [Kind]

    var count: Int { sections.reduce(0) { $0 + $1.total } }
    var isEmpty: Bool { count == 0 && linked.isEmpty }

    /// The home page's sections. Staff who see a whole program get their own work counted and the program's
    /// caseload work as links to its lists: counting it would read every family of the program on each visit
    /// to the home page.
    static func load(staff: SignedIn, clock: ProgramClock, on db: any Database) async throws -> WorkList {
        let work = try await WorkQueries(staff: staff, clock: clock, on: db)
        let kinds = Kind.allCases.filter { $0.applies(to: staff) }
        let wholeProgram = staff.access.familyReach == .wholeProgram
        var sections: [Section] = []
        for kind in kinds where !(wholeProgram && kind.isCaseloadWork) {
            sections.append(try await work.section(kind, .home))
        }
        return WorkList(sections: sections, linked: wholeProgram ? kinds.filter(\.isCaseloadWork) : [])
    }

    // MARK: View

    func view() -> Node<HTML.BodyContext> {
        guard !isEmpty else { return .p(.text("Nothing is overdue. Contacts, visits, agreements, reviews, action steps and goals are up to date.")) }
        return .div(.class("work"), .forEach(sections.filter { $0.total > 0 }) { section in
            .section(
                .h3(.text("\(section.kind.heading) (\(section.totalText))")),
                Self.items(section.items),
                .if(section.total > section.items.count,
                    .p(.a(.href(SiteURL.toDo(section.kind.rawValue).path), .text("All \(section.totalText) →"))))
            )
        }, .if(!linked.isEmpty, .section(
            .h3(.text("Across the program")),
            .ul(.class("todo"), .forEach(linked) { kind in .li(.a(.href(SiteURL.toDo(kind.rawValue).path), .text(kind.heading))) })
        )))
    }

    static func items(_ items: [Item]) -> Node<HTML.BodyContext> {
        .ul(.class("todo"), .forEach(items) { item in
            .li(.a(.href(item.link), .text(item.family)), .text(" — " + item.text), .unwrap(item.whose) { .span(.class("whose"), .text(" · " + $0)) })
        })
    }
}
