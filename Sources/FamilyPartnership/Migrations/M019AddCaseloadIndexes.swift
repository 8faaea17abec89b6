import Fluent
import SQLKit

/// Indexes for the lists a staff member opens every day, so that their cost follows the caseload, not the
/// program: a family's action steps, contacts and visits by date, a staff member's contacts by date (the
/// visit-hours report), and a family's access history in a stable order.
struct M019AddCaseloadIndexes: IndexMigration {
    static let indexes: [(name: String, table: String, columns: [String])] = [
        ("action_steps_family_done", "action_steps", ["family_id", "done_on", "due_on"]),
        ("contacts_family_on", "contacts", ["family_id", "contacted_on"]),
        ("contacts_staff_on", "contacts", ["staff_id", "contacted_on"]),
        ("visits_family_on", "visits", ["family_id", "scheduled_on"]),
        ("visit_staff_staff_visit", "visit_staff", ["staff_id", "visit_id"]),
        ("audit_entries_family_order", "audit_entries", ["family_id", "occurred_at", "id"]),
        ("families_point_of_contact", "families", ["point_of_contact_id", "enrollment_status"]),
    ]
}

/// A migration that only adds indexes: each `indexes` entry is created in order and dropped in reverse.
protocol IndexMigration: AsyncMigration {
    static var indexes: [(name: String, table: String, columns: [String])] { get }
}

extension IndexMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in Self.indexes {
            var create = sql.create(index: index.name).on(index.table)
            for column in index.columns { create = create.column(column) }
            try await create.run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in Self.indexes.reversed() { try await sql.drop(index: index.name).run() }
    }
}
