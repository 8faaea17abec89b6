import Foundation

/// A day of the year without the year: a kindergarten age cutoff, the first day of school. Written "09-01".
public struct MonthDay: Comparable, Hashable, Sendable, CustomStringConvertible {
    public let month: Int
    public let day: Int

    /// A day that falls in every year (so not 29 February).
    public init?(month: Int, day: Int) {
        guard CalendarDate(year: 2025, month: month, day: day) != nil else { return nil }
        self.month = month
        self.day = day
    }

    /// "09-01" as stored; also "9/1", "September 1" and "Sept 1" as people type them.
    public init?(_ text: String) {
        let words = text.trimmingCharacters(in: .whitespaces).lowercased()
            .split(whereSeparator: { " -/.,".contains($0) }).map(String.init)
        guard words.count == 2, let day = Int(words[1]) else { return nil }
        let month = Int(words[0]) ?? Self.monthNames.firstIndex { $0.hasPrefix(words[0]) && words[0].count >= 3 }.map { $0 + 1 }
        guard let month else { return nil }
        self.init(month: month, day: day)
    }

    public var description: String { String(month).leftPadded(2) + "-" + String(day).leftPadded(2) }
    /// "September 1".
    public var label: String { Self.monthNames[month - 1].capitalized + " \(day)" }

    /// This day in `year`.
    public func inYear(_ year: Int) -> CalendarDate { CalendarDate(year: year, month: month, day: day)! }

    public static func < (a: MonthDay, b: MonthDay) -> Bool { (a.month, a.day) < (b.month, b.day) }

    static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                             "october", "november", "december"]
}

/// When children start kindergarten where the program is: a child five years old by the state's age cutoff enters
/// kindergarten in the school year that cutoff belongs to, on the first day of that school year.
public struct KindergartenEntry: Sendable, Equatable {
    /// The state's age cutoff: five by this day.
    public let cutoff: MonthDay
    /// The first day of the local school year.
    public let schoolStarts: MonthDay

    public init(cutoff: MonthDay, schoolStarts: MonthDay) {
        self.cutoff = cutoff
        self.schoolStarts = schoolStarts
    }

    /// Five by 1 September, school from 1 September: most states' cutoff, and the default until a program sets its own.
    public static let common = KindergartenEntry(cutoff: MonthDay(month: 9, day: 1)!, schoolStarts: MonthDay(month: 9, day: 1)!)

    /// The first day of kindergarten for a child born on `born`. A cutoff earlier in the calendar than the start of
    /// school (five by 1 January) belongs to the school year that began the autumn before it.
    public func firstDay(born: CalendarDate) -> CalendarDate {
        let fifth = born.adding(years: 5)
        let cutoffInNextYear = cutoff < schoolStarts
        var year = fifth.year - (cutoffInNextYear ? 1 : 0)
        if (fifth.month, fifth.day) > (cutoff.month, cutoff.day) { year += 1 }
        return schoolStarts.inYear(year)
    }
}

/// Checks on a program's set-up: its program year and its time zone.
public enum ProgramSetUp {
    /// The program year runs from `start` to `end`: the end after the start and less than a year on.
    public static func yearProblem(start: CalendarDate, end: CalendarDate) -> FieldProblem? {
        if end <= start { return FieldProblem("The program year must end after it starts.") }
        if end >= start.adding(years: 1) { return FieldProblem("The program year must end within a year of its start (by \(start.adding(years: 1).adding(days: -1))).") }
        return nil
    }

    /// An IANA time zone name the server knows, such as "America/Denver".
    public static func timeZone(_ raw: String?) -> Result<String?, FieldProblem> {
        guard let name = FieldRules.trimmed(raw) else { return .success(nil) }
        guard name.count <= 60, TimeZone(identifier: name) != nil, name.contains("/") || name == "UTC" else {
            return .failure(FieldProblem("Time zone must be a zone name such as America/Chicago."))
        }
        return .success(name)
    }

    /// The zones Head Start programs are in, east to west, for the set-up form (the API takes any zone name).
    public static let usTimeZones: [(id: String, label: String)] = [
        ("America/Puerto_Rico", "Atlantic (Puerto Rico, U.S. Virgin Islands)"),
        ("America/New_York", "Eastern"),
        ("America/Chicago", "Central"),
        ("America/Denver", "Mountain"),
        ("America/Phoenix", "Mountain, no daylight saving (Arizona)"),
        ("America/Los_Angeles", "Pacific"),
        ("America/Anchorage", "Alaska"),
        ("Pacific/Honolulu", "Hawaii"),
        ("Pacific/Guam", "Chamorro (Guam, Northern Mariana Islands)"),
        ("Pacific/Pago_Pago", "Samoa (American Samoa)"),
    ]
}
