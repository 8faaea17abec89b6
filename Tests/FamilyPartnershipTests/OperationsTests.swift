@testable import FamilyPartnership
import Foundation
import SQLiteNIO
import Testing
import Vapor
import VaporTesting

@Suite struct OperationsTests {
    @Test func healthAnswersWithoutSignInAndSaysNothingAboutFamilies() async throws {
        try await withTestApp { app, _ in
            let response = try await TestClient(app).get("/health")
            #expect(response.status == .ok)
            #expect(try response.json() as? [String: String] == ["status": "ok", "database": "ok"])
            #expect(response.headers.setCookie == nil)
            // With no FPP_METRICS_TOKEN there are no metrics.
            #expect(try await TestClient(app).get("/metrics").status == .notFound)
        }
    }

    @Test func metricsAreOffUnlessATokenIsSetAndNeedIt() async throws {
        let token = "metrics-token-for-the-tests"
        try await withTestApp(configure: { $0.metricsToken = token }) { app, f in
            let scraper = TestClient(app)
            #expect(try await scraper.get("/metrics").status == .unauthorized)
            scraper.bearer = "metrics-token-for-the-test"
            #expect(try await scraper.get("/metrics").status == .unauthorized)

            let worker = TestClient(app)
            try await worker.signIn(f.email(.familyServiceWorker), password: "not the password")
            try await worker.signIn(f.email(.familyServiceWorker))
            #expect(try await worker.get("/families/\(f.family.id!.path)").status == .ok)

            scraper.bearer = token
            let metrics = try await scraper.get("/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.headers.contentType?.subType == "plain")
            let text = metrics.text
            #expect(text.contains(#"http_requests_total{method="GET",path="/families/:familyID",status="200"}"#), "\(text.prefix(2000))")
            #expect(text.contains("http_request_duration_seconds_bucket"))
            #expect(text.contains(#"fpp_sign_in_failures_total{reason="refused"}"#))
            #expect(text.contains("fpp_database_up 1"))
            let eventLoops = app.eventLoopGroup.makeIterator().reduce(0) { count, _ in count + 1 }
            if app.settings.databaseURL == nil {
                #expect(text.contains("fpp_database_pool_size \(eventLoops)"), "\(text)")
                #expect(text.contains("fpp_database_threads \(app.threadPool.numberOfThreads)"))
            } else {
                #expect(text.contains("fpp_database_pool_size \(eventLoops * 4)"), "\(text)")
                // The scrape's own query is an active connection; every state is there, none waits for a lock.
                let active = Self.gauge(text, #"fpp_database_connections{state="active"}"#)
                #expect((active ?? 0) >= 1, "\(text)")
                #expect(Self.gauge(text, #"fpp_database_connections{state="idle_in_transaction"}"#) != nil)
                #expect(Self.gauge(text, "fpp_database_connections_waiting") == 0)
            }
            // Route patterns only: no family's id or name.
            #expect(!text.contains(f.family.id!.path) && !text.contains(f.family.householdName))
        }
    }

    /// The value of a gauge in Prometheus's text format.
    static func gauge(_ text: String, _ name: String) -> Int? {
        text.split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap { Double($0.dropFirst(name.count + 1)) }.map { Int($0) }
    }

    @Test func eachRequestLogsOneLineWithItsRoutePatternNeverItsPath() async throws {
        try await withTestApp { app, f in
            let log = CapturedLog(level: .info)
            app.middleware.use(CaptureLog(log: log), at: .beginning)
            let client = TestClient(app)
            try await client.signIn(f.email(.familyServiceWorker))
            log.clear()

            let page = try await client.send(.GET, "/families/\(f.family.id!.path)?q=Rivera", body: nil, contentType: nil,
                                             headers: ["X-Request-Id": "proxy-7f3a"])
            #expect(page.headers.first(name: .xRequestId) == "proxy-7f3a")
            let secret = "fpp_notarealsecret123"
            #expect(try await client.get("/calendar/\(secret).ics").status == .notFound)
            let odd = try await client.send(.GET, "/", body: nil, contentType: nil, headers: ["X-Request-Id": "<script>\nalert(1)"])
            let replaced = try #require(odd.headers.first(name: .xRequestId))
            #expect(UUID(uuidString: replaced) != nil)

            let lines = log.lines
            #expect(lines.count == 3, "\(lines)")
            let staff = f.id(.familyServiceWorker).uuidString.lowercased()
            #expect(lines[0].hasPrefix("GET /families/:familyID "))
            #expect(lines[0].contains("request-id=proxy-7f3a") && lines[0].contains("staff=\(staff)") && lines[0].contains("status=200"))
            #expect(lines[1].hasPrefix("GET /calendar/:token ") && lines[1].contains("status=404"))
            #expect(lines[2].contains("request-id=\(replaced)"))
            for line in lines {
                #expect(!line.contains(f.family.id!.path) && !line.contains("Rivera") && !line.contains(secret) && !line.contains("<script>"))
            }
        }
    }

    /// SQLite's write lock held longer than a request may wait: the change is refused with 503 and nothing saved,
    /// not a 500.
    @Test func aWriteThatCannotGetTheDatabaseIsRefusedAsBusy() async throws {
        guard !isPostgres else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fpp-busy-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("fpp.sqlite").path
        try await withTestApp(configure: { $0.sqlitePath = path }) { app, f in
            let api = try await apiClient(app, f.id(.familyServiceWorker))
            let holder = try await SQLiteConnection.open(storage: .file(path: path), threadPool: app.threadPool, on: app.eventLoopGroup.any())
            _ = try await holder.query("BEGIN IMMEDIATE")
            let busy = try await api.json(.PATCH, "/api/v1/families/\(f.family.id!.path)", #"{"preferred_times": "evenings", "version": 2}"#)
            _ = try await holder.query("ROLLBACK")
            try await holder.close()
            #expect(busy.status == .serviceUnavailable)
            #expect(busy.text.contains("The database is busy; nothing was saved."))
            #expect(try await Family.find(f.family.id, on: app.db)?.preferredTimes != "evenings")
        }
    }
}
