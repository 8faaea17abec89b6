import Fluent
import Foundation
import PartnershipRules
import SQLKit
import Vapor

/// Every change to caseloads: exceptions to the limit, absences and their cover, and assigning families to the
/// worker who will serve them. Supervisors (managers) and directors make them; each checks the role, loads through
/// the program, validates, and writes the change with its audit entries in one transaction.
enum CaseloadCommands {
    static let managersOnly = "Supervisors and directors manage caseloads."

    // MARK: The limit

    /// The families counted against a staff member's limit, their planned caseload: those they are point of contact
    /// for (covered ones included), and their own that others cover while they are away, not exited.
    static func countedFamilies(of staffID: UUID, on db: any Database) async throws -> Int {
        try await (db as! any SQLDatabase).raw("""
            SELECT \(countedFamilies) AS "total" FROM "staff" AS "s" WHERE "s"."id" = \(bind: staffID)
            """).first(decoding: Total.self)?.total ?? 0
    }

    /// `countedFamilies` of the staff member "s", as an SQL expression (read through the point-of-contact and
    /// absent-worker indexes).
    static var countedFamilies: SQLQueryString {
        let exited = EnrollmentStatus.exited.rawValue
        return """
            ((SELECT COUNT(*) FROM "families" AS "own" WHERE "own"."point_of_contact_id" = "s"."id" AND "own"."enrollment_status" <> \(bind: exited))
             + (SELECT COUNT(*) FROM "covers" AS "away" CROSS JOIN "families" AS "covered" WHERE "away"."away_staff_id" = "s"."id"
                AND "away"."ended_on" IS NULL AND "covered"."id" = "away"."family_id" AND "covered"."enrollment_status" <> \(bind: exited)))
            """
    }

    private struct Total: Decodable { let total: Int }

    /// A staff member's exceptions that have not ended before `day`.
    static func exceptions(of staffID: UUID, from day: CalendarDate, on db: any Database) async throws -> [PartnershipRules.CaseloadException] {
        try await CaseloadException.query(on: db).filter(\.$staff.$id == staffID).filter(\.$endsOn >= day.description).all().compactMap(\.rule)
    }

    /// Refuses, naming `field`, to give `staffID` `adding` more families when that would take them over the
    /// program's limit with no exception in force, or when they do not carry a caseload. Runs inside the caller's
    /// transaction and first claims the staff member's row, so that two assignments to the same worker are
    /// counted one after the other.
    static func ensureRoom(for staffID: UUID, adding: Int, field: String, in ctx: Context) async throws {
        guard let staff = try await Staff.query(on: ctx.db).filter(\.$id == staffID).filter(\.$program.$id == ctx.programID).first(),
              staff.status != .left else {
            throw FieldErrors.one(field, "Choose a current staff member of the program.")
        }
        let program = try await Program.find(ctx.programID, on: ctx.db).orThrow()
        let limit = program.caseloadLimit
        guard limit.applies(to: staff.roles) else {
            throw FieldErrors.one(field, "\(staff.name) does not carry a family-services caseload (the program counts "
                + limit.roles.map(\.label).sorted().joined(separator: ", ") + ").")
        }
        try await (ctx.db as! any SQLDatabase).raw("UPDATE \(ident: Staff.schema) SET \(ident: "version") = \(ident: "version") WHERE \(ident: "id") = \(bind: staffID)").run()
        let current = try await countedFamilies(of: staffID, on: ctx.db)
        if let refusal = limit.refusal(name: staff.name, current: current, adding: adding, on: ctx.today,
                                       exceptions: try await exceptions(of: staffID, from: ctx.today, on: ctx.db)) {
            throw FieldErrors.one(field, refusal + " An exception is recorded on the staff member's caseload page.")
        }
    }

