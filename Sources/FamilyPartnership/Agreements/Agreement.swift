import Fluent
import Foundation
import PartnershipRules

/// A family's partnership agreement for one program year (1302.52(c)).
final class Agreement: Model, Versioned, @unchecked Sendable {
    static let schema = "agreements"

    @ID(key: .id) var id: UUID?
    @Parent(key: "family_id") var family: Family
    /// The start year of the program year, "2026".
    @Field(key: "program_year") var programYear: String
    @Field(key: "started_on") var startedOn: String
    @Field(key: "next_review_on") var nextReviewOn: String
    @OptionalParent(key: "created_by_id") var createdBy: Staff?
    /// Goes up with every change; a change based on an older version is refused.
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {
        version = 1
    }

    var year: ProgramYear? { ProgramYear(programYear) }
}

/// The family's acknowledgement of its agreement: who, when and how.
final class Acknowledgement: Model, @unchecked Sendable {
    static let schema = "agreement_acknowledgements"

    @ID(key: .id) var id: UUID?
    @Parent(key: "agreement_id") var agreement: Agreement
    @Field(key: "family_id") var familyID: UUID
    @Field(key: "acknowledged_by") var acknowledgedBy: String
    @Field(key: "acknowledged_on") var acknowledgedOn: String
    @Field(key: "method") var method: AcknowledgementMethod
    @Field(key: "recorded_by_name") var recordedByName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A review of the agreement with the family: who took part, what changed, when the next one is.
final class AgreementReview: Model, @unchecked Sendable {
    static let schema = "agreement_reviews"

    @ID(key: .id) var id: UUID?
    @Parent(key: "agreement_id") var agreement: Agreement
    @Field(key: "family_id") var familyID: UUID
    @Field(key: "reviewed_on") var reviewedOn: String
    @Field(key: "reviewers") var reviewers: String
    @Field(key: "changes") var changes: String
    @Field(key: "next_review_on") var nextReviewOn: String
    @Field(key: "recorded_by_name") var recordedByName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A goal of the agreement, written through the seven goal-setting steps.
final class Goal: Model, Versioned, @unchecked Sendable {
    static let schema = "goals"

    @ID(key: .id) var id: UUID?
    @Parent(key: "agreement_id") var agreement: Agreement
    @Field(key: "family_id") var familyID: UUID
    @Field(key: "kind") var kind: GoalKind
    @OptionalParent(key: "child_id") var child: FamilyMember?
    /// The need the goal addresses, when it grew from one.
    @OptionalParent(key: "need_id") var need: FamilyNeed?
    /// Comma-separated `Outcome` raw values the goal serves.
    @Field(key: "outcomes") var outcomesList: String
    // Step 1: the goal, and the family's own words for it.
    @Field(key: "goal") var goal: String
    @OptionalField(key: "family_words") var familyWords: String?
    @OptionalField(key: "target_on") var targetOn: String?
    // Step 2: skills.
    @OptionalField(key: "family_skills") var familySkills: String?
    @OptionalField(key: "team_skills") var teamSkills: String?
    // Steps 3–5.
    @OptionalField(key: "strengths") var strengths: String?
    @OptionalField(key: "stressors") var stressors: String?
    @OptionalField(key: "strategies") var strategies: String?
    // Step 6: supports.
    @OptionalField(key: "team_supports") var teamSupports: String?
    @OptionalField(key: "partner_supports") var partnerSupports: String?
    @OptionalField(key: "family_supports") var familySupports: String?
    // Step 7: how progress will be tracked and celebrated.
    @OptionalField(key: "progress") var progress: String?
    @Field(key: "state") var state: GoalState
    @OptionalParent(key: "replaced_by_id") var replacedBy: Goal?
    @OptionalField(key: "discontinued_reason") var discontinuedReason: String?
    @OptionalField(key: "transition_kind") var transitionKind: TransitionKind?
    @Field(key: "version") var version: Int
    /// When the goal was set, by the program's clock (the home page's quiet-goal check counts from it).
    @OptionalField(key: "created_at") var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {
        version = 1
    }

    var outcomes: [Outcome] { Outcome.list(outcomesList) }
}

/// An earlier version of a goal, kept whenever the goal is edited, with the fields the edit changed.
final class GoalVersion: Model, @unchecked Sendable {
    static let schema = "goal_versions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "goal_id") var goal: Goal
    @Field(key: "family_id") var familyID: UUID
    @Field(key: "version") var version: Int
    /// The goal's fields as they were, as JSON (a `GoalInput`).
    @Field(key: "snapshot") var snapshot: String
    /// Comma-separated names of the fields the edit after this version changed.
    @Field(key: "changed_fields") var changedFields: String
    @Field(key: "changed_by_name") var changedByName: String
    @Field(key: "changed_at") var changedAt: Date

    init() {}
}

/// A concrete step towards a goal: what, who (a family member or a staff member), by when, and whether it is done.
final class ActionStep: Model, Versioned, @unchecked Sendable {
    static let schema = "action_steps"

    @ID(key: .id) var id: UUID?
    @Parent(key: "goal_id") var goal: Goal
    @Field(key: "family_id") var familyID: UUID
    @Field(key: "what") var what: String
    @OptionalParent(key: "member_id") var member: FamilyMember?
    @OptionalParent(key: "staff_id") var staff: Staff?
    @OptionalField(key: "due_on") var dueOn: String?
    @OptionalField(key: "done_on") var doneOn: String?
    /// Goes up with every change; a change based on an older version is refused.
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {
        version = 1
    }
}

/// A dated note of progress on a goal; a success is marked so the team and family can celebrate it.
final class ProgressNote: Model, @unchecked Sendable {
    static let schema = "progress_notes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "goal_id") var goal: Goal
    @Field(key: "family_id") var familyID: UUID
    @Field(key: "noted_on") var notedOn: String
    @OptionalParent(key: "author_id") var author: Staff?
    @Field(key: "author_name") var authorName: String
    @Field(key: "text") var text: String
    @Field(key: "is_success") var isSuccess: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
