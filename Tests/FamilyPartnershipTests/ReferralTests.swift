@testable import FamilyPartnership
import Fluent
import Foundation
import PartnershipRules
import Testing
import Vapor
import VaporTesting

@Suite struct ReferralTests {
    /// A worker refers a family for a need to a provider found by category and language, follows it to a
    /// received service, and the family services report counts it (and not before).
    @Test func aReferralIsFollowedToAServiceThatTheReportCounts() async throws {
        try await withTestApp { app, f in
            let housing = Provider()
            housing.$program.id = f.programID
            housing.apply(ProviderEntry(name: "Casa Segura Housing", categories: ["housing"], languages: ["Spanish"]))
            try await housing.create(on: app.db)
            let other = Provider()
            other.$program.id = f.programID
            other.apply(ProviderEntry(name: "English Housing Desk", categories: ["housing"], languages: ["English"]))
            try await other.create(on: app.db)
            let need = FamilyNeed()
            need.$family.id = f.family.id!
            need.category = "housing"
            need.urgency = .soon
            need.intensity = .moderate
            need.description = "Doubled up with relatives"
            need.identifiedOn = testToday.description
            try await need.create(on: app.db)

            let worker = TestClient(app)
            try await worker.signIn(f.email(.familyServiceWorker))
            let family = "/families/\(f.family.id!.path)"
            let form = try await worker.get("\(family)/referrals/new?need=\(need.id!.path)&language=spanish")
            #expect(form.text.contains("Casa Segura Housing"))
            #expect(!form.text.contains("English Housing Desk"))
            #expect(form.text.contains("1 month from the date"))

            let saved = try await worker.post("\(family)/referrals/new", [
                "category": "housing", "provider_id": housing.id!.path, "need_id": need.id!.path, "family_asked": "on",
                "status": "referred", "requested_on": testToday.description])
            #expect(saved.status == .seeOther)
            let referral = try #require(try await Referral.query(on: app.db).first())
            #expect(referral.followUpOn == testToday.adding(months: 1).description)
            let path = "\(family)/referrals/\(referral.id!.path)"

            let director = TestClient(app)
            try await director.signIn(f.email(.director))
            let housingLine = "Housing assistance (e.g. subsidies, utilities, repairs)</td><td>"
            #expect(try await director.get("/reports/family-services").text.contains(housingLine + "0"))

            // Going backwards is refused with a message; completing needs an outcome.
            #expect(try await worker.post("\(path)/status", ["status": "requested"]).status == .unprocessableEntity)
            #expect(try await worker.post("\(path)/status", ["status": "connected"]).status == .seeOther)
            #expect(try await worker.post("\(path)/status", ["status": "receiving", "note": "Moved into a family unit"]).status == .seeOther)
            #expect(try await ServiceRecord.query(on: app.db).count() == 1)
            #expect(try await director.get("/reports/family-services").text.contains(housingLine + "1"))
            // The API reads the same report; a year that is not a year is named, on the page and in the API.
            director.bearer = try await token(for: f.id(.director), on: app.db)
            let report = try #require(try await director.json(.GET, "/api/v1/reports/family-services").json() as? [String: Any])
            let housingItem = (report["lines"] as? [[String: Any]])?.first { ($0["categories"] as? [String])?.contains("housing") == true }
            #expect(housingItem?["families"] as? Int == 1)
            #expect(report["families_served"] as? Int == 1)
            let badYear = try await director.get("/reports/family-services?year=soon")
            #expect(badYear.status == .unprocessableEntity)
            #expect(badYear.text.contains("Must be the year the program year starts") && badYear.text.contains(housingLine + "1"))
            director.bearer = nil
            let missing = try await worker.post("\(path)/status", ["status": "completed"])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.text.contains("href=\"#f-outcome\""))
            #expect(try await worker.post("\(path)/status", ["status": "completed", "outcome": "met"]).status == .seeOther)
            // Completing after receiving does not count the service twice.
            #expect(try await ServiceRecord.query(on: app.db).count() == 1)
            let page = try await worker.get(path).text
            #expect(page.contains("Connected with the provider") && page.contains("Moved into a family unit"))
            #expect(try await Referral.find(referral.id, on: app.db)?.outcome == .met)

            let actions = try await AuditEntry.query(on: app.db).filter(\.$familyID == f.family.id!).all().map { "\($0.action) \($0.recordType)" }
            for expected in ["create referral", "change_state referral", "view referral", "create service"] {
                #expect(actions.contains(expected), "missing \(expected)")
            }
        }
    }

    @Test func programsCanRequireTheFamilysRequestAndOverdueFollowUpsShowAtHome() async throws {
        try await withTestApp { app, f in
            let program = try #require(try await Program.find(f.programID, on: app.db))
            program.referralsNeedFamilyRequest = true
            try await program.save(on: app.db)
            let worker = TestClient(app)
            try await worker.signIn(f.email(.familyServiceWorker))
            let family = "/families/\(f.family.id!.path)"
            _ = try await worker.get("\(family)/referrals/new")
            let refused = try await worker.post("\(family)/referrals/new", ["category": "food", "requested_on": testToday.adding(days: -10).description])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("only when the family asks"))
            #expect(try await Referral.query(on: app.db).count() == 0)
            // A mental health referral is followed up in three business days; ten days on, it is overdue.
            let saved = try await worker.post("\(family)/referrals/new", ["category": "mental_health", "family_asked": "on",
                                                                        "requested_on": testToday.adding(days: -10).description])
            #expect(saved.status == .seeOther)
            #expect(try await worker.get("/").text.contains("Referral follow-ups overdue (1)"))
        }
    }

    @Test func aServiceCanBeRecordedDirectlyAndInHouseNeedsWhoDeliveredIt() async throws {
        try await withTestApp { app, f in
            let worker = TestClient(app)
            try await worker.signIn(f.email(.familyServiceWorker))
            let family = "/families/\(f.family.id!.path)"
            _ = try await worker.get("\(family)/services/new")
            let bad = try await worker.post("\(family)/services/new", ["category": "parenting_education", "provided_on": testToday.description])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("href=\"#f-delivered_by\""))
            let saved = try await worker.post("\(family)/services/new", ["category": "parenting_education", "provided_on": testToday.description,
                                                                       "delivered_by": "Monica (parenting group)"])
            #expect(saved.status == .seeOther)
            #expect(try await worker.get(family).text.contains("Monica (parenting group)"))
        }
    }

    @Test func anExistingPlanWithTheSameAgencyIsShownWhenReferring() async throws {
        try await withTestApp { app, f in
            let dpss = Provider()
            dpss.$program.id = f.programID
            dpss.apply(ProviderEntry(name: "Riverside County DPSS — CalWORKs", categories: ["public_benefits"]))
            try await dpss.create(on: app.db)
            let worker = TestClient(app)
            try await worker.signIn(f.email(.familyServiceWorker))
            let family = "/families/\(f.family.id!.path)"
            _ = try await worker.get("\(family)/agency-plans/new")
            let bad = try await worker.post("\(family)/agency-plans/new", ["agency": "", "kind": "tanf_work_plan", "started_on": "2026-09-01", "ends_on": "2026-01-01"])
            #expect(bad.status == .unprocessableEntity)
            for field in ["f-agency", "f-ends_on"] { #expect(bad.text.contains("href=\"#\(field)\"")) }
            #expect(try await worker.post("\(family)/agency-plans/new", ["agency": "Riverside County DPSS", "kind": "tanf_work_plan",
                                                                 "contact": "Ms. Ortiz", "summary": "Job search hours"]).status == .seeOther)
            #expect(try await worker.get(family).text.contains("TANF / welfare-to-work plan"))
            #expect(try await worker.get("\(family)/referrals/new").text.contains("already has plans with other agencies"))
            let saved = try await worker.post("\(family)/referrals/new", ["category": "public_benefits", "provider_id": dpss.id!.path])
            let page = try await worker.get(try #require(saved.location)).text
            #expect(page.contains("already has a plan with this agency"))
            #expect(page.contains("Ms. Ortiz"))
        }
    }
}
