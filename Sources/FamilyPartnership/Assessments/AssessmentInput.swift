import Fluent
import Foundation
import PartnershipRules
import Vapor

/// An assessment as entered on the form or sent to the API.
struct AssessmentInput: Content, Sendable {
    var instrumentVersionID: String?
    var period: String?
    var takenOn: String?
    var mode: String?
    var participants: String?
    var answers: [String: String]?
    var outcomesChosen: [String]?
    var familyStrengths: String?
    var staffObservations: String?
    var strengthTags: String?
    var needs: [NeedInput]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case instrumentVersionID = "instrument_version_id", period, takenOn = "taken_on", mode, participants, answers
        case outcomesChosen = "outcomes_chosen", familyStrengths = "family_strengths"
        case staffObservations = "staff_observations", strengthTags = "strength_tags", needs
        // The form sends needs as parallel lists, one entry per row.
        case needCategory = "need_category", needUrgency = "need_urgency", needIntensity = "need_intensity"
        case needDescription = "need_description"
    }

    init() {}

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        instrumentVersionID = try c.decodeIfPresent(String.self, forKey: .instrumentVersionID)
        period = try c.decodeIfPresent(String.self, forKey: .period)
        takenOn = try c.decodeIfPresent(String.self, forKey: .takenOn)
        mode = try c.decodeIfPresent(String.self, forKey: .mode)
        participants = try c.decodeIfPresent(String.self, forKey: .participants)
        // JSON sends numbers, the form sends text; both arrive here as text and are checked against the scale.
        if let numbers = try? c.decodeIfPresent([String: Int].self, forKey: .answers) {
            answers = numbers.mapValues(String.init)
        } else {
            answers = try c.decodeIfPresent([String: String].self, forKey: .answers)
        }
        outcomesChosen = try c.decodeIfPresent([String].self, forKey: .outcomesChosen)
        familyStrengths = try c.decodeIfPresent(String.self, forKey: .familyStrengths)
        staffObservations = try c.decodeIfPresent(String.self, forKey: .staffObservations)
        strengthTags = try c.decodeIfPresent(String.self, forKey: .strengthTags)
        if let needs = try c.decodeIfPresent([NeedInput].self, forKey: .needs) {
            self.needs = needs
        } else {
            let categories = try c.decodeIfPresent([String].self, forKey: .needCategory) ?? []
            let urgencies = try c.decodeIfPresent([String].self, forKey: .needUrgency) ?? []
            let intensities = try c.decodeIfPresent([String].self, forKey: .needIntensity) ?? []
            let descriptions = try c.decodeIfPresent([String].self, forKey: .needDescription) ?? []
            needs = categories.indices.map { i in
                NeedInput(category: categories[i], urgency: urgencies[safe: i], intensity: intensities[safe: i],
                          description: descriptions[safe: i])
            }.filter { !$0.isBlank }
        }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(instrumentVersionID, forKey: .instrumentVersionID)
        try c.encodeIfPresent(period, forKey: .period)
        try c.encodeIfPresent(takenOn, forKey: .takenOn)
        try c.encodeIfPresent(mode, forKey: .mode)
        try c.encodeIfPresent(participants, forKey: .participants)
        try c.encodeIfPresent(answers, forKey: .answers)
        try c.encodeIfPresent(outcomesChosen, forKey: .outcomesChosen)
        try c.encodeIfPresent(familyStrengths, forKey: .familyStrengths)
        try c.encodeIfPresent(staffObservations, forKey: .staffObservations)
        try c.encodeIfPresent(strengthTags, forKey: .strengthTags)
        try c.encodeIfPresent(needs, forKey: .needs)
    }

    /// Everything checked and cleaned, ready to save.
    struct Valid {
        let version: InstrumentVersion
        let period: String
        let takenOn: CalendarDate
        let mode: MeetingMode
        let participants: String
        let answers: Answers
        let outcomesChosen: [Outcome]
        let familyStrengths: String?
        let staffObservations: String?
        let strengthTags: [String]
        let needs: [NeedInput.Valid]
    }

    func validated(program: Program, today: CalendarDate, on db: any Database) async throws -> Valid {
        var errors = FieldErrors()
        var version: InstrumentVersion?
        if let id = FieldRules.trimmed(instrumentVersionID).flatMap(UUID.init(uuidString:)) {
            version = try await InstrumentVersion.query(on: db).filter(\.$id == id)
                .filter(\.$program.$id == program.requireID()).first()
        }
        if version == nil { errors["instrument_version_id"] = "Choose one of your program's instruments." }
        let period = FieldRules.trimmed(self.period)
        if period == nil || !program.assessmentPeriods.contains(period!) {
            errors["period"] = "Period must be one of: \(program.assessmentPeriods.joined(separator: ", "))."
        }
        let takenOn = errors.take("taken_on", FieldRules.date(takenOn, label: "Date", required: true)) ?? nil
        if let takenOn, takenOn > today { errors["taken_on"] = "The assessment date cannot be in the future." }
        let mode = errors.take("mode", FieldRules.choice(mode, MeetingMode.self, label: "How you met", required: true))
        let participants = errors.take("participants", FieldRules.text(participants, label: "Who took part", required: true, max: 300))
        var answers: Answers = [:]
        if let instrument = try? version?.instrument {
            for (key, raw) in self.answers ?? [:] {
                guard let text = FieldRules.trimmed(raw) else { continue }
                guard let value = Int(text) else { errors["answers[\(key)]"] = "Choose one of the levels."; continue }
                answers[key] = value
            }
            for (key, problem) in instrument.answerProblems(answers) { errors["answers[\(key)]"] = problem }
            if answers.isEmpty { errors["answers"] = "Answer at least one item." }
        }
        var outcomes: [Outcome] = []
        for raw in outcomesChosen ?? [] where FieldRules.trimmed(raw) != nil {
            if let outcome = Outcome(rawValue: raw) { outcomes.append(outcome) } else {
                errors["outcomes_chosen"] = "\"\(raw)\" is not a family engagement outcome."
            }
        }
        let familyStrengths = errors.take("family_strengths", FieldRules.text(familyStrengths, label: "The family's strengths", required: false, max: 4000))
        let observations = errors.take("staff_observations", FieldRules.text(staffObservations, label: "Staff observations", required: false, max: 4000))
        let tags = (strengthTags ?? "").split(separator: ",").compactMap { FieldRules.trimmed(String($0)) }
        if tags.count > 20 || tags.contains(where: { $0.count > 40 }) {
            errors["strength_tags"] = "Use at most 20 tags of up to 40 characters each, separated by commas."
        }
        var needs: [NeedInput.Valid] = []
        let catalog = try await ServiceCatalog.load(program: program.requireID(), on: db)
        for (index, need) in (self.needs ?? []).enumerated() {
            if let valid = need.validated(errors: &errors, field: "needs", row: index + 1, catalog: catalog) { needs.append(valid) }
        }
        if needs.count > 30 { errors["needs"] = "Record at most 30 needs at once." }
        try errors.throwIfAny()
        return Valid(version: version!, period: period!, takenOn: takenOn!, mode: mode!!, participants: participants!!,
                     answers: answers, outcomesChosen: outcomes, familyStrengths: familyStrengths ?? nil,
                     staffObservations: observations ?? nil, strengthTags: tags, needs: needs)
    }
}