    static func staffMember(_ id: UUID, in ctx: Context) async throws -> Staff {
        guard let staff = try await Staff.query(on: ctx.db).filter(\.$id == id).filter(\.$program.$id == ctx.programID).first(),
              !staff.roles.contains(.partner) else { throw Abort(.notFound) }
        return staff
    }

    static func recordException(for staffID: UUID, _ input: ExceptionInput, in ctx: Context) async throws -> CaseloadException {
        try ctx.require(\.mayManageTeams, managersOnly)
        let staff = try await staffMember(staffID, in: ctx)
        let program = try await Program.find(ctx.programID, on: ctx.db).orThrow()
        let valid = try input.validated(limit: program.caseloadLimit, today: ctx.today)
        let exception = CaseloadException()
        exception.$program.id = ctx.programID
        exception.$staff.id = staffID
        exception.kind = valid.rule.kind
        exception.reference = valid.reference
        exception.startsOn = valid.rule.startsOn.description
        exception.endsOn = valid.rule.endsOn.description
        exception.upTo = valid.rule.upTo
        exception.note = valid.note
        exception.$recordedBy.id = ctx.staff.staffID
        try await ctx.transaction { ctx in
            try await exception.create(on: ctx.db)
            try await ctx.audit(.create, .caseloadException, family: nil, recordID: exception.id,
                                detail: "\(staff.name): \(valid.rule.kind.rawValue) \(valid.rule.startsOn)–\(valid.rule.endsOn), up to \(valid.rule.upTo)")
        }
        return exception
    }

    // MARK: Absences and cover

    static func markAbsence(of staffID: UUID, _ input: AbsenceInput, in ctx: Context) async throws -> StaffAbsence {
        try ctx.require(\.mayManageTeams, managersOnly)
        let staff = try await staffMember(staffID, in: ctx)
        let valid = try input.validated(today: ctx.today)
        if let overlapping = try await StaffAbsence.query(on: ctx.db).filter(\.$staff.$id == staffID).filter(\.$returnedOn == nil)
            .filter(\.$startsOn <= valid.end.description).filter(\.$endsOn >= valid.start.description).first() {
            throw FieldErrors.one("starts_on", "\(staff.name) is already away from \(Display.date(overlapping.startsOn)) to \(Display.date(overlapping.endsOn)).")
        }
        let absence = StaffAbsence()
        absence.$program.id = ctx.programID
        absence.$staff.id = staffID
        absence.startsOn = valid.start.description
        absence.endsOn = valid.end.description
        absence.reason = valid.reason
        absence.$recordedBy.id = ctx.staff.staffID
        try await ctx.transaction { ctx in
            try await absence.create(on: ctx.db)
            try await ctx.audit(.create, .absence, family: nil, recordID: absence.id, detail: "\(staff.name): \(valid.start)–\(valid.end)")
        }
        return absence
    }

    static func absence(_ id: UUID, in ctx: Context) async throws -> StaffAbsence {
        guard let absence = try await StaffAbsence.query(on: ctx.db).filter(\.$id == id).filter(\.$program.$id == ctx.programID)
            .with(\.$staff).first() else { throw Abort(.notFound) }
        return absence
    }

