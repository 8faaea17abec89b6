import Fluent

/// Whether each scheduled staff member took part in a completed visit: only those who did are paid for it.
struct M014AddVisitAttendance: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("visit_staff").field("attended", .bool, .required, .sql(.default(true))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("visit_staff").deleteField("attended").update()
    }
}
