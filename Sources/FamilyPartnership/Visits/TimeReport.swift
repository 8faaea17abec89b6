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

    /// Whose hours: one staff member's, a site's staff's, or the whole program's.
    struct Scope: Sendable {
        let program: UUID
        var staff: UUID?
        var site: UUID?
    }

    let from: CalendarDate
    let through: CalendarDate
    let rows: [Row]

    /// The report for `scope` from `from` through `through`.
    static func load(_ scope: Scope, from: CalendarDate, through: CalendarDate, on db: any Database) async throws -> TimeReport {
        let sql = db as! any SQLDatabase
        var rows = try await sql.raw("""
            SELECT "staff_id", "name", CAST(SUM(CASE WHEN "kind" = 'visit' THEN "minutes" ELSE 0 END) AS BIGINT) AS "visit_minutes",
            CAST(SUM(CASE WHEN "kind" = 'contact' THEN "minutes" ELSE 0 END) AS BIGINT) AS "contact_minutes",
            CAST(SUM("outside") AS BIGINT) AS "outside_minutes",
            CAST(SUM(CASE WHEN "kind" = 'contact' AND "starts_at" IS NULL THEN 1 ELSE 0 END) AS BIGINT) AS "untimed_contacts"
            FROM (\(entries(scope, from: from, through: through))) AS "e"
            GROUP BY "staff_id", "name" ORDER BY "name", "staff_id"
            """).all(decoding: Row.self)
        if let only = scope.staff, rows.isEmpty,
           let person = try await Staff.query(on: db).filter(\.$id == only).filter(\.$program.$id == scope.program).first() {
            rows = [Row(staffID: only, name: person.name)]
        }
        return TimeReport(from: from, through: through, rows: rows)
    }

    /// Every visit and contact of the period, for payroll, in the order they happened.
    static func entries(_ scope: Scope, from: CalendarDate, through: CalendarDate, on db: any Database) async throws -> [Entry] {
        try await (db as! any SQLDatabase).raw("""
            \(entries(scope, from: from, through: through)) ORDER BY "day", "starts_at", "name", "kind"
            """).all(decoding: Entry.self)
    }

    /// The entries as SQL: one row per attended completed visit and per logged contact, with the staff member's
    /// minutes outside their contract hours (`ContractHours.minutesOutside`, written in SQL; a test holds the
    /// two together). A contact logged without a time counts as within them. For a site or a person the staff
    /// lead, and their visits are read by staff member (a site's month at 100,000 families: 18 ms); over the
    /// whole program the month's visits are read by date.
    private static func entries(_ scope: Scope, from: CalendarDate, through: CalendarDate) -> SQLQueryString {
        var person: SQLQueryString = "\"s\".\"program_id\" = \(bind: scope.program)"
        if let only = scope.staff { person += " AND \"s\".\"id\" = \(bind: only)" }
        if let site = scope.site { person += " AND \"s\".\"site_id\" = \(bind: site)" }
        let then: SQLQueryString = scope.staff == nil && scope.site == nil ? ", " : " CROSS JOIN "
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
            FROM "staff" AS "s"\(then)"visit_staff" AS "vs"\(then)"visits" AS "v"
            WHERE "vs"."staff_id" = "s"."id" AND "v"."id" = "vs"."visit_id" AND \(person) AND "vs"."attended" = \(true)
            AND "v"."status" = \(bind: VisitStatus.completed.rawValue)
            AND "v"."scheduled_on" >= \(bind: from.description) AND "v"."scheduled_on" <= \(bind: through.description)
            UNION ALL
            SELECT 'contact' AS "kind", \(staff), "c"."contacted_on" AS "day", "c"."starts_at", "c"."minutes"
            FROM "staff" AS "s" JOIN "contacts" AS "c" ON "c"."staff_id" = "s"."id"
            WHERE \(person)
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

    /// The report's page; `sites` (for those who see everyone's hours) lets a large program look at one site.
    func view(query: String, sites: [Site], site: UUID?) -> [Node<HTML.BodyContext>] {
        [
            .h1("Visit and contact hours"),
            .element(named: "form", nodes: [
                .attribute(named: "method", value: "get"), .attribute(named: "action", value: SiteURL.timeReport.path), .class("filters"),
                FormKit.field("from", "From", value: from.description, type: .date),
                FormKit.field("to", "To", value: through.description, type: .date),
                .if(!sites.isEmpty, FormKit.select("site", "Site", options: sites.compactMap { site in site.id.map { ($0.uuidString.lowercased(), site.name) } },
                                                   selected: site?.uuidString.lowercased(), blank: "All sites")),
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
        var site: String?
    }

    /// What was asked for: whose hours, over which period, and the sites to choose from.
    struct Asked {
        let scope: TimeReport.Scope
        let from: CalendarDate
        let through: CalendarDate
        let sites: [Site]

        var query: String {
            "from=\(from)&to=\(through)" + (scope.site.map { "&site=\($0.uuidString.lowercased())" } ?? "")
        }
    }

    func show(req: Request) async throws -> Response {
        let asked = try await Self.asked(req)
        let report = try await TimeReport.load(asked.scope, from: asked.from, through: asked.through, on: req.db)
        return req.page(title: "Visit and contact hours", report.view(query: asked.query, sites: asked.sites, site: asked.scope.site))
    }

    func csv(req: Request) async throws -> Response {
        let asked = try await Self.asked(req)
        let entries = try await TimeReport.entries(asked.scope, from: asked.from, through: asked.through, on: req.db)
        return .csv(TimeReport.csvRows(entries), filename: "visit-hours-\(asked.from)-\(asked.through).csv")
    }

    /// Whose hours, and over which period (this month so far by default): everyone's, or one site's staff's,
    /// for managers and directors; the staff member's own otherwise. The view is audited.
    static func asked(_ req: Request) async throws -> Asked {
        let me = try req.staff(allowedTo: \.maySeeStaffList)
        let period = try req.query.decode(Period.self)
        let today = req.clock.today
        var errors = FieldErrors()
        let from = errors.take("from", FieldRules.date(period.from, label: "From", required: false)) ?? nil
        let to = errors.take("to", FieldRules.date(period.to, label: "To", required: false)) ?? nil
        if let from, let to, to < from { errors["to"] = "The period must end after it starts." }
        if let from, let to, from.days(until: to) > 366 { errors["to"] = "Choose a period of at most a year." }
        var scope = TimeReport.Scope(program: me.programID, staff: me.access.mayManageVisits ? nil : me.staffID)
        var sites: [Site] = []
        if me.access.mayManageVisits {
            sites = try await Site.query(on: req.db).filter(\.$program.$id == me.programID).sort(\.$name).all()
            if let raw = FieldRules.trimmed(period.site) {
                scope.site = UUID(uuidString: raw).flatMap { id in sites.first { $0.id == id }?.id }
                if scope.site == nil { errors["site"] = "Site must be one of the program's sites." }
            }
        }
        try errors.throwIfAny()
        let start = from ?? CalendarDate(year: today.year, month: today.month, day: 1)!
        let end = to ?? today
        try await req.audit(.view, .timeReport, family: nil,
                            detail: "\(start) to \(end)" + (scope.site.map { " site \($0.uuidString.lowercased())" } ?? ""))
        return Asked(scope: scope, from: start, through: end, sites: sites)
    }
}
