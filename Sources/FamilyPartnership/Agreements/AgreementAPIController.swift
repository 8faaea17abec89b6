import Fluent
import Foundation
import PartnershipRules
import Vapor

/// `/api/v1/families/{id}/agreement` and its goals, action steps and progress notes; the same checks, commands and
/// audit as the pages.
struct AgreementAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let id = UUID.routeParameter
        routes.get(APIURL.agreement(id).pattern, use: agreement)
        routes.post(APIURL.agreement(id).pattern, use: startAgreement)
        routes.post(APIURL.agreementReviews(id).pattern, use: review)
        routes.post(APIURL.agreementAcknowledgements(id).pattern, use: acknowledge)
        routes.get(APIURL.goals(id).pattern, use: goals)
        routes.post(APIURL.goals(id).pattern, use: createGoal)
        routes.get(APIURL.goal(id, goal: id).pattern, use: goal)
        routes.put(APIURL.goal(id, goal: id).pattern, use: replaceGoal)
        routes.patch(APIURL.goal(id, goal: id).pattern, use: patchGoal)
        routes.post(APIURL.goalState(id, goal: id).pattern, use: changeState)
        routes.post(APIURL.goalSteps(id, goal: id).pattern, use: addStep)
        routes.put(APIURL.goalStep(id, goal: id, step: id).pattern, use: markStep)
        routes.post(APIURL.goalNotes(id, goal: id).pattern, use: addNote)
    }

    // MARK: The agreement

    func agreement(req: Request) async throws -> Response {
        let family = try await req.visibleFamily()
        let agreement = try await AgreementCommands.agreement(for: family, year: req.chosenProgramYear(), in: req.context())
        try await req.audit(.view, .agreement, family: family.id, recordID: agreement.id, detail: "api")
        return try await dto(agreement, on: req.db).response(version: agreement.version)
    }

    func startAgreement(req: Request) async throws -> Response {
        let agreement = try await AgreementCommands.start(try req.decodeJSON(StartInput.self), family: req.uuidParameter("familyID"),
                                                          in: req.context())
        return try await dto(agreement, on: req.db).response(version: agreement.version, status: .created)
    }

    func review(req: Request) async throws -> Response {
        let review = try await AgreementCommands.review(try req.decodeJSON(ReviewInput.self), family: req.uuidParameter("familyID"),
                                                        year: req.chosenProgramYear(), in: req.context())
        return try await ReviewDTO(review).encodeResponse(status: .created, for: req)
    }

    func acknowledge(req: Request) async throws -> Response {
        let ack = try await AgreementCommands.acknowledge(try req.decodeJSON(AcknowledgementInput.self), family: req.uuidParameter("familyID"),
                                                         year: req.chosenProgramYear(), in: req.context())
        return try await AcknowledgementDTO(ack).encodeResponse(status: .created, for: req)
    }

    // MARK: Goals

    func goals(req: Request) async throws -> PageDTO<GoalDTO> {
        let family = try await req.visibleFamily()
        var errors = FieldErrors()
        let page = PageRequest(req, errors: &errors)
        let year = try req.chosenProgramYear()
        try errors.throwIfAny()
        let agreement = try await AgreementCommands.agreement(for: family, year: year, in: req.context())
        // In the order the agreement page lists them: as they were set.
        let rows = try await Goal.query(on: req.db).filter(\.$agreement.$id == agreement.requireID())
            .after(page.cursor?.id, sortedBy: ["created_at"]).sort(\.$createdAt).sort(\.$id).limit(page.limit + 1).all()
        let shown = Array(rows.prefix(page.limit))
        try await req.audit(.view, .goal, family: family.id, detail: "api list shown=\(shown.count)")
        let next = rows.count > page.limit ? shown.last.map { KeysetCursor(name: "", id: $0.id!).token } : nil
        return PageDTO(items: try await shown.asyncMap { try await dto($0, on: req.db) }, nextCursor: next)
    }

    func goal(req: Request) async throws -> Response {
        let family = try await req.visibleFamily()
        let goal = try await AgreementCommands.goal(req.uuidParameter("goalID"), in: family, on: req.db)
        try await req.audit(.view, .goal, family: family.id, recordID: goal.id)
        return try await dto(goal, on: req.db).response(version: goal.version)
    }

    func createGoal(req: Request) async throws -> Response {
        let goal = try await AgreementCommands.createGoal(try req.decodeJSON(GoalInput.self), family: req.uuidParameter("familyID"),
                                                          in: req.context())
        return try await dto(goal, on: req.db).response(version: goal.version, status: .created)
    }

    func replaceGoal(req: Request) async throws -> Response {
        let input = try req.decodeJSON(GoalInput.self)
        let goal = try await AgreementCommands.updateGoal(req.uuidParameter("goalID"), family: req.uuidParameter("familyID"), input,
                                                          basedOn: req.basedOn(input.version), in: req.context())
        return try await dto(goal, on: req.db).response(version: goal.version)
    }

    func patchGoal(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let current = try await AgreementCommands.goal(req.uuidParameter("goalID"), in: family, on: req.db)
        var base = GoalInput(current)
        base.version = nil
        let input = try req.decodePatch(GoalInput.self, over: base)
        let goal = try await AgreementCommands.updateGoal(current.requireID(), family: family.requireID(), input,
                                                          basedOn: req.basedOn(input.version), in: req.context())
        return try await dto(goal, on: req.db).response(version: goal.version)
    }

    func changeState(req: Request) async throws -> Response {
        let input = try req.decodeJSON(GoalStateInput.self)
        let goal = try await AgreementCommands.changeState(req.uuidParameter("goalID"), family: req.uuidParameter("familyID"), input,
                                                           basedOn: req.basedOn(input.version), in: req.context())
        return try await dto(goal, on: req.db).response(version: goal.version)
    }

    func addStep(req: Request) async throws -> Response {
        let step = try await AgreementCommands.addStep(try req.decodeJSON(StepInput.self), goal: req.uuidParameter("goalID"),
                                                       family: req.uuidParameter("familyID"), in: req.context())
        return try StepDTO(step).response(version: step.version, status: .created)
    }

    func markStep(req: Request) async throws -> Response {
        let input = try req.decodeJSON(StepDoneInput.self)
        let step = try await AgreementCommands.markStep(req.uuidParameter("stepID"), goal: req.uuidParameter("goalID"),
                                                        family: req.uuidParameter("familyID"), input,
                                                        basedOn: req.basedOn(input.version), in: req.context())
        return try StepDTO(step).response(version: step.version)
    }

    func addNote(req: Request) async throws -> Response {
        let note = try await AgreementCommands.addNote(try req.decodeJSON(NoteInput.self), goal: req.uuidParameter("goalID"),
                                                       family: req.uuidParameter("familyID"), in: req.context())
        return try await NoteDTO(note).encodeResponse(status: .created, for: req)
    }

    // MARK: Helpers

    /// `?year=2025` for an earlier program year; nil for this year. A year that cannot be read is refused.
    private func dto(_ agreement: Agreement, on db: any Database) async throws -> AgreementDTO {
        let id = try agreement.requireID()
        return AgreementDTO(agreement,
                            reviews: try await AgreementReview.query(on: db).filter(\.$agreement.$id == id).sort(\.$reviewedOn).all(),
                            acknowledgements: try await Acknowledgement.query(on: db).filter(\.$agreement.$id == id).sort(\.$acknowledgedOn).all())
    }

    private func dto(_ goal: Goal, on db: any Database) async throws -> GoalDTO {
        try await GoalDTO.load(goal, on: db)
    }
}

extension GoalDTO {
    static func load(_ goal: Goal, on db: any Database) async throws -> GoalDTO {
        let id = try goal.requireID()
        return GoalDTO(goal,
                       steps: try await ActionStep.query(on: db).filter(\.$goal.$id == id).sort(\.$dueOn).sort(\.$createdAt).all(),
                       notes: try await ProgressNote.query(on: db).filter(\.$goal.$id == id).sort(\.$notedOn).sort(\.$createdAt).all())
    }
}
