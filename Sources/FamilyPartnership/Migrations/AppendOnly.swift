import SQLKit

/// Triggers that make a table append-only in the database itself: even a bug or a hand-written query cannot
/// change or remove a row. Used by the audit log (M004) and the disclosure log (M011); the names it creates
/// (`<table>_append_only()`, `<table>_no_change`, `<table>_no_update`, `<table>_no_delete`) are fixed by those migrations.
enum AppendOnly {
    static func protect(_ table: String, message: String, on sql: any SQLDatabase) async throws {
        if sql.dialect.name == "postgresql" {
            try await sql.raw("""
                CREATE FUNCTION \(unsafeRaw: table)_append_only() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION '\(unsafeRaw: message)'; END; $$ LANGUAGE plpgsql
                """).run()
            try await sql.raw("""
                CREATE TRIGGER \(unsafeRaw: table)_no_change BEFORE UPDATE OR DELETE ON \(unsafeRaw: table)
                FOR EACH ROW EXECUTE FUNCTION \(unsafeRaw: table)_append_only()
                """).run()
        } else {
            for event in ["UPDATE", "DELETE"] {
                try await sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: table)_no_\(unsafeRaw: event.lowercased()) BEFORE \(unsafeRaw: event) ON \(unsafeRaw: table)
                    BEGIN SELECT RAISE(ABORT, '\(unsafeRaw: message)'); END
                    """).run()
            }
        }
    }

    /// Undoes `protect` on PostgreSQL; SQLite drops a table's triggers with the table.
    static func release(_ table: String, on sql: any SQLDatabase) async throws {
        guard sql.dialect.name == "postgresql" else { return }
        try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_no_change ON \(unsafeRaw: table)").run()
        try await sql.raw("DROP FUNCTION IF EXISTS \(unsafeRaw: table)_append_only()").run()
    }
}
