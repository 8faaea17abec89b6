import Foundation
import PartnershipRules
import Vapor

/// The JSON shapes of visit types, visits, contacts, trainings, draws and visit hours.
struct VisitTypeDTO: Content {
    let id: UUID
    let name: String
    let minimumMinutes: Int
    let staffRequired: Int
    let requiredCourse: String?
    let familyAgreementRequired: Bool
    let places: [VisitPlace]
    let countsAs: VisitCountsAs

    enum CodingKeys: String, CodingKey {
        case id, name, minimumMinutes = "minimum_minutes", staffRequired = "staff_required", requiredCourse = "required_course"
        case familyAgreementRequired = "family_agreement_required", places, countsAs = "counts_as"
    }

    init(_ type: VisitType, courses: [UUID: String]) {
        let rules = type.rules(courses: courses)
        id = type.id!
        name = rules.name
        minimumMinutes = rules.minimumMinutes
        staffRequired = rules.staffRequired
        requiredCourse = rules.requiredCourse
        familyAgreementRequired = rules.familyAgreementRequired
        places = rules.places
        countsAs = rules.countsAs
    }
}

struct VisitDTO: Content {
    struct ChildNotes: Content {
        let childID: UUID
        let hopesAndDreams: String?
        let interestsAndStrengths: String?
        enum CodingKeys: String, CodingKey { case childID = "child_id", hopesAndDreams = "hopes_and_dreams", interestsAndStrengths = "interests_and_strengths" }
    }

    let id: UUID
    let familyID: UUID
    let typeID: UUID
    let status: VisitStatus
    let date: String
    let startsAt: String
    let plannedMinutes: Int
    let place: VisitPlace
    let placeNote: String?
    let staff: [UUID]
    /// Of `staff`, those who took part (all of them until the visit is recorded otherwise).
    let staffPresent: [UUID]
    let familyAgreed: Bool
    let agreementWay: ContactMedium?
    let seriesID: UUID?
    let rescheduledFrom: UUID?
    let statusNote: String?
    let actualMinutes: Int?
    let familyParticipants: String?
    let children: [ChildNotes]
    let concerns: String?
    let familyRequests: String?
    let nextSteps: String?
    /// After a move: the new visit. After a record that started a referral: that referral.
    var rescheduledTo: UUID?
    var referralID: UUID?
    /// After a cancellation with `later_in_series`: how many later visits were cancelled with it.
    var laterCancelled: Int?
    let version: Int

    enum CodingKeys: String, CodingKey {
        case version
        case id, familyID = "family_id", typeID = "type_id", status, date, startsAt = "starts_at", plannedMinutes = "planned_minutes"
        case place, placeNote = "place_note", staff, staffPresent = "staff_present", familyAgreed = "family_agreed", agreementWay = "agreement_way", seriesID = "series_id"
        case rescheduledFrom = "rescheduled_from", statusNote = "status_note", actualMinutes = "actual_minutes"
        case familyParticipants = "family_participants", children, concerns, familyRequests = "family_requests", nextSteps = "next_steps"
        case rescheduledTo = "rescheduled_to", referralID = "referral_id", laterCancelled = "later_cancelled"
    }

    init(_ visit: Visit, staff: [VisitStaff], children: [VisitChild]) {
        id = visit.id!
        version = visit.version
        familyID = visit.$family.id
        typeID = visit.$type.id
        status = visit.status
        date = visit.scheduledOn
        startsAt = visit.startsAt
        plannedMinutes = visit.plannedMinutes
        place = visit.place
        placeNote = visit.placeNote
        self.staff = staff.map(\.$staff.id)
        staffPresent = staff.filter(\.attended).map(\.$staff.id)
        familyAgreed = visit.familyAgreed
        agreementWay = visit.agreementWay
        seriesID = visit.seriesID
        rescheduledFrom = visit.$rescheduledFrom.id
        statusNote = visit.statusNote
        actualMinutes = visit.actualMinutes
        familyParticipants = visit.familyParticipants
        self.children = children.map { ChildNotes(childID: $0.$child.id, hopesAndDreams: $0.hopesAndDreams, interestsAndStrengths: $0.interestsAndStrengths) }
        concerns = visit.concerns
        familyRequests = visit.familyRequests
        nextSteps = visit.nextSteps
    }
}

