import Fluent
import SQLKit

/// Plans a family already has with other agencies (1302.52(e)).
struct M010CreateAgencyPlans: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("agency_plans")
            .id()
            .field("family_id", .uuid, .required, .references("families", "id"))
            .field("agency", .string, .required)
            .field("kind", .string, .required)
            .field("contact", .string)
            .field("summary", .string)
            .field("started_on", .string)
            .field("ends_on", .string)
            .field("recorded_by_name", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await (database as! any SQLDatabase).create(index: "agency_plans_family").on("agency_plans").column("family_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("agency_plans").delete()
    }
}
