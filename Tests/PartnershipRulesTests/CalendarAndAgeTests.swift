import PartnershipRules
import Testing

@Suite struct CalendarAndAgeTests {
    let today = CalendarDate("2026-11-24")!

    @Test func parsesOnlyRealDates() {
        #expect(CalendarDate("2024-02-29") != nil)
        #expect(CalendarDate("2025-02-29") == nil)
        #expect(CalendarDate("2026-13-01") == nil)
        #expect(CalendarDate("2026-1-5") == nil)
        #expect(CalendarDate("11/24/2026") == nil)
        #expect(CalendarDate("2026-11-24")?.description == "2026-11-24")
    }

    @Test func countsWholeYearsAndMonths() {
        let born = CalendarDate("2022-11-25")!
        #expect(born.age(on: today) == 3)
        #expect(born.months(until: today) == 47)
        #expect(CalendarDate("2022-11-24")!.age(on: today) == 4)
    }

    @Test func aBirthInTheFutureIsRefused() {
        #expect(ChildAge.problem(dateOfBirth: CalendarDate("2026-12-01")!, program: .earlyHeadStart, today: today) != nil)
    }

    @Test func headStartChildrenAreThreeToFive() {
        #expect(ChildAge.problem(dateOfBirth: CalendarDate("2022-03-04")!, program: .headStart, today: today) == nil)
        #expect(ChildAge.problem(dateOfBirth: CalendarDate("2025-06-01")!, program: .headStart, today: today)?.contains("Early Head Start") == true)
        #expect(ChildAge.problem(dateOfBirth: CalendarDate("2019-06-01")!, program: .headStart, today: today) != nil)
    }

    @Test func earlyHeadStartChildrenAreUnderThree() {
        #expect(ChildAge.problem(dateOfBirth: CalendarDate("2026-05-24")!, program: .earlyHeadStart, today: today) == nil)
        #expect(ChildAge.problem(dateOfBirth: CalendarDate("2021-05-24")!, program: .earlyHeadStart, today: today) != nil)
    }
}
