@testable import FamilyPartnership
import Fluent
import Foundation
import PartnershipRules
import Testing
import Vapor
import VaporTesting

@Suite struct VisitAPITests {
    /// The visit endpoints in the order a home visitor and a manager use them, each response checked against
    /// the OpenAPI document.
    @Test func visitsContactsTrainingsDrawsAndHoursMatchTheDocument() async throws {
        try await withTestApp { app, f in
            let client = TestClient(app)
            let validator = SchemaValidator(document: try #require(try await client.json(.GET, "/api/v1/openapi.json").json() as? [String: Any]))
            client.bearer = try await token(for: f.id(.manager), on: app.db)
            let base = "/api/v1/families/\(f.family.id!.path)"
            func call(_ method: HTTPMethod, _ path: String, _ body: String?, _ template: String, _ status: Int) async throws -> Any {
                let response = try await client.json(method, path, body)
                #expect(Int(response.status.code) == status, "\(method) \(path): \(response.status) \(response.text)")
                let json = try response.json()
                let problems = validator.check(response: json, path: template, method: method.rawValue.lowercased(), status: Int(response.status.code))
                #expect(problems.isEmpty, "\(method) \(path): \(problems)")
                return json
            }
            let types = try #require((try await call(.GET, "/api/v1/visit-types", nil, "/api/v1/visit-types", 200) as? [String: Any])?["items"] as? [[String: Any]])
            let hvp = try #require(types.first { $0["name"] as? String == "HVP initial visit" })
            #expect(hvp["staff_required"] as? Int == 2 && hvp["required_course"] as? String == VisitTypeRules.hvpCourse)
            let checkIn = try #require(types.first { $0["name"] as? String == "Virtual check-in" }?["id"] as? String)
            let fsw = f.id(.familyServiceWorker).path, tomorrow = testToday.adding(days: 1)

            // Training, then an HVP visit refused for one attendee and scheduled for two.
            _ = try await call(.POST, "/api/v1/trainings", #"{"staff_id": "\#(fsw)", "course_id": "nope", "completed_on": "2026-08-01"}"#, "/api/v1/trainings", 422)
            for person in [fsw, f.id(.homeVisitor).path] {
                _ = try await call(.POST, "/api/v1/trainings", #"{"staff_id": "\#(person)", "new_course": null, "course_id": "\#(try await hvpCourse(f, app.db))", "completed_on": "2026-08-01"}"#, "/api/v1/trainings", 201)
            }
            let trainings = try #require((try await call(.GET, "/api/v1/trainings", nil, "/api/v1/trainings", 200) as? [String: Any])?["items"] as? [Any])
            #expect(trainings.count == 2)
            let first = try #require(try await call(.GET, "/api/v1/trainings?limit=1", nil, "/api/v1/trainings", 200) as? [String: Any])
            let cursor = try #require(first["next_cursor"] as? String)
            let second = try #require(try await call(.GET, "/api/v1/trainings?limit=1&cursor=\(cursor)", nil, "/api/v1/trainings", 200) as? [String: Any])
            #expect((first["items"] as? [[String: Any]])?.first?["id"] as? String != (second["items"] as? [[String: Any]])?.first?["id"] as? String)
            #expect(second["next_cursor"] == nil)
            let visit = #"{"type_id": "\#(hvp["id"] as! String)", "date": "\#(tomorrow)", "starts_at": "16:30", "planned_minutes": 45, "place": "home", "family_agreed": true, "agreement_way": "phone", "staff": ["\#(fsw)"]}"#
            let refused = try #require(try await call(.POST, "\(base)/visits", visit, "/api/v1/families/{familyID}/visits", 422) as? [String: Any])
            #expect((refused["fields"] as? [String: String])?["staff"]?.contains("needs 2 staff") == true)
            let two = visit.replacingOccurrences(of: #"["\#(fsw)"]"#, with: #"["\#(fsw)", "\#(f.id(.homeVisitor).path)"]"#)
            let scheduled = try #require(try await call(.POST, "\(base)/visits", two, "/api/v1/families/{familyID}/visits", 201) as? [[String: Any]])
            let visitPath = "\(base)/visits/\(scheduled[0]["id"] as! String)", template = "/api/v1/families/{familyID}/visits/{visitID}"
            #expect((scheduled[0]["staff"] as? [String])?.count == 2)
            let moved = try #require(try await call(.POST, "\(visitPath)/status", #"{"status": "rescheduled", "new_date": "\#(testToday)", "new_starts_at": "08:00"}"#, "\(template)/status", 200) as? [String: Any])
            let next = try #require(moved["rescheduled_to"] as? String)
            let recorded = try #require(try await call(.POST, "\(base)/visits/\(next)/record", #"{"actual_minutes": 40, "children": ["\#(f.child.id!.path)"], "hopes_and_dreams": {"\#(f.child.id!.path)": "Read with her brother"}, "family_requests": "Diapers", "start_referral": true, "referral_category": "food"}"#, "\(template)/record", 200) as? [String: Any])
            #expect(recorded["status"] as? String == "completed" && recorded["referral_id"] != nil)
            #expect((recorded["staff_present"] as? [String])?.count == 2, "all scheduled staff took part when the record does not say otherwise")
            #expect((recorded["children"] as? [[String: Any]])?.first?["hopes_and_dreams"] as? String == "Read with her brother")
            _ = try await call(.POST, "\(base)/visits/\(next)/record", #"{"actual_minutes": "long"}"#, "\(template)/record", 422)
            _ = try await call(.GET, visitPath, nil, template, 200)
            _ = try await call(.POST, "\(base)/visits", #"{"type_id": "\#(checkIn)", "date": "\#(tomorrow)", "starts_at": "18:00", "planned_minutes": 15, "place": "video", "staff": ["\#(fsw)"], "repeat_every_days": 7, "repeat_until": "\#(tomorrow.adding(days: 21))"}"#, "/api/v1/families/{familyID}/visits", 201)
            let all = try #require((try await call(.GET, "\(base)/visits", nil, "/api/v1/families/{familyID}/visits", 200) as? [String: Any])?["items"] as? [Any])
            #expect(all.count == 6)

            // Contacts.
            _ = try await call(.POST, "\(base)/contacts", #"{"date": "\#(testToday)", "medium": "text", "started_by": "family", "minutes": 5, "summary": "Asked about the field trip"}"#, "/api/v1/families/{familyID}/contacts", 201)
            _ = try await call(.POST, "\(base)/contacts", #"{"medium": "owl"}"#, "/api/v1/families/{familyID}/contacts", 422)
            _ = try await call(.GET, "\(base)/contacts", nil, "/api/v1/families/{familyID}/contacts", 200)

            // A family that declines visits is left out of draws.
            // How the family said it is asked for.
            _ = try await call(.POST, "\(base)/visits/declined", #"{"declined": true}"#, "/api/v1/families/{familyID}/visits/declined", 422)
            let declined = try #require(try await call(.POST, "\(base)/visits/declined", #"{"declined": true, "how": "phone", "words": "Not this year"}"#,
                                                       "/api/v1/families/{familyID}/visits/declined", 200) as? [String: Any])
            #expect(declined["declined_home_visits_on"] as? String == testToday.description)
            #expect(declined["declined_home_visits_how"] as? String == "phone" && declined["declined_home_visits_words"] as? String == "Not this year")
            _ = try await call(.POST, "\(base)/visits/declined", "{}", "/api/v1/families/{familyID}/visits/declined", 422)
            let open = try #require(try await call(.POST, "\(base)/visits/declined", #"{"declined": false}"#, "/api/v1/families/{familyID}/visits/declined", 200) as? [String: Any])
            #expect(open["declined_home_visits_on"] == nil)

            // The draw and the hours.
            _ = try await call(.POST, "/api/v1/visit-draws", #"{"roster": "site:\#(f.sites[0].id!.path)", "places": 1}"#, "/api/v1/visit-draws", 201)
            _ = try await call(.POST, "/api/v1/visit-draws", #"{"roster": "nowhere", "places": 0}"#, "/api/v1/visit-draws", 422)
            let draws = try #require((try await call(.GET, "/api/v1/visit-draws", nil, "/api/v1/visit-draws", 200) as? [String: Any])?["items"] as? [[String: Any]])
            #expect(draws.count == 1 && draws[0]["repeats"] as? Bool == true)
            _ = try await call(.GET, "/api/v1/visit-draws/\(draws[0]["id"] as! String)", nil, "/api/v1/visit-draws/{drawID}", 200)
            let hours = try #require(try await call(.GET, "/api/v1/visit-hours?from=\(testToday.adding(days: -1))&to=\(testToday)", nil, "/api/v1/visit-hours", 200) as? [String: Any])
            let rows = try #require(hours["staff"] as? [[String: Any]])
            #expect(rows.first { ($0["staff_id"] as? String)?.lowercased() == fsw }?["visit_minutes"] as? Int == 40)
            _ = try await call(.GET, "/api/v1/visit-hours?from=someday", nil, "/api/v1/visit-hours", 422)
        }
    }

    private func hvpCourse(_ f: Fixture, _ db: any Database) async throws -> String {
        try await TrainingCourse.query(on: db).filter(\.$program.$id == f.programID).filter(\.$name == VisitTypeRules.hvpCourse).first()!.id!.path
    }
}
