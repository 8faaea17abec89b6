import Fluent
import Foundation
import PartnershipRules
import Plot
import SQLKit
import Vapor

/// One staff member's week: each day's visits (with who else goes and when the family prefers to be seen) and the
/// referral follow-ups that are theirs to make. On a phone the days run down the page; on a desk they are a grid.
/// Seen by the staff member, their supervisor and managers, and only for families the viewer may see.
struct StaffWeek {
    struct Entry {
        let start: TimeOfDay?
        let family: String
        let link: String
        let what: String
        let detail: String
        let prefers: String?
        var overdue = false
    }

    let member: Staff
    let monday: CalendarDate
    let today: CalendarDate
    let days: [(day: CalendarDate, entries: [Entry])]
    let familyIDs: [UUID]

    /// Most visits or follow-ups one week shows of each (a full-time home visitor makes a few dozen).
    static let most = 150

    /// The Monday of the week `day` is in.
    static func monday(of day: CalendarDate) -> CalendarDate { day.adding(days: -((day.weekday + 6) % 7)) }

    static func load(_ memberID: UUID, weekOf day: CalendarDate, in ctx: Context) async throws -> StaffWeek {
        let member = try await CaseloadTable.owner(memberID, in: ctx)
        let monday = monday(of: day), sunday = monday.adding(days: 6), today = ctx.today
        let visits = try await Visit.attended(by: memberID, seenBy: ctx.staff, from: monday, through: sunday, on: ctx.db)
            .limit(most).all()
        let going = try await VisitFamilySection.attendees(of: visits, on: ctx.db)
        var entries: [CalendarDate: [Entry]] = [:]
        for visit in visits {
            guard let day = visit.day else { continue }
            let others = going.filter { $0.$visit.id == visit.id && $0.$staff.id != memberID }.map(\.staff.name).sorted()
            let end = visit.start.flatMap { TimeOfDay(minutes: $0.minutes + visit.plannedMinutes) }
            let parts = [visit.start.map { $0.label + (end.map { "–\($0.label)" } ?? "") },
                         visit.place.label.lowercased(),
                         others.isEmpty ? nil : "with \(others.joined(separator: ", "))",
                         visit.status == .scheduled ? nil : visit.status.label.lowercased()].compactMap { $0 }
            entries[day, default: []].append(Entry(
                start: visit.start, family: visit.family.householdName, link: SiteURL.visit(visit.$family.id, visit: visit.id!).path,
                what: visit.type.name, detail: parts.joined(separator: " · "), prefers: visit.family.preferredTimes))
        }
        // Follow-ups due this week; in the week holding today, those already overdue are shown today.
        let open = ReferralStatus.allCases.filter { !$0.isClosed }
        let current = (monday...sunday).contains(today)
        var followUps = Referral.query(on: ctx.db).join(Family.self, on: \Referral.$family.$id == \Family.$id)
            .filter(Family.self, \.$program.$id == ctx.programID)
            .filter(\.$followUpBy.$id == memberID).filter(\.$status ~~ open)
            .filter(\.$followUpOn <= sunday.description)
        if !current { followUps = followUps.filter(\.$followUpOn >= monday.description) }
        if let reach = Family.reach(of: ctx.staff, column: SQLColumn("family_id", table: Referral.schema)) { followUps = followUps.filter(reach) }
        let referrals = try await followUps.sort(\.$followUpOn).with(\.$family).with(\.$provider).limit(most).all()
        let catalog = try await ServiceCatalog.load(program: ctx.programID, on: ctx.db)
        for referral in referrals {
            guard let due = CalendarDate(referral.followUpOn) else { continue }
            let overdue = due < today
            let day = overdue && current ? today : due
            entries[day, default: []].append(Entry(
                start: nil, family: referral.family.householdName, link: SiteURL.referral(referral.$family.id, referral: referral.id!).path,
                what: "Follow up: \(catalog.label(referral.category))",
                detail: [referral.provider?.name, referral.status.label.lowercased(),
                         overdue ? "was due \(Display.date(referral.followUpOn))" : nil].compactMap { $0 }.joined(separator: " · "),
                prefers: nil, overdue: overdue))
        }
        let days = (0..<7).map { offset in
            let day = monday.adding(days: offset)
            // Timed visits in order, then the follow-ups (which take no set time).
            let sorted = (entries[day] ?? []).sorted { ($0.start?.minutes ?? 24 * 60, $0.family) < ($1.start?.minutes ?? 24 * 60, $1.family) }
            return (day: day, entries: sorted)
        }
        return StaffWeek(member: member, monday: monday, today: today, days: days,
                         familyIDs: Array(Set(visits.map(\.$family.id) + referrals.map(\.$family.id))))
    }

    func view(isOwn: Bool) -> [Node<HTML.BodyContext>] {
        let sunday = monday.adding(days: 6)
        func week(_ day: CalendarDate) -> String { SiteURL.week.path + "?staff=\(member.id!.uuidString.lowercased())&week=\(day)" }
        let count = days.reduce(0) { $0 + $1.entries.count }
        return [
            .h1(.text(isOwn ? "My week" : "\(member.name)'s week")),
            .p(.text("\(Display.date(monday.description)) to \(Display.date(sunday.description)) · \(count == 0 ? "nothing" : "\(count) visits and follow-ups")")),
            .nav(.class("pager"), .attribute(named: "aria-label", value: "Weeks"),
                 .a(.href(week(monday.adding(days: -7))), .text("← Previous week")),
                 .if(!(monday...sunday).contains(today), .a(.href(week(today)), .text("This week"))),
                 .a(.href(week(monday.adding(days: 7))), .text("Next week →"))),
            .ol(.class("week"), .forEach(days) { day in
                .li(.class(day.day == today ? "day today" : "day"),
                    .h2(.text(Display.weekday(day.day) + (day.day == today ? " (today)" : ""))),
                    day.entries.isEmpty ? .p(.class("hint"), .text("Nothing scheduled")) : .ul(.forEach(day.entries) { entry in
                        .li(.class(entry.overdue ? "overdue" : ""),
                            .a(.href(entry.link), .text(entry.family)),
                            .div(.text(entry.what)),
                            .div(.class("hint"), .text(entry.detail)),
                            .unwrap(entry.prefers) { .div(.class("hint"), .text("Family prefers: \($0)")) })
                    }))
            }),
        ]
    }
}

/// `GET /visits/week?staff=…&week=YYYY-MM-DD`: a week of visits and follow-ups; the signed-in staff member's this week
/// when nothing is asked.
struct WeekController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.week.pattern, use: show)
    }

    func show(req: Request) async throws -> Response {
        let ctx = try req.context()
        try ctx.require(\.maySeeStaffList)
        let staffText = try? req.query.get(String.self, at: "staff")
        let weekText = try? req.query.get(String.self, at: "week")
        guard let memberID = staffText.map(UUID.init(uuidString:)) ?? ctx.staff.staffID else {
            throw Abort(.badRequest, reason: "staff: give a staff member's ID.")
        }
        guard let day = weekText.map(CalendarDate.init) ?? ctx.today else {
            throw Abort(.badRequest, reason: "week: give a date as YYYY-MM-DD.")
        }
        let week = try await StaffWeek.load(memberID, weekOf: day, in: ctx)
        try await req.audit(.list, .visit, families: week.familyIDs, detail: "week of \(week.monday) for \(week.member.name)")
        let isOwn = memberID == ctx.staff.staffID
        return req.page(title: isOwn ? "My week" : "\(week.member.name)'s week", week.view(isOwn: isOwn))
    }
}
