import PartnershipRules
import Testing

@Suite struct DayArithmeticTests {
    @Test func addsDaysAcrossMonthsYearsAndLeapDays() {
        #expect(CalendarDate("2026-11-24")!.adding(days: 30).description == "2026-12-24")
        #expect(CalendarDate("2026-12-15")!.adding(days: 20).description == "2027-01-04")
        #expect(CalendarDate("2028-02-28")!.adding(days: 1).description == "2028-02-29")
        #expect(CalendarDate("2027-02-28")!.adding(days: 1).description == "2027-03-01")
        #expect(CalendarDate("2026-03-01")!.adding(days: -1).description == "2026-02-28")
        #expect(CalendarDate("1970-01-01")!.days(until: CalendarDate("2026-11-24")!) == 20_781)
    }

    @Test func addsMonthsKeepingTheDayInRange() {
        #expect(CalendarDate("2026-08-31")!.adding(months: -6).description == "2026-02-28")
        #expect(CalendarDate("2026-01-15")!.adding(months: -1).description == "2025-12-15")
        #expect(CalendarDate("2026-11-30")!.adding(months: 3).description == "2027-02-28")
    }
}

@Suite struct GoalStateTests {
    @Test func anActiveGoalMayBeAchievedRevisedOrDiscontinued() {
        #expect(GoalChange.achieve.problem(from: .active) == nil)
        #expect(GoalChange.revise.problem(from: .active) == nil)
        #expect(GoalChange.discontinue(reason: "Family moved the goal to next year").problem(from: .active) == nil)
        #expect(GoalChange.resume.problem(from: .active)?.field == "state")
    }

    @Test func discontinuingNeedsAReason() {
        #expect(GoalChange.discontinue(reason: "  ").problem(from: .active)?.field == "reason")
        #expect(GoalChange.discontinue(reason: nil).problem(from: .active)?.field == "reason")
    }

    @Test func achievedAndRevisedGoalsAreFinalAndDiscontinuedOnesMayResume() {
        for change in [GoalChange.achieve, .revise, .discontinue(reason: "x"), .resume] {
            #expect(change.problem(from: .achieved)?.field == "state")
            #expect(change.problem(from: .revised)?.field == "state")
        }
        #expect(GoalChange.resume.problem(from: .discontinued) == nil)
        #expect(GoalChange.achieve.problem(from: .discontinued)?.field == "state")
    }
}

@Suite struct AgreementScheduleTests {
    let enrolled = CalendarDate("2026-09-01")!

    @Test func theAgreementIsDueThirtyDaysAfterEnrollmentUnlessTheProgramSaysOtherwise() {
        let schedule = AgreementSchedule.standard
        #expect(schedule.startDeadline(enrolledOn: enrolled).description == "2026-10-01")
        #expect(!schedule.isStartOverdue(enrolledOn: enrolled, hasAgreement: false, today: CalendarDate("2026-10-01")!))
        #expect(schedule.isStartOverdue(enrolledOn: enrolled, hasAgreement: false, today: CalendarDate("2026-10-02")!))
        #expect(!schedule.isStartOverdue(enrolledOn: enrolled, hasAgreement: true, today: CalendarDate("2026-12-02")!))
        let strict = AgreementSchedule(startWithinDays: 14, reviewEveryDays: 60)
        #expect(strict.startDeadline(enrolledOn: enrolled).description == "2026-09-15")
        #expect(strict.nextReview(after: CalendarDate("2026-09-15")!).description == "2026-11-14")
    }

    @Test func reviewsFollowTheInterval() {
        #expect(AgreementSchedule.standard.nextReview(after: CalendarDate("2026-10-01")!).description == "2026-12-30")
    }

    @Test func daySettingsMustBeInRange() {
        #expect(AgreementSchedule.problem(days: 0, label: "Start within") != nil)
        #expect(AgreementSchedule.problem(days: nil, label: "Start within") != nil)
        #expect(AgreementSchedule.problem(days: 30, label: "Start within") == nil)
        #expect(AgreementSchedule.problem(days: 400, label: "Start within") != nil)
    }

