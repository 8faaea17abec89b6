import Fluent

struct M002CreateStaff: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("staff")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id"))
            .field("site_id", .uuid, .references("sites", "id"))
            .field("supervisor_id", .uuid, .references("staff", "id"))
            .field("name", .string, .required)
            .field("email", .string, .required)
            .field("password_hash", .string, .required)
            .field("roles", .string, .required)
            .field("languages", .string, .required)
            .field("status", .string, .required)
            .field("failed_sign_ins", .int, .required)
            .field("last_failed_sign_in_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "email")
            .create()
        try await database.schema("api_tokens")
            .id()
            .field("staff_id", .uuid, .required, .references("staff", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("token_digest", .string, .required)
            .field("created_at", .datetime)
            .field("last_used_at", .datetime)
            .unique(on: "token_digest")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("api_tokens").delete()
        try await database.schema("staff").delete()
    }
}
