import Fluent
import Foundation
import PartnershipRules
import Plot
import Vapor

/// The director's program settings for the partnership process: when agreements must be started and
/// reviewed, and the year's assessment periods.
struct ProgramSettingsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.programSettings.pattern, use: show)
        routes.post(SiteURL.programSettings.pattern, use: update)
    }

    struct Input: Content {
        var agreementStartDays: String?
        var agreementReviewDays: String?
        var assessmentPeriods: String?
        enum CodingKeys: String, CodingKey {
            case agreementStartDays = "agreement_start_days", agreementReviewDays = "agreement_review_days"
            case assessmentPeriods = "assessment_periods"
        }
    }

    func show(req: Request) async throws -> Response {
        let program = try await director(req)
        let input = Input(agreementStartDays: String(program.agreementStartDays), agreementReviewDays: String(program.agreementReviewDays),
                          assessmentPeriods: program.assessmentPeriods.joined(separator: ", "))
        return render(req, program: program, input: input)
    }

    func update(req: Request) async throws -> Response {
        let program = try await director(req)
        let input = try req.content.decode(Input.self)
        var errors = FieldErrors()
        let start = Int(FieldRules.trimmed(input.agreementStartDays) ?? "")
        if let problem = AgreementSchedule.problem(days: start, label: "Days to start the agreement") { errors["agreement_start_days"] = problem.message }
        let review = Int(FieldRules.trimmed(input.agreementReviewDays) ?? "")
        if let problem = AgreementSchedule.problem(days: review, label: "Days between reviews") { errors["agreement_review_days"] = problem.message }
        let periods = errors.take("assessment_periods", AssessmentPeriods.parse(input.assessmentPeriods))
        guard errors.isEmpty, let start, let review, let periods else {
            return render(req, program: program, input: input, errors: errors)
        }
        program.agreementStartDays = start
        program.agreementReviewDays = review
        program.assessmentPeriodsList = periods.joined(separator: ",")
        try await program.save(on: req.db)
        req.flash("Program settings saved.")
        return req.redirect(to: SiteURL.programSettings.path)
    }

    private func director(_ req: Request) async throws -> Program {
        let staff = try req.staff()
        guard staff.access.mayChangeProgramSettings else {
            throw Abort(.forbidden, reason: "Program settings are changed by the director.")
        }
        return try await Program.find(staff.programID, on: req.db).orThrow()
    }

    private func render(_ req: Request, program: Program, input: Input, errors: FieldErrors = FieldErrors()) -> Response {
        req.page(title: "Program settings", [
            .h1(.text("Program settings")),
            .p(.text(program.name)),
            FormKit.summary(errors),
            FormKit.form(action: SiteURL.programSettings.path, csrf: req.csrfToken, [
                FormKit.field("agreement_start_days", "Days after enrollment to start the family partnership agreement",
                              value: input.agreementStartDays, errors: errors, required: true, hint: "30 unless your program sets a shorter time."),
                FormKit.field("agreement_review_days", "Days between reviews of an agreement", value: input.agreementReviewDays,
                              errors: errors, required: true, hint: "90 is every three months."),
                FormKit.field("assessment_periods", "Assessment periods", value: input.assessmentPeriods, errors: errors, required: true,
                              hint: "Intake first, then the later periods, separated by commas: intake, fall, winter, spring."),
                FormKit.submit("Save settings"),
            ]),
        ], status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
