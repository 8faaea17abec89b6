@testable import FamilyPartnership
import Fluent
import Foundation
import PartnershipRules
import Testing
import Vapor
import VaporTesting

/// A staff member's week (visits with the family's preferred times, and their referral follow-ups), a warning when a
/// new visit clashes with another for any attendee, and the family's team offered first on the visit form.
@Suite struct WeekTests {
    @Test func aWorkersWeekListsEachDaysVisitsAndFollowUpsWithTheFamilysPreferredTimes() async throws {
        try await withTestApp { app, f in
            let family = try await Family.find(f.family.id, on: app.db).orThrow()
            family.preferredTimes = "Weekday evenings after 5"
            try await family.save(on: app.db)
            let tuesday = CalendarDate("2026-12-01")!
            _ = try await Visit.make(family: f.family.id!, program: f.programID, type: "Home visit", day: tuesday,
                                     staff: [f.id(.familyServiceWorker), f.id(.specialist)], on: app.db)
            let worker = try await context(app, f.id(.familyServiceWorker))
            var input = ReferralInput()
            input.category = "employment"
            input.followUpOn = "2026-12-03"
            _ = try await ReferralCommands.create(input, family: f.family.id!, in: worker)
            input.category = "food"
            input.requestedOn = "2026-11-10"
            input.followUpOn = "2026-11-20"
            _ = try await ReferralCommands.create(input, family: f.family.id!, in: worker)

            let client = TestClient(app)
            try await client.signIn(f.email(.familyServiceWorker))
            let next = try await client.get("/visits/week?week=2026-12-02")
            #expect(next.status == .ok)
            let page = next.text
            #expect(page.contains("<h1>My week</h1>") && page.contains("Nov 30, 2026 to Dec 6, 2026"))
            let days = page.components(separatedBy: "<li class=\"day")
            #expect(days.count == 8)
            // Tuesday: the visit, who else goes, and when the family likes to be seen.
            #expect(days[2].contains("Tue, Dec 1") && days[2].contains(f.family.householdName) && days[2].contains("10:00 am–10:45 am")
                && days[2].contains("with \(f.staff[.specialist]!.name)") && days[2].contains("Family prefers: Weekday evenings after 5"))
            // Thursday: the follow-up, with the service's name.
            #expect(days[4].contains("Thu, Dec 3") && days[4].contains("Follow up: Employment"))
            #expect(!page.contains("Follow up: Food"))  // due before this week, and this is not today's week
            #expect(page.contains("href=\"/visits/week?staff=\(f.id(.familyServiceWorker).path)&week=2026-11-23\""))

            // This week: the overdue follow-up is on today, marked.
            let now = try await client.get("/visits/week").text
            let today = try #require(now.components(separatedBy: "<li class=\"day").last)
            #expect(today.contains("Sun, Nov 29 (today)") && today.contains("Follow up: Food") && today.contains("was due Nov 20, 2026"))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$detail == "week of 2026-11-30 for \(f.staff[.familyServiceWorker]!.name)").count() == 1)

            // A teacher does not see another worker's week; a manager does; a bad date names the field.
            try await client.signIn(f.email(.teacher))
            #expect(try await client.get("/visits/week?staff=\(f.id(.familyServiceWorker).path)").status == .forbidden)
            let bad = try await client.get("/visits/week?week=2026-13-01")
            #expect(bad.status == .badRequest && bad.text.contains("week"))
            try await client.signIn(f.email(.manager))
            let managers = try await client.get("/visits/week?staff=\(f.id(.familyServiceWorker).path)&week=2026-12-01").text
            #expect(managers.contains("\(f.staff[.familyServiceWorker]!.name)&#39;s week") || managers.contains("\(f.staff[.familyServiceWorker]!.name)'s week"))
            #expect(managers.contains("Follow up: Employment"))
        }
    }

    @Test func theReferralFormSaysWhoFollowsUpAndTheFollowUpIsOnTheirWeek() async throws {
        try await withTestApp { app, f in
            let client = TestClient(app)
            try await client.signIn(f.email(.familyServiceWorker))
            let path = "/families/\(f.family.id!.path)/referrals/new"
            // The family's team is offered, the person at the form chosen.
            let form = try await client.get(path + "?category=employment").text
            #expect(form.contains("name=\"follow_up_by_id\""))
            #expect(form.contains("<option value=\"\(f.id(.familyServiceWorker).path)\" selected"))
            #expect(form.contains("<option value=\"\(f.id(.specialist).path)\""))
            #expect(try await client.post(path, ["category": "employment", "status": "referred", "follow_up_on": "2026-12-04",
                                                 "follow_up_by_id": f.id(.specialist).path]).status == .seeOther)
            let referral = try await Referral.query(on: app.db).filter(\.$family.$id == f.family.id!).first().orThrow()
            #expect(referral.$followUpBy.id == f.id(.specialist))
            // Someone outside the program cannot be given it.
            let refused = try await client.post(path, ["category": "employment", "status": "referred", "follow_up_by_id": f.otherProgramStaff.id!.path])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("href=\"#f-follow_up_by_id\""))
            try await client.signIn(f.email(.specialist))
            #expect(try await client.get("/visits/week?week=2026-12-04").text.contains("Follow up: Employment"))
        }
    }

    @Test func aClashForAnyAttendeeIsWarnedOfAndScheduledOnlyWhenTheUserSaysSo() async throws {
        try await withTestApp { app, f in
            let day = CalendarDate("2026-12-02")!
            _ = try await Visit.make(family: f.teacherFamily.id!, program: f.programID, type: "Home visit", day: day,
                                     staff: [f.id(.specialist)], on: app.db)
            let type = try await VisitType.query(on: app.db).filter(\.$program.$id == f.programID).filter(\.$name == "Home visit").first().orThrow()
            let client = TestClient(app)
            try await client.signIn(f.email(.familyServiceWorker))
            let path = "/families/\(f.family.id!.path)/visits/new"
            // The family's team first: the point of contact, then the rest of the team; other staff folded away.
            let form = try await client.get(path).text
            let worker = try #require(form.range(of: f.staff[.familyServiceWorker]!.name))
            let specialist = try #require(form.range(of: f.staff[.specialist]!.name))
            let others = try #require(form.range(of: "<summary>Other staff"))
            let teacher = try #require(form.range(of: f.staff[.teacher]!.name, range: others.upperBound..<form.endIndex))
            #expect(worker.lowerBound < specialist.lowerBound && specialist.lowerBound < others.lowerBound && others.lowerBound < teacher.lowerBound)

            func schedule(at time: String, anyway: Bool = false) async throws -> TestingHTTPResponse {
                try await client.post(path, pairs: [("type_id", type.id!.path), ("date", day.description), ("starts_at", time),
                                                    ("planned_minutes", "60"), ("place", "home"), ("family_agreed", "on"),
                                                    ("agreement_way", "phone"), ("staff[]", f.id(.familyServiceWorker).path),
                                                    ("staff[]", f.id(.specialist).path)] + (anyway ? [("despite_clash", "on")] : []))
            }
            // 9:30 for an hour overlaps the specialist's 10:00 visit with another family, which is not named.
            let warned = try await schedule(at: "09:30")
            #expect(warned.status == .unprocessableEntity)
            #expect(warned.text.contains("\(f.staff[.specialist]!.name) has another visit on Dec 2, 2026, 10:00 am–10:45 am."))
            #expect(warned.text.contains("Schedule anyway") && !warned.text.contains(f.teacherFamily.householdName))
            #expect(try await Visit.query(on: app.db).filter(\.$family.$id == f.family.id!).count() == 0)
            // Scheduled when the user says so; 10:45 touches but does not overlap.
            #expect(try await schedule(at: "09:30", anyway: true).status == .seeOther)
            #expect(try await schedule(at: "10:45").status == .seeOther)
            #expect(try await Visit.query(on: app.db).filter(\.$family.$id == f.family.id!).count() == 2)

            // The API says the same, on the field despite_clash.
            let api = TestClient(app)
            api.bearer = try await token(for: f.id(.familyServiceWorker), on: app.db)
            let refused = try await api.json(.POST, "/api/v1/families/\(f.family.id!.path)/visits", """
                {"type_id": "\(type.id!.path)", "date": "\(day)", "starts_at": "10:15", "planned_minutes": 30, "place": "home",
                 "family_agreed": true, "agreement_way": "phone", "staff": ["\(f.id(.specialist).path)"]}
                """)
            #expect(refused.status == .unprocessableEntity && refused.text.contains("despite_clash"))
        }
    }

    @Test func movingAVisitOntoAnotherIsWarnedOfButItsOwnOldTimeIsNoClash() async throws {
        try await withTestApp { app, f in
            let day = CalendarDate("2026-12-02")!
            let mine = try await Visit.make(family: f.family.id!, program: f.programID, type: "Home visit", day: day, on: app.db)
            _ = try await Visit.make(family: f.teacherFamily.id!, program: f.programID, type: "Home visit", day: day.adding(days: 1),
                                     staff: [f.id(.familyServiceWorker)], on: app.db)
            let client = TestClient(app)
            try await client.signIn(f.email(.familyServiceWorker))
            let path = "/families/\(f.family.id!.path)/visits/\(mine.id!.path)/status"
            // Half an hour later the same day overlaps only the visit itself: moved.
            let later = try await client.post(path, ["status": "rescheduled", "new_date": day.description, "new_starts_at": "10:30"])
            #expect(later.status == .seeOther)
            let moved = try await Visit.query(on: app.db).filter(\.$rescheduledFrom.$id == mine.id!).first().orThrow()
            // Onto the other family's visit the next day: asked, and nothing changes until "Move anyway".
            let movedPath = "/families/\(f.family.id!.path)/visits/\(moved.id!.path)/status"
            let form = ["status": "rescheduled", "new_date": day.adding(days: 1).description, "new_starts_at": "10:15"]
            let warned = try await client.post(movedPath, form)
            #expect(warned.status == .unprocessableEntity && warned.text.contains("has another visit on Dec 3, 2026, 10:00 am–10:45 am")
                && warned.text.contains("Move anyway"))
            #expect(try await Visit.find(moved.id, on: app.db)?.status == .scheduled)
            var anyway = form
            anyway["despite_clash"] = "on"
            #expect(try await client.post(movedPath, anyway).status == .seeOther)
            #expect(try await Visit.find(moved.id, on: app.db)?.status == .rescheduled)
        }
    }
}
