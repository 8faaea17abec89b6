import Foundation

/// How staff and a family were in touch.
public enum ContactMedium: String, CaseIterable, Codable, Sendable {
    case phone
    case text
    case email
    case video
    case inPerson = "in_person"
    case noteHome = "note_home"

    public var label: String {
        switch self {
        case .phone: "Phone call"
        case .text: "Text message"
        case .email: "Email"
        case .video: "Video call"
        case .inPerson: "In person"
        case .noteHome: "Note home"
        }
    }

    /// A contact the family's preferred way of being reached would make.
    public init(_ channel: ContactChannel) {
        switch channel {
        case .phoneCall: self = .phone
        case .textMessage: self = .text
        case .email: self = .email
        case .inPerson: self = .inPerson
        case .videoCall: self = .video
        }
    }
}

/// Who reached out first. As relationships deepen, families start more of the contacts.
public enum ContactStarter: String, CaseIterable, Codable, Sendable {
    case staff
    case family

    public var label: String {
        switch self {
        case .staff: "Staff"
        case .family: "The family"
        }
    }
}

/// The longest a family may go without hearing from the program: Home Visit Partnerships asks for contact at
/// least once every six weeks. Each program sets its own.
public struct ContactGap: Equatable, Sendable {
    public var longestDays: Int
    /// A family is listed as "due soon" this many days before the gap is reached.
    public var warningDays: Int

    public init(longestDays: Int, warningDays: Int = 7) {
        self.longestDays = longestDays
        self.warningDays = warningDays
    }

    public static let sixWeeks = ContactGap(longestDays: 42)

    public enum Standing: Equatable, Sendable {
        case fine
        /// Contact is due by this day.
        case dueSoon(CalendarDate)
        /// Contact was due on this day and has not happened.
        case overdue(since: CalendarDate)
    }

    /// Where a family stands: counted from its last contact, or from enrollment when there has been none.
    public func standing(lastContact: CalendarDate?, enrolledOn: CalendarDate, today: CalendarDate) -> Standing {
        let due = (lastContact.map { max($0, enrolledOn) } ?? enrolledOn).adding(days: longestDays)
        if due < today { return .overdue(since: due) }
        if today.days(until: due) <= warningDays { return .dueSoon(due) }
        return .fine
    }

    /// `standing` as thresholds a database can compare with, on the later of a family's last contact and its
    /// enrollment: before `overdue` it is overdue; from `overdue` through `dueSoon` contact is due soon.
    public func thresholds(today: CalendarDate) -> (overdue: CalendarDate, dueSoon: CalendarDate) {
        (today.adding(days: -longestDays), today.adding(days: warningDays - longestDays))
    }
}
