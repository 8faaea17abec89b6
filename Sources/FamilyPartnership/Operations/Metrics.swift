import Metrics
import Prometheus
import Vapor

/// The process's metrics in Prometheus's registry: Vapor's own (requests by method, route pattern and status,
/// `http_requests_total`, and their latencies, `http_request_duration_seconds`), the database's (`fpp_database_*`:
/// its answer timed by `/health` and by each scrape, its connections read at each scrape by `DatabasePool`) and
/// sign-in failures. swift-metrics is bootstrapped once a process.
enum AppMetrics {
    static let registry = PrometheusCollectorRegistry()
    private static let bootstrapped: Void = { MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry)) }()

    static func bootstrap() { _ = bootstrapped }

    /// A sign-in refused: `reason` is "refused" (email and password do not match) or "throttled".
    static func signInFailed(_ reason: String) {
        Counter(label: "fpp_sign_in_failures_total", dimensions: [("reason", reason)]).increment()
    }

    /// The database answered a trivial query in `seconds`, or did not answer.
    static func databaseChecked(seconds: Double?) {
        Gauge(label: "fpp_database_up").record(seconds == nil ? 0 : 1)
        if let seconds { Timer(label: "fpp_database_check_seconds").recordSeconds(seconds) }
    }

    /// The pool's configured size (connections the app may hold) and, for SQLite, the threads that run statements.
    static func databasePool(size: Int, threads: Int?) {
        Gauge(label: "fpp_database_pool_size").record(size)
        if let threads { Gauge(label: "fpp_database_threads").record(threads) }
    }

    /// PostgreSQL's count of the app's connections in one state (`active`, `idle`, `idle_in_transaction`, …).
    static func databaseConnections(state: String, count: Int) {
        Gauge(label: "fpp_database_connections", dimensions: [("state", state)]).record(count)
    }

    /// The app's PostgreSQL connections waiting for a lock held by another.
    static func databaseConnectionsWaiting(_ count: Int) {
        Gauge(label: "fpp_database_connections_waiting").record(count)
    }
}
