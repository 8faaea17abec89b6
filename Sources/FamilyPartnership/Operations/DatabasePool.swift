import Fluent
import SQLKit
import Vapor

/// The database's connections as a monitoring system sees them at each scrape of `/metrics`. The pools (one per
/// event loop) do not tell how busy they are, so the figures come from where they can be true:
/// - PostgreSQL: the server's own `pg_stat_activity`, this database's client connections of the app's user by
///   state (every process of the app that shares the user counts), beside the pool's configured size.
/// - SQLite: one connection per event loop, each kept for the app's life; what can run out is the thread pool
///   that runs their statements, so its size is reported.
enum DatabasePool {
    /// Connections each event loop may open to PostgreSQL.
    static let postgresPerEventLoop = 4
    /// Connections each event loop keeps to the SQLite file (the driver's fixed one).
    static let sqlitePerEventLoop = 1

    /// `pg_stat_activity`'s states, each with the label it gets (a gauge keeps its last value, so every state is
    /// recorded at every scrape, 0 when none is in it).
    static let postgresStates = [("active", "active"), ("idle", "idle"), ("idle in transaction", "idle_in_transaction"),
                                 ("idle in transaction (aborted)", "idle_in_transaction_aborted")]

    static func record(_ app: Application, on db: any Database) async {
        let eventLoops = app.eventLoopGroup.makeIterator().reduce(0) { count, _ in count + 1 }
        guard app.settings.databaseURL != nil else {
            AppMetrics.databasePool(size: eventLoops * sqlitePerEventLoop, threads: app.threadPool.numberOfThreads)
            return
        }
        AppMetrics.databasePool(size: eventLoops * postgresPerEventLoop, threads: nil)
        struct Row: Decodable {
            let state: String
            let connections: Int
            let waiting: Int
        }
        let rows = try? await (db as! any SQLDatabase).raw("""
            SELECT coalesce(state, 'unknown') AS state, count(*) AS connections,
                   count(*) FILTER (WHERE wait_event_type = 'Lock') AS waiting
            FROM pg_stat_activity
            WHERE datname = current_database() AND usename = current_user AND backend_type = 'client backend'
            GROUP BY 1
            """).all(decoding: Row.self)
        guard let rows else { return }
        for (state, label) in postgresStates {
            AppMetrics.databaseConnections(state: label, count: rows.first { $0.state == state }?.connections ?? 0)
        }
        AppMetrics.databaseConnectionsWaiting(rows.reduce(0) { $0 + $1.waiting })
    }
}
