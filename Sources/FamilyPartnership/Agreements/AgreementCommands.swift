import Fluent
import Foundation
import PartnershipRules
import Vapor

/// Every change to a family's partnership agreement, its goals, action steps and progress notes: the one writer
/// of those records. State changes are checked against the state as stored, inside the transaction, so of two
/// conflicting changes (achieve and discontinue, two revisions of one goal) exactly one wins.
enum AgreementCommands {
    // MARK: Finding

    /// The acting staff member's program and the program year today falls in.
    static func currentYear(in ctx: Context) async throws -> (Program, ProgramYear) {
        let program = try await Program.find(ctx.programID, on: ctx.db).orThrow()
        return (program, program.year(containing: ctx.today))
    }

    /// The family's agreement for a program year, if it has one.
    static func agreement(for familyID: UUID, year: ProgramYear, on db: any Database) async throws -> Agreement? {
        try await Agreement.query(on: db).filter(\.$family.$id == familyID).filter(\.$programYear == year.stored).first()
    }

    /// This program year's agreement (or `year`'s), 404 when the family has none.
    static func agreement(for family: Family, year: ProgramYear?, in ctx: Context) async throws -> Agreement {
        var chosen: ProgramYear
        if let year { chosen = year } else { chosen = try await currentYear(in: ctx).1 }
        guard let agreement = try await agreement(for: family.requireID(), year: chosen, on: ctx.db) else {
            throw Abort(.notFound, reason: "This family has no agreement for \(chosen).")
        }
        return agreement
    }

    static func goal(_ id: UUID, in family: Family, on db: any Database) async throws -> Goal {
        guard let goal = try await Goal.query(on: db).filter(\.$id == id).filter(\.$familyID == family.requireID())
            .with(\.$agreement).first() else { throw Abort(.notFound) }
        return goal
    }

    static func step(_ id: UUID, of goal: Goal, on db: any Database) async throws -> ActionStep {
        guard let step = try await ActionStep.query(on: db).filter(\.$id == id).filter(\.$goal.$id == goal.requireID()).first()
        else { throw Abort(.notFound) }
        return step
    }

    // MARK: The agreement

