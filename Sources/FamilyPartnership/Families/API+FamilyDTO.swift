import Fluent
import Foundation
import PartnershipRules
import Vapor

/// What the JSON API sends: its own shapes, never the database models. Keys are snake_case; absent
/// optional values are left out.
struct FamilyDTO: Content {
    let id: UUID
    let householdName: String
    let addressLine, city, state, postalCode, phone, alternatePhone, email: String?
    let preferredLanguage: String
    let preferredChannel: ContactChannel?
    let preferredTimes: String?
    let enrollmentStatus: EnrollmentStatus
    let appliedOn, enrolledOn, exitedOn: String?
    let exitReason: ExitReason?
    let programOption: ProgramOption?
    let siteID, pointOfContactID: UUID?
    /// Set when the family declined home visits; the fair draw leaves it out.
    let declinedHomeVisitsOn: String?
    let declinedHomeVisitsHow: ContactMedium?
    let declinedHomeVisitsWords: String?
    let version: Int

    enum CodingKeys: String, CodingKey {
        case declinedHomeVisitsOn = "declined_home_visits_on", declinedHomeVisitsHow = "declined_home_visits_how"
        case declinedHomeVisitsWords = "declined_home_visits_words", version
        case id, householdName = "household_name", addressLine = "address_line", city, state
        case postalCode = "postal_code", phone, alternatePhone = "alternate_phone", email
        case preferredLanguage = "preferred_language", preferredChannel = "preferred_channel"
        case preferredTimes = "preferred_times", enrollmentStatus = "enrollment_status", appliedOn = "applied_on"
        case enrolledOn = "enrolled_on", exitedOn = "exited_on", exitReason = "exit_reason"
        case programOption = "program_option", siteID = "site_id", pointOfContactID = "point_of_contact_id"
    }

    init(_ f: Family) {
        id = f.id!
        householdName = f.householdName
        addressLine = f.addressLine
        city = f.city
        state = f.state
        postalCode = f.postalCode
        phone = f.phone
        alternatePhone = f.alternatePhone
        email = f.email
        preferredLanguage = f.preferredLanguage
        preferredChannel = f.preferredChannel
        preferredTimes = f.preferredTimes
        enrollmentStatus = f.enrollmentStatus
        appliedOn = f.appliedOn
        enrolledOn = f.enrolledOn
        exitedOn = f.exitedOn
        exitReason = f.exitReason
        programOption = f.programOption
        declinedHomeVisitsOn = f.declinedHomeVisitsOn
        declinedHomeVisitsHow = f.declinedHomeVisitsHow
        declinedHomeVisitsWords = f.declinedHomeVisitsWords
        siteID = f.$site.id
        pointOfContactID = f.$pointOfContact.id
        version = f.version
    }
}

struct MemberDTO: Content {
    let id: UUID
    let familyID: UUID
    let kind: MemberKind
    let name: String
    let relationship: Relationship?
    let primaryLanguage: String?
    let isFatherFigure: Bool
    let phone, email, dateOfBirth: String?
    let programType: ProgramType?
    let classroom: String?
    let homeVisitorID: UUID?
    let hasIFSPOrIEP: Bool
    let inFosterCare: Bool
    let version: Int

    enum CodingKeys: String, CodingKey {
        case version
        case id, familyID = "family_id", kind, name, relationship, primaryLanguage = "primary_language"
        case isFatherFigure = "is_father_figure", phone, email, dateOfBirth = "date_of_birth"
        case programType = "program_type", classroom, homeVisitorID = "home_visitor_id"
        case hasIFSPOrIEP = "has_ifsp_or_iep", inFosterCare = "in_foster_care"
    }

    init(_ m: FamilyMember) {
        id = m.id!
        familyID = m.$family.id
        kind = m.kind
        name = m.name
        relationship = m.relationship
        primaryLanguage = m.primaryLanguage
        isFatherFigure = m.isFatherFigure
        phone = m.phone
        email = m.email
        dateOfBirth = m.dateOfBirth
        programType = m.programType
        classroom = m.classroom
        homeVisitorID = m.$homeVisitor.id
        hasIFSPOrIEP = m.hasIFSPOrIEP
        inFosterCare = m.inFosterCare
        version = m.version
    }
}

struct TeamMemberDTO: Content {
    let staffID: UUID
    let name: String
    let role: TeamRole
    let isPointOfContact: Bool

    enum CodingKeys: String, CodingKey {
        case staffID = "staff_id", name, role, isPointOfContact = "is_point_of_contact"
    }
}

/// A child's next move, as the family page lists it.
struct TransitionDTO: Content {
    let memberID: UUID
    let name: String
    let kind: TransitionKind
    let movesOn: String
    let planBy: String
    /// Less than a year to go and no plan yet: staff should start one now.
    let promptDue: Bool
    let planned: Bool

    enum CodingKeys: String, CodingKey {
        case memberID = "member_id", name, kind, movesOn = "moves_on", planBy = "plan_by", promptDue = "prompt_due", planned
    }

    init(_ t: ChildTransition, today: CalendarDate) {
        memberID = t.child.id!
        name = t.child.name
        kind = t.dates.kind
        movesOn = t.dates.moves.description
        planBy = t.dates.planBy.description
        promptDue = t.isPromptDue(today: today)
        planned = t.planned
    }
}

/// One entry of a family's access history: who opened or changed what, when, and from where.
struct AccessEntryDTO: Content {
    let id: UUID
    let occurredAt: Date
    let staffID: UUID?
    let staffName: String
    let action: String
    let recordType: String
    let recordID: UUID?
    let detail: String
    let channel: String
    let clientAddress: String

    enum CodingKeys: String, CodingKey {
        case id, occurredAt = "occurred_at", staffID = "staff_id", staffName = "staff_name", action, recordType = "record_type"
        case recordID = "record_id", detail, channel, clientAddress = "client_address"
    }

    init(_ e: AuditEntry) {
        id = e.id!
        occurredAt = e.occurredAt
        staffID = e.staffID
        staffName = e.staffName
        action = e.action
        recordType = e.recordType
        recordID = e.recordID
        detail = e.detail
        channel = e.channel
        clientAddress = e.clientAddress
    }
}

extension Family: APIRepresentable {
    func apiRepresentation(today: CalendarDate) -> any Encodable & Sendable { FamilyDTO(self) }
}

extension FamilyMember: APIRepresentable {
    func apiRepresentation(today: CalendarDate) -> any Encodable & Sendable { MemberDTO(self) }
}

extension FamilyInput: APIInput {
    static let fields = Set(CodingKeys.allCases.map(\.stringValue))
}

extension MemberInput: APIInput {
    static let fields = Set(CodingKeys.allCases.map(\.stringValue))
}

extension EnrollmentInput: APIInput {
    static let fields = Set(CodingKeys.allCases.map(\.stringValue))
}

extension TeamInput: APIInput {
    static let fields = Set(CodingKeys.allCases.map(\.stringValue))
}
