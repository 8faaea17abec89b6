@testable import FamilyPartnership
import Fluent
import Foundation
import PartnershipRules
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite struct AuditTests {
    @Test func readsAndWritesOfAFamilyAreLogged() async throws {
        try await withTestApp { app, f in
            let client = TestClient(app)
            try await client.signIn(f.email(.familyServiceWorker))
            let id = f.family.id!
            _ = try await client.get("/families/\(id.path)")
            _ = try await client.post("/families/\(id.path)/edit", ["household_name": "Rivera family", "preferred_language": "English",
                                                                    "email": "ana@example.org", "point_of_contact_id": f.id(.familyServiceWorker).path,
                                                                    "version": "2"])
            client.bearer = try await token(for: f.id(.familyServiceWorker), on: app.db)
            _ = try await client.json(.GET, "/api/v1/families/\(id.path)/members")

            // Leaving out what the fixture itself wrote while setting the family up.
            let entries = try await AuditEntry.query(on: app.db).filter(\.$familyID == id).filter(\.$channel != "test")
                .sort(\.$occurredAt).all()
            let actions = entries.map { "\($0.channel) \($0.action) \($0.recordType)" }
            #expect(actions.contains("web view family"))
            #expect(actions.contains("web update family"))
            #expect(actions.contains("api view member"))
            #expect(entries.allSatisfy { $0.staffID == f.id(.familyServiceWorker) && $0.programID == f.programID })
            let update = try #require(entries.first { $0.action == "update" })
            #expect(update.detail.contains("email"))
            #expect(!update.detail.contains("ana@example.org"))
        }
    }

    /// The routes that read a family's records are found from the registered routes, not listed by hand: every
    /// GET with a family in its path, page or API, must write an entry against that family. A route added later
    /// is covered without anyone remembering to add it here.
    @Test func everyRouteThatReadsAFamilyWritesAnAuditEntry() async throws {
        try await withTestApp { app, f in
            let r = try await AccessMatrixTests.Records.make(f, on: app.db)
            let director = TestClient(app), partner = TestClient(app)
            try await director.signIn(f.email(.director))
            director.bearer = try await token(for: f.id(.director), on: app.db)
            try await partner.signIn(f.email(.partner))
            let values: [String: UUID] = [
                "familyID": f.family.id!, "memberID": f.child.id!, "assessmentID": r.assessment, "goalID": r.goal, "stepID": r.step,
                "referralID": r.referral, "needID": r.need, "consentID": r.consentToRevoke, "requestID": r.request, "visitID": r.visit,
                "staffID": f.id(.familyServiceWorker),
            ]
            let words = ["list": FamilyHistory.List.contacts.rawValue]
            let reads = app.routes.all.filter { $0.method == .GET && $0.path.contains { $0.description == ":familyID" } }
            #expect(reads.count >= 40, "only \(reads.count) routes read a family")
            for route in reads {
                let path = "/" + route.path.map { component -> String in
                    let text = component.description
                    guard text.hasPrefix(":") else { return text }
                    let name = String(text.dropFirst())
                    return words[name] ?? values[name]!.path
                }.joined(separator: "/")
                let before = try await AuditEntry.query(on: app.db).filter(\.$familyID == f.family.id!).count()
                // Partner agency staff read a family only through what was shared with them.
                let client = path.hasPrefix("/shared/") ? partner : director
                let response = path.hasPrefix("/api/") ? try await client.json(.GET, path) : try await client.get(path)
                #expect(response.status == .ok, "\(path): \(response.status)")
                let after = try await AuditEntry.query(on: app.db).filter(\.$familyID == f.family.id!).count()
                #expect(after > before, "GET \(path) read the family's records and wrote no audit entry")
            }
        }
    }

    /// Asking for a family outside one's reach, or for a change one's role does not allow, is answered as if the
    /// family did not exist (or 403), and written to that family's audit log as refused.
    @Test func refusedReadsOfAFamilyAreAudited() async throws {
        try await withTestApp { app, f in
            let teacher = TestClient(app)
            try await teacher.signIn(f.email(.teacher))
            #expect(try await teacher.get("/families/\(f.family.id!.path)").status == .notFound)
            let viewer = TestClient(app)
            try await viewer.signIn(f.email(.dataViewer))
            #expect(try await viewer.get("/families/\(f.family.id!.path)/edit").status == .forbidden)
            let outsider = try await apiClient(app, f.otherProgramStaff.id!)
            #expect(try await outsider.json(.GET, "/api/v1/families/\(f.family.id!.path)").status == .notFound)
            let refused = try await AuditEntry.query(on: app.db).filter(\.$familyID == f.family.id!)
                .filter(\.$action == AuditAction.refused.rawValue).all()
            #expect(Set(refused.compactMap(\.staffID)) == [f.id(.teacher), f.id(.dataViewer), f.otherProgramStaff.id!])
            #expect(refused.contains { $0.channel == "api" && $0.detail.contains("outside") })
        }
    }

    /// Every page and endpoint that shows a family's assessments, agreement or goals writes an entry against it.
    @Test func everyPartnershipReadIsLogged() async throws {
        try await withTestApp { app, f in
            let records = try await AccessMatrixTests.Records.make(f, on: app.db)
            let client = TestClient(app)
            try await client.signIn(f.email(.familyServiceWorker))
            client.bearer = try await token(for: f.id(.familyServiceWorker), on: app.db)
            let fam = "/families/\(f.family.id!.path)", goal = "\(fam)/goals/\(records.goal.path)"
            let reads = [fam, "\(fam)/assessments/\(records.assessment.path)", "\(fam)/agreement", "\(fam)/agreement/print",
                         "\(fam)/goals/new", goal, "\(goal)/edit", "/api/v1\(fam)/assessments",
                         "/api/v1\(fam)/assessments/\(records.assessment.path)", "/api/v1\(fam)/agreement", "/api/v1\(fam)/goals",
                         "/api/v1\(goal)", "\(fam)/privacy", "\(fam)/consents/new", "\(fam)/record-requests/\(records.request.path)"]
            for path in reads {
                let before = try await AuditEntry.query(on: app.db).filter(\.$familyID == f.family.id!).count()
                let response = path.hasPrefix("/api/") ? try await client.json(.GET, path) : try await client.get(path)
                #expect(response.status == .ok, "\(path): \(response.status)")
                let after = try await AuditEntry.query(on: app.db).filter(\.$familyID == f.family.id!).count()
                #expect(after > before, "\(path) wrote no audit entry")
            }
            // The export of everything held, and a partner's look at what was shared, are logged too.
            let manager = TestClient(app)
            try await manager.signIn(f.email(.manager))
            let partner = TestClient(app)
            try await partner.signIn(f.email(.partner))
            for (who, path) in [(manager, "\(fam)/export"), (partner, "/shared/\(f.family.id!.path)")] {
                let before = try await AuditEntry.query(on: app.db).filter(\.$familyID == f.family.id!).count()
                #expect(try await who.get(path).status == .ok)
                #expect(try await AuditEntry.query(on: app.db).filter(\.$familyID == f.family.id!).count() > before, "\(path) wrote no audit entry")
            }
        }
    }

    @Test func managersSeeAFamilysAccessHistoryAndWorkersDoNot() async throws {
        try await withTestApp { app, f in
            let worker = TestClient(app)
            try await worker.signIn(f.email(.familyServiceWorker))
            let workerPage = try await worker.get("/families/\(f.family.id!.path)")
            #expect(!workerPage.text.contains("Access history"))
            let manager = TestClient(app)
            try await manager.signIn(f.email(.manager))
            let page = try await manager.get("/families/\(f.family.id!.path)")
            #expect(page.text.contains("Access history"))
            let history = try await manager.get("/families/\(f.family.id!.path)/history/access")
            #expect(history.text.contains("Test family_service_worker"))
            // In words, not stored keys.
            #expect(history.text.contains("Viewed · family") && !history.text.contains("view family"))
        }
    }

    @Test func auditEntriesCannotBeChangedOrDeleted() async throws {
        try await withTestApp { app, f in
            let client = TestClient(app)
            try await client.signIn(f.email(.familyServiceWorker))
            _ = try await client.get("/families/\(f.family.id!.path)")
            let entry = try #require(try await AuditEntry.query(on: app.db).first())
            entry.staffName = "someone else"
            await #expect(throws: (any Error).self) { try await entry.save(on: app.db) }
            await #expect(throws: (any Error).self) { try await entry.delete(on: app.db) }
            let sql = app.db as! any SQLDatabase
            await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM audit_entries").run() }
            #expect(try await AuditEntry.query(on: app.db).filter(\.$staffName == "someone else").count() == 0)
        }
    }
}
