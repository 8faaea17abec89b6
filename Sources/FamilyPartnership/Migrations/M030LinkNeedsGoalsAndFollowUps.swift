import Fluent
import SQLKit

/// How a family said no to home visits, and in their words (asked when it is recorded). One thread from a need to
/// a goal to referrals: the need a goal addresses, and who follows up on a referral
/// (each step of a referral sets the next follow-up date and who makes it). Both are checked by the commands
/// to belong to the same family and program. Indexes for reading the thread: goals and referrals by need,
/// referrals by goal, a staff member's follow-ups by day (their week), services by referral, a goal's earlier versions by the goal replacing them, and who goes on a
/// visit by visit.
struct M030LinkNeedsGoalsAndFollowUps: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Goal.schema).field("need_id", .uuid).update()
        try await database.schema(Referral.schema).field("follow_up_by_id", .uuid).update()
        try await database.schema(Family.schema).field("declined_home_visits_how", .string).update()
        try await database.schema(Family.schema).field("declined_home_visits_words", .string).update()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "goals_need").on(Goal.schema).column("need_id").run()
        try await sql.create(index: "referrals_need").on(Referral.schema).column("need_id").run()
        try await sql.create(index: "visit_staff_visit").on(VisitStaff.schema).column("visit_id").run()
        try await sql.create(index: "referrals_goal").on(Referral.schema).column("goal_id").run()
        try await sql.create(index: "services_referral").on(ServiceRecord.schema).column("referral_id").run()
        try await sql.create(index: "goals_replaced_by").on(Goal.schema).column("replaced_by_id").run()
        try await sql.create(index: "referrals_follow_up_by").on(Referral.schema).column("follow_up_by_id").column("follow_up_on").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.drop(index: "referrals_follow_up_by").run()
        try await sql.drop(index: "goals_replaced_by").run()
        try await sql.drop(index: "services_referral").run()
        try await sql.drop(index: "referrals_goal").run()
        try await sql.drop(index: "visit_staff_visit").run()
        try await sql.drop(index: "goals_need").run()
        try await sql.drop(index: "referrals_need").run()
        try await database.schema(Referral.schema).deleteField("follow_up_by_id").update()
        try await database.schema(Family.schema).deleteField("declined_home_visits_words").update()
        try await database.schema(Family.schema).deleteField("declined_home_visits_how").update()
        try await database.schema(Goal.schema).deleteField("need_id").update()
    }
}
