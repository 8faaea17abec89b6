@testable import FamilyPartnership
import Fluent
import Foundation
import PartnershipRules
import Testing
import Vapor
import VaporTesting

@Suite struct SignInTests {
    @Test func theStyleSheetIsNamedByItsContentAndKeptWhilePagesAreNot() async throws {
        try await withTestApp { app, f in
            let client = TestClient(app)
            let signIn = try await client.get("/sign-in")
            #expect(signIn.text.contains("<link rel=\"stylesheet\" type=\"text/css\" href=\"\(Layout.stylesheet)\"/>") || signIn.text.contains("href=\"\(Layout.stylesheet)\""))
            #expect(!signIn.text.contains("<style>"))
            #expect(signIn.headers.first(name: .cacheControl) == "no-store")
            #expect(signIn.headers.first(name: "Content-Security-Policy")?.contains("style-src 'self'") == true)
            let css = try await client.get(Layout.stylesheet)
            #expect(css.status == .ok && css.headers.contentType?.subType == "css" && css.text == Layout.css)
            #expect(css.headers.first(name: .cacheControl) == "public, max-age=31536000, immutable")
            #expect(css.headers.setCookie == nil)
            #expect(Layout.stylesheet.hasPrefix("/style-") && Layout.stylesheet.hasSuffix(".css"))
            #expect(try await client.get("/style.css").status == .notFound)
        }
    }

    @Test func signingInSetsAPrivateSessionCookie() async throws {
        try await withTestApp { app, f in
            let client = TestClient(app)
            _ = try await client.get("/sign-in")
            let response = try await client.post("/sign-in", ["email": f.email(.teacher), "password": Fixture.password, "next": "/settings"])
            #expect(response.status == .seeOther)
            #expect(response.location == "/settings")
            let cookie = try #require(response.headers.setCookie?["fpp_session"])
            #expect(cookie.isHTTPOnly)
            #expect(cookie.sameSite == .lax)
            #expect(try await client.get("/settings").status == .ok)
        }
    }

    @Test func onlyLocalPathsAreFollowedAfterSignIn() async throws {
        try await withTestApp { app, f in
            let client = TestClient(app)
            _ = try await client.get("/sign-in")
            let response = try await client.post("/sign-in", ["email": f.email(.teacher), "password": Fixture.password, "next": "//evil.example/"])
            #expect(response.location == "/")
        }
    }

    @Test func aWrongPasswordIsRefusedAndRepeatedFailuresLockTheAccount() async throws {
        try await withTestApp { app, f in
            let client = TestClient(app)
            for _ in 0..<3 {
                let wrong = try await client.signIn(f.email(.teacher), password: "not the password")
                #expect(wrong.status == .unauthorized)
                #expect(wrong.text.contains("do not match"))
            }
            let locked = try await client.signIn(f.email(.teacher))
            #expect(locked.status == .tooManyRequests)
            #expect(try await client.get("/settings").status == .seeOther)
            // Unknown emails get the same answer as wrong passwords.
            let unknown = try await client.signIn("nobody@test.example")
            #expect(unknown.status == .unauthorized)
        }
    }

    @Test func aFormWithoutItsTokenIsRefused() async throws {
        try await withTestApp { app, f in
            let client = TestClient(app)
            try await client.signIn(f.email(.familyServiceWorker))
            let forged = try await client.post("/families/\(f.family.id!.path)/edit", ["household_name": "Forged"], csrf: false)
            #expect(forged.status == .forbidden)
            #expect(try await Family.find(f.family.id, on: app.db)?.householdName == "Rivera family")
        }
    }

    @Test func signingOutEndsTheSession() async throws {
        try await withTestApp { app, f in
            let client = TestClient(app)
            try await client.signIn(f.email(.familyServiceWorker))
            let cookie = try #require(client.cookie)
            #expect(try await client.post("/sign-out").status == .seeOther)
            var headers = HTTPHeaders()
            headers.add(name: .cookie, value: "fpp_session=\(cookie)")
            let reused = try await app.testing().sendRequest(.GET, "/settings", headers: headers)
            #expect(reused.status == .seeOther)
        }
    }

    @Test func staffWhoLeftCannotSignIn() async throws {
        try await withTestApp { app, f in
            let teacher = f.staff[.teacher]!
            teacher.status = .left
            try await teacher.save(on: app.db)
            let client = TestClient(app)
            #expect(try await client.signIn(teacher.email).status == .unauthorized)
        }
    }

