import Fluent
import Foundation
import PartnershipRules
import Plot
import Vapor

/// Signing in with email and password, and signing out.
struct SignInController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.signIn.pattern, use: form)
        routes.post(SiteURL.signIn.pattern, use: signIn)
        routes.post(SiteURL.signOut.pattern, use: signOut)
    }

    struct Input: Content {
        var email: String?
        var password: String?
        var next: String?
    }

    func form(req: Request) async throws -> Response {
        if req.signedIn != nil { return req.redirect(to: SiteURL.home.path) }
        let next = try? req.query.get(String.self, at: "next")
        return render(req, email: nil, next: next, message: nil)
    }

    func signIn(req: Request) async throws -> Response {
        let input = try req.content.decode(Input.self)
        let email = (FieldRules.trimmed(input.email) ?? "").lowercased()
        let settings = req.application.settings
        let result = try await AccountCommands.signIn(
            email: input.email, password: input.password, from: req.clientAddress, clock: req.clock,
            throttles: (settings.signInThrottle, settings.addressThrottle), passwords: req.application.password, on: req.db)
        switch result {
        case .refused:
            AppMetrics.signInFailed("refused")
            return render(req, email: email, next: input.next, message: "That email and password do not match.", status: .unauthorized)
        case .throttled(let wait):
            AppMetrics.signInFailed("throttled")
            let minutes = (wait + 59) / 60
            let message = wait >= 60
                ? "Too many failed attempts. Signing in is locked; try again in \(minutes) minute\(minutes == 1 ? "" : "s")."
                : "Too many failed attempts. Wait \(wait) seconds and try again."
            return render(req, email: email, next: input.next, message: message, status: .tooManyRequests)
        case .signedIn(let staffID):
            // A new session ID at sign-in: an ID someone planted or saw before sign-in is worth nothing after it.
            if let old = req.session.id {
                req.session.id = nil
                try await SessionRecord.query(on: req.db).filter(\.$key == old).delete()
            }
            req.session.data["staff"] = staffID.uuidString
            return req.redirect(to: safeNext(input.next))
        }
    }

    func signOut(req: Request) async throws -> Response {
        if let staff = req.signedIn {
            try await req.audit(.signOut, .account, family: nil, recordID: staff.staffID)
        }
        req.session.destroy()
        return req.redirect(to: SiteURL.signIn.path)
    }

    /// Only paths on this site: never an absolute URL or `//host`, which would send staff elsewhere.
    private func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return SiteURL.home.path }
        return next
    }

    private func render(_ req: Request, email: String?, next: String?, message: String?,
                        status: HTTPResponseStatus = .ok) -> Response {
        let body: [Node<HTML.BodyContext>] = [
            .h1(.text("Sign in")),
            .unwrap(message) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0)) },
            FormKit.form(action: SiteURL.signIn.path, csrf: req.csrfToken, [
                FormKit.hidden("next", next ?? ""),
                FormKit.field("email", "Email", value: email, type: .email, required: true, autocomplete: "email"),
                FormKit.field("password", "Password", value: nil, type: .password, required: true, autocomplete: "current-password"),
                FormKit.submit("Sign in"),
            ]),
        ]
        return req.page(title: "Sign in", body, status: status)
    }
}
