import Fluent
import SQLKit
import PartnershipRules
import FluentPostgresDriver
import FluentSQLiteDriver
import Vapor

/// Settings that differ between a real start, the demo and the tests.
public struct AppSettings: Sendable {
    /// Where the database lives: a PostgreSQL URL, or nil for the SQLite file.
    public var databaseURL: String?
    public var sqlitePath: String = "fpp.sqlite"
    /// PostgreSQL schema to work in (tests give each test its own).
    public var postgresSchema: String?
    /// Whether the site is served over TLS, which makes session cookies `Secure`.
    public var secureCookies = false
    /// The token a monitoring system sends to read `/metrics` (`FPP_METRICS_TOKEN`); nil turns metrics off.
    public var metricsToken: String?
    /// The address people reach the site at ("https://fpp.example.org"), for links used outside it.
    public var publicURL: String?
    public var signInThrottle = SignInThrottle.account
    public var addressThrottle = SignInThrottle.address
    /// bcrypt work factor; tests lower it so that creating accounts is fast.
    public var passwordCost = 12
    /// The program's clock: the wall clock in `FPP_TIME_ZONE`, or a fixed moment in tests.
    var clock = ProgramClock.fromEnvironment()
    /// Reverse proxies whose `X-Forwarded-For` is believed (`FPP_TRUSTED_PROXIES`).
    var trustedProxies = TrustedProxies()
    /// SQLite only: `full` syncs every commit to disk; `normal` (the default, in WAL mode) syncs at checkpoints,
    /// so a commit survives the app crashing but the last ones may be lost if the machine loses power.
    public var sqliteSynchronous = "normal"

    public init(databaseURL: String? = nil) {
        self.databaseURL = databaseURL
    }

    public static func fromEnvironment() throws -> AppSettings {
        var settings = AppSettings(databaseURL: Environment.get("DATABASE_URL").flatMap { $0.isEmpty ? nil : $0 })
        if let path = Environment.get("FPP_SQLITE_PATH"), !path.isEmpty { settings.sqlitePath = path }
        settings.publicURL = Environment.get("FPP_PUBLIC_URL").flatMap { $0.isEmpty ? nil : $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        settings.secureCookies = Environment.get("FPP_SECURE_COOKIES") == "1"
            || (Environment.get("FPP_PUBLIC_URL") ?? "").hasPrefix("https://")
        settings.trustedProxies = try TrustedProxies.parse(Environment.get("FPP_TRUSTED_PROXIES"))
        if let token = Environment.get("FPP_METRICS_TOKEN"), !token.isEmpty {
            guard token.count >= 16 else { throw Abort(.internalServerError, reason: "FPP_METRICS_TOKEN must be at least 16 characters.") }
            settings.metricsToken = token
        }
        if let durability = Environment.get("FPP_SQLITE_SYNCHRONOUS"), !durability.isEmpty {
            guard ["normal", "full"].contains(durability) else {
                throw Abort(.internalServerError, reason: "FPP_SQLITE_SYNCHRONOUS must be normal or full.")
            }
            settings.sqliteSynchronous = durability
        }
        return settings
    }
}

extension Application {
    private struct SettingsKey: StorageKey { typealias Value = AppSettings }