    @Test func programYearsStartOnTheProgramsDay() {
        let start = CalendarDate("2026-08-15")!
        #expect(ProgramYear(containing: CalendarDate("2026-08-14")!, yearStartsLike: start).stored == "2025")
        #expect(ProgramYear(containing: CalendarDate("2026-08-15")!, yearStartsLike: start).stored == "2026")
        #expect(ProgramYear(containing: CalendarDate("2027-03-01")!, yearStartsLike: start).description == "2026–27")
    }
}

@Suite struct TransitionDateTests {
    @Test func earlyHeadStartPlanningIsDueSixMonthsBeforeTheThirdBirthday() {
        let dates = TransitionDates.next(dateOfBirth: CalendarDate("2024-08-31")!, program: .earlyHeadStart)!
        #expect(dates.kind == .toPreschool)
        #expect(dates.moves.description == "2027-08-31")
        #expect(dates.planBy.description == "2027-02-28")
        #expect(!dates.isPromptDue(today: CalendarDate("2026-08-30")!))
        #expect(dates.isPromptDue(today: CalendarDate("2026-08-31")!))
        #expect(!dates.isPromptDue(today: CalendarDate("2027-08-31")!))
    }

    @Test func kindergartenIsTheFirstSchoolYearByWhoseStartTheChildIsFive() {
        // Angel turns five in March 2027: kindergarten in September 2027.
        let angel = TransitionDates.next(dateOfBirth: CalendarDate("2022-03-10")!, program: .headStart)!
        #expect(angel.kind == .toKindergarten)
        #expect(angel.moves.description == "2027-09-01")
        #expect(angel.planBy.description == "2027-03-01")
        #expect(angel.isPromptDue(today: CalendarDate("2026-11-24")!))
        // A child who turns five on 2 September waits a year; one who turns five on 1 September does not.
        #expect(TransitionDates.next(dateOfBirth: CalendarDate("2022-09-02")!, program: .headStart)!.moves.description == "2028-09-01")
        #expect(TransitionDates.next(dateOfBirth: CalendarDate("2022-09-01")!, program: .headStart)!.moves.description == "2027-09-01")
        let younger = TransitionDates.next(dateOfBirth: CalendarDate("2023-01-10")!, program: .headStart)!
        #expect(!younger.isPromptDue(today: CalendarDate("2026-11-24")!))
    }

    /// Each state's cutoff: five by 1 December with school from 20 August (a child born in November starts at four);
    /// five by 1 January of the school year (the cutoff falls after the school year has begun); dates typed as people write them.
    @Test func kindergartenFollowsTheStatesCutoffAndTheLocalSchoolYear() {
        let december = KindergartenEntry(cutoff: MonthDay("December 1")!, schoolStarts: MonthDay("8/20")!)
        #expect(december.firstDay(born: CalendarDate("2021-11-15")!).description == "2026-08-20")
        #expect(december.firstDay(born: CalendarDate("2021-12-01")!).description == "2026-08-20")
        #expect(december.firstDay(born: CalendarDate("2021-12-02")!).description == "2027-08-20")
        let january = KindergartenEntry(cutoff: MonthDay("01-01")!, schoolStarts: MonthDay("Sept 3")!)
        #expect(january.firstDay(born: CalendarDate("2021-12-31")!).description == "2026-09-03")
        #expect(january.firstDay(born: CalendarDate("2022-01-01")!).description == "2026-09-03")
        #expect(january.firstDay(born: CalendarDate("2022-01-02")!).description == "2027-09-03")
        let dates = TransitionDates.next(dateOfBirth: CalendarDate("2021-11-15")!, program: .headStart, kindergarten: december)!
        #expect(dates.moves.description == "2026-08-20" && dates.planBy.description == "2026-02-20")
        #expect(MonthDay("02-29") == nil && MonthDay("13/1") == nil && MonthDay("Smarch 3") == nil && MonthDay("sep 1")?.description == "09-01")
        #expect(MonthDay("09-01")?.label == "September 1")
        // The run of overdue birth dates holds for a program's own dates too.
        let first = CalendarDate("2026-01-01")!
        for step in stride(from: 0, through: 366, by: 9) {
            let today = first.adding(days: step)
            let range = TransitionDates.planningOverdue(on: today, program: .headStart, kindergarten: december)
            let overdue = (0...(7 * 366)).map { today.adding(days: -$0) }.filter { born in
                TransitionDates.next(dateOfBirth: born, program: .headStart, kindergarten: december).map { $0.planBy < today && today < $0.moves } ?? false
            }
            #expect(range.map { $0.lowerBound.days(until: $0.upperBound) + 1 } ?? 0 == overdue.count, "\(today)")
            #expect(overdue.allSatisfy { range?.contains($0) == true }, "\(today)")
        }
    }

