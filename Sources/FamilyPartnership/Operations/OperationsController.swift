import Fluent
import SQLKit
import Vapor

/// What a load balancer and a monitoring system ask, with no sign-in: `/health` (is the process up, does the
/// database answer; no data) and `/metrics` (Prometheus's text format, behind the token `FPP_METRICS_TOKEN`).
struct OperationsController: RouteCollection {
    struct Health: Content {
        let status: String
        let database: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.health.pattern, use: health)
        routes.get(SiteURL.metrics.pattern, use: metrics)
    }

    func health(req: Request) async throws -> Response {
        let up = await Self.checkDatabase(req.db)
        let response = Response(status: up ? .ok : .serviceUnavailable)
        try response.content.encode(Health(status: up ? "ok" : "unavailable", database: up ? "ok" : "unreachable"), as: .json)
        response.headers.cacheControl = .init(noStore: true)
        return response
    }

    func metrics(req: Request) async throws -> Response {
        guard let token = req.application.settings.metricsToken else {
            throw Abort(.notFound, reason: "Metrics are off: set FPP_METRICS_TOKEN to turn them on.")
        }
        guard let sent = req.headers.bearerAuthorization?.token, Self.same(sent, token) else {
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer")
            throw Abort(.unauthorized, headers: headers, reason: "Metrics need the token set in FPP_METRICS_TOKEN.")
        }
        _ = await Self.checkDatabase(req.db)
        await DatabasePool.record(req.application, on: req.db)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        headers.cacheControl = .init(noStore: true)
        return Response(status: .ok, headers: headers, body: .init(string: AppMetrics.registry.emitToString()))
    }

    /// Whether the database answers `SELECT 1`, timed into the metrics.
    static func checkDatabase(_ db: any Database) async -> Bool {
        let started = ContinuousClock.now
        do {
            _ = try await (db as! any SQLDatabase).raw("SELECT 1 AS \"one\"").first()
            let elapsed = ContinuousClock.now - started
            AppMetrics.databaseChecked(seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            return true
        } catch {
            AppMetrics.databaseChecked(seconds: nil)
            return false
        }
    }

    /// Compares in time that does not depend on where the two differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
