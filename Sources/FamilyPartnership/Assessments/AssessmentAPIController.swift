import Fluent
import Foundation
import PartnershipRules
import Vapor

/// `/api/v1`: the program's instruments, a family's assessments and needs met; the same checks, commands and audit as the pages.
struct AssessmentAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let id = UUID.routeParameter
        routes.get(APIURL.instruments.pattern, use: instruments)
        routes.post(APIURL.instruments.pattern, use: importInstrument)
        routes.get(APIURL.instrument(id).pattern, use: instrument)
        routes.get(APIURL.assessments(id).pattern, use: assessments)
        routes.post(APIURL.assessments(id).pattern, use: createAssessment)
        routes.get(APIURL.assessment(id, assessment: id).pattern, use: assessment)
        routes.post(APIURL.needMet(id, need: id).pattern, use: markNeedMet)
    }

    // MARK: Instruments

    func instruments(req: Request) async throws -> PageDTO<InstrumentDTO> {
        let staff = try req.staff(allowedTo: \.worksWithFamilies)
        let page = try PageRequest.checked(req)
        return try PageDTO(try await InstrumentLibrary.current(program: staff.programID, on: req.db), page, key: \.key, map: InstrumentDTO.init)
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

    func assessments(req: Request) async throws -> PageDTO<AssessmentDTO> {
        let page = try PageRequest.checked(req)
        let family = try await req.visibleFamily()
        let (records, next) = try await Assessment.query(on: req.db).filter(\.$family.$id == family.requireID())
            .with(\.$instrumentVersion).page(page, sortedBy: ["taken_on", "created_at"])
        let needs = try await FamilyNeed.query(on: req.db).filter(\.$assessment.$id ~~ records.compactMap(\.id)).all()
        try await req.audit(.view, .assessment, family: family.id, detail: "api list shown=\(records.count)")
        return PageDTO(items: records.map { a in AssessmentDTO(a, needs: needs.filter { $0.$assessment.id == a.id }) }, nextCursor: next)
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

    func markNeedMet(req: Request) async throws -> NeedDTO {
        let family = try await req.editableFamily()
        let input = try req.decodeJSON(AssessmentController.NeedMetInput.self)
        return NeedDTO(try await AssessmentCommands.markNeedMet(req.uuidParameter("needID"), family: family.requireID(), on: input.metOn,
                                                                basedOn: req.basedOn(input.version), in: req.context()))
    }
}
