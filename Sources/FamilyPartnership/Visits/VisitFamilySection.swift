import Fluent
import Foundation
import PartnershipRules
import Plot

/// The family page's "Visits and contacts": where the family stands on contact and on the visits its program
/// option requires, the next few visits with who goes, and the latest visits and contacts. The full lists are
/// on their own pages (`FamilyHistory`), so the section stays short however long the family has been enrolled.
struct VisitFamilySection {
    /// A visit with the names of the staff going.
    struct Planned {
        let visit: Visit
        let staff: [String]
    }

    static let shown = 3

    let family: Family
    let standing: ContactGap.Standing
    let lastContact: CalendarDate?
    let behind: VisitStanding.Behind?
    let upcoming: [Planned]
    let upcomingCount: Int
    let past: [Visit]
    let contacts: [Contact]
    let typeNames: [UUID: String]
    let mayEdit: Bool

    var next: Planned? { upcoming.first }

    static func load(_ family: Family, program: Program, mayEdit: Bool, today: CalendarDate, on db: any Database) async throws -> VisitFamilySection {
        let id = try family.requireID()
        func ahead() -> QueryBuilder<Visit> {
            Visit.query(on: db).filter(\.$family.$id == id).filter(\.$status == .scheduled).filter(\.$scheduledOn >= today.description)
        }
        let upcoming = try await ahead().sort(\.$scheduledOn).sort(\.$startsAt).limit(shown).all()
        let going = try await attendees(of: upcoming, on: db)
        let past = try await Visit.query(on: db).filter(\.$family.$id == id)
            .group(.or) { $0.filter(\.$status != .scheduled).filter(\.$scheduledOn < today.description) }
            .sort(\.$scheduledOn, .descending).sort(\.$startsAt, .descending).limit(shown).all()
        let last = try await VisitStanding.lastContacts(families: [id], today: today, on: db)[id]
        let enrolled = family.enrolledOn.flatMap(CalendarDate.init) ?? today
        var behind: VisitStanding.Behind?
        if let option = family.programOption {
            let requirement = try await ProgramVisitRequirement.all(program: program.requireID(), on: db)[option] ?? .standard(for: option)
            let span = VisitStanding.span(year: program.yearStart(containing: today), enrolledOn: family.enrolledOn.flatMap(CalendarDate.init))
            let done = try await VisitStanding.visitsDone(families: [id], from: span.from, through: span.through, on: db)[id] ?? (0, 0)
            behind = VisitStanding.behind(done: done, requirement: requirement, span: span, today: today)
        }
        return VisitFamilySection(
            family: family, standing: program.contactGap.standing(lastContact: last, enrolledOn: enrolled, today: today), lastContact: last,
            behind: behind,
            upcoming: upcoming.map { visit in
                Planned(visit: visit, staff: going.filter { $0.$visit.id == visit.id }.map(\.staff.name).sorted())
            },
            upcomingCount: upcoming.count < shown ? upcoming.count : try await ahead().count(),
            past: past,
            contacts: try await Contact.query(on: db).filter(\.$family.$id == id).sort(\.$contactedOn, .descending).sort(\.$createdAt, .descending)
                .limit(shown).all(),
            typeNames: Dictionary(uniqueKeysWithValues: try await VisitTypes.all(program: program.requireID(), on: db).map { ($0.id!, $0.name) }),
            mayEdit: mayEdit)
    }

    /// Who goes on each of `visits` (none asked, no query).
    static func attendees(of visits: [Visit], on db: any Database) async throws -> [VisitStaff] {
        guard !visits.isEmpty else { return [] }
        return try await VisitStaff.query(on: db).filter(\.$visit.$id ~~ visits.map { try $0.requireID() }).with(\.$staff).all()
    }

