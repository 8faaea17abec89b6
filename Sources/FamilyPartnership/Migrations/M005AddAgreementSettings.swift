import Fluent
import SQLKit

/// The program's partnership settings: when agreements must be started and reviewed, and its assessment periods.
/// One column per statement: SQLite alters a table one column at a time.
struct M005AddAgreementSettings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("programs")
            .field("agreement_start_days", .int, .required, .sql(.default(30))).update()
        try await database.schema("programs")
            .field("agreement_review_days", .int, .required, .sql(.default(90))).update()
        try await database.schema("programs")
            .field("assessment_periods", .string, .required, .sql(.default("intake,fall,winter,spring"))).update()
    }

    func revert(on database: any Database) async throws {
        for column in ["assessment_periods", "agreement_review_days", "agreement_start_days"] {
            try await database.schema("programs").deleteField(.string(column)).update()
        }
    }
}
