import Foundation
import PartnershipRules
import Testing

@Suite struct EnrollmentTests {
    let today = CalendarDate("2026-11-24")!

    @Test func anApplicantMayEnrollOrWithdraw() {
        #expect(EnrollmentChange.enroll(on: today).problem(from: .applied, appliedOn: CalendarDate("2026-09-01"), enrolledOn: nil, today: today) == nil)
        #expect(EnrollmentChange.exit(on: today, reason: .noLongerInterested).problem(from: .applied, appliedOn: nil, enrolledOn: nil, today: today) == nil)
    }

    @Test func anEnrolledFamilyCannotEnrollAgain() {
        #expect(EnrollmentChange.enroll(on: today).problem(from: .enrolled, appliedOn: nil, enrolledOn: nil, today: today)?.field == "action")
    }

    @Test func anExitedFamilyMayReEnrollButNotExitAgain() {
        #expect(EnrollmentChange.enroll(on: today).problem(from: .exited, appliedOn: nil, enrolledOn: nil, today: today) == nil)
        #expect(EnrollmentChange.exit(on: today, reason: .movedAway).problem(from: .exited, appliedOn: nil, enrolledOn: nil, today: today)?.field == "action")
    }

    @Test func datesMustBeInOrderAndNotInTheFuture() {
        let enrolled = CalendarDate("2026-09-10")!
        #expect(EnrollmentChange.exit(on: CalendarDate("2026-09-01")!, reason: .movedAway)
            .problem(from: .enrolled, appliedOn: nil, enrolledOn: enrolled, today: today)?.field == "date")
        #expect(EnrollmentChange.enroll(on: CalendarDate("2026-12-01")!)
            .problem(from: .applied, appliedOn: nil, enrolledOn: nil, today: today)?.field == "date")
        #expect(EnrollmentChange.enroll(on: CalendarDate("2026-08-01")!)
            .problem(from: .applied, appliedOn: CalendarDate("2026-08-15"), enrolledOn: nil, today: today)?.field == "date")
    }
}

@Suite struct SignInThrottleTests {
    let throttle = SignInThrottle()
    let last = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func theFirstMistakesCostNothing() {
        #expect(throttle.waitRemaining(failures: 2, lastFailure: last, now: last) == nil)
    }

    @Test func laterMistakesMakeTheAccountWaitLonger() {
        #expect(throttle.waitRemaining(failures: 3, lastFailure: last, now: last) == 5)
        #expect(throttle.waitRemaining(failures: 4, lastFailure: last, now: last) == 10)
        #expect(throttle.waitRemaining(failures: 3, lastFailure: last, now: last.addingTimeInterval(6)) == nil)
    }

    @Test func manyMistakesLockTheAccountForFifteenMinutes() {
        #expect(throttle.waitRemaining(failures: 8, lastFailure: last, now: last.addingTimeInterval(60)) == 14 * 60)
        #expect(throttle.waitRemaining(failures: 8, lastFailure: last, now: last.addingTimeInterval(15 * 60 + 1)) == nil)
    }
}
