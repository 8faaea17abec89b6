import Fluent
import SQLKit

/// Every editable record carries a version, so a change based on an older one is refused instead of silently
/// overwriting someone else's (goals had one already). Also the empty table every SQLite transaction writes
/// first, so that concurrent writers queue for the write lock (see `Context.transaction`).
struct M015AddRecordVersions: AsyncMigration {
    static let versioned = [
        "programs", "staff", "families", "family_members", "agreements", "action_steps", "family_needs",
        "referrals", "providers", "partner_agencies", "consents", "record_requests", "visits", "visit_types",
    ]

    func prepare(on database: any Database) async throws {
        for table in Self.versioned {
            try await database.schema(table).field("version", .int, .required, .sql(.default(1))).update()
        }
        try await database.schema(WriteGate.schema).field("id", .int, .identifier(auto: false)).create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(WriteGate.schema).delete()
        for table in Self.versioned {
            try await database.schema(table).deleteField("version").update()
        }
    }
}
