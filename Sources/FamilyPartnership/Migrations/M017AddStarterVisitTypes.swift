import Fluent
import Foundation
import SQLKit

/// The starter visit types and trainings for every program that has none: programs made before visits existed
/// (M012 used to add them, through models that have since grown columns M012 does not create).
struct M017AddStarterVisitTypes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let rows = try await sql.raw("""
            SELECT id FROM programs WHERE NOT EXISTS (SELECT 1 FROM visit_types WHERE visit_types.program_id = programs.id)
            """).all()
        for row in rows {
            try await VisitType.addStarterSet(program: row.decode(column: "id", as: UUID.self), on: database)
        }
    }

    /// The visit types may have been used since; they stay.
    func revert(on database: any Database) async throws {}
}