    @Test func sessionsSurviveARestart() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fpp-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let settings = testSettings { if $0.postgresSchema == nil { $0.sqlitePath = path } }
        var cookie: String?
        var email = ""
        try await withApp { app in
            try await start(app, settings: settings)
            let f = try await Fixture.make(on: app.db, password: app.password)
            email = f.email(.director)
            let client = TestClient(app)
            try await client.signIn(email)
            cookie = client.cookie
        }
        try await withApp { app in
            try await start(app, settings: settings)
            var headers = HTTPHeaders()
            headers.add(name: .cookie, value: "fpp_session=\(cookie ?? "")")
            let response = try await app.testing().sendRequest(.GET, "/settings", headers: headers)
            #expect(response.status == .ok)
            #expect(response.body.string.contains(email))
            try await dropSchema(app, settings)
        }
    }

    @Test func changingThePassword() async throws {
        try await withTestApp { app, f in
            let client = TestClient(app)
            try await client.signIn(f.email(.teacher))
            let mismatch = try await client.post("/settings/password", ["current_password": Fixture.password,
                                                                        "new_password": "a brand new phrase", "confirm_password": "different"])
            #expect(mismatch.status == .unprocessableEntity)
            let wrongCurrent = try await client.post("/settings/password", ["current_password": "guess",
                                                                            "new_password": "a brand new phrase", "confirm_password": "a brand new phrase"])
            #expect(wrongCurrent.text.contains("not your current password"))
            let changed = try await client.post("/settings/password", ["current_password": Fixture.password,
                                                                       "new_password": "a brand new phrase", "confirm_password": "a brand new phrase"])
            #expect(changed.status == .seeOther)
            #expect(try await TestClient(app).signIn(f.email(.teacher), password: "a brand new phrase").status == .seeOther)
        }
    }

    @Test func aPersonalAccessTokenWorksUntilRevoked() async throws {
        try await withTestApp { app, f in
            let client = TestClient(app)
            try await client.signIn(f.email(.familyServiceWorker))
            let page = try await client.post("/settings/tokens", ["name": "export"])
            let token = try #require(page.text.range(of: "fpp_[A-Za-z0-9_-]+", options: .regularExpression).map { String(page.text[$0]) })
            let stored = try #require(try await APIToken.query(on: app.db).filter(\.$name == "export").first())
            #expect(stored.tokenDigest != token)

            let api = TestClient(app)
            api.bearer = token
            let me = try await api.json(.GET, "/api/v1/me")
            #expect(me.status == .ok)
            #expect(me.text.contains(f.email(.familyServiceWorker)))

            #expect(try await client.post("/settings/tokens/\(stored.id!.path)/revoke").status == .seeOther)
            #expect(try await api.json(.GET, "/api/v1/me").status == .unauthorized)
            api.bearer = "fpp_made_up"
            #expect(try await api.json(.GET, "/api/v1/families").status == .unauthorized)
        }
    }

    @Test func anAdministratorAddsAStaffMemberWhoCanThenSignIn() async throws {
        try await withTestApp { app, f in
            let client = TestClient(app)
            try await client.signIn(f.email(.admin))
            let bad = try await client.post("/staff/new", ["name": "New Person", "email": f.email(.teacher), "status": "active", "password": "short"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Another account already uses this email."))
            #expect(bad.text.contains("Choose at least one role."))
            let body = "name=Nia+Okafor&email=nia%40test.example&status=active&password=long+enough+phrase&roles%5B%5D=teacher&roles%5B%5D=home_visitor&csrf=\(client.csrf!.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
            let created = try await client.send(.POST, "/staff/new", body: body, contentType: "application/x-www-form-urlencoded")
            #expect(created.status == .seeOther)
            let nia = try #require(try await Staff.query(on: app.db).filter(\.$email == "nia@test.example").first())
            #expect(nia.roles == [.teacher, .homeVisitor])
            #expect(try await TestClient(app).signIn("nia@test.example", password: "long enough phrase").status == .seeOther)
        }
    }

    @Test func signingInGivesANewSessionAndTheOldOneIsForgotten() async throws {
        try await withTestApp { app, f in
            // Looking at the sign-in page starts no session; a session someone already has (here, signed in as
            // the teacher on a shared computer) is replaced, not reused, by the next sign-in.
            let client = TestClient(app)
            _ = try await client.get("/sign-in")
            #expect(client.cookie == nil)
            try await client.signIn(f.email(.teacher))
            let before = try #require(client.cookie)
            _ = try await client.get("/sign-in")
            #expect(try await client.post("/sign-in", ["email": f.email(.manager), "password": Fixture.password]).status == .seeOther)
            let after = try #require(client.cookie)
            #expect(after != before)
            #expect(try await SessionRecord.query(on: app.db).filter(\.$key == SessionID(string: before)).count() == 0)
            #expect(try await client.get("/").status == .ok)
        }
    }
}
