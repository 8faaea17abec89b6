import Fluent
import Foundation
import PartnershipRules
import SQLKit
import Vapor

/// Every change to a program's set-up: its own details, its sites and its classrooms. The director's, or the
/// administrator's while a new program has no director yet; each change is audited.
enum SetUpCommands {
    private static let refusal = "The program's set-up is changed by the director or an administrator."

    /// The program's name, agency, options, services, program year, kindergarten dates and time zone.
    static func updateProfile(_ input: ProgramProfileInput, basedOn: BasedOn, in ctx: Context) async throws -> Program {
        try ctx.require(\.maySetUpProgram, refusal)
        let program = try await ProgramCommands.program(in: ctx)
        let expected = try basedOn.required()
        var errors = FieldErrors()
        let name = errors.take("name", FieldRules.text(input.name, label: "Program name", required: true, max: 120)) ?? nil
        let agency = errors.take("agency", FieldRules.text(input.agency, label: "Agency", required: true, max: 120)) ?? nil
        let options = errors.take("options[]", choices(input.options, ProgramOption.self, label: "program option"))
        let services = errors.take("services[]", choices(input.services, ProgramType.self, label: "service"))
        let start = errors.take("program_year_start", FieldRules.date(input.programYearStart, label: "First day of the program year", required: true)) ?? nil
        let end = errors.take("program_year_end", FieldRules.date(input.programYearEnd, label: "Last day of the program year", required: true)) ?? nil
        if let start, let end, let problem = ProgramSetUp.yearProblem(start: start, end: end) { errors["program_year_end"] = problem.message }
        let cutoff = errors.take("kindergarten_cutoff", monthDay(input.kindergartenCutoff, label: "Kindergarten age cutoff"))
        let starts = errors.take("kindergarten_starts", monthDay(input.kindergartenStarts, label: "First day of kindergarten"))
        let zone = errors.take("time_zone", ProgramSetUp.timeZone(input.timeZone))
        try errors.throwIfAny()
        program.name = name!
        program.grantee = agency!
        program.programOptionsList = options!.map(\.rawValue).joined(separator: ",")
        program.servesHeadStart = services!.contains(.headStart)
        program.servesEarlyHeadStart = services!.contains(.earlyHeadStart)
        program.programYearStart = start!.description
        program.programYearEnd = end!.description
        program.kindergartenCutoff = cutoff!.description
        program.kindergartenStarts = starts!.description
        program.timeZone = zone ?? nil
        try await ctx.transaction { ctx in
            try await program.save(expecting: expected, in: ctx)
            try await ctx.audit(.update, .program, family: nil, recordID: program.id,
                                detail: "program year \(start!)–\(end!), kindergarten cutoff \(cutoff!), time zone \(zone.flatMap { $0 } ?? "server's")")
        }
        return program
    }

    // MARK: Sites

    static func site(_ id: UUID, in ctx: Context) async throws -> Site {
        guard let site = try await Site.query(on: ctx.db).filter(\.$id == id).filter(\.$program.$id == ctx.programID).first() else {
            throw Abort(.notFound)
        }
        return site
    }

    /// A site of the program (a center, or the home-based office).
    static func addSite(_ input: SiteInput, in ctx: Context) async throws -> Site {
        try ctx.require(\.maySetUpProgram, refusal)
        return try await save(input, to: Site(), expecting: nil, in: ctx)
    }

    static func updateSite(_ id: UUID, _ input: SiteInput, basedOn: BasedOn, in ctx: Context) async throws -> Site {
        try ctx.require(\.maySetUpProgram, refusal)
        let site = try await site(id, in: ctx)
        return try await save(input, to: site, expecting: try basedOn.required(), in: ctx)
    }

    private static func save(_ input: SiteInput, to site: Site, expecting: Int?, in ctx: Context) async throws -> Site {
        var errors = FieldErrors()
        let name = errors.take("name", FieldRules.text(input.name, label: "Site name", required: true, max: 120)) ?? nil
        let address = errors.take("address", FieldRules.text(input.address, label: "Address", required: false, max: 300)) ?? nil
        let phone = errors.take("phone", FieldRules.phone(input.phone)) ?? nil
        if let name, try await Site.query(on: ctx.db).filter(\.$program.$id == ctx.programID).filter(\.$name == name)
            .filter(\.$id != (site.id ?? UUID())).count() > 0 {
            errors["name"] = "The program already has a site called that."
        }
        try errors.throwIfAny()
        site.$program.id = ctx.programID
        site.name = name!
        site.address = address
        site.phone = phone
        return try await ctx.transaction { ctx in
            if let expecting { try await site.save(expecting: expecting, in: ctx) } else { try await site.create(on: ctx.db) }
            try await ctx.audit(expecting == nil ? .create : .update, .program, family: nil, recordID: site.id, detail: "site \(site.name)")
            return site
        }
    }

    // MARK: Classrooms

    static func classroom(_ id: UUID, in ctx: Context) async throws -> Classroom {
        guard let room = try await Classroom.query(on: ctx.db).filter(\.$id == id).filter(\.$program.$id == ctx.programID).first() else {
            throw Abort(.notFound)
        }
        return room
    }

    /// The teachers of each of `classrooms`, by name.
    static func teachers(of classrooms: [Classroom], on db: any Database) async throws -> [UUID: [Staff]] {
        let ids = classrooms.compactMap(\.id)
        guard !ids.isEmpty else { return [:] }
        let links = try await ClassroomTeacher.query(on: db).filter(\.$classroom.$id ~~ ids).with(\.$staff).all()
        return Dictionary(grouping: links, by: { $0.$classroom.id }).mapValues { $0.map(\.staff).sorted { $0.name < $1.name } }
    }

    /// One classroom's teachers, by name.
    static func teachersOf(_ classroom: Classroom, on db: any Database) async throws -> [Staff] {
        try await teachers(of: [classroom], on: db)[classroom.requireID()] ?? []
    }

    static func addClassroom(_ input: ClassroomInput, in ctx: Context) async throws -> Classroom {
        try ctx.require(\.maySetUpProgram, refusal)
        return try await save(input, to: Classroom(), expecting: nil, in: ctx)
    }

    /// Changes a classroom; a new name moves its children with it.
    static func updateClassroom(_ id: UUID, _ input: ClassroomInput, basedOn: BasedOn, in ctx: Context) async throws -> Classroom {
        try ctx.require(\.maySetUpProgram, refusal)
        let room = try await classroom(id, in: ctx)
        return try await save(input, to: room, expecting: try basedOn.required(), in: ctx)
    }

    private static func save(_ input: ClassroomInput, to room: Classroom, expecting: Int?, in ctx: Context) async throws -> Classroom {
        var errors = FieldErrors()
        let name = errors.take("name", FieldRules.text(input.name, label: "Classroom name", required: true, max: 80)) ?? nil
        let option = errors.take("program_option", FieldRules.choice(input.programOption, ProgramOption.self, label: "Program option", required: true)) ?? nil
        var site: UUID?
        if let raw = FieldRules.trimmed(input.siteID) {
            site = UUID(uuidString: raw)
            if try await site.asyncMap({ try await Site.query(on: ctx.db).filter(\.$id == $0).filter(\.$program.$id == ctx.programID).count() }) != 1 {
                errors["site_id"] = "Choose one of the program's sites."
            }
        } else {
            errors["site_id"] = "Choose the classroom's site."
        }
        var teachers: [UUID] = []
        for raw in (input.teacherIDs ?? []).compactMap(FieldRules.trimmed) where errors["teacher_ids[]"] == nil {
            guard let id = UUID(uuidString: raw),
                  let staff = try await Staff.query(on: ctx.db).filter(\.$id == id).filter(\.$program.$id == ctx.programID).first(),
                  staff.status != .left, staff.roles.contains(.teacher) else {
                errors["teacher_ids[]"] = "Choose among the program's current teachers."
                break
            }
            if !teachers.contains(id) { teachers.append(id) }
        }
        if let name, try await Classroom.query(on: ctx.db).filter(\.$program.$id == ctx.programID).filter(\.$name == name)
            .filter(\.$id != (room.id ?? UUID())).count() > 0 {
            errors["name"] = "The program already has a classroom called that."
        }
        try errors.throwIfAny()
        let oldName = expecting == nil ? nil : room.name
        room.$program.id = ctx.programID
        room.$site.id = site!
        room.name = name!
        room.programOption = option!
        return try await ctx.transaction { [teachers] ctx in
            if let expecting {
                do {
                    try await room.save(expecting: expecting, in: ctx)
                } catch let stale as StaleRecord {
                    // The classroom as it is now, with its teachers, for the 409 and the form.
                    let current = stale.current as! Classroom
                    current.$teachers.value = try await teachersOf(current, on: ctx.db)
                    throw StaleRecord(current: current)
                }
            } else {
                try await room.create(on: ctx.db)
            }
            let roomID = try room.requireID()
            try await ClassroomTeacher.query(on: ctx.db).filter(\.$classroom.$id == roomID).delete()
            for teacher in teachers {
                let link = ClassroomTeacher()
                link.$classroom.id = roomID
                link.$staff.id = teacher
                try await link.create(on: ctx.db)
            }
            var detail = "classroom \(room.name), \(teachers.count) teacher(s)"
            if let oldName, oldName != room.name {
                let moved = try await renameChildren(from: oldName, to: room.name, in: ctx)
                detail += ", renamed from \(oldName) with \(moved) child(ren)"
            }
            try await ctx.audit(expecting == nil ? .create : .update, .program, family: nil, recordID: roomID, detail: detail)
            return room
        }
    }

    /// Moves the program's children in classroom `old` to `new`, in one statement; the number moved.
    private static func renameChildren(from old: String, to new: String, in ctx: Context) async throws -> Int {
        let sql = ctx.db as! any SQLDatabase
        let rows = try await sql.raw("""
            UPDATE "family_members" SET "classroom" = \(bind: new)
            WHERE "classroom" = \(bind: old) AND "family_id" IN (SELECT "id" FROM "families" WHERE "program_id" = \(bind: ctx.programID))
            RETURNING "id"
            """).all()
        return rows.count
    }

    /// Why `name` cannot be a child's classroom, or nil: once a program has classrooms, children are placed in one of them.
    static func classroomProblem(_ name: String, program: UUID, on db: any Database) async throws -> String? {
        struct Rooms: Decodable {
            let rooms: Int
            let named: Int
        }
        let found = try await (db as! any SQLDatabase).raw("""
            SELECT count(*) AS "rooms", coalesce(sum(CASE WHEN "name" = \(bind: name) THEN 1 ELSE 0 END), 0) AS "named"
            FROM \(ident: Classroom.schema) WHERE "program_id" = \(bind: program)
            """).first(decoding: Rooms.self)
        guard let found, found.rooms > 0, found.named == 0 else { return nil }
        return "Choose one of the program's classrooms; \(name) is not one."
    }

    // MARK: Helpers

    /// A list of choices, at least one, each one of `type`'s values.
    private static func choices<T: RawRepresentable & CaseIterable & Equatable>(_ raw: [String]?, _ type: T.Type, label: String) -> Result<[T], FieldProblem>
    where T.RawValue == String {
        let given = (raw ?? []).compactMap(FieldRules.trimmed)
        let chosen = given.compactMap(T.init(rawValue:))
        if chosen.count != given.count {
            return .failure(FieldProblem("Each \(label) must be one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))."))
        }
        if chosen.isEmpty { return .failure(FieldProblem("Choose at least one \(label).")) }
        return .success(T.allCases.filter { chosen.contains($0) })
    }

    private static func monthDay(_ raw: String?, label: String) -> Result<MonthDay, FieldProblem> {
        guard let text = FieldRules.trimmed(raw) else { return .failure(FieldProblem("\(label) is required.")) }
        guard let day = MonthDay(text) else { return .failure(FieldProblem("\(label) must be a month and day, like 09-01 or September 1.")) }
        return .success(day)
    }
}
