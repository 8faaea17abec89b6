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
        routes.get(SiteURL.goalState(.routeParameter, goal: .routeParameter).pattern, use: confirmState)
        routes.post(SiteURL.goalState(.routeParameter, goal: .routeParameter).pattern, use: changeState)
        routes.post(SiteURL.goalSteps(.routeParameter, goal: .routeParameter).pattern, use: addStep)
        routes.post(SiteURL.goalStep(.routeParameter, goal: .routeParameter, step: .routeParameter).pattern, use: markStep)
        routes.post(SiteURL.goalNotes(.routeParameter, goal: .routeParameter).pattern, use: addNote)
    }

    /// The goal form; `?revises=<goal>` starts from the goal being revised, `?child=<id>&transition=<kind>` from
    /// a transition prompt.
    func new(req: Request) async throws -> Response {
        let ctx = try req.context()
        let family = try await req.editableFamily()
        guard try await AgreementCommands.agreement(for: family.requireID(), year: AgreementCommands.currentYear(in: ctx).1, on: req.db) != nil else {
            throw Abort(.conflict, reason: "Start this year's agreement before adding goals.")
        }
        var input = GoalInput()
        input.kind = GoalKind.family.rawValue
        if let id = (try? req.query.get(String.self, at: "revises")).flatMap(UUID.init(uuidString:)) {
            let old = try await AgreementCommands.goal(id, in: family, on: req.db)
            input = GoalInput(old)
            input.revises = id.uuidString.lowercased()
        }
        // From a need on the family page: the goal addresses it.
        if let need = try? req.query.get(String.self, at: "need") { input.needID = need }
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
        let input = try req.content.decode(GoalInput.self)
        do {
            let goal = try await AgreementCommands.createGoal(input, family: req.uuidParameter("familyID"), in: req.context())
            req.flash(input.revises == nil ? "Goal added." : "Goal revised: the new goal replaces the old one.")
            return req.redirect(to: SiteURL.goal(goal.familyID, goal: goal.id!).path)
        } catch let errors as FieldErrors {
            return try await renderForm(req, family: req.editableFamily(), goal: nil, input: input, errors: errors)
        }
    }

    func show(req: Request) async throws -> Response {
        let family = try await req.visibleFamily()
        let goal = try await AgreementCommands.goal(req.uuidParameter("goalID"), in: family, on: req.db)
        return try await renderGoal(req, family: family, goal: goal)
    }

    func edit(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let goal = try await AgreementCommands.goal(req.uuidParameter("goalID"), in: family, on: req.db)
        try await req.audit(.view, .goal, family: family.id, recordID: goal.id, detail: "edit form")
        return try await renderForm(req, family: family, goal: goal, input: GoalInput(goal))
    }

    func update(req: Request) async throws -> Response {
        var input = try req.content.decode(GoalInput.self)
        do {
            let goal = try await AgreementCommands.updateGoal(req.uuidParameter("goalID"), family: req.uuidParameter("familyID"), input,
                                                              basedOn: BasedOn(input.version), in: req.context())
            req.flash("Saved.")
            return req.redirect(to: SiteURL.goal(goal.familyID, goal: goal.id!).path)
        } catch let errors as FieldErrors {
            let family = try await req.editableFamily()
            let goal = try await AgreementCommands.goal(req.uuidParameter("goalID"), in: family, on: req.db)
            return try await renderForm(req, family: family, goal: goal, input: input, errors: errors)
        } catch let stale as StaleRecord {
            let current = stale.current as! Goal
            let errors = StaleForm.messages(current: GoalInput(current), typed: input)
            input.version = current.version
            return try await renderForm(req, family: req.editableFamily(), goal: current, input: input, errors: errors, status: .conflict)
        }
    }

    /// Achieving or discontinuing a goal is asked for on a page of its own (`?change=achieve|discontinue`) that
    /// lists the steps not done and asks what the family achieved, or why the goal stops.
    func confirmState(req: Request) async throws -> Response {
        var input = GoalStateInput()
        input.change = try? req.query.get(String.self, at: "change")
        return try await renderConfirmation(req, input: input)
    }

    func changeState(req: Request) async throws -> Response {
        let input = try req.content.decode(GoalStateInput.self)
        // A change that cannot be undone (achieve) or stops the family's work (discontinue) is confirmed first.
        if ["achieve", "discontinue"].contains(input.change), (try? req.content.get(String.self, at: "confirmed")) != "yes" {
            return try await renderConfirmation(req, input: input)
        }
        do {
            let goal = try await AgreementCommands.changeState(req.uuidParameter("goalID"), family: req.uuidParameter("familyID"), input,
                                                               basedOn: BasedOn(input.version), in: req.context())
            req.flash("The goal is now \(goal.state.label.lowercased()).")
            return req.redirect(to: SiteURL.goal(goal.familyID, goal: goal.id!).path)
        } catch let errors as FieldErrors {
            // What the confirmation page asks (the reason, the note) is answered there; anything else on the goal's page.
            guard errors["reason"] != nil || errors["note"] != nil else { return try await renderGoal(req, errors: errors) }
            return try await renderConfirmation(req, input: input, errors: errors)
        } catch let stale as StaleRecord {
            let state = (stale.current as? Goal)?.state.label.lowercased() ?? "changed"
            let errors = FieldErrors.one("change", "Someone else changed this goal while you had it open: it is now \(state). Nothing was changed.")
            return try await renderGoal(req, errors: errors, status: .conflict)
        }
    }

    func addStep(req: Request) async throws -> Response {
        let input = try req.content.decode(StepInput.self)
        do {
            let step = try await AgreementCommands.addStep(input, goal: req.uuidParameter("goalID"), family: req.uuidParameter("familyID"),
                                                           in: req.context())
            req.flash("Action step added.")
            return req.redirect(to: SiteURL.goal(step.familyID, goal: step.$goal.id).path + "#steps")
        } catch let errors as FieldErrors {
            return try await renderGoal(req, errors: errors, step: input)
        }
    }

    func markStep(req: Request) async throws -> Response {
        let input = try req.content.decode(StepDoneInput.self)
        do {
            let step = try await AgreementCommands.markStep(req.uuidParameter("stepID"), goal: req.uuidParameter("goalID"),
                                                            family: req.uuidParameter("familyID"), input,
                                                            basedOn: BasedOn(input.version), in: req.context())
            req.flash(step.doneOn == nil ? "Marked not done." : "Marked done.")
            return req.redirect(to: SiteURL.goal(step.familyID, goal: step.$goal.id).path + "#steps")
        } catch let errors as FieldErrors {
            return try await renderGoal(req, errors: errors)
        } catch is StaleRecord {
            let errors = FieldErrors.one("what", "Someone else marked this step meanwhile; see it as it is now below.")
            return try await renderGoal(req, errors: errors, status: .conflict)
        }
    }

    func addNote(req: Request) async throws -> Response {
        let input = try req.content.decode(NoteInput.self)
        do {
            let note = try await AgreementCommands.addNote(input, goal: req.uuidParameter("goalID"), family: req.uuidParameter("familyID"),
                                                           in: req.context())
            req.flash(note.isSuccess ? "Success noted. Worth celebrating with the family!" : "Progress note added.")
            return req.redirect(to: SiteURL.goal(note.familyID, goal: note.$goal.id).path + "#notes")
        } catch let errors as FieldErrors {
            return try await renderGoal(req, errors: errors, note: input)
        }
    }

    private func renderForm(_ req: Request, family: Family, goal: Goal?, input: GoalInput,
                            errors: FieldErrors = FieldErrors(), status: HTTPResponseStatus? = nil) async throws -> Response {
        let children = try await FamilyMember.query(on: req.db).filter(\.$family.$id == family.requireID())
            .filter(\.$kind == .child).sort(\.$name).all()
        let needs = try await FamilyNeed.query(on: req.db).filter(\.$family.$id == family.requireID())
            .group(.or) { $0.filter(\.$metOn == nil).filter(\.$id == goal?.$need.id ?? UUID()) }
            .sort(\.$identifiedOn, .descending).limit(50).all()
        let catalog = try await ServiceCatalog.load(program: family.$program.id, on: req.db)
        let model = GoalForm.Model(family: family, goal: goal, children: children, needs: needs, catalog: catalog, input: input, errors: errors)
        return req.page(title: model.title, GoalForm.View(model: model, csrf: req.csrfToken).body,
                        status: status ?? (errors.isEmpty ? .ok : .unprocessableEntity))
    }

    /// The goal's page as it is now, with the problems of a change that did not go through.
    private func renderConfirmation(_ req: Request, input: GoalStateInput, errors: FieldErrors = FieldErrors()) async throws -> Response {
        let family = try await req.editableFamily()
        let goal = try await AgreementCommands.goal(req.uuidParameter("goalID"), in: family, on: req.db)
        // Nothing to confirm (no such change, or the goal is no longer active): the goal as it is.
        guard ["achieve", "discontinue"].contains(input.change), goal.state == .active else {
            return try await renderGoal(req, family: family, goal: goal)
        }
        let model = try await GoalShow.Model.load(goal, family: family, staff: req.staff(), today: req.clock.today, on: req.db)
        try await req.audit(.view, .goal, family: family.id, recordID: goal.id, detail: "confirm \(input.change ?? "")")
        return req.page(title: input.change == "achieve" ? "Mark the goal achieved?" : "Discontinue the goal?",
                        GoalShow.confirmation(model, input: input, errors: errors, csrf: req.csrfToken),
                        status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    private func renderGoal(_ req: Request, errors: FieldErrors, step: StepInput? = nil, note: NoteInput? = nil,
                            status: HTTPResponseStatus = .unprocessableEntity) async throws -> Response {
        let family = try await req.visibleFamily()
        let goal = try await AgreementCommands.goal(req.uuidParameter("goalID"), in: family, on: req.db)
        return try await renderGoal(req, family: family, goal: goal, errors: errors, step: step, note: note, status: status)
    }

    private func renderGoal(_ req: Request, family: Family, goal: Goal, errors: FieldErrors = FieldErrors(),
                            step: StepInput? = nil, note: NoteInput? = nil, status: HTTPResponseStatus? = nil) async throws -> Response {
        let model = try await GoalShow.Model.load(goal, family: family, staff: req.staff(), today: req.clock.today, on: req.db)
        try await req.audit(.view, .goal, family: family.id, recordID: goal.id)
        let view = GoalShow.View(model: model, errors: errors, step: step, note: note, csrf: req.csrfToken)
        return req.page(title: goal.goal, view.body, status: status ?? (errors.isEmpty ? .ok : .unprocessableEntity))
    }
}