    @Test func aProgramYearEndsAfterItStartsAndWithinAYear() throws {
        let start = CalendarDate("2026-08-15")!
        #expect(ProgramSetUp.yearProblem(start: start, end: CalendarDate("2027-08-14")!) == nil)
        #expect(ProgramSetUp.yearProblem(start: start, end: CalendarDate("2027-08-15")!) != nil)
        #expect(ProgramSetUp.yearProblem(start: start, end: start) != nil)
        #expect(try ProgramSetUp.timeZone("America/Denver").get() == "America/Denver")
        #expect((try? ProgramSetUp.timeZone("Denver").get()) == nil && (try? ProgramSetUp.timeZone("EST").get()) == nil)
    }

    /// The run of birth dates whose planning is overdue is exactly the children, one by one, whose day to plan by has
    /// passed and whose move is still ahead: every day of three years, against every birth date of seven before it.
    @Test func planningIsOverdueForOneRunOfBirthDates() {
        let first = CalendarDate("2026-01-01")!
        for program in ProgramType.allCases {
            for step in stride(from: 0, through: 3 * 366, by: 5) {
                let today = first.adding(days: step)
                let range = TransitionDates.planningOverdue(on: today, program: program)
                var overdue: [CalendarDate] = []
                for back in 0...(7 * 366) {
                    let born = today.adding(days: -back)
                    if let dates = TransitionDates.next(dateOfBirth: born, program: program), dates.planBy < today, today < dates.moves {
                        overdue.append(born)
                    }
                }
                #expect(range.map { $0.lowerBound.days(until: $0.upperBound) + 1 } ?? 0 == overdue.count, "\(program) \(today)")
                #expect(overdue.allSatisfy { range?.contains($0) == true }, "\(program) \(today)")
            }
        }
        // Angel (born 2022-03-10, kindergarten 2027-09-01, plan by 2027-03-01) is overdue from 2 March 2027.
        let angel = CalendarDate("2022-03-10")!
        #expect(TransitionDates.planningOverdue(on: CalendarDate("2027-03-01")!, program: .headStart)?.contains(angel) != true)
        #expect(TransitionDates.planningOverdue(on: CalendarDate("2027-03-02")!, program: .headStart)?.contains(angel) == true)
        #expect(TransitionDates.planningOverdue(on: CalendarDate("2027-09-01")!, program: .headStart)?.contains(angel) != true)
    }
}

@Suite struct InstrumentTests {
    let builtIn = Instrument.builtIn

    @Test func theBuiltInInstrumentCoversEveryOutcomeAndTheWellBeingDomains() {
        #expect(builtIn.problems.isEmpty)
        #expect(Set(builtIn.items.flatMap(\.outcomes)) == Set(Outcome.allCases))
        #expect(builtIn.sections[1].items.count == 10)
        #expect(builtIn.items.allSatisfy { $0.scale.levels.map(\.label) == ["In crisis", "Vulnerable", "Safe", "Stable", "Thriving"] })
    }

