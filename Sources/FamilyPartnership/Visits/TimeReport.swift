import Fluent
import Foundation
import PartnershipRules
import Plot
import SQLKit
import Vapor

/// Visit and contact hours per staff member over a period, with the time outside contract hours marked, for
/// pay. Completed visits count for every staff member who attended; contacts for the one who logged them.
/// No family is named: payroll needs hours, not families. Summed in the database; the payroll file reads the
/// same entries one by one.
struct TimeReport {
    struct Entry: Decodable {
        let day: String
        let staff_id: UUID
        let name: String
        let kind: String
        let starts_at: String?
        let minutes: Int
        let outside: Int
    }

    struct Row: Decodable {
        let staffID: UUID
        let name: String
        var visitMinutes = 0
        var contactMinutes = 0
        var outsideMinutes = 0
        var untimedContacts = 0

        enum CodingKeys: String, CodingKey {
            case staffID = "staff_id", name, visitMinutes = "visit_minutes", contactMinutes = "contact_minutes"
            case outsideMinutes = "outside_minutes", untimedContacts = "untimed_contacts"
        }
    }

    let from: CalendarDate
    let through: CalendarDate
    let rows: [Row]

    /// The report for `staff` (all of the program's when nil) from `from` through `through`.
    static func load(program: UUID, staff only: UUID?, from: CalendarDate, through: CalendarDate, on db: any Database) async throws -> TimeReport {
        let sql = db as! any SQLDatabase
        var rows = try await sql.raw("""
            SELECT "staff_id", "name", CAST(SUM(CASE WHEN "kind" = 'visit' THEN "minutes" ELSE 0 END) AS BIGINT) AS "visit_minutes",
            CAST(SUM(CASE WHEN "kind" = 'contact' THEN "minutes" ELSE 0 END) AS BIGINT) AS "contact_minutes",
            CAST(SUM("outside") AS BIGINT) AS "outside_minutes",
            CAST(SUM(CASE WHEN "kind" = 'contact' AND "starts_at" IS NULL THEN 1 ELSE 0 END) AS BIGINT) AS "untimed_contacts"
            FROM (\(entries(program: program, staff: only, from: from, through: through))) AS "e"
            GROUP BY "staff_id", "name" ORDER BY "name", "staff_id"
            """).all(decoding: Row.self)
        if let only, rows.isEmpty, let person = try await Staff.query(on: db).filter(\.$id == only).filter(\.$program.$id == program).first() {
            rows = [Row(staffID: only, name: person.name)]
        }
        return TimeReport(from: from, through: through, rows: rows)
    }

    /// Every visit and contact of the period, for payroll, in the order they happened.
    static func entries(program: UUID, staff only: UUID?, from: CalendarDate, through: CalendarDate, on db: any Database) async throws -> [Entry] {
        try await (db as! any SQLDatabase).raw("""
            \(entries(program: program, staff: only, from: from, through: through)) ORDER BY "day", "starts_at", "name", "kind"
            """).all(decoding: Entry.self)
    }

    /// The entries as SQL: one row per attended completed visit and per logged contact, with the staff member's
    /// minutes outside their contract hours (`ContractHours.minutesOutside`, written in SQL; a test holds the
    /// two together). A contact logged without a time counts as within them.
    private static func entries(program: UUID, staff only: UUID?, from: CalendarDate, through: CalendarDate) -> SQLQueryString {
        let person: SQLQueryString = only.map { "AND \"s\".\"id\" = \(bind: $0)" } ?? ""
        let staff: SQLQueryString = """
            "s"."id" AS "staff_id", "s"."name", "s"."contract_start", "s"."contract_end", "s"."contract_days"
            """
        let minutes: SQLQueryString = "(CASE WHEN \"minutes\" > 0 THEN \"minutes\" ELSE 0 END)"
        let start = SQLPortable.minutes("\"starts_at\""), contractStart = SQLPortable.minutes("\"contract_start\"")
        let inside = SQLPortable.least("\(start) + \(minutes)", SQLPortable.minutes("\"contract_end\""))
            + " - " + SQLPortable.greatest(start, contractStart)
        return """
            SELECT "day", "staff_id", "name", "kind", "starts_at", "minutes", CASE WHEN "starts_at" IS NULL THEN 0
            WHEN (',' || "contract_days" || ',') NOT LIKE ('%,' || CAST(\(SQLPortable.weekday("\"day\"")) AS TEXT) || ',%') THEN \(minutes)
            ELSE \(minutes) - \(SQLPortable.greatest("0", inside)) END AS "outside" FROM (
            SELECT 'visit' AS "kind", \(staff), "v"."scheduled_on" AS "day", "v"."starts_at",
            COALESCE("v"."actual_minutes", "v"."planned_minutes") AS "minutes"
            FROM "staff" AS "s" JOIN "visit_staff" AS "vs" ON "vs"."staff_id" = "s"."id" JOIN "visits" AS "v" ON "v"."id" = "vs"."visit_id"
            WHERE "s"."program_id" = \(bind: program) \(person) AND "vs"."attended" = \(true)
            AND "v"."status" = \(bind: VisitStatus.completed.rawValue)
            AND "v"."scheduled_on" >= \(bind: from.description) AND "v"."scheduled_on" <= \(bind: through.description)
            UNION ALL
            SELECT 'contact' AS "kind", \(staff), "c"."contacted_on" AS "day", "c"."starts_at", "c"."minutes"
            FROM "staff" AS "s" JOIN "contacts" AS "c" ON "c"."staff_id" = "s"."id"
            WHERE "s"."program_id" = \(bind: program) \(person)
            AND "c"."contacted_on" >= \(bind: from.description) AND "c"."contacted_on" <= \(bind: through.description)
            ) AS "entry"
            """
    }

