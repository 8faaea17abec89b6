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

    /// Adds one of the program's own service categories: one that no PIR item counts.
    func addCategory(req: Request) async throws -> Response {
        let input = try req.content.decode(DirectoryCommands.CategoryInput.self)
        do {
            _ = try await DirectoryCommands.addCategory(input, in: req.context())
            req.flash("Category added.")
            return req.redirect(to: SiteURL.programSettings.path)
        } catch let errors as FieldErrors {
            let program = try await director(req)
            return try await render(req, program: program, input: ProgramSettingsInput(program), errors: errors, category: input)
        }
    }

    func show(req: Request) async throws -> Response {
        let program = try await director(req)
        return try await render(req, program: program, input: ProgramSettingsInput(program))
    }

    func update(req: Request) async throws -> Response {
        var input = try req.content.decode(ProgramSettingsInput.self)
        do {
            _ = try await ProgramCommands.updateSettings(input, basedOn: BasedOn(input.version), in: req.context())
            req.flash("Program settings saved.")
            return req.redirect(to: SiteURL.programSettings.path)
        } catch let errors as FieldErrors {
            return try await render(req, program: director(req), input: input, errors: errors)
        } catch let stale as StaleRecord {
            let current = stale.current as! Program
            let errors = StaleForm.messages(current: ProgramSettingsInput(current), typed: input)
            input.version = current.version
            return try await render(req, program: current, input: input, errors: errors, status: .conflict)
        }
    }

    private func director(_ req: Request) async throws -> Program {
        let ctx = try req.context()
        try ctx.require(\.mayChangeProgramSettings, "Program settings are changed by the director.")
        return try await ProgramCommands.program(in: ctx)
    }

    private func render(_ req: Request, program: Program, input: ProgramSettingsInput, errors: FieldErrors = FieldErrors(),
                        category: DirectoryCommands.CategoryInput? = nil, status: HTTPResponseStatus? = nil) async throws -> Response {
        let own = try await CustomCategory.query(on: req.db).filter(\.$program.$id == program.requireID()).sort(\.$label).all()
        let pir = PIRFamilyServices.edition(for: program.year(containing: req.clock.today))
        return req.page(title: "Program settings", [
            .h1(.text("Program settings")),
            .p(.text(program.name)),
            .p(.a(.href(SiteURL.visitSettings.path), .text("Visits: kinds of visit and their rules, visits due each year, the longest gap between contacts"))),
            FormKit.summary(errors),
            FormKit.form(action: SiteURL.programSettings.path, csrf: req.csrfToken, [
                FormKit.version(input.version),
                FormKit.field("agreement_start_days", "Days after enrollment to start the family partnership agreement",
                              value: input.agreementStartDays, errors: errors, required: true, hint: "30 unless your program sets a shorter time."),
                FormKit.field("agreement_review_days", "Days between reviews of an agreement", value: input.agreementReviewDays,
                              errors: errors, required: true, hint: "90 is every three months."),
                FormKit.field("assessment_periods", "Assessment periods", value: input.assessmentPeriods, errors: errors, required: true,
                              hint: "Intake first, then the later periods, separated by commas: intake, fall, winter, spring."),
                FormKit.checkbox("referrals_need_family_request", "Make referrals only when the family asks (the Home Visit Partnerships way)",
                                 checked: input.referralsNeedFamilyRequest ?? false),
                FormKit.fieldset("Who sees child welfare case plans", id: FormKit.id("restricted_plan_roles[]"), [
                    .p(.class("hint"), .text("Plans a family has with a child welfare agency are among its most sensitive records. "
                                             + "They are shared with partners only under a consent that names them.")),
                    FormKit.hidden("restricted_plan_roles[]", ""),
                ] + StaffRole.allCases.filter { ![.admin, .partner].contains($0) }.map {
                    FormKit.checkbox("restricted_plan_roles[]", $0.label, checked: (input.restrictedPlanRoles ?? []).contains($0.rawValue), value: $0.rawValue)
                } + [.unwrap(errors["restricted_plan_roles[]"]) { .p(.class("error"), .text($0)) }]),
                FormKit.field("caseload_limit", "Families per family-services staff member", value: input.caseloadLimit, errors: errors,
                              type: .number, required: true, hint: "At most \(CaseloadLimit.regulatoryMaximum) (\(CaseloadLimit.rule)); more only under a recorded exception."),
                FormKit.fieldset("Roles that carry a caseload", id: FormKit.id("caseload_roles[]"), [
                    .p(.class("hint"), .text("Only their holders may be a family's point of contact, and the limit counts their families.")),
                    FormKit.hidden("caseload_roles[]", ""),
                ] + [StaffRole.familyServiceWorker, .homeVisitor, .teacher, .specialist, .manager].map {
                    FormKit.checkbox("caseload_roles[]", $0.label, checked: (input.caseloadRoles ?? []).contains($0.rawValue), value: $0.rawValue)
                } + [.unwrap(errors["caseload_roles[]"]) { .p(.class("error"), .text($0)) }]),
                FormKit.submit("Save settings"),
            ]),
            .h2(.text("Your program's own service categories")),
            .p(.text("For services no PIR item counts. The built-in categories are counted under this year's PIR edition, \(pir.name).")),
            own.isEmpty ? .p(.text("None yet.")) : .ul(.forEach(own) {
                .li(.text("\($0.label) — follow up after \($0.followUpDays) days" + ($0.isHealthRelated ? "; health-related" : "")))
            }),
            FormKit.form(action: SiteURL.programCategories.path, csrf: req.csrfToken, [
                FormKit.fieldset("Add a category", [
                    FormKit.field("label", "Name", value: category?.label, errors: errors, required: true, hint: "For example: Diaper bank."),
                    FormKit.field("follow_up_days", "Days to follow up a referral", value: category?.followUpDays ?? "30", errors: errors, required: true),
                    FormKit.checkbox("health_related", "Health-related: shared with partners only under a health consent",
                                     checked: category?.healthRelated ?? false),
                    FormKit.submit("Add category", secondary: true),
                ]),
            ]),
        ], status: status ?? (errors.isEmpty ? .ok : .unprocessableEntity))
    }
}
