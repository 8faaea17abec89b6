import Fluent
import Foundation
import PartnershipRules
import Vapor

/// `/api/v1/families`: the same scopes, checks, changes and audit as the pages, spoken in JSON.
struct FamilyAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let id = UUID.routeParameter
        routes.get(APIURL.me.pattern, use: me)
        routes.get(APIURL.families.pattern, use: list)
        routes.post(APIURL.families.pattern, use: create)
        routes.get(APIURL.family(id).pattern, use: show)
        routes.put(APIURL.family(id).pattern, use: update)
        routes.post(APIURL.familyEnrollment(id).pattern, use: changeEnrollment)
        routes.get(APIURL.members(id).pattern, use: members)
        routes.post(APIURL.members(id).pattern, use: addMember)
        routes.get(APIURL.member(id, member: id).pattern, use: member)
        routes.put(APIURL.member(id, member: id).pattern, use: updateMember)
        routes.get(APIURL.team(id).pattern, use: team)
        routes.post(APIURL.team(id).pattern, use: addToTeam)
        routes.delete(APIURL.teamMember(id, staff: id).pattern, use: removeFromTeam)
    }

    func me(req: Request) async throws -> StaffDTO {
        guard let staff = try await Staff.find(req.staff().staffID, on: req.db) else { throw Abort(.unauthorized) }
        return StaffDTO(staff)
    }

    func list(req: Request) async throws -> PageDTO<FamilyDTO> {
        let staff = try req.staff()
        var errors = FieldErrors()
        let page = PageRequest(req, errors: &errors)
        let status = errors.take("status", FieldRules.choice(try? req.query.get(String.self, at: "status"),
                                                              EnrollmentStatus.self, label: "Status", required: false))
        var siteID: UUID?
        if let raw = FieldRules.trimmed(try? req.query.get(String.self, at: "site_id")) {
            siteID = UUID(uuidString: raw)
            if siteID == nil { errors["site_id"] = "Must be a site id." }
        }
        let search = FieldRules.trimmed(try? req.query.get(String.self, at: "q"))
        if (search?.count ?? 0) > 100 { errors["q"] = "Must be at most 100 characters." }
        try errors.throwIfAny()
        let filters = FamilyIndex.Filters(search: search, status: status ?? nil, siteID: siteID)
        let result = try await FamilyIndex.query(staff: staff, filters: filters, after: page.cursor, limit: page.limit, on: req.db)
        try await req.audit(.list, .familyList, family: nil, detail: "api shown=\(result.families.count)")
        return PageDTO(items: result.families.map(FamilyDTO.init), nextCursor: result.next?.token)
    }

    func show(req: Request) async throws -> FamilyDTO {
        let family = try await req.visibleFamily()
        try await req.audit(.view, .family, family: family.id, recordID: family.id)
        return FamilyDTO(family)
    }

    func create(req: Request) async throws -> Response {
        let staff = try req.staff()
        guard staff.access.mayCreateFamilies else { throw Abort(.forbidden, reason: "Your role cannot add families.") }
        let input = try req.content.decode(FamilyInput.self)
        do {
            let family = try await FamilyChanges.create(input, staff: staff, req: req)
            return try await FamilyDTO(family).encodeResponse(status: .created, for: req)
        } catch let duplicate as FamilyChanges.LooksLikeExisting {
            throw PossibleDuplicateError(matches: duplicate.matches)
        }
    }

    func update(req: Request) async throws -> FamilyDTO {
        let family = try await req.editableFamily()
        try await FamilyChanges.update(family, with: try req.content.decode(FamilyInput.self), req: req)
        return FamilyDTO(family)
    }

    func changeEnrollment(req: Request) async throws -> FamilyDTO {
        let family = try await req.editableFamily()
        guard try req.staff().access.mayChangeEnrollment else { throw Abort(.forbidden, reason: "Your role cannot enroll or exit families.") }
        try await FamilyChanges.changeEnrollment(family, try req.content.decode(EnrollmentInput.self), req: req)
        return FamilyDTO(family)
    }

    func members(req: Request) async throws -> [MemberDTO] {
        let family = try await req.visibleFamily()
        let members = try await FamilyMember.query(on: req.db).filter(\.$family.$id == family.id!).sort(\.$name).all()
        try await req.audit(.view, .member, family: family.id, detail: "all members")
        return members.map(MemberDTO.init)
    }

    func member(req: Request) async throws -> MemberDTO {
        let family = try await req.visibleFamily()
        let member = try await MemberChanges.find(req.uuidParameter("memberID"), in: family, on: req.db)
        try await req.audit(.view, .member, family: family.id, recordID: member.id)
        return MemberDTO(member)
    }

    func addMember(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        do {
            let member = try await MemberChanges.create(try req.content.decode(MemberInput.self), family: family, req: req)
            return try await MemberDTO(member).encodeResponse(status: .created, for: req)
        } catch let duplicate as FamilyChanges.LooksLikeExisting {
            throw PossibleDuplicateError(matches: duplicate.matches)
        }
    }

    func updateMember(req: Request) async throws -> MemberDTO {
        let family = try await req.editableFamily()
        let member = try await MemberChanges.find(req.uuidParameter("memberID"), in: family, on: req.db)
        try await MemberChanges.update(member, with: try req.content.decode(MemberInput.self), req: req)
        return MemberDTO(member)
    }

    func team(req: Request) async throws -> [TeamMemberDTO] {
        let family = try await req.visibleFamily()
        try await req.audit(.view, .team, family: family.id)
        return try await teamDTOs(family, on: req.db)
    }

    func addToTeam(req: Request) async throws -> Response {
        let family = try await req.visibleFamily()
        guard try req.staff().access.mayManageTeams else { throw Abort(.forbidden, reason: "Managers assign families' teams.") }
        try await TeamChanges.add(try req.content.decode(TeamInput.self), to: family, req: req)
        return try await teamDTOs(family, on: req.db).encodeResponse(status: .created, for: req)
    }

    func removeFromTeam(req: Request) async throws -> HTTPStatus {
        let family = try await req.visibleFamily()
        guard try req.staff().access.mayManageTeams else { throw Abort(.forbidden, reason: "Managers assign families' teams.") }
        try await TeamChanges.remove(staff: req.uuidParameter("staffID"), from: family, req: req)
        return .noContent
    }

    private func teamDTOs(_ family: Family, on db: any Database) async throws -> [TeamMemberDTO] {
        try await TeamMember.query(on: db).filter(\.$family.$id == family.id!).with(\.$staff).all()
            .sorted { $0.staff.name < $1.staff.name }
            .map { TeamMemberDTO(staffID: $0.$staff.id, name: $0.staff.name, role: $0.role,
                                 isPointOfContact: $0.$staff.id == family.$pointOfContact.id) }
    }
}

/// 409: the record looks like one already on record. Resend with `confirm_new: true` to save it anyway.
struct PossibleDuplicateError: AbortError {
    let matches: [PossibleDuplicate]
    var status: HTTPResponseStatus { .conflict }
    var reason: String {
        let reasons = Set(matches.map(\.reason)).sorted().joined(separator: "; ")
        return "This looks like a record already on file (\(reasons)). Send confirm_new: true to save it anyway."
    }
}

/// `/api/v1/staff`: the program's staff directory (names, roles, status), for choosing team members.
struct StaffAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(APIURL.staffList.pattern, use: list)
        routes.get(APIURL.staff(.routeParameter).pattern, use: show)
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

    func show(req: Request) async throws -> StaffDTO {
        guard let staff = try await Staff.query(on: req.db).filter(\.$id == req.uuidParameter("staffID"))
            .filter(\.$program.$id == req.staff(allowedTo: \.maySeeStaffList).programID).first() else { throw Abort(.notFound) }
        return StaffDTO(staff)
    }
}
