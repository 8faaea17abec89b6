import Fluent
import Foundation
import PartnershipRules
import SQLKit

/// What the assignment solver is given, read from the database: the workers who may take families (their
/// caseloads, workload weight and limit on the day), and the families to place (their weight, language, team and
/// household). The solver's proposal, with each family's and worker's name for the page.
struct CaseloadProposal: Sendable {
    struct Line: Sendable {
        let familyID: UUID
        let family: String
        let language: String
        let weight: Int
        let proposed: UUID?
        let reasons: [CaseloadAssignment.Reason]
    }

    let lines: [Line]
    let workers: [CaseloadAssignment.Worker]
    let provenBest: Bool

    func name(_ worker: UUID?) -> String? { workers.first { $0.id == worker }?.name }

    /// Most families proposed at once (a page).
    static let most = 200

    /// Cover for the absent worker's families.
    static func forAbsence(_ absence: StaffAbsence, program: Program, today: CalendarDate, on db: any Database) async throws -> CaseloadProposal {
        let ids = try await Family.query(on: db).filter(\.$pointOfContact.$id == absence.$staff.id).filter(\.$enrollmentStatus != .exited)
            .sort(\.$householdName).range(..<most).all(\.$id)
        return try await propose(ids, excluding: absence.$staff.id, during: (absence.startsOn, absence.endsOn), program: program, today: today, on: db)
    }

    /// Workers for the program's families without a point of contact, oldest applications first.
    static func forUnassigned(program: Program, today: CalendarDate, on db: any Database) async throws -> CaseloadProposal {
        let ids = try await Family.query(on: db).filter(\.$program.$id == program.requireID()).filter(\.$pointOfContact.$id == nil)
            .filter(\.$enrollmentStatus != .exited).sort(\.$appliedOn).sort(\.$householdName).range(..<most).all(\.$id)
        return try await propose(ids, excluding: nil, during: (today.description, today.description), program: program, today: today, on: db)
    }

    private static func propose(_ familyIDs: [UUID], excluding: UUID?, during: (String, String), program: Program,
                                today: CalendarDate, on db: any Database) async throws -> CaseloadProposal {
        let workers = try await candidates(program: program, excluding: excluding, during: during, today: today, on: db)
        let families = try await families(familyIDs, on: db)
        let proposal = CaseloadAssignment.propose(families: families.map(\.input), workers: workers)
        let placed = Dictionary(uniqueKeysWithValues: proposal.placements.map { ($0.family, $0) })
        return CaseloadProposal(lines: families.map { f in
            Line(familyID: f.input.id, family: f.name, language: f.language, weight: f.input.weight,
                 proposed: placed[f.input.id]?.worker, reasons: placed[f.input.id]?.reasons ?? [])
        }, workers: workers, provenBest: proposal.isProvenBest)
    }

    /// Staff of the program away at some time between the two days (`YYYY-MM-DD`), not back yet.
    static func awayStaff(program: UUID, during: (String, String), on db: any Database) async throws -> [UUID] {
        try await StaffAbsence.query(on: db).filter(\.$program.$id == program).filter(\.$returnedOn == nil)
            .filter(\.$startsOn <= during.1).filter(\.$endsOn >= during.0).all(\.$staff.$id)
    }

    private struct Load: Decodable {
        let staff_id: UUID
        let families: Int
        let weight: Int?
    }

