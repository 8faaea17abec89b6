@testable import FamilyPartnership
import Fluent
import Foundation
import PartnershipRules
import Testing
import Vapor
import VaporTesting

/// "Today" is the program's day, from the injected clock: it turns at midnight where the program is, across a
/// daylight-saving change and at the program year's turn, whatever the server's zone and the real date.
@Suite struct ClockTests {
    /// 2026-03-08, the night the clocks go forward in Chicago: 23:30 there is already 04:30 on the 9th in UTC.
    static let lateOnSpringForward = Date(timeIntervalSince1970: 1_773_030_600)

    @Test func todayTurnsAtTheProgramsMidnightAcrossTheDaylightSavingChange() async throws {
        let clock = ProgramClock(zone: testZone, now: { Self.lateOnSpringForward })
        #expect(clock.today == CalendarDate("2026-03-08")!)
        #expect(clock.moment(CalendarDate("2026-03-08")!, TimeOfDay("16:30")!) == Date(timeIntervalSince1970: 1_773_005_400)) // 21:30 UTC, CDT
        #expect(clock.moment(CalendarDate("2026-03-07")!, TimeOfDay("16:30")!) == Date(timeIntervalSince1970: 1_772_922_600)) // 22:30 UTC, CST
        try await withTestApp(configure: { $0.clock = clock }) { app, f in
            let ctx = try await context(app, f.id(.familyServiceWorker))
            _ = try await AgreementCommands.start(StartInput(), family: f.family.id!, in: ctx)
            var goal = GoalInput()
            goal.kind = "family"
            goal.outcomes = ["learners"]
            goal.goal = "Read together"
            let made = try await AgreementCommands.createGoal(goal, family: f.family.id!, in: ctx)
            var note = NoteInput()
            note.text = "Started a bedtime story"
            let saved = try await AgreementCommands.addNote(note, goal: made.requireID(), family: f.family.id!, in: ctx)
            #expect(saved.notedOn == "2026-03-08")
            note.notedOn = "2026-03-09"
            await #expect(throws: FieldErrors.self) {
                _ = try await AgreementCommands.addNote(note, goal: made.requireID(), family: f.family.id!, in: ctx)
            }
        }
    }

    @Test func theProgramYearTurnsOnItsFirstDay() async throws {
        // The fixture's program year starts on 15 August; 23:00 on the 14th in Chicago is the 15th in UTC.
        let time = ManualTime(Date(timeIntervalSince1970: 1_786_766_400)) // 2026-08-15 04:00 UTC
        try await withTestApp(configure: { $0.clock = time.clock(zone: testZone) }) { app, f in
            let ctx = try await context(app, f.id(.familyServiceWorker))
            #expect(ctx.today == CalendarDate("2026-08-14")!)
            let earlier = try await AgreementCommands.start(StartInput(), family: f.family.id!, in: ctx)
            #expect(earlier.programYear == "2025")
            await #expect(throws: FieldErrors.self) { _ = try await AgreementCommands.start(StartInput(), family: f.family.id!, in: ctx) }
            time.advance(by: 2 * 3600) // 01:00 on the 15th in Chicago
            let next = try await context(app, f.id(.familyServiceWorker))
            #expect(next.today == CalendarDate("2026-08-15")!)
            let current = try await AgreementCommands.start(StartInput(), family: f.family.id!, in: next)
            #expect(current.programYear == "2026")
            let page = TestClient(app)
            try await page.signIn(f.email(.familyServiceWorker))
            let agreement = try await page.get("/families/\(f.family.id!.path)/agreement")
            #expect(agreement.text.contains("Aug 15, 2026"), "this year's agreement, started today")
            #expect(!agreement.text.contains("Aug 14, 2026"))
            #expect(try await page.get("/families/\(f.family.id!.path)/agreement?year=2025").status == .ok)
        }
    }
}
