import Fluent
import SQLKit

/// Indexes for the to-do's sections over a caseload: a family's goals by state (quiet goals, steps of active
/// goals) and a family's referrals by follow-up date. Without them SQLite read every goal, and every overdue
/// referral of the program, to find one worker's.
struct M020AddToDoIndexes: IndexMigration {
    static let indexes: [(name: String, table: String, columns: [String])] = [
        ("goals_family_state", "goals", ["family_id", "state"]),
        ("referrals_family_follow_up", "referrals", ["family_id", "follow_up_on"]),
    ]
}
