@testable import FamilyPartnership
import Fluent
import Foundation
import PartnershipRules
import Testing
import Vapor
import VaporTesting

/// The most sensitive records reach the fewest people: child welfare case plans, health-related services in a
/// program's own categories, and a staff member's calendar once they are off a family's team.
@Suite struct RestrictedRecordsTests {
    @Test func aChildWelfareCasePlanIsSeenOnlyByTheRolesTheProgramAllowsAndSharedOnlyWhenNamed() async throws {
        try await withTestApp { app, f in
            let worker = try await context(app, f.id(.familyServiceWorker))
            // The teacher joins the family's team, so she sees the family but not its case plan.
            try await FamilyCommands.addToTeam(f.family.id!, TeamInput(staffID: f.id(.teacher).path, role: TeamRole.teacher.rawValue),
                                               in: context(app, f.id(.manager)))
            _ = try await ReferralCommands.recordAgencyPlan(
                AgencyPlanInput(agency: "County Child Welfare", kind: AgencyPlanKind.childWelfareCasePlan.rawValue,
                                summary: "Visits with the birth parent on Saturdays"), family: f.family.id!, in: worker)
            _ = try await ReferralCommands.recordAgencyPlan(
                AgencyPlanInput(agency: "County DPSS", kind: AgencyPlanKind.tanfWorkPlan.rawValue, summary: "Job search"),
                family: f.family.id!, in: worker)

            let teacher = TestClient(app)
            try await teacher.signIn(f.email(.teacher))
            let page = try await teacher.get("/families/\(f.family.id!.path)")
            #expect(page.status == .ok)
            #expect(page.text.contains("County DPSS"))
            #expect(!page.text.contains("birth parent"))
            teacher.bearer = try await token(for: f.id(.teacher), on: app.db)
            let listed = try await teacher.json(.GET, "/api/v1/families/\(f.family.id!.path)/agency-plans").text
            #expect(listed.contains("County DPSS") && !listed.contains("birth parent"))
            // Nor may she record one.
            let recorded = try await teacher.json(.POST, "/api/v1/families/\(f.family.id!.path)/agency-plans",
                                                  #"{"agency": "County Child Welfare", "kind": "child_welfare_case_plan"}"#)
            #expect(recorded.status == .forbidden)

            let fsw = TestClient(app)
            try await fsw.signIn(f.email(.familyServiceWorker))
            #expect(try await fsw.get("/families/\(f.family.id!.path)").text.contains("birth parent"))

            // The director lets teachers see them: now she does.
            let director = TestClient(app)
            try await director.signIn(f.email(.director))
            let settings = try await director.post("/settings/program", pairs: [
                ("agreement_start_days", "30"), ("agreement_review_days", "90"), ("assessment_periods", "intake, fall, winter, spring"),
                ("restricted_plan_roles[]", "director"), ("restricted_plan_roles[]", "manager"),
                ("restricted_plan_roles[]", "family_service_worker"), ("restricted_plan_roles[]", "teacher"), ("version", "1"),
            ])
            #expect(settings.status == .seeOther)
            #expect(try await teacher.get("/families/\(f.family.id!.path)").text.contains("birth parent"))

            // Shared only under a consent that names child welfare plans.
            _ = try await Consent.make(family: f.family.id!, partner: f.partner.id!, categories: [.enrollment, .services], on: app.db)
            let share = DisclosureInput(partnerAgencyID: f.partner.id!.path, categories: [RecordCategory.enrollment.rawValue, RecordCategory.services.rawValue])
            let ordinary = try await PrivacyCommands.disclose(share, family: f.family.id!, channel: "test", in: worker)
            #expect(ordinary.childWelfarePlans == nil)
            let asking = DisclosureInput(partnerAgencyID: f.partner.id!.path, categories: [RecordCategory.childWelfare.rawValue])
            await #expect(throws: FieldErrors.self) { _ = try await PrivacyCommands.disclose(asking, family: f.family.id!, channel: "test", in: worker) }
            _ = try await Consent.make(family: f.family.id!, partner: f.partner.id!, categories: [.childWelfare], on: app.db)
            let named = try await PrivacyCommands.disclose(asking, family: f.family.id!, channel: "test", in: worker)
            #expect(named.childWelfarePlans?.map(\.agency) == ["County Child Welfare"])
        }
    }

    @Test func aProgramsOwnHealthRelatedCategoryIsSharedOnlyUnderAHealthConsent() async throws {
        try await withTestApp { app, f in
            let director = try await context(app, f.id(.director))
            _ = try await DirectoryCommands.addCategory(.init(label: "Doula support", followUpDays: "7", healthRelated: true), in: director)
            _ = try await DirectoryCommands.addCategory(.init(label: "Diaper bank", followUpDays: "14"), in: director)
            let worker = try await context(app, f.id(.familyServiceWorker))
            for category in ["doula-support", "diaper-bank"] {
                _ = try await ReferralCommands.recordService(ServiceInput(category: category, providedOn: "2026-11-20", deliveredBy: "In-house"),
                                                             family: f.family.id!, in: worker)
            }
            _ = try await Consent.make(family: f.family.id!, partner: f.partner.id!, categories: [.services], on: app.db)
            let services = try await PrivacyCommands.disclose(
                DisclosureInput(partnerAgencyID: f.partner.id!.path, categories: [RecordCategory.services.rawValue]),
                family: f.family.id!, channel: "test", in: worker)
            #expect(services.services?.map(\.category) == ["Diaper bank"])
            _ = try await Consent.make(family: f.family.id!, partner: f.partner.id!, categories: [.health], on: app.db)
            let health = try await PrivacyCommands.disclose(
                DisclosureInput(partnerAgencyID: f.partner.id!.path, categories: [RecordCategory.health.rawValue]),
                family: f.family.id!, channel: "test", in: worker)
            #expect(health.health?.services.map(\.category) == ["Doula support"])
        }
    }

    @Test func aCalendarFeedShowsOnlyTheFamiliesItsOwnerMaySeeNow() async throws {
        try await withTestApp { app, f in
            let manager = try await context(app, f.id(.manager))
            try await FamilyCommands.addToTeam(f.family.id!, TeamInput(staffID: f.id(.homeVisitor).path, role: TeamRole.homeVisitor.rawValue),
                                               in: manager)
            _ = try await Visit.make(family: f.family.id!, program: f.programID, type: "Home visit", day: testToday.adding(days: 2),
                                     staff: [f.id(.homeVisitor)], on: app.db)
            let secret = try await AccountCommands.setCalendarFeed(on: true, in: context(app, f.id(.homeVisitor)))!
            let feed = "/calendar/\(secret).ics"
            #expect(try await TestClient(app).get(feed).text.contains("Rivera family"))
            try await FamilyCommands.removeFromTeam(f.family.id!, staff: f.id(.homeVisitor), in: manager)
            let after = try await TestClient(app).get(feed)
            #expect(after.status == .ok)
            #expect(!after.text.contains("Rivera family"))
        }
    }
}
