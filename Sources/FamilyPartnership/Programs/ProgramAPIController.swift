import Fluent
import Foundation
import PartnershipRules
import Vapor

/// `/api/v1/program`, `/api/v1/sites` and `/api/v1/classrooms`: the program's set-up. Every staff member reads it
/// (the family form and the lists' filters offer the sites and classrooms); the director or an administrator changes it.
struct ProgramAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let id = UUID.routeParameter
        routes.get(APIURL.program.pattern, use: program)
        routes.patch(APIURL.program.pattern, use: patchProgram)
        routes.get(APIURL.sites.pattern, use: sites)
        routes.post(APIURL.sites.pattern, use: addSite)
        routes.get(APIURL.site(id).pattern, use: site)
        routes.patch(APIURL.site(id).pattern, use: patchSite)
        routes.get(APIURL.classrooms.pattern, use: classrooms)
        routes.post(APIURL.classrooms.pattern, use: addClassroom)
        routes.get(APIURL.classroom(id).pattern, use: classroom)
        routes.patch(APIURL.classroom(id).pattern, use: patchClassroom)
    }

    private func reader(_ req: Request) throws -> Context {
        let ctx = try req.context()
        try ctx.require(\.maySeeStaffList)
        return ctx
    }

    // MARK: The program

    func program(req: Request) async throws -> Response {
        let program = try await ProgramCommands.program(in: reader(req))
        return try ProgramDTO(program).response(version: program.version)
    }

    func patchProgram(req: Request) async throws -> Response {
        let ctx = try req.context()
        try ctx.require(\.maySetUpProgram, "The program's set-up is changed by the director or an administrator.")
        var base = ProgramProfileInput(try await ProgramCommands.program(in: ctx))
        base.version = nil
        let input = try req.decodePatch(ProgramProfileInput.self, over: base)
        let program = try await SetUpCommands.updateProfile(input, basedOn: req.basedOn(input.version), in: ctx)
        return try ProgramDTO(program).response(version: program.version)
    }

    // MARK: Sites

    func sites(req: Request) async throws -> PageDTO<SiteDTO> {
        let ctx = try reader(req)
        let (sites, next) = try await Site.query(on: req.db).filter(\.$program.$id == ctx.programID)
            .page(PageRequest.checked(req), sortedBy: ["name"])
        return PageDTO(items: sites.map(SiteDTO.init), nextCursor: next)
    }

    func site(req: Request) async throws -> Response {
        let site = try await SetUpCommands.site(req.uuidParameter("siteID"), in: reader(req))
        return try SiteDTO(site).response(version: site.version)
    }

    func addSite(req: Request) async throws -> Response {
        let site = try await SetUpCommands.addSite(try req.decodeJSON(SiteInput.self), in: req.context())
        return try SiteDTO(site).response(version: site.version, status: .created)
    }

    func patchSite(req: Request) async throws -> Response {
        let ctx = try req.context()
        try ctx.require(\.maySetUpProgram, "The program's set-up is changed by the director or an administrator.")
        let current = try await SetUpCommands.site(req.uuidParameter("siteID"), in: ctx)
        var base = SiteInput(current)
        base.version = nil
        let input = try req.decodePatch(SiteInput.self, over: base)
        let site = try await SetUpCommands.updateSite(current.requireID(), input, basedOn: req.basedOn(input.version), in: ctx)
        return try SiteDTO(site).response(version: site.version)
    }

    // MARK: Classrooms

    func classrooms(req: Request) async throws -> PageDTO<ClassroomDTO> {
        let ctx = try reader(req)
        let (rooms, next) = try await Classroom.query(on: req.db).filter(\.$program.$id == ctx.programID)
            .page(PageRequest.checked(req), sortedBy: ["name"])
        let teachers = try await SetUpCommands.teachers(of: rooms, on: req.db)
        return PageDTO(items: rooms.map { ClassroomDTO($0, teachers: teachers[$0.id!] ?? []) }, nextCursor: next)
    }

    func classroom(req: Request) async throws -> Response {
        let ctx = try reader(req)
        let room = try await SetUpCommands.classroom(req.uuidParameter("classroomID"), in: ctx)
        return try ClassroomDTO(room, teachers: try await SetUpCommands.teachersOf(room, on: req.db)).response(version: room.version)
    }

    func addClassroom(req: Request) async throws -> Response {
        let room = try await SetUpCommands.addClassroom(try req.decodeJSON(ClassroomInput.self), in: req.context())
        return try ClassroomDTO(room, teachers: try await SetUpCommands.teachersOf(room, on: req.db)).response(version: room.version, status: .created)
    }

    func patchClassroom(req: Request) async throws -> Response {
        let ctx = try req.context()
        try ctx.require(\.maySetUpProgram, "The program's set-up is changed by the director or an administrator.")
        let current = try await SetUpCommands.classroom(req.uuidParameter("classroomID"), in: ctx)
        var base = ClassroomInput(current, teachers: try await SetUpCommands.teachersOf(current, on: req.db).compactMap(\.id))
        base.version = nil
        let input = try req.decodePatch(ClassroomInput.self, over: base)
        let room = try await SetUpCommands.updateClassroom(current.requireID(), input, basedOn: req.basedOn(input.version), in: ctx)
        return try ClassroomDTO(room, teachers: try await SetUpCommands.teachersOf(room, on: req.db)).response(version: room.version)
    }
}

