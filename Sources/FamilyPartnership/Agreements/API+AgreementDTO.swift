import Fluent
import Foundation
import PartnershipRules
import Vapor

struct ReviewDTO: Content {
    let id: UUID
    let reviewedOn, reviewers, changes, nextReviewOn, recordedByName: String
    enum CodingKeys: String, CodingKey {
        case id, reviewedOn = "reviewed_on", reviewers, changes, nextReviewOn = "next_review_on", recordedByName = "recorded_by_name"
    }
    init(_ r: AgreementReview) {
        id = r.id!
        reviewedOn = r.reviewedOn
        reviewers = r.reviewers
        changes = r.changes
        nextReviewOn = r.nextReviewOn
        recordedByName = r.recordedByName
    }
}

struct AcknowledgementDTO: Content {
    let id: UUID
    let acknowledgedBy, acknowledgedOn: String
    let method: AcknowledgementMethod
    let recordedByName: String
    enum CodingKeys: String, CodingKey {
        case id, acknowledgedBy = "acknowledged_by", acknowledgedOn = "acknowledged_on", method, recordedByName = "recorded_by_name"
    }
    init(_ a: Acknowledgement) {
        id = a.id!
        acknowledgedBy = a.acknowledgedBy
        acknowledgedOn = a.acknowledgedOn
        method = a.method
        recordedByName = a.recordedByName
    }
}

struct AgreementDTO: Content {
    let id: UUID
    let familyID: UUID
    let programYear: String
    let startedOn: String
    let nextReviewOn: String
    let reviews: [ReviewDTO]
    let acknowledgements: [AcknowledgementDTO]
    let version: Int
    enum CodingKeys: String, CodingKey {
        case version
        case id, familyID = "family_id", programYear = "program_year", startedOn = "started_on"
        case nextReviewOn = "next_review_on", reviews, acknowledgements
    }
    init(_ a: Agreement, reviews: [AgreementReview], acknowledgements: [Acknowledgement]) {
        id = a.id!
        familyID = a.$family.id
        programYear = a.programYear
        startedOn = a.startedOn
        nextReviewOn = a.nextReviewOn
        self.reviews = reviews.map(ReviewDTO.init)
        self.acknowledgements = acknowledgements.map(AcknowledgementDTO.init)
        version = a.version
    }
}

struct StepDTO: Content {
    let id: UUID
    let what: String
    let memberID, staffID: UUID?
    let dueOn, doneOn: String?
    let version: Int
    enum CodingKeys: String, CodingKey { case id, what, memberID = "member_id", staffID = "staff_id", dueOn = "due_on", doneOn = "done_on", version }
    init(_ s: ActionStep) {
        id = s.id!
        what = s.what
        memberID = s.$member.id
        staffID = s.$staff.id
        dueOn = s.dueOn
        doneOn = s.doneOn
        version = s.version
    }
}

struct NoteDTO: Content {
    let id: UUID
    let notedOn, authorName, text: String
    let isSuccess: Bool
    enum CodingKeys: String, CodingKey { case id, notedOn = "noted_on", authorName = "author_name", text, isSuccess = "is_success" }
    init(_ n: ProgressNote) {
        id = n.id!
        notedOn = n.notedOn
        authorName = n.authorName
        text = n.text
        isSuccess = n.isSuccess
    }
}

struct GoalDTO: Content {
    let id: UUID
    let agreementID: UUID
    let kind: GoalKind
    let childID: UUID?
    let needID: UUID?
    let outcomes: [Outcome]
    let goal: String
    let familyWords, targetOn, familySkills, teamSkills, strengths, stressors, strategies: String?
    let teamSupports, partnerSupports, familySupports, progress: String?
    let state: GoalState
    let replacedByID: UUID?
    let discontinuedReason: String?
    let transitionKind: TransitionKind?
    let version: Int
    let actionSteps: [StepDTO]
    let progressNotes: [NoteDTO]

    enum CodingKeys: String, CodingKey {
        case id, agreementID = "agreement_id", kind, childID = "child_id", needID = "need_id", outcomes, goal, familyWords = "family_words"
        case targetOn = "target_on", familySkills = "family_skills", teamSkills = "team_skills", strengths, stressors, strategies
        case teamSupports = "team_supports", partnerSupports = "partner_supports", familySupports = "family_supports", progress
        case state, replacedByID = "replaced_by_id", discontinuedReason = "discontinued_reason", transitionKind = "transition_kind"
        case version, actionSteps = "action_steps", progressNotes = "progress_notes"
    }

    init(_ g: Goal, steps: [ActionStep], notes: [ProgressNote]) {
        id = g.id!
        agreementID = g.$agreement.id
        kind = g.kind
        childID = g.$child.id
        needID = g.$need.id
        outcomes = g.outcomes
        goal = g.goal
        familyWords = g.familyWords
        targetOn = g.targetOn
        familySkills = g.familySkills
        teamSkills = g.teamSkills
        strengths = g.strengths
        stressors = g.stressors
        strategies = g.strategies
        teamSupports = g.teamSupports
        partnerSupports = g.partnerSupports
        familySupports = g.familySupports
        progress = g.progress
        state = g.state
        replacedByID = g.$replacedBy.id
        discontinuedReason = g.discontinuedReason
        transitionKind = g.transitionKind
        version = g.version
        actionSteps = steps.map(StepDTO.init)
        progressNotes = notes.map(NoteDTO.init)
    }
}

extension Goal: APIRepresentable {
    /// Without its steps and notes: a 409 says what the goal itself is now.
    func apiRepresentation(today: CalendarDate) -> any Encodable & Sendable { GoalDTO(self, steps: [], notes: []) }
}

extension ActionStep: APIRepresentable {
    func apiRepresentation(today: CalendarDate) -> any Encodable & Sendable { StepDTO(self) }
}