struct ContactDTO: Content {
    let id: UUID
    let familyID: UUID
    let staffID: UUID?
    let date: String
    let startsAt: String?
    let medium: ContactMedium
    let startedBy: ContactStarter
    let language: String
    let interpreter: Bool
    let minutes: Int
    let summary: String

    enum CodingKeys: String, CodingKey {
        case id, familyID = "family_id", staffID = "staff_id", date, startsAt = "starts_at", medium, startedBy = "started_by"
        case language, interpreter, minutes, summary
    }

    init(_ c: Contact) {
        id = c.id!
        familyID = c.$family.id
        staffID = c.$staff.id
        date = c.contactedOn
        startsAt = c.startsAt
        medium = c.medium
        startedBy = c.startedBy
        language = c.language
        interpreter = c.interpreter
        minutes = c.minutes
        summary = c.summary
    }
}

struct TrainingDTO: Content {
    let id: UUID
    let staffID: UUID
    let course: String
    let completedOn: String
    let expiresOn: String?
    let isCurrent: Bool

    enum CodingKeys: String, CodingKey {
        case id, staffID = "staff_id", course, completedOn = "completed_on", expiresOn = "expires_on", isCurrent = "is_current"
    }

    init(_ t: StaffTraining, course: String, today: CalendarDate) {
        id = t.id!
        staffID = t.$staff.id
        self.course = course
        completedOn = t.completedOn
        expiresOn = t.expiresOn
        isCurrent = t.terms?.isCurrent(on: today) ?? false
    }
}

struct DrawDTO: Content {
    let id: UUID
    let roster: String
    let places: Int
    let seed: String
    let chosen: [UUID]
    let waiting: [UUID]
    let visitedBefore: [UUID]
    let declined: Int
    let drawnBy: String
    let drawnAt: Date?
    let repeats: Bool

    enum CodingKeys: String, CodingKey {
        case id, roster, places, seed, chosen, waiting, visitedBefore = "visited_before", declined, drawnBy = "drawn_by", drawnAt = "drawn_at", repeats
    }

    init(_ d: VisitDraw) {
        id = d.id!
        roster = d.roster
        places = d.places
        seed = d.seed
        chosen = d.chosen
        waiting = d.waiting
        visitedBefore = d.visitedBefore.sorted { $0.uuidString < $1.uuidString }
        declined = d.declined
        drawnBy = d.drawnByName
        drawnAt = d.createdAt
        repeats = d.repeats
    }
}

struct VisitHoursDTO: Content {
    struct Row: Content {
        let staffID: UUID
        let name: String
        let visitMinutes: Int
        let contactMinutes: Int
        let minutesOutsideContractHours: Int
        enum CodingKeys: String, CodingKey {
            case staffID = "staff_id", name, visitMinutes = "visit_minutes", contactMinutes = "contact_minutes"
            case minutesOutsideContractHours = "minutes_outside_contract_hours"
        }
    }

    let from: String
    let to: String
    let staff: [Row]

    init(_ report: TimeReport) {
        from = report.from.description
        to = report.through.description
        staff = report.rows.map { Row(staffID: $0.staffID, name: $0.name, visitMinutes: $0.visitMinutes, contactMinutes: $0.contactMinutes,
                                      minutesOutsideContractHours: $0.outsideMinutes) }
    }
}

extension Visit: APIRepresentable {
    func apiRepresentation(today: CalendarDate) -> any Encodable & Sendable { VisitDTO(self, staff: [], children: []) }
}
