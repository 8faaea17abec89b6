import Fluent
import FluentSQL
import PartnershipRules
import Foundation
import SQLKit
import Vapor

extension Family {
    /// Where every family query starts: the families this staff member may see, decided inside the
    /// database. Nobody sees another program's families; team members see their teams' families and those
    /// of the staff they supervise; directors, managers and data viewers see their whole program.
    static func visible(to staff: SignedIn, on db: any Database) -> QueryBuilder<Family> {
        let query = Family.query(on: db).filter(\.$program.$id == staff.programID)
        return reach(of: staff, column: SQLColumn("id", table: Family.schema)).map { query.filter($0) } ?? query
    }

    /// The condition that `column` (a family id) is one of the families of the staff member's program they may
    /// see, beyond being in their program: nil for the whole program. For queries of other records that name
    /// the family (a staff member's visits, for one).
    static func reach(of staff: SignedIn, column: SQLColumn) -> DatabaseQuery.Filter? {
        reachCondition(of: staff, column: column).map { .sql($0) }
    }

    /// `reach` as an SQL condition, for queries written in SQL.
    static func reachCondition(of staff: SignedIn, column: SQLColumn) -> (any SQLExpression)? {
        switch staff.access.familyReach {
        case .wholeProgram:
            return nil
        case .teamsAndSupervisees:
            let teams = SQLSubquery.select { $0
                .column("family_id")
                .from(TeamMember.schema)
                .where(SQLColumn("staff_id"), .in, SQLGroupExpression(staff.teamStaffIDs.map { SQLBind($0) }))
            }
            return SQLBinaryExpression(column, .in, teams)
        case .none:
            return SQLRaw("1 = 0")
        }
    }
}

extension Context {
    /// A family this staff member may see, or 404: a family outside their reach looks like no family at all.
    /// Asking for a family that exists but is out of reach is written to the audit log as refused.
    func family(_ id: UUID) async throws -> Family {
        if let family = try await Family.visible(to: staff, on: db).filter(\.$id == id).first() { return family }
        if try await Family.query(on: db).filter(\.$id == id).count() > 0 {
            try await audit(.refused, .family, family: id, recordID: id, detail: "outside this staff member's reach")
        }
        throw Abort(.notFound)
    }

    /// As `family`, for changing it: refused (and audited) for read-only roles.
    func editableFamily(_ id: UUID) async throws -> Family {
        let family = try await self.family(id)
        guard staff.access.mayEditFamilies else {
            try await audit(.refused, .family, family: id, recordID: id, detail: "role may not change family records")
            throw Abort(.forbidden, reason: "Your role can read family records but not change them.")
        }
        return family
    }

    /// As `family`, when the acting staff member's roles allow `permission`; otherwise 403, audited.
    func family(_ id: UUID, allowedTo permission: KeyPath<Access, Bool>, _ reason: String) async throws -> Family {
        let family = try await self.family(id)
        guard staff.access[keyPath: permission] else {
            try await audit(.refused, .family, family: id, recordID: id, detail: reason)
            throw Abort(.forbidden, reason: reason)
        }
        return family
    }
}

extension Request {
    /// The family named in the URL, if this staff member may see it.
    func visibleFamily() async throws -> Family {
        try await context().family(uuidParameter("familyID"))
    }

    /// As `visibleFamily`, for changing it: refused for read-only roles.
    func editableFamily() async throws -> Family {
        try await context().editableFamily(uuidParameter("familyID"))
    }
}
