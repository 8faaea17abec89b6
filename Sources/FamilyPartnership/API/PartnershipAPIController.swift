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
        routes.put(APIURL.goal(id, goal: id).pattern, use: replaceGoal)
        routes.patch(APIURL.goal(id, goal: id).pattern, use: patchGoal)
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
        let version = try await AssessmentCommands.importInstrument(instrument, in: req.context())
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
        let record = try await AssessmentCommands.find(req.uuidParameter("assessmentID"), in: family, on: req.db)
        try await req.audit(.view, .assessment, family: family.id, recordID: record.id)
        return AssessmentDTO(record, needs: try await FamilyNeed.query(on: req.db).filter(\.$assessment.$id == record.requireID()).all())
    }

    func createAssessment(req: Request) async throws -> Response {
        let created = try await AssessmentCommands.create(try req.decodeJSON(AssessmentInput.self), family: req.uuidParameter("familyID"),
                                                          in: req.context())
        try await created.$instrumentVersion.load(on: req.db)
        let needs = try await FamilyNeed.query(on: req.db).filter(\.$assessment.$id == created.requireID()).all()
        return try await AssessmentDTO(created, needs: needs).encodeResponse(status: .created, for: req)
    }

    // MARK: The agreement

    func agreement(req: Request) async throws -> Response {
        let family = try await req.visibleFamily()
        let agreement = try await AgreementCommands.agreement(for: family, year: chosenYear(req), in: req.context())
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
                                                        year: chosenYear(req), in: req.context())
        return try await ReviewDTO(review).encodeResponse(status: .created, for: req)
    }

    func acknowledge(req: Request) async throws -> Response {
        let ack = try await AgreementCommands.acknowledge(try req.decodeJSON(AcknowledgementInput.self), family: req.uuidParameter("familyID"),
                                                         year: chosenYear(req), in: req.context())
        return try await AcknowledgementDTO(ack).encodeResponse(status: .created, for: req)
    }

    // MARK: Goals

    func goals(req: Request) async throws -> PageDTO<GoalDTO> {
        let family = try await req.visibleFamily()
        var errors = FieldErrors()
        let page = PageRequest(req, errors: &errors)
        let year = try chosenYear(req)
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
    private func chosenYear(_ req: Request) throws -> ProgramYear? {
        guard let raw = try? req.query.get(String.self, at: "year") else { return nil }
        guard let year = ProgramYear(raw) else {
            throw FieldErrors.one("year", "Must be the year the program year starts, like 2026.")
        }
        return year
    }

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

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        results.reserveCapacity(count)
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