    @Test func standingRunsFromWorstToBestWhicheverWayTheScaleRuns() {
        let up = Instrument.Scale(levels: [.init(1, "a"), .init(2, "b"), .init(3, "c")], higherIsBetter: true)
        let down = Instrument.Scale(levels: [.init(0, "none"), .init(1, "some"), .init(2, "many"), .init(3, "severe")], higherIsBetter: false)
        #expect(up.standing(1) == 0)
        #expect(up.standing(3) == 1)
        #expect(up.standing(2) == 0.5)
        #expect(down.standing(0) == 1)
        #expect(down.standing(3) == 0)
        #expect(up.standing(4) == nil)
        #expect(down.isAtOrWorse(3, than: 2))
        #expect(!down.isAtOrWorse(1, than: 2))
        #expect(up.isAtOrWorse(1, than: 2))
    }

    @Test func outcomeScoresAverageTheItemsTaggedWithThem() {
        let answers: Answers = ["family_well_being": 3, "housing": 1, "food": 5, "learners": 4]
        let standings = builtIn.outcomeStandings(answers)
        // Family well-being: (0.5 + 0 + 1) / 3.
        #expect(standings[.familyWellBeing] == 0.5)
        #expect(standings[.learners] == 0.75)
        #expect(standings[.transitions] == nil)
        #expect(OutcomeLevel.score(0.75) == 4)
        #expect(OutcomeLevel.label(0.75) == "Stable")
    }

    @Test func lowAnswersOnFlaggedItemsProposeNeeds() {
        let needs = builtIn.proposedNeeds(["housing": 2, "food": 3, "mental_health": 1, "learners": 1])
        #expect(needs.map(\.category) == [.housing, .mentalHealth])
    }

    @Test func answersOffTheScaleOrForUnknownItemsAreRefused() {
        let problems = builtIn.answerProblems(["housing": 9, "pets": 2, "food": 3])
        #expect(Set(problems.keys) == ["housing", "pets"])
    }

    @Test func aBrokenDefinitionIsExplained() {
        var broken = builtIn
        broken.key = "has spaces"
        broken.sections[0].items[1].key = broken.sections[0].items[0].key
        broken.sections[0].items[2].outcomes = []
        broken.sections[1].items[0].proposesNeed = .init(category: .housing, atOrWorseThan: 9)
        let problems = broken.problems.joined(separator: "\n")
        #expect(problems.contains("The key must be"))
        #expect(problems.contains("used twice"))
        #expect(problems.contains("at least one family engagement outcome"))
        #expect(problems.contains("not on its scale"))
    }
}

@Suite struct FollowUpTests {
    let today = CalendarDate("2026-11-24")!

    @Test func reviewsShowAWeekAhead() {
        #expect(FollowUp.isReviewDue(next: CalendarDate("2026-12-01")!, today: today))
        #expect(!FollowUp.isReviewDue(next: CalendarDate("2026-12-02")!, today: today))
        #expect(FollowUp.isReviewDue(next: CalendarDate("2026-10-01")!, today: today))
    }

    @Test func stepsDueThisWeekIncludeOverdueOnesButNotDoneOnes() {
        #expect(FollowUp.isStepDue(due: CalendarDate("2026-11-30")!, done: false, today: today))
        #expect(!FollowUp.isStepDue(due: CalendarDate("2026-12-01")!, done: false, today: today))
        #expect(FollowUp.isStepDue(due: CalendarDate("2026-11-01")!, done: false, today: today))
        #expect(!FollowUp.isStepDue(due: CalendarDate("2026-11-25")!, done: true, today: today))
        #expect(!FollowUp.isStepDue(due: nil, done: false, today: today))
    }

