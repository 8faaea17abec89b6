import Foundation

/// A time of day, in minutes after midnight.
public struct TimeOfDay: Comparable, Hashable, Sendable, CustomStringConvertible {
    public let minutes: Int

    public init?(minutes: Int) {
        guard (0..<24 * 60).contains(minutes) else { return nil }
        self.minutes = minutes
    }

    /// Reads "16:30", "9:05" or "16:30:00".
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.dropFirst().allSatisfy({ $0.count == 2 }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), parts[0].count <= 2,
              (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        self.minutes = hour * 60 + minute
    }

    /// "16:30", as stored and as a time field shows it.
    public var description: String {
        String(minutes / 60).leftPadded(2) + ":" + String(minutes % 60).leftPadded(2)
    }

    /// "4:30 pm", as people read it.
    public var label: String {
        let hour = minutes / 60, minute = minutes % 60
        let twelve = hour % 12 == 0 ? 12 : hour % 12
        return "\(twelve):\(String(minute).leftPadded(2)) \(hour < 12 ? "am" : "pm")"
    }

    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.minutes < b.minutes }
}

/// Where a visit happens. Visits are held where the family asks: at home, at another safe place, outdoors, or
/// (for check-ins) by video or phone.
public enum VisitPlace: String, CaseIterable, Codable, Sendable {
    case home
    case elsewhere
    case outdoors
    case video
    case phone

    public var label: String {
        switch self {
        case .home: "The family's home"
        case .elsewhere: "Another safe place the family chose"
        case .outdoors: "Outdoors"
        case .video: "Video call"
        case .phone: "Phone call"
        }
    }
}

public enum VisitStatus: String, CaseIterable, Codable, Sendable {
    case scheduled
    case completed
    case cancelledByFamily = "cancelled_by_family"
    case cancelledByStaff = "cancelled_by_staff"
    case missed
    /// Moved to another time: the new visit is linked to this one.
    case rescheduled

    public var label: String {
        switch self {
        case .scheduled: "Scheduled"
        case .completed: "Completed"
        case .cancelledByFamily: "Cancelled by the family"
        case .cancelledByStaff: "Cancelled by staff"
        case .missed: "Missed"
        case .rescheduled: "Rescheduled"
        }
    }

    /// Only a scheduled visit can change; every other status is where a visit ends.
    public var isOpen: Bool { self == .scheduled }
}

/// What a visit of a type counts toward among the visits a family is due each year.
public enum VisitCountsAs: String, CaseIterable, Codable, Sendable {
    case homeVisit = "home_visit"
    case parentConference = "parent_conference"
    /// A check-in keeps contact alive but is not one of the required visits.
    case checkIn = "check_in"

    public var label: String {
        switch self {
        case .homeVisit: "Home visit"
        case .parentConference: "Parent conference"
        case .checkIn: "Check-in"
        }
    }
}

/// The rules a program sets for a kind of visit.
public struct VisitTypeRules: Equatable, Sendable {
    public var name: String
    public var minimumMinutes: Int
    public var staffRequired: Int
    /// The training every attending staff member must hold, current on the visit's day.
    public var requiredCourse: String?
    /// Visits are voluntary: the family's agreement, and how it was given, is recorded when it is scheduled.
    public var familyAgreementRequired: Bool
    public var places: [VisitPlace]
    public var countsAs: VisitCountsAs

    public init(name: String, minimumMinutes: Int, staffRequired: Int, requiredCourse: String?, familyAgreementRequired: Bool,
                places: [VisitPlace], countsAs: VisitCountsAs) {
        self.name = name
        self.minimumMinutes = minimumMinutes
        self.staffRequired = staffRequired
        self.requiredCourse = requiredCourse
        self.familyAgreementRequired = familyAgreementRequired
        self.places = places
        self.countsAs = countsAs
    }

    /// The training Home Visit Partnerships requires of everyone who visits.
    public static let hvpCourse = "HVP home-visit training"

    /// The kinds of visit a new program starts with; each program edits them.
    public static let starterSet: [VisitTypeRules] = [
        .init(name: "HVP initial visit", minimumMinutes: 30, staffRequired: 2, requiredCourse: hvpCourse,
              familyAgreementRequired: true, places: [.home], countsAs: .homeVisit),
        .init(name: "HVP second visit", minimumMinutes: 30, staffRequired: 2, requiredCourse: hvpCourse,
              familyAgreementRequired: true, places: [.home], countsAs: .homeVisit),
        .init(name: "Home visit", minimumMinutes: 30, staffRequired: 1, requiredCourse: nil,
              familyAgreementRequired: true, places: [.home, .elsewhere, .outdoors], countsAs: .homeVisit),
        .init(name: "Home-based program visit", minimumMinutes: 90, staffRequired: 1, requiredCourse: nil,
              familyAgreementRequired: false, places: [.home, .elsewhere, .outdoors], countsAs: .homeVisit),
        .init(name: "Outdoor visit", minimumMinutes: 30, staffRequired: 1, requiredCourse: nil,
              familyAgreementRequired: true, places: [.outdoors], countsAs: .homeVisit),
        .init(name: "Parent conference", minimumMinutes: 15, staffRequired: 1, requiredCourse: nil,
              familyAgreementRequired: false, places: [.elsewhere, .home, .video, .phone], countsAs: .parentConference),
        .init(name: "Virtual check-in", minimumMinutes: 10, staffRequired: 1, requiredCourse: nil,
              familyAgreementRequired: false, places: [.video, .phone], countsAs: .checkIn),
    ]
}

/// A staff member offered for a visit, with the trainings current on the visit's day.
public struct VisitAttendee: Sendable {
    public let name: String
    public let currentCourses: Set<String>

