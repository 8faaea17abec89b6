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
        routes.post(SiteURL.programCategories.pattern, use: addCategory)
    }

    struct CategoryInput: Content {
        var label: String?
        var followUpDays: String?
        enum CodingKeys: String, CodingKey { case label, followUpDays = "follow_up_days" }
    }

    /// Adds one of the program's own service categories: one that no PIR item counts.
    func addCategory(req: Request) async throws -> Response {
        let program = try await director(req)
        let input = try req.content.decode(CategoryInput.self)
        var errors = FieldErrors()
        let label = errors.take("label", FieldRules.text(input.label, label: "Category name", required: true, max: 80)) ?? nil
        let days = Int(FieldRules.trimmed(input.followUpDays) ?? "")
        if let problem = AgreementSchedule.problem(days: days, label: "Days to follow up a referral") { errors["follow_up_days"] = problem.message }
        let catalog = try await ServiceCatalog.load(program: program.requireID(), on: req.db)
        let key = label.map(Self.key) ?? ""
        if label != nil, key.isEmpty { errors["label"] = "Give the category a name with letters or digits." }
        if label != nil, catalog.category(key) != nil || catalog.lookup[label!.lowercased()] != nil {
            errors["label"] = "There is already a category called that."
        }
        guard errors.isEmpty, let label, let days else {
            return try await render(req, program: program, input: Self.input(program), errors: errors, category: input)
        }
        let category = CustomCategory()
        category.$program.id = try program.requireID()
        category.key = key
        category.label = label
        category.followUpDays = days
        try await category.save(on: req.db)
        req.flash("Category added.")
        return req.redirect(to: SiteURL.programSettings.path)
    }

    /// "Diaper bank" → "diaper-bank".
    static func key(_ label: String) -> String {
        let words = label.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) || !$0.isASCII })
        return String(words.joined(separator: "-").prefix(60))
    }

    static func input(_ program: Program) -> Input {
        Input(agreementStartDays: String(program.agreementStartDays), agreementReviewDays: String(program.agreementReviewDays),
              assessmentPeriods: program.assessmentPeriods.joined(separator: ", "),
              referralsNeedFamilyRequest: program.referralsNeedFamilyRequest)
    }

    struct Input: Content {
        var agreementStartDays: String?
        var agreementReviewDays: String?
        var assessmentPeriods: String?
        var referralsNeedFamilyRequest: Bool?
        enum CodingKeys: String, CodingKey {
            case agreementStartDays = "agreement_start_days", agreementReviewDays = "agreement_review_days"
            case assessmentPeriods = "assessment_periods", referralsNeedFamilyRequest = "referrals_need_family_request"
        }

        init(agreementStartDays: String?, agreementReviewDays: String?, assessmentPeriods: String?, referralsNeedFamilyRequest: Bool?) {
            self.agreementStartDays = agreementStartDays
            self.agreementReviewDays = agreementReviewDays
            self.assessmentPeriods = assessmentPeriods
            self.referralsNeedFamilyRequest = referralsNeedFamilyRequest
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            agreementStartDays = try c.decodeIfPresent(String.self, forKey: .agreementStartDays)
            agreementReviewDays = try c.decodeIfPresent(String.self, forKey: .agreementReviewDays)
            assessmentPeriods = try c.decodeIfPresent(String.self, forKey: .assessmentPeriods)
            referralsNeedFamilyRequest = try c.decodeFlag(.referralsNeedFamilyRequest)
        }
    }

    func show(req: Request) async throws -> Response {
        let program = try await director(req)
        return try await render(req, program: program, input: Self.input(program))
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
            return try await render(req, program: program, input: input, errors: errors)
        }
        program.agreementStartDays = start
        program.agreementReviewDays = review
        program.assessmentPeriodsList = periods.joined(separator: ",")
        program.referralsNeedFamilyRequest = input.referralsNeedFamilyRequest ?? false
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

    private func render(_ req: Request, program: Program, input: Input, errors: FieldErrors = FieldErrors(),
                        category: CategoryInput? = nil) async throws -> Response {
        let own = try await CustomCategory.query(on: req.db).filter(\.$program.$id == program.requireID()).sort(\.$label).all()
        let pir = PIRFamilyServices.edition(for: program.year(containing: .today()))
        return req.page(title: "Program settings", [
            .h1(.text("Program settings")),
            .p(.text(program.name)),
            .p(.a(.href(SiteURL.visitSettings.path), .text("Visits: kinds of visit and their rules, visits due each year, the longest gap between contacts"))),
            FormKit.summary(errors),
            FormKit.form(action: SiteURL.programSettings.path, csrf: req.csrfToken, [
                FormKit.field("agreement_start_days", "Days after enrollment to start the family partnership agreement",
                              value: input.agreementStartDays, errors: errors, required: true, hint: "30 unless your program sets a shorter time."),
                FormKit.field("agreement_review_days", "Days between reviews of an agreement", value: input.agreementReviewDays,
                              errors: errors, required: true, hint: "90 is every three months."),
                FormKit.field("assessment_periods", "Assessment periods", value: input.assessmentPeriods, errors: errors, required: true,
                              hint: "Intake first, then the later periods, separated by commas: intake, fall, winter, spring."),
                FormKit.checkbox("referrals_need_family_request", "Make referrals only when the family asks (the Home Visit Partnerships way)",
                                 checked: input.referralsNeedFamilyRequest ?? false),
                FormKit.submit("Save settings"),
            ]),
            .h2(.text("Your program's own service categories")),
            .p(.text("For services no PIR item counts. The built-in categories are counted under this year's PIR edition, \(pir.name).")),
            own.isEmpty ? .p(.text("None yet.")) : .ul(.forEach(own) { .li(.text("\($0.label) — follow up after \($0.followUpDays) days")) }),
            FormKit.form(action: SiteURL.programCategories.path, csrf: req.csrfToken, [
                FormKit.fieldset("Add a category", [
                    FormKit.field("label", "Name", value: category?.label, errors: errors, required: true, hint: "For example: Diaper bank."),
                    FormKit.field("follow_up_days", "Days to follow up a referral", value: category?.followUpDays ?? "30", errors: errors, required: true),
                    FormKit.submit("Add category", secondary: true),
                ]),
            ]),
        ], status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
