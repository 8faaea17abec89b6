import Fluent
import Foundation
import PartnershipRules
import Vapor

/// A goal of the agreement: write it through the seven steps, edit it (keeping history), move it through its
/// states, and add action steps and progress notes.
struct GoalController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.goalNew(.routeParameter).pattern, use: new)
        routes.post(SiteURL.goalNew(.routeParameter).pattern, use: create)
        routes.get(SiteURL.goal(.routeParameter, goal: .routeParameter).pattern, use: show)
        routes.get(SiteURL.goalEdit(.routeParameter, goal: .routeParameter).pattern, use: edit)
        routes.post(SiteURL.goalEdit(.routeParameter, goal: .routeParameter).pattern, use: update)
        routes.post(SiteURL.goalState(.routeParameter, goal: .routeParameter).pattern, use: changeState)
        routes.post(SiteURL.goalSteps(.routeParameter, goal: .routeParameter).pattern, use: addStep)
        routes.post(SiteURL.goalStep(.routeParameter, goal: .routeParameter, step: .routeParameter).pattern, use: markStep)
        routes.post(SiteURL.goalNotes(.routeParameter, goal: .routeParameter).pattern, use: addNote)
    }

    /// The goal form; `?revises=<goal>` starts from the goal being revised, `?child=<id>&transition=<kind>` from
    /// a transition prompt.
    func new(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        _ = try await currentAgreement(req, family: family)
        var input = GoalInput()
        input.kind = GoalKind.family.rawValue
        if let id = (try? req.query.get(String.self, at: "revises")).flatMap(UUID.init(uuidString:)) {
            let old = try await AgreementChanges.goal(id, in: family, on: req.db)
            input = GoalInput(old)
            input.revises = id.uuidString.lowercased()
        }
        if let kind = (try? req.query.get(String.self, at: "transition")).flatMap(TransitionKind.init(rawValue:)),
           let child = try? req.query.get(String.self, at: "child") {
            input.kind = GoalKind.child.rawValue
            input.childID = child
            input.transitionKind = kind.rawValue
            input.outcomes = [Outcome.transitions.rawValue]
            input.goal = kind.label
        }
        try await req.audit(.view, .goal, family: family.id, recordID: input.revises.flatMap(UUID.init(uuidString:)), detail: "new goal form")
        return try await renderForm(req, family: family, goal: nil, input: input)
    }

    func create(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let agreement = try await currentAgreement(req, family: family)
        let input = try req.content.decode(GoalInput.self)
        do {
            let goal = try await AgreementChanges.createGoal(input, agreement: agreement, family: family, req: req)
            req.flash(input.revises == nil ? "Goal added." : "Goal revised: the new goal replaces the old one.")
            return req.redirect(to: SiteURL.goal(family.id!, goal: goal.id!).path)
        } catch let errors as FieldErrors {
            return try await renderForm(req, family: family, goal: nil, input: input, errors: errors)
        }
    }

    func show(req: Request) async throws -> Response {
        let family = try await req.visibleFamily()
        let goal = try await AgreementChanges.goal(req.uuidParameter("goalID"), in: family, on: req.db)
        return try await renderGoal(req, family: family, goal: goal)
    }

    func edit(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let goal = try await AgreementChanges.goal(req.uuidParameter("goalID"), in: family, on: req.db)
        try await req.audit(.view, .goal, family: family.id, recordID: goal.id, detail: "edit form")
        return try await renderForm(req, family: family, goal: goal, input: GoalInput(goal))
    }

    func update(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let goal = try await AgreementChanges.goal(req.uuidParameter("goalID"), in: family, on: req.db)
        let input = try req.content.decode(GoalInput.self)
        do {
            try await AgreementChanges.updateGoal(goal, with: input, family: family, req: req)
            req.flash("Saved.")
            return req.redirect(to: SiteURL.goal(family.id!, goal: goal.id!).path)
        } catch let errors as FieldErrors {
            return try await renderForm(req, family: family, goal: goal, input: input, errors: errors)
        }
    }

    func changeState(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let goal = try await AgreementChanges.goal(req.uuidParameter("goalID"), in: family, on: req.db)
        do {
            try await AgreementChanges.changeState(goal, try req.content.decode(GoalStateInput.self), req: req)
            req.flash("The goal is now \(goal.state.label.lowercased()).")
            return req.redirect(to: SiteURL.goal(family.id!, goal: goal.id!).path)
        } catch let errors as FieldErrors {
            return try await renderGoal(req, family: family, goal: goal, errors: errors)
        }
    }

    func addStep(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let goal = try await AgreementChanges.goal(req.uuidParameter("goalID"), in: family, on: req.db)
        let input = try req.content.decode(StepInput.self)
        do {
            _ = try await AgreementChanges.addStep(input, goal: goal, family: family, req: req)
            req.flash("Action step added.")
            return req.redirect(to: SiteURL.goal(family.id!, goal: goal.id!).path + "#steps")
        } catch let errors as FieldErrors {
            return try await renderGoal(req, family: family, goal: goal, errors: errors, step: input)
        }
    }

    func markStep(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let goal = try await AgreementChanges.goal(req.uuidParameter("goalID"), in: family, on: req.db)
        let step = try await AgreementChanges.step(req.uuidParameter("stepID"), of: goal, on: req.db)
        do {
            try await AgreementChanges.markStep(step, try req.content.decode(StepDoneInput.self), req: req)
            req.flash(step.doneOn == nil ? "Marked not done." : "Marked done.")
            return req.redirect(to: SiteURL.goal(family.id!, goal: goal.id!).path + "#steps")
        } catch let errors as FieldErrors {
            return try await renderGoal(req, family: family, goal: goal, errors: errors)
        }
    }

    func addNote(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let goal = try await AgreementChanges.goal(req.uuidParameter("goalID"), in: family, on: req.db)
        let input = try req.content.decode(NoteInput.self)
        do {
            let note = try await AgreementChanges.addNote(input, goal: goal, req: req)
            req.flash(note.isSuccess ? "Success noted. Worth celebrating with the family!" : "Progress note added.")
            return req.redirect(to: SiteURL.goal(family.id!, goal: goal.id!).path + "#notes")
        } catch let errors as FieldErrors {
            return try await renderGoal(req, family: family, goal: goal, errors: errors, note: input)
        }
    }

    private func currentAgreement(_ req: Request, family: Family) async throws -> Agreement {
        let (_, year) = try await AgreementChanges.currentYear(req)
        guard let agreement = try await AgreementChanges.agreement(for: family, year: year, on: req.db) else {
            throw Abort(.conflict, reason: "Start this year's agreement before adding goals.")
        }
        return agreement
    }

    private func renderForm(_ req: Request, family: Family, goal: Goal?, input: GoalInput,
                            errors: FieldErrors = FieldErrors()) async throws -> Response {
        let children = try await FamilyMember.query(on: req.db).filter(\.$family.$id == family.requireID())
            .filter(\.$kind == .child).sort(\.$name).all()
        let model = GoalForm.Model(family: family, goal: goal, children: children, input: input, errors: errors)
        return req.page(title: model.title, GoalForm.View(model: model, csrf: req.csrfToken).body,
                        status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    private func renderGoal(_ req: Request, family: Family, goal: Goal, errors: FieldErrors = FieldErrors(),
                            step: StepInput? = nil, note: NoteInput? = nil) async throws -> Response {
        let model = try await GoalShow.Model.load(goal, family: family, staff: req.staff(), on: req.db)
        try await req.audit(.view, .goal, family: family.id, recordID: goal.id)
        let view = GoalShow.View(model: model, errors: errors, step: step, note: note, csrf: req.csrfToken)
        return req.page(title: goal.goal, view.body, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
