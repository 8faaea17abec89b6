@testable import FamilyPartnership
import Fluent
import Foundation
import PartnershipRules
import Testing
import Vapor
import VaporTesting

@Suite struct APITests {
    @Test func familiesArePagedByKeysetWithoutRepeatsOrGaps() async throws {
        try await withTestApp { app, f in
            for n in 0..<7 {
                _ = try await Family.make(on: app.db, program: f.programID, name: "Paging family \(n % 3)")
            }
            let client = TestClient(app)
            client.bearer = try await token(for: f.id(.director), on: app.db)
            var seen: [String] = []
            var cursor: String?
            repeat {
                let path = "/api/v1/families?limit=3" + (cursor.map { "&cursor=\($0)" } ?? "")
                let response = try await client.json(.GET, path)
                #expect(response.status == .ok)
                let page = try #require(try response.json() as? [String: Any])
                let items = try #require(page["items"] as? [[String: Any]])
                #expect(items.count <= 3)
                seen += items.compactMap { $0["id"] as? String }
                cursor = page["next_cursor"] as? String
            } while cursor != nil
            let all = try await Family.query(on: app.db).filter(\.$program.$id == f.programID).count()
            #expect(seen.count == all)
            #expect(Set(seen).count == all)
        }
    }

    @Test func listsAreFilteredAndScoped() async throws {
        try await withTestApp { app, f in
            let client = TestClient(app)
            client.bearer = try await token(for: f.id(.teacher), on: app.db)
            let mine = try #require(try await client.json(.GET, "/api/v1/families").json() as? [String: Any])
            let names = (mine["items"] as? [[String: Any]])?.compactMap { $0["household_name"] as? String }
            #expect(names == ["Chen family"])
            let exited = try #require(try await client.json(.GET, "/api/v1/families?status=exited").json() as? [String: Any])
            #expect((exited["items"] as? [Any])?.isEmpty == true)
            let bad = try await client.json(.GET, "/api/v1/families?limit=0&status=gone")
            #expect(bad.status == .unprocessableEntity)
            let fields = ((try bad.json() as? [String: Any])?["fields"] as? [String: String]) ?? [:]
            #expect(Set(fields.keys) == ["limit", "status"])
        }
    }