/// One need: its service category, urgency, intensity and a few words about it.
struct NeedInput: Content, Sendable {
    var category: String?
    var urgency: String?
    var intensity: String?
    var description: String?

    var isBlank: Bool {
        [category, urgency, intensity, description].allSatisfy { FieldRules.trimmed($0) == nil }
    }

    struct Valid {
        let category: String
        let urgency: Urgency
        let intensity: Intensity
        let description: String
    }

    /// The checked need, or nil with the problem recorded under `field` (row numbers are for the form's list).
    func validated(errors: inout FieldErrors, field: String, row: Int? = nil, catalog: ServiceCatalog) -> Valid? {
        let prefix = row.map { "Need \($0): " } ?? ""
        var local = FieldErrors()
        let category = local.take("category", catalog.choice(category))
        let urgency = local.take("urgency", FieldRules.choice(urgency, Urgency.self, label: "Urgency", required: true))
        let intensity = local.take("intensity", FieldRules.choice(intensity, Intensity.self, label: "Intensity", required: true))
        let description = local.take("description", FieldRules.text(description, label: "Description", required: false, max: 500))
        if let message = ["category", "urgency", "intensity", "description"].compactMap({ local[$0] }).first {
            errors[field] = prefix + message
            return nil
        }
        return Valid(category: category!!, urgency: urgency!!, intensity: intensity!!,
                     description: description.flatMap { $0 } ?? catalog.label(category!!))
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

extension AssessmentInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
