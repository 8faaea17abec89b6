import PartnershipRules
import Testing

@Suite struct FollowUpTimeTests {
    @Test func crisesAreFollowedUpInThreeBusinessDaysOthersInAMonth() {
        // 2026-11-26 is a Thursday: three business days later is Tuesday 2026-12-01.
        let thursday = CalendarDate("2026-11-26")!
        #expect(!thursday.isWeekend)
        #expect(CalendarDate("2026-11-28")!.isWeekend && CalendarDate("2026-11-29")!.isWeekend)
        #expect(ServiceCategory.mentalHealth.defaultFollowUp.due(from: thursday).description == "2026-12-01")
        #expect(ServiceCategory.domesticViolence.defaultFollowUp == .businessDays(3))
        #expect(ServiceCategory.substanceMisuseTreatment.defaultFollowUp == .businessDays(3))
        #expect(ServiceCategory.housing.defaultFollowUp.due(from: thursday).description == "2026-12-26")
        #expect(FollowUpTime.businessDays(1).due(from: CalendarDate("2026-11-27")!).description == "2026-11-30")
    }
}

@Suite struct PIREditionTests {
    @Test func eachYearUsesItsEditionsItems() {
        let current = PIRFamilyServices.edition(for: ProgramYear(startYear: 2026))
        let older = PIRFamilyServices.edition(for: ProgramYear(startYear: 2019))
        #expect(current.items.count == 17)
        #expect(older.items.count == 16)
        #expect(current.item(for: "tobacco_education") != nil)
        #expect(older.item(for: "domestic_violence") != nil)
        #expect(current.item(for: "domestic_violence") == nil)
        #expect(current.item(for: "transportation") == nil)
        // No category counts twice in one edition.
        for edition in PIRFamilyServices.editions {
            let keys = edition.items.flatMap(\.categories)
            #expect(Set(keys).count == keys.count, "\(edition.name) counts a category twice")
            #expect(keys.allSatisfy { ServiceCategory(rawValue: $0) != nil })
        }
    }
}

@Suite struct CSVTests {
    @Test func readsQuotesCommasAndLineBreaks() throws {
        let text = "name,notes\r\n\"Smith, Jones\",\"said \"\"hi\"\"\nthen left\"\n\nplain,x\n"
        let rows = try CSV.parse(text).get()
        #expect(rows.map(\.fields) == [["name", "notes"], ["Smith, Jones", "said \"hi\"\nthen left"], ["plain", "x"]])
        #expect(rows.map(\.line) == [1, 2, 5])
        #expect((try? CSV.parse("a,\"open\nb").get()) == nil)
    }

    @Test func writesWhatItReadsAndDefusesFormulas() throws {
        let line = CSV.line(["Smith, Jones", "say \"hi\"", "=HYPERLINK(1)", "plain"])
        #expect(line == "\"Smith, Jones\",\"say \"\"hi\"\"\",'=HYPERLINK(1),plain")
        #expect(try CSV.parse(line).get().first?.fields == ["Smith, Jones", "say \"hi\"", "'=HYPERLINK(1)", "plain"])
    }
}

@Suite struct ProviderDirectoryTests {
    let today = CalendarDate("2026-11-24")!
    let categories = ["housing": "housing", "housing assistance": "housing", "mental_health": "mental_health",
                      "mental health services": "mental_health"]

    @Test func anEntryIsStaleAfterTwelveMonthsOrWhenNeverVerified() {
        #expect(!ProviderDirectory.isStale(verifiedOn: CalendarDate("2025-11-24")!, today: today))
        #expect(ProviderDirectory.isStale(verifiedOn: CalendarDate("2025-11-23")!, today: today))
        #expect(ProviderDirectory.isStale(verifiedOn: nil, today: today))
    }