    @Test func aGoalIsQuietAfterSixtyDaysWithoutANote() {
        #expect(!FollowUp.isGoalQuiet(lastNote: CalendarDate("2026-09-25")!, setOn: CalendarDate("2026-09-01")!, today: today))
        #expect(FollowUp.isGoalQuiet(lastNote: CalendarDate("2026-09-24")!, setOn: CalendarDate("2026-09-01")!, today: today))
        #expect(FollowUp.isGoalQuiet(lastNote: nil, setOn: CalendarDate("2026-09-01")!, today: today))
        #expect(!FollowUp.isGoalQuiet(lastNote: nil, setOn: CalendarDate("2026-11-01")!, today: today))
    }
}

@Suite struct AssessmentPeriodTests {
    @Test func periodsStartWithIntakeAndAreUnique() {
        #expect((try? AssessmentPeriods.parse(" Intake, fall ,winter, spring").get()) == ["intake", "fall", "winter", "spring"])
        #expect((try? AssessmentPeriods.parse("fall, intake").get()) == nil)
        #expect((try? AssessmentPeriods.parse("intake, fall, fall").get()) == nil)
        #expect((try? AssessmentPeriods.parse("intake, <b>").get()) == nil)
        #expect((try? AssessmentPeriods.parse("").get()) == nil)
    }

    @Test func everyLanguageHasEveryMessage() {
        for language in FamilyLanguage.allCases {
            #expect(Set(Messages.table(language).keys) == Set(Message.allCases), "\(language) is missing messages")
        }
        #expect(FamilyLanguage(preferred: "Spanish and English") == .es)
        #expect(FamilyLanguage(preferred: "Español") == .es)
        #expect(FamilyLanguage(preferred: "Vietnamese") == .en)
        #expect(Messages.date(CalendarDate("2026-11-24")!, .es) == "24 de noviembre de 2026")
    }
}

@Suite struct InstrumentLimitTests {
    @Test func extremeValuesAndControlCharactersAreRefusedNotCrashed() {
        var wild = Instrument.builtIn
        wild.sections[0].items[0].scale = .init(levels: [.init(Int.min, "low"), .init(Int.max, "high")])
        #expect(wild.problems.contains { $0.contains("-1000 to 1000") })
        #expect(wild.sections[0].items[0].scale.standing(Int.max) == 1)
        var control = Instrument.builtIn
        control.name = "Bad\u{0}name"
        #expect(control.problems.contains { $0.contains("control characters") })
    }
}

@Suite struct InstrumentEditingTests {
    @Test func levelsAreWrittenOnePerLine() {
        let levels = try? Instrument.Scale.parseLevels("1 | In crisis | No home\n\n 2|Safe\n3 | Thriving | Secure | and more").get()
        #expect(levels?.map(\.value) == [1, 2, 3])
        #expect(levels?[1].description == nil)
        #expect(levels?[2].description == "Secure | and more")
        #expect((try? Instrument.Scale.parseLevels("1 | one").get()) == nil)
        #expect((try? Instrument.Scale.parseLevels("one | x\n2 | y").get()) == nil)
        let scale = Instrument.Scale(levels: levels!)
        #expect((try? Instrument.Scale.parseLevels(scale.levelLines).get()) == levels!)
    }

    @Test func itemsMoveBetweenSectionsAndEmptySectionsGo() {
        let builtIn = Instrument.builtIn
        var housing = builtIn.item("housing")!
        housing.text = "Housing and utilities"
        let edited = builtIn.saving(housing, in: "Family well-being", replacing: "housing")
        #expect(edited.item("housing")?.text == "Housing and utilities")
        #expect(edited.sections[1].items.first?.key == "housing")
        let moved = builtIn.saving(housing, in: "Basic needs", replacing: "housing")
        #expect(moved.sections.map(\.title) == ["Family engagement outcomes", "Family well-being", "Basic needs"])
        #expect(moved.sections[1].items.count == 9)
        #expect(moved.items.count == builtIn.items.count)
        let single = Instrument(key: "k", name: "n", sections: [.init(title: "A", items: [housing])])
        #expect(single.removing("housing").sections.isEmpty)
    }
}