struct ProgramDTO: Content {
    let id: UUID
    let name: String
    let agency: String
    let options: [ProgramOption]
    let services: [ProgramType]
    let programYearStart: String
    let programYearEnd: String?
    let kindergartenCutoff: String
    let kindergartenStarts: String
    let timeZone: String?
    let version: Int

    enum CodingKeys: String, CodingKey {
        case id, name, agency, options, services, programYearStart = "program_year_start", programYearEnd = "program_year_end"
        case kindergartenCutoff = "kindergarten_cutoff", kindergartenStarts = "kindergarten_starts", timeZone = "time_zone", version
    }

    init(_ program: Program) {
        id = program.id!
        name = program.name
        agency = program.grantee
        options = program.programOptions
        services = program.services
        programYearStart = program.programYearStart
        programYearEnd = program.programYearEnd
        kindergartenCutoff = program.kindergarten.cutoff.description
        kindergartenStarts = program.kindergarten.schoolStarts.description
        timeZone = program.timeZone
        version = program.version
    }
}

struct SiteDTO: Content {
    let id: UUID
    let name: String
    let address: String?
    let phone: String?
    let version: Int

    init(_ site: Site) {
        id = site.id!
        name = site.name
        address = site.address
        phone = site.phone
        version = site.version
    }
}

struct ClassroomDTO: Content {
    struct Teacher: Content {
        let id: UUID
        let name: String
    }

    let id: UUID
    let name: String
    let siteID: UUID
    let programOption: ProgramOption
    let teachers: [Teacher]
    let version: Int

    enum CodingKeys: String, CodingKey {
        case id, name, siteID = "site_id", programOption = "program_option", teachers, version
    }

    init(_ room: Classroom, teachers: [Staff]) {
        id = room.id!
        name = room.name
        siteID = room.$site.id
        programOption = room.programOption
        self.teachers = teachers.map { Teacher(id: $0.id!, name: $0.name) }
        version = room.version
    }
}

extension Program: APIRepresentable {
    func apiRepresentation(today: CalendarDate) -> any Encodable & Sendable { ProgramDTO(self) }
}

extension Site: APIRepresentable {
    func apiRepresentation(today: CalendarDate) -> any Encodable & Sendable { SiteDTO(self) }
}

extension Classroom: APIRepresentable {
    func apiRepresentation(today: CalendarDate) -> any Encodable & Sendable { ClassroomDTO(self, teachers: $teachers.value ?? []) }
}
