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
        routes.put(APIURL.family(id).pattern, use: replace)
        routes.patch(APIURL.family(id).pattern, use: patch)
        routes.post(APIURL.familyEnrollment(id).pattern, use: changeEnrollment)
        routes.get(APIURL.members(id).pattern, use: members)
        routes.post(APIURL.members(id).pattern, use: addMember)
        routes.get(APIURL.member(id, member: id).pattern, use: member)
        routes.put(APIURL.member(id, member: id).pattern, use: replaceMember)
        routes.patch(APIURL.member(id, member: id).pattern, use: patchMember)
        routes.get(APIURL.team(id).pattern, use: team)
        routes.post(APIURL.team(id).pattern, use: addToTeam)
        routes.delete(APIURL.teamMember(id, staff: id).pattern, use: removeFromTeam)
        routes.get(APIURL.transitions(id).pattern, use: transitions)
        routes.get(APIURL.accessHistory(id).pattern, use: accessHistory)
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

    func show(req: Request) async throws -> Response {
        let family = try await req.visibleFamily()
        try await req.audit(.view, .family, family: family.id, recordID: family.id)
        return try FamilyDTO(family).response(version: family.version)
    }

    func create(req: Request) async throws -> Response {
        do {
            let family = try await FamilyCommands.create(try req.decodeJSON(FamilyInput.self), in: req.context())
            return try FamilyDTO(family).response(version: family.version, status: .created)
        } catch let duplicate as FamilyCommands.LooksLikeExisting {
            throw PossibleDuplicateError(matches: duplicate.matches)
        }
    }

    /// PUT: every field as sent; a missing required field is refused, a missing optional one is cleared.
    func replace(req: Request) async throws -> Response {
        let input = try req.decodeJSON(FamilyInput.self)
        let family = try await FamilyCommands.update(req.uuidParameter("familyID"), input, basedOn: req.basedOn(input.version),
                                                     in: req.context())
        return try FamilyDTO(family).response(version: family.version)
    }

    /// PATCH: only the fields sent change.
    func patch(req: Request) async throws -> Response {
        let current = try await req.editableFamily()
        var base = FamilyInput(current)
        base.version = nil
        let input = try req.decodePatch(FamilyInput.self, over: base)
        let family = try await FamilyCommands.update(current.requireID(), input, basedOn: req.basedOn(input.version),
                                                     in: req.context())
        return try FamilyDTO(family).response(version: family.version)
    }

    func changeEnrollment(req: Request) async throws -> Response {
        let input = try req.decodeJSON(EnrollmentInput.self)
        let family = try await FamilyCommands.changeEnrollment(req.uuidParameter("familyID"), input,
                                                               basedOn: req.basedOn(input.version), in: req.context())
        return try FamilyDTO(family).response(version: family.version)
    }

    func members(req: Request) async throws -> PageDTO<MemberDTO> {
        let family = try await req.visibleFamily()
        var errors = FieldErrors()
        let page = PageRequest(req, errors: &errors)
        try errors.throwIfAny()
        var query = try FamilyMember.query(on: req.db).filter(\.$family.$id == family.requireID())
        if let cursor = page.cursor {
            query = query.group(.or) { or in
                or.filter(\.$name > cursor.name)
                or.group(.and) { $0.filter(\.$name == cursor.name).filter(\.$id > cursor.id) }
            }
        }
        let rows = try await query.sort(\.$name).sort(\.$id).limit(page.limit + 1).all()
        let shown = Array(rows.prefix(page.limit))
        try await req.audit(.view, .member, family: family.id, detail: "members, \(shown.count) shown")
        let next = rows.count > page.limit ? shown.last.map { KeysetCursor(name: $0.name, id: $0.id!).token } : nil
        return PageDTO(items: shown.map(MemberDTO.init), nextCursor: next)
    }

    func member(req: Request) async throws -> Response {
        let family = try await req.visibleFamily()
        let member = try await FamilyCommands.member(req.uuidParameter("memberID"), of: family, on: req.db)
        try await req.audit(.view, .member, family: family.id, recordID: member.id)
        return try MemberDTO(member).response(version: member.version)
    }

    func addMember(req: Request) async throws -> Response {
        do {
            let member = try await FamilyCommands.addMember(to: req.uuidParameter("familyID"), try req.decodeJSON(MemberInput.self),
                                                            in: req.context())
            return try MemberDTO(member).response(version: member.version, status: .created)
        } catch let duplicate as FamilyCommands.LooksLikeExisting {
            throw PossibleDuplicateError(matches: duplicate.matches)
        }
    }

    func replaceMember(req: Request) async throws -> Response {
        let input = try req.decodeJSON(MemberInput.self)
        let member = try await FamilyCommands.updateMember(req.uuidParameter("memberID"), of: req.uuidParameter("familyID"), input,
                                                           basedOn: req.basedOn(input.version), in: req.context())
        return try MemberDTO(member).response(version: member.version)
    }

    func patchMember(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let current = try await FamilyCommands.member(req.uuidParameter("memberID"), of: family, on: req.db)
        var base = MemberInput(current)
        base.version = nil
        let input = try req.decodePatch(MemberInput.self, over: base)
        let member = try await FamilyCommands.updateMember(current.requireID(), of: family.requireID(), input,
                                                           basedOn: req.basedOn(input.version), in: req.context())
        return try MemberDTO(member).response(version: member.version)
    }

    func team(req: Request) async throws -> PageDTO<TeamMemberDTO> {
        let page = try PageRequest.checked(req)
        let family = try await req.visibleFamily()
        try await req.audit(.view, .team, family: family.id)
        return PageDTO(try await teamDTOs(family, on: req.db), page, key: \.staffID.uuidString) { $0 }
    }

    func addToTeam(req: Request) async throws -> Response {
        let ctx = try req.context()
        try await FamilyCommands.addToTeam(req.uuidParameter("familyID"), try req.decodeJSON(TeamInput.self), in: ctx)
        return try await teamDTOs(ctx.family(req.uuidParameter("familyID")), on: req.db).encodeResponse(status: .created, for: req)
    }

    func removeFromTeam(req: Request) async throws -> HTTPStatus {
        try await FamilyCommands.removeFromTeam(req.uuidParameter("familyID"), staff: req.uuidParameter("staffID"), in: req.context())
        return .noContent
    }

    /// Each child's next move and whether this year's agreement plans for it, as on the family page.
    func transitions(req: Request) async throws -> PageDTO<TransitionDTO> {
        let page = try PageRequest.checked(req)
        let family = try await req.visibleFamily()
        let program = try await Program.find(req.staff().programID, on: req.db).orThrow()
        let today = req.clock.today
        let upcoming = try await ChildTransition.load(family: family.requireID(), program: program, today: today, on: req.db)
        try await req.audit(.view, .member, family: family.id, detail: "transitions, \(upcoming.count) shown")
        return PageDTO(upcoming, page, key: { $0.child.id?.uuidString ?? "" }) { TransitionDTO($0, today: today) }
    }

    /// Who opened or changed the family's records, newest first: for managers and directors.
    func accessHistory(req: Request) async throws -> PageDTO<AccessEntryDTO> {
        let page = try PageRequest.checked(req)
        let family = try await req.context().family(req.uuidParameter("familyID"), allowedTo: \.maySeeAccessHistory,
                                                    "The access history is for managers and directors.")
        let (entries, next) = try await AuditEntry.query(on: req.db).filter(\.$familyID == family.requireID())
            .page(page, sortedBy: ["occurred_at"], descending: true)
        try await req.audit(.viewAccessHistory, .accessHistory, family: family.id, detail: "api list shown=\(entries.count)")
        return PageDTO(items: entries.map(AccessEntryDTO.init), nextCursor: next)
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
