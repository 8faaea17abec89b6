import Fluent

/// An index on each staff member's supervisor: every signed-in request looks up whom the staff member
/// supervises (their teams' families are in reach), which read the whole staff table.
struct M021AddSupervisorIndex: IndexMigration {
    static let indexes: [(name: String, table: String, columns: [String])] = [
        ("staff_supervisor", "staff", ["supervisor_id"]),
    ]
}
