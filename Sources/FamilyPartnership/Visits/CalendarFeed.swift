import Fluent
import Foundation
import PartnershipRules
import Vapor

/// A staff member's visits as an iCalendar feed (RFC 5545) that calendar apps subscribe to. The address holds
/// a secret token, shown once when made and revocable from Settings. An event names the kind of visit and the
/// household, and links back to the visit page (which asks for sign-in); it carries no address, phone or notes,
/// because calendar apps copy feeds to other companies' servers.
enum CalendarFeed {
    struct Event {
        let uid: UUID
        let start: Date
        let minutes: Int
        let summary: String
        let status: VisitStatus
        let link: String
        let updated: Date
    }

    /// The feed's text: CRLF line ends, long lines folded at 75 octets, text escaped.
    static func text(_ events: [Event], calendarName: String, now: Date) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Family Partnership//Visits//EN", "CALSCALE:GREGORIAN",
                     "METHOD:PUBLISH", "X-WR-CALNAME:" + escape(calendarName)]
        for event in events {
            lines += [
                "BEGIN:VEVENT",
                "UID:\(event.uid.uuidString.lowercased())@family-partnership",
                "DTSTAMP:" + stamp(now),
                "LAST-MODIFIED:" + stamp(event.updated),
                "DTSTART:" + stamp(event.start),
                "DTEND:" + stamp(event.start.addingTimeInterval(Double(event.minutes * 60))),
                "SUMMARY:" + escape(event.summary),
                "STATUS:" + (event.status == .scheduled || event.status == .completed ? "CONFIRMED" : "CANCELLED"),
                "URL:" + event.link,
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// A moment as UTC "20261126T223000Z".
    static func stamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int?) -> String { String(n ?? 0).count == 1 ? "0\(n ?? 0)" : String(n ?? 0) }
        return "\(p.year!)\(two(p.month))\(two(p.day))T\(two(p.hour))\(two(p.minute))\(two(p.second))Z"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\r\n", with: "\\n").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Splits a line longer than 75 octets into continuation lines that start with a space, never inside a character.
    static func fold(_ line: String) -> String {
        var result = "", current = 0
        for character in line {
            let size = String(character).utf8.count
            if current + size > 75 {
                result += "\r\n "
                current = 1
            }
            result.append(character)
            current += size
        }
        return result
    }
}

/// The feed itself, outside sign-in (calendar apps cannot sign in), and the Settings actions that make,
/// replace and turn off a staff member's feed address.
struct CalendarFeedController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.calendarFeed("").pattern, use: feed)
    }

    func feed(req: Request) async throws -> Response {
        let token = (req.parameters.get("token") ?? "").replacingOccurrences(of: ".ics", with: "")
        guard !token.isEmpty,
              let staff = try await Staff.query(on: req.db).filter(\.$calendarTokenDigest == APIToken.digest(token)).first(),
              let signedIn = try await StaffAuthenticator().load(staffID: staff.requireID(), on: req.db, viaAPIToken: true)
        else { throw Abort(.notFound) }
        req.signedIn = signedIn
        let today = req.clock.today
        let visits = try await Visit.attended(by: signedIn, from: today.adding(days: -60), through: today.adding(days: 366), on: req.db)
            .limit(1000).all()
        let base = req.siteAddress
        let events = visits.compactMap { visit -> CalendarFeed.Event? in
            guard let day = visit.day, let time = visit.start, let start = req.clock.moment(day, time) else { return nil }
            return CalendarFeed.Event(uid: visit.id!, start: start, minutes: visit.actualMinutes ?? visit.plannedMinutes,
                                      summary: "\(visit.type.name) — \(visit.family.householdName)", status: visit.status,
                                      link: base + SiteURL.visit(visit.$family.id, visit: visit.id!).path, updated: visit.updatedAt ?? req.clock.now)
        }
        // One entry per family whose visits went out in the feed, written in one statement.
        let entries = Set(visits.map(\.$family.id)).map { family in
            let entry = req.auditEntry(.view, .visit, family: family, detail: "calendar feed")
            entry.channel = "calendar"
            return entry
        }
        if !entries.isEmpty { try await entries.create(on: req.db) }
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "calendar", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return Response(status: .ok, headers: headers, body: .init(string: CalendarFeed.text(events, calendarName: "Visits — \(staff.name)", now: req.clock.now)))
    }
}
