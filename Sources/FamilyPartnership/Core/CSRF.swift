import Vapor

/// Every state-changing form carries a token tied to the session; a POST without the right one is refused.
/// Pages only: the API authenticates with bearer tokens, which a forged cross-site request cannot carry.
struct CSRFMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if req.method == .POST {
            // A body that reaches the server in several pieces (a long visit record on a slow network) is only
            // readable once it has all arrived: collect it before looking for the token.
            if req.body.data == nil {
                _ = try await req.body.collect(max: req.application.routes.defaultMaxBodySize.value).get()
            }
            let sent = try? req.content.get(String.self, at: CSRF.field)
            guard let expected = req.session.data[CSRF.sessionKey], let sent, constantTimeEquals(sent, expected) else {
                throw Abort(.forbidden, reason: "This form has expired. Go back, reload the page and try again.")
            }
        }
        return try await next.respond(to: req)
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
}

extension Request {
    /// The session's form token, created on first use.
    var csrfToken: String {
        if let token = session.data[CSRF.sessionKey] { return token }
        let token = [UInt8].random(count: 24).base64String()
        session.data[CSRF.sessionKey] = token
        return token
    }
}
