import Fluent
import SQLKit

/// Children by birth date, for the transition plans overdue across a program: a run of birth dates per program
/// option (`TransitionDates.planningOverdue`), read in birth order from this index rather than from every member.
/// Covers by the absent worker, for the families counted against her limit while others cover them.
struct M027AddBirthDateAndCoverIndexes: IndexMigration {
    static let indexes: [(name: String, table: String, columns: [String])] = [
        ("family_members_birth", "family_members", ["date_of_birth"]),
        ("covers_away_staff", "covers", ["away_staff_id", "ended_on"]),
    ]
}
