/// When a family's partnership agreement must be started and reviewed (1302.52(a), (c)): programs set how many
/// days after enrollment the agreement must exist (30 unless they choose otherwise) and how often it is reviewed.
public struct AgreementSchedule: Sendable, Equatable {
    public var startWithinDays: Int
    public var reviewEveryDays: Int

    public static let standard = AgreementSchedule(startWithinDays: 30, reviewEveryDays: 90)
    public static let allowedDays = 1...366

    public init(startWithinDays: Int, reviewEveryDays: Int) {
        self.startWithinDays = startWithinDays
        self.reviewEveryDays = reviewEveryDays
    }

    /// The last day to start the agreement for a family enrolled on `enrolledOn`.
    public func startDeadline(enrolledOn: CalendarDate) -> CalendarDate {
        enrolledOn.adding(days: startWithinDays)
    }

    /// True when an enrolled family has no agreement for this year and its deadline has passed.
    public func isStartOverdue(enrolledOn: CalendarDate, hasAgreement: Bool, today: CalendarDate) -> Bool {
        !hasAgreement && today > startDeadline(enrolledOn: enrolledOn)
    }

    /// `isStartOverdue` as a threshold a database can compare with: a family enrolled before this day and
    /// without an agreement is overdue.
    public func startOverdue(enrolledBefore today: CalendarDate) -> CalendarDate {
        today.adding(days: -startWithinDays)
    }

    /// The next review after the agreement was started or last reviewed.
    public func nextReview(after date: CalendarDate) -> CalendarDate {
        date.adding(days: reviewEveryDays)
    }

    public static func problem(days: Int?, label: String) -> FieldProblem? {
        guard let days else { return FieldProblem("\(label) is required.") }
        return allowedDays.contains(days) ? nil : FieldProblem("\(label) must be between 1 and 366 days.")
    }
}

/// The program year a date falls in, named by the year it starts: "2026–27" starts on the program's start date.
public struct ProgramYear: Sendable, Equatable, Comparable, CustomStringConvertible {
    public let startYear: Int

    public init(startYear: Int) { self.startYear = startYear }

    /// The program year containing `date`, for a program whose year starts each year on `start`'s month and day.
    public init(containing date: CalendarDate, yearStartsLike start: CalendarDate) {
        startYear = (date.month, date.day) >= (start.month, start.day) ? date.year : date.year - 1
    }

    public init?(_ text: String) {
        guard text.count == 4, let year = Int(text), (1900...2200).contains(year) else { return nil }
        startYear = year
    }

    /// Stored as the start year, "2026".
    public var stored: String { String(startYear) }
    public var description: String { "\(startYear)–\(String((startYear + 1) % 100).leftPadded(2))" }

    public static func < (a: ProgramYear, b: ProgramYear) -> Bool { a.startYear < b.startYear }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

/// What makes an agreement, an action step or a goal need attention on a staff member's home page.
public enum FollowUp {
    /// Reviews show up this many days before they fall due.
    public static let reviewNoticeDays = 7
    /// An active goal with no progress note for longer than this is quiet.
    public static let quietGoalDays = 60

    public static func isReviewDue(next: CalendarDate, today: CalendarDate) -> Bool {
        next <= today.adding(days: reviewNoticeDays)
    }

    /// `isReviewDue` as a threshold: reviews falling on or before this day are due.
    public static func reviewsDue(through today: CalendarDate) -> CalendarDate {
        today.adding(days: reviewNoticeDays)
    }

    /// The last day of "this week": the coming seven days, today included. Overdue steps count too.
    public static func endOfWeek(_ today: CalendarDate) -> CalendarDate { today.adding(days: 6) }

    public static func isStepDue(due: CalendarDate?, done: Bool, today: CalendarDate) -> Bool {
        guard let due, !done else { return false }
        return due <= endOfWeek(today)
    }

    /// A goal is quiet when its latest progress note (or, with none, the day it was set) is over 60 days old.
    public static func isGoalQuiet(lastNote: CalendarDate?, setOn: CalendarDate, today: CalendarDate) -> Bool {
        (lastNote ?? setOn).days(until: today) > quietGoalDays
    }

    /// `isGoalQuiet` as a threshold: a goal whose latest note (or, with none, the day it was set) falls before
    /// this day is quiet.
    public static func quiet(before today: CalendarDate) -> CalendarDate {
        today.adding(days: -quietGoalDays)
    }
}

/// A program's assessment periods, intake first: "intake, fall, winter, spring".
public enum AssessmentPeriods {
    public static func parse(_ raw: String?) -> Result<[String], FieldProblem> {
        let names = (raw ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        guard names.first == "intake" else { return .failure(FieldProblem("Start the list with intake, then the later periods.")) }
        guard names.count <= 8 else { return .failure(FieldProblem("Use at most 8 periods.")) }
        guard Set(names).count == names.count else { return .failure(FieldProblem("Each period may appear only once.")) }
        guard names.allSatisfy({ $0.count <= 30 && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" } }) else {
            return .failure(FieldProblem("Period names are letters, digits, spaces and hyphens, up to 30 characters."))
        }
        return .success(names)
    }
}
