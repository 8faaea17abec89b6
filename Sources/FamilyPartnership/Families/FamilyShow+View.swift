import Fluent
import Foundation
import PartnershipRules
import Plot

/// A family's page: household, members, team, enrollment, and (for managers) who has looked at it.
enum FamilyShow {
    struct Model {
        let family: Family
        let siteName: String?
        let pointOfContact: String?
        let adults: [FamilyMember]
        let children: [FamilyMember]
        let team: [TeamMember]
        let access: Access
        let accessHistory: [AuditEntry]?

        static func load(_ family: Family, staff: SignedIn, on db: any Database) async throws -> Model {
            let id = try family.requireID()
            try await family.$site.load(on: db)
            try await family.$pointOfContact.load(on: db)
            let members = try await FamilyMember.query(on: db).filter(\.$family.$id == id).sort(\.$name).all()
            let team = try await TeamMember.query(on: db).filter(\.$family.$id == id).with(\.$staff).all()
                .sorted { $0.staff.name < $1.staff.name }
            let history = staff.access.maySeeAccessHistory ? try await AuditEntry.history(family: id, on: db) : nil
            return Model(family: family, siteName: family.site?.name, pointOfContact: family.pointOfContact?.name,
                         adults: members.filter { $0.kind == .adult },
                         children: members.filter { $0.kind == .child }.sorted { ($0.dateOfBirth ?? "") < ($1.dateOfBirth ?? "") },
                         team: team, access: staff.access, accessHistory: history)
        }
    }

    struct View {
        let model: Model
        let csrf: String

        private var family: Family { model.family }
        private var id: UUID { family.id! }

        var body: [Node<HTML.BodyContext>] {
            [
                .h1(.text(family.householdName)),
                .p(.span(.class("tag"), .text(family.enrollmentStatus.label)),
                   .text(" · point of contact: \(model.pointOfContact ?? "none yet")")),
                .if(model.access.mayEditFamilies, .div(.class("actions"),
                    .a(.href(SiteURL.familyEdit(id).path), .text("Edit household")),
                    .a(.href(SiteURL.memberNew(id).path + "?kind=adult"), .text("Add an adult")),
                    .a(.href(SiteURL.memberNew(id).path + "?kind=child"), .text("Add a child")),
                    .if(model.access.mayChangeEnrollment, .a(.href(SiteURL.familyEnrollment(id).path), .text("Enroll or exit"))),
                    .if(model.access.mayManageTeams, .a(.href(SiteURL.familyTeam(id).path), .text("Change team")))
                )),
                .h2(.text("Household")),
                .dl(
                    item("Address", [family.addressLine, family.city, family.state, family.postalCode].compactMap { $0 }.joined(separator: ", ")),
                    item("Phone", [family.phone, family.alternatePhone].compactMap { $0.map(Display.phone) }.joined(separator: " · ")),
                    item("Email", family.email),
                    item("Preferred language", family.preferredLanguage),
                    item("Best way to reach", family.preferredChannel?.label),
                    item("Best times", family.preferredTimes),
                    item("Program option", family.programOption?.label),
                    item("Site", model.siteName)
                ),
                .h2(.text("Adults")),
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
                .h2(.text("Children")),
                model.children.isEmpty ? .p(.text("No children recorded yet.")) : .table(
                    .class("stack"),
                    .thead(.tr(.th(.text("Name")), .th(.text("Date of birth")), .th(.text("Program")), .th(.text("Notes")))),
                    .tbody(.forEach(model.children) { child in
                        .tr(.td(memberLink(child)),
                            .td(.text(child.dateOfBirth.map { Display.birth($0) } ?? "—")),
                            .td(.text([child.programType?.label, child.classroom].compactMap { $0 }.joined(separator: " · "))),
                            .td(.text(childNotes(child))))
                    })
                ),
                .h2(.text("Team")),
                model.team.isEmpty ? .p(.text("No one is on this family's team yet.")) : .ul(.forEach(model.team) { member in
                    .li(.text("\(member.staff.name) — \(member.role.label)"),
                        .if(member.$staff.id == family.$pointOfContact.id, .strong(.text(" (point of contact)"))))
                }),
                .h2(.text("Enrollment")),
                .dl(
                    item("Status", family.enrollmentStatus.label),
                    item("Applied", family.appliedOn.map(Display.date)),
                    item("Enrolled", family.enrolledOn.map(Display.date)),
                    item("Exited", family.exitedOn.map(Display.date)),
                    item("Reason for leaving", family.exitReason?.label)
                ),
                .unwrap(model.accessHistory) { history in
                    .group(
                        .h2(.text("Access history")),
                        .p(.class("hint"), .text("Every time a staff member opened or changed this family's records (latest 50).")),
                        .table(
                            .class("stack"),
                            .thead(.tr(.th(.text("When (UTC)")), .th(.text("Who")), .th(.text("What")), .th(.text("From")))),
                            .tbody(.forEach(history) { entry in
                                .tr(.td(.text(Display.timestamp(entry.occurredAt))),
                                    .td(.text(entry.staffName)),
                                    .td(.text("\(entry.action.replacingOccurrences(of: "_", with: " ")) \(entry.recordType.replacingOccurrences(of: "_", with: " "))")),
                                    .td(.text("\(entry.channel), \(entry.clientAddress)")))
                            })
                        )
                    )
                },
            ]
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

        private func item(_ term: String, _ value: String?) -> Node<HTML.DescriptionListContext> {
            .group(.dt(.text(term)), .dd(.text(value.flatMap { $0.isEmpty ? nil : $0 } ?? "—")))
        }
    }
}
