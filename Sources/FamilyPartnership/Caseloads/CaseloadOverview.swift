import Fluent
import Foundation
import PartnershipRules
import SQLKit
import Vapor

/// The supervisor's and director's view of caseloads: staff side by side against the limit with their overdue
/// work, the sites with their ratio of families to family-services staff, who is away, and the exceptions in
/// force or expired.
struct CaseloadOverview: Sendable {
    struct StaffRow: Sendable {
        let id: UUID
        let name: String
        let families: Int
        let allowed: Int
        let weight: Int
        let overdue: [(what: CaseloadTable.Overdue, count: Int)]
        let away: StaffAbsence?
        /// An exception in force, or the latest one that has ended while the staff member is still over the limit.
        let exception: CaseloadException?
        let overLimit: Bool
    }

    struct SiteRow: Sendable {
        /// The site, or nil for the "No site" and "Program" rows.
        var siteID: UUID? = nil
        let name: String
        let families: Int
        let staff: Int

        var ratio: String { staff == 0 ? "no staff" : String(format: "%.1f", Double(families) / Double(staff)) }
    }

    let limit: CaseloadLimit
    let staff: [StaffRow]
    let sites: [SiteRow]
    let unassigned: Int
    let absences: [StaffAbsence]
    let exceptions: [CaseloadException]

    static let notASupervisor = "Caseloads are for supervisors and directors; your own is on your home page."

    /// The staff an overview shows: a site's family-services staff (for staff who manage caseloads), or otherwise
    /// those who report to the reader. Refused for staff who neither manage caseloads nor supervise anyone.
    /// `site` is as the query string gave it: a value that is not one of the program's sites is refused naming it.
    static func shown(to staff: SignedIn, site raw: String?, program: Program, on db: any Database) async throws -> [Staff] {
        guard staff.overseesCaseloads else { throw Abort(.forbidden, reason: notASupervisor) }
        var site: UUID?
        if let text = FieldRules.trimmed(raw) {
            guard let id = UUID(uuidString: text) else { throw FieldErrors.one("site", "Site must be one of the program's sites.") }
            site = id
        }
        var members = Staff.query(on: db).filter(\.$program.$id == staff.programID).filter(\.$status != .left).sort(\.$name)
        if let site {
            guard staff.access.mayManageTeams,
                  try await Site.query(on: db).filter(\.$id == site).filter(\.$program.$id == staff.programID).count() == 1 else {
                throw FieldErrors.one("site", "Site must be one of the program's sites.")
            }
            members = members.filter(\.$site.$id == site)
        } else {
            members = members.filter(\.$supervisor.$id == staff.staffID)
        }
        return try await members.all().filter { program.caseloadLimit.applies(to: $0.roles) }
    }

    /// Staff rows for `staffIDs` (a supervisor's staff, or a site's), each with its caseload read in full.
    static func staffRows(_ members: [Staff], program: Program, today: CalendarDate, on db: any Database) async throws -> [StaffRow] {
        let ids = members.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let absences = try await StaffAbsence.query(on: db).filter(\.$staff.$id ~~ ids).filter(\.$returnedOn == nil).sort(\.$startsOn).all()
        let exceptions = try await CaseloadException.query(on: db).filter(\.$staff.$id ~~ ids).sort(\.$endsOn, .descending).all()
        var rows: [StaffRow] = []
        for member in members {
            let id = member.id!
            let table = try await CaseloadTable.load(staffID: id, program: program, today: today, on: db)
            let own = exceptions.filter { $0.$staff.id == id }
            let allowed = program.caseloadLimit.allowed(on: today, exceptions: own.compactMap(\.rule))
            let inForce = own.first { $0.rule?.isInForce(on: today) == true }
            let over = table.counted > allowed
            rows.append(StaffRow(id: id, name: member.name, families: table.counted, allowed: allowed, weight: table.weight, overdue: table.overdue,
                                 away: absences.first { $0.$staff.id == id && $0.startsOn <= today.description },
                                 exception: inForce ?? (over ? own.first : nil), overLimit: over))
        }
        return rows
    }

    private struct SiteCount: Decodable {
        let site_id: UUID?
        let total: Int
    }

    /// Families not exited and family-services staff, by site, counted in the database.
    static func sites(program: Program, on db: any Database) async throws -> [SiteRow] {
        let sql = db as! any SQLDatabase
        let programID = try program.requireID()
        let families = try await sql.raw("""
            SELECT "site_id", COUNT(*) AS "total" FROM "families" WHERE "program_id" = \(bind: programID)
            AND "enrollment_status" <> \(bind: EnrollmentStatus.exited.rawValue) GROUP BY "site_id"
            """).all(decoding: SiteCount.self)
        let staff = try await Staff.query(on: db).filter(\.$program.$id == programID).filter(\.$status != .left)
            .group(.or) { group in for role in program.caseloadLimit.roles { group.filter(\.$rolesList ~~ role.rawValue) } }
            .all()
            .filter { program.caseloadLimit.applies(to: $0.roles) }
        let sites = try await Site.query(on: db).filter(\.$program.$id == programID).sort(\.$name).all()
        var rows = sites.map { site in
            SiteRow(siteID: site.id, name: site.name, families: families.first { $0.site_id == site.id }?.total ?? 0,
                    staff: staff.filter { $0.$site.id == site.id }.count)
        }
        let elsewhere = families.first { $0.site_id == nil }?.total ?? 0, unsited = staff.filter { $0.$site.id == nil }.count
        if elsewhere > 0 || unsited > 0 { rows.append(SiteRow(name: "No site", families: elsewhere, staff: unsited)) }
        rows.append(SiteRow(name: "Program", families: families.reduce(0) { $0 + $1.total }, staff: staff.count))
        return rows
    }

    static func load(_ members: [Staff], wholeProgram: Bool, program: Program, today: CalendarDate, on db: any Database) async throws -> CaseloadOverview {
        let programID = try program.requireID()
        let unassigned = try await Family.query(on: db).filter(\.$program.$id == programID).filter(\.$pointOfContact.$id == nil)
            .filter(\.$enrollmentStatus != .exited).count()
        let ids = members.compactMap(\.id)
        var absences = StaffAbsence.query(on: db).filter(\.$program.$id == programID).filter(\.$returnedOn == nil)
        var exceptions = CaseloadException.query(on: db).filter(\.$program.$id == programID)
            .filter(\.$endsOn >= today.adding(days: -60).description)
        if !wholeProgram {
            absences = absences.filter(\.$staff.$id ~~ ids)
            exceptions = exceptions.filter(\.$staff.$id ~~ ids)
        }
        return CaseloadOverview(
            limit: program.caseloadLimit,
            staff: try await staffRows(members, program: program, today: today, on: db),
            sites: wholeProgram ? try await sites(program: program, on: db) : [],
            unassigned: unassigned,
            absences: try await absences.with(\.$staff).sort(\.$startsOn).range(..<100).all(),
            exceptions: try await exceptions.with(\.$staff).sort(\.$endsOn).range(..<100).all())
    }
}
