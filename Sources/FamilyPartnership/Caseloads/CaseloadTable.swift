import Fluent
import Foundation
import PartnershipRules
import SQLKit
import Vapor

/// One staff member's caseload, a row a family: the families they are point of contact for and those whose
/// team they are on, with where each stands. One query over the staff member's families (their team rows and the
/// point-of-contact index), so its cost follows the caseload.
struct CaseloadTable: Sendable {
    enum Stage: Int, Comparable, Sendable {
        case late, notStarted, started, reviewDue, agreed

        var label: String {
            switch self {
            case .late: "No agreement: late"
            case .notStarted: "No agreement yet"
            case .started: "Agreement started"
            case .reviewDue: "Review due"
            case .agreed: "Agreed"
            }
        }

        /// The stage as the API names it.
        var key: String {
            switch self {
            case .late: "late"
            case .notStarted: "not_started"
            case .started: "started"
            case .reviewDue: "review_due"
            case .agreed: "agreed"
            }
        }

        static func < (a: Stage, b: Stage) -> Bool { a.rawValue < b.rawValue }
    }

    /// What can be overdue for a family, in the order the table and the supervisor's page list it.
    enum Overdue: CaseIterable, Sendable {
        case agreement, review, contact, step, followUp, transitionPlan

        func label(_ count: Int) -> String {
            let one = count == 1
            switch self {
            case .agreement: return one ? "agreement late" : "agreements late"
            case .review: return one ? "review" : "reviews"
            case .contact: return one ? "contact" : "contacts"
            case .step: return one ? "step" : "steps"
            case .followUp: return one ? "follow-up" : "follow-ups"
            case .transitionPlan: return one ? "transition plan" : "transition plans"
            }
        }

        /// The API's key for the count.
        var key: String {
            switch self {
            case .agreement: "agreements_late"
            case .review: "reviews"
            case .contact: "contacts"
            case .step: "steps"
            case .followUp: "follow_ups"
            case .transitionPlan: "transition_plans"
            }
        }
    }

    struct Row: Sendable {
        let familyID: UUID
        let family: String
        let language: String
        let isPointOfContact: Bool
        let isEnrolled: Bool
        let stage: Stage
        let lastContact: String?
        let contactOverdue: Bool
        let nextVisit: String?
        let openReferrals: Int
        let stepsOverdue: Int
        let followUpsOverdue: Int
        /// Children whose transition planning is overdue with no plan in this year's agreement.
        let transitionPlansOverdue: Int
        let weight: Int
        /// The absent worker whose family this is, while this staff member covers it.
        let coveringFor: String?

        func count(_ what: Overdue) -> Int {
            switch what {
            case .agreement: stage == .late ? 1 : 0
            case .review: stage == .reviewDue ? 1 : 0
            case .contact: contactOverdue ? 1 : 0
            case .step: stepsOverdue
            case .followUp: followUpsOverdue
            case .transitionPlan: transitionPlansOverdue
            }
        }

        /// What is overdue for this family, in words: "agreement late", "contact", "2 steps".
        var overdue: [String] {
            Overdue.allCases.compactMap { what in
                let n = count(what)
                guard n > 0 else { return nil }
                return [.agreement, .review, .contact].contains(what) ? what.label(n) : "\(n) \(what.label(n))"
            }
        }

        var overdueCount: Int { Overdue.allCases.reduce(0) { $0 + count($1) } }
    }

    enum Sort: String, CaseIterable, Sendable {
        case family, stage, contact, visit, referrals, overdue, weight

        var label: String {
            switch self {
            case .family: "Family"
            case .stage: "Agreement"
            case .contact: "Last contact"
            case .visit: "Next visit"
            case .referrals: "Open referrals"
            case .overdue: "Overdue"
            case .weight: "Workload"
            }
        }
    }

    let rows: [Row]

    /// Families counted against the limit: those the staff member is point of contact for, and their own covered by
    /// others while they are away (`CaseloadCommands.countedFamilies`).
    var counted: Int { rows.filter(\.isPointOfContact).count }
    var weight: Int { rows.filter(\.isPointOfContact).reduce(0) { $0 + $1.weight } }
    var overdueCount: Int { rows.reduce(0) { $0 + $1.overdueCount } }

    /// The caseload's overdue work by kind, the kinds with none left out.
    var overdue: [(what: Overdue, count: Int)] {
        Overdue.allCases.map { what in (what, rows.reduce(0) { $0 + $1.count(what) }) }.filter { $0.count > 0 }
    }

