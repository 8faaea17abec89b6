import Fluent
import SQLKit

/// The audit log, and triggers that make it append-only in the database itself: even a bug or a
/// hand-written query in the app cannot change or remove an entry.
struct M004CreateAuditEntries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_entries")
            .id()
            .field("occurred_at", .datetime, .required)
            .field("staff_id", .uuid)
            .field("staff_name", .string, .required)
            .field("program_id", .uuid)
            .field("family_id", .uuid)
            .field("action", .string, .required)
            .field("record_type", .string, .required)
            .field("record_id", .uuid)
            .field("detail", .string, .required)
            .field("client_address", .string, .required)
            .field("channel", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "audit_entries_family").on("audit_entries")
            .column("family_id").column("occurred_at").run()

        try await AppendOnly.protect("audit_entries", message: "audit entries are append-only", on: sql)
    }

    func revert(on database: any Database) async throws {
        try await AppendOnly.release("audit_entries", on: database as! any SQLDatabase)
        try await database.schema("audit_entries").delete()
    }
}
