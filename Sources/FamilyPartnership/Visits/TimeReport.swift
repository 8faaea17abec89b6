import Fluent
import Foundation
import PartnershipRules
import Plot
import Vapor

/// Visit and contact hours per staff member over a period, with the time outside contract hours marked, for
/// pay. Completed visits count for every staff member who attended; contacts for the one who logged them.
/// No family is named: payroll needs hours, not families.
struct TimeReport {
    struct Entry {
        let day: CalendarDate
        let staffID: UUID
        let kind: String
        let start: TimeOfDay?
        let minutes: Int
        let outside: Int
    }

    struct Row {
        let staff: Staff
        var visitMinutes = 0
        var contactMinutes = 0
        var outsideMinutes = 0
        var untimedContacts = 0
    }

    let from: CalendarDate
    let through: CalendarDate
    let rows: [Row]
    let entries: [Entry]

    /// The report for `staff` (all of the program's when nil) from `from` through `through`.
    static func load(program: UUID, staff only: UUID?, from: CalendarDate, through: CalendarDate, on db: any Database) async throws -> TimeReport {
        var people = Staff.query(on: db).filter(\.$program.$id == program)
        if let only { people = people.filter(\.$id == only) }
        let staff = try await people.sort(\.$name).all().filter { !$0.roles.contains(.partner) }
        let byID = Dictionary(uniqueKeysWithValues: staff.map { ($0.id!, $0) })
        var entries: [Entry] = []
        let attendance = try await VisitStaff.query(on: db).join(Visit.self, on: \VisitStaff.$visit.$id == \Visit.$id)
            .filter(\.$staff.$id ~~ Array(byID.keys)).filter(\.$attended == true).filter(Visit.self, \.$status == .completed)
            .filter(Visit.self, \.$scheduledOn >= from.description).filter(Visit.self, \.$scheduledOn <= through.description)
            .all()
        for row in attendance {
            let visit = try row.joined(Visit.self)
            guard let person = byID[row.$staff.id], let day = visit.day else { continue }
            let minutes = visit.actualMinutes ?? visit.plannedMinutes
            entries.append(Entry(day: day, staffID: row.$staff.id, kind: "visit", start: visit.start, minutes: minutes,
                                 outside: visit.start.map { person.contractHours.minutesOutside(on: day, from: $0, minutes: minutes) } ?? 0))
        }
        let contacts = try await Contact.query(on: db).filter(\.$staff.$id ~~ Array(byID.keys))
            .filter(\.$contactedOn >= from.description).filter(\.$contactedOn <= through.description).all()
        for contact in contacts {
            guard let id = contact.$staff.id, let person = byID[id], let day = CalendarDate(contact.contactedOn) else { continue }
            let start = contact.startsAt.flatMap(TimeOfDay.init)
            entries.append(Entry(day: day, staffID: id, kind: "contact", start: start, minutes: contact.minutes,
                                 outside: start.map { person.contractHours.minutesOutside(on: day, from: $0, minutes: contact.minutes) } ?? 0))
        }
        entries.sort { ($0.day, $0.start?.minutes ?? -1) < ($1.day, $1.start?.minutes ?? -1) }
        var rows = Dictionary(uniqueKeysWithValues: staff.map { ($0.id!, Row(staff: $0)) })
        for entry in entries {
            if entry.kind == "visit" { rows[entry.staffID]?.visitMinutes += entry.minutes } else { rows[entry.staffID]?.contactMinutes += entry.minutes }
            rows[entry.staffID]?.outsideMinutes += entry.outside
            if entry.kind == "contact" && entry.start == nil { rows[entry.staffID]?.untimedContacts += 1 }
        }
        return TimeReport(from: from, through: through,
                          rows: staff.compactMap { rows[$0.id!] }.filter { $0.visitMinutes + $0.contactMinutes > 0 || only != nil },
                          entries: entries)
    }

    static func hours(_ minutes: Int) -> String {
        String(format: "%.2f", Double(minutes) / 60)
    }

    /// One line per visit or contact, for payroll.
    var csvRows: [[String]] {
        let names = Dictionary(uniqueKeysWithValues: rows.map { ($0.staff.id!, $0.staff.name) })
        return [["date", "staff", "kind", "start", "minutes", "minutes_outside_contract_hours"]] + entries.compactMap { entry in
            names[entry.staffID].map { [entry.day.description, $0, entry.kind, entry.start?.description ?? "", String(entry.minutes), String(entry.outside)] }
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
                    .tr(.td(.text(row.staff.name)), .td(.text(Self.hours(row.visitMinutes))), .td(.text(Self.hours(row.contactMinutes))),
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
        let (report, _) = try await Self.load(req)
        return .csv(report.csvRows, filename: "visit-hours-\(report.from)-\(report.through).csv")
    }

    /// The report for the period asked for (this month so far by default): everyone's for managers and
    /// directors, the staff member's own otherwise. Shared with the API.
    static func load(_ req: Request) async throws -> (TimeReport, String) {
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
        let report = try await TimeReport.load(program: me.programID, staff: me.access.mayManageVisits ? nil : me.staffID,
                                                from: start, through: end, on: req.db)
        try await req.audit(.view, .timeReport, family: nil, detail: "\(start) to \(end)")
        return (report, "from=\(start)&to=\(end)")
    }
}