    @Test func goodRowsGoInAndBadRowsAreReportedByLineWithEveryReason() {
        let csv = """
        name,categories,languages,phone,email,website,verified_on
        Riverside Housing Coalition,Housing assistance;mental_health,English;Spanish,951-555-0100,info@rhc.org,https://rhc.org,2026-10-01
        ,housing,,12,not-an-email,rhc.org,2030-01-01
        "Hope Clinic, Eastside",Mental health services,Spanish,,,,
        Nowhere Services,pets,,,,,
        """
        let result = ProviderDirectory.read(csv: csv, categories: categories, today: today)
        #expect(result.entries.map(\.line) == [2, 4])
        #expect(result.entries[0].entry.categories == ["housing", "mental_health"])
        #expect(result.entries[0].entry.phone == "9515550100")
        #expect(result.entries[1].entry.name == "Hope Clinic, Eastside")
        #expect(result.problems.map(\.line) == [3, 5])
        let line3 = result.problems[0].message
        for field in ["name:", "phone:", "email:", "website:", "verified_on:"] { #expect(line3.contains(field), "line 3 lacks \(field)") }
        #expect(result.problems[1].message.contains("\"pets\" is not one of the program's service categories"))
    }

    @Test func aFileWithoutTheNeededColumnsIsRefusedWhole() {
        let result = ProviderDirectory.read(csv: "title,phone\nX,1", categories: categories, today: today)
        #expect(result.entries.isEmpty)
        #expect(result.problems.first?.line == 1)
        #expect(ProviderDirectory.read(csv: "", categories: categories, today: today).problems.first?.message == "The file is empty.")
        let tooWide = ProviderDirectory.read(csv: "name,categories\nA,housing,extra", categories: categories, today: today)
        #expect(tooWide.problems.first?.line == 2)
    }
}

@Suite struct ReferralRuleTests {
    let today = CalendarDate("2026-11-24")!

    @Test func referralsMoveForwardOrCloseAndClosedOnesStayClosed() {
        #expect(ReferralStatus.requested.next == [.referred, .connected, .receiving, .completed, .declined, .couldNotConnect])
        #expect(ReferralStatus.receiving.next == [.completed, .declined, .couldNotConnect])
        for closed in [ReferralStatus.completed, .declined, .couldNotConnect] { #expect(closed.next.isEmpty) }
        #expect(ReferralRules.changeProblem(from: .connected, to: .referred, on: today, lastChange: today, outcome: nil, today: today)?.field == "status")
        #expect(ReferralRules.changeProblem(from: .completed, to: .receiving, on: today, lastChange: today, outcome: nil, today: today)?.field == "status")
        #expect(ReferralRules.changeProblem(from: .referred, to: .receiving, on: today, lastChange: today, outcome: nil, today: today) == nil)
    }

    @Test func completingNeedsAnOutcomeAndDatesRunForward() {
        let monday = CalendarDate("2026-11-23")!
        #expect(ReferralRules.changeProblem(from: .receiving, to: .completed, on: today, lastChange: monday, outcome: nil, today: today)?.field == "outcome")
        #expect(ReferralRules.changeProblem(from: .receiving, to: .completed, on: today, lastChange: monday, outcome: .met, today: today) == nil)
        #expect(ReferralRules.changeProblem(from: .referred, to: .connected, on: CalendarDate("2026-11-22")!, lastChange: monday, outcome: nil, today: today)?.field == "date")
        #expect(ReferralRules.changeProblem(from: .referred, to: .connected, on: CalendarDate("2026-11-25")!, lastChange: monday, outcome: nil, today: today)?.field == "date")
    }

    @Test func onlyReceivedServicesCountAndFamilyRequestsCanBeRequired() {
        #expect(ReferralStatus.allCases.filter(\.meansServiceReceived) == [.receiving, .completed])
        #expect(ReferralRules.startProblem(familyAsked: false, programRequiresRequest: true)?.field == "family_asked")
        #expect(ReferralRules.startProblem(familyAsked: false, programRequiresRequest: false) == nil)
        #expect(ReferralRules.isFollowUpOverdue(status: .referred, followUpOn: CalendarDate("2026-11-23")!, today: today))
        #expect(!ReferralRules.isFollowUpOverdue(status: .referred, followUpOn: today, today: today))
        #expect(!ReferralRules.isFollowUpOverdue(status: .completed, followUpOn: CalendarDate("2026-11-01")!, today: today))
    }
}

@Suite struct AgencyPlanTests {
    @Test func providersAreMatchedToAgenciesByName() {
        #expect(ReferralRules.sameAgency("Riverside County DPSS — CalWORKs", "Riverside County DPSS"))
        #expect(ReferralRules.sameAgency("DPSS", "Riverside County DPSS"))
        #expect(!ReferralRules.sameAgency("Hope Clinic", "Riverside County DPSS"))
        #expect(!ReferralRules.sameAgency("", "x"))
    }
}
