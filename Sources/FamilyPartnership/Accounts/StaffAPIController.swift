import Fluent
import Foundation
import PartnershipRules
import Vapor

/// `/api/v1/staff`: the program's staff directory (names, roles, status), for choosing team members; administrators
/// add accounts and change roles, supervisors, sites and status (`left` when someone leaves) through it too.
struct StaffAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(APIURL.staffList.pattern, use: list)
        routes.post(APIURL.staffList.pattern, use: create)
        routes.get(APIURL.staff(.routeParameter).pattern, use: show)
        routes.patch(APIURL.staff(.routeParameter).pattern, use: patch)
    }

    func create(req: Request) async throws -> Response {
        let staff = try await AccountCommands.createStaff(try req.decodeJSON(StaffInput.self), passwords: req.application.password, in: req.context())
        return try StaffDTO(staff).response(version: staff.version, status: .created)
    }

    /// Changes only the fields sent; a password sent resets it.
    func patch(req: Request) async throws -> Response {
        let ctx = try req.context()
        try ctx.require(\.mayManageAccounts, "Administrators manage staff accounts.")
        let current = try await AccountCommands.findStaff(req.uuidParameter("staffID"), in: ctx)
        var base = StaffInput(current)
        base.version = nil
        let input = try req.decodePatch(StaffInput.self, over: base)
        let staff = try await AccountCommands.updateStaff(current.requireID(), input, basedOn: req.basedOn(input.version),
                                                          passwords: req.application.password, in: ctx)
        return try StaffDTO(staff).response(version: staff.version)
    }

    func list(req: Request) async throws -> PageDTO<StaffDTO> {
        let me = try req.staff(allowedTo: \.maySeeStaffList)
        var errors = FieldErrors()
        let page = PageRequest(req, errors: &errors)
        let status = errors.take("status", FieldRules.choice(try? req.query.get(String.self, at: "status"),
                                                              StaffStatus.self, label: "Status", required: false))
        try errors.throwIfAny()
        var query = Staff.query(on: req.db).filter(\.$program.$id == me.programID)
        if let status = status ?? nil { query = query.filter(\.$status == status) }
        if let cursor = page.cursor {
            query = query.group(.or) { or in
                or.filter(\.$name > cursor.name)
                or.group(.and) { $0.filter(\.$name == cursor.name).filter(\.$id > cursor.id) }
            }
        }
        let rows = try await query.sort(\.$name).sort(\.$id).limit(page.limit + 1).all()
        let shown = Array(rows.prefix(page.limit))
        let next = rows.count > page.limit ? shown.last.map { KeysetCursor(name: $0.name, id: $0.id!).token } : nil
        return PageDTO(items: shown.map(StaffDTO.init), nextCursor: next)
    }

    func show(req: Request) async throws -> Response {
        guard let staff = try await Staff.query(on: req.db).filter(\.$id == req.uuidParameter("staffID"))
            .filter(\.$program.$id == req.staff(allowedTo: \.maySeeStaffList).programID).first() else { throw Abort(.notFound) }
        return try StaffDTO(staff).response(version: staff.version)
    }
}
