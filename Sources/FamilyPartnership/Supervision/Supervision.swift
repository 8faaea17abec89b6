import Fluent
import Foundation
import PartnershipRules

/// A reflective supervision session with one staff member: what they reflected on together and what comes next.
/// Seen by the staff member and their supervisor only.
final class SupervisionNote: Model, Versioned, @unchecked Sendable {
    static let schema = "supervision_notes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "program_id") var program: Program
    @Parent(key: "staff_id") var staff: Staff
    @Parent(key: "supervisor_id") var supervisor: Staff
    @Field(key: "held_on") var heldOn: String
    @Field(key: "reflections") var reflections: String
    @OptionalField(key: "next_steps") var nextSteps: String?
    /// Goes up with every change; a change based on an older version is refused.
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {
        version = 1
    }
}

/// A supervisor's review of a family's partnership agreement: when, and what they said.
final class SupervisorReview: Model, @unchecked Sendable {
    static let schema = "agreement_supervisor_reviews"

    @ID(key: .id) var id: UUID?
    @Parent(key: "agreement_id") var agreement: Agreement
    @Field(key: "family_id") var familyID: UUID
    @Field(key: "reviewed_on") var reviewedOn: String
    @Field(key: "comment") var comment: String
    @Parent(key: "reviewer_id") var reviewer: Staff
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// What kind of meeting about a family.
enum MeetingKind: String, CaseIterable, Codable, Sendable {
    /// The family's team meeting (the Alvarez scenario's monthly meeting with the family).
    case teamMeeting = "team_meeting"
    /// Staff (and partners) conferring about the family's case.
    case caseConference = "case_conference"

    var label: String {
        switch self {
        case .teamMeeting: "Team meeting"
        case .caseConference: "Case conference"
        }
    }
}

/// A team meeting or case conference about one family: who took part, what was decided, what happens next.
final class FamilyMeeting: Model, Versioned, @unchecked Sendable {
    static let schema = "family_meetings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "family_id") var family: Family
    @Field(key: "kind") var kind: MeetingKind
    @Field(key: "held_on") var heldOn: String
    @Field(key: "participants") var participants: String
    @Field(key: "decisions") var decisions: String
    @OptionalField(key: "next_steps") var nextSteps: String?
    @Parent(key: "recorded_by_id") var recordedBy: Staff
    /// Goes up with every change; a change based on an older version is refused.
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {
        version = 1
    }
}
