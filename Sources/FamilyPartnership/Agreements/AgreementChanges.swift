import Fluent
import Foundation
import PartnershipRules
import Vapor

/// Every change to agreements and goals, shared by the pages and the API; each in one transaction with its
/// audit entry, so a change and its record are saved or lost together.
enum AgreementChanges {
    // MARK: Finding

    /// The family's agreement for the program year containing `date`, if it has one.
    static func agreement(for family: Family, year: ProgramYear, on db: any Database) async throws -> Agreement? {
        try await Agreement.query(on: db).filter(\.$family.$id == family.requireID())
            .filter(\.$programYear == year.stored).first()
    }

    static func currentYear(_ req: Request) async throws -> (Program, ProgramYear) {
        let program = try await Program.find(req.staff().programID, on: req.db).orThrow()
        return (program, program.year(containing: .today()))
    }

    static func goal(_ id: UUID, in family: Family, on db: any Database) async throws -> Goal {
        guard let goal = try await Goal.query(on: db).filter(\.$id == id).filter(\.$familyID == family.requireID())
            .with(\.$agreement).first() else { throw Abort(.notFound) }
        return goal
    }

    // MARK: The agreement

    static func start(_ input: StartInput, family: Family, req: Request) async throws -> Agreement {
        let (program, year) = try await currentYear(req)
        var errors = FieldErrors()
        let today = CalendarDate.today()
        let started = errors.take("started_on", FieldRules.date(input.startedOn ?? today.description, label: "Started on", required: true)) ?? nil
        if let started, started > today { errors["started_on"] = "The start date cannot be in the future." }
        if let started, program.year(containing: started) != year {
            errors["started_on"] = "The start date must fall in the \(year) program year."
        }
        if try await agreement(for: family, year: year, on: req.db) != nil {
            errors["started_on"] = "This family already has an agreement for \(year)."
        }
        try errors.throwIfAny()
        let agreement = Agreement()
        agreement.$family.id = try family.requireID()
        agreement.programYear = year.stored
        agreement.startedOn = started!.description
        agreement.nextReviewOn = program.agreementSchedule.nextReview(after: started!).description
        agreement.$createdBy.id = try req.staff().staffID
        do {
            try await req.db.transaction { db in
                try await agreement.create(on: db)
                try await req.audit(.create, .agreement, family: family.id, recordID: agreement.id, detail: "year=\(year.stored)", on: db)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Two starts at once (a double tap): the database keeps one agreement per family and year.
            errors["started_on"] = "This family already has an agreement for \(year)."
            throw errors
        }
        return agreement
    }

    static func review(_ input: ReviewInput, agreement: Agreement, req: Request) async throws -> AgreementReview {
        var errors = FieldErrors()
        let today = CalendarDate.today()
        let on = errors.take("reviewed_on", FieldRules.date(input.reviewedOn, label: "Date of the review", required: true)) ?? nil
        if let on, on > today { errors["reviewed_on"] = "The review date cannot be in the future." }
        let reviewers = errors.take("reviewers", FieldRules.text(input.reviewers, label: "Who reviewed", required: true, max: 300))
        let changes = errors.take("changes", FieldRules.text(input.changes, label: "What changed", required: true, max: 4000))
        let next = errors.take("next_review_on", FieldRules.date(input.nextReviewOn, label: "Next review", required: true)) ?? nil
        if let on, let next, next <= on { errors["next_review_on"] = "The next review must be after this one." }
        try errors.throwIfAny()
        let review = AgreementReview()
        review.$agreement.id = try agreement.requireID()
        review.familyID = agreement.$family.id
        review.reviewedOn = on!.description
        review.reviewers = reviewers!!
        review.changes = changes!!
        review.nextReviewOn = next!.description
        review.recordedByName = try req.staff().name
        agreement.nextReviewOn = next!.description
        try await req.db.transaction { db in
            try await review.create(on: db)
            try await agreement.save(on: db)
            try await req.audit(.create, .review, family: agreement.$family.id, recordID: review.id, on: db)
        }
        return review
    }

    static func acknowledge(_ input: AcknowledgementInput, agreement: Agreement, req: Request) async throws -> Acknowledgement {
        var errors = FieldErrors()
        let by = errors.take("acknowledged_by", FieldRules.text(input.acknowledgedBy, label: "Who acknowledged it", required: true, max: 120))
        let on = errors.take("acknowledged_on", FieldRules.date(input.acknowledgedOn, label: "Date", required: true)) ?? nil
        if let on, on > .today() { errors["acknowledged_on"] = "The date cannot be in the future." }
        let method = errors.take("method", FieldRules.choice(input.method, AcknowledgementMethod.self, label: "How", required: true))
        try errors.throwIfAny()
        let ack = Acknowledgement()
        ack.$agreement.id = try agreement.requireID()
        ack.familyID = agreement.$family.id
        ack.acknowledgedBy = by!!
        ack.acknowledgedOn = on!.description
        ack.method = method!!
        ack.recordedByName = try req.staff().name
        try await req.db.transaction { db in
            try await ack.create(on: db)
            try await req.audit(.create, .acknowledgement, family: agreement.$family.id, recordID: ack.id, detail: ack.method.rawValue, on: db)
        }
        return ack
    }

    // MARK: Goals

    /// Adds a goal to the agreement. When `input.revises` names an active goal, that goal becomes revised and
    /// links to this one.
    static func createGoal(_ input: GoalInput, agreement: Agreement, family: Family, req: Request) async throws -> Goal {
        let goal = Goal()
        goal.$agreement.id = try agreement.requireID()
        goal.familyID = try family.requireID()
        goal.state = .active
        goal.version = 1
        try await input.apply(to: goal, family: family, on: req.db)
        var replaced: Goal?
        if let id = FieldRules.trimmed(input.revises).flatMap(UUID.init(uuidString:)) {
            let old = try await self.goal(id, in: family, on: req.db)
            if let problem = GoalChange.revise.problem(from: old.state) {
                var errors = FieldErrors()
                errors["revises"] = problem.message
                throw errors
            }
            replaced = old
        }
        let replacing = replaced
        try await req.db.transaction { db in
            try await goal.create(on: db)
            try await req.audit(.create, .goal, family: family.id, recordID: goal.id, detail: goal.kind.rawValue, on: db)
            if let replaced = replacing {
                replaced.state = .revised
                replaced.$replacedBy.id = goal.id
                try await replaced.save(on: db)
                try await req.audit(.changeState, .goal, family: family.id, recordID: replaced.id, detail: "revised", on: db)
            }
        }
        return goal
    }

    /// Saves an edit, keeping the goal as it was as a version with the names of the fields that changed.
    static func updateGoal(_ goal: Goal, with input: GoalInput, family: Family, req: Request) async throws {
        let before = GoalInput(goal)
        try await input.apply(to: goal, family: family, on: req.db)
        let changed = before.changedFields(to: GoalInput(goal))
        guard !changed.isEmpty else { return }
        let version = GoalVersion()
        version.$goal.id = try goal.requireID()
        version.familyID = goal.familyID
        version.version = goal.version
        version.snapshot = String(decoding: try JSONEncoder().encode(before), as: UTF8.self)
        version.changedFields = changed.joined(separator: ", ")
        version.changedByName = try req.staff().name
        version.changedAt = Date()
        goal.version += 1
        try await req.db.transaction { db in
            try await version.create(on: db)
            try await goal.save(on: db)
            try await req.audit(.update, .goal, family: goal.familyID, recordID: goal.id,
                                detail: "fields=\(changed.joined(separator: "|"))", on: db)
        }
    }

    static func changeState(_ goal: Goal, _ input: GoalStateInput, req: Request) async throws {
        let change = try input.validated(from: goal.state)
        goal.state = change.target
        if case .discontinue(let reason) = change { goal.discontinuedReason = reason } else if change == .resume {
            goal.discontinuedReason = nil
        }
        try await req.db.transaction { db in
            try await goal.save(on: db)
            try await req.audit(.changeState, .goal, family: goal.familyID, recordID: goal.id, detail: goal.state.rawValue, on: db)
        }
    }

    // MARK: Action steps and progress notes

    static func addStep(_ input: StepInput, goal: Goal, family: Family, req: Request) async throws -> ActionStep {
        let valid = try await input.validated(family: family, programID: req.staff().programID, on: req.db)
        let step = ActionStep()
        step.$goal.id = try goal.requireID()
        step.familyID = goal.familyID
        step.what = valid.what
        step.$member.id = valid.memberID
        step.$staff.id = valid.staffID
        step.dueOn = valid.dueOn?.description
        try await req.db.transaction { db in
            try await step.create(on: db)
            try await req.audit(.create, .actionStep, family: goal.familyID, recordID: step.id, on: db)
        }
        return step
    }

    static func step(_ id: UUID, of goal: Goal, on db: any Database) async throws -> ActionStep {
        guard let step = try await ActionStep.query(on: db).filter(\.$id == id).filter(\.$goal.$id == goal.requireID()).first()
        else { throw Abort(.notFound) }
        return step
    }

    static func markStep(_ step: ActionStep, _ input: StepDoneInput, req: Request) async throws {
        var errors = FieldErrors()
        let doneOn = errors.take("done_on", FieldRules.date(input.doneOn, label: "Done on", required: false)) ?? nil
        if let doneOn, doneOn > .today() { errors["done_on"] = "The date cannot be in the future." }
        try errors.throwIfAny()
        step.doneOn = (input.done ?? false) ? (doneOn ?? .today()).description : nil
        try await req.db.transaction { db in
            try await step.save(on: db)
            try await req.audit(.update, .actionStep, family: step.familyID, recordID: step.id,
                                detail: step.doneOn == nil ? "not done" : "done", on: db)
        }
    }

    static func addNote(_ input: NoteInput, goal: Goal, req: Request) async throws -> ProgressNote {
        var errors = FieldErrors()
        let on = errors.take("noted_on", FieldRules.date(input.notedOn ?? CalendarDate.today().description, label: "Date", required: true)) ?? nil
        if let on, on > .today() { errors["noted_on"] = "The date cannot be in the future." }
        let text = errors.take("text", FieldRules.text(input.text, label: "The note", required: true, max: 4000))
        try errors.throwIfAny()
        let staff = try req.staff()
        let note = ProgressNote()
        note.$goal.id = try goal.requireID()
        note.familyID = goal.familyID
        note.notedOn = on!.description
        note.$author.id = staff.staffID
        note.authorName = staff.name
        note.text = text!!
        note.isSuccess = input.isSuccess ?? false
        try await req.db.transaction { db in
            try await note.create(on: db)
            try await req.audit(.create, .progressNote, family: goal.familyID, recordID: note.id, on: db)
        }
        return note
    }
}
