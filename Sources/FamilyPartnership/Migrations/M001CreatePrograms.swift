import Fluent

struct M001CreatePrograms: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("programs")
            .id()
            .field("name", .string, .required)
            .field("grantee", .string, .required)
            .field("serves_head_start", .bool, .required)
            .field("serves_early_head_start", .bool, .required)
            .field("program_options", .string, .required)
            .field("program_year_start", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema("sites")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id"))
            .field("name", .string, .required)
            .field("address", .string)
            .unique(on: "program_id", "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sites").delete()
        try await database.schema("programs").delete()
    }
}
