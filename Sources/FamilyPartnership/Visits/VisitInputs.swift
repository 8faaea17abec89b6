import Foundation
import PartnershipRules
import Vapor

/// A visit as scheduled on the form or through the API; `repeat_every_days` with `repeat_until` makes a series.
struct VisitInput: Content, Sendable {
    var typeID: String?
    var date: String?
    var startsAt: String?
    var plannedMinutes: String?
    var place: String?
    var placeNote: String?
    var staff: [String]?
    var familyAgreed: Bool?
    var agreementWay: String?
    var repeatEveryDays: String?
    var repeatUntil: String?
    /// The person scheduling knows an attendee has another visit at that time, and schedules anyway.
    var despiteClash: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case typeID = "type_id", date, startsAt = "starts_at", plannedMinutes = "planned_minutes", place, placeNote = "place_note"
        case staff, familyAgreed = "family_agreed", agreementWay = "agreement_way", repeatEveryDays = "repeat_every_days"
        case repeatUntil = "repeat_until", despiteClash = "despite_clash"
    }

    init() {}

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        typeID = try c.decodeIfPresent(String.self, forKey: .typeID)
        date = try c.decodeIfPresent(String.self, forKey: .date)
        startsAt = try c.decodeIfPresent(String.self, forKey: .startsAt)
        plannedMinutes = try c.decodeLooseNumber(.plannedMinutes)
        place = try c.decodeIfPresent(String.self, forKey: .place)
        placeNote = try c.decodeIfPresent(String.self, forKey: .placeNote)
        staff = try c.decodeIfPresent([String].self, forKey: .staff)
        familyAgreed = try c.decodeFlag(.familyAgreed)
        agreementWay = try c.decodeIfPresent(String.self, forKey: .agreementWay)
        repeatEveryDays = try c.decodeLooseNumber(.repeatEveryDays)
        repeatUntil = try c.decodeIfPresent(String.self, forKey: .repeatUntil)
        despiteClash = try c.decodeFlag(.despiteClash)
    }
}

/// Closing a scheduled visit without a record: cancelled, missed, or moved to a new date and time.
struct VisitStatusInput: Content, Sendable {
    var status: String?
    var note: String?
    var newDate: String?
    var newStartsAt: String?
    var laterInSeries: Bool?
    /// Moving: the person knows an attendee has another visit at the new time, and moves it anyway.
    var despiteClash: Bool?
    /// The version of the visit the change is based on (optional: the change is checked against the current status).
    var version: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case status, note, newDate = "new_date", newStartsAt = "new_starts_at", laterInSeries = "later_in_series"
        case despiteClash = "despite_clash", version
    }

    init(status: String? = nil, note: String? = nil) {
        self.status = status
        self.note = note
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        status = try c.decodeIfPresent(String.self, forKey: .status)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        newDate = try c.decodeIfPresent(String.self, forKey: .newDate)
        newStartsAt = try c.decodeIfPresent(String.self, forKey: .newStartsAt)
        laterInSeries = try c.decodeFlag(.laterInSeries)
        despiteClash = try c.decodeFlag(.despiteClash)
        version = try c.decodeVersion(.version)
    }
}

/// The record of a completed visit. `children` lists the children it covered; hopes and dreams and interests
/// are keyed by child. A family request can start a referral in the same step.
struct VisitRecordInput: Content, Sendable {
    var actualMinutes: String?
    var familyParticipants: String?
    /// The scheduled staff who took part; all of them when left out.
    var staffPresent: [String]?
    var children: [String]?
    var hopesAndDreams: [String: String]?
    var interestsAndStrengths: [String: String]?
    var concerns: String?
    var familyRequests: String?
    var nextSteps: String?
    var startReferral: Bool?
    var referralCategory: String?
    /// The version of the visit the record is based on (optional).
    var version: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case version
        case actualMinutes = "actual_minutes", familyParticipants = "family_participants", staffPresent = "staff_present", children
        case hopesAndDreams = "hopes_and_dreams", interestsAndStrengths = "interests_and_strengths", concerns
        case familyRequests = "family_requests", nextSteps = "next_steps", startReferral = "start_referral"
        case referralCategory = "referral_category"
    }

    init() {}

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        actualMinutes = try c.decodeLooseNumber(.actualMinutes)
        familyParticipants = try c.decodeIfPresent(String.self, forKey: .familyParticipants)
        staffPresent = try c.decodeIfPresent([String].self, forKey: .staffPresent)
        children = try c.decodeIfPresent([String].self, forKey: .children)
        // Keyed by child ID, lowercased as the form writes it, whichever case an API client sends.
        func byChild(_ key: CodingKeys) throws -> [String: String]? {
            try c.decodeIfPresent([String: String].self, forKey: key)
                .map { Dictionary($0.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first }) }
        }
        hopesAndDreams = try byChild(.hopesAndDreams)
        interestsAndStrengths = try byChild(.interestsAndStrengths)
        concerns = try c.decodeIfPresent(String.self, forKey: .concerns)
        familyRequests = try c.decodeIfPresent(String.self, forKey: .familyRequests)
        nextSteps = try c.decodeIfPresent(String.self, forKey: .nextSteps)
        startReferral = try c.decodeFlag(.startReferral)
        referralCategory = try c.decodeIfPresent(String.self, forKey: .referralCategory)
        version = try c.decodeVersion(.version)
    }
}

