import Fluent
import Foundation
import PartnershipRules
import Vapor

/// Starting the agreement: the date it was started (today unless it was started on paper earlier).
struct StartInput: Content, Sendable {
    var startedOn: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case startedOn = "started_on" }
}

/// An action step: what, who (a family member or a staff member, as "member:<id>" or "staff:<id>"), by when.
struct StepInput: Content, Sendable {
    var what: String?
    var who: String?
    var dueOn: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case what, who, dueOn = "due_on" }

    struct Valid {
        let what: String
        let memberID: UUID?
        let staffID: UUID?
        let dueOn: CalendarDate?
    }

    func validated(family: Family, programID: UUID, on db: any Database) async throws -> Valid {
        var errors = FieldErrors()
        let what = errors.take("what", FieldRules.text(what, label: "What will be done", required: true, max: 500))
        let due = errors.take("due_on", FieldRules.date(dueOn, label: "By when", required: false))
        var memberID: UUID?, staffID: UUID?
        if let who = FieldRules.trimmed(who) {
            let parts = who.split(separator: ":", maxSplits: 1).map(String.init)
            let id = parts.count == 2 ? UUID(uuidString: parts[1]) : nil
            switch (parts.first, id) {
            case ("member", let id?):
                memberID = try await FamilyMember.query(on: db).filter(\.$id == id).filter(\.$family.$id == family.requireID()).first()?.id
            case ("staff", let id?):
                staffID = try await Staff.query(on: db).filter(\.$id == id).filter(\.$program.$id == programID).first()?.id
            default: break
            }
            if memberID == nil && staffID == nil { errors["who"] = "Choose someone from the family or the program's staff." }
        } else {
            errors["who"] = "Say who will do it."
        }
        try errors.throwIfAny()
        return Valid(what: what!!, memberID: memberID, staffID: staffID, dueOn: due ?? nil)
    }
}

/// Marking an action step done (with the day) or not done.
struct StepDoneInput: Content, Sendable {
    var done: Bool?
    var doneOn: String?
    var version: Int?
    enum CodingKeys: String, CodingKey, CaseIterable { case done, doneOn = "done_on", version }

    init(done: Bool?, doneOn: String? = nil) {
        self.done = done
        self.doneOn = doneOn
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        done = try c.decodeFlag(.done)
        doneOn = try c.decodeIfPresent(String.self, forKey: .doneOn)
        version = try c.decodeVersion(.version)
    }
}

/// A progress note, possibly a success to celebrate.
struct NoteInput: Content, Sendable {
    var notedOn: String?
    var text: String?
    var isSuccess: Bool?
    enum CodingKeys: String, CodingKey, CaseIterable { case notedOn = "noted_on", text, isSuccess = "is_success" }

    init(text: String? = nil, notedOn: String? = nil, isSuccess: Bool? = nil) {
        self.text = text
        self.notedOn = notedOn
        self.isSuccess = isSuccess
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        notedOn = try c.decodeIfPresent(String.self, forKey: .notedOn)
        text = try c.decodeIfPresent(String.self, forKey: .text)
        isSuccess = try c.decodeFlag(.isSuccess)
    }
}

/// Moving a goal to another state: achieve, discontinue (with a reason) or resume. Revising is writing the
/// replacement goal, which is done on the goal form.
struct GoalStateInput: Content, Sendable {
    var change: String?
    var reason: String?
    /// On achieving: what the family achieved, kept as a success progress note.
    var note: String?
    /// The version of the goal the change is based on (optional: the change is checked against the current state).
    var version: Int?

    enum CodingKeys: String, CodingKey, CaseIterable { case change, reason, note, version }

    func validated(from state: GoalState) throws -> GoalChange {
        var errors = FieldErrors()
        let change: GoalChange? = switch FieldRules.trimmed(self.change) {
        case "achieve": .achieve
        case "discontinue": .discontinue(reason: FieldRules.trimmed(reason))
        case "resume": .resume
        case "revise": nil
        default: nil
        }
        guard let change else {
            errors["change"] = self.change == "revise"
                ? "Revise a goal by writing the goal that replaces it."
                : "Change must be one of: achieve, discontinue, resume."
            throw errors
        }
        if let problem = change.problem(from: state) { errors[problem.field] = problem.message }
        if let reason, reason.count > 500 { errors["reason"] = "The reason must be at most 500 characters." }
        try errors.throwIfAny()
        return change
    }
}

/// A review of the agreement with the family.
struct ReviewInput: Content, Sendable {
    var reviewedOn: String?
    var reviewers: String?
    var changes: String?
    var nextReviewOn: String?
    enum CodingKeys: String, CodingKey, CaseIterable {
        case reviewedOn = "reviewed_on", reviewers, changes, nextReviewOn = "next_review_on"
    }
}

/// The family's acknowledgement of the agreement.
struct AcknowledgementInput: Content, Sendable {
    var acknowledgedBy: String?
    var acknowledgedOn: String?
    var method: String?
    enum CodingKeys: String, CodingKey, CaseIterable {
        case acknowledgedBy = "acknowledged_by", acknowledgedOn = "acknowledged_on", method
    }
}

extension StartInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
extension StepInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
extension StepDoneInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
extension NoteInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
extension GoalStateInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
extension ReviewInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
extension AcknowledgementInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
extension GoalInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
