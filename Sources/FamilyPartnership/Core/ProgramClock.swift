import Foundation
import PartnershipRules

/// Where the program's days begin and end: `FPP_TIME_ZONE` (an IANA name such as "America/Los_Angeles"),
/// America/Chicago when unset. A server on UTC would otherwise move "today" forward in the evening, and a
/// visit at 4:30 pm would land at the wrong hour in staff calendars.
enum ProgramClock {
    static let zone: TimeZone = {
        let name = ProcessInfo.processInfo.environment["FPP_TIME_ZONE"].flatMap { $0.isEmpty ? nil : $0 } ?? "America/Chicago"
        return TimeZone(identifier: name) ?? TimeZone(identifier: "America/Chicago") ?? .current
    }()

    /// The moment a day and time in the program's zone fall on.
    static func moment(_ day: CalendarDate, _ time: TimeOfDay, in zone: TimeZone = zone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: time.minutes / 60, minute: time.minutes % 60))
    }
}

extension CalendarDate {
    /// Today where the program is.
    static func today(in zone: TimeZone = ProgramClock.zone) -> CalendarDate {
        on(Date(), in: zone)
    }

    /// The calendar day a moment falls on, in the program's zone.
    static func on(_ date: Date, in zone: TimeZone = ProgramClock.zone) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
