import Fluent
import SQLKit

/// Supervision: reflective supervision notes per staff member, a supervisor's reviews of a family's agreement,
/// and a family's team meetings and case conferences.
struct M026CreateSupervision: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SupervisionNote.schema)
            .id()
            .field("program_id", .uuid, .required, .references(Program.schema, "id"))
            .field("staff_id", .uuid, .required, .references(Staff.schema, "id"))
            .field("supervisor_id", .uuid, .required, .references(Staff.schema, "id"))
            .field("held_on", .string, .required)
            .field("reflections", .string, .required)
            .field("next_steps", .string)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema(SupervisorReview.schema)
            .id()
            .field("agreement_id", .uuid, .required, .references(Agreement.schema, "id"))
            .field("family_id", .uuid, .required, .references(Family.schema, "id"))
            .field("reviewed_on", .string, .required)
            .field("comment", .string, .required)
            .field("reviewer_id", .uuid, .required, .references(Staff.schema, "id"))
            .field("created_at", .datetime)
            .create()
        try await database.schema(FamilyMeeting.schema)
            .id()
            .field("family_id", .uuid, .required, .references(Family.schema, "id"))
            .field("kind", .string, .required)
            .field("held_on", .string, .required)
            .field("participants", .string, .required)
            .field("decisions", .string, .required)
            .field("next_steps", .string)
            .field("recorded_by_id", .uuid, .required, .references(Staff.schema, "id"))
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "supervision_notes_staff").on(SupervisionNote.schema).column("staff_id").column("held_on").run()
        try await sql.create(index: "supervisor_reviews_agreement").on(SupervisorReview.schema).column("agreement_id").column("reviewed_on").run()
        try await sql.create(index: "family_meetings_family").on(FamilyMeeting.schema).column("family_id").column("held_on").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in ["family_meetings_family", "supervisor_reviews_agreement", "supervision_notes_staff"] { try await sql.drop(index: index).run() }
        try await database.schema(FamilyMeeting.schema).delete()
        try await database.schema(SupervisorReview.schema).delete()
        try await database.schema(SupervisionNote.schema).delete()
    }
}
