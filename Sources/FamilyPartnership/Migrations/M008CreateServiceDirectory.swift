import Fluent
import SQLKit

/// A program's own service categories and its directory of community providers.
struct M008CreateServiceDirectory: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("program_service_categories")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id"))
            .field("key", .string, .required)
            .field("label", .string, .required)
            .field("follow_up_days", .int, .required)
            .field("created_at", .datetime)
            .unique(on: "program_id", "key")
            .create()
        try await database.schema("providers")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id"))
            .field("name", .string, .required)
            .field("categories", .string, .required)
            .field("languages", .string, .required)
            .field("eligibility", .string)
            .field("cost", .string)
            .field("address", .string)
            .field("hours", .string)
            .field("phone", .string)
            .field("email", .string)
            .field("website", .string)
            .field("contact_name", .string)
            .field("verified_on", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "providers_program_name").on("providers").column("program_id").column("name").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("providers").delete()
        try await database.schema("program_service_categories").delete()
    }
}
