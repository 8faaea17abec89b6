import Fluent
import Foundation
import PartnershipRules
import SQLKit

/// The to-do sections as set-based queries. The rules in PartnershipRules give the dates to compare with (a
/// family enrolled before this day without an agreement is late, …); the database filters, counts and orders
/// by them over the staff member's reach and reads only the window shown. Each query returns its rows with
/// `total`, the count of the whole section.
struct WorkQueries {
    let staff: SignedIn
    let program: Program
    let clock: ProgramClock
    let sql: any SQLDatabase
    let db: any Database
    var today: CalendarDate { clock.today }

    init(staff: SignedIn, clock: ProgramClock, on db: any Database) async throws {
        self.staff = staff
        self.clock = clock
        self.db = db
        self.sql = db as! any SQLDatabase
        self.program = try await Program.find(staff.programID, on: db).orThrow()
    }

    func section(_ kind: WorkList.Kind, _ window: WorkList.Window) async throws -> WorkList.Section {
        switch kind {
        case .visitsThisWeek: try await visitsThisWeek(window)
        case .contactOverdue: try await contactGap(overdue: true, window)
        case .contactDueSoon: try await contactGap(overdue: false, window)
        case .behindOnVisits: try await behindOnVisits(window)
        case .lateAgreements: try await lateAgreements(window)
        case .reviewsDue: try await reviewsDue(window)
        case .stepsDue: try await stepsDue(window)
        case .quietGoals: try await quietGoals(window)
        case .transitionPlans: try await transitionPlans(window)
        case .followUps: try await followUps(window)
        case .inspectionsDue: try await inspectionsDue(window)
        case .mouRenewals: try await mouRenewals(window)
        case .caseloadExceptions: try await caseloadExceptions(window)
        }
    }

    // MARK: Building blocks

    /// "f" is one of the program's families this staff member may see.
    var reachable: SQLQueryString {
        var condition: SQLQueryString = "\"f\".\"program_id\" = \(bind: staff.programID)"
        if let reach = Family.reachCondition(of: staff, column: SQLColumn("id", table: "f")) { condition += " AND \(reach)" }
        return condition
    }

    /// "f" is an enrolled family this staff member may see.
    var enrolled: SQLQueryString {
        reachable + " AND \"f\".\"enrollment_status\" = \(bind: EnrollmentStatus.enrolled.rawValue)"
    }

    var thisYear: String { program.year(containing: today).stored }

    /// How a query joins the tables after "families" (its first): a worker's few families lead, so that an
    /// index in due-date order does not walk the whole program's items to find hers; over a whole program the
    /// planner may start from that index instead. Join conditions go in the WHERE clause.
    var then: SQLQueryString {
        staff.access.familyReach == .wholeProgram ? ", " : " CROSS JOIN "
    }

    private struct Total: Decodable { let total: Int }

    /// Reads the window of `select`'s rows in `order`, makes each row an item, and counts the section up to the
    /// window's `countUpTo`.
    func run<Row: Decodable>(_ kind: WorkList.Kind, _ select: SQLQueryString, orderBy order: SQLQueryString,
                             _ window: WorkList.Window, item: (Row) -> WorkList.Item) async throws -> WorkList.Section {
        let rows = try await sql.raw("\(select) ORDER BY \(order) LIMIT \(literal: window.limit) OFFSET \(literal: window.offset)")
            .all(decoding: Row.self)
        let items = try await withWhose(rows.map(item))
        if window.offset == 0 && rows.count < window.limit {
            // The first page holds the whole section (as it does for most of a caseload's sections).
            return WorkList.Section(kind: kind, total: rows.count, isMore: false, items: items)
        }
        let counted = try await sql.raw("SELECT COUNT(*) AS \"total\" FROM (\(select) LIMIT \(literal: window.countUpTo + 1)) AS \"section\"")
            .first(decoding: Total.self)?.total ?? 0
        return WorkList.Section(kind: kind, total: min(counted, window.countUpTo), isMore: counted > window.countUpTo, items: items)
    }

    private struct Whose: Decodable {
        let id: UUID
        let name: String
    }

