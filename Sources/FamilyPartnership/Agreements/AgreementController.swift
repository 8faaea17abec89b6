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
    }

    func show(req: Request) async throws -> Response {
        let family = try await req.visibleFamily()
        return try await render(req, family: family)
    }

    func start(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let input = try req.content.decode(StartInput.self)
        do {
            _ = try await AgreementChanges.start(input, family: family, req: req)
            req.flash("Agreement started. Add the family's first goal.")
            return req.redirect(to: SiteURL.agreement(family.id!).path)
        } catch let errors as FieldErrors {
            return try await render(req, family: family, errors: errors)
        }
    }

    func review(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let agreement = try await currentAgreement(req, family: family)
        let input = try req.content.decode(ReviewInput.self)
        do {
            _ = try await AgreementChanges.review(input, agreement: agreement, req: req)
            req.flash("Review recorded.")
            return req.redirect(to: SiteURL.agreement(family.id!).path)
        } catch let errors as FieldErrors {
            return try await render(req, family: family, errors: errors, review: input)
        }
    }

    func acknowledge(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let agreement = try await currentAgreement(req, family: family)
        let input = try req.content.decode(AcknowledgementInput.self)
        do {
            _ = try await AgreementChanges.acknowledge(input, agreement: agreement, req: req)
            req.flash("Acknowledgement recorded.")
            return req.redirect(to: SiteURL.agreement(family.id!).path)
        } catch let errors as FieldErrors {
            return try await render(req, family: family, errors: errors, acknowledgement: input)
        }
    }

    func print(req: Request) async throws -> Response {
        let family = try await req.visibleFamily()
        let agreement = try await currentAgreement(req, family: family)
        let language = (try? req.query.get(String.self, at: "lang")).flatMap(FamilyLanguage.init(rawValue:))
            ?? FamilyLanguage(preferred: family.preferredLanguage)
        let model = try await AgreementPage.Model.load(family: family, agreement: agreement, program: nil, staff: req.staff(), on: req.db)
        try await req.audit(.print, .agreement, family: family.id, recordID: agreement.id, detail: "lang=\(language.rawValue)")
        return AgreementPrint.document(model, language: language).response()
    }

    /// This program year's agreement, or the one named by `?year=2025`; 404 when there is none.
    private func currentAgreement(_ req: Request, family: Family) async throws -> Agreement {
        let current = try await AgreementChanges.currentYear(req).1
        let year = (try? req.query.get(String.self, at: "year")).flatMap(ProgramYear.init) ?? current
        return try await AgreementChanges.agreement(for: family, year: year, on: req.db).orThrow()
    }

    private func render(_ req: Request, family: Family, errors: FieldErrors = FieldErrors(),
                        review: ReviewInput? = nil, acknowledgement: AcknowledgementInput? = nil) async throws -> Response {
        let staff = try req.staff()
        let (program, current) = try await AgreementChanges.currentYear(req)
        let chosen = (try? req.query.get(String.self, at: "year")).flatMap(ProgramYear.init) ?? current
        let agreement = try await AgreementChanges.agreement(for: family, year: chosen, on: req.db)
        let model = try await AgreementPage.Model.load(family: family, agreement: agreement, program: program, staff: staff, on: req.db)
        try await req.audit(.view, .agreement, family: family.id, recordID: agreement?.id, detail: "year=\(chosen.stored)")
        let view = AgreementPage.View(model: model, year: chosen, isCurrentYear: chosen == current, errors: errors,
                                      review: review, acknowledgement: acknowledgement, csrf: req.csrfToken)
        return req.page(title: "Partnership agreement", view.body, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