    static func start(_ input: StartInput, family familyID: UUID, in ctx: Context) async throws -> Agreement {
        let family = try await ctx.editableFamily(familyID)
        let (program, year) = try await currentYear(in: ctx)
        var errors = FieldErrors()
        let today = ctx.today
        let started = errors.take("started_on", FieldRules.date(input.startedOn ?? today.description, label: "Started on", required: true)) ?? nil
        if let started, started > today { errors["started_on"] = "The start date cannot be in the future." }
        if let started, program.year(containing: started) != year {
            errors["started_on"] = "The start date must fall in the \(year) program year."
        }
        if try await agreement(for: familyID, year: year, on: ctx.db) != nil {
            errors["started_on"] = "This family already has an agreement for \(year)."
        }
        try errors.throwIfAny()
        let agreement = Agreement()
        agreement.$family.id = try family.requireID()
        agreement.programYear = year.stored
        agreement.startedOn = started!.description
        agreement.nextReviewOn = program.agreementSchedule.nextReview(after: started!).description
        agreement.$createdBy.id = ctx.staff.staffID
        do {
            try await ctx.transaction { ctx in
                try await agreement.create(on: ctx.db)
                try await ctx.audit(.create, .agreement, family: familyID, recordID: agreement.id, detail: "year=\(year.stored)")
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Two starts at once (a double tap): the database keeps one agreement per family and year.
            throw FieldErrors.one("started_on", "This family already has an agreement for \(year).")
        }
        return agreement
    }

    static func review(_ input: ReviewInput, family familyID: UUID, year: ProgramYear?, in ctx: Context) async throws -> AgreementReview {
        let family = try await ctx.editableFamily(familyID)
        let agreement = try await agreement(for: family, year: year, in: ctx)
        var errors = FieldErrors()
        let on = errors.take("reviewed_on", FieldRules.date(input.reviewedOn, label: "Date of the review", required: true)) ?? nil
        if let on, on > ctx.today { errors["reviewed_on"] = "The review date cannot be in the future." }
        let reviewers = errors.take("reviewers", FieldRules.text(input.reviewers, label: "Who reviewed", required: true, max: 300)) ?? nil
        let changes = errors.take("changes", FieldRules.text(input.changes, label: "What changed", required: true, max: 4000)) ?? nil
        let next = errors.take("next_review_on", FieldRules.date(input.nextReviewOn, label: "Next review", required: true)) ?? nil
        if let on, let next, next <= on { errors["next_review_on"] = "The next review must be after this one." }
        try errors.throwIfAny()
        let review = AgreementReview()
        review.$agreement.id = try agreement.requireID()
        review.familyID = familyID
        review.reviewedOn = on!.description
        review.reviewers = reviewers!
        review.changes = changes!
        review.nextReviewOn = next!.description
        review.recordedByName = ctx.staff.name
        let expected = agreement.version
        agreement.nextReviewOn = next!.description
        try await ctx.transaction { ctx in
            try await review.create(on: ctx.db)
            try await agreement.save(expecting: expected, in: ctx)
            try await ctx.audit(.create, .review, family: familyID, recordID: review.id)
        }
        return review
    }

    static func acknowledge(_ input: AcknowledgementInput, family familyID: UUID, year: ProgramYear?,
                            in ctx: Context) async throws -> Acknowledgement {
        let family = try await ctx.editableFamily(familyID)
        let agreement = try await agreement(for: family, year: year, in: ctx)
        var errors = FieldErrors()
        let by = errors.take("acknowledged_by", FieldRules.text(input.acknowledgedBy, label: "Who acknowledged it", required: true, max: 120)) ?? nil
        let on = errors.take("acknowledged_on", FieldRules.date(input.acknowledgedOn, label: "Date", required: true)) ?? nil
        if let on, on > ctx.today { errors["acknowledged_on"] = "The date cannot be in the future." }
        let method = errors.take("method", FieldRules.choice(input.method, AcknowledgementMethod.self, label: "How", required: true)) ?? nil
        try errors.throwIfAny()
        let ack = Acknowledgement()
        ack.$agreement.id = try agreement.requireID()
        ack.familyID = familyID
        ack.acknowledgedBy = by!
        ack.acknowledgedOn = on!.description
        ack.method = method!
        ack.recordedByName = ctx.staff.name
        try await ctx.transaction { ctx in
            try await ack.create(on: ctx.db)
            try await ctx.audit(.create, .acknowledgement, family: familyID, recordID: ack.id, detail: ack.method.rawValue)
        }
        return ack
    }

    // MARK: Goals

    /// Adds a goal to this year's agreement. When `input.revises` names an active goal, that goal becomes revised
    /// and links to this one; if someone revised or closed it meanwhile, nothing is saved.
    static func createGoal(_ input: GoalInput, family familyID: UUID, in ctx: Context) async throws -> Goal {
        let family = try await ctx.editableFamily(familyID)
        let (_, year) = try await currentYear(in: ctx)
        guard let agreement = try await agreement(for: familyID, year: year, on: ctx.db) else {
            throw Abort(.conflict, reason: "Start this year's agreement before adding goals.")
        }
        let goal = Goal()
        goal.$agreement.id = try agreement.requireID()
        goal.familyID = familyID
        goal.state = .active
        goal.version = 1
        goal.createdAt = ctx.now
        try await input.apply(to: goal, family: family, on: ctx.db)
        var replaced: Goal?
        if let id = FieldRules.trimmed(input.revises).flatMap(UUID.init(uuidString:)) {
            let old = try await self.goal(id, in: family, on: ctx.db)
            if let problem = GoalChange.revise.problem(from: old.state) {
                throw FieldErrors.one("revises", problem.message)
            }
            replaced = old
        }
        let replacing = replaced
        do {
            try await ctx.transaction { ctx in
                try await goal.create(on: ctx.db)
                try await ctx.audit(.create, .goal, family: familyID, recordID: goal.id, detail: goal.kind.rawValue)
                if let replaced = replacing {
                    let expected = replaced.version
                    replaced.state = .revised
                    replaced.$replacedBy.id = goal.id
                    try await replaced.save(expecting: expected, in: ctx)
                    try await ctx.audit(.changeState, .goal, family: familyID, recordID: replaced.id, detail: "revised")
                }
            }
        } catch let stale as StaleRecord {
            let state = (stale.current as? Goal)?.state.label.lowercased() ?? "changed"
            throw FieldErrors.one("revises", "Someone else changed the goal being revised meanwhile (it is now \(state)); nothing was saved.")
        }
        return goal
    }

    /// Saves an edit, keeping the goal as it was as a version with the names of the fields that changed.
    static func updateGoal(_ id: UUID, family familyID: UUID, _ input: GoalInput, basedOn: BasedOn,
                           in ctx: Context) async throws -> Goal {
        let family = try await ctx.editableFamily(familyID)
        let goal = try await self.goal(id, in: family, on: ctx.db)
        let expected = try basedOn.required()
        let before = GoalInput(goal)
        try await input.apply(to: goal, family: family, on: ctx.db)
        let changed = before.changedFields(to: GoalInput(goal))
        guard !changed.isEmpty else {
            if expected != goal.version { throw StaleRecord(current: goal) }
            return goal
        }
        let version = GoalVersion()
        version.$goal.id = try goal.requireID()
        version.familyID = familyID
        version.version = expected
        version.snapshot = String(decoding: try JSONEncoder().encode(before), as: UTF8.self)
        version.changedFields = changed.joined(separator: ", ")
        version.changedByName = ctx.staff.name
        version.changedAt = ctx.now
        try await ctx.transaction { ctx in
            try await goal.save(expecting: expected, in: ctx)
            try await version.create(on: ctx.db)
            try await ctx.audit(.update, .goal, family: familyID, recordID: goal.id, detail: "fields=\(changed.joined(separator: "|"))")
        }
        return goal
    }

    /// Achieves, discontinues or resumes a goal. The move is checked against the goal's state as loaded, and the
    /// save only happens if the goal is still at that version, so a second, conflicting change gets `StaleRecord`.
    static func changeState(_ id: UUID, family familyID: UUID, _ input: GoalStateInput, basedOn: BasedOn,
                            in ctx: Context) async throws -> Goal {
        let family = try await ctx.editableFamily(familyID)
        let goal = try await self.goal(id, in: family, on: ctx.db)
        let expected = try basedOn.or(goal)
        if expected != goal.version { throw StaleRecord(current: goal) }
        let change = try input.validated(from: goal.state)
        var errors = FieldErrors()
        let achieved = change == .achieve
            ? errors.take("note", FieldRules.text(input.note, label: "What the family achieved", required: false, max: 4000)) ?? nil : nil
        try errors.throwIfAny()
        goal.state = change.target
        if case .discontinue(let reason) = change { goal.discontinuedReason = reason } else if change == .resume {
            goal.discontinuedReason = nil
        }
        try await ctx.transaction { ctx in
            try await goal.save(expecting: expected, in: ctx)
            try await ctx.audit(.changeState, .goal, family: familyID, recordID: goal.id, detail: goal.state.rawValue)
            if let achieved {
                let note = ProgressNote()
                note.$goal.id = try goal.requireID()
                note.familyID = familyID
                note.notedOn = ctx.today.description
                note.$author.id = ctx.staff.staffID
                note.authorName = ctx.staff.name
                note.text = achieved
                note.isSuccess = true
                try await note.create(on: ctx.db)
                try await ctx.audit(.create, .progressNote, family: familyID, recordID: note.id, detail: "goal achieved")
            }
        }
        return goal
    }

    // MARK: Action steps and progress notes

    static func addStep(_ input: StepInput, goal goalID: UUID, family familyID: UUID, in ctx: Context) async throws -> ActionStep {
        let family = try await ctx.editableFamily(familyID)
        let goal = try await self.goal(goalID, in: family, on: ctx.db)
        let valid = try await input.validated(family: family, programID: ctx.programID, on: ctx.db)
        let step = ActionStep()
        step.$goal.id = try goal.requireID()
        step.familyID = familyID
        step.what = valid.what
        step.$member.id = valid.memberID
        step.$staff.id = valid.staffID
        step.dueOn = valid.dueOn?.description
        try await ctx.transaction { ctx in
            try await step.create(on: ctx.db)
            try await ctx.audit(.create, .actionStep, family: familyID, recordID: step.id)
        }
        return step
    }

    static func markStep(_ id: UUID, goal goalID: UUID, family familyID: UUID, _ input: StepDoneInput, basedOn: BasedOn,
                         in ctx: Context) async throws -> ActionStep {
        let family = try await ctx.editableFamily(familyID)
        let step = try await self.step(id, of: try await goal(goalID, in: family, on: ctx.db), on: ctx.db)
        var errors = FieldErrors()
        let doneOn = errors.take("done_on", FieldRules.date(input.doneOn, label: "Done on", required: false)) ?? nil
        if let doneOn, doneOn > ctx.today { errors["done_on"] = "The date cannot be in the future." }
        try errors.throwIfAny()
        let expected = try basedOn.or(step)
        step.doneOn = (input.done ?? false) ? (doneOn ?? ctx.today).description : nil
        try await ctx.transaction { ctx in
            try await step.save(expecting: expected, in: ctx)
            try await ctx.audit(.update, .actionStep, family: familyID, recordID: step.id, detail: step.doneOn == nil ? "not done" : "done")
        }
        return step
    }

    static func addNote(_ input: NoteInput, goal goalID: UUID, family familyID: UUID, in ctx: Context) async throws -> ProgressNote {
        let family = try await ctx.editableFamily(familyID)
        let goal = try await self.goal(goalID, in: family, on: ctx.db)
        var errors = FieldErrors()
        let on = errors.take("noted_on", FieldRules.date(input.notedOn ?? ctx.today.description, label: "Date", required: true)) ?? nil
        if let on, on > ctx.today { errors["noted_on"] = "The date cannot be in the future." }
        let text = errors.take("text", FieldRules.text(input.text, label: "The note", required: true, max: 4000)) ?? nil
        try errors.throwIfAny()
        let note = ProgressNote()
        note.$goal.id = try goal.requireID()
        note.familyID = familyID
        note.notedOn = on!.description
        note.$author.id = ctx.staff.staffID
        note.authorName = ctx.staff.name
        note.text = text!
        note.isSuccess = input.isSuccess ?? false
        try await ctx.transaction { ctx in
            try await note.create(on: ctx.db)
            try await ctx.audit(.create, .progressNote, family: familyID, recordID: note.id)
        }
        return note
    }
}
