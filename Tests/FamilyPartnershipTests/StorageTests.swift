@testable import FamilyPartnership
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Writes that cost a transaction each are made only when something changed.
@Suite struct StorageTests {
    @Test func lookingAtTheSignInPageLeavesNoSessionBehind() async throws {
        try await withTestApp { app, f in
            for _ in 0..<20 {
                let visitor = TestClient(app)
                #expect(try await visitor.get("/sign-in").status == .ok)
                #expect(visitor.cookie == nil)
            }
            #expect(try await SessionRecord.query(on: app.db).count() == 0)
            let client = TestClient(app)
            try await client.signIn(f.email(.familyServiceWorker))
            #expect(client.cookie != nil)
            #expect(try await SessionRecord.query(on: app.db).count() == 1)
        }
    }

    @Test func theSignInFormIsRefusedWithoutTheTokenItsPageSet() async throws {
        try await withTestApp { app, f in
            let page = try await app.testing().sendRequest(.GET, "/sign-in")
            let cookie = try #require(page.headers.setCookie?[CSRF.cookieName])
            #expect(cookie.isHTTPOnly)
            let token = try #require(TestClient.csrfToken(in: page.body.string))
            #expect(token == cookie.string)
            let body = "email=\(f.email(.teacher))&password=\(Fixture.password.replacingOccurrences(of: " ", with: "+"))&csrf=\(token.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
            func post(cookie: String?) async throws -> HTTPStatus {
                var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
                if let cookie { headers.add(name: .cookie, value: "\(CSRF.cookieName)=\(cookie)") }
                return try await app.testing().sendRequest(.POST, "/sign-in", headers: headers, body: ByteBuffer(string: body)).status
            }
            // A forged form elsewhere can copy a token but cannot send the cookie that matches it.
            #expect(try await post(cookie: nil) == .forbidden)
            #expect(try await post(cookie: "someone-elses") == .forbidden)
            #expect(try await post(cookie: cookie.string) == .seeOther)
        }
    }

    /// A stand-in for the session table that counts its writes.
    final class CountingSessions: SessionDriver {
        let writes = NIOLockedValueBox(0)
        let data = NIOLockedValueBox<SessionData?>(nil)
        func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
            writes.withLockedValue { $0 += 1 }
            self.data.withLockedValue { $0 = data }
            return request.eventLoop.makeSucceededFuture(SessionID(string: "s"))
        }
        func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
            request.eventLoop.makeSucceededFuture(data.withLockedValue { $0 })
        }
        func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
            writes.withLockedValue { $0 += 1 }
            self.data.withLockedValue { $0 = data }
            return request.eventLoop.makeSucceededFuture(sessionID)
        }
        func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
            request.eventLoop.makeSucceededVoidFuture()
        }
    }

    @Test func aSessionIsWrittenBackOnlyWhenItChanged() async throws {
        try await withApp { app in
            let stored = CountingSessions()
            let sessions = QuietSessions(stored: stored)
            let first = Request(application: app, on: app.eventLoopGroup.next())
            _ = try await sessions.createSession(["staff": "a"], for: first).get()
            #expect(stored.writes.withLockedValue { $0 } == 1)
            // A page read: the session is read and handed back as it was.
            let read = Request(application: app, on: app.eventLoopGroup.next())
            let data = try #require(try await sessions.readSession(SessionID(string: "s"), for: read).get())
            _ = try await sessions.updateSession(SessionID(string: "s"), to: data, for: read).get()
            #expect(stored.writes.withLockedValue { $0 } == 1)
            // A flash message left for the next page changes it.
            let saved = Request(application: app, on: app.eventLoopGroup.next())
            var changed = try #require(try await sessions.readSession(SessionID(string: "s"), for: saved).get())
            changed["flash"] = "Saved."
            _ = try await sessions.updateSession(SessionID(string: "s"), to: changed, for: saved).get()
            #expect(stored.writes.withLockedValue { $0 } == 2)
        }
    }

    @Test func sqliteWritesAheadToItsLogOnEveryConnection() async throws {
        try await withTestApp { app, _ in
            guard !isPostgres else { return }
            for eventLoop in app.eventLoopGroup.makeIterator() {
                let sql = try #require(app.databases.database(logger: app.logger, on: eventLoop) as? any SQLDatabase)
                struct Mode: Decodable { let journal_mode: String }
                struct Sync: Decodable { let synchronous: Int }
                struct Timeout: Decodable { let timeout: Int }
                #expect(try await sql.raw("PRAGMA journal_mode").first(decoding: Mode.self)?.journal_mode == "wal")
                #expect(try await sql.raw("PRAGMA synchronous").first(decoding: Sync.self)?.synchronous == 1, "NORMAL")
                #expect(try await sql.raw("PRAGMA busy_timeout").first(decoding: Timeout.self)?.timeout == 10000)
            }
        }
    }

    @Test func sqliteKeepsStatisticsForItsQueryPlanner() async throws {
        try await withTestApp { app, _ in
            guard !isPostgres else { return }
            let sql = try #require(app.db as? any SQLDatabase)
            struct Count: Decodable { let count: Int }
            // Taken at start on a file that had none (PRAGMA optimize alone would never take them).
            let tables = try await sql.raw("SELECT COUNT(*) AS count FROM sqlite_master WHERE name = 'sqlite_stat1'").first(decoding: Count.self)
            #expect(tables?.count == 1)
            // And again when asked, now that the fixture has rows: families are counted by their indexes.
            try await sql.raw("DROP TABLE sqlite_stat1").run()
            try await refreshPlannerStatistics(sql)
            let families = try await sql.raw("SELECT COUNT(*) AS count FROM sqlite_stat1 WHERE tbl = 'families'").first(decoding: Count.self)
            #expect((families?.count ?? 0) > 0)
            // And for an index that has none (as one a migration has just added), which the planner would
            // otherwise take for the most selective of all.
            try await sql.raw("DELETE FROM sqlite_stat1 WHERE idx = 'families_last_contact'").run()
            try await refreshPlannerStatistics(sql)
            let index = try await sql.raw("SELECT COUNT(*) AS count FROM sqlite_stat1 WHERE idx = 'families_last_contact'").first(decoding: Count.self)
            #expect(index?.count == 1)
        }
    }
}

