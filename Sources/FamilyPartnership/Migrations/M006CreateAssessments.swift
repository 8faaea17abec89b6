import Fluent
import SQLKit

struct M006CreateAssessments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("instrument_versions")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id"))
            .field("key", .string, .required)
            .field("version", .int, .required)
            .field("name", .string, .required)
            .field("definition", .string, .required)
            .field("created_by_name", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "program_id", "key", "version")
            .create()
        try await database.schema("assessments")
            .id()
            .field("family_id", .uuid, .required, .references("families", "id"))
            .field("instrument_version_id", .uuid, .required, .references("instrument_versions", "id"))
            .field("period", .string, .required)
            .field("taken_on", .string, .required)
            .field("mode", .string, .required)
            .field("participants", .string, .required)
            .field("answers", .string, .required)
            .field("outcomes_chosen", .string, .required)
            .field("family_strengths", .string)
            .field("staff_observations", .string)
            .field("strength_tags", .string, .required)
            .field("recorded_by_id", .uuid, .references("staff", "id"))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.schema("family_needs")
            .id()
            .field("family_id", .uuid, .required, .references("families", "id"))
            .field("assessment_id", .uuid, .references("assessments", "id"))
            .field("category", .string, .required)
            .field("urgency", .string, .required)
            .field("intensity", .string, .required)
            .field("description", .string, .required)
            .field("item_key", .string)
            .field("identified_on", .string, .required)
            .field("met_on", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "assessments_family").on("assessments").column("family_id").column("taken_on").run()
        try await sql.create(index: "family_needs_family").on("family_needs").column("family_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("family_needs").delete()
        try await database.schema("assessments").delete()
        try await database.schema("instrument_versions").delete()
    }
}
