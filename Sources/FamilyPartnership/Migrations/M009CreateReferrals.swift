import Fluent
import SQLKit

/// Referrals to community providers with their history, services the family received, and the program
/// setting that a referral needs the family's request.
struct M009CreateReferrals: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("programs")
            .field("referrals_need_family_request", .bool, .required, .sql(.default(false))).update()
        try await database.schema("referrals")
            .id()
            .field("family_id", .uuid, .required, .references("families", "id"))
            .field("need_id", .uuid, .references("family_needs", "id"))
            .field("goal_id", .uuid, .references("goals", "id"))
            .field("provider_id", .uuid, .references("providers", "id"))
            .field("category", .string, .required)
            .field("family_asked", .bool, .required)
            .field("status", .string, .required)
            .field("status_on", .string, .required)
            .field("requested_on", .string, .required)
            .field("follow_up_on", .string, .required)
            .field("outcome", .string)
            .field("notes", .string)
            .field("created_by_id", .uuid, .references("staff", "id"))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.schema("referral_events")
            .id()
            .field("referral_id", .uuid, .required, .references("referrals", "id"))
            .field("family_id", .uuid, .required, .references("families", "id"))
            .field("status", .string, .required)
            .field("happened_on", .string, .required)
            .field("note", .string)
            .field("recorded_by_name", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema("services")
            .id()
            .field("family_id", .uuid, .required, .references("families", "id"))
            .field("category", .string, .required)
            .field("provided_on", .string, .required)
            .field("provider_id", .uuid, .references("providers", "id"))
            .field("delivered_by", .string, .required)
            .field("referral_id", .uuid, .references("referrals", "id"))
            .field("notes", .string)
            .field("recorded_by_name", .string, .required)
            .field("created_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "referrals_family").on("referrals").column("family_id").run()
        try await sql.create(index: "referrals_follow_up").on("referrals").column("status").column("follow_up_on").run()
        try await sql.create(index: "referral_events_referral").on("referral_events").column("referral_id").run()
        try await sql.create(index: "services_family").on("services").column("family_id").column("provided_on").run()
        try await sql.create(index: "services_provided").on("services").column("provided_on").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("services").delete()
        try await database.schema("referral_events").delete()
        try await database.schema("referrals").delete()
        try await database.schema("programs").deleteField("referrals_need_family_request").update()
    }
}
