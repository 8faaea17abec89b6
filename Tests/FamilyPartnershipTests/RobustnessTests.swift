@testable import FamilyPartnership
import Fluent
import Foundation
import PartnershipRules
import Testing
import Vapor
import VaporTesting
#if canImport(Glibc)
import Glibc
#endif

/// The app under many people at once and on real networks: sign-in tries counted one by one, forms whose body
/// arrives in pieces, account events in the audit log, and who the client is behind a proxy.
@Suite struct RobustnessTests {
    @Test func fortyWrongPasswordsAtOnceGetNoMoreTriesThanTheRulesAllow() async throws {
        try await withTestApp { app, f in
            let email = f.email(.teacher)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                for _ in 0..<40 {
                    group.addTask {
                        let client = TestClient(app)
                        return try await client.signIn(email, password: "not the password").status
                    }
                }
                return try await group.reduce(into: [HTTPResponseStatus]()) { $0.append($1) }
            }
            // Three free tries, then the account waits: every other try is refused before its password is checked.
            #expect(statuses.filter { $0 == .unauthorized }.count == SignInThrottle.account.freeAttempts)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 40 - SignInThrottle.account.freeAttempts)
            let failures = try await AuditEntry.query(on: app.db).filter(\.$action == AuditAction.signInFailed.rawValue).count()
            #expect(failures == SignInThrottle.account.freeAttempts)
        }
    }

    @Test func oneAddressGuessingAcrossAccountsIsSlowedDown() async throws {
        try await withTestApp { app, f in
            let free = SignInThrottle.address.freeAttempts
            for n in 0..<free {
                let status = try await TestClient(app).signIn("nobody\(n)@test.example", password: "guess").status
                #expect(status == .unauthorized)
            }
            // The next try from the same address waits, whichever account it names, even a real one.
            let status = try await TestClient(app).signIn(f.email(.director)).status
            #expect(status == .tooManyRequests)
        }
    }

    @Test func aSuccessfulSignInStartsTheAccountsCountAgain() async throws {
        try await withTestApp { app, f in
            let email = f.email(.manager)
            for _ in 0..<2 { _ = try await TestClient(app).signIn(email, password: "wrong") }
            #expect(try await TestClient(app).signIn(email).status == .seeOther)
            for _ in 0..<2 { #expect(try await TestClient(app).signIn(email, password: "wrong").status == .unauthorized) }
        }
    }

    @Test func accountEventsAreAudited() async throws {
        let time = ManualTime(Date(timeIntervalSince1970: 1_800_000_000))
        try await withTestApp(configure: { $0.clock = time.clock(zone: $0.clock.zone) }) { app, f in
            let client = TestClient(app)
            for _ in 0..<SignInThrottle.account.lockoutAfter {
                _ = try await TestClient(app).signIn(f.email(.specialist), password: "wrong")
                time.advance(by: 300) // past each wait, so that every try is checked until the lockout
            }
            try await client.signIn(f.email(.teacher))
            _ = try await client.post("/settings/password", ["current_password": Fixture.password,
                                                              "new_password": "a brand new phrase", "confirm_password": "a brand new phrase"])
            _ = try await client.post("/settings/tokens", ["name": "export"])
            let token = try #require(try await APIToken.query(on: app.db).filter(\.$name == "export").first())
            _ = try await client.post("/settings/tokens/\(token.id!.path)/revoke")
            _ = try await client.post("/sign-out")

            let admin = TestClient(app)
            try await admin.signIn(f.email(.admin))
            let teacher = f.staff[.teacher]!
            let edited = try await admin.post("/staff/\(teacher.id!.path)/edit", pairs: [
                ("name", teacher.name), ("email", teacher.email), ("status", "active"), ("roles[]", "teacher"),
                ("roles[]", "home_visitor"), ("version", "1"),
            ])
            #expect(edited.status == .seeOther)

            let entries = try await AuditEntry.query(on: app.db).filter(\.$recordType ~~ ["account", "api_token"]).all()
            func count(_ action: AuditAction, _ record: AuditRecord = .account) -> Int {
                entries.filter { $0.action == action.rawValue && $0.recordType == record.rawValue }.count
            }
            #expect(count(.signInFailed) >= 3)
            #expect(count(.lockedOut) == 1)
            #expect(count(.signIn) == 2)
            #expect(count(.changePassword) == 1)
            #expect(count(.create, .apiToken) == 1)
            #expect(count(.revoke, .apiToken) == 1)
            #expect(count(.signOut) == 1)
            let roles = try #require(entries.first { $0.action == AuditAction.update.rawValue && $0.recordID == teacher.id })
            #expect(roles.detail.contains("roles=home_visitor,teacher") || roles.detail.contains("roles=teacher,home_visitor"))
            #expect(roles.staffID == f.id(.admin))
        }
    }

    @Test func aStaleStaffEditComesBackWithTheOtherChangeBesideWhatWasTyped() async throws {
        try await withTestApp { app, f in
            let admin = TestClient(app)
            try await admin.signIn(f.email(.admin))
            let teacher = f.staff[.teacher]!
            let first = try await admin.post("/staff/\(teacher.id!.path)/edit", pairs: [
                ("name", "Renamed Once"), ("email", teacher.email), ("status", "active"), ("roles[]", "teacher"), ("version", "1"),
            ])
            #expect(first.status == .seeOther)
            let second = try await admin.post("/staff/\(teacher.id!.path)/edit", pairs: [
                ("name", "Renamed Twice"), ("email", teacher.email), ("status", "active"), ("roles[]", "teacher"), ("version", "1"),
            ])
            #expect(second.status == .conflict)
            #expect(second.text.contains("Renamed Twice"))
            #expect(second.text.contains("Saved meanwhile as: “Renamed Once”"))
            #expect(second.text.contains("name=\"version\" value=\"2\""))
            #expect(try await Staff.find(teacher.id, on: app.db)?.name == "Renamed Once")
        }
    }

    @Test func aFormWhoseBodyArrivesInTwoPiecesIsAccepted() async throws {
        try await withTestApp { app, f in
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            defer { Task { await app.server.shutdown() } }
            let port = try #require(app.http.server.shared.localAddress?.port)
            let client = TestClient(app)
            try await client.signIn(f.email(.familyServiceWorker))
            _ = try await client.get("/families/\(f.family.id!.path)/edit")
            let csrf = try #require(client.csrf).addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let body = "household_name=Rivera+family&preferred_language=Spanish&phone=5551230001&version=2&notes=" +
                String(repeating: "x", count: 3000) + "&csrf=\(csrf)"
            let head = "POST /families/\(f.family.id!.path)/edit HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n" +
                "Cookie: fpp_session=\(client.cookie!)\r\nConnection: close\r\n\r\n"
            let half = body.index(body.startIndex, offsetBy: body.count / 2)
            let pieces = [head + body[..<half], String(body[half...])]
            let response = try await withCheckedThrowingContinuation { continuation in
                // Off the cooperative threads: the socket calls block while the server answers.
                DispatchQueue.global().async {
                    continuation.resume(with: Result { try RawHTTP.exchange(port: port, pieces: pieces, pauseMilliseconds: 50) })
                }
            }
            #expect(response.hasPrefix("HTTP/1.1 303") || response.hasPrefix("HTTP/1.1 302"), "\(response.prefix(200))")
            #expect(try await Family.find(f.family.id, on: app.db)?.preferredLanguage == "Spanish")
        }
    }

    @Test func forwardedForIsBelievedOnlyFromTrustedProxies() throws {
        let proxies = try TrustedProxies.parse("127.0.0.1, 10.0.0.0/8, fd00::/8")
        #expect(proxies.clientAddress(peer: "203.0.113.9", forwardedFor: ["198.51.100.1"]) == "203.0.113.9")
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["198.51.100.1"]) == "198.51.100.1")
        // A client that sends its own header cannot pick its address: the proxy appends the real one.
        #expect(proxies.clientAddress(peer: "10.1.2.3", forwardedFor: ["1.2.3.4, 198.51.100.7, 10.9.9.9"]) == "198.51.100.7")
        #expect(proxies.clientAddress(peer: "fd00::1", forwardedFor: ["2001:db8::5"]) == "2001:db8::5")
        #expect(TrustedProxies().clientAddress(peer: "127.0.0.1", forwardedFor: ["198.51.100.1"]) == "127.0.0.1")
        #expect(throws: (any Error).self) { try TrustedProxies.parse("10.0.0.0/33") }
        #expect(throws: (any Error).self) { try TrustedProxies.parse("proxy.example") }
    }
}

/// A client that writes a request in pieces over a plain socket, as a slow network delivers it.
enum RawHTTP {
    struct Failure: Error { let step: String }

    static func exchange(port: Int, pieces: [String], pauseMilliseconds: Int) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(step: "socket") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(step: "connect") }
        for (index, piece) in pieces.enumerated() {
            if index > 0 { usleep(useconds_t(pauseMilliseconds * 1000)) }
            let bytes = Array(piece.utf8)
            var sent = 0
            while sent < bytes.count {
                let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
                guard n > 0 else { throw Failure(step: "send") }
                sent += n
            }
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            received += buffer[0..<n]
        }
        return String(decoding: received, as: UTF8.self)
    }
}
