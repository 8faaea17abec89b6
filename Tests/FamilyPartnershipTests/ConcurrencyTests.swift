@testable import FamilyPartnership
import Fluent
import Foundation
import PartnershipRules
import Testing
import Vapor
import VaporTesting

/// Two people changing the same record: the second change, based on the version the first replaced, is refused
/// (409 with the record as it is now, or the form back with the other change beside what was typed), and
/// nothing typed is lost.
@Suite struct ConcurrencyTests {
    @Test func twoAPIWritersOfAFamilyTheSecondGets409WithTheCurrentRecord() async throws {
        try await withTestApp { app, f in
            let a = try await apiClient(app, f.id(.familyServiceWorker))
            let b = try await apiClient(app, f.id(.manager))
            let path = "/api/v1/families/\(f.family.id!.path)"
            let read = try await a.json(.GET, path)
            // The fixture's family was added and then enrolled: version 2.
            #expect(read.headers.first(name: .eTag) == "\"2\"")
            let first = try await a.json(.PUT, path, #"{"household_name": "Rivera family", "preferred_language": "Spanish", "version": 2}"#)
            #expect(first.status == .ok)
            #expect(first.headers.first(name: .eTag) == "\"3\"")
            let second = try await b.send(.PUT, path, body: #"{"household_name": "Rivera-Luna family", "preferred_language": "English"}"#,
                                          contentType: "application/json", headers: ["If-Match": "\"2\""])
            #expect(second.status == .conflict)
            let body = try #require(try second.json() as? [String: Any])
            let current = try #require(body["current"] as? [String: Any])
            #expect(current["preferred_language"] as? String == "Spanish")
            #expect(current["version"] as? Int == 3)
            let stored = try #require(try await Family.find(f.family.id, on: app.db))
            #expect(stored.householdName == "Rivera family")
            #expect(stored.preferredLanguage == "Spanish")
        }
    }

    @Test func aPatchChangesOnlyTheFieldsSentAndAPutWithoutAVersionIsRefused() async throws {
        try await withTestApp { app, f in
            let site = f.sites[0].id!
            let client = try await apiClient(app, f.id(.familyServiceWorker))
            let path = "/api/v1/families/\(f.family.id!.path)"
            #expect(try await client.json(.PATCH, path, #"{"site_id": "\#(site.path)", "version": 2}"#).status == .ok)
            let patched = try await client.json(.PATCH, path, #"{"phone": "555 444 1212", "version": 3}"#)
            #expect(patched.status == .ok)
            let stored = try #require(try await Family.find(f.family.id, on: app.db))
            #expect(stored.phone == "5554441212")
            #expect(stored.$site.id == site)
            #expect(stored.$pointOfContact.id == f.id(.familyServiceWorker))
            let unversioned = try await client.json(.PUT, path, #"{"household_name": "Rivera family", "preferred_language": "English"}"#)
            #expect(unversioned.status == .preconditionRequired)
            #expect(((try unversioned.json() as? [String: Any])?["fields"] as? [String: String])?["version"] != nil)
            let misspelt = try await client.json(.PATCH, path, #"{"phnoe": "555 444 1313", "version": 4}"#)
            #expect(misspelt.status == .unprocessableEntity)
            #expect(((try misspelt.json() as? [String: Any])?["fields"] as? [String: String])?["phnoe"] != nil)
            let form = try await client.send(.PATCH, path, body: "phone=5554441313&version=4", contentType: "application/x-www-form-urlencoded")
            #expect(form.status == .unsupportedMediaType)
            #expect(try await Family.find(f.family.id, on: app.db)?.phone == "5554441212")
        }
    }

    @Test func twoPageWritersOfAFamilyTheSecondSeesTheOtherChangeAndKeepsWhatTheyTyped() async throws {
        try await withTestApp { app, f in
            let worker = TestClient(app), manager = TestClient(app)
            try await worker.signIn(f.email(.familyServiceWorker))
            try await manager.signIn(f.email(.manager))
            let path = "/families/\(f.family.id!.path)/edit"
            _ = try await worker.get(path)
            _ = try await manager.get(path)
            let fields = ["household_name": "Rivera family", "preferred_language": "English",
                          "point_of_contact_id": f.id(.familyServiceWorker).path, "version": "2"]
            var mine = fields, theirs = fields
            mine["phone"] = "5551112222"
            theirs["phone"] = "5553334444"
            #expect(try await worker.post(path, mine).status == .seeOther)
            let stale = try await manager.post(path, theirs)
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("Someone else saved this record"))
            #expect(stale.text.contains("Saved meanwhile as: “(555) 111-2222”"))
            #expect(stale.text.contains("(555) 333-4444"), "what the manager typed is still in the form")
            #expect(stale.text.contains("name=\"version\" value=\"3\""))
            #expect(try await Family.find(f.family.id, on: app.db)?.phone == "5551112222")
            // A phone typed as the form shows it is the same phone: only the household name is said to differ.
            var sameDigits = fields
            sameDigits["phone"] = "(555) 111-2222"
            sameDigits["household_name"] = "Rivera-Luna family"
            let onlyName = try await manager.post(path, sameDigits)
            #expect(onlyName.status == .conflict)
            #expect(onlyName.text.contains("Saved meanwhile as: “Rivera family”"))
            #expect(!onlyName.text.contains("Saved meanwhile as: “5551112222”") && !onlyName.text.contains("Saved meanwhile as: “(555) 111-2222”"))
            // Saving again, now based on the version that was shown, keeps the manager's value.
            theirs["version"] = "3"
            #expect(try await manager.post(path, theirs).status == .seeOther)
            #expect(try await Family.find(f.family.id, on: app.db)?.phone == "5553334444")
        }
    }

    @Test func twoWritersOfAMemberThroughTheAPIAndThePage() async throws {
        try await withTestApp { app, f in
            let child = f.child.id!.path, fam = f.family.id!.path
            let api = try await apiClient(app, f.id(.familyServiceWorker))
            let renamed = try await api.json(.PATCH, "/api/v1/families/\(fam)/members/\(child)", #"{"classroom": "Sunflowers", "version": 1}"#)
            #expect(renamed.status == .ok)
            let page = TestClient(app)
            try await page.signIn(f.email(.manager))
            let stale = try await page.post("/families/\(fam)/members/\(child)/edit", [
                "name": "Lucia Rivera", "date_of_birth": "2022-03-04", "program_type": "head_start", "classroom": "Bluebirds", "version": "1",
            ])
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("Saved meanwhile as: “Sunflowers”"))
            #expect(stale.text.contains("value=\"Bluebirds\""))
            #expect(try await FamilyMember.find(f.child.id, on: app.db)?.classroom == "Sunflowers")
            let again = try await api.json(.PUT, "/api/v1/families/\(fam)/members/\(child)",
                                           #"{"kind": "child", "name": "Lucia Rivera", "date_of_birth": "2022-03-04", "program_type": "head_start", "version": 1}"#)
            #expect(again.status == .conflict)
        }
    }

    @Test func ofManyConcurrentChangesBasedOnOneVersionExactlyOneWins() async throws {
        try await withTestApp { app, f in
            let path = "/api/v1/families/\(f.family.id!.path)"
            let bearer = try await token(for: f.id(.familyServiceWorker), on: app.db)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                for n in 0..<20 {
                    group.addTask {
                        let client = TestClient(app)
                        client.bearer = bearer
                        return try await client.json(.PATCH, path, #"{"preferred_times": "after \#(n)", "version": 2}"#).status
                    }
                }
                return try await group.reduce(into: [HTTPResponseStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 19)
            #expect(try await Family.find(f.family.id, on: app.db)?.version == 3)
        }
    }
}

/// A client holding a fresh API token for `staff`.
func apiClient(_ app: Application, _ staff: UUID) async throws -> TestClient {
    let client = TestClient(app)
    client.bearer = try await token(for: staff, on: app.db)
    return client
}

@Suite struct GoalConcurrencyTests {
    @Test func fiftyAchieveAndDiscontinuePairsSentAtOnceExactlyOneWinsEach() async throws {
        try await withTestApp { app, f in
            let ctx = try await context(app, f.id(.familyServiceWorker))
            let family = f.family.id!
            _ = try await AgreementCommands.start(StartInput(), family: family, in: ctx)
            var goals: [UUID] = []
            for n in 0..<50 {
                var input = GoalInput()
                input.kind = "family"
                input.outcomes = ["learners"]
                input.goal = "Goal \(n)"
                goals.append(try await AgreementCommands.createGoal(input, family: family, in: ctx).requireID())
            }
            let bearer = try await token(for: f.id(.familyServiceWorker), on: app.db)
            let results = try await withThrowingTaskGroup(of: (UUID, String, HTTPResponseStatus).self) { group in
                for goal in goals {
                    for change in [#"{"change": "achieve"}"#, #"{"change": "discontinue", "reason": "The family chose another goal"}"#] {
                        group.addTask {
                            let client = TestClient(app)
                            client.bearer = bearer
                            let response = try await client.json(.POST, "/api/v1/families/\(family.path)/goals/\(goal.path)/state", change)
                            return (goal, change, response.status)
                        }
                    }
                }
                return try await group.reduce(into: [(UUID, String, HTTPResponseStatus)]()) { $0.append($1) }
            }
            #expect(results.allSatisfy { [.ok, .conflict, .unprocessableEntity].contains($0.2) }, "\(results.map(\.2))")
            for goal in goals {
                let mine = results.filter { $0.0 == goal }
                #expect(mine.filter { $0.2 == .ok }.count == 1, "goal \(goal): \(mine.map(\.2))")
                let winner = try #require(mine.first { $0.2 == .ok })
                let stored = try #require(try await Goal.find(goal, on: app.db))
                #expect(stored.state == (winner.1.contains("achieve") ? .achieved : .discontinued))
                let changes = try await AuditEntry.query(on: app.db).filter(\.$recordID == goal)
                    .filter(\.$action == AuditAction.changeState.rawValue).count()
                #expect(changes == 1)
            }
        }
    }

    @Test func twoRevisionsOfOneGoalOnlyOneReplacementIsMade() async throws {
        try await withTestApp { app, f in
            let ctx = try await context(app, f.id(.familyServiceWorker))
            let family = f.family.id!
            _ = try await AgreementCommands.start(StartInput(), family: family, in: ctx)
            var input = GoalInput()
            input.kind = "family"
            input.outcomes = ["family_well_being"]
            input.goal = "Find stable housing"
            let old = try await AgreementCommands.createGoal(input, family: family, in: ctx)
            let bearer = try await token(for: f.id(.manager), on: app.db)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                for n in 0..<10 {
                    group.addTask {
                        let client = TestClient(app)
                        client.bearer = bearer
                        let body = #"{"goal": "Housing plan \#(n)", "kind": "family", "outcomes": ["family_well_being"], "revises": "\#(old.id!.path)"}"#
                        return try await client.json(.POST, "/api/v1/families/\(family.path)/goals", body).status
                    }
                }
                return try await group.reduce(into: [HTTPResponseStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .unprocessableEntity }.count == 9)
            let goals = try await Goal.query(on: app.db).filter(\.$familyID == family).all()
            #expect(goals.count == 2)
            let stored = try #require(goals.first { $0.id == old.id })
            #expect(stored.state == .revised)
            #expect(goals.contains { $0.id == stored.$replacedBy.id })
        }
    }

    @Test func twoWritersOfAGoalThroughThePageAndTheAPI() async throws {
        try await withTestApp { app, f in
            let ctx = try await context(app, f.id(.familyServiceWorker))
            let family = f.family.id!
            _ = try await AgreementCommands.start(StartInput(), family: family, in: ctx)
            var input = GoalInput()
            input.kind = "family"
            input.outcomes = ["learners"]
            input.goal = "Read together every night"
            let goal = try await AgreementCommands.createGoal(input, family: family, in: ctx)
            let api = try await apiClient(app, f.id(.manager))
            let patched = try await api.json(.PATCH, "/api/v1/families/\(family.path)/goals/\(goal.id!.path)",
                                             #"{"strategies": "Library card for the whole family", "version": 1}"#)
            #expect(patched.status == .ok)
            let page = TestClient(app)
            try await page.signIn(f.email(.familyServiceWorker))
            let stale = try await page.post("/families/\(family.path)/goals/\(goal.id!.path)/edit", pairs: [
                ("goal", "Read together every night"), ("kind", "family"), ("outcomes[]", "learners"),
                ("strategies", "Bedtime stories in Spanish"), ("version", "1"),
            ])
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("Saved meanwhile as: “Library card for the whole family”"))
            #expect(stale.text.contains("Bedtime stories in Spanish"))
            #expect(try await Goal.find(goal.id, on: app.db)?.strategies == "Library card for the whole family")
            // A state change from a page opened before someone else's change is refused, not applied.
            let achieve = try await page.post("/families/\(family.path)/goals/\(goal.id!.path)/state", ["change": "achieve", "version": "1", "confirmed": "yes"])
            #expect(achieve.status == .conflict)
            #expect(try await Goal.find(goal.id, on: app.db)?.state == .active)
        }
    }
}

/// Every other kind of record people edit, through the API: a change based on the version someone else's change
/// replaced is refused with 409 and the record as it is now, and the record keeps the first change.
@Suite struct StaleChangeTests {
    /// One record: how to make it (returns its path), a change to apply twice based on the same version, and
    /// what the first change left in the answer.
    struct Case {
        let name: String
        let make: (TestClient, Fixture) async throws -> String
        let method: HTTPMethod
        let change: (_ first: Bool) -> String
        let keptField: String
        let kept: String
    }

    @Test func aChangeBasedOnAReplacedVersionIsRefusedForEveryKindOfRecord() async throws {
        try await withTestApp { app, f in
            let manager = try await apiClient(app, f.id(.manager))
            let fam = "/api/v1/families/\(f.family.id!.path)"
            func created(_ client: TestClient, _ path: String, _ body: String) async throws -> [String: Any] {
                let response = try await client.json(.POST, path, body)
                #expect(response.status == .created, "\(path): \(response.text)")
                return try #require(try response.json() as? [String: Any])
            }
            let cases: [Case] = [
                Case(name: "provider", make: { c, _ in
                    let p = try await created(c, "/api/v1/providers", #"{"name": "Hope Clinic", "categories": ["mental_health"]}"#)
                    return "/api/v1/providers/\(p["id"] as! String)"
                }, method: .PUT, change: { first in
                    #"{"name": "\#(first ? "Hope Clinic East" : "Hope Clinic West")", "categories": ["mental_health"], "version": 1}"#
                }, keptField: "name", kept: "Hope Clinic East"),
                Case(name: "partner agency", make: { c, _ in
                    let p = try await created(c, "/api/v1/partners", #"{"name": "County Health", "kind": "health", "level": "networking"}"#)
                    return "/api/v1/partners/\(p["id"] as! String)"
                }, method: .PATCH, change: { first in
                    #"{"notes": "\#(first ? "Dental days in May" : "Vision days in June")", "version": 1}"#
                }, keptField: "notes", kept: "Dental days in May"),
                Case(name: "action step", make: { c, f in
                    _ = try await created(c, "\(fam)/agreement", "{}")
                    let goal = try await created(c, "\(fam)/goals", #"{"goal": "Finish the GED", "kind": "family", "outcomes": ["learners"]}"#)
                    let step = try await created(c, "\(fam)/goals/\(goal["id"] as! String)/steps",
                                                 #"{"what": "Call the adult school", "who": "staff:\#(f.id(.manager).path)", "due_on": "\#(testToday)"}"#)
                    return "\(fam)/goals/\(goal["id"] as! String)/steps/\(step["id"] as! String)"
                }, method: .PUT, change: { first in
                    #"{"done": \#(first), "version": 1}"#
                }, keptField: "done_on", kept: testToday.description),
                Case(name: "referral", make: { c, _ in
                    let r = try await created(c, "\(fam)/referrals", #"{"category": "housing", "family_asked": true}"#)
                    return "\(fam)/referrals/\(r["id"] as! String)/status"
                }, method: .POST, change: { first in
                    #"{"status": "\#(first ? "connected" : "declined")", "version": 1}"#
                }, keptField: "status", kept: "connected"),
                Case(name: "consent", make: { c, f in
                    let consent = try await created(c, "\(fam)/consents", #"{"partner_agency_id": "\#(f.partner.id!.path)", "given_by": "Ana Rivera", "categories": ["enrollment"], "purpose": "Case plan", "starts_on": "\#(testToday)", "ends_on": "\#(testToday.adding(months: 6))", "method": "signed_form"}"#)
                    return "\(fam)/consents/\(consent["id"] as! String)/revoke"
                }, method: .POST, change: { first in
                    #"{"revoked_on": "\#(testToday)", "version": 1}"#
                }, keptField: "revoked_on", kept: testToday.description),
                Case(name: "record request", make: { c, _ in
                    let r = try await created(c, "\(fam)/record-requests", #"{"kind": "inspection", "requested_by": "Ana Rivera", "received_on": "\#(testToday)"}"#)
                    return "\(fam)/record-requests/\(r["id"] as! String)/answer"
                }, method: .POST, change: { first in
                    #"{"answered_on": "\#(first ? testToday : testToday.adding(days: 1))", "version": 1}"#
                }, keptField: "answered_on", kept: testToday.description),
                Case(name: "visit", make: { _, f in
                    let visit = try await Visit.make(family: f.family.id!, program: f.programID, type: "Home visit",
                                                     day: testToday.adding(days: 2), on: app.db)
                    return "\(fam)/visits/\(visit.id!.path)/status"
                }, method: .POST, change: { first in
                    #"{"status": "\#(first ? "cancelled_by_family" : "missed")", "version": 1}"#
                }, keptField: "status", kept: "cancelled_by_family"),
            ]
            for item in cases {
                let path = try await item.make(manager, f)
                let first = try await manager.json(item.method, path, item.change(true))
                #expect(first.status == .ok, "\(item.name): \(first.text)")
                let second = try await manager.json(item.method, path, item.change(false))
                #expect(second.status == .conflict, "\(item.name): \(second.status) \(second.text)")
                let body = try #require(try second.json() as? [String: Any], "\(item.name)")
                let current = try #require(body["current"] as? [String: Any], "\(item.name): \(second.text)")
                #expect(current["version"] as? Int == 2, "\(item.name)")
                #expect(second.headers.first(name: .eTag) == "\"2\"", "\(item.name)")
                #expect(current[item.keptField].map { "\($0)" } == item.kept, "\(item.name): \(current)")
            }
        }
    }

    @Test func aPageSavedAfterSomeoneElsesChangeShowsBothForProvidersAndPartners() async throws {
        try await withTestApp { app, f in
            let api = try await apiClient(app, f.id(.manager))
            let provider = try #require(try await api.json(.POST, "/api/v1/providers", #"{"name": "Hope Clinic", "categories": ["mental_health"]}"#).json() as? [String: Any])
            let providerID = provider["id"] as! String
            #expect(try await api.json(.PATCH, "/api/v1/providers/\(providerID)", #"{"hours": "Weekdays 9 to 5", "version": 1}"#).status == .ok)
            let partner = try #require(try await api.json(.POST, "/api/v1/partners", #"{"name": "County Health", "kind": "health", "level": "networking"}"#).json() as? [String: Any])
            let partnerID = partner["id"] as! String
            #expect(try await api.json(.PATCH, "/api/v1/partners/\(partnerID)", #"{"notes": "Dental days in May", "version": 1}"#).status == .ok)

            let page = TestClient(app)
            try await page.signIn(f.email(.director))
            let staleProvider = try await page.post("/providers/\(providerID)/edit", pairs: [
                ("name", "Hope Clinic"), ("categories[]", "mental_health"), ("hours", "Saturdays only"), ("version", "1"),
            ])
            #expect(staleProvider.status == .conflict)
            #expect(staleProvider.text.contains("Saved meanwhile as: “Weekdays 9 to 5”"))
            #expect(staleProvider.text.contains("Saturdays only"))
            #expect(try await Provider.find(UUID(uuidString: providerID), on: app.db)?.hours == "Weekdays 9 to 5")
            let stalePartner = try await page.post("/partners/\(partnerID)/edit", pairs: [
                ("name", "County Health"), ("kind", "health"), ("level", "networking"), ("notes", "Vision days in June"), ("version", "1"),
            ])
            #expect(stalePartner.status == .conflict)
            #expect(stalePartner.text.contains("Saved meanwhile as: “Dental days in May”"))
            #expect(stalePartner.text.contains("Vision days in June"))
            #expect(try await PartnerAgency.find(UUID(uuidString: partnerID), on: app.db)?.notes == "Dental days in May")
        }
    }
}
