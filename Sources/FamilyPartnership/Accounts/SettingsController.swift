import Fluent
import Foundation
import PartnershipRules
import Plot
import Vapor

/// A staff member's own settings: change password, and personal access tokens for the API.
struct SettingsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.settings.pattern, use: show)
        routes.post(SiteURL.settingsPassword.pattern, use: changePassword)
        routes.post(SiteURL.settingsTokens.pattern, use: createToken)
        routes.post(SiteURL.settingsTokenRevoke(.routeParameter).pattern, use: revokeToken)
        routes.post(SiteURL.settingsCalendar.pattern, use: calendar)
    }

    struct TokenInput: Content {
        var name: String?
    }

    func show(req: Request) async throws -> Response {
        try await render(req)
    }

    func changePassword(req: Request) async throws -> Response {
        let input = try req.content.decode(AccountCommands.PasswordInput.self)
        do {
            try await AccountCommands.changePassword(input, passwords: req.application.password, in: req.context())
        } catch let errors as FieldErrors {
            return try await render(req, errors: errors)
        }
        req.flash("Your password has been changed.")
        return req.redirect(to: SiteURL.settings.path)
    }

    func createToken(req: Request) async throws -> Response {
        let input = try req.content.decode(TokenInput.self)
        do {
            let (_, secret) = try await AccountCommands.createToken(name: input.name, in: req.context())
            return try await render(req, newToken: secret)
        } catch let errors as FieldErrors {
            return try await render(req, errors: errors)
        }
    }

    func revokeToken(req: Request) async throws -> Response {
        let token = try await AccountCommands.revokeToken(req.uuidParameter("tokenID"), in: req.context())
        req.flash("Token \"\(token.name)\" revoked.")
        return req.redirect(to: SiteURL.settings.path)
    }

    /// Makes a new calendar feed address (the old one stops working at once), or turns the feed off.
    func calendar(req: Request) async throws -> Response {
        guard !(try req.staff().access.isPartnerStaff) else { throw Abort(.forbidden) }
        let action = (try req.content.decode([String: String].self))["action"]
        guard action == "new" || action == "off" else {
            var errors = FieldErrors()
            errors["action"] = "Choose to make a new calendar address or to turn the feed off."
            return try await render(req, errors: errors)
        }
        guard let secret = try await AccountCommands.setCalendarFeed(on: action == "new", in: req.context()) else {
            req.flash("Your calendar feed is off; calendars subscribed to it get nothing more.")
            return req.redirect(to: SiteURL.settings.path)
        }
        return try await render(req, newCalendar: req.siteAddress + SiteURL.calendarFeed(secret + ".ics").path)
    }

    private func render(_ req: Request, errors: FieldErrors = FieldErrors(), newToken: String? = nil,
                        newCalendar: String? = nil) async throws -> Response {
        let staff = try req.staff()
        let hasFeed = try await Staff.find(staff.staffID, on: req.db)?.calendarTokenDigest != nil
        let tokens = try await APIToken.query(on: req.db).filter(\.$staff.$id == staff.staffID).sort(\.$createdAt).all()
        let csrf = req.csrfToken
        let body: [Node<HTML.BodyContext>] = [
            .h1(.text("Settings")),
            .p(.text("\(staff.name) · \(staff.email) · \(staff.roles.sorted { $0.rawValue < $1.rawValue }.map(\.label).joined(separator: ", "))")),
            .if(staff.access.maySetUpProgram, .p(.a(.href(SiteURL.programSetUp.path), .text("Set-up: the program's details and year, sites and classrooms")))),
            .if(staff.access.mayChangeProgramSettings, .p(.a(.href(SiteURL.programSettings.path), .text("Program settings: agreement deadlines and assessment periods")))),
            FormKit.summary(errors),
            .h2(.text("Change password")),
            FormKit.form(action: SiteURL.settingsPassword.path, csrf: csrf, [
                FormKit.field("current_password", "Current password", value: nil, errors: errors, type: .password, required: true, autocomplete: "current-password"),
                FormKit.field("new_password", "New password", value: nil, errors: errors, type: .password, required: true, autocomplete: "new-password",
                              hint: "At least 10 characters. A few unrelated words make a strong one."),
                FormKit.field("confirm_password", "New password again", value: nil, errors: errors, type: .password, required: true, autocomplete: "new-password"),
                FormKit.submit("Change password"),
            ]),
            .if(!staff.access.isPartnerStaff, .group(
                .h2(.id("calendar"), .text("Calendar feed")),
                .p(.class("hint"), .text("Subscribe to your visits from a calendar app. Events name the kind of visit and the family, "
                                         + "never an address, phone number or notes.")),
                .unwrap(newCalendar) { address in
                    .div(.class("warning"), .attribute(named: "role", value: "status"),
                         .p(.strong(.text("Copy this address into your calendar app now; it will not be shown again:"))),
                         .p(.element(named: "code", text: address)))
                },
                FormKit.form(action: SiteURL.settingsCalendar.path, csrf: csrf, class: "inline", [
                    FormKit.hidden("action", "new"),
                    FormKit.submit(hasFeed ? "Make a new address (the old one stops working)" : "Make my calendar feed"),
                ]),
                .if(hasFeed, FormKit.form(action: SiteURL.settingsCalendar.path, csrf: csrf, class: "inline", [
                    FormKit.hidden("action", "off"),
                    FormKit.submit("Turn the feed off", secondary: true),
                ]))
            )),
            .h2(.text("API tokens")),
            .p(.class("hint"), .text("For programs that read or update records through the JSON API at /api/v1. A token acts as you, with your access.")),
            .unwrap(newToken) { token in
                .div(.class("warning"), .attribute(named: "role", value: "status"),
                     .p(.strong(.text("Copy this token now; it will not be shown again:"))),
                     .p(.element(named: "code", text: token)))
            },
            tokens.isEmpty ? .p(.text("You have no tokens.")) : .table(
                .thead(.tr(.th(.text("Name")), .th(.text("Created")), .th(.text("Last used")), .th(.text("Revoke")))),
                .tbody(.forEach(tokens) { token in
                    .tr(.td(.text(token.name)),
                        .td(.text(token.createdAt.map(Display.timestamp) ?? "")),
                        .td(.text(token.lastUsedAt.map(Display.timestamp) ?? "never")),
                        .td(FormKit.form(action: SiteURL.settingsTokenRevoke(token.id!).path, csrf: csrf, [
                            FormKit.submit("Revoke \(token.name)", secondary: true),
                        ])))
                })
            ),
            FormKit.form(action: SiteURL.settingsTokens.path, csrf: csrf, [
                FormKit.field("name", "New token name", value: nil, errors: errors, required: true, hint: "What it is for, e.g. \"data export\"."),
                FormKit.submit("Create token"),
            ]),
        ]
        return req.page(title: "Settings", body, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