    /// A caseload is read by its staff member, their supervisor, and the staff who manage caseloads.
    static func mayRead(_ member: Staff, by staff: SignedIn) -> Bool {
        member.id == staff.staffID || member.$supervisor.id == staff.staffID || staff.access.mayManageTeams
    }

    /// The staff member whose caseload is asked for, if the acting staff member may read it; 403 (audited) if not.
    static func owner(_ staffID: UUID, in ctx: Context) async throws -> Staff {
        let member = try await CaseloadCommands.staffMember(staffID, in: ctx)
        guard mayRead(member, by: ctx.staff) else {
            try await ctx.audit(.refused, .caseload, family: nil, recordID: member.id, detail: "not their caseload or their supervisee's")
            throw Abort(.forbidden, reason: "A caseload is seen by its staff member, their supervisor and managers.")
        }
        return member
    }

    /// Most a staff member's table shows: a teacher's classes or a manager's teams can be long, a caseload is not.
    static let longest = 200

    func sorted(by sort: Sort) -> [Row] {
        rows.sorted { a, b in
            switch sort {
            case .family: return a.family.localizedCaseInsensitiveCompare(b.family) == .orderedAscending
            case .stage: return (a.stage, a.family) < (b.stage, b.family)
            case .contact: return (a.lastContact ?? "", a.family) < (b.lastContact ?? "", b.family)
            case .visit: return (a.nextVisit ?? "9999", a.family) < (b.nextVisit ?? "9999", b.family)
            case .referrals: return (-a.openReferrals, a.family) < (-b.openReferrals, b.family)
            case .overdue: return (-a.overdueCount, a.family) < (-b.overdueCount, b.family)
            case .weight: return (-a.weight, a.family) < (-b.weight, b.family)
            }
        }
    }

    private struct Record: Decodable {
        let id: UUID
        let household_name: String
        let preferred_language: String
        let enrollment_status: String
        let enrolled_on: String?
        let last_contact_on: String?
        let is_point_of_contact: Int
        let agreement_started: String?
        let next_review_on: String?
        let agreed: Int
        let next_visit: String?
        let open_referrals: Int
        let follow_ups_overdue: Int
        let steps_overdue: Int
        let transition_plans_overdue: Int
        let need_points: Int?
        let covering_for: String?
    }

