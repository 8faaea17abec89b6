import Foundation

/// A staff member's completed course, such as HVP home-visit training or mandated reporter training.
public struct TrainingTerms: Equatable, Sendable {
    public let completedOn: CalendarDate
    /// The last day the training counts; nil when it never expires.
    public let expiresOn: CalendarDate?

    public init(completedOn: CalendarDate, expiresOn: CalendarDate?) {
        self.completedOn = completedOn
        self.expiresOn = expiresOn
    }

    public func isCurrent(on day: CalendarDate) -> Bool {
        completedOn <= day && expiresOn.map { day <= $0 } ?? true
    }
}

/// The hours a staff member's contract covers. Visits and contacts outside them are marked, because programs
/// pay educators for that time separately.
public struct ContractHours: Equatable, Sendable {
    public var start: TimeOfDay
    public var end: TimeOfDay
    /// Working days, Sunday 0 to Saturday 6.
    public var days: Set<Int>

    public init(start: TimeOfDay, end: TimeOfDay, days: Set<Int>) {
        self.start = start
        self.end = end
        self.days = days
    }

    /// 8:00 to 4:30, Monday to Friday.
    public static let standard = ContractHours(start: TimeOfDay(minutes: 8 * 60)!, end: TimeOfDay(minutes: 16 * 60 + 30)!,
                                               days: [1, 2, 3, 4, 5])

    /// How many of the `minutes` starting at `from` on `day` fall outside contract hours. Time past midnight
    /// counts as outside.
    public func minutesOutside(on day: CalendarDate, from: TimeOfDay, minutes: Int) -> Int {
        let minutes = max(0, minutes)
        guard days.contains(day.weekday) else { return minutes }
        let begin = from.minutes, finish = from.minutes + minutes
        let inside = max(0, min(finish, end.minutes) - max(begin, start.minutes))
        return minutes - inside
    }

    /// "1,2,3,4,5" as stored.
    public var storedDays: String { days.sorted().map(String.init).joined(separator: ",") }

    public static func days(_ stored: String) -> Set<Int> {
        Set(stored.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.filter { (0...6).contains($0) })
    }

    public static let dayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
}
