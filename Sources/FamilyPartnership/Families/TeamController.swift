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
            try await FamilyCommands.addToTeam(family.requireID(), input, in: req.context())
            req.flash("Team updated.")
            return req.redirect(to: SiteURL.familyTeam(family.id!).path)
        } catch let errors as FieldErrors {
            return try await render(req, family: family, input: input, errors: errors)
        }
    }

    func remove(req: Request) async throws -> Response {
        let family = try await teamFamily(req)
        do {
            try await FamilyCommands.removeFromTeam(family.requireID(), staff: req.uuidParameter("staffID"), in: req.context())
            req.flash("Team updated.")
        } catch let errors as FieldErrors {
            return try await render(req, family: family, input: TeamInput(), errors: errors)
        }
        return req.redirect(to: SiteURL.familyTeam(family.id!).path)
    }

    private func teamFamily(_ req: Request) async throws -> Family {
        try await req.context().family(req.uuidParameter("familyID"), allowedTo: \.mayManageTeams, "Managers assign families' teams.")
    }

    private func render(_ req: Request, family: Family, input: TeamInput, errors: FieldErrors) async throws -> Response {
        let staff = try req.staff()
        let team = try await TeamMember.query(on: req.db).filter(\.$family.$id == family.id!).with(\.$staff).all()
        let everyone = try await Staff.teamCandidates(program: staff.programID, on: req.db)
        try await req.audit(.view, .team, family: family.id)
        let view = TeamPage.View(family: family, team: team, staff: everyone, input: input, errors: errors, csrf: req.csrfToken)
        return req.page(title: "Team", view.body, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}

struct TeamInput: Content, Sendable {
    var staffID: String?
    var role: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case staffID = "staff_id", role
    }

    init(staffID: String? = nil, role: String? = nil) {
        self.staffID = staffID
        self.role = role
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
                    FormKit.select("staff_id", "Staff member", options: staff.map { ($0.id!.uuidString.lowercased(), "\($0.name) (\($0.roles.intersection(TeamRole.teamStaffRoles).map(\.label).sorted().joined(separator: ", ")))") },
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
