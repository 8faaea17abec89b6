import Fluent
import Foundation
import PartnershipRules
import Vapor

/// Instruments, assessments, agreements and goals over JSON: the same checks, changes and audit as the pages.
struct PartnershipAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let id = UUID.routeParameter
        routes.get(APIURL.instruments.pattern, use: instruments)
        routes.post(APIURL.instruments.pattern, use: importInstrument)
        routes.get(APIURL.instrument(id).pattern, use: instrument)
        routes.get(APIURL.assessments(id).pattern, use: assessments)
        routes.post(APIURL.assessments(id).pattern, use: createAssessment)
        routes.get(APIURL.assessment(id, assessment: id).pattern, use: assessment)
        routes.get(APIURL.agreement(id).pattern, use: agreement)
        routes.post(APIURL.agreement(id).pattern, use: startAgreement)
        routes.post(APIURL.agreementReviews(id).pattern, use: review)
        routes.post(APIURL.agreementAcknowledgements(id).pattern, use: acknowledge)
        routes.get(APIURL.goals(id).pattern, use: goals)
        routes.post(APIURL.goals(id).pattern, use: createGoal)
        routes.get(APIURL.goal(id, goal: id).pattern, use: goal)
        routes.put(APIURL.goal(id, goal: id).pattern, use: updateGoal)
        routes.post(APIURL.goalState(id, goal: id).pattern, use: changeState)
        routes.post(APIURL.goalSteps(id, goal: id).pattern, use: addStep)
        routes.put(APIURL.goalStep(id, goal: id, step: id).pattern, use: markStep)
        routes.post(APIURL.goalNotes(id, goal: id).pattern, use: addNote)
    }

    // MARK: Instruments

    func instruments(req: Request) async throws -> [InstrumentDTO] {
        let staff = try req.staff(allowedTo: \.worksWithFamilies)
        return try await InstrumentLibrary.current(program: staff.programID, on: req.db).map(InstrumentDTO.init)
    }

    func instrument(req: Request) async throws -> InstrumentDTO {
        let staff = try req.staff(allowedTo: \.worksWithFamilies)
        return try InstrumentDTO(try await InstrumentLibrary.find(req.uuidParameter("instrumentID"), program: staff.programID, on: req.db))
    }

    /// The body is the instrument itself; a key already in use adds a version.
    func importInstrument(req: Request) async throws -> Response {
        let staff = try req.staff(allowedTo: \.mayManageInstruments, "Instruments are added by managers and directors.")
        let instrument = try InstrumentLibrary.parse(req.body.string, field: "definition")
        let version = try await InstrumentLibrary.save(instrument, program: staff.programID, by: staff.name, on: req.db)
        return try await InstrumentDTO(version).encodeResponse(status: .created, for: req)
    }

    // MARK: Assessments

    func assessments(req: Request) async throws -> [AssessmentDTO] {
        let family = try await req.visibleFamily()
        let records = try await Assessment.query(on: req.db).filter(\.$family.$id == family.requireID())
            .with(\.$instrumentVersion).sort(\.$takenOn).sort(\.$createdAt).all()
        let needs = try await FamilyNeed.query(on: req.db).filter(\.$family.$id == family.requireID()).all()
        try await req.audit(.view, .assessment, family: family.id, detail: "api list shown=\(records.count)")
        return records.map { a in AssessmentDTO(a, needs: needs.filter { $0.$assessment.id == a.id }) }
    }

    func assessment(req: Request) async throws -> AssessmentDTO {
        let family = try await req.visibleFamily()
        let record = try await AssessmentController.find(req.uuidParameter("assessmentID"), in: family, on: req.db)
        try await req.audit(.view, .assessment, family: family.id, recordID: record.id)
        return AssessmentDTO(record, needs: try await FamilyNeed.query(on: req.db).filter(\.$assessment.$id == record.requireID()).all())
    }

    func createAssessment(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let created = try await AssessmentChanges.create(try req.content.decode(AssessmentInput.self), family: family, req: req)
        try await created.$instrumentVersion.load(on: req.db)
        let needs = try await FamilyNeed.query(on: req.db).filter(\.$assessment.$id == created.requireID()).all()
        return try await AssessmentDTO(created, needs: needs).encodeResponse(status: .created, for: req)
    }

    // MARK: The agreement

    func agreement(req: Request) async throws -> AgreementDTO {
        let family = try await req.visibleFamily()
        let agreement = try await chosenAgreement(req, family: family)
        try await req.audit(.view, .agreement, family: family.id, recordID: agreement.id, detail: "api")
        return try await dto(agreement, on: req.db)
    }

    func startAgreement(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let agreement = try await AgreementChanges.start(try req.content.decode(StartInput.self), family: family, req: req)
        return try await dto(agreement, on: req.db).encodeResponse(status: .created, for: req)
    }

    func review(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let agreement = try await chosenAgreement(req, family: family)
        let review = try await AgreementChanges.review(try req.content.decode(ReviewInput.self), agreement: agreement, req: req)
        return try await ReviewDTO(review).encodeResponse(status: .created, for: req)
    }

    func acknowledge(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let agreement = try await chosenAgreement(req, family: family)
        let ack = try await AgreementChanges.acknowledge(try req.content.decode(AcknowledgementInput.self), agreement: agreement, req: req)
        return try await AcknowledgementDTO(ack).encodeResponse(status: .created, for: req)
    }

    // MARK: Goals

    func goals(req: Request) async throws -> [GoalDTO] {
        let family = try await req.visibleFamily()
        let agreement = try await chosenAgreement(req, family: family)
        let goals = try await Goal.query(on: req.db).filter(\.$agreement.$id == agreement.requireID()).sort(\.$createdAt).all()
        try await req.audit(.view, .goal, family: family.id, detail: "api list shown=\(goals.count)")
        return try await goals.asyncMap { try await dto($0, on: req.db) }
    }

    func goal(req: Request) async throws -> GoalDTO {
        let family = try await req.visibleFamily()
        let goal = try await AgreementChanges.goal(req.uuidParameter("goalID"), in: family, on: req.db)
        try await req.audit(.view, .goal, family: family.id, recordID: goal.id)
        return try await dto(goal, on: req.db)
    }

    func createGoal(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let (_, year) = try await AgreementChanges.currentYear(req)
        guard let agreement = try await AgreementChanges.agreement(for: family, year: year, on: req.db) else {
            throw Abort(.conflict, reason: "Start this year's agreement before adding goals.")
        }
        let goal = try await AgreementChanges.createGoal(try req.content.decode(GoalInput.self), agreement: agreement, family: family, req: req)
        return try await dto(goal, on: req.db).encodeResponse(status: .created, for: req)
    }

    func updateGoal(req: Request) async throws -> GoalDTO {
        let family = try await req.editableFamily()
        let goal = try await AgreementChanges.goal(req.uuidParameter("goalID"), in: family, on: req.db)
        try await AgreementChanges.updateGoal(goal, with: try req.content.decode(GoalInput.self), family: family, req: req)
        return try await dto(goal, on: req.db)
    }

    func changeState(req: Request) async throws -> GoalDTO {
        let family = try await req.editableFamily()
        let goal = try await AgreementChanges.goal(req.uuidParameter("goalID"), in: family, on: req.db)
        try await AgreementChanges.changeState(goal, try req.content.decode(GoalStateInput.self), req: req)
        return try await dto(goal, on: req.db)
    }

    func addStep(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let goal = try await AgreementChanges.goal(req.uuidParameter("goalID"), in: family, on: req.db)
        let step = try await AgreementChanges.addStep(try req.content.decode(StepInput.self), goal: goal, family: family, req: req)
        return try await StepDTO(step).encodeResponse(status: .created, for: req)
    }

    func markStep(req: Request) async throws -> StepDTO {
        let family = try await req.editableFamily()
        let goal = try await AgreementChanges.goal(req.uuidParameter("goalID"), in: family, on: req.db)
        let step = try await AgreementChanges.step(req.uuidParameter("stepID"), of: goal, on: req.db)
        try await AgreementChanges.markStep(step, try req.content.decode(StepDoneInput.self), req: req)
        return StepDTO(step)
    }

    func addNote(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let goal = try await AgreementChanges.goal(req.uuidParameter("goalID"), in: family, on: req.db)
        let note = try await AgreementChanges.addNote(try req.content.decode(NoteInput.self), goal: goal, req: req)
        return try await NoteDTO(note).encodeResponse(status: .created, for: req)
    }

    // MARK: Helpers

    /// This program year's agreement, or the one named by `?year=2025`; 404 when there is none.
    private func chosenAgreement(_ req: Request, family: Family) async throws -> Agreement {
        var year = try await AgreementChanges.currentYear(req).1
        if let raw = try? req.query.get(String.self, at: "year") {
            guard let chosen = ProgramYear(raw) else {
                var errors = FieldErrors()
                errors["year"] = "Must be the year the program year starts, like 2026."
                throw errors
            }
            year = chosen
        }
        guard let agreement = try await AgreementChanges.agreement(for: family, year: year, on: req.db) else {
            throw Abort(.notFound, reason: "This family has no agreement for \(year).")
        }
        return agreement
    }

    private func dto(_ agreement: Agreement, on db: any Database) async throws -> AgreementDTO {
        let id = try agreement.requireID()
        return AgreementDTO(agreement,
                            reviews: try await AgreementReview.query(on: db).filter(\.$agreement.$id == id).sort(\.$reviewedOn).all(),
                            acknowledgements: try await Acknowledgement.query(on: db).filter(\.$agreement.$id == id).sort(\.$acknowledgedOn).all())
    }

    private func dto(_ goal: Goal, on db: any Database) async throws -> GoalDTO {
        let id = try goal.requireID()
        return GoalDTO(goal,
                       steps: try await ActionStep.query(on: db).filter(\.$goal.$id == id).sort(\.$dueOn).sort(\.$createdAt).all(),
                       notes: try await ProgressNote.query(on: db).filter(\.$goal.$id == id).sort(\.$notedOn).sort(\.$createdAt).all())
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        results.reserveCapacity(count)
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