/// Reads are audited through one writer that commits what concurrent requests hand it together; a list that
/// shows several families writes their entries in one statement.
@Suite struct AuditBatchTests {
    /// An `AuditWriter` on the app's database that keeps each statement's entries.
    private func countingWriter(_ app: Application) -> (AuditWriter, NIOLockedValueBox<[[AuditEntry]]>) {
        let batches = NIOLockedValueBox<[[AuditEntry]]>([])
        let writer = AuditWriter { [unowned app] entries in
            batches.withLockedValue { $0.append(entries) }
            try await entries.create(on: app.db)
        }
        return (writer, batches)
    }

    @Test func theVisitsPageAuditsEveryFamilyItShowsInOneStatement() async throws {
        try await withTestApp { app, f in
            let worker = f.id(.familyServiceWorker)
            for family in [f.family, f.teacherFamily] {
                _ = try await Visit.make(family: family.id!, program: f.programID, type: "Home visit",
                                         day: testToday.adding(days: 3), staff: [worker], on: app.db)
            }
            let (writer, batches) = countingWriter(app)
            app.auditWriter = writer
            let client = TestClient(app)
            try await client.signIn(f.email(.familyServiceWorker))
            #expect(try await client.get("/visits").status == .ok)
            let entries = try await AuditEntry.query(on: app.db).filter(\.$detail == "my visits").all()
            #expect(Set(entries.compactMap(\.familyID)) == [f.family.id!, f.teacherFamily.id!])
            let written = batches.withLockedValue { $0 }.filter { $0.contains { $0.detail == "my visits" } }
            #expect(written.count == 1 && written.first?.count == 2)
        }
    }

    @Test func concurrentReadsShareCommits() async throws {
        try await withTestApp { app, f in
            let (writer, batches) = countingWriter(app)
            let staff = try await StaffAuthenticator().load(staffID: f.id(.familyServiceWorker), on: app.db, viaAPIToken: false).orThrow()
            let auditor = Auditor.system(staff, channel: "test")
            let family = try f.family.requireID()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for reader in 0..<64 {
                    group.addTask {
                        try await writer.write([auditor.entry(.view, .family, family: family, detail: "reader \(reader)", at: testNow)])
                    }
                }
                try await group.waitForAll()
            }
            // Every reader's entry is saved by the time its write returns, in fewer commits than readers.
            let saved = try await AuditEntry.query(on: app.db).filter(\.$detail ~~ "reader ").count()
            #expect(saved == 64)
            let statements = batches.withLockedValue { $0.count }
            #expect(statements < 64)
            #expect(batches.withLockedValue { $0.map(\.count).reduce(0, +) } == 64)
        }
    }
}
