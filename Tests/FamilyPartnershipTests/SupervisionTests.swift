@testable import FamilyPartnership
import Fluent
import Foundation
import PartnershipRules
import Testing
import Vapor

@Suite struct SupervisionTests {
    /// The family service worker reports to the manager.
    static func superviseWorker(_ app: Application, _ f: Fixture) async throws {
        let worker = try await Staff.find(f.id(.familyServiceWorker), on: app.db).orThrow()
        var input = StaffInput(worker)
        input.supervisorID = f.id(.manager).uuidString
        _ = try await AccountCommands.updateStaff(worker.requireID(), input, basedOn: .version(worker.version), passwords: app.password,
                                                  in: context(app, f.id(.admin)))
    }

    @Test func supervisionNotesAreSeenByTheWorkerAndHerSupervisorOnly() async throws {
        try await withTestApp { app, f in
            try await Self.superviseWorker(app, f)
            let fsw = f.id(.familyServiceWorker).path
            let manager = TestClient(app)
            try await manager.signIn(f.email(.manager))
            let bad = try await manager.post("/staff/\(fsw)/supervision", ["held_on": "2099-01-01"])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("Cannot be in the future") && bad.text.contains("What you reflected on is required"))
            #expect(try await SupervisionNote.query(on: app.db).count() == 0)
            let saved = try await manager.post("/staff/\(fsw)/supervision", ["held_on": "2026-11-20", "reflections": "Workload after the Lincoln families",
                                                                             "next_steps": "Join the next home visit"])
            #expect(saved.status == .seeOther)

            let worker = TestClient(app)
            try await worker.signIn(f.email(.familyServiceWorker))
            let own = try await worker.get("/staff/\(fsw)/supervision")
            #expect(own.status == .ok && own.text.contains("Workload after the Lincoln families") && !own.text.contains("Save note"))
            #expect(try await worker.post("/staff/\(fsw)/supervision", ["held_on": "2026-11-20", "reflections": "x"]).status == .forbidden)
            // Not the director, not a colleague: the notes are the worker's and her supervisor's.
            for role in [StaffRole.director, .specialist, .dataViewer] {
                let other = TestClient(app)
                try await other.signIn(f.email(role))
                #expect(try await other.get("/staff/\(fsw)/supervision").status == .forbidden, "\(role)")
            }
            let entries = try await AuditEntry.query(on: app.db).filter(\.$recordType == AuditRecord.supervisionNote.rawValue).all()
            #expect(entries.contains { $0.action == AuditAction.create.rawValue } && entries.contains { $0.action == AuditAction.list.rawValue })
            #expect(entries.filter { $0.action == AuditAction.refused.rawValue }.count == 4)
        }
    }

    @Test func aFamilysMeetingsAndASupervisorsReviewOfItsAgreementAreRecorded() async throws {
        try await withTestApp { app, f in
            try await Self.superviseWorker(app, f)
            let family = f.family.id!.path
            let worker = TestClient(app)
            try await worker.signIn(f.email(.familyServiceWorker))
            let token = APIToken.generate()
            try await APIToken(staffID: f.id(.familyServiceWorker), name: "t", tokenDigest: APIToken.digest(token)).create(on: app.db)
            worker.bearer = token
            let bad = try await worker.json(.POST, "/api/v1/families/\(family)/meetings", #"{"kind": "party", "held_on": "2026-11-20"}"#)
            #expect(bad.status == .unprocessableEntity)
            let fields = (try bad.json() as? [String: Any])?["fields"] as? [String: String] ?? [:]
            #expect(fields["kind"] != nil && fields["participants"] != nil && fields["decisions"] != nil)
            let made = try await worker.json(.POST, "/api/v1/families/\(family)/meetings",
                                             #"{"kind": "team_meeting", "held_on": "2026-11-20", "participants": "Ana Rivera; Test family_service_worker", "decisions": "Weekly check-ins", "next_steps": "Call the food bank"}"#)
            #expect(made.status == .created)
            #expect(try await worker.get("/families/\(family)/meetings").text.contains("Weekly check-ins"))
            #expect(try await worker.get("/families/\(family)").text.contains("/families/\(family)/meetings"))
            let teacher = TestClient(app)
            try await teacher.signIn(f.email(.teacher))
            #expect(try await teacher.get("/families/\(family)/meetings").status == .notFound)

            // The worker's supervisor reviews the agreement; the worker herself cannot.
            _ = try await Agreement.make(family: f.family.id!, program: f.programID, on: app.db)
            #expect(try await worker.post("/families/\(family)/agreement/supervisor-reviews", ["reviewed_on": "2026-11-25", "comment": "Fine"]).status == .forbidden)
            let manager = TestClient(app)
            try await manager.signIn(f.email(.manager))
            let review = try await manager.post("/families/\(family)/agreement/supervisor-reviews",
                                                ["reviewed_on": "2026-11-25", "comment": "Goals in the family's words; housing needs a smaller step."])
            #expect(review.status == .seeOther)
            let agreement = try await worker.get("/families/\(family)/agreement").text
            #expect(agreement.contains("housing needs a smaller step") && !agreement.contains("Review as supervisor"))
            let listed = try await worker.json(.GET, "/api/v1/families/\(family)/agreement/supervisor-reviews")
            #expect(((try listed.json() as? [String: Any])?["items"] as? [[String: Any]])?.count == 1)

            // The supervisor on a visit with her worker is there for a joint visit, and the visit says so.
            let visit = try await Visit.make(family: f.family.id!, program: f.programID, type: "Home visit",
                                             staff: [f.id(.familyServiceWorker), f.id(.manager)], on: app.db)
            let page = try await worker.get("/families/\(family)/visits/\(visit.id!.path)").text
            #expect(page.contains("Test manager (supervisor: joint visit)") && !page.contains("Test family_service_worker (supervisor"))
        }
    }
}
