import PartnershipRules
import Testing

/// The to-do lists are filtered in the database by dates derived from the rules; each threshold must decide
/// exactly as its rule does, day by day.
@Suite struct ThresholdTests {
    let today = CalendarDate("2026-11-29")!
    var days: [CalendarDate] { (-400...400).map { today.adding(days: $0) } }

    @Test func agreementStartDeadline() {
        let schedule = AgreementSchedule(startWithinDays: 30, reviewEveryDays: 90)
        for enrolled in days {
            #expect(schedule.isStartOverdue(enrolledOn: enrolled, hasAgreement: false, today: today)
                    == (enrolled < schedule.startOverdue(enrolledBefore: today)))
        }
    }

    @Test func reviewsAndQuietGoals() {
        for day in days {
            #expect(FollowUp.isReviewDue(next: day, today: today) == (day <= FollowUp.reviewsDue(through: today)))
            #expect(PrivacyDates.mouRenewalDue(expiresOn: day, today: today) == (day <= PrivacyDates.mouRenewalsDue(through: today)))
            #expect(FollowUp.isGoalQuiet(lastNote: day, setOn: day, today: today) == (day < FollowUp.quiet(before: today)))
        }
    }

    @Test func contactGap() {
        let gap = ContactGap(longestDays: 42, warningDays: 7)
        let (overdue, dueSoon) = gap.thresholds(today: today)
        for last in days {
            let expected: String
            switch gap.standing(lastContact: last, enrolledOn: last, today: today) {
            case .overdue: expected = "overdue"
            case .dueSoon: expected = "soon"
            case .fine: expected = "fine"
            }
            #expect(expected == (last < overdue ? "overdue" : last <= dueSoon ? "soon" : "fine"), "last contact \(last)")
        }
    }

    @Test func behindOnVisits() {
        let yearStart = CalendarDate("2026-08-01")!, through = CalendarDate("2027-07-31")!
        for required in [0, 2, 32] {
            for today in [yearStart, CalendarDate("2026-11-29")!, CalendarDate("2027-03-01")!, through] {
                let latest = VisitRequirement.behindIfStartedBy(required, earliest: yearStart, through: through, today: today)
                var start = yearStart
                while start <= through {
                    let expected = VisitRequirement.expected(required, from: start, through: through, today: today)
                    for done in 0...required + 1 {
                        let byThreshold = done < required && latest[done].map { start <= $0 } == true
                        #expect((done < expected) == byThreshold, "required \(required) today \(today) start \(start) done \(done)")
                    }
                    start = start.adding(days: 9)
                }
            }
        }
    }
}