    /// The items with whose they are (the family's point of contact), for staff who see others' families: those
    /// who see the whole program, and supervisors. One query for the page's families.
    private func withWhose(_ items: [WorkList.Item]) async throws -> [WorkList.Item] {
        guard staff.access.familyReach == .wholeProgram || staff.teamStaffIDs.count > 1 else { return items }
        let ids = Array(Set(items.compactMap(\.familyID)))
        guard !ids.isEmpty else { return items }
        let names = try await sql.raw("""
            SELECT "f"."id", "s"."name" FROM "families" AS "f" CROSS JOIN "staff" AS "s"
            WHERE "f"."id" IN (\(binds: ids)) AND "s"."id" = "f"."point_of_contact_id"
            """).all(decoding: Whose.self)
        let byFamily = Dictionary(names.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        return items.map { item in
            var item = item
            item.whose = item.familyID.flatMap { byFamily[$0] }
            return item
        }
    }

    // MARK: Agreements and goals

    private struct FamilyDay: Decodable {
        let family_id: UUID
        let family: String
        let day: String
    }

    private func lateAgreements(_ window: WorkList.Window) async throws -> WorkList.Section {
        let schedule = program.agreementSchedule
        return try await run(.lateAgreements, """
            SELECT "f"."id" AS "family_id", "f"."household_name" AS "family", "f"."enrolled_on" AS "day"
            FROM "families" AS "f" WHERE \(enrolled) AND "f"."enrolled_on" < \(bind: schedule.startOverdue(enrolledBefore: today).description)
            AND NOT EXISTS (SELECT 1 FROM "agreements" AS "a" WHERE "a"."family_id" = "f"."id" AND "a"."program_year" = \(bind: thisYear))
            """, orderBy: #""f"."enrolled_on", "f"."household_name", "f"."id""#, window) { (row: FamilyDay) in
            let deadline = CalendarDate(row.day).map { schedule.startDeadline(enrolledOn: $0).description } ?? row.day
            return WorkList.Item(familyID: row.family_id, family: row.family, text: "due \(Display.date(deadline))", link: SiteURL.agreement(row.family_id).path)
        }
    }

    private func reviewsDue(_ window: WorkList.Window) async throws -> WorkList.Section {
        try await run(.reviewsDue, """
            SELECT "f"."id" AS "family_id", "f"."household_name" AS "family", "a"."next_review_on" AS "day"
            FROM "families" AS "f"\(then)"agreements" AS "a"
            WHERE "a"."family_id" = "f"."id" AND \(enrolled) AND "a"."program_year" = \(bind: thisYear)
            AND "a"."next_review_on" <= \(bind: FollowUp.reviewsDue(through: today).description)
            """, orderBy: #""a"."next_review_on", "f"."household_name", "f"."id""#, window) { (row: FamilyDay) in
            WorkList.Item(familyID: row.family_id, family: row.family, text: "review \(Display.date(row.day))", link: SiteURL.agreement(row.family_id).path)
        }
    }

    private struct GoalRow: Decodable {
        let family_id: UUID
        let family: String
        let goal_id: UUID
        let text: String
        let day: String?
    }

    private func stepsDue(_ window: WorkList.Window) async throws -> WorkList.Section {
        try await run(.stepsDue, """
            SELECT "f"."id" AS "family_id", "f"."household_name" AS "family", "s"."goal_id", "s"."what" AS "text", "s"."due_on" AS "day"
            FROM "families" AS "f"\(then)"action_steps" AS "s"\(then)"goals" AS "g"
            WHERE "s"."family_id" = "f"."id" AND "g"."id" = "s"."goal_id" AND \(enrolled) AND "s"."done_on" IS NULL AND "s"."due_on" <= \(bind: FollowUp.endOfWeek(today).description)
            AND "g"."state" = \(bind: GoalState.active.rawValue)
            """, orderBy: #""s"."due_on", "f"."household_name", "s"."id""#, window) { (row: GoalRow) in
            WorkList.Item(familyID: row.family_id, family: row.family, text: "\(row.text) — by \(Display.date(row.day ?? ""))",
                          link: SiteURL.goal(row.family_id, goal: row.goal_id).path)
        }
    }

    /// Active goals of this year's agreements with no progress note since the quiet threshold, and either set
    /// before it or noted before it. Families lead for everyone, in name order as listed (from the year's
    /// agreements SQLite would find every quiet goal of the program and sort them).
    private func quietGoals(_ window: WorkList.Window) async throws -> WorkList.Section {
        let since = FollowUp.quiet(before: today)
        let setBefore = clock.moment(since) ?? clock.now
        return try await run(.quietGoals, """
            SELECT "f"."id" AS "family_id", "f"."household_name" AS "family", "g"."id" AS "goal_id", "g"."goal" AS "text", NULL AS "day"
            FROM "families" AS "f" CROSS JOIN "goals" AS "g" CROSS JOIN "agreements" AS "a"
            WHERE "g"."family_id" = "f"."id" AND "a"."id" = "g"."agreement_id" AND \(enrolled) AND "a"."program_year" = \(bind: thisYear) AND "g"."state" = \(bind: GoalState.active.rawValue)
            AND NOT EXISTS (SELECT 1 FROM "progress_notes" AS "n" WHERE "n"."goal_id" = "g"."id" AND "n"."noted_on" >= \(bind: since.description))
            AND ("g"."created_at" < \(bind: setBefore) OR EXISTS (SELECT 1 FROM "progress_notes" AS "n" WHERE "n"."goal_id" = "g"."id"))
            """, orderBy: #""f"."household_name", "g"."goal", "g"."id""#, window) { (row: GoalRow) in
            WorkList.Item(familyID: row.family_id, family: row.family, text: row.text, link: SiteURL.goal(row.family_id, goal: row.goal_id).path)
        }
    }

    private struct ChildRow: Decodable {
        let family_id: UUID
        let family: String
        let child_id: UUID
        let child: String
        let day: String
        let program_type: ProgramType
    }

    /// Children whose transition planning is overdue (`TransitionDates.planningOverdue`) with no plan in this
    /// year's agreement, the oldest first: 6 ms for the first page across 100,000 families (34,400 children).
    private func transitionPlans(_ window: WorkList.Window) async throws -> WorkList.Section {
        let mayPlan = staff.access.mayEditFamilies
        return try await run(.transitionPlans, """
            SELECT "f"."id" AS "family_id", "f"."household_name" AS "family", "m"."id" AS "child_id", "m"."name" AS "child",
              "m"."date_of_birth" AS "day", "m"."program_type"
            FROM "families" AS "f"\(then)"family_members" AS "m"
            WHERE "m"."family_id" = "f"."id" AND \(enrolled) AND \(ChildTransition.planningOverdue(today: today, year: thisYear, kindergarten: program.kindergarten))
            """, orderBy: #""m"."date_of_birth", "m"."id""#, window) { (row: ChildRow) in
            let dates = CalendarDate(row.day).flatMap { TransitionDates.next(dateOfBirth: $0, program: row.program_type, kindergarten: program.kindergarten) }
            let link = mayPlan && dates != nil
                ? SiteURL.goalNew(row.family_id).path + "?transition=\(dates!.kind.rawValue)&child=\(row.child_id.uuidString.lowercased())"
                : SiteURL.family(row.family_id).path
            let text = dates.map { "\(row.child): \($0.kind.label) on \(Display.date($0.moves.description)); planning was due by \(Display.date($0.planBy.description))" }
            return WorkList.Item(familyID: row.family_id, family: row.family, text: text ?? row.child, link: link)
        }
    }

    // MARK: Referrals, privacy, partners

    private struct RecordRow: Decodable {
        let family_id: UUID
        let family: String
        let record_id: UUID
        let day: String?
    }

    private func followUps(_ window: WorkList.Window) async throws -> WorkList.Section {
        let open = ReferralStatus.allCases.filter { !$0.isClosed }.map(\.rawValue)
        return try await run(.followUps, """
            SELECT "f"."id" AS "family_id", "f"."household_name" AS "family", "r"."id" AS "record_id", "r"."follow_up_on" AS "day"
            FROM "families" AS "f"\(then)"referrals" AS "r"
            WHERE "r"."family_id" = "f"."id" AND \(enrolled) AND "r"."status" IN (\(binds: open)) AND "r"."follow_up_on" < \(bind: today.description)
            """, orderBy: #""r"."follow_up_on", "f"."household_name", "r"."id""#, window) { (row: RecordRow) in
            WorkList.Item(familyID: row.family_id, family: row.family, text: "referral follow-up was due \(Display.date(row.day ?? ""))",
                          link: SiteURL.referral(row.family_id, referral: row.record_id).path)
        }
    }

    /// Unanswered requests to inspect records; exited families may ask too, so any family in reach counts.
    private func inspectionsDue(_ window: WorkList.Window) async throws -> WorkList.Section {
        try await run(.inspectionsDue, """
            SELECT "f"."id" AS "family_id", "f"."household_name" AS "family", "r"."id" AS "record_id", "r"."due_on" AS "day"
            FROM "families" AS "f"\(then)"record_requests" AS "r"
            WHERE "r"."family_id" = "f"."id" AND \(reachable) AND "r"."kind" = \(bind: RecordRequestKind.inspection.rawValue) AND "r"."answered_on" IS NULL
            """, orderBy: #""r"."due_on", "f"."household_name", "r"."id""#, window) { (row: RecordRow) in
            WorkList.Item(familyID: row.family_id, family: row.family, text: "request to inspect records: answer by \(Display.date(row.day ?? ""))",
                          link: SiteURL.recordRequest(row.family_id, request: row.record_id).path)
        }
    }

    private struct PartnerRow: Decodable {
        let id: UUID
        let name: String
        let day: String
    }

    private func mouRenewals(_ window: WorkList.Window) async throws -> WorkList.Section {
        try await run(.mouRenewals, """
            SELECT "p"."id", "p"."name", "p"."mou_expires_on" AS "day"
            FROM "partner_agencies" AS "p" WHERE "p"."program_id" = \(bind: staff.programID)
            AND "p"."mou_expires_on" <= \(bind: PrivacyDates.mouRenewalsDue(through: today).description)
            """, orderBy: #""p"."mou_expires_on", "p"."name", "p"."id""#, window) { (row: PartnerRow) in
            WorkList.Item(family: row.name, text: "MOU expires \(Display.date(row.day))", link: SiteURL.partner(row.id).path)
        }
    }
}
