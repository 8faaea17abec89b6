import Fluent
import FluentSQL
import Foundation
import SQLKit
import Vapor

extension Family {
    /// Where every family query starts: the families this staff member may see, decided inside the
    /// database. Nobody sees another program's families; team members see their teams' families and those
    /// of the staff they supervise; directors, managers and data viewers see their whole program.
    static func visible(to staff: SignedIn, on db: any Database) -> QueryBuilder<Family> {
        let query = Family.query(on: db).filter(\.$program.$id == staff.programID)
        switch staff.access.familyReach {
        case .wholeProgram:
            return query
        case .teamsAndSupervisees:
            let teams = SQLSubquery.select { $0
                .column("family_id")
                .from(TeamMember.schema)
                .where(SQLColumn("staff_id"), .in, SQLGroupExpression(staff.teamStaffIDs.map { SQLBind($0) }))
            }
            return query.filter(.sql(SQLBinaryExpression(SQLColumn("id", table: Family.schema), .in, teams)))
        case .none:
            return query.filter(.sql(unsafeRaw: "1 = 0"))
        }
    }

    /// One family the staff member may see, or 404: a family outside their reach looks like no family at all.
    static func find(_ id: UUID, visibleTo staff: SignedIn, on db: any Database) async throws -> Family {
        guard let family = try await visible(to: staff, on: db).filter(\.$id == id).first() else {
            throw Abort(.notFound)
        }
        return family
    }
}

extension Request {
    /// The family named in the URL, if this staff member may see it.
    func visibleFamily() async throws -> Family {
        try await Family.find(uuidParameter("familyID"), visibleTo: staff(), on: db)
    }

    /// As `visibleFamily`, for changing it: refused for read-only roles.
    func editableFamily() async throws -> Family {
        let family = try await visibleFamily()
        guard try staff().access.mayEditFamilies else {
            throw Abort(.forbidden, reason: "Your role can read family records but not change them.")
        }
        return family
    }
}
