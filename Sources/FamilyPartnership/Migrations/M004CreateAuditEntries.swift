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

        if sql.dialect.name == "postgresql" {
            try await sql.raw("""
                CREATE FUNCTION audit_entries_append_only() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'audit entries are append-only'; END; $$ LANGUAGE plpgsql
                """).run()
            try await sql.raw("""
                CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON audit_entries
                FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()
                """).run()
        } else {
            for event in ["UPDATE", "DELETE"] {
                try await sql.raw("""
                    CREATE TRIGGER audit_entries_no_\(unsafeRaw: event.lowercased()) BEFORE \(unsafeRaw: event) ON audit_entries
                    BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END
                    """).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            try await sql.raw("DROP TRIGGER IF EXISTS audit_entries_no_change ON audit_entries").run()
            try await sql.raw("DROP FUNCTION IF EXISTS audit_entries_append_only()").run()
        }
        // SQLite drops a table's triggers with the table.
        try await database.schema("audit_entries").delete()
    }
}
