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

    struct TypeInput: Content {
        var name: String?
        var minimumMinutes: String?
        var staffRequired: String?
        var requiredCourseID: String?
        var familyAgreementRequired: String?
        var places: [String]?
        var countsAs: String?
        enum CodingKeys: String, CodingKey {
            case name, minimumMinutes = "minimum_minutes", staffRequired = "staff_required", requiredCourseID = "required_course_id"
            case familyAgreementRequired = "family_agreement_required", places, countsAs = "counts_as"
        }
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
        let program = try await director(req)
        let values = try req.content.decode([String: String].self)
        var errors = FieldErrors()
        let gap = errors.take("contact_gap_days", FieldRules.wholeNumber(values["contact_gap_days"], label: "Longest gap between contacts", required: true, in: 7...120)) ?? nil
        var requirements: [ProgramOption: VisitRequirement] = [:]
        for option in ProgramOption.allCases {
            let visits = errors.take("home_visits_\(option.rawValue)", FieldRules.wholeNumber(values["home_visits_\(option.rawValue)"],
                                                                                        label: "\(option.label) home visits", required: true, in: 0...60)) ?? nil
            let conferences = errors.take("conferences_\(option.rawValue)", FieldRules.wholeNumber(values["conferences_\(option.rawValue)"],
                                                                                             label: "\(option.label) conferences", required: true, in: 0...20)) ?? nil
            if let visits, let conferences { requirements[option] = VisitRequirement(homeVisits: visits, conferences: conferences) }
        }
        guard errors.isEmpty, let gap else { return try await render(req, program: program, values: values, errors: errors) }
        let programID = try program.requireID()
        program.contactGapDays = gap
        try await req.db.transaction { [requirements] db in
            try await program.save(on: db)
            try await ProgramVisitRequirement.query(on: db).filter(\.$program.$id == programID).delete()
            for (option, requirement) in requirements where requirement != .standard(for: option) {
                let row = ProgramVisitRequirement()
                row.$program.id = programID
                row.programOption = option
                row.homeVisits = requirement.homeVisits
                row.conferences = requirement.conferences
                try await row.create(on: db)
            }
        }
        req.flash("Visit settings saved.")
        return req.redirect(to: SiteURL.visitSettings.path)
    }

    func newType(req: Request) async throws -> Response {
        let program = try await director(req)
        return try await renderType(req, program: program, type: nil,
                                    input: TypeInput(minimumMinutes: "30", staffRequired: "1", places: [VisitPlace.home.rawValue], countsAs: VisitCountsAs.homeVisit.rawValue))
    }

    func createType(req: Request) async throws -> Response {
        try await saveType(req, type: VisitType())
    }

    func editType(req: Request) async throws -> Response {
        let program = try await director(req)
        let type = try await findType(req, program: program)
        return try await renderType(req, program: program, type: type, input: TypeInput(
            name: type.name, minimumMinutes: String(type.minimumMinutes), staffRequired: String(type.staffRequired),
            requiredCourseID: type.$requiredCourse.id?.uuidString.lowercased(), familyAgreementRequired: type.familyAgreementRequired ? "on" : nil,
            places: type.places.map(\.rawValue), countsAs: type.countsAs.rawValue))
    }

    func updateType(req: Request) async throws -> Response {
        let program = try await director(req)
        return try await saveType(req, type: try await findType(req, program: program))
    }

    private func saveType(_ req: Request, type: VisitType) async throws -> Response {
        let program = try await director(req)
        let programID = try program.requireID()
        let input = try req.content.decode(TypeInput.self)
        var errors = FieldErrors()
        let name = errors.take("name", FieldRules.text(input.name, label: "Name", required: true, max: 80)) ?? nil
        if let name, try await VisitType.query(on: req.db).filter(\.$program.$id == programID).filter(\.$name == name)
            .filter(\.$id != type.id ?? UUID()).count() > 0 {
            errors["name"] = "There is already a kind of visit called that."
        }
        let minutes = errors.take("minimum_minutes", FieldRules.wholeNumber(input.minimumMinutes, label: "Minimum length", required: true, in: 5...480)) ?? nil
        let staff = errors.take("staff_required", FieldRules.wholeNumber(input.staffRequired, label: "Staff required", required: true, in: 1...4)) ?? nil
        let courses = try await VisitTypes.courseNames(program: programID, on: req.db)
        let course = FieldRules.trimmed(input.requiredCourseID).flatMap(UUID.init(uuidString:))
        if FieldRules.trimmed(input.requiredCourseID) != nil, course.flatMap({ courses[$0] }) == nil {
            errors["required_course_id"] = "Choose one of the program's training courses."
        }
        let places = (input.places ?? []).compactMap(VisitPlace.init(rawValue:))
        if places.isEmpty || places.count != (input.places ?? []).count { errors["places[]"] = "Choose where visits of this kind may be held." }
        let countsAs = errors.take("counts_as", FieldRules.choice(input.countsAs, VisitCountsAs.self, label: "Counts as", required: true)) ?? nil
        guard errors.isEmpty else { return try await renderType(req, program: program, type: type.id == nil ? nil : type, input: input, errors: errors) }
        type.$program.id = programID
        type.name = name!
        type.minimumMinutes = minutes!
        type.staffRequired = staff!
        type.$requiredCourse.id = course
        type.familyAgreementRequired = FieldRules.flag(input.familyAgreementRequired)
        type.placesList = places.map(\.rawValue).joined(separator: ",")
        type.countsAs = countsAs!
        try await type.save(on: req.db)
        req.flash("\(type.name) saved.")
        return req.redirect(to: SiteURL.visitSettings.path)
    }

    private func director(_ req: Request) async throws -> Program {
        let staff = try req.staff(allowedTo: \.mayChangeProgramSettings, "Program settings are changed by the director.")
        return try await Program.find(staff.programID, on: req.db).orThrow()
    }

    private func findType(_ req: Request, program: Program) async throws -> VisitType {
        try await VisitType.query(on: req.db).filter(\.$id == req.uuidParameter("typeID")).filter(\.$program.$id == program.requireID()).first().orThrow()
    }

    private func render(_ req: Request, program: Program, values: [String: String], errors: FieldErrors = FieldErrors()) async throws -> Response {
        let types = try await VisitTypes.all(program: program.requireID(), on: req.db)
        let courses = try await VisitTypes.courseNames(program: program.requireID(), on: req.db)
        return req.page(title: "Visit settings", [
            .p(.a(.href(SiteURL.programSettings.path), .text("← Program settings"))),
            .h1("Visit settings"),
            FormKit.summary(errors),
            FormKit.form(action: SiteURL.visitSettings.path, csrf: req.csrfToken, [
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
        ], status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    private func renderType(_ req: Request, program: Program, type: VisitType?, input: TypeInput, errors: FieldErrors = FieldErrors()) async throws -> Response {
        let courses = try await VisitTypes.courses(program: program.requireID(), on: req.db)
        let action = type.map { SiteURL.visitType($0.id!).path } ?? SiteURL.visitTypeNew.path
        let places = Set(input.places ?? [])
        return req.page(title: type?.name ?? "New kind of visit", [
            .p(.a(.href(SiteURL.visitSettings.path), .text("← Visit settings"))),
            .h1(.text(type?.name ?? "New kind of visit")),
            FormKit.summary(errors),
            FormKit.form(action: action, csrf: req.csrfToken, [
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
        ], status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