    /// Every list the API offers is paged: the document says so for each, and each honours `limit`, gives a
    /// cursor to a different next page, and refuses a limit out of range.
    @Test func everyListIsPagedAndHonoursItsLimit() async throws {
        let document = try #require(try JSONSerialization.jsonObject(with: OpenAPIDocument.json) as? [String: Any])
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        func resolved(_ schema: Any?) -> [String: Any] {
            guard let s = schema as? [String: Any] else { return [:] }
            if let ref = s["$ref"] as? String, let name = ref.split(separator: "/").last { return resolved(schemas[String(name)]) }
            return s
        }
        var lists: Set<String> = []
        for (path, item) in try #require(document["paths"] as? [String: Any]) {
            guard let get = (item as? [String: Any])?["get"] as? [String: Any] else { continue }
            let ok = (((get["responses"] as? [String: Any])?["200"] as? [String: Any])?["content"] as? [String: Any])?["application/json"] as? [String: Any]
            let schema = resolved(ok?["schema"])
            #expect(schema["type"] as? String != "array", "GET \(path) answers a bare array, not a page")
            guard (schema["properties"] as? [String: Any])?["next_cursor"] != nil else { continue }
            let names = Set(((get["parameters"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String })
            #expect(names.isSuperset(of: ["limit", "cursor"]), "GET \(path) is a page without limit and cursor")
            lists.insert(path.replacingOccurrences(of: "{", with: ":").replacingOccurrences(of: "}", with: ""))
        }
        #expect(lists.count >= 20)

        try await withTestApp { app, f in
            let cases = AccessMatrixTests.cases(f, try await AccessMatrixTests.Records.make(f, on: app.db))
                .filter { $0.method == .GET && lists.contains($0.pattern) && $0.allowed.contains(.director) }
            #expect(Set(cases.map(\.pattern)) == lists, "lists the access matrix does not reach: \(lists.subtracting(cases.map(\.pattern)))")
            let client = TestClient(app)
            client.bearer = try await token(for: f.id(.director), on: app.db)
            var paged = 0
            for c in cases {
                let join = c.path.contains("?") ? "&" : "?"
                let first = try #require(try await client.json(.GET, c.path + join + "limit=1").json() as? [String: Any], "\(c.path)")
                let items = try #require(first["items"] as? [[String: Any]], "\(c.path)")
                #expect(items.count <= 1, "\(c.path) ignored limit=1")
                if let cursor = first["next_cursor"] as? String {
                    paged += 1
                    let second = try #require(try await client.json(.GET, c.path + join + "limit=1&cursor=\(cursor)").json() as? [String: Any])
                    let next = try #require(second["items"] as? [[String: Any]])
                    #expect(next.count == 1 && !NSDictionary(dictionary: next[0]).isEqual(to: items[0]), "\(c.path): the second page repeats the first")
                }
                let refused = try await client.json(.GET, c.path + join + "limit=0")
                #expect(refused.status == .unprocessableEntity, "\(c.path) accepted limit=0")
                #expect(try refused.text.contains("\"limit\""), "\(c.path): \(refused.text)")
            }
            #expect(paged >= 8, "too few lists had a second page to test the cursor on")
        }
    }

    /// What the family page shows, the API offers: a child's transitions and, for managers, the access history.
    @Test func transitionsAccessHistorySitesAndTheReportAreOffered() async throws {
        let time = ManualTime(testNow)
        try await withTestApp(configure: { $0.clock = time.clock(zone: testZone) }) { app, f in
            time.advance(by: 60)
            let client = TestClient(app)
            client.bearer = try await token(for: f.id(.manager), on: app.db)
            let fam = f.family.id!.path
            // Lucia, born 2022-03-04 in Head Start, starts kindergarten in September 2027: less than a year away.
            let transitions = try #require(try await client.json(.GET, "/api/v1/families/\(fam)/transitions").json() as? [String: Any])
            let lucia = try #require((transitions["items"] as? [[String: Any]])?.first)
            #expect(lucia["kind"] as? String == "to_kindergarten")
            #expect(lucia["moves_on"] as? String == "2027-09-01")
            #expect(lucia["plan_by"] as? String == "2027-03-01")
            #expect(lucia["prompt_due"] as? Bool == true)
            #expect(lucia["planned"] as? Bool == false)

            let history = try #require(try await client.json(.GET, "/api/v1/families/\(fam)/access-history?limit=5").json() as? [String: Any])
            let entries = try #require(history["items"] as? [[String: Any]])
            #expect(entries.count == 5)
            #expect(entries.first?["record_type"] as? String == "member", "newest first: the transitions read just now")
            let viewed = try await AuditEntry.query(on: app.db).filter(\.$familyID == f.family.id!)
                .filter(\.$action == AuditAction.viewAccessHistory.rawValue).count()
            #expect(viewed == 1)
            let worker = TestClient(app)
            worker.bearer = try await token(for: f.id(.familyServiceWorker), on: app.db)
            #expect(try await worker.json(.GET, "/api/v1/families/\(fam)/access-history").status == .forbidden)
            let refused = try await AuditEntry.query(on: app.db).filter(\.$familyID == f.family.id!)
                .filter(\.$action == AuditAction.refused.rawValue).count()
            #expect(refused == 1)

            let sites = try #require(try await client.json(.GET, "/api/v1/sites").json() as? [String: Any])
            #expect((sites["items"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == f.sites.map(\.name).sorted())

            let report = try #require(try await client.json(.GET, "/api/v1/reports/family-services?year=\(testToday.year - (testToday.month < 8 ? 1 : 0))").json() as? [String: Any])
            #expect((report["lines"] as? [Any])?.isEmpty == false)
            #expect(report["families_served"] as? Int == 0)
            let bad = try await client.json(.GET, "/api/v1/reports/family-services?year=last")
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("\"year\""))
            #expect(try await worker.json(.GET, "/api/v1/reports/family-services").status == .forbidden)
        }
    }

