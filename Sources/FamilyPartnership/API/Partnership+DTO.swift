import Foundation
import PartnershipRules
import Vapor

/// The JSON shapes of instruments, assessments, agreements and goals.
struct InstrumentDTO: Content {
    let id: UUID
    let key: String
    let version: Int
    let name: String
    let definition: Instrument

    init(_ v: InstrumentVersion) throws {
        id = try v.requireID()
        key = v.key
        version = v.version
        name = v.name
        definition = try v.instrument
    }
}

struct NeedDTO: Content {
    let id: UUID
    let category: String
    let urgency: Urgency
    let intensity: Intensity
    let description: String
    let itemKey: String?
    let identifiedOn: String
    let metOn: String?

    enum CodingKeys: String, CodingKey {
        case id, category, urgency, intensity, description, itemKey = "item_key", identifiedOn = "identified_on", metOn = "met_on"
    }

    init(_ n: FamilyNeed) {
        id = n.id!
        category = n.category
        urgency = n.urgency
        intensity = n.intensity
        description = n.description
        itemKey = n.itemKey
        identifiedOn = n.identifiedOn
        metOn = n.metOn
    }
}

struct AssessmentDTO: Content {
    let id: UUID
    let familyID: UUID
    let instrumentVersionID: UUID
    let instrumentName: String
    let period: String
    let takenOn: String
    let mode: MeetingMode
    let participants: String
    let answers: Answers
    let outcomesChosen: [Outcome]
    let outcomeLevels: [String: Double]
    let familyStrengths: String?
    let staffObservations: String?
    let strengthTags: [String]
    let needs: [NeedDTO]

    enum CodingKeys: String, CodingKey {
        case id, familyID = "family_id", instrumentVersionID = "instrument_version_id", instrumentName = "instrument_name"
        case period, takenOn = "taken_on", mode, participants, answers, outcomesChosen = "outcomes_chosen"
        case outcomeLevels = "outcome_levels", familyStrengths = "family_strengths", staffObservations = "staff_observations"
        case strengthTags = "strength_tags", needs
    }

    /// `assessment` with its instrument version loaded.
    init(_ a: Assessment, needs: [FamilyNeed]) {
        id = a.id!
        familyID = a.$family.id
        instrumentVersionID = a.$instrumentVersion.id
        instrumentName = a.instrumentVersion.name
        period = a.period
        takenOn = a.takenOn
        mode = a.mode
        participants = a.participants
        answers = a.answers
        outcomesChosen = a.outcomesChosen
        let standings = (try? a.instrumentVersion.instrument.outcomeStandings(a.answers)) ?? [:]
        outcomeLevels = Dictionary(uniqueKeysWithValues: standings.map { ($0.key.rawValue, (OutcomeLevel.score($0.value) * 100).rounded() / 100) })
        familyStrengths = a.familyStrengths
        staffObservations = a.staffObservations
        strengthTags = a.strengthTags
        self.needs = needs.map(NeedDTO.init)
    }
}

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
        case id, agreementID = "agreement_id", kind, childID = "child_id", outcomes, goal, familyWords = "family_words"
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
