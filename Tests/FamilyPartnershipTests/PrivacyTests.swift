@testable import FamilyPartnership
import Fluent
import Foundation
import PartnershipRules
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Consent-gated sharing (45 CFR 1303 Subpart C): refused without a covering consent, allowed and logged with one;
/// partner accounts see exactly what is consented and lose it when the consent ends; 1303.22 exceptions; parents'
/// requests to inspect and amend.
@Suite struct PrivacyTests {
    static func referral(_ f: Fixture, category: String, on db: any Database) async throws {
        let referral = Referral()
        referral.$family.id = f.family.id!
        referral.category = category
        referral.familyAsked = true
        referral.status = .referred
        referral.statusOn = "2026-10-01"
        referral.requestedOn = "2026-10-01"
        referral.followUpOn = "2026-11-01"
        try await referral.create(on: db)
    }

    @Test func sharingIsRefusedWithoutConsentThenAllowedAndLogged() async throws {
        try await withTestApp { app, f in
            try await Self.referral(f, category: "mental_health", on: app.db)
            try await Self.referral(f, category: "housing", on: app.db)
            let worker = TestClient(app)
            try await worker.signIn(f.email(.familyServiceWorker))
            let family = "/families/\(f.family.id!.path)"
            let partner = f.partner.id!.path
            let share: [(String, String)] = [("partner_agency_id", partner), ("categories[]", "enrollment"), ("categories[]", "referrals_and_services")]

            let refused = try await worker.post("\(family)/share", pairs: share)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("No current consent from this family covers sharing with County Child Welfare"))
            #expect(refused.text.contains("href=\"#f-categories\""))
            #expect(try await Disclosure.query(on: app.db).count() == 0)

            // A consent with its end before its start, or from someone who is not one of the family's adults, is refused whole.
            let bad = try await worker.post("\(family)/consents/new", pairs: [
                ("partner_agency_id", partner), ("given_by", "Somebody Else"), ("categories[]", "enrollment"), ("purpose", "Case plan"),
                ("starts_on", "2026-11-01"), ("ends_on", "2026-10-01"), ("method", "signed_form")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("The end date cannot be before the start date."))
            #expect(bad.text.contains("Choose the parent or guardian from the family&#39;s adults.") || bad.text.contains("from the family's adults"))
            #expect(try await Consent.query(on: app.db).count() == 0)

            let today = testToday
            let saved = try await worker.post("\(family)/consents/new", pairs: [
                ("partner_agency_id", partner), ("given_by", "Ana Rivera"), ("categories[]", "enrollment"),
                ("categories[]", "referrals_and_services"), ("purpose", "Coordinate the case plan"),
                ("starts_on", today.description), ("ends_on", today.adding(months: 6).description), ("method", "signed_form")])
            #expect(saved.status == .seeOther)
            let consent = try #require(try await Consent.query(on: app.db).first())

            // The packet holds what was asked for: the housing referral, never the mental health one (that is health).
            let page = try await worker.post("\(family)/share", pairs: share)
            #expect(page.status == .ok)
            #expect(page.text.contains("Lucia Rivera"))
            #expect(page.text.contains("Housing assistance"))
            #expect(!page.text.contains("Mental health"))
            let json = try await worker.post("\(family)/share", pairs: share + [("format", "json")])
            let packet = try #require(try json.json() as? [String: Any])
            #expect(packet["health"] == nil && packet["goals"] == nil && packet["enrollment"] != nil)
            #expect((packet["referrals"] as? [Any])?.count == 1)

            let log = try await Disclosure.query(on: app.db).all()
            #expect(log.count == 2)
            #expect(log.allSatisfy { $0.$consent.id == consent.id && $0.recipient == "County Child Welfare" && $0.disclosedByName == "Test family_service_worker" })
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "share").count() == 2)
            let privacy = try await worker.get("\(family)/privacy")
            #expect(privacy.text.contains("Disclosure log") && privacy.text.contains("Consent of Ana Rivera"))