    public var settings: AppSettings {
        get { storage[SettingsKey.self] ?? AppSettings() }
        set { storage[SettingsKey.self] = newValue }
    }
}

/// Sets up the database, sessions, middleware and routes. Migrations are registered here and run by the
/// caller (`FPP.main` on start, the test helper in tests).
public func configure(_ app: Application, settings: AppSettings) throws {
    app.settings = settings
    try configureDatabase(app, settings: settings)
    Migrations.register(on: app)

    app.auditWriter = AuditWriter { [unowned app] entries in try await entries.create(on: app.db) }
    app.sessions.use { QuietSessions(stored: $0.fluent.sessions.driver()) }
    app.sessions.configuration.cookieName = "fpp_session"
    let secure = settings.secureCookies
    app.sessions.configuration.cookieFactory = { sessionID in
        .init(string: sessionID.string, expires: settings.clock.now.addingTimeInterval(60 * 60 * 12), maxAge: nil,
              path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }
    app.routes.defaultMaxBodySize = "256kb"
    app.passwords.use(.bcrypt(cost: settings.passwordCost))

    app.middleware = .init()
    AppMetrics.bootstrap()
    app.middleware.use(RequestLogMiddleware())
    app.middleware.use(AppErrorMiddleware(environment: app.environment))
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(app.sessions.middleware)
    app.middleware.use(StaffAuthenticator())
    app.middleware.use(DisplayZoneMiddleware())

    try routes(app)
}

private func configureDatabase(_ app: Application, settings: AppSettings) throws {
    if let url = settings.databaseURL {
        var config = try SQLPostgresConfiguration(url: url)
        if let schema = settings.postgresSchema { config.searchPath = [schema] }
        app.databases.use(.postgres(configuration: config, maxConnectionsPerEventLoop: DatabasePool.postgresPerEventLoop), as: .psql)
    } else {
        // SQLite runs each statement on a thread of the app's pool, and a connection waiting for another's write
        // lock holds its thread until the lock is free: the app gets threads enough for every connection to wait
        // at once and the lock holder still to go on (the process-wide default pool is shared and small).
        app.threadPool = NIOThreadPool(numberOfThreads: 2 * System.coreCount + 2)
        configureSQLite(app, settings: settings)
    }
}

private func configureSQLite(_ app: Application, settings: AppSettings) {
    if settings.sqlitePath == ":memory:" {
        app.databases.use(.sqlite(.memory), as: .sqlite)
    } else {
        app.databases.use(.sqlite(.file(settings.sqlitePath)), as: .sqlite)
    }
}

/// Readies the database's connections before first use. SQLite: write-ahead logging (readers never wait for the
/// writer, and a commit appends to the log instead of rewriting pages), the durability setting, a bound on
/// how long a connection waits for the write lock, and the planner's statistics. The pool keeps one connection per event loop for the life of
/// the app, so each is set up here once.
public func prepareDatabase(_ app: Application) async throws {
    guard app.settings.databaseURL == nil else { return }
    let synchronous = app.settings.sqliteSynchronous == "full" ? "FULL" : "NORMAL"
    for eventLoop in app.eventLoopGroup.makeIterator() {
        guard let sql = app.databases.database(logger: app.logger, on: eventLoop) as? any SQLDatabase else { continue }
        try await sql.raw("PRAGMA journal_mode = WAL").run()
        try await sql.raw("PRAGMA synchronous = \(unsafeRaw: synchronous)").run()
        try await sql.raw("PRAGMA busy_timeout = 10000").run()
        try await refreshPlannerStatistics(sql)
    }
}

/// SQLite's table statistics for the query planner: taken once if the file has none, and for each table with an
/// index that has none (a migration added it: `PRAGMA optimize` only refreshes statistics that exist, and an
/// index without them looked so selective that the planner walked 85,000 families through it), then refreshed
/// where a table has grown or shrunk a lot since. Each is taken from up to 100,000 rows an index: from 400 (tried
/// first) SQLite guessed that one program has 401 families, and so sorted a whole program's list rather than read
/// it in name order; from 100,000 it takes 3 s on a 100,000-family file, once. Without statistics SQLite walks a
/// whole program's families by `program_id` instead of looking up a worker's 40 by id.
func refreshPlannerStatistics(_ sql: any SQLDatabase) async throws {
    try await sql.raw("PRAGMA analysis_limit = 100000").run()
    struct Found: Decodable { let name: String }
    let taken = try await sql.raw("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'").first(decoding: Found.self) != nil
    if !taken {
        try await sql.raw("ANALYZE").run()
    } else {
        let unmeasured = try await sql.raw("""
            SELECT DISTINCT "tbl_name" AS "name" FROM sqlite_master AS "m" WHERE "type" = 'index'
            AND NOT EXISTS (SELECT 1 FROM sqlite_stat1 AS "s" WHERE "s"."idx" = "m"."name")
            AND EXISTS (SELECT 1 FROM sqlite_stat1 AS "s" WHERE "s"."tbl" = "m"."tbl_name" AND "s"."stat" NOT LIKE '0%')
            """).all(decoding: Found.self)
        for table in unmeasured { try await sql.raw("ANALYZE \(ident: table.name)").run() }
    }
    try await sql.raw("PRAGMA optimize = 0x10002").run()
}
