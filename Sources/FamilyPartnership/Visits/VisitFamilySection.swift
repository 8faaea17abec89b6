import Fluent
import Foundation
import PartnershipRules
import Plot

/// The family page's "Visits and contacts": how to reach the family, where it stands on contact and on the
/// visits its program option requires, upcoming visits, and the latest visits and contacts.
struct VisitFamilySection {
    let family: Family
    let standing: ContactGap.Standing
    let lastContact: CalendarDate?
    let behind: VisitStanding.Behind?
    let upcoming: [Visit]
    let past: [Visit]
    let contacts: [Contact]
    let typeNames: [UUID: String]
    let mayEdit: Bool

    static func load(_ family: Family, program: Program, mayEdit: Bool, today: CalendarDate, on db: any Database) async throws -> VisitFamilySection {
        let id = try family.requireID()
        let visits = try await Visit.query(on: db).filter(\.$family.$id == id).sort(\.$scheduledOn, .descending).sort(\.$startsAt, .descending)
            .limit(60).all()
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
            upcoming: visits.filter { $0.status == .scheduled && ($0.day ?? today) >= today }.reversed(),
            past: Array(visits.filter { !($0.status == .scheduled && ($0.day ?? today) >= today) }.prefix(8)),
            contacts: try await Contact.query(on: db).filter(\.$family.$id == id).sort(\.$contactedOn, .descending).sort(\.$createdAt, .descending)
                .limit(8).all(),
            typeNames: Dictionary(uniqueKeysWithValues: try await VisitTypes.all(program: program.requireID(), on: db).map { ($0.id!, $0.name) }),
            mayEdit: mayEdit)
    }

    func view(csrf: String) -> Node<HTML.BodyContext> {
        let id = family.id!
        let declined = family.declinedHomeVisitsOn
        return .group(
            .h2(.id("visits"), .text("Visits and contacts")),
            VisitPages.reachBy(family),
            .p(.text(standingText)),
            .unwrap(behind) { behind in
                .p(.class(behind.isBehind ? "warning" : "hint"), .text("This program year: \(behind.text)" + (behind.isBehind ? " — behind" : "") + "."))
            },
            .unwrap(declined) { .p(.class("tag"), .text("Declined home visits on \(Display.date($0)); the fair draw leaves the family out.")) },
            .if(mayEdit, .div(.class("actions"),
                .a(.href(SiteURL.visitNew(id).path), .text("Schedule a visit")),
                .a(.href(SiteURL.contactNew(id).path), .text("Log a contact")),
                FormKit.form(action: SiteURL.visitsDeclined(id).path, csrf: csrf, class: "inline", [
                    FormKit.hidden("declined", declined == nil ? "on" : "off"),
                    FormKit.submit(declined == nil ? "The family declined home visits" : "The family is open to home visits again", secondary: true),
                ]))),
            .if(!upcoming.isEmpty, .group(.h3(.text("Coming up")), visitList(upcoming))),
            .if(!past.isEmpty, .group(.h3(.text("Earlier visits")), visitList(past))),
            .if(!past.isEmpty, .p(.a(.href(SiteURL.familyHistory(id, list: FamilyHistory.List.visits.rawValue).path), .text("All visits →")))),
            .if(!contacts.isEmpty, .group(.h3(.text("Latest contacts")), .ul(.forEach(contacts) { .li(.text(Self.line($0))) }),
                                    .p(.a(.href(SiteURL.familyHistory(id, list: FamilyHistory.List.contacts.rawValue).path), .text("All contacts →")))))
        )
    }

    /// A contact as one line: when, how, who started it, in which language, and what was said.
    static func line(_ contact: Contact) -> String {
        "\(Display.date(contact.contactedOn)) · \(contact.medium.label) · started by \(contact.startedBy == .family ? "the family" : "staff")"
            + " · \(contact.language)\(contact.interpreter ? " with an interpreter" : "") — \(contact.summary)"
    }

    /// A visit as a list item linking to it: its kind, when, where and how it stands.
    static func item(_ visit: Visit, family: UUID, typeName: String?) -> Node<HTML.ListContext> {
        .li(.a(.href(SiteURL.visit(family, visit: visit.id!).path), .text(typeName ?? "Visit")),
            .text(" — \(VisitPages.when(visit)) · \(visit.place.label.lowercased()) · \(visit.status.label.lowercased())"))
    }

    private var standingText: String {
        let last = lastContact.map { "Last contact \(Display.date($0.description))" } ?? "No contact logged yet"
        switch standing {
        case .fine: return last + "."
        case .dueSoon(let due): return last + ". Next contact due by \(Display.date(due.description))."
        case .overdue(let since): return last + ". Contact was due by \(Display.date(since.description)): reach out to the family."
        }
    }

    private func visitList(_ visits: [Visit]) -> Node<HTML.BodyContext> {
        .ul(.forEach(visits) { Self.item($0, family: family.id!, typeName: typeNames[$0.$type.id]) })
    }
}
