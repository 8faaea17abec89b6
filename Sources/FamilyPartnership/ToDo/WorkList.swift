import Fluent
import Foundation
import PartnershipRules
import Plot

/// The home page's to-do: what needs doing over the families the staff member may see. Each section is counted
/// and its first items read in the database, one query per section, so its cost follows what is shown, not the
/// size of the program; each links to its whole list, page by page.
struct WorkList {
    struct Item: Sendable {
        let family: String
        let text: String
        let link: String
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
        case followUps = "follow-ups"
        case inspectionsDue = "inspection-requests"
        case mouRenewals = "mou-renewals"

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
            case .followUps: "Referral follow-ups overdue"
            case .inspectionsDue: "Parents' requests to inspect records"
            case .mouRenewals: "Partner MOUs to renew"
            }
        }

        /// Whether the section is this staff member's work at all.
        func applies(to access: Access) -> Bool {
            switch self {
            case .inspectionsDue: access.mayAnswerRecordRequests
            case .mouRenewals: access.mayManagePartners
            default: access.familyReach != .none
            }
        }
    }

    /// One section: how many items it has in all, and those of the page asked for.
    struct Section: Sendable {
        let kind: Kind
        let total: Int
        let items: [Item]
    }

    /// Which items of a section to read.
    struct Window: Sendable {
        var limit: Int
        var offset: Int = 0
        static let home = Window(limit: 8)
    }

    let sections: [Section]

    var count: Int { sections.reduce(0) { $0 + $1.total } }
    var isEmpty: Bool { count == 0 }

    static func load(staff: SignedIn, clock: ProgramClock, on db: any Database) async throws -> WorkList {
        let work = try await WorkQueries(staff: staff, clock: clock, on: db)
        var sections: [Section] = []
        for kind in Kind.allCases where kind.applies(to: staff.access) {
            sections.append(try await work.section(kind, .home))
        }
        return WorkList(sections: sections)
    }

    // MARK: View

    func view() -> Node<HTML.BodyContext> {
        guard !isEmpty else { return .p(.text("Nothing is overdue. Contacts, visits, agreements, reviews, action steps and goals are up to date.")) }
        return .div(.class("work"), .forEach(sections.filter { $0.total > 0 }) { section in
            .section(
                .h3(.text("\(section.kind.heading) (\(section.total))")),
                Self.items(section.items),
                .if(section.total > section.items.count,
                    .p(.a(.href(SiteURL.toDo(section.kind.rawValue).path), .text("All \(section.total) →"))))
            )
        })
    }

    static func items(_ items: [Item]) -> Node<HTML.BodyContext> {
        .ul(.class("todo"), .forEach(items) { item in .li(.a(.href(item.link), .text(item.family)), .text(" — " + item.text)) })
    }
}