    /// The program's current staff who carry a caseload and are not away, with their caseloads as they stand.
    static func candidates(program: Program, excluding: UUID?, during: (String, String), today: CalendarDate,
                           on db: any Database) async throws -> [CaseloadAssignment.Worker] {
        let limit = program.caseloadLimit
        let programID = try program.requireID()
        let away = Set(try await awayStaff(program: programID, during: during, on: db))
        let staff = try await Staff.query(on: db).filter(\.$program.$id == programID).filter(\.$status == .active)
            .group(.or) { group in for role in limit.roles { group.filter(\.$rolesList ~~ role.rawValue) } }
            .sort(\.$name).all()
            .filter { limit.applies(to: $0.roles) && $0.id != excluding && !away.contains($0.id!) }
        guard !staff.isEmpty else { return [] }
        let ids = staff.map { $0.id! }
        let loads = try await (db as! any SQLDatabase).raw("""
            SELECT "f"."point_of_contact_id" AS "staff_id", COUNT(*) AS "families",
              CAST(SUM(CASE WHEN "p"."points" IS NULL THEN 1 WHEN "p"."points" >= \(literal: Workload.heaviest - 1) THEN \(literal: Workload.heaviest) ELSE 1 + "p"."points" END) AS INTEGER) AS "weight"
            FROM "families" AS "f" LEFT JOIN (SELECT "n"."family_id", SUM(\(CaseloadTable.needPoints)) AS "points" FROM "family_needs" AS "n"
              CROSS JOIN "families" AS "g" WHERE "g"."id" = "n"."family_id" AND "g"."point_of_contact_id" IN (\(binds: ids)) AND "n"."met_on" IS NULL
              GROUP BY "n"."family_id") AS "p" ON "p"."family_id" = "f"."id"
            WHERE "f"."point_of_contact_id" IN (\(binds: ids)) AND "f"."enrollment_status" <> \(bind: EnrollmentStatus.exited.rawValue)
            GROUP BY "f"."point_of_contact_id"
            """).all(decoding: Load.self)
        let byStaff = Dictionary(uniqueKeysWithValues: loads.map { ($0.staff_id, $0) })
        // Families others cover while a worker is away come back to her: they stay in her planned caseload.
        var coveredAway: [UUID: Int] = [:]
        for cover in try await Cover.query(on: db).filter(\.$awayStaff.$id ~~ ids).filter(\.$endedOn == nil).all() {
            coveredAway[cover.$awayStaff.id, default: 0] += 1
        }
        let exceptions = try await CaseloadException.query(on: db).filter(\.$staff.$id ~~ ids)
            .filter(\.$startsOn <= today.description).filter(\.$endsOn >= today.description).all()
        return staff.map { member in
            let id = member.id!
            return CaseloadAssignment.Worker(
                id: id, name: member.name, languages: Set(member.languages.split(separator: ",").map(String.init)),
                families: (byStaff[id]?.families ?? 0) + coveredAway[id, default: 0], weight: byStaff[id]?.weight ?? 0,
                limit: limit.allowed(on: today, exceptions: exceptions.filter { $0.$staff.id == id }.compactMap(\.rule)))
        }
    }

    private struct FamilyRecord: Decodable {
        let id: UUID
        let household_name: String
        let preferred_language: String
        let address_line: String?
        let postal_code: String?
        let points: Int?
    }

    private static func families(_ ids: [UUID], on db: any Database) async throws
        -> [(input: CaseloadAssignment.Family, name: String, language: String)] {
        guard !ids.isEmpty else { return [] }
        let sql = db as! any SQLDatabase
        let records = try await sql.raw("""
            SELECT "f"."id", "f"."household_name", "f"."preferred_language", "f"."address_line", "f"."postal_code",
              (SELECT CAST(SUM(\(CaseloadTable.needPoints)) AS INTEGER) FROM "family_needs" AS "n" WHERE "n"."family_id" = "f"."id" AND "n"."met_on" IS NULL) AS "points"
            FROM "families" AS "f" WHERE "f"."id" IN (\(binds: ids)) ORDER BY "f"."household_name", "f"."id"
            """).all(decoding: FamilyRecord.self)
        let team = try await TeamMember.query(on: db).filter(\.$family.$id ~~ ids).all()
        var known: [UUID: Set<UUID>] = [:]
        for member in team { known[member.$family.id, default: []].insert(member.$staff.id) }
        return records.map { r in
            // Households at the same address are taken to be related (siblings living with relatives nearby share it).
            let household = r.address_line.flatMap(FieldRules.trimmed).map { "\($0.lowercased())|\(r.postal_code ?? "")" }
            return (CaseloadAssignment.Family(id: r.id, weight: Workload.weight(needPoints: r.points ?? 0), language: r.preferred_language,
                                              knownWorkers: known[r.id] ?? [], household: household),
                    r.household_name, r.preferred_language)
        }
    }
}

extension CaseloadAssignment.Reason {
    /// The reason in words, for the supervisor reading the proposal.
    var text: String {
        switch self {
        case .speaksLanguage(let language): "speaks \(language.capitalized)"
        case .languageNotSpoken(let language): "no worker with room speaks \(language.capitalized)"
        case .knowsFamily: "already on the family's team"
        case .withRelatedHousehold: "with the related household at the same address"
        case .workload(let families, let weight): "then \(families) families, workload \(weight)"
        }
    }
}
