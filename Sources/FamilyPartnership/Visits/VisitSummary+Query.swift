import Fluent
import Foundation
import PartnershipRules
import SQLKit

/// Where families stand on contact and visits: the last time the program heard from each, and how many home
/// visits and conferences each has had this program year. One grouped query each, for a caseload or a program.
enum VisitStanding {
    /// Each family's last contact: the later of its last logged contact and its last completed visit.
    static func lastContacts(families ids: [UUID], today: CalendarDate, on db: any Database) async throws -> [UUID: CalendarDate] {
        guard !ids.isEmpty, let sql = db as? any SQLDatabase else { return [:] }
        struct Row: Decodable { let family_id: UUID; let last: String? }
        var result: [UUID: CalendarDate] = [:]
        for (table, column, completedOnly) in [("contacts", "contacted_on", false), ("visits", "scheduled_on", true)] {
            var query = sql.select().column("family_id")
                .column(SQLAlias(SQLFunction("MAX", args: SQLColumn(column)), as: SQLIdentifier("last")))
                .from(table)
                .where(SQLColumn("family_id"), .in, SQLBind.group(ids))
                .where(SQLColumn(column), .lessThanOrEqual, SQLBind(today.description))
            if completedOnly { query = query.where(SQLColumn("status"), .equal, SQLBind(VisitStatus.completed.rawValue)) }
            for row in try await query.groupBy("family_id").all(decoding: Row.self) {
                guard let last = row.last.flatMap(CalendarDate.init) else { continue }
                result[row.family_id] = max(result[row.family_id] ?? last, last)
            }
        }
        return result
    }

    /// Completed home visits and parent conferences per family in `year`.
    static func visitsDone(families ids: [UUID], from: CalendarDate, through: CalendarDate,
                           on db: any Database) async throws -> [UUID: (homeVisits: Int, conferences: Int)] {
        guard !ids.isEmpty, let sql = db as? any SQLDatabase else { return [:] }
        struct Row: Decodable { let family_id: UUID; let counts_as: String; let done: Int }
        let rows = try await sql.select().column(SQLColumn("family_id", table: "visits")).column(SQLColumn("counts_as", table: "visit_types"))
            .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("done")))
            .from("visits")
            .join("visit_types", on: SQLColumn("visit_type_id", table: "visits"), .equal, SQLColumn("id", table: "visit_types"))
            .where(SQLColumn("family_id", table: "visits"), .in, SQLBind.group(ids))
            .where(SQLColumn("status", table: "visits"), .equal, SQLBind(VisitStatus.completed.rawValue))
            .where(SQLColumn("scheduled_on", table: "visits"), .greaterThanOrEqual, SQLBind(from.description))
            .where(SQLColumn("scheduled_on", table: "visits"), .lessThanOrEqual, SQLBind(through.description))
            .groupBy(SQLColumn("family_id", table: "visits")).groupBy(SQLColumn("counts_as", table: "visit_types"))
            .all(decoding: Row.self)
        var result: [UUID: (homeVisits: Int, conferences: Int)] = [:]
        for row in rows {
            var counts = result[row.family_id] ?? (0, 0)
            switch VisitCountsAs(rawValue: row.counts_as) {
            case .homeVisit: counts.homeVisits += row.done
            case .parentConference: counts.conferences += row.done
            default: break
            }
            result[row.family_id] = counts
        }
        return result
    }

    /// The span of a program year a family is counted over: from the later of the year's start and its
    /// enrollment, to the day before the next year starts.
    static func span(year start: CalendarDate, enrolledOn: CalendarDate?) -> (from: CalendarDate, through: CalendarDate) {
        (max(start, enrolledOn ?? start), start.adding(years: 1).adding(days: -1))
    }

    /// How far behind a family is on the visits its program option requires: nil when it is not behind.
    struct Behind {
        let homeVisits: (done: Int, due: Int, expected: Int)
        let conferences: (done: Int, due: Int, expected: Int)
        var isBehind: Bool { homeVisits.done < homeVisits.expected || conferences.done < conferences.expected }
        var text: String {
            "\(homeVisits.done) of \(homeVisits.due) home visits" + (conferences.due > 0 ? ", \(conferences.done) of \(conferences.due) conferences" : "")
        }
    }

    static func behind(done: (homeVisits: Int, conferences: Int), requirement: VisitRequirement,
                       span: (from: CalendarDate, through: CalendarDate), today: CalendarDate) -> Behind {
        Behind(homeVisits: (done.homeVisits, requirement.homeVisits,
                            VisitRequirement.expected(requirement.homeVisits, from: span.from, through: span.through, today: today)),
               conferences: (done.conferences, requirement.conferences,
                             VisitRequirement.expected(requirement.conferences, from: span.from, through: span.through, today: today)))
    }
}
