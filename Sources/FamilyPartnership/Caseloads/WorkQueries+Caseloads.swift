import Foundation
import PartnershipRules
import SQLKit

extension WorkQueries {
    /// Days ahead that an exception's end is shown to the supervisor, and days back that an ended one still is.
    static let exceptionsAhead = 30, exceptionsBack = 60

    private struct ExceptionRow: Decodable {
        let staff_id: UUID
        let name: String
        let kind: CaseloadExceptionKind
        let up_to: Int
        let day: String
        let families: Int
    }

    /// Exceptions to the caseload limit that end within `exceptionsAhead` days or ended within `exceptionsBack`,
    /// with no later exception for the staff member by then, while the staff member still has more families than
    /// the limit: what the supervisor must act on (renew the exception, or move families). A supervisor sees their
    /// staff's; staff who manage caseloads see the program's.
    func caseloadExceptions(_ window: WorkList.Window) async throws -> WorkList.Section {
        let limit = program.caseloadLimit.families
        let horizon = today.adding(days: Self.exceptionsAhead).description
        var theirs: SQLQueryString = ""
        if !staff.access.mayManageTeams { theirs = " AND \"s\".\"supervisor_id\" = \(bind: staff.staffID)" }
        return try await run(.caseloadExceptions, """
            SELECT * FROM (SELECT "s"."id" AS "staff_id", "s"."name", "e"."kind", "e"."up_to", "e"."ends_on" AS "day", "e"."id",
              \(CaseloadCommands.countedFamilies) AS "families"
            FROM "caseload_exceptions" AS "e" CROSS JOIN "staff" AS "s"
            WHERE "e"."program_id" = \(bind: staff.programID) AND "s"."id" = "e"."staff_id" AND "s"."status" <> \(bind: StaffStatus.left.rawValue)\(theirs)
              AND "e"."ends_on" >= \(bind: today.adding(days: -Self.exceptionsBack).description) AND "e"."ends_on" <= \(bind: horizon)
              AND NOT EXISTS (SELECT 1 FROM "caseload_exceptions" AS "later" WHERE "later"."staff_id" = "e"."staff_id"
                AND "later"."ends_on" > "e"."ends_on" AND "later"."starts_on" <= \(bind: horizon))) AS "x"
            WHERE "x"."families" > \(bind: limit)
            """, orderBy: #""x"."day", "x"."name", "x"."id""#, window) { (row: ExceptionRow) in
            let ends = row.day < today.description ? "ended" : "ends"
            return WorkList.Item(family: row.name, text: "\(row.kind.label), up to \(row.up_to): \(ends) \(Display.date(row.day)); "
                                    + "\(row.families) families where the limit is \(limit)", link: SiteURL.caseload(row.staff_id).path)
        }
    }
}
