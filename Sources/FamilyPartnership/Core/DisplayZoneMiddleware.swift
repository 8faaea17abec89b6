import Vapor

/// Pages show moments (an audit entry, a draw, a token's last use) in the time zone of the signed-in staff
/// member's program, or the server's: the request's clock sets `Display.zone` for everything it renders.
struct DisplayZoneMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        try await Display.$zone.withValue(req.clock.zone) { try await next.respond(to: req) }
    }
}
