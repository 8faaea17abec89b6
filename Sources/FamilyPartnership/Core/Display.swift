import Foundation
import PartnershipRules

/// How values are written for people.
enum Display {
    /// `5551234567` → `(555) 123-4567`; international numbers as stored.
    static func phone(_ stored: String) -> String {
        guard stored.count == 10, stored.allSatisfy(\.isNumber) else { return stored }
        let d = Array(stored)
        return "(\(String(d[0..<3]))) \(String(d[3..<6]))-\(String(d[6..<10]))"
    }

    static func date(_ stored: String) -> String {
        guard let date = CalendarDate(stored) else { return stored }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(months[date.month - 1]) \(date.day), \(date.year)"
    }

    /// A day in a week's list: `Mon, Dec 7`.
    static func weekday(_ day: CalendarDate) -> String {
        let names = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        return "\(names[day.weekday]), " + date(day.description).split(separator: ",")[0]
    }

    /// A month, for a chart's axis: `Oct 2026`.
    static func monthYear(_ stored: String) -> String {
        guard let date = CalendarDate(stored) else { return stored }
        return "\(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][date.month - 1]) \(date.year)"
    }

    /// A date of birth with the child's age: `Mar 4, 2022 (2 y 8 m)`.
    static func birth(_ stored: String, today: CalendarDate) -> String {
        guard let born = CalendarDate(stored) else { return stored }
        let months = born.months(until: today)
        return "\(date(stored)) (\(months / 12) y \(months % 12) m)"
    }

    /// `1000` → `1,000`.
    static func count(_ n: Int) -> String {
        let digits = Array(String(n.magnitude))
        let grouped = digits.enumerated().map { i, d in (i > 0 && (digits.count - i) % 3 == 0 ? "," : "") + String(d) }.joined()
        return (n < 0 ? "-" : "") + grouped
    }

    /// The time zone moments are shown in: the signed-in staff member's program's (set for each request by
    /// `DisplayZoneMiddleware`), else the server's.
    @TaskLocal static var zone: TimeZone = TimeZone(identifier: "UTC")!

    /// A moment as people read it, in the program's time zone, the way dates and visit times are written
    /// everywhere else: `Nov 29, 2026, 9:05 am`.
    static func timestamp(_ moment: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: moment)
        guard let day = CalendarDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1),
              let time = TimeOfDay(minutes: (parts.hour ?? 0) * 60 + (parts.minute ?? 0)) else { return utc(moment, "yyyy-MM-dd HH:mm") }
        return "\(date(day.description)), \(time.label)"
    }

    /// `date` in UTC, in `format` (a `DateFormatter` pattern).
    static func utc(_ date: Date, _ format: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = format
        return formatter.string(from: date)
    }
}
