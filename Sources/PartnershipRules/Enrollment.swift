/// Where a family stands with the program (ERSEA): applied, enrolled, or exited.
public enum EnrollmentStatus: String, CaseIterable, Codable, Sendable {
    case applied
    case enrolled
    case exited

    public var label: String {
        switch self {
        case .applied: "Applied"
        case .enrolled: "Enrolled"
        case .exited: "Exited"
        }
    }
}

/// Why a family left. The list follows the reasons programs report for families who leave during the year.
public enum ExitReason: String, CaseIterable, Codable, Sendable {
    case movedAway = "moved_away"
    case transitionedToKindergarten = "transitioned_to_kindergarten"
    case needsBetterMetElsewhere = "needs_better_met_elsewhere"
    case noLongerInterested = "no_longer_interested"
    case couldNotBeContacted = "could_not_be_contacted"
    case ageIneligible = "age_ineligible"
    case other

    public var label: String {
        switch self {
        case .movedAway: "Moved away"
        case .transitionedToKindergarten: "Child went on to kindergarten"
        case .needsBetterMetElsewhere: "Family's needs better met elsewhere"
        case .noLongerInterested: "Family chose to leave"
        case .couldNotBeContacted: "Could not be contacted"
        case .ageIneligible: "Child aged out"
        case .other: "Other"
        }
    }
}

/// A change of a family's enrollment, checked against where the family stands now.
public enum EnrollmentChange: Sendable, Equatable {
    case enroll(on: CalendarDate)
    case exit(on: CalendarDate, reason: ExitReason)

    public var resultingStatus: EnrollmentStatus {
        switch self {
        case .enroll: .enrolled
        case .exit: .exited
        }
    }

    /// Returns the problem with this change, keyed by the field it concerns, or nil when it may be made.
    /// An applicant may enroll or withdraw (exit); an enrolled family may exit; an exited family may re-enroll.
    public func problem(from status: EnrollmentStatus, appliedOn: CalendarDate?, enrolledOn: CalendarDate?,
                        today: CalendarDate) -> (field: String, message: String)? {
        switch self {
        case .enroll(let date):
            if status == .enrolled { return ("action", "This family is already enrolled.") }
            if date > today { return ("date", "The enrollment date cannot be in the future.") }
            if let applied = appliedOn, date < applied {
                return ("date", "The enrollment date cannot be before the application date (\(applied)).")
            }
        case .exit(let date, _):
            if status == .exited { return ("action", "This family has already exited.") }
            if date > today { return ("date", "The exit date cannot be in the future.") }
            if status == .enrolled, let enrolled = enrolledOn, date < enrolled {
                return ("date", "The exit date cannot be before the enrollment date (\(enrolled)).")
            }
        }
        return nil
    }
}

/// The program option a family is served in.
public enum ProgramOption: String, CaseIterable, Codable, Sendable {
    case centerBased = "center_based"
    case homeBased = "home_based"
    case familyChildCare = "family_child_care"
    /// Center-based days and home visits together (1302.21(b)(4) and 1302.22(d)).
    case combination

    public var label: String {
        switch self {
        case .centerBased: "Center-based"
        case .homeBased: "Home-based"
        case .familyChildCare: "Family child care"
        case .combination: "Combination"
        }
    }
}

/// Head Start (3 to 5 years) or Early Head Start (pregnancy to 3).
public enum ProgramType: String, CaseIterable, Codable, Sendable {
    case headStart = "head_start"
    case earlyHeadStart = "early_head_start"

    public var label: String {
        switch self {
        case .headStart: "Head Start"
        case .earlyHeadStart: "Early Head Start"
        }
    }
}

/// How a family prefers to be reached.
public enum ContactChannel: String, CaseIterable, Codable, Sendable {
    case phoneCall = "phone_call"
    case textMessage = "text_message"
    case email
    case inPerson = "in_person"
    case videoCall = "video_call"

    public var label: String {
        switch self {
        case .phoneCall: "Phone call"
        case .textMessage: "Text message"
        case .email: "Email"
        case .inPerson: "In person"
        case .videoCall: "Video call"
        }
    }
}

/// An adult's relationship to the children of the household.
public enum Relationship: String, CaseIterable, Codable, Sendable {
    case mother
    case father
    case grandparent
    case fosterParent = "foster_parent"
    case kinCaregiver = "kin_caregiver"
    case guardian
    case other

    public var label: String {
        switch self {
        case .mother: "Mother"
        case .father: "Father"
        case .grandparent: "Grandparent"
        case .fosterParent: "Foster parent"
        case .kinCaregiver: "Kin caregiver"
        case .guardian: "Legal guardian"
        case .other: "Other"
        }
    }
}

public enum MemberKind: String, CaseIterable, Codable, Sendable {
    case adult
    case child
}