/// A contact with the family, as logged on the form or through the API.
struct ContactInput: Content, Sendable {
    var date: String?
    var startsAt: String?
    var medium: String?
    var startedBy: String?
    var language: String?
    var interpreter: Bool?
    var minutes: String?
    var summary: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case date, startsAt = "starts_at", medium, startedBy = "started_by", language, interpreter, minutes, summary
    }

    init() {}

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        date = try c.decodeIfPresent(String.self, forKey: .date)
        startsAt = try c.decodeIfPresent(String.self, forKey: .startsAt)
        medium = try c.decodeIfPresent(String.self, forKey: .medium)
        startedBy = try c.decodeIfPresent(String.self, forKey: .startedBy)
        language = try c.decodeIfPresent(String.self, forKey: .language)
        interpreter = try c.decodeFlag(.interpreter)
        minutes = try c.decodeLooseNumber(.minutes)
        summary = try c.decodeIfPresent(String.self, forKey: .summary)
    }
}

extension VisitInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
extension VisitStatusInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
extension VisitRecordInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
extension ContactInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }

/// A fair draw: the roster (`classroom:<name>` or `site:<id>`) and how many visits there is time for.
struct DrawInput: Content, Sendable {
    enum CodingKeys: String, CodingKey, CaseIterable { case roster, places }

    var roster: String?
    var places: String?

    init(roster: String? = nil, places: String? = nil) {
        self.roster = roster
        self.places = places
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        roster = try c.decodeIfPresent(String.self, forKey: .roster)
        places = try c.decodeLooseNumber(.places)
    }
}

/// A completed training, with a course from the list or a new one.
struct TrainingInput: Content, Sendable {
    var staffID: String?
    var courseID: String?
    var newCourse: String?
    var completedOn: String?
    var expiresOn: String?
    enum CodingKeys: String, CodingKey, CaseIterable {
        case staffID = "staff_id", courseID = "course_id", newCourse = "new_course", completedOn = "completed_on", expiresOn = "expires_on"
    }
}

extension DrawInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
extension TrainingInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }

/// A kind of visit and its rules, from the director's form.
struct VisitTypeInput: Content, Sendable {
    var name: String?
    var minimumMinutes: String?
    var staffRequired: String?
    var requiredCourseID: String?
    var familyAgreementRequired: String?
    var places: [String]?
    var countsAs: String?
    var version: Int?
    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, minimumMinutes = "minimum_minutes", staffRequired = "staff_required", requiredCourseID = "required_course_id"
        case familyAgreementRequired = "family_agreement_required", places, countsAs = "counts_as", version
    }

    init(name: String? = nil, minimumMinutes: String? = nil, staffRequired: String? = nil, requiredCourseID: String? = nil,
         familyAgreementRequired: String? = nil, places: [String]? = nil, countsAs: String? = nil) {
        self.name = name
        self.minimumMinutes = minimumMinutes
        self.staffRequired = staffRequired
        self.requiredCourseID = requiredCourseID
        self.familyAgreementRequired = familyAgreementRequired
        self.places = places
        self.countsAs = countsAs
    }

    init(_ type: VisitType) {
        self.init(name: type.name, minimumMinutes: String(type.minimumMinutes), staffRequired: String(type.staffRequired),
                  requiredCourseID: type.$requiredCourse.id?.uuidString.lowercased(), familyAgreementRequired: type.familyAgreementRequired ? "on" : nil,
                  places: type.places.map(\.rawValue), countsAs: type.countsAs.rawValue)
        version = type.version
    }
}
