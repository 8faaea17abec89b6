import Fluent
import Foundation
import PartnershipRules
import Vapor

/// A goal as written on the form or sent to the API: the seven steps, whose goal it is, and the outcomes it serves.
struct GoalInput: Content, Sendable {
    var kind: String?
    var childID: String?
    var outcomes: [String]?
    var goal: String?
    var familyWords: String?
    var targetOn: String?
    var familySkills: String?
    var teamSkills: String?
    var strengths: String?
    var stressors: String?
    var strategies: String?
    var teamSupports: String?
    var partnerSupports: String?
    var familySupports: String?
    var progress: String?
    var transitionKind: String?
    /// The family's need the goal addresses (one of its needs).
    var needID: String?
    /// The goal this one replaces, when revising.
    var revises: String?
    /// The version of the goal the edit is based on.
    var version: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, childID = "child_id", outcomes, goal, familyWords = "family_words", targetOn = "target_on"
        case familySkills = "family_skills", teamSkills = "team_skills", strengths, stressors, strategies
        case teamSupports = "team_supports", partnerSupports = "partner_supports", familySupports = "family_supports"
        case progress, transitionKind = "transition_kind", needID = "need_id", revises, version
    }

    init() {}

    init(_ goal: Goal) {
        kind = goal.kind.rawValue
        childID = goal.$child.id?.uuidString.lowercased()
        outcomes = goal.outcomes.map(\.rawValue)
        self.goal = goal.goal
        familyWords = goal.familyWords
        targetOn = goal.targetOn
        familySkills = goal.familySkills
        teamSkills = goal.teamSkills
        strengths = goal.strengths
        stressors = goal.stressors
        strategies = goal.strategies
        teamSupports = goal.teamSupports
        partnerSupports = goal.partnerSupports
        familySupports = goal.familySupports
        progress = goal.progress
        transitionKind = goal.transitionKind?.rawValue
        needID = goal.$need.id?.uuidString.lowercased()
        version = goal.version
    }

    /// Checks every field and copies the values onto `goal`; throws `FieldErrors`.
    func apply(to goal: Goal, family: Family, on db: any Database) async throws {
        var errors = FieldErrors()
        let kind = errors.take("kind", FieldRules.choice(kind, GoalKind.self, label: "Whose goal", required: true)) ?? nil
        var childID: UUID?
        if kind == .child {
            let id = FieldRules.trimmed(self.childID).flatMap(UUID.init(uuidString:))
            let child = try await id.asyncMap { id in
                try await FamilyMember.query(on: db).filter(\.$id == id).filter(\.$family.$id == family.requireID())
                    .filter(\.$kind == .child).first()
            } ?? nil
            if child == nil { errors["child_id"] = "Choose which child the goal is for." }
            childID = child?.id
        }
        var needID: UUID?
        if let raw = FieldRules.trimmed(self.needID) {
            needID = try await UUID(uuidString: raw).asyncMap { id in
                try await FamilyNeed.query(on: db).filter(\.$id == id).filter(\.$family.$id == family.requireID()).first()?.id
            } ?? nil
            if needID == nil { errors["need_id"] = "That need is not one of this family's." }
        }
        var outcomes: [Outcome] = []
        for raw in self.outcomes ?? [] where FieldRules.trimmed(raw) != nil {
            if let outcome = Outcome(rawValue: raw) { outcomes.append(outcome) } else {
                errors["outcomes"] = "\"\(raw)\" is not a family engagement outcome."
            }
        }
        if outcomes.isEmpty, errors["outcomes"] == nil { errors["outcomes"] = "Choose at least one outcome the goal serves." }
        let text = errors.take("goal", FieldRules.text(self.goal, label: "The goal", required: true, max: 500))
        let target = errors.take("target_on", FieldRules.date(targetOn, label: "Target date", required: false))
        var steps: [String: String?] = [:]
        for (field, label, _) in Self.stepFields {
            steps[field] = errors.take(field, FieldRules.text(value(of: field), label: label, required: false, max: 4000)) ?? nil
        }
        let transition = errors.take("transition_kind", FieldRules.choice(transitionKind, TransitionKind.self, label: "Transition", required: false))
        try errors.throwIfAny()
        goal.kind = kind!
        goal.$child.id = childID
        goal.$need.id = needID
        goal.outcomesList = Outcome.stored(outcomes)
        goal.goal = text!!
        goal.targetOn = target??.description
        goal.familyWords = steps["family_words"] ?? nil
        goal.familySkills = steps["family_skills"] ?? nil
        goal.teamSkills = steps["team_skills"] ?? nil
        goal.strengths = steps["strengths"] ?? nil
        goal.stressors = steps["stressors"] ?? nil
        goal.strategies = steps["strategies"] ?? nil
        goal.teamSupports = steps["team_supports"] ?? nil
        goal.partnerSupports = steps["partner_supports"] ?? nil
        goal.familySupports = steps["family_supports"] ?? nil
        goal.progress = steps["progress"] ?? nil
        if let transition = transition ?? nil { goal.transitionKind = transition }
    }

    /// The free-text fields of the seven steps, with their labels and the step each belongs to.
    static let stepFields: [(field: String, label: String, step: Int)] = [
        ("family_words", "In the family's words", 1),
        ("family_skills", "The family's skills", 2), ("team_skills", "The team's skills", 2),
        ("strengths", "Strengths", 3), ("stressors", "Stressors", 4), ("strategies", "Strategies", 5),
        ("team_supports", "Support from the team", 6), ("partner_supports", "Support from community partners", 6),
        ("family_supports", "Support from the family's own network", 6), ("progress", "How progress will be tracked and celebrated", 7),
    ]

    func value(of field: String) -> String? {
        switch field {
        case "family_words": familyWords
        case "family_skills": familySkills
        case "team_skills": teamSkills
        case "strengths": strengths
        case "stressors": stressors
        case "strategies": strategies
        case "team_supports": teamSupports
        case "partner_supports": partnerSupports
        case "family_supports": familySupports
        case "progress": progress
        default: nil
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

extension GoalInput {
    /// The labels of the fields that differ between two versions of a goal (each made with `init(_ goal:)`).
    func changedFields(to other: GoalInput) -> [String] {
        var changed: [String] = []
        if kind != other.kind || childID != other.childID { changed.append("Whose goal") }
        if Set(outcomes ?? []) != Set(other.outcomes ?? []) { changed.append("Outcomes") }
        if goal != other.goal { changed.append("The goal") }
        if targetOn != other.targetOn { changed.append("Target date") }
        for (field, label, _) in Self.stepFields where value(of: field) != other.value(of: field) { changed.append(label) }
        return changed
    }
}