    public init(name: String, currentCourses: Set<String>) {
        self.name = name
        self.currentCourses = currentCourses
    }
}

/// A visit as someone is about to schedule it.
public struct VisitPlan: Sendable {
    public var minutes: Int
    public var place: VisitPlace
    public var attendees: [VisitAttendee]
    public var familyAgreed: Bool
    public var agreementWay: ContactMedium?

    public init(minutes: Int, place: VisitPlace, attendees: [VisitAttendee], familyAgreed: Bool, agreementWay: ContactMedium?) {
        self.minutes = minutes
        self.place = place
        self.attendees = attendees
        self.familyAgreed = familyAgreed
        self.agreementWay = agreementWay
    }
}

public enum VisitRules {
    /// Why `plan` breaks `type`'s rules, by form field; empty when it may be scheduled.
    public static func scheduleProblems(_ plan: VisitPlan, type: VisitTypeRules) -> [String: String] {
        var problems: [String: String] = [:]
        if plan.minutes < type.minimumMinutes {
            problems["planned_minutes"] = "A visit of this type (\(type.name)) lasts at least \(type.minimumMinutes) minutes."
        }
        if !type.places.contains(plan.place) {
            let places = type.places.map { $0.label.lowercased() }.joined(separator: " or ")
            problems["place"] = "A visit of this type (\(type.name)) is held at \(places)."
        }
        if plan.attendees.count < type.staffRequired {
            problems["staff"] = "A visit of this type (\(type.name)) needs \(type.staffRequired) staff"
                + (type.requiredCourse.map { " with current \($0)" } ?? "")
                + "; \(plan.attendees.count == 1 ? "1 is" : "\(plan.attendees.count) are") chosen."
        } else if let course = type.requiredCourse {
            let untrained = plan.attendees.filter { !$0.currentCourses.contains(course) }.map(\.name)
            if !untrained.isEmpty {
                problems["staff"] = "\(untrained.joined(separator: " and ")) \(untrained.count == 1 ? "has" : "have") no current \(course), "
                    + "which a visit of this type (\(type.name)) requires."
            }
        }
        if type.familyAgreementRequired && (!plan.familyAgreed || plan.agreementWay == nil) {
            problems["family_agreed"] = "Visits of this type (\(type.name)) are voluntary: record that the family agreed to it and how."
        }
        return problems
    }

    /// A visit record is kept only for a completed visit, with its actual length.
    public static func completionProblem(actualMinutes: Int?, type: VisitTypeRules) -> String? {
        guard let actualMinutes else { return "Enter how long the visit lasted, in minutes." }
        if actualMinutes < 1 || actualMinutes > 12 * 60 { return "The visit's length must be from 1 to 720 minutes." }
        return nil
    }
}

/// A recurring series, such as weekly video check-ins until a date.
public enum VisitSeries {
    public static let longest = 52

    /// The days of a series every `everyDays` days from `start` through `until`.
    public static func days(from start: CalendarDate, everyDays: Int, until: CalendarDate) -> Result<[CalendarDate], FieldProblem> {
        guard (1...31).contains(everyDays) else { return .failure(FieldProblem("Repeat every 1 to 31 days.")) }
        guard until > start else { return .failure(FieldProblem("The series must end after its first visit.")) }
        let count = start.days(until: until) / everyDays + 1
        guard count <= longest else {
            return .failure(FieldProblem("A series can hold at most \(longest) visits; this one would have \(count). Choose an earlier end date."))
        }
        return .success((0..<count).map { start.adding(days: $0 * everyDays) })
    }
}

/// How many home visits and parent conferences each family is due in a program year, for a program option.
public struct VisitRequirement: Equatable, Sendable {
    public var homeVisits: Int
    public var conferences: Int

    public init(homeVisits: Int, conferences: Int) {
        self.homeVisits = homeVisits
        self.conferences = conferences
    }

    /// The Head Start standards' minimums, which a program may raise: center-based and family child care
    /// families at least two home visits by the teacher and two parent-teacher conferences (1302.34(b)(7)
    /// and (b)(6)); home-based families 32 home visits (1302.22(c)(2), Head Start; Early Head Start has 46).
    /// The combination option's home visits are set by its design; the center-based minimums stand until the
    /// program enters its own on the visit settings.
    public static func standard(for option: ProgramOption) -> VisitRequirement {
        switch option {
        case .centerBased, .familyChildCare, .combination: VisitRequirement(homeVisits: 2, conferences: 2)
        case .homeBased: VisitRequirement(homeVisits: 32, conferences: 0)
        }
    }

    /// How many of `required` should be done by `today`, spread evenly over the family's part of the year
    /// (from `from` to `through`): a family is behind when it has had fewer.
    public static func expected(_ required: Int, from: CalendarDate, through: CalendarDate, today: CalendarDate) -> Int {
        guard required > 0, through > from else { return 0 }
        if today >= through { return required }
        let elapsed = max(0, from.days(until: today))
        return required * elapsed / from.days(until: through)
    }

    /// `expected` as thresholds a database can compare with: element `done` is the last day a family's part
    /// of the year may start on (from `earliest` through `through`) for it to be behind with `done` visits
    /// done, or nil when no start makes it behind. Later starts expect fewer visits, so one day per count suffices.
    public static func behindIfStartedBy(_ required: Int, earliest: CalendarDate, through: CalendarDate,
                                         today: CalendarDate) -> [CalendarDate?] {
        var latest = [CalendarDate?](repeating: nil, count: max(0, required))
        var day = earliest
        while day <= through {
            for done in 0..<min(required, expected(required, from: day, through: through, today: today)) { latest[done] = day }
            day = day.adding(days: 1)
        }
        return latest
    }
}