            // Asking for more than the consent covers is refused and names what is missing.
            let more = try await worker.post("\(family)/share", pairs: share + [("categories[]", "health")])
            #expect(more.status == .unprocessableEntity)
            #expect(more.text.contains("Health (disability services"))
            #expect(try await Disclosure.query(on: app.db).count() == 2)
        }
    }

    @Test func aPartnerSeesExactlyTheConsentedRecordsAndLosesThemWhenRevoked() async throws {
        try await withTestApp { app, f in
            try await Self.referral(f, category: "housing", on: app.db)
            let other = PartnerAgency()
            other.$program.id = f.programID
            other.name = "Housing Authority"
            other.kind = .housing
            other.level = .networking
            try await other.create(on: app.db)
            let consent = try await Consent.make(family: f.family.id!, partner: f.partner.id!, categories: [.enrollment], on: app.db)
            // Consents that do not count: another partner's, an expired one, one not yet started.
            _ = try await Consent.make(family: f.teacherFamily.id!, partner: other.id!, categories: [.enrollment], on: app.db)
            _ = try await Consent.make(family: f.teacherFamily.id!, partner: f.partner.id!, categories: [.services],
                                       startsOn: testToday.adding(days: -60), endsOn: testToday.adding(days: -1), on: app.db)
            _ = try await Consent.make(family: f.teacherFamily.id!, partner: f.partner.id!, categories: [.services],
                                       startsOn: testToday.adding(days: 5), on: app.db)

            let partner = TestClient(app)
            try await partner.signIn(f.email(.partner))
            #expect(try await partner.get("/").location == "/shared")
            let list = try await partner.get("/shared")
            #expect(list.text.contains("Rivera family"))
            #expect(!list.text.contains("Chen family"))
            let shared = try await partner.get("/shared/\(f.family.id!.path)")
            #expect(shared.status == .ok)
            #expect(shared.text.contains("Lucia Rivera"))
            #expect(!shared.text.contains("Housing assistance"))
            #expect(try await partner.get("/shared/\(f.teacherFamily.id!.path)").status == .notFound)
            // The program's own pages stay closed to partner staff.
            #expect(try await partner.get("/families/\(f.family.id!.path)").status == .notFound)
            #expect(try await partner.get("/providers").status == .forbidden)
            let logged = try #require(try await Disclosure.query(on: app.db).filter(\.$channel == "partner account").first())
            #expect(logged.$partner.id == f.partner.id && logged.categories == [.enrollment] && logged.$consent.id == consent.id)

            let worker = TestClient(app)
            try await worker.signIn(f.email(.familyServiceWorker))
            let revoked = try await worker.post("/families/\(f.family.id!.path)/consents/\(consent.id!.path)/revoke")
            #expect(revoked.status == .seeOther)
            #expect(try await partner.get("/shared/\(f.family.id!.path)").status == .notFound)
            #expect(!(try await partner.get("/shared").text.contains("Rivera family")))
            #expect(try await worker.post("/families/\(f.family.id!.path)/share", pairs: [
                ("partner_agency_id", f.partner.id!.path), ("categories[]", "enrollment")]).status == .unprocessableEntity)
        }
    }

    @Test func theDisclosureLogCannotBeChangedOrDeleted() async throws {
        try await withTestApp { app, f in
            let d = Disclosure()
            d.$family.id = f.family.id!
            d.recipient = "Superior Court"
            d.categoriesList = "enrollment"
            d.exception = .courtOrderOrSubpoena
            d.reason = "Subpoena"
            d.channel = "share packet (page)"
            d.disclosedAt = Date()
            d.disclosedByName = "Test"
            try await d.create(on: app.db)
            d.recipient = "someone else"
            await #expect(throws: (any Error).self) { try await d.save(on: app.db) }
            await #expect(throws: (any Error).self) { try await d.delete(on: app.db) }
            await #expect(throws: (any Error).self) { try await (app.db as! any SQLDatabase).raw("DELETE FROM disclosures").run() }
            #expect(try await Disclosure.query(on: app.db).filter(\.$recipient == "Superior Court").count() == 1)
        }
    }

    @Test func aDisclosureUnderAnExceptionNeedsAReasonAndIsLogged() async throws {
        try await withTestApp { app, f in
            let worker = TestClient(app)
            try await worker.signIn(f.email(.familyServiceWorker))
            let path = "/families/\(f.family.id!.path)/disclosures/new"
            let missing = try await worker.post(path, pairs: [("exception", "health_or_safety_emergency"), ("categories[]", "health")])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.text.contains("Enter the reason") || missing.text.contains("Reason"))
            #expect(try await Disclosure.query(on: app.db).count() == 0)
            let done = try await worker.post(path, pairs: [
                ("exception", "health_or_safety_emergency"), ("recipient", "Riverside ER"), ("reason", "Child's severe allergic reaction"),
                ("categories[]", "health"), ("categories[]", "enrollment")])
            #expect(done.status == .ok)
            let d = try #require(try await Disclosure.query(on: app.db).first())
            #expect(d.exception == .healthOrSafetyEmergency && d.recipient == "Riverside ER" && d.$consent.id == nil)
            #expect(try await worker.get("/families/\(f.family.id!.path)/privacy").text.contains("Exception: Health or safety emergency"))
        }
    }

    @Test func anInspectionRequestIsDueIn45DaysBlocksDeletionAndIsAnsweredWithEverything() async throws {
        try await withTestApp { app, f in
            let worker = TestClient(app)
            try await worker.signIn(f.email(.familyServiceWorker))
            let family = "/families/\(f.family.id!.path)"
            let received = testToday.adding(days: -3)
            let saved = try await worker.post("\(family)/record-requests/new", [
                "kind": "inspection", "requested_by": "Ana Rivera", "received_on": received.description])
            #expect(saved.status == .seeOther)
            let request = try #require(try await RecordRequest.query(on: app.db).first())
            #expect(request.dueOn == received.adding(days: 45).description)

            let manager = TestClient(app)
            try await manager.signIn(f.email(.manager))
            let home = try await manager.get("/")
            #expect(home.text.contains("Parents&#39; requests to inspect records") || home.text.contains("Parents' requests to inspect records"))
            #expect(home.text.contains("answer by"))

            // Nothing may be removed from the record while the request is pending.
            let remove = try await manager.post("\(family)/team/\(f.id(.specialist).path)/remove")
            #expect(remove.status == .unprocessableEntity)
            #expect(try await TeamMember.query(on: app.db).filter(\.$family.$id == f.family.id!).count() == 2)
            manager.bearer = try await token(for: f.id(.manager), on: app.db)
            #expect(try await manager.json(.DELETE, "/api/v1/families/\(f.family.id!.path)/team/\(f.id(.specialist).path)").status == .unprocessableEntity)

            let export = try await manager.get("\(family)/export?format=json")
            #expect(export.status == .ok)
            let body = try #require(try export.json() as? [String: Any])
            #expect((body["records"] as? [String: Any])?["enrollment"] != nil)
            #expect((body["requests"] as? [Any])?.count == 1)
            #expect(try await Disclosure.query(on: app.db).filter(\.$channel == "inspection export").count() == 1)
            #expect(try await manager.get("\(family)/export").text.contains("Everything held about the Rivera family"))

            #expect(try await worker.post("\(family)/record-requests/\(request.id!.path)", ["answered_on": testToday.description]).status == .forbidden)
            #expect(try await manager.post("\(family)/record-requests/\(request.id!.path)", ["answered_on": testToday.description]).status == .seeOther)
            #expect(try await manager.post("\(family)/team/\(f.id(.specialist).path)/remove").status == .seeOther)
        }
    }

    @Test func aParentsStatementTravelsWithThePartOfTheRecordItConcerns() async throws {
        try await withTestApp { app, f in
            let manager = TestClient(app)
            try await manager.signIn(f.email(.manager))
            let family = "/families/\(f.family.id!.path)"
            #expect(try await manager.post("\(family)/record-requests/new", [
                "kind": "amendment", "requested_by": "Ana Rivera", "received_on": testToday.description]).status == .unprocessableEntity)
            #expect(try await manager.post("\(family)/record-requests/new", [
                "kind": "amendment", "requested_by": "Ana Rivera", "received_on": testToday.description,
                "category": "referrals_and_services", "requested_change": "The referral says we declined; we never were called."]).status == .seeOther)
            let request = try #require(try await RecordRequest.query(on: app.db).first())
            let path = "\(family)/record-requests/\(request.id!.path)"
            let noHearing = try await manager.post(path, [
                "decision": "not_amended", "decision_reason": "The provider's log shows two calls.", "answered_on": testToday.description,
                "parent_statement": "We were never called."])
            #expect(noHearing.status == .unprocessableEntity)
            #expect(noHearing.text.contains("right to a hearing"))
            #expect(try await manager.post(path, [
                "decision": "not_amended", "decision_reason": "The provider's log shows two calls.", "hearing_offered": "on",
                "answered_on": testToday.description, "parent_statement": "We were never called."]).status == .seeOther)

            _ = try await Consent.make(family: f.family.id!, partner: f.partner.id!, categories: [.enrollment, .services], on: app.db)
            let services = try await manager.post("\(family)/share", pairs: [("partner_agency_id", f.partner.id!.path), ("categories[]", "referrals_and_services")])
            #expect(services.text.contains("We were never called."))
            let enrollment = try await manager.post("\(family)/share", pairs: [("partner_agency_id", f.partner.id!.path), ("categories[]", "enrollment")])
            #expect(enrollment.status == .ok && !enrollment.text.contains("We were never called."))
        }
    }

    @Test func partnerAgenciesKeepTheirLevelHistoryAndMOURenewals() async throws {
        try await withTestApp { app, f in
            let director = TestClient(app)
            try await director.signIn(f.email(.director))
            let expires = testToday.adding(days: 30)
            let saved = try await director.post("/partners/new", [
                "name": "Riverside Unified School District", "kind": "school_district", "level": "networking",
                "mou_signed_on": testToday.adding(years: -1).description, "mou_expires_on": expires.description,
                "our_point_person": "Monica", "their_point_person": "Mr. Lee"])
            #expect(saved.status == .seeOther)
            let partner = try #require(try await PartnerAgency.query(on: app.db).filter(\.$name == "Riverside Unified School District").first())
            #expect(try await director.post("/partners/\(partner.id!.path)/levels", [
                "level": "cooperation", "changed_on": testToday.description, "note": "Shared kindergarten transition nights"]).status == .seeOther)
            #expect(try await PartnershipLevelChange.query(on: app.db).filter(\.$partner.$id == partner.id!).count() == 2)
            #expect(try await director.post("/partners/\(partner.id!.path)/meetings", ["held_on": "", "attendees": ""]).status == .unprocessableEntity)
            let page = try await director.get("/partners/\(partner.id!.path)")
            #expect(page.text.contains("Shared kindergarten transition nights") && page.text.contains("Start its renewal now"))
            #expect(try await director.get("/").text.contains("Partner MOUs to renew"))
            // A duplicate name, or an MOU that expires before it was signed, is refused.
            let bad = try await director.post("/partners/new", [
                "name": "Riverside Unified School District", "kind": "school_district", "level": "networking",
                "mou_signed_on": "2026-10-01", "mou_expires_on": "2026-01-01"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("already on record") && bad.text.contains("cannot expire before it was signed"))
        }
    }

    @Test func partnerAccountsNameTheirAgencyAndHoldNoOtherRole() async throws {
        try await withTestApp { app, f in
            let admin = TestClient(app)
            try await admin.signIn(f.email(.admin))
            let base: [(String, String)] = [("name", "Pat Caseworker"), ("email", "pat@cps.example"), ("status", "active"),
                                            ("password", "a long enough password")]
            let noAgency = try await admin.post("/staff/new", pairs: base + [("roles[]", "partner")])
            #expect(noAgency.status == .unprocessableEntity && noAgency.text.contains("Choose the partner agency"))
            let twoRoles = try await admin.post("/staff/new", pairs: base + [("roles[]", "partner"), ("roles[]", "teacher"),
                                                                               ("partner_agency_id", f.partner.id!.path)])
            #expect(twoRoles.status == .unprocessableEntity && twoRoles.text.contains("holds no other role"))
            #expect(try await admin.post("/staff/new", pairs: base + [("roles[]", "partner"), ("partner_agency_id", f.partner.id!.path)]).status == .seeOther)
            let pat = try #require(try await Staff.query(on: app.db).filter(\.$email == "pat@cps.example").first())
            #expect(pat.$partnerAgency.id == f.partner.id)
        }
    }

    @Test func aNeedIsMarkedMetOnce() async throws {
        try await withTestApp { app, f in
            let need = FamilyNeed()
            need.$family.id = f.family.id!
            need.category = "food"
            need.urgency = .soon
            need.intensity = .light
            need.description = "Groceries until payday"
            need.identifiedOn = "2026-09-15"
            try await need.create(on: app.db)
            let worker = TestClient(app)
            try await worker.signIn(f.email(.familyServiceWorker))
            #expect(try await worker.post("/families/\(f.family.id!.path)/needs/\(need.id!.path)/met").status == .seeOther)
            #expect(try await worker.get("/families/\(f.family.id!.path)").text.contains("Need marked met: Groceries until payday."))
            let met = try #require(try await FamilyNeed.find(need.id, on: app.db))
            #expect(met.metOn == testToday.description)
            #expect(!(try await worker.get("/families/\(f.family.id!.path)").text.contains("Groceries until payday")))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$recordType == "need").filter(\.$action == "update").count() == 1)
        }
    }
}
