import Fluent
import Foundation
import PartnershipRules
import Vapor

/// Assessing a family's strengths and needs on one of the program's instruments.
struct AssessmentController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.assessmentNew(.routeParameter).pattern, use: new)
        routes.post(SiteURL.assessmentNew(.routeParameter).pattern, use: create)
        routes.get(SiteURL.assessment(.routeParameter, assessment: .routeParameter).pattern, use: show)
        routes.post(SiteURL.assessmentNeeds(.routeParameter, assessment: .routeParameter).pattern, use: addNeed)
        routes.post(SiteURL.needMet(.routeParameter, need: .routeParameter).pattern, use: markNeedMet)
    }

    func new(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let instruments = try await InstrumentLibrary.current(program: req.staff().programID, on: req.db)
        var input = AssessmentInput()
        let chosen = (try? req.query.get(String.self, at: "instrument")).flatMap(UUID.init(uuidString:))
        input.instrumentVersionID = (instruments.first { $0.id == chosen } ?? instruments.first { $0.key == Instrument.builtIn.key })?
            .id?.uuidString.lowercased()
        input.takenOn = req.clock.today.description
        let hasAssessments = try await Assessment.query(on: req.db).filter(\.$family.$id == family.requireID()).count() > 0
        input.period = hasAssessments ? nil : "intake"
        try await req.audit(.view, .assessment, family: family.id, detail: "new assessment form")
        return try await render(req, family: family, instruments: instruments, input: input)
    }

    func create(req: Request) async throws -> Response {
        let input = try req.content.decode(AssessmentInput.self)
        do {
            let assessment = try await AssessmentCommands.create(input, family: req.uuidParameter("familyID"), in: req.context())
            req.flash("Assessment saved.")
            return req.redirect(to: SiteURL.assessment(assessment.$family.id, assessment: assessment.id!).path)
        } catch let errors as FieldErrors {
            let family = try await req.editableFamily()
            let instruments = try await InstrumentLibrary.current(program: req.staff().programID, on: req.db)
            return try await render(req, family: family, instruments: instruments, input: input, errors: errors)
        }
    }

    func show(req: Request) async throws -> Response {
        let family = try await req.visibleFamily()
        let assessment = try await AssessmentCommands.find(req.uuidParameter("assessmentID"), in: family, on: req.db)
        try await req.audit(.view, .assessment, family: family.id, recordID: assessment.id)
        let model = try await AssessmentShow.Model.load(assessment, family: family, staff: req.staff(), on: req.db)
        return req.page(title: "Assessment", AssessmentShow.View(model: model, csrf: req.csrfToken).body)
    }

    func addNeed(req: Request) async throws -> Response {
        let input = try req.content.decode(ProposedNeedInput.self)
        let familyID = try req.uuidParameter("familyID"), assessmentID = try req.uuidParameter("assessmentID")
        do {
            _ = try await AssessmentCommands.addNeed(input.need, family: familyID, assessment: assessmentID,
                                                     itemKey: FieldRules.trimmed(input.itemKey), in: req.context())
            req.flash("Need recorded.")
        } catch let errors as FieldErrors {
            req.flash(errors.messages.values.sorted().joined(separator: " "))
        }
        return req.redirect(to: SiteURL.assessment(familyID, assessment: assessmentID).path)
    }

    func markNeedMet(req: Request) async throws -> Response {
        let familyID = try req.uuidParameter("familyID")
        let input = try req.content.decode(NeedMetInput.self)
        do {
            let need = try await AssessmentCommands.markNeedMet(try req.uuidParameter("needID"), family: familyID, on: input.metOn,
                                                                basedOn: BasedOn(input.version), in: req.context())
            req.flash("Need marked met: \(need.description).")
        } catch let errors as FieldErrors {
            req.flash(errors.messages.values.sorted().joined(separator: " "))
        } catch is StaleRecord {
            req.flash("Someone else changed this need meanwhile; it is shown as it is now.")
        }
        // Back where the need was closed from (a referral's or goal's page of this family), else the family's needs.
        let family = SiteURL.family(familyID).path
        let back = (try? req.content.get(String.self, at: "back")).flatMap { $0.hasPrefix(family + "/") && !$0.contains("//") ? $0 : nil }
        return req.redirect(to: back ?? family + "#needs")
    }

    struct NeedMetInput: Content, APIInput {
        static let fields = Set(CodingKeys.allCases.map(\.stringValue))
        var metOn: String?
        var version: Int?
        enum CodingKeys: String, CodingKey, CaseIterable { case metOn = "met_on", version }
    }

    struct ProposedNeedInput: Content {
        var category: String?
        var urgency: String?
        var intensity: String?
        var description: String?
        var itemKey: String?
        enum CodingKeys: String, CodingKey { case category, urgency, intensity, description, itemKey = "item_key" }
        var need: NeedInput { NeedInput(category: category, urgency: urgency, intensity: intensity, description: description) }
    }

    private func render(_ req: Request, family: Family, instruments: [InstrumentVersion], input: AssessmentInput,
                        errors: FieldErrors = FieldErrors()) async throws -> Response {
        let program = try await Program.find(req.staff().programID, on: req.db).orThrow()
        let chosen = input.instrumentVersionID.flatMap(UUID.init(uuidString:))
        var version = instruments.first { $0.id == chosen }
        if version == nil, let chosen { version = try? await InstrumentLibrary.find(chosen, program: program.requireID(), on: req.db) }
        let model = AssessmentForm.Model(family: family, instruments: instruments, version: version,
                                         instrument: try version?.instrument, periods: program.assessmentPeriods,
                                         catalog: try await ServiceCatalog.load(program: program.requireID(), on: req.db),
                                         input: input, errors: errors)
        return req.page(title: "Assess \(family.householdName)", AssessmentForm.View(model: model, csrf: req.csrfToken).body,
                        status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
