import Fluent
import Foundation
import PartnershipRules
import Plot
import Vapor

/// A family's team: managers add staff with their role on this family, or take them off.
struct TeamController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.familyTeam(.routeParameter).pattern, use: show)
        routes.post(SiteURL.familyTeam(.routeParameter).pattern, use: add)
        routes.post(SiteURL.familyTeamRemove(.routeParameter, staff: .routeParameter).pattern, use: remove)
    }

    func show(req: Request) async throws -> Response {
        let family = try await teamFamily(req)
        return try await render(req, family: family, input: TeamInput(), errors: FieldErrors())
    }

    func add(req: Request) async throws -> Response {
        let family = try await teamFamily(req)
        let input = try req.content.decode(TeamInput.self)
        do {
            try await TeamChanges.add(input, to: family, req: req)
            req.flash("Team updated.")
            return req.redirect(to: SiteURL.familyTeam(family.id!).path)
        } catch let errors as FieldErrors {
            return try await render(req, family: family, input: input, errors: errors)
        }
    }

    func remove(req: Request) async throws -> Response {
        let family = try await teamFamily(req)
        do {
            try await TeamChanges.remove(staff: req.uuidParameter("staffID"), from: family, req: req)
            req.flash("Team updated.")
        } catch let errors as FieldErrors {
            return try await render(req, family: family, input: TeamInput(), errors: errors)
        }
        return req.redirect(to: SiteURL.familyTeam(family.id!).path)
    }

    private func teamFamily(_ req: Request) async throws -> Family {
        let family = try await req.visibleFamily()
        guard try req.staff().access.mayManageTeams else { throw Abort(.forbidden, reason: "Managers assign families' teams.") }
        return family
    }

    private func render(_ req: Request, family: Family, input: TeamInput, errors: FieldErrors) async throws -> Response {
        let staff = try req.staff()
        let team = try await TeamMember.query(on: req.db).filter(\.$family.$id == family.id!).with(\.$staff).all()
        let everyone = try await Staff.query(on: req.db).filter(\.$program.$id == staff.programID)
            .filter(\.$status == .active).sort(\.$name).all()
        try await req.audit(.view, .team, family: family.id)
        let view = TeamPage.View(family: family, team: team, staff: everyone, input: input, errors: errors, csrf: req.csrfToken)
        return req.page(title: "Team", view.body, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}

struct TeamInput: Content, Sendable {
    var staffID: String?
    var role: String?

    enum CodingKeys: String, CodingKey {
        case staffID = "staff_id", role
    }

    init(staffID: String? = nil, role: String? = nil) {
        self.staffID = staffID
        self.role = role
    }
}

/// Team changes, shared by the page and the API.
enum TeamChanges {
    static func add(_ input: TeamInput, to family: Family, req: Request) async throws {
        let staff = try req.staff()
        var errors = FieldErrors()
        let role = errors.take("role", FieldRules.choice(input.role, TeamRole.self, label: "Role on the team", required: true))
        if FieldRules.trimmed(input.staffID) == nil { errors["staff_id"] = "Choose a staff member." }
        let memberID = try await FamilyInput.staff(input.staffID, field: "staff_id", program: staff.programID, errors: &errors, on: req.db)
        try errors.throwIfAny()
        try await req.db.transaction { db in
            if let existing = try await TeamMember.query(on: db).filter(\.$family.$id == family.id!)
                .filter(\.$staff.$id == memberID!).first() {
                existing.role = role!!
                try await existing.save(on: db)
            } else {
                try await TeamMember(familyID: family.id!, staffID: memberID!, role: role!!).create(on: db)
            }
            try await req.audit(.addTeamMember, .team, family: family.id, recordID: memberID, detail: role!!.rawValue, on: db)
        }
    }

    static func remove(staff memberID: UUID, from family: Family, req: Request) async throws {
        if family.$pointOfContact.id == memberID {
            var errors = FieldErrors()
            errors["staff_id"] = "This is the family's point of contact. Choose another point of contact first."
            throw errors
        }
        try await RecordRequest.refuseDeletionWhileInspectionPending(family: family.id!, field: "staff_id", on: req.db)
        try await req.db.transaction { db in
            guard let member = try await TeamMember.query(on: db).filter(\.$family.$id == family.id!)
                .filter(\.$staff.$id == memberID).first() else { throw Abort(.notFound) }
            try await member.delete(on: db)
            try await req.audit(.removeTeamMember, .team, family: family.id, recordID: memberID, on: db)
        }
    }
}

enum TeamPage {
    struct View {
        let family: Family
        let team: [TeamMember]
        let staff: [Staff]
        let input: TeamInput
        let errors: FieldErrors
        let csrf: String

        var body: [Node<HTML.BodyContext>] {
            let id = family.id!
            return [
                .h1(.text("Team: \(family.householdName)")),
                FormKit.summary(errors),
                team.isEmpty ? .p(.text("No one is on this family's team yet.")) : .table(
                    .class("stack"),
                    .thead(.tr(.th(.text("Staff member")), .th(.text("Role")), .th(.text("Change")))),
                    .tbody(.forEach(team.sorted { $0.staff.name < $1.staff.name }) { member in
                        .tr(.td(.text(member.staff.name), .if(member.$staff.id == family.$pointOfContact.id, .text(" (point of contact)"))),
                            .td(.text(member.role.label)),
                            .td(FormKit.form(action: SiteURL.familyTeamRemove(id, staff: member.$staff.id).path, csrf: csrf, [
                                FormKit.submit("Take \(member.staff.name) off the team", secondary: true),
                            ])))
                    })
                ),
                .h2(.text("Add to the team")),
                FormKit.form(action: SiteURL.familyTeam(id).path, csrf: csrf, [
                    FormKit.select("staff_id", "Staff member", options: staff.map { ($0.id!.uuidString.lowercased(), $0.name) },
                                   selected: input.staffID?.lowercased(), errors: errors, required: true),
                    FormKit.select("role", "Role on this family's team", options: TeamRole.allCases.map { ($0.rawValue, $0.label) },
                                   selected: input.role, errors: errors, required: true),
                    FormKit.submit("Add"),
                ]),
                .p(.a(.href(SiteURL.family(id).path), .text("Back to the family"))),
            ]
        }
    }
}