    func view(csrf: String) -> Node<HTML.BodyContext> {
        let id = family.id!
        let declined = family.declinedHomeVisitsOn
        return .group(
            .p(.text(contactText)),
            .unwrap(behind) { behind in
                .p(.class(behind.isBehind ? "warning" : "hint"), .text("This program year: \(behind.text)" + (behind.isBehind ? " — behind" : "") + "."))
            },
            .unwrap(declined) { on in
                .p(.class("tag"), .text("Declined home visits on \(Display.date(on))"
                    + (family.declinedHomeVisitsHow.map { " (\($0.label.lowercased()))" } ?? "")
                    + (family.declinedHomeVisitsWords.map { ": “\($0)”" } ?? "")
                    + "; the fair draw leaves the family out."))
            },
            .if(mayEdit, .div(.class("actions"),
                .a(.href(SiteURL.visitNew(id).path), .text("Schedule a visit")),
                .a(.href(SiteURL.contactNew(id).path), .text("Log a contact")),
                declined == nil
                    ? .a(.href(SiteURL.visitsDeclined(id).path), .text("The family declined home visits…"))
                    : FormKit.form(action: SiteURL.visitsDeclined(id).path, csrf: csrf, class: "inline", [
                        FormKit.hidden("declined", "off"),
                        FormKit.submit("The family is open to home visits again", secondary: true),
                    ]))),
            .if(!upcoming.isEmpty, .group(
                .h3(.text(upcomingCount > upcoming.count ? "Coming up (next \(upcoming.count) of \(upcomingCount))" : "Coming up")),
                .ul(.forEach(upcoming) { Self.item($0.visit, family: id, typeName: typeNames[$0.visit.$type.id], staff: $0.staff) }),
                .if(upcomingCount > upcoming.count,
                    .p(.a(.href(SiteURL.familyHistory(id, list: FamilyHistory.List.upcoming.rawValue).path), .text("All \(upcomingCount) upcoming visits →")))))),
            .if(!past.isEmpty, .group(
                .h3(.text("Earlier visits")),
                .ul(.forEach(past) { Self.item($0, family: id, typeName: typeNames[$0.$type.id]) }),
                .p(.a(.href(SiteURL.familyHistory(id, list: FamilyHistory.List.visits.rawValue).path), .text("All visits →"))))),
            .if(!contacts.isEmpty, .group(
                .h3(.text("Latest contacts")),
                .ul(.forEach(contacts) { .li(.text(Self.line($0))) }),
                .p(.a(.href(SiteURL.familyHistory(id, list: FamilyHistory.List.contacts.rawValue).path), .text("All contacts →")))))
        )
    }

    /// A contact as one line: when, how, who started it, in which language, and what was said.
    static func line(_ contact: Contact) -> String {
        "\(Display.date(contact.contactedOn)) · \(contact.medium.label) · started by \(contact.startedBy == .family ? "the family" : "staff")"
            + " · \(contact.language)\(contact.interpreter ? " with an interpreter" : "") — \(contact.summary)"
    }

    /// A visit as a list item linking to it: its kind, when, where, how it stands and (when known) who goes.
    static func item(_ visit: Visit, family: UUID, typeName: String?, staff: [String] = []) -> Node<HTML.ListContext> {
        .li(.a(.href(SiteURL.visit(family, visit: visit.id!).path), .text(typeName ?? "Visit")),
            .text(" — \(VisitPages.when(visit)) · \(visit.place.label.lowercased()) · \(visit.status.label.lowercased())"
                  + (staff.isEmpty ? "" : " · with \(staff.joined(separator: ", "))")))
    }

    /// The last contact and when the next is due.
    var contactText: String {
        let last = lastContact.map { "Last contact \(Display.date($0.description))" } ?? "No contact logged yet"
        switch standing {
        case .fine: return last + "."
        case .dueSoon(let due): return last + ". Next contact due by \(Display.date(due.description))."
        case .overdue(let since): return last + ". Contact was due by \(Display.date(since.description)): reach out to the family."
        }
    }
}