    /// Gives the absent worker's families (those chosen) to the workers chosen until the absence ends: each cover
    /// worker becomes the family's point of contact and joins its team, within their limit.
    static func applyCover(_ absenceID: UUID, _ input: AssignmentInput, in ctx: Context) async throws {
        try ctx.require(\.mayManageTeams, managersOnly)
        let absence = try await absence(absenceID, in: ctx)
        let expected = try BasedOn(input.version).or(absence)
        guard absence.returnedOn == nil else {
            throw FieldErrors.one("assign", "\(absence.staff.name) is back; the cover has ended.")
        }
        let chosen = try input.validated()
        let families = try await Family.query(on: ctx.db).filter(\.$id ~~ Array(chosen.keys)).all()
        for family in families where family.$pointOfContact.id != absence.$staff.id || family.enrollmentStatus == .exited {
            throw FieldErrors.one("assign[\(family.id!.uuidString.lowercased())]", "\(family.householdName) is not one of \(absence.staff.name)'s families.")
        }
        guard families.count == chosen.count else { throw FieldErrors.one("assign", "Names a family that is not in the list.") }
        try await checkWorkers(Set(chosen.values), notAway: absence, in: ctx)
        let awayName = absence.staff.name
        try await ctx.transaction { ctx in
            try await absence.save(expecting: expected, in: ctx)
            try await ensureRoom(for: chosen, in: ctx)
            for family in families {
                let cover = chosen[family.id!]!
                let joined = try await TeamMember.query(on: ctx.db).filter(\.$family.$id == family.id!).filter(\.$staff.$id == cover).count() == 0
                family.$pointOfContact.id = cover
                try await family.save(expecting: family.version, in: ctx)
                try await FamilyCommands.join(cover, family: family.id!, because: "covering for \(awayName)", in: ctx)
                let record = Cover()
                record.$absence.id = absenceID
                record.$family.id = family.id!
                record.$awayStaff.id = absence.$staff.id
                record.$coverStaff.id = cover
                record.joinedTeam = joined
                try await record.create(on: ctx.db)
                try await ctx.audit(.update, .family, family: family.id, recordID: family.id,
                                    detail: "changed: point_of_contact_id (cover for \(awayName) until \(absence.endsOn))")
                try await ctx.audit(.create, .cover, family: family.id, recordID: record.id)
            }
        }
    }

    /// The absent worker is back: each covered family goes back to them (unless someone has since chosen another
    /// point of contact), and the cover workers who joined a team for the cover leave it.
    static func endAbsence(_ absenceID: UUID, basedOn: BasedOn, in ctx: Context) async throws {
        try ctx.require(\.mayManageTeams, managersOnly)
        let absence = try await absence(absenceID, in: ctx)
        let expected = try basedOn.or(absence)
        guard absence.returnedOn == nil else { throw FieldErrors.one("returned_on", "\(absence.staff.name) is already back.") }
        try await ctx.transaction { ctx in
            absence.returnedOn = ctx.today.description
            try await absence.save(expecting: expected, in: ctx)
            try await ctx.audit(.update, .absence, family: nil, recordID: absence.id, detail: "\(absence.staff.name) back \(ctx.today)")
            for cover in try await absence.$covers.query(on: ctx.db).filter(\.$endedOn == nil).all() {
                guard let family = try await Family.find(cover.$family.id, on: ctx.db) else { continue }
                if family.$pointOfContact.id == cover.$coverStaff.id {
                    family.$pointOfContact.id = cover.$awayStaff.id
                    try await family.save(expecting: family.version, in: ctx)
                    try await FamilyCommands.join(cover.$awayStaff.id, family: family.id!, because: "as point of contact", in: ctx)
                    try await ctx.audit(.update, .family, family: family.id, recordID: family.id,
                                        detail: "changed: point_of_contact_id (back from cover)")
                }
                if cover.joinedTeam, family.$pointOfContact.id != cover.$coverStaff.id {
                    try await TeamMember.query(on: ctx.db).filter(\.$family.$id == family.id!).filter(\.$staff.$id == cover.$coverStaff.id).delete()
                    try await ctx.audit(.removeTeamMember, .team, family: family.id, recordID: cover.$coverStaff.id, detail: "cover ended")
                }
                cover.endedOn = ctx.today.description
                try await cover.save(on: ctx.db)
            }
        }
    }

