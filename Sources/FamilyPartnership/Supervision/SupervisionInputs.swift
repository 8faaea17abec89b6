import Foundation
import PartnershipRules
import Vapor

/// A reflective supervision session: the day, what was reflected on, and next steps.
struct SupervisionInput: Content, Sendable {
    var heldOn: String?
    var reflections: String?
    var nextSteps: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case heldOn = "held_on", reflections, nextSteps = "next_steps" }

    func validated(today: CalendarDate) throws -> (heldOn: CalendarDate, reflections: String, nextSteps: String?) {
        var errors = FieldErrors()
        let day = errors.take("held_on", FieldRules.date(heldOn, label: "Date", required: true)) ?? nil
        if let day, day > today { errors["held_on"] = "Cannot be in the future." }
        let reflections = errors.take("reflections", FieldRules.text(reflections, label: "What you reflected on", required: true, max: 4000)) ?? nil
        let next = errors.take("next_steps", FieldRules.text(nextSteps, label: "Next steps", required: false, max: 2000))
        try errors.throwIfAny()
        return (day!, reflections!, next ?? nil)
    }
}

/// A supervisor's review of an agreement: the day, and the comment.
struct SupervisorReviewInput: Content, Sendable {
    var reviewedOn: String?
    var comment: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case reviewedOn = "reviewed_on", comment }

    func validated(today: CalendarDate) throws -> (reviewedOn: CalendarDate, comment: String) {
        var errors = FieldErrors()
        let day = errors.take("reviewed_on", FieldRules.date(reviewedOn, label: "Date of the review", required: true)) ?? nil
        if let day, day > today { errors["reviewed_on"] = "Cannot be in the future." }
        let comment = errors.take("comment", FieldRules.text(comment, label: "Comment", required: true, max: 2000)) ?? nil
        try errors.throwIfAny()
        return (day!, comment!)
    }
}

/// A team meeting or case conference about a family.
struct FamilyMeetingInput: Content, Sendable {
    var kind: String?
    var heldOn: String?
    var participants: String?
    var decisions: String?
    var nextSteps: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, heldOn = "held_on", participants, decisions, nextSteps = "next_steps"
    }

    struct Valid {
        let kind: MeetingKind
        let heldOn: CalendarDate
        let participants: String
        let decisions: String
        let nextSteps: String?
    }

    func validated(today: CalendarDate) throws -> Valid {
        var errors = FieldErrors()
        let kind = errors.take("kind", FieldRules.choice(kind, MeetingKind.self, label: "Kind of meeting", required: true)) ?? nil
        let day = errors.take("held_on", FieldRules.date(heldOn, label: "Date", required: true)) ?? nil
        if let day, day > today { errors["held_on"] = "Cannot be in the future: record a meeting once it has been held." }
        let participants = errors.take("participants", FieldRules.text(participants, label: "Who took part", required: true, max: 500)) ?? nil
        let decisions = errors.take("decisions", FieldRules.text(decisions, label: "What was decided", required: true, max: 4000)) ?? nil
        let next = errors.take("next_steps", FieldRules.text(nextSteps, label: "Next steps", required: false, max: 2000))
        try errors.throwIfAny()
        return Valid(kind: kind!, heldOn: day!, participants: participants!, decisions: decisions!, nextSteps: next ?? nil)
    }
}
