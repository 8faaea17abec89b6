import Fluent
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