    @Test func responsesMatchTheOpenAPIDocument() async throws {
        try await withTestApp { app, f in
            let client = TestClient(app)
            let documentResponse = try await client.json(.GET, "/api/v1/openapi.json")
            #expect(documentResponse.status == .ok)
            let document = try #require(try documentResponse.json() as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let validator = SchemaValidator(document: document)

            client.bearer = try await token(for: f.id(.manager), on: app.db)
            let fam = f.family.id!.path
            let checks: [(HTTPMethod, String, String?, String, Int, String)] = [
                (.GET, "/api/v1/me", nil, "/api/v1/me", 200, "get"),
                (.GET, "/api/v1/families", nil, "/api/v1/families", 200, "get"),
                (.GET, "/api/v1/families/\(fam)", nil, "/api/v1/families/{familyID}", 200, "get"),
                (.GET, "/api/v1/families/\(fam)/members", nil, "/api/v1/families/{familyID}/members", 200, "get"),
                (.GET, "/api/v1/families/\(fam)/members/\(f.child.id!.path)", nil, "/api/v1/families/{familyID}/members/{memberID}", 200, "get"),
                (.GET, "/api/v1/families/\(fam)/team", nil, "/api/v1/families/{familyID}/team", 200, "get"),
                (.GET, "/api/v1/staff?limit=2", nil, "/api/v1/staff", 200, "get"),
                (.GET, "/api/v1/staff/\(f.id(.teacher).path)", nil, "/api/v1/staff/{staffID}", 200, "get"),
                (.POST, "/api/v1/families", #"{"household_name": "Osei family", "preferred_language": "Twi", "phone": "555 222 3333"}"#, "/api/v1/families", 201, "post"),
                (.POST, "/api/v1/families", #"{"household_name": ""}"#, "/api/v1/families", 422, "post"),
                (.POST, "/api/v1/families/\(fam)/members", #"{"kind": "adult", "name": "Jorge Rivera", "relationship": "father", "is_father_figure": true}"#, "/api/v1/families/{familyID}/members", 201, "post"),
                (.PUT, "/api/v1/families/\(fam)", #"{"household_name": "Rivera family", "preferred_language": "Spanish"}"#, "/api/v1/families/{familyID}", 428, "put"),
                (.PUT, "/api/v1/families/\(fam)", #"{"household_name": "Rivera family", "preferred_language": "Spanish", "version": 2}"#, "/api/v1/families/{familyID}", 200, "put"),
                (.PATCH, "/api/v1/families/\(fam)", #"{"phone": "555 444 1212", "version": 2}"#, "/api/v1/families/{familyID}", 409, "patch"),
                (.PATCH, "/api/v1/families/\(fam)", #"{"phone": "555 444 1212", "version": 3}"#, "/api/v1/families/{familyID}", 200, "patch"),
                (.PATCH, "/api/v1/families/\(fam)", #"{"phone": "555 444 1212", "colour": "blue", "version": 4}"#, "/api/v1/families/{familyID}", 422, "patch"),
                (.POST, "/api/v1/families/\(fam)/team", #"{"staff_id": "\#(f.id(.teacher).path)", "role": "teacher"}"#, "/api/v1/families/{familyID}/team", 201, "post"),
                (.POST, "/api/v1/families/\(fam)/enrollment", #"{"action": "exit", "date": "2026-11-01", "reason": "moved_away"}"#, "/api/v1/families/{familyID}/enrollment", 200, "post"),
                (.GET, "/api/v1/families/\(f.otherProgramFamily.id!.path)", nil, "/api/v1/families/{familyID}", 404, "get"),
            ]
            try await checkPartnership(client, f, validator)
            for (method, path, body, template, status, operation) in checks {
                let response = try await client.json(method, path, body)
                #expect(Int(response.status.code) == status, "\(method) \(path): \(response.status) \(response.text)")
                let problems = validator.check(response: try response.json(), path: template, method: operation, status: Int(response.status.code))
                #expect(problems.isEmpty, "\(method) \(path): \(problems)")
            }
        }
    }

    /// The partnership endpoints, in the order a worker uses them, each response checked against the document.
    private func checkPartnership(_ client: TestClient, _ f: Fixture, _ validator: SchemaValidator) async throws {
        let fam = f.family.id!.path, base = "/api/v1/families/\(fam)"
        var ids: [String: String] = [:]
        func call(_ method: HTTPMethod, _ path: String, _ body: String?, _ template: String, _ status: Int) async throws -> [String: Any] {
            let response = try await client.json(method, path, body)
            #expect(Int(response.status.code) == status, "\(method) \(path): \(response.status) \(response.text)")
            let json = try response.json()
            let problems = validator.check(response: json, path: template, method: method.rawValue.lowercased(), status: Int(response.status.code))
            #expect(problems.isEmpty, "\(method) \(path): \(problems)")
            // A page answers with its first item, so a list's first record can be used like any record.
            if let page = json as? [String: Any], Set(page.keys).isSubset(of: ["items", "next_cursor"]) {
                return (page["items"] as? [[String: Any]])?.first ?? [:]
            }
            return (json as? [String: Any]) ?? ((json as? [[String: Any]])?.first ?? [:])
        }
        let instrument = try await call(.GET, "/api/v1/instruments", nil, "/api/v1/instruments", 200)
        ids["instrument"] = instrument["id"] as? String
        _ = try await call(.GET, "/api/v1/instruments/\(ids["instrument"]!)", nil, "/api/v1/instruments/{instrumentID}", 200)
        let imported = try await call(.POST, "/api/v1/instruments", PartnershipProcessTests.selfSufficiencyMatrix, "/api/v1/instruments", 201)
        #expect(imported["version"] as? Int == 1)
        _ = try await call(.POST, "/api/v1/instruments", #"{"key": "x", "name": "X", "sections": []}"#, "/api/v1/instruments", 422)
        let today = testToday.description
        let assessment = try await call(.POST, "\(base)/assessments", #"{"instrument_version_id": "\#(ids["instrument"]!)", "period": "intake", "taken_on": "\#(today)", "mode": "video", "participants": "Ana", "answers": {"housing": 2, "learners": 4}, "outcomes_chosen": ["learners"], "needs": [{"category": "housing", "urgency": "urgent", "intensity": "moderate"}]}"#, "/api/v1/families/{familyID}/assessments", 201)
        #expect((assessment["outcome_levels"] as? [String: Double])?["learners"] == 4)
        #expect((assessment["needs"] as? [Any])?.count == 1)
        _ = try await call(.GET, "\(base)/assessments/\(assessment["id"] as! String)", nil, "/api/v1/families/{familyID}/assessments/{assessmentID}", 200)
        _ = try await call(.GET, "\(base)/assessments", nil, "/api/v1/families/{familyID}/assessments", 200)
        _ = try await call(.POST, "\(base)/assessments", #"{"answers": {"housing": 7}}"#, "/api/v1/families/{familyID}/assessments", 422)
        _ = try await call(.GET, "\(base)/agreement", nil, "/api/v1/families/{familyID}/agreement", 404)
        _ = try await call(.POST, "\(base)/goals", #"{"goal": "x", "kind": "family", "outcomes": ["learners"]}"#, "/api/v1/families/{familyID}/goals", 409)
        _ = try await call(.POST, "\(base)/agreement", "{}", "/api/v1/families/{familyID}/agreement", 201)
        let goal = try await call(.POST, "\(base)/goals", #"{"goal": "Finish the GED", "kind": "family", "outcomes": ["learners"], "strategies": "Evening classes"}"#, "/api/v1/families/{familyID}/goals", 201)
        let goalPath = "\(base)/goals/\(goal["id"] as! String)", goalTemplate = "/api/v1/families/{familyID}/goals/{goalID}"
        let step = try await call(.POST, "\(goalPath)/steps", #"{"what": "Call the adult school", "who": "staff:\#(f.id(.manager).path)", "due_on": "\#(today)"}"#, "\(goalTemplate)/steps", 201)
        let done = try await call(.PUT, "\(goalPath)/steps/\(step["id"] as! String)", #"{"done": true}"#, "\(goalTemplate)/steps/{stepID}", 200)
        #expect(done["done_on"] as? String == today)
        _ = try await call(.POST, "\(goalPath)/notes", #"{"text": "Enrolled!", "is_success": true}"#, "\(goalTemplate)/notes", 201)
        _ = try await call(.PUT, goalPath, #"{"goal": "Finish the GED by June", "kind": "family", "outcomes": ["learners"]}"#, goalTemplate, 428)
        let edited = try await call(.PUT, goalPath, #"{"goal": "Finish the GED by June", "kind": "family", "outcomes": ["learners"], "version": 1}"#, goalTemplate, 200)
        #expect(edited["version"] as? Int == 2)
        _ = try await call(.PATCH, goalPath, #"{"target_on": "2027-06-01", "version": 1}"#, goalTemplate, 409)
        let patched = try await call(.PATCH, goalPath, #"{"target_on": "2027-06-01", "version": 2}"#, goalTemplate, 200)
        #expect(patched["goal"] as? String == "Finish the GED by June")
        let achieved = try await call(.POST, "\(goalPath)/state", #"{"change": "achieve"}"#, "\(goalTemplate)/state", 200)
        #expect(achieved["state"] as? String == "achieved")
        _ = try await call(.POST, "\(goalPath)/state", #"{"change": "resume"}"#, "\(goalTemplate)/state", 422)
        let fetched = try await call(.GET, goalPath, nil, goalTemplate, 200)
        #expect((fetched["action_steps"] as? [Any])?.count == 1)
        #expect((fetched["progress_notes"] as? [Any])?.count == 1)
        _ = try await call(.GET, "\(base)/goals", nil, "/api/v1/families/{familyID}/goals", 200)
        _ = try await call(.POST, "\(base)/agreement/reviews", #"{"reviewed_on": "\#(today)", "reviewers": "Ana and the manager", "changes": "GED achieved", "next_review_on": "\#(testToday.adding(days: 90))"}"#, "/api/v1/families/{familyID}/agreement/reviews", 201)
        _ = try await call(.POST, "\(base)/agreement/acknowledgements", #"{"acknowledged_by": "Ana Rivera", "acknowledged_on": "\#(today)", "method": "agreed_by_phone"}"#, "/api/v1/families/{familyID}/agreement/acknowledgements", 201)
        let agreement = try await call(.GET, "\(base)/agreement", nil, "/api/v1/families/{familyID}/agreement", 200)
        #expect((agreement["reviews"] as? [Any])?.count == 1)
        _ = try await call(.GET, "\(base)/agreement?year=abcd", nil, "/api/v1/families/{familyID}/agreement", 422)

        // The directory and the categories.
        let categories = try await client.json(.GET, "/api/v1/service-categories?limit=200")
        let list = try #require((try categories.json() as? [String: Any])?["items"] as? [[String: Any]])
        #expect(list.first { $0["key"] as? String == "mental_health" }?["follow_up"] as? String == "3 business days")
        #expect(list.first { $0["key"] as? String == "tobacco_education" }?["pir_item"] != nil)
        #expect(validator.check(response: try categories.json(), path: "/api/v1/service-categories", method: "get", status: 200).isEmpty)
        let provider = try await call(.POST, "/api/v1/providers", #"{"name": "Hope Clinic", "categories": ["mental_health"], "languages": "English; Spanish", "phone": "951 555 0101"}"#, "/api/v1/providers", 201)
        #expect(provider["languages"] as? [String] == ["English", "Spanish"])
        _ = try await call(.POST, "/api/v1/providers", #"{"name": "", "categories": ["pets"]}"#, "/api/v1/providers", 422)
        _ = try await call(.PUT, "/api/v1/providers/\(provider["id"] as! String)", #"{"name": "Hope Clinic East", "categories": ["mental_health", "parenting_education"], "languages": "Spanish", "verified_on": "\#(today)", "version": 1}"#, "/api/v1/providers/{providerID}", 200)
        _ = try await call(.GET, "/api/v1/providers/\(provider["id"] as! String)", nil, "/api/v1/providers/{providerID}", 200)
        let found = try await client.json(.GET, "/api/v1/providers?category=parenting_education&language=spanish")
        #expect(((try found.json() as? [String: Any])?["items"] as? [Any])?.count == 1)
        #expect(try await client.json(.GET, "/api/v1/providers?category=pets").status == .unprocessableEntity)

        // A referral followed to a service, and a service recorded directly.
        let referral = try await call(.POST, "\(base)/referrals", #"{"category": "mental_health", "provider_id": "\#(provider["id"] as! String)", "family_asked": true}"#, "/api/v1/families/{familyID}/referrals", 201)
        #expect(referral["follow_up_on"] as? String == FollowUpTime.businessDays(3).due(from: testToday).description)
        let referralPath = "\(base)/referrals/\(referral["id"] as! String)", referralTemplate = "/api/v1/families/{familyID}/referrals/{referralID}"
        let receiving = try await call(.POST, "\(referralPath)/status", #"{"status": "receiving"}"#, "\(referralTemplate)/status", 200)
        #expect((receiving["history"] as? [Any])?.count == 2)
        _ = try await call(.POST, "\(referralPath)/status", #"{"status": "referred"}"#, "\(referralTemplate)/status", 422)
        _ = try await call(.GET, referralPath, nil, referralTemplate, 200)
        _ = try await call(.GET, "\(base)/referrals", nil, "/api/v1/families/{familyID}/referrals", 200)
        _ = try await call(.POST, "\(base)/services", #"{"category": "parenting_education", "provided_on": "\#(today)", "delivered_by": "Parent group"}"#, "/api/v1/families/{familyID}/services", 201)
        _ = try await call(.POST, "\(base)/services", #"{"category": "parenting_education", "provided_on": "\#(today)"}"#, "/api/v1/families/{familyID}/services", 422)
        let services = try await client.json(.GET, "\(base)/services")
        #expect(((try services.json() as? [String: Any])?["items"] as? [Any])?.count == 2)

        // Partners, plans, needs met, consents, sharing, the disclosure log, requests and the export.
        let partner = try await call(.POST, "/api/v1/partners", #"{"name": "Head Start Health Partners", "kind": "health", "level": "networking", "mou_expires_on": "\#(testToday.adding(days: 20))"}"#, "/api/v1/partners", 201)
        #expect(partner["mou_renewal_due"] as? Bool == true)
        let partnerPath = "/api/v1/partners/\(partner["id"] as! String)"
        let moved = try await call(.POST, "\(partnerPath)/levels", #"{"level": "coordination", "changed_on": "\#(today)"}"#, "/api/v1/partners/{partnerID}/levels", 200)
        #expect((moved["level_history"] as? [Any])?.count == 2)
        _ = try await call(.POST, "\(partnerPath)/meetings", #"{"held_on": "\#(today)", "attendees": "Both directors"}"#, "/api/v1/partners/{partnerID}/meetings", 201)
        _ = try await call(.PUT, partnerPath, #"{"name": "Head Start Health Partners", "kind": "health", "level": "coordination", "notes": "Dental days", "version": 2}"#, "/api/v1/partners/{partnerID}", 200)
        _ = try await call(.GET, partnerPath, nil, "/api/v1/partners/{partnerID}", 200)
        _ = try await call(.GET, "/api/v1/partners", nil, "/api/v1/partners", 200)
        _ = try await call(.POST, "/api/v1/partners", #"{"name": "", "kind": "circus", "level": "networking"}"#, "/api/v1/partners", 422)
        _ = try await call(.POST, "\(base)/agency-plans", #"{"agency": "County DPSS", "kind": "tanf_work_plan"}"#, "/api/v1/families/{familyID}/agency-plans", 201)
        _ = try await call(.GET, "\(base)/agency-plans", nil, "/api/v1/families/{familyID}/agency-plans", 200)
        let need = try #require((assessment["needs"] as? [[String: Any]])?.first?["id"] as? String)
        let met = try await call(.POST, "\(base)/needs/\(need)/met", "{}", "/api/v1/families/{familyID}/needs/{needID}/met", 200)
        #expect(met["met_on"] as? String == today)
        let share = #"{"partner_agency_id": "\#(partner["id"] as! String)", "categories": ["enrollment", "referrals_and_services"]}"#
        let refused = try await call(.POST, "\(base)/disclosures", share, "/api/v1/families/{familyID}/disclosures", 422)
        #expect((refused["fields"] as? [String: String])?["categories"] != nil)
        let consent = try await call(.POST, "\(base)/consents", #"{"partner_agency_id": "\#(partner["id"] as! String)", "given_by": "Ana Rivera", "categories": ["enrollment", "referrals_and_services"], "purpose": "Dental follow-up", "starts_on": "\#(today)", "ends_on": "\#(testToday.adding(months: 6))", "method": "electronic_signature"}"#, "/api/v1/families/{familyID}/consents", 201)
        #expect(consent["is_current"] as? Bool == true)
        _ = try await call(.POST, "\(base)/consents", #"{"categories": ["gossip"]}"#, "/api/v1/families/{familyID}/consents", 422)
        let packet = try await call(.POST, "\(base)/disclosures", share, "/api/v1/families/{familyID}/disclosures", 201)
        // The mental health referral is health information, left out; the parenting group is a service.
        #expect((packet["referrals"] as? [Any])?.count == 0 && (packet["services"] as? [Any])?.count == 1 && packet["health"] == nil)
        _ = try await call(.POST, "\(base)/disclosures", #"{"exception": "court_order_or_subpoena", "recipient": "Superior Court", "categories": ["enrollment"]}"#, "/api/v1/families/{familyID}/disclosures", 422)
        _ = try await call(.POST, "\(base)/disclosures", #"{"exception": "court_order_or_subpoena", "recipient": "Superior Court", "reason": "Subpoena 24-113", "categories": ["enrollment"]}"#, "/api/v1/families/{familyID}/disclosures", 201)
        let log = try await client.json(.GET, "\(base)/disclosures")
        #expect(((try log.json() as? [String: Any])?["items"] as? [Any])?.count == 2)
        #expect(validator.check(response: try log.json(), path: "/api/v1/families/{familyID}/disclosures", method: "get", status: 200).isEmpty)
        let revoked = try await call(.POST, "\(base)/consents/\(consent["id"] as! String)/revoke", "{}", "/api/v1/families/{familyID}/consents/{consentID}/revoke", 200)
        #expect(revoked["is_current"] as? Bool == false)
        _ = try await call(.POST, "\(base)/disclosures", share, "/api/v1/families/{familyID}/disclosures", 422)
        _ = try await call(.GET, "\(base)/consents", nil, "/api/v1/families/{familyID}/consents", 200)
        let request = try await call(.POST, "\(base)/record-requests", #"{"kind": "inspection", "requested_by": "Ana Rivera", "received_on": "\#(today)"}"#, "/api/v1/families/{familyID}/record-requests", 201)
        #expect(request["due_on"] as? String == testToday.adding(days: 45).description)
        _ = try await call(.GET, "\(base)/record-requests", nil, "/api/v1/families/{familyID}/record-requests", 200)
        let export = try await call(.GET, "\(base)/export", nil, "/api/v1/families/{familyID}/export", 200)
        #expect((export["disclosures"] as? [Any])?.count == 3, "the two shares and this export")
        let answered = try await call(.POST, "\(base)/record-requests/\(request["id"] as! String)/answer", #"{"answered_on": "\#(today)"}"#, "/api/v1/families/{familyID}/record-requests/{requestID}/answer", 200)
        #expect(answered["answered_on"] as? String == today)
    }
}

/// Just enough JSON Schema to check this API's responses: types (including nullable type lists), required
/// properties, closed objects, enums, arrays, formats of uuid and date, and `$ref`.
struct SchemaValidator {
    let document: [String: Any]

    func check(response: Any, path: String, method: String, status: Int) -> [String] {
        guard let paths = document["paths"] as? [String: Any], let item = paths[path] as? [String: Any],
              let operation = item[method] as? [String: Any], let responses = operation["responses"] as? [String: Any],
              let described = responses[String(status)] as? [String: Any] else {
            return ["\(method) \(path) has no \(status) response in the document"]
        }
        guard let schema = ((described["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] else {
            return ["\(status) response has no JSON schema"]
        }
        return validate(response, against: schema, at: "$")
    }

    private func resolve(_ schema: Any) -> [String: Any] {
        guard let s = schema as? [String: Any] else { return [:] }
        if let ref = s["$ref"] as? String, let name = ref.split(separator: "/").last,
           let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any] {
            return resolve(schemas[String(name)] as Any)
        }
        return s
    }

    private func validate(_ value: Any, against raw: Any, at location: String) -> [String] {
        let schema = resolve(raw)
        let types: [String] = (schema["type"] as? [String]) ?? (schema["type"] as? String).map { [$0] } ?? []
        if value is NSNull { return types.isEmpty || types.contains("null") ? [] : ["\(location) is null"] }
        if let allowed = schema["enum"] as? [Any], let text = value as? String,
           !allowed.contains(where: { ($0 as? String) == text }) {
            return ["\(location) = \(text) is not one of the enum"]
        }
        if let format = schema["format"] as? String, let text = value as? String {
            if format == "uuid", UUID(uuidString: text) == nil { return ["\(location) is not a uuid"] }
            if format == "date", CalendarDate(text) == nil { return ["\(location) is not a date"] }
        }
        if let object = value as? [String: Any] {
            guard types.isEmpty || types.contains("object") else { return ["\(location) is an object"] }
            var problems: [String] = []
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                problems.append("\(location).\(name) is missing")
            }
            for (key, child) in object {
                if let property = properties[key] {
                    problems += validate(child, against: property, at: "\(location).\(key)")
                } else if let additional = schema["additionalProperties"] as? [String: Any] {
                    problems += validate(child, against: additional, at: "\(location).\(key)")
                } else if (schema["additionalProperties"] as? Bool) == false {
                    problems.append("\(location).\(key) is not in the schema")
                }
            }
            return problems
        }
        if let array = value as? [Any] {
            guard types.contains("array") else { return ["\(location) is an array"] }
            return array.enumerated().flatMap { validate($1, against: schema["items"] as Any, at: "\(location)[\($0)]") }
        }
        if value is String { return types.contains("string") ? [] : ["\(location) is a string"] }
        if let number = value as? NSNumber {
            if String(cString: number.objCType) == "c" { return types.contains("boolean") ? [] : ["\(location) is a boolean"] }
            return types.contains("integer") || types.contains("number") ? [] : ["\(location) is a number"]
        }
        return []
    }
}

@Suite struct OpenAPIDocumentTests {
    /// Every `$ref` in the document names a schema that exists, and every operation has an id of its own.
    @Test func everyReferenceResolvesAndEveryOperationIsNamedOnce() throws {
        let document = try #require(try JSONSerialization.jsonObject(with: OpenAPIDocument.json) as? [String: Any])
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        var refs: [String] = [], operationIDs: [String] = []
        func walk(_ value: Any) {
            if let object = value as? [String: Any] {
                if let ref = object["$ref"] as? String { refs.append(ref) }
                if let id = object["operationId"] as? String { operationIDs.append(id) }
                object.values.forEach(walk)
            } else if let list = value as? [Any] {
                list.forEach(walk)
            }
        }
        walk(document)
        #expect(!refs.isEmpty)
        for ref in refs {
            #expect(ref.hasPrefix("#/components/schemas/") && schemas[String(ref.dropFirst("#/components/schemas/".count))] != nil,
                    "unresolved reference \(ref)")
        }
        #expect(Set(operationIDs).count == operationIDs.count, "an operation id is used twice")
    }
}
