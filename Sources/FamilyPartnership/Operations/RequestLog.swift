import Vapor

/// One log line per request, written when its response is ready: method, route pattern, status, duration, the
/// signed-in staff member's id and the request id. The route pattern ("/families/:familyID"), never the path
/// itself, which can hold a calendar feed's secret or a search for a family's name; no query string, no body.
/// The request id (the proxy's `X-Request-Id` when it is a plain token, otherwise a new one) goes back in the
/// response's `X-Request-Id` header, so a user's report can be matched to the line.
struct RequestLogMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let started = ContinuousClock.now
        let id = Self.isPlainToken(req.id) ? req.id : UUID().uuidString.lowercased()
        req.logger[metadataKey: "request-id"] = .string(id)
        let response: Response
        do {
            response = try await next.respond(to: req)
        } catch {
            log(req, status: (error as? any AbortError)?.status ?? .internalServerError, since: started)
            throw error
        }
        response.headers.replaceOrAdd(name: .xRequestId, value: id)
        log(req, status: response.status, since: started)
        return response
    }

    /// The pattern of the route the request matched, or "(no route)" for one that matched none.
    static func pattern(of req: Request) -> String {
        guard let route = req.route else { return "(no route)" }
        return "/" + route.path.map(\.description).joined(separator: "/")
    }

    /// Letters, digits and `-_.:`, at most 64: safe to log and to send back.
    static func isPlainToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 64
            && text.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.:".unicodeScalars.contains($0)) }
    }

    private func log(_ req: Request, status: HTTPResponseStatus, since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
        var metadata: Logger.Metadata = ["status": .stringConvertible(status.code), "ms": .string(String(format: "%.1f", milliseconds))]
        if let staff = req.signedIn { metadata["staff"] = .string(staff.staffID.uuidString.lowercased()) }
        req.logger.info("\(req.method.rawValue) \(Self.pattern(of: req))", metadata: metadata)
    }
}