    static func hours(_ minutes: Int) -> String {
        String(format: "%.2f", Double(minutes) / 60)
    }

    /// One line per visit or contact, for payroll.
    static func csvRows(_ entries: [Entry]) -> [[String]] {
        [["date", "staff", "kind", "start", "minutes", "minutes_outside_contract_hours"]] + entries.map { entry in
            [entry.day, entry.name, entry.kind, entry.starts_at ?? "", String(entry.minutes), String(entry.outside)]
        }
    }

    func view(query: String) -> [Node<HTML.BodyContext>] {
        [
            .h1("Visit and contact hours"),
            .element(named: "form", nodes: [
                .attribute(named: "method", value: "get"), .attribute(named: "action", value: SiteURL.timeReport.path), .class("filters"),
                FormKit.field("from", "From", value: from.description, type: .date),
                FormKit.field("to", "To", value: through.description, type: .date),
                FormKit.submit("Show", secondary: true),
            ]),
            rows.isEmpty ? .p("No completed visits or logged contacts in this period.") : .table(
                .thead(.tr(.th("Staff member"), .th("Visit hours"), .th("Contact hours"), .th("Outside contract hours"))),
                .tbody(.forEach(rows) { row in
                    .tr(.td(.text(row.name)), .td(.text(Self.hours(row.visitMinutes))), .td(.text(Self.hours(row.contactMinutes))),
                        .td(.text(Self.hours(row.outsideMinutes) + (row.untimedContacts > 0 ? " (\(row.untimedContacts) contacts with no time given)" : ""))))
                })
            ),
            .p(.a(.href(SiteURL.timeReportCSV.path + "?" + query), .text("Download for payroll (CSV)"))),
            .p(.class("hint"), .text("Contract hours are set on each staff account. A contact logged without a time counts as within them.")),
        ]
    }
}

/// The time report's pages: managers and directors see every staff member; others see their own hours.
struct TimeReportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.timeReport.pattern, use: show)
        routes.get(SiteURL.timeReportCSV.pattern, use: csv)
    }

    struct Period: Content {
        var from: String?
        var to: String?
    }

    func show(req: Request) async throws -> Response {
        let (report, query) = try await Self.load(req)
        return req.page(title: "Visit and contact hours", report.view(query: query))
    }

    func csv(req: Request) async throws -> Response {
        let scope = try await Self.scope(req)
        let entries = try await TimeReport.entries(program: scope.program, staff: scope.staff, from: scope.from, through: scope.through, on: req.db)
        return .csv(TimeReport.csvRows(entries), filename: "visit-hours-\(scope.from)-\(scope.through).csv")
    }

    /// Whose hours, and over which period (this month so far by default): everyone's for managers and
    /// directors, the staff member's own otherwise. The view is audited.
    static func scope(_ req: Request) async throws -> (program: UUID, staff: UUID?, from: CalendarDate, through: CalendarDate) {
        let me = try req.staff(allowedTo: \.maySeeStaffList)
        let period = try req.query.decode(Period.self)
        let today = req.clock.today
        var errors = FieldErrors()
        let from = errors.take("from", FieldRules.date(period.from, label: "From", required: false)) ?? nil
        let to = errors.take("to", FieldRules.date(period.to, label: "To", required: false)) ?? nil
        if let from, let to, to < from { errors["to"] = "The period must end after it starts." }
        if let from, let to, from.days(until: to) > 366 { errors["to"] = "Choose a period of at most a year." }
        try errors.throwIfAny()
        let start = from ?? CalendarDate(year: today.year, month: today.month, day: 1)!
        let end = to ?? today
        try await req.audit(.view, .timeReport, family: nil, detail: "\(start) to \(end)")
        return (me.programID, me.access.mayManageVisits ? nil : me.staffID, start, end)
    }

    /// The report for the period asked for. Shared with the API.
    static func load(_ req: Request) async throws -> (TimeReport, String) {
        let scope = try await scope(req)
        let report = try await TimeReport.load(program: scope.program, staff: scope.staff, from: scope.from, through: scope.through, on: req.db)
        return (report, "from=\(scope.from)&to=\(scope.through)")
    }
}
