import Fluent
import Foundation
import PartnershipRules
import SQLKit

/// The to-do's visit and contact sections: the staff member's visits this week, families past or near the
/// program's longest gap between contacts, and families behind on the visits their program option requires.
extension WorkQueries {
    private struct VisitRow: Decodable {
        let family_id: UUID
        let family: String
        let visit_id: UUID
        let type: String
        let scheduled_on: String
        let starts_at: String
        let minutes: Int
    }

    func visitsThisWeek(_ window: WorkList.Window) async throws -> WorkList.Section {
        try await run(.visitsThisWeek, """
            SELECT "f"."id" AS "family_id", "f"."household_name" AS "family", "v"."id" AS "visit_id", "t"."name" AS "type",
            "v"."scheduled_on", "v"."starts_at", "v"."planned_minutes" AS "minutes"
            FROM "visit_staff" AS "vs" JOIN "visits" AS "v" ON "v"."id" = "vs"."visit_id"
            JOIN "families" AS "f" ON "f"."id" = "v"."family_id" JOIN "visit_types" AS "t" ON "t"."id" = "v"."visit_type_id"
            WHERE "vs"."staff_id" = \(bind: staff.staffID) AND \(reachable) AND "v"."status" = \(bind: VisitStatus.scheduled.rawValue)
            AND "v"."scheduled_on" >= \(bind: today.description) AND "v"."scheduled_on" <= \(bind: today.adding(days: 6).description)
            """, orderBy: #""v"."scheduled_on", "v"."starts_at", "v"."id""#, window) { (row: VisitRow) in
            WorkList.Item(familyID: row.family_id, family: row.family, text: "\(row.type), \(VisitPages.when(on: row.scheduled_on, startsAt: row.starts_at, minutes: row.minutes))",
                          link: SiteURL.visit(row.family_id, visit: row.visit_id).path)
        }
    }

    private struct TouchRow: Decodable {
        let family_id: UUID
        let family: String
        let last_contact: String?
        let touched_on: String
    }

    /// Enrolled families in reach whose gap between contacts is past the program's longest, or nears it. The gap
    /// counts from the later of enrollment and the last contact or completed visit (`last_contact_on`); the
    /// conditions are spelled on the two columns so that an index can find the few families they select.
    func contactGap(overdue: Bool, _ window: WorkList.Window) async throws -> WorkList.Section {
        let gap = program.contactGap
        let (overdueBefore, dueSoonThrough) = gap.thresholds(today: today)
        let touched = SQLPortable.greatest(#""f"."enrolled_on""#, #"COALESCE("f"."last_contact_on", "f"."enrolled_on")"#)
        let range: SQLQueryString = overdue
            ? """
              "f"."enrolled_on" < \(bind: overdueBefore.description)
              AND ("f"."last_contact_on" IS NULL OR "f"."last_contact_on" < \(bind: overdueBefore.description))
              """
            : """
              "f"."enrolled_on" <= \(bind: dueSoonThrough.description)
              AND ("f"."last_contact_on" IS NULL OR "f"."last_contact_on" <= \(bind: dueSoonThrough.description))
              AND \(touched) >= \(bind: overdueBefore.description)
              """
        return try await run(overdue ? .contactOverdue : .contactDueSoon, """
            SELECT "f"."id" AS "family_id", "f"."household_name" AS "family", "f"."last_contact_on" AS "last_contact",
            \(touched) AS "touched_on"
            FROM "families" AS "f" WHERE \(enrolled) AND \(range)
            """, orderBy: #""touched_on", "family", "family_id""#, window) { (row: TouchRow) in
            let touchedOn = CalendarDate(row.touched_on) ?? today
            let lastText = row.last_contact.map { "last contact \(Display.date($0))" } ?? "no contact logged"
            let due = touchedOn.adding(days: gap.longestDays).description
            return WorkList.Item(familyID: row.family_id, family: row.family, text: "\(lastText); \(overdue ? "was due" : "due by") \(Display.date(due))",
                                 link: SiteURL.family(row.family_id).path + "#visits")
        }
    }

    private struct DoneRow: Decodable {
        let family_id: UUID
        let family: String
        let program_option: ProgramOption
        let home_visits: Int
        let conferences: Int
    }

    /// Families with fewer completed home visits or conferences this program year than their program option
    /// expects by today. Each family's part of the year starts at the later of the year's start and its
    /// enrollment; `VisitRequirement.behindIfStartedBy` turns the expectation into one latest start per count
    /// done, which the database compares with.
    func behindOnVisits(_ window: WorkList.Window) async throws -> WorkList.Section {
        let requirements = try await ProgramVisitRequirement.all(program: program.requireID(), on: db)
        let yearStart = program.yearStart(containing: today)
        let through = yearStart.adding(years: 1).adding(days: -1)
        func latestStart(_ count: String, _ required: KeyPath<VisitRequirement, Int>) -> SQLQueryString {
            var cases: SQLQueryString = "CASE \"program_option\"", any = false
            for (option, requirement) in requirements.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                let latest = VisitRequirement.behindIfStartedBy(requirement[keyPath: required], earliest: yearStart, through: through, today: today)
                let byCount = latest.enumerated().compactMap { done, day in day.map { (done, $0) } }
                guard !byCount.isEmpty else { continue }
                any = true
                cases += " WHEN \(bind: option.rawValue) THEN CASE \(ident: count)"
                for (done, day) in byCount { cases += " WHEN \(literal: done) THEN \(bind: day.description)" }
                cases += " END"
            }
            return any ? cases + " END" : "NULL"
        }
        func done(_ kind: VisitCountsAs) -> SQLQueryString {
            """
            (SELECT COUNT(*) FROM "visits" AS "v" JOIN "visit_types" AS "vt" ON "vt"."id" = "v"."visit_type_id"
             WHERE "v"."family_id" = "f"."id" AND "v"."status" = \(bind: VisitStatus.completed.rawValue)
             AND "v"."scheduled_on" >= \(bind: yearStart.description) AND "v"."scheduled_on" <= \(bind: through.description)
             AND "vt"."counts_as" = \(bind: kind.rawValue))
            """
        }
        return try await run(.behindOnVisits, """
            SELECT "family_id", "family", "program_option", "home_visits", "conferences" FROM (
            SELECT "f"."id" AS "family_id", "f"."household_name" AS "family", "f"."program_option",
            CASE WHEN "f"."enrolled_on" > \(bind: yearStart.description) THEN "f"."enrolled_on" ELSE \(bind: yearStart.description) END AS "starts_on",
            \(done(.homeVisit)) AS "home_visits", \(done(.parentConference)) AS "conferences"
            FROM "families" AS "f" WHERE \(enrolled) AND "f"."program_option" IS NOT NULL) AS "done"
            WHERE "starts_on" <= \(latestStart("home_visits", \.homeVisits)) OR "starts_on" <= \(latestStart("conferences", \.conferences))
            """, orderBy: #""family", "family_id""#, window) { (row: DoneRow) in
            let required = requirements[row.program_option] ?? VisitRequirement.standard(for: row.program_option)
            let text = "\(row.home_visits) of \(required.homeVisits) home visits"
                + (required.conferences > 0 ? ", \(row.conferences) of \(required.conferences) conferences" : "")
            return WorkList.Item(familyID: row.family_id, family: row.family, text: text, link: SiteURL.family(row.family_id).path + "#visits")
        }
    }
}
