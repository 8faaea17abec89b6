import Fluent
import Foundation
import PartnershipRules
import Vapor

/// A family's partnership agreement for the program year: start it, review it, record the family's
/// acknowledgement, and print it in the family's language.
struct AgreementController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.agreement(.routeParameter).pattern, use: show)
        routes.post(SiteURL.agreement(.routeParameter).pattern, use: start)
        routes.get(SiteURL.agreementPrint(.routeParameter).pattern, use: print)
        routes.post(SiteURL.agreementReviews(.routeParameter).pattern, use: review)
        routes.post(SiteURL.agreementAcknowledgements(.routeParameter).pattern, use: acknowledge)
        routes.post(SiteURL.agreementSupervisorReviews(.routeParameter).pattern, use: superviseReview)
    }

    func superviseReview(req: Request) async throws -> Response {
        let input = try req.content.decode(SupervisorReviewInput.self)
        do {
            _ = try await SupervisionCommands.reviewAgreement(family: req.uuidParameter("familyID"), year: chosenYear(req), input, in: req.context())
            req.flash("Supervisor's review recorded.")
            return req.redirect(to: SiteURL.agreement(try req.uuidParameter("familyID")).path)
        } catch let errors as FieldErrors {
            return try await render(req, family: req.visibleFamily(), errors: errors)
        }
    }

    func show(req: Request) async throws -> Response {
        try await render(req, family: req.visibleFamily())
    }

    func start(req: Request) async throws -> Response {
        let input = try req.content.decode(StartInput.self)
        do {
            let agreement = try await AgreementCommands.start(input, family: req.uuidParameter("familyID"), in: req.context())
            req.flash("Agreement started. Add the family's first goal.")
            return req.redirect(to: SiteURL.agreement(agreement.$family.id).path)
        } catch let errors as FieldErrors {
            return try await render(req, family: req.editableFamily(), errors: errors)
        }
    }

    func review(req: Request) async throws -> Response {
        let input = try req.content.decode(ReviewInput.self)
        do {
            _ = try await AgreementCommands.review(input, family: req.uuidParameter("familyID"), year: chosenYear(req), in: req.context())
            req.flash("Review recorded.")
            return req.redirect(to: SiteURL.agreement(try req.uuidParameter("familyID")).path)
        } catch let errors as FieldErrors {
            return try await render(req, family: req.editableFamily(), errors: errors, review: input)
        }
    }

    func acknowledge(req: Request) async throws -> Response {
        let input = try req.content.decode(AcknowledgementInput.self)
        do {
            _ = try await AgreementCommands.acknowledge(input, family: req.uuidParameter("familyID"), year: chosenYear(req),
                                                        in: req.context())
            req.flash("Acknowledgement recorded.")
            return req.redirect(to: SiteURL.agreement(try req.uuidParameter("familyID")).path)
        } catch let errors as FieldErrors {
            return try await render(req, family: req.editableFamily(), errors: errors, acknowledgement: input)
        }
    }

    func print(req: Request) async throws -> Response {
        let ctx = try req.context()
        let family = try await req.visibleFamily()
        let agreement = try await AgreementCommands.agreement(for: family, year: chosenYear(req), in: ctx)
        let language = (try? req.query.get(String.self, at: "lang")).flatMap(FamilyLanguage.init(rawValue:))
            ?? FamilyLanguage(preferred: family.preferredLanguage)
        let model = try await AgreementPage.Model.load(family: family, agreement: agreement, program: nil, staff: ctx.staff,
                                                       today: ctx.today, on: req.db)
        try await req.audit(.print, .agreement, family: family.id, recordID: agreement.id, detail: "lang=\(language.rawValue)")
        return AgreementPrint.document(model, language: language).response()
    }

    /// `?year=2025` for an earlier program year's agreement; nil for this year's.
    private func chosenYear(_ req: Request) -> ProgramYear? {
        (try? req.query.get(String.self, at: "year")).flatMap(ProgramYear.init)
    }

    private func render(_ req: Request, family: Family, errors: FieldErrors = FieldErrors(),
                        review: ReviewInput? = nil, acknowledgement: AcknowledgementInput? = nil) async throws -> Response {
        let ctx = try req.context()
        let (program, current) = try await AgreementCommands.currentYear(in: ctx)
        let chosen = chosenYear(req) ?? current
        let agreement = try await AgreementCommands.agreement(for: family.requireID(), year: chosen, on: req.db)
        let model = try await AgreementPage.Model.load(family: family, agreement: agreement, program: program, staff: ctx.staff,
                                                       today: ctx.today, on: req.db)
        try await req.audit(.view, .agreement, family: family.id, recordID: agreement?.id, detail: "year=\(chosen.stored)")
        let view = AgreementPage.View(model: model, year: chosen, isCurrentYear: chosen == current, errors: errors,
                                      review: review, acknowledgement: acknowledgement, csrf: req.csrfToken)
        return req.page(title: "Partnership agreement", view.body, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
