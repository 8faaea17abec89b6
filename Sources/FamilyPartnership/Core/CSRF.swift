import Vapor

/// Every state-changing form carries a token; a POST without the right one is refused. Signed in, the token is
/// kept in the session. Before sign-in there is no session (looking at the sign-in page must not write a session
/// row), so the token is kept in its own cookie and the form sends it back (a double submit): a forged
/// cross-site form cannot read the cookie to copy it. Pages only: the API authenticates with bearer tokens,
/// which a forged cross-site request cannot carry.
struct CSRFMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if req.method == .POST {
            // A body that reaches the server in several pieces (a long visit record on a slow network) is only
            // readable once it has all arrived: collect it before looking for the token.
            if req.body.data == nil {
                _ = try await req.body.collect(max: req.application.routes.defaultMaxBodySize.value).get()
            }
            let sent = try? req.content.get(String.self, at: CSRF.field)
            guard let expected = req.expectedCSRFToken, let sent, constantTimeEquals(sent, expected) else {
                throw Abort(.forbidden, reason: "This form has expired. Go back, reload the page and try again.")
            }
        }
        let response = try await next.respond(to: req)
        if let minted = req.storage[CSRF.MintedCookieToken.self] {
            response.cookies[CSRF.cookieName] = HTTPCookies.Value(
                string: minted, path: "/", isSecure: req.application.settings.secureCookies, isHTTPOnly: true, sameSite: .strict)
        }
        return response
    }

    private func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

enum CSRF {
    static let field = "csrf"
    static let sessionKey = "csrf"
    static let cookieName = "fpp_csrf"

    /// A token made for this response before sign-in, to be set as the cookie.
    struct MintedCookieToken: StorageKey { typealias Value = String }

    static func mint() -> String { [UInt8].random(count: 24).base64String() }
}

extension Request {
    /// The form token: the session's once signed in (made on first use), else the CSRF cookie's.
    var csrfToken: String {
        if hasSession {
            if let token = session.data[CSRF.sessionKey] { return token }
            let token = CSRF.mint()
            session.data[CSRF.sessionKey] = token
            return token
        }
        if let token = storage[CSRF.MintedCookieToken.self] ?? cookies[CSRF.cookieName]?.string { return token }
        let token = CSRF.mint()
        storage[CSRF.MintedCookieToken.self] = token
        return token
    }

    /// What a posted form's token must equal: the session's when it has one, else the cookie's.
    fileprivate var expectedCSRFToken: String? {
        if hasSession, let token = session.data[CSRF.sessionKey] { return token }
        return cookies[CSRF.cookieName]?.string
    }
}