    /// The caseload of `staffID` in `program` on the program's `today`: families not exited.
    static func load(staffID: UUID, program: Program, today: CalendarDate, on db: any Database) async throws -> CaseloadTable {
        let sql = db as! any SQLDatabase
        let year = program.year(containing: today).stored
        let open = ReferralStatus.allCases.filter { !$0.isClosed }.map(\.rawValue)
        let records = try await sql.raw("""
            SELECT "f"."id", "f"."household_name", "f"."preferred_language", "f"."enrollment_status", "f"."enrolled_on", "f"."last_contact_on",
              CASE WHEN "f"."point_of_contact_id" = \(bind: staffID) OR EXISTS (SELECT 1 FROM "covers" AS "c" WHERE "c"."family_id" = "f"."id"
                AND "c"."away_staff_id" = \(bind: staffID) AND "c"."ended_on" IS NULL) THEN 1 ELSE 0 END AS "is_point_of_contact",
              (SELECT "a"."started_on" FROM "agreements" AS "a" WHERE "a"."family_id" = "f"."id" AND "a"."program_year" = \(bind: year) LIMIT 1) AS "agreement_started",
              (SELECT "a"."next_review_on" FROM "agreements" AS "a" WHERE "a"."family_id" = "f"."id" AND "a"."program_year" = \(bind: year) LIMIT 1) AS "next_review_on",
              CASE WHEN EXISTS (SELECT 1 FROM "agreement_acknowledgements" AS "k" CROSS JOIN "agreements" AS "a"
                WHERE "k"."family_id" = "f"."id" AND "a"."id" = "k"."agreement_id" AND "a"."program_year" = \(bind: year)) THEN 1 ELSE 0 END AS "agreed",
              (SELECT MIN("v"."scheduled_on") FROM "visits" AS "v" WHERE "v"."family_id" = "f"."id"
                AND "v"."status" = \(bind: VisitStatus.scheduled.rawValue) AND "v"."scheduled_on" >= \(bind: today.description)) AS "next_visit",
              (SELECT COUNT(*) FROM "referrals" AS "r" WHERE "r"."family_id" = "f"."id" AND "r"."status" IN (\(binds: open))) AS "open_referrals",
              (SELECT COUNT(*) FROM "referrals" AS "r" WHERE "r"."family_id" = "f"."id" AND "r"."status" IN (\(binds: open))
                AND "r"."follow_up_on" < \(bind: today.description)) AS "follow_ups_overdue",
              (SELECT COUNT(*) FROM "action_steps" AS "s" CROSS JOIN "goals" AS "g" WHERE "s"."family_id" = "f"."id" AND "g"."id" = "s"."goal_id"
                AND "s"."done_on" IS NULL AND "s"."due_on" < \(bind: today.description) AND "g"."state" = \(bind: GoalState.active.rawValue)) AS "steps_overdue",
              (SELECT COUNT(*) FROM "family_members" AS "m" WHERE "m"."family_id" = "f"."id"
                AND \(ChildTransition.planningOverdue(today: today, year: year, kindergarten: program.kindergarten))) AS "transition_plans_overdue",
              (SELECT "s"."name" FROM "covers" AS "c" CROSS JOIN "staff" AS "s" WHERE "c"."family_id" = "f"."id" AND "s"."id" = "c"."away_staff_id"
                AND "c"."cover_staff_id" = \(bind: staffID) AND "c"."ended_on" IS NULL LIMIT 1) AS "covering_for",
              (SELECT CAST(SUM(\(needPoints)) AS INTEGER) FROM "family_needs" AS "n" WHERE "n"."family_id" = "f"."id" AND "n"."met_on" IS NULL) AS "need_points"
            FROM "families" AS "f"
            WHERE "f"."program_id" = \(bind: program.requireID()) AND "f"."enrollment_status" <> \(bind: EnrollmentStatus.exited.rawValue)
              AND ("f"."point_of_contact_id" = \(bind: staffID)
                   OR "f"."id" IN (SELECT "t"."family_id" FROM "family_team_members" AS "t" WHERE "t"."staff_id" = \(bind: staffID)))
            ORDER BY "f"."household_name", "f"."id" LIMIT \(literal: longest)
            """).all(decoding: Record.self)
        let schedule = program.agreementSchedule
        return CaseloadTable(rows: records.map { r in
            let enrolled = r.enrollment_status == EnrollmentStatus.enrolled.rawValue
            let enrolledOn = r.enrolled_on.flatMap(CalendarDate.init)
            let stage: Stage
            if r.agreement_started == nil {
                let late = enrolled && enrolledOn.map { schedule.startDeadline(enrolledOn: $0) < today } == true
                stage = late ? .late : .notStarted
            } else if let review = r.next_review_on, review < today.description {
                stage = .reviewDue
            } else {
                stage = r.agreed == 1 ? .agreed : .started
            }
            var contactOverdue = false
            if enrolled, let enrolledOn, case .overdue = program.contactGap.standing(
                lastContact: r.last_contact_on.flatMap(CalendarDate.init), enrolledOn: enrolledOn, today: today) {
                contactOverdue = true
            }
            return Row(familyID: r.id, family: r.household_name, language: r.preferred_language, isPointOfContact: r.is_point_of_contact == 1,
                       isEnrolled: enrolled, stage: stage, lastContact: r.last_contact_on, contactOverdue: contactOverdue,
                       nextVisit: r.next_visit, openReferrals: r.open_referrals, stepsOverdue: r.steps_overdue,
                       followUpsOverdue: r.follow_ups_overdue, transitionPlansOverdue: enrolled ? r.transition_plans_overdue : 0, weight: Workload.weight(needPoints: r.need_points ?? 0),
                       coveringFor: r.covering_for)
        })
    }

    /// A need's points (`Workload.points`) as SQL over "n".
    static var needPoints: SQLQueryString {
        func cases(_ column: String, _ points: [String: Int]) -> SQLQueryString {
            var text: SQLQueryString = "CASE \"n\".\"\(unsafeRaw: column)\""
            for (key, value) in points.sorted(by: { $0.key < $1.key }) { text += " WHEN \(bind: key) THEN \(literal: value)" }
            return text + " ELSE 0 END"
        }
        return cases("urgency", Dictionary(uniqueKeysWithValues: Workload.urgencyPoints.map { ($0.rawValue, $1) }))
            + " + " + cases("intensity", Dictionary(uniqueKeysWithValues: Workload.intensityPoints.map { ($0.rawValue, $1) }))
    }
}
