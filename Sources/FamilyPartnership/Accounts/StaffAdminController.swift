import Fluent
import Foundation
import PartnershipRules
import Plot
import Vapor

/// Staff administration: administrators add accounts, set roles, supervisors and status, reset passwords.
struct StaffAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped(RequireRole { $0.mayManageAccounts })
        admin.get(SiteURL.staffIndex.pattern, use: index)
        admin.get(SiteURL.staffNew.pattern, use: new)
        admin.get(SiteURL.staffImport.pattern, use: importForm)
        admin.on(.POST, SiteURL.staffImport.pattern, body: .collect(maxSize: "2mb"), use: importCSV)
        admin.post(SiteURL.staffNew.pattern, use: create)
        admin.get(SiteURL.staffEdit(.routeParameter).pattern, use: edit)
        admin.post(SiteURL.staffEdit(.routeParameter).pattern, use: update)
    }

    func index(req: Request) async throws -> Response {
        let me = try req.staff()
        let staff = try await Staff.query(on: req.db).filter(\.$program.$id == me.programID).with(\.$site).sort(\.$name).all()
        let body: [Node<HTML.BodyContext>] = [
            .div(.class("actions"), .h1(.text("Staff")), .a(.href(SiteURL.staffNew.path), .text("Add a staff member")),
                 .a(.href(SiteURL.staffImport.path), .text("Import staff"))),
            .table(
                .class("stack"),
                .thead(.tr(.th(.text("Name")), .th(.text("Roles")), .th(.text("Site")), .th(.text("Status")))),
                .tbody(.forEach(staff) { member in
                    .tr(.td(.a(.href(SiteURL.staffEdit(member.id!).path), .text(member.name)), .br(), .text(member.email)),
                        .td(.text(StaffRole.allCases.filter(member.roles.contains).map(\.label).joined(separator: ", "))),
                        .td(.text(member.site?.name ?? "—")),
                        .td(.text(member.status.label)))
                })
            ),
        ]
        return req.page(title: "Staff", body)
    }

    struct ImportInput: Content {
        var csv: String?
        var file: File?
    }

    func importForm(req: Request) async throws -> Response {
        req.page(title: "Import staff", importPage(req, result: nil))
    }

    func importCSV(req: Request) async throws -> Response {
        let input = try req.content.decode(ImportInput.self)
        let text = input.file.flatMap { $0.data.readableBytes > 0 ? String(buffer: $0.data) : nil } ?? input.csv ?? ""
        let result = try await AccountCommands.importStaff(csv: text, passwords: req.application.password, in: req.context())
        return req.page(title: "Import staff", importPage(req, result: result),
                        status: result.added.isEmpty && !result.problems.isEmpty ? .unprocessableEntity : .ok)
    }

    private func importPage(_ req: Request, result: StaffImport.Result?) -> [Node<HTML.BodyContext>] {
        [
            .p(.a(.href(SiteURL.staffIndex.path), .text("← Staff"))),
            .h1(.text("Import staff")),
            .unwrap(result) { result in
                .group(
                    .if(!result.added.isEmpty, .group(
                        .h2(.text("Added (\(result.added.count))")),
                        .p(.class("warning"), .text("Each account's temporary password is shown only now. Give it to the person in private; "
                                                    + "they change it under Settings → Password.")),
                        .table(.class("stack"),
                               .thead(.tr(.th(.text("Name")), .th(.text("Email")), .th(.text("Temporary password")))),
                               .tbody(.forEach(result.added) { added in
                                   .tr(.td(.text(added.staff.name)), .td(.text(added.staff.email)), .td(.code(.text(added.temporaryPassword))))
                               }))
                    )),
                    .if(!result.problems.isEmpty, .table(
                        .class("stack"), .caption(.text("Lines left out, and why")),
                        .thead(.tr(.th(.text("Line")), .th(.text("Reason")))),
                        .tbody(.forEach(result.problems) { problem in .tr(.td(.text(String(problem.line))), .td(.text(problem.message))) })
                    ))
                )
            },
            .p(.text("The first line names the columns: \(StaffImport.columns.joined(separator: ", ")). Name, email and roles are required; "
                     + "separate several roles with semicolons (family_service_worker; home_visitor, or their names). Site is a site's name, "
                     + "supervisor_email an existing account's email or one on another line. Each good line adds an account; a line with a "
                     + "mistake is left out and listed with its reasons.")),
            .element(named: "form", nodes: [
                .attribute(named: "method", value: "post"), .attribute(named: "action", value: SiteURL.staffImport.path),
                .attribute(named: "enctype", value: "multipart/form-data"),
                FormKit.hidden(CSRF.field, req.csrfToken),
                .div(.label(.for("f-file"), .text("CSV file")),
                     .input(.type(.file), .name("file"), .id("f-file"), .attribute(named: "accept", value: "text/csv,.csv"))),
                FormKit.textArea("csv", "Or paste the CSV here", value: nil, rows: 8),
                FormKit.submit("Import"),
            ]),
        ]
    }

    func new(req: Request) async throws -> Response {
        var input = StaffInput()
        input.status = StaffStatus.active.rawValue
        return try await render(req, staff: nil, input: input)
    }

    func create(req: Request) async throws -> Response {
        let input = try req.content.decode(StaffInput.self)
        do {
            let staff = try await AccountCommands.createStaff(input, passwords: req.application.password, in: req.context())
            req.flash("\(staff.name) can now sign in.")
            return req.redirect(to: SiteURL.staffIndex.path)
        } catch let errors as FieldErrors {
            return try await render(req, staff: nil, input: input, errors: errors)
        }
    }

    func edit(req: Request) async throws -> Response {
        let staff = try await find(req)
        return try await render(req, staff: staff, input: StaffInput(staff))
    }

    func update(req: Request) async throws -> Response {
        var input = try req.content.decode(StaffInput.self)
        do {
            _ = try await AccountCommands.updateStaff(req.uuidParameter("staffID"), input, basedOn: BasedOn(input.version),
                                                      passwords: req.application.password, in: req.context())
            req.flash("Saved.")
            return req.redirect(to: SiteURL.staffIndex.path)
        } catch let errors as FieldErrors {
            return try await render(req, staff: try await find(req), input: input, errors: errors)
        } catch let stale as StaleRecord {
            let current = stale.current as! Staff
            let errors = StaleForm.messages(current: StaffInput(current), typed: input)
            input.version = current.version
            input.password = nil
            return try await render(req, staff: current, input: input, errors: errors, status: .conflict)
        }
    }

    private func find(_ req: Request) async throws -> Staff {
        try await AccountCommands.findStaff(req.uuidParameter("staffID"), in: req.context())
    }

    private func render(_ req: Request, staff: Staff?, input: StaffInput, errors: FieldErrors = FieldErrors(),
                        status: HTTPResponseStatus? = nil) async throws -> Response {
        let me = try req.staff()
        let options = try await FamilyForm.Options.load(program: me.programID, on: req.db)
        let action = staff.map { SiteURL.staffEdit($0.id!).path } ?? SiteURL.staffNew.path
        let chosen = Set(input.roles ?? [])
        let partners = try await PartnerAgency.query(on: req.db).filter(\.$program.$id == me.programID).sort(\.$name).all()
        let body: [Node<HTML.BodyContext>] = [
            .h1(.text(staff.map { "Edit \($0.name)" } ?? "Add a staff member")),
            FormKit.summary(errors),
            FormKit.form(action: action, csrf: req.csrfToken, [
                FormKit.version(input.version),
                FormKit.field("name", "Name", value: input.name, errors: errors, required: true),
                FormKit.field("email", "Email", value: input.email, errors: errors, type: .email, required: true),
                FormKit.fieldset("Roles", id: FormKit.id("roles[]"),
                    StaffRole.allCases.map { FormKit.checkbox("roles[]", $0.label, checked: chosen.contains($0.rawValue), value: $0.rawValue) }
                    + [.unwrap(errors["roles[]"]) { .p(.class("error"), .text($0)) }]),
                FormKit.field("languages", "Languages spoken", value: input.languages, errors: errors, hint: "For example: English, Spanish"),
                FormKit.select("status", "Status", options: StaffStatus.allCases.map { ($0.rawValue, $0.label) },
                               selected: input.status, errors: errors, required: true, blank: nil),
                FormKit.select("site_id", "Site", options: options.sites.map { ($0.id!.uuidString.lowercased(), $0.name) },
                               selected: input.siteID, errors: errors, blank: "No site"),
                FormKit.select("supervisor_id", "Supervisor", options: options.staff.filter { $0.id != staff?.id }.map { ($0.id!.uuidString.lowercased(), $0.name) },
                               selected: input.supervisorID, errors: errors, blank: "None",
                               hint: "A supervisor sees the families of the staff they supervise."),
                FormKit.select("partner_agency_id", "Partner agency", options: partners.map { ($0.id!.uuidString.lowercased(), $0.name) },
                               selected: input.partnerAgencyID, errors: errors, blank: "None (program staff)",
                               hint: "Only for partner agency staff: they see only the records parents agreed to share with this agency."),
                .h2(.text("Contract hours")),
                .p(.class("hint"), .text("Visits and contacts outside these hours are marked on the time report for pay.")),
                FormKit.field("contract_start", "From", value: input.contractStart ?? ContractHours.standard.start.description, errors: errors, type: .time),
                FormKit.field("contract_end", "To", value: input.contractEnd ?? ContractHours.standard.end.description, errors: errors, type: .time),
                FormKit.fieldset("Working days", id: FormKit.id("contract_days[]"), [
                    .div(.class("actions"), .forEach(Array(ContractHours.dayNames.enumerated())) { day, name in
                        FormKit.checkbox("contract_days[]", name, checked: (input.contractDays ?? ["1", "2", "3", "4", "5"]).contains(String(day)), value: String(day))
                    }),
                    .unwrap(errors["contract_days[]"]) { .p(.class("error"), .text($0)) },
                ]),
                FormKit.field("password", staff == nil ? "Password" : "New password", value: nil, errors: errors, type: .password,
                              required: staff == nil, autocomplete: "new-password",
                              hint: staff == nil ? "At least 10 characters." : "Leave empty to keep the current password."),
                FormKit.submit("Save"),
            ]),
            .p(.a(.href(SiteURL.staffIndex.path), .text("Cancel"))),
        ]
        return req.page(title: "Staff", body, status: status ?? (errors.isEmpty ? .ok : .unprocessableEntity))
    }
}

/// Lets through only staff whose access passes `allows`.
struct RequireRole: AsyncMiddleware {
    let allows: @Sendable (Access) -> Bool

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard try allows(req.staff().access) else { throw Abort(.forbidden, reason: "Your role does not allow this.") }
        return try await next.respond(to: req)
    }
}
