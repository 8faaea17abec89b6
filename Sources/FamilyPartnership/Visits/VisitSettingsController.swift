import Fluent
import Foundation
import PartnershipRules
import Plot
import Vapor

/// The director's visit settings: the longest allowed gap between contacts, the visits and conferences each
/// program option's families are due in a year, and the kinds of visit with their rules.
struct VisitSettingsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.visitSettings.pattern, use: show)
        routes.post(SiteURL.visitSettings.pattern, use: update)
        routes.get(SiteURL.visitTypeNew.pattern, use: newType)
        routes.post(SiteURL.visitTypeNew.pattern, use: createType)
        routes.get(SiteURL.visitType(.routeParameter).pattern, use: editType)
        routes.post(SiteURL.visitType(.routeParameter).pattern, use: updateType)
    }

    func show(req: Request) async throws -> Response {
        let program = try await director(req)
        var values: [String: String] = ["contact_gap_days": String(program.contactGapDays)]
        for (option, requirement) in try await ProgramVisitRequirement.all(program: program.requireID(), on: req.db) {
            values["home_visits_\(option.rawValue)"] = String(requirement.homeVisits)
            values["conferences_\(option.rawValue)"] = String(requirement.conferences)
        }
        return try await render(req, program: program, values: values)
    }

    func update(req: Request) async throws -> Response {
        let values = try req.content.decode([String: String].self)
        do {
            _ = try await ProgramCommands.updateVisitSettings(values, basedOn: BasedOn(values["version"].flatMap(Int.init)), in: req.context())
            req.flash("Visit settings saved.")
            return req.redirect(to: SiteURL.visitSettings.path)
        } catch let errors as FieldErrors {
            return try await render(req, program: director(req), values: values, errors: errors)
        } catch is StaleRecord {
            var values = values
            let program = try await director(req)
            values["version"] = String(program.version)
            let errors = FieldErrors.one("contact_gap_days", "Someone else saved the visit settings while you were editing them. "
                                         + "What you typed is kept below: save again to keep it.")
            return try await render(req, program: program, values: values, errors: errors, status: .conflict)
        }
    }

    func newType(req: Request) async throws -> Response {
        let program = try await director(req)
        return try await renderType(req, program: program, type: nil,
                                    input: VisitTypeInput(minimumMinutes: "30", staffRequired: "1", places: [VisitPlace.home.rawValue], countsAs: VisitCountsAs.homeVisit.rawValue))
    }

    func createType(req: Request) async throws -> Response {
        let input = try req.content.decode(VisitTypeInput.self)
        do {
            let type = try await VisitCommands.saveVisitType(nil, input, basedOn: .unknown, in: req.context())
            req.flash("\(type.name) saved.")
            return req.redirect(to: SiteURL.visitSettings.path)
        } catch let errors as FieldErrors {
            return try await renderType(req, program: director(req), type: nil, input: input, errors: errors)
        }
    }

    func editType(req: Request) async throws -> Response {
        let program = try await director(req)
        let type = try await VisitCommands.visitType(req.uuidParameter("typeID"), in: req.context())
        return try await renderType(req, program: program, type: type, input: VisitTypeInput(type))
    }

    func updateType(req: Request) async throws -> Response {
        var input = try req.content.decode(VisitTypeInput.self)
        do {
            let type = try await VisitCommands.saveVisitType(req.uuidParameter("typeID"), input, basedOn: BasedOn(input.version), in: req.context())
            req.flash("\(type.name) saved.")
            return req.redirect(to: SiteURL.visitSettings.path)
        } catch let errors as FieldErrors {
            let type = try await VisitCommands.visitType(req.uuidParameter("typeID"), in: req.context())
            return try await renderType(req, program: director(req), type: type, input: input, errors: errors)
        } catch let stale as StaleRecord {
            let current = stale.current as! VisitType
            let errors = StaleForm.messages(current: VisitTypeInput(current), typed: input)
            input.version = current.version
            return try await renderType(req, program: director(req), type: current, input: input, errors: errors, status: .conflict)
        }
    }

    private func director(_ req: Request) async throws -> Program {
        let staff = try req.staff(allowedTo: \.mayChangeProgramSettings, "Program settings are changed by the director.")
        return try await Program.find(staff.programID, on: req.db).orThrow()
    }

    private func render(_ req: Request, program: Program, values: [String: String], errors: FieldErrors = FieldErrors(),
                        status: HTTPResponseStatus? = nil) async throws -> Response {
        let types = try await VisitTypes.all(program: program.requireID(), on: req.db)
        let courses = try await VisitTypes.courseNames(program: program.requireID(), on: req.db)
        return req.page(title: "Visit settings", [
            .p(.a(.href(SiteURL.programSettings.path), .text("← Program settings"))),
            .h1("Visit settings"),
            FormKit.summary(errors),
            FormKit.form(action: SiteURL.visitSettings.path, csrf: req.csrfToken, [
                FormKit.hidden("version", values["version"] ?? String(program.version)),
                FormKit.field("contact_gap_days", "Longest gap between contacts with a family, in days", value: values["contact_gap_days"], errors: errors,
                              type: .number, required: true, hint: "42 is six weeks, as Home Visit Partnerships asks. Families past it are listed on staff home pages."),
                .forEach(ProgramOption.allCases) { option in
                    FormKit.fieldset("\(option.label): due each program year", [
                        FormKit.field("home_visits_\(option.rawValue)", "Home visits", value: values["home_visits_\(option.rawValue)"], errors: errors, type: .number, required: true),
                        FormKit.field("conferences_\(option.rawValue)", "Parent conferences", value: values["conferences_\(option.rawValue)"], errors: errors, type: .number, required: true),
                    ])
                },
                .p(.class("hint"), .text("The Head Start standards' minimums: center-based and family child care, two home visits and two conferences (1302.34(b)); home-based, 32 home visits for Head Start, 46 for Early Head Start (1302.22(c)).")),
                FormKit.submit("Save visit settings"),
            ]),
            .h2("Kinds of visit"),
            .table(.thead(.tr(.th("Kind"), .th("Rules"))), .tbody(.forEach(types) { type in
                let rules = type.rules(courses: courses)
                return .tr(.td(.a(.href(SiteURL.visitType(type.id!).path), .text(type.name))),
                           .td(.text(["at least \(rules.minimumMinutes) min", "\(rules.staffRequired) staff", rules.requiredCourse.map { "\($0) required" },
                                      rules.familyAgreementRequired ? "family agrees first" : nil, rules.places.map { $0.label.lowercased() }.joined(separator: " or "),
                                      "counts as \(rules.countsAs.label.lowercased())"].compactMap { $0 }.joined(separator: " · "))))
            })),
            .p(.a(.href(SiteURL.visitTypeNew.path), .text("Add a kind of visit"))),
        ], status: status ?? (errors.isEmpty ? .ok : .unprocessableEntity))
    }

    private func renderType(_ req: Request, program: Program, type: VisitType?, input: VisitTypeInput, errors: FieldErrors = FieldErrors(),
                            status: HTTPResponseStatus? = nil) async throws -> Response {
        let courses = try await VisitTypes.courses(program: program.requireID(), on: req.db)
        let action = type.map { SiteURL.visitType($0.id!).path } ?? SiteURL.visitTypeNew.path
        let places = Set(input.places ?? [])
        return req.page(title: type?.name ?? "New kind of visit", [
            .p(.a(.href(SiteURL.visitSettings.path), .text("← Visit settings"))),
            .h1(.text(type?.name ?? "New kind of visit")),
            FormKit.summary(errors),
            FormKit.form(action: action, csrf: req.csrfToken, [
                FormKit.version(input.version),
                FormKit.field("name", "Name", value: input.name, errors: errors, required: true),
                FormKit.field("minimum_minutes", "Minimum length in minutes", value: input.minimumMinutes, errors: errors, type: .number, required: true),
                FormKit.field("staff_required", "Staff who must attend", value: input.staffRequired, errors: errors, type: .number, required: true),
                FormKit.select("required_course_id", "Training every attending staff member must hold", options: courses.map { ($0.id!.uuidString.lowercased(), $0.name) },
                               selected: input.requiredCourseID?.lowercased(), errors: errors, blank: "None"),
                FormKit.checkbox("family_agreement_required", "Record the family's agreement when it is scheduled", checked: FieldRules.flag(input.familyAgreementRequired)),
                FormKit.fieldset("Where it may be held", id: FormKit.id("places[]"), VisitPlace.allCases.map {
                    FormKit.checkbox("places[]", $0.label, checked: places.contains($0.rawValue), value: $0.rawValue)
                } + [.unwrap(errors["places[]"]) { .p(.class("error"), .text($0)) }]),
                FormKit.select("counts_as", "Counts as", options: VisitCountsAs.allCases.map { ($0.rawValue, $0.label) }, selected: input.countsAs,
                               errors: errors, required: true, blank: nil),
                FormKit.submit("Save"),
            ]),
        ], status: status ?? (errors.isEmpty ? .ok : .unprocessableEntity))
    }
}