    /// Every absence whose last day has passed ends, as if its supervisor had pressed "back": the families go back.
    /// Acts as the staff member who recorded the absence (an absence recorded by someone who has since left stays
    /// for a supervisor to end; the overview flags it). The last day is the program's: it has passed when the
    /// program's day, in its own time zone, is later. `fpp serve` runs this at start and every hour.
    @discardableResult
    static func endAbsencesPast(on db: any Database, clock: ProgramClock) async throws -> Int {
        // A program's day is at most one ahead of the server's: those ending today here may be over there.
        let due = try await StaffAbsence.query(on: db).filter(\.$returnedOn == nil).filter(\.$endsOn <= clock.today.description)
            .sort(\.$endsOn).range(..<500).all()
        var ended = 0
        for absence in due {
            guard let recorder = try await StaffAuthenticator().load(staffID: absence.$recordedBy.id, on: db, viaAPIToken: false),
                  recorder.access.mayManageTeams else { continue }
            let ctx = Context(staff: recorder, db: db, clock: clock, auditor: .system(recorder, channel: "scheduled"))
            guard absence.endsOn < ctx.today.description else { continue }
            try await endAbsence(absence.requireID(), basedOn: .unknown, in: ctx)
            ended += 1
        }
        return ended
    }

    // MARK: Assigning families

    /// Makes the chosen workers the point of contact of families that have none (new or unassigned), within
    /// their limits.
    static func assign(_ input: AssignmentInput, in ctx: Context) async throws {
        try ctx.require(\.mayManageTeams, managersOnly)
        let chosen = try input.validated()
        let families = try await Family.query(on: ctx.db).filter(\.$id ~~ Array(chosen.keys)).filter(\.$program.$id == ctx.programID).all()
        guard families.count == chosen.count else { throw FieldErrors.one("assign", "Names a family that is not in the list.") }
        for family in families where family.$pointOfContact.id != nil || family.enrollmentStatus == .exited {
            throw FieldErrors.one("assign[\(family.id!.uuidString.lowercased())]", "\(family.householdName) already has a point of contact.")
        }
        try await checkWorkers(Set(chosen.values), notAway: nil, in: ctx)
        try await ctx.transaction { ctx in
            try await ensureRoom(for: chosen, in: ctx)
            for family in families {
                family.$pointOfContact.id = chosen[family.id!]!
                try await family.save(expecting: family.version, in: ctx)
                try await FamilyCommands.join(chosen[family.id!]!, family: family.id!, because: "as point of contact", in: ctx)
                try await ctx.audit(.update, .family, family: family.id, recordID: family.id, detail: "changed: point_of_contact_id (assigned by need)")
            }
        }
    }

    /// Each worker chosen is a current staff member who carries a caseload and is not away (other than for
    /// `notAway`'s own staff member, who may not be chosen at all).
    private static func checkWorkers(_ ids: Set<UUID>, notAway absence: StaffAbsence?, in ctx: Context) async throws {
        let program = try await Program.find(ctx.programID, on: ctx.db).orThrow()
        let staff = try await Staff.query(on: ctx.db).filter(\.$id ~~ Array(ids)).filter(\.$program.$id == ctx.programID).all()
        let away = Set(try await CaseloadProposal.awayStaff(program: ctx.programID, during: absence.map { ($0.startsOn, $0.endsOn) }
            ?? (ctx.today.description, ctx.today.description), on: ctx.db))
        for id in ids {
            guard let member = staff.first(where: { $0.id == id }), member.status == .active,
                  program.caseloadLimit.applies(to: member.roles), id != absence?.$staff.id else {
                throw FieldErrors.one("assign", "Choose workers who carry a caseload and are at work.")
            }
            if away.contains(id) { throw FieldErrors.one("assign", "\(member.name) is away then.") }
        }
    }

    /// `ensureRoom` for each worker, for the number of families given to them.
    private static func ensureRoom(for chosen: [UUID: UUID], in ctx: Context) async throws {
        var adding: [UUID: [UUID]] = [:]
        for (family, staff) in chosen { adding[staff, default: []].append(family) }
        for (staff, families) in adding.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
            let first = families.map { $0.uuidString.lowercased() }.min()!
            try await ensureRoom(for: staff, adding: families.count, field: "assign[\(first)]", in: ctx)
        }
    }
}
