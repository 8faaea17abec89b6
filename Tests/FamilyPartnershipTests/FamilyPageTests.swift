@testable import FamilyPartnership
import Fluent
import Foundation
import PartnershipRules
import Testing
import Vapor

/// The family page as a worker uses it on a phone: the summary first, the sections reached from links at the
/// top, and long lists on their own pages so the page stays small however long the family has been enrolled.
@Suite struct FamilyPageTests {
    @Test func theSummaryComesFirstAndSaysWhatIsOverdueForTheFamily() async throws {
        try await withTestApp { app, f in
            let worker = TestClient(app)
            try await worker.signIn(f.email(.familyServiceWorker))
            let path = "/families/\(f.family.id!.path)"
            var page = try await worker.get(path).text
            // Enrolled in August with no contact since: the summary says contact is overdue.
            #expect(page.contains("Contact was due by"))
            let summary = try #require(page.range(of: "Point of contact")), sections = try #require(page.range(of: #"aria-label="On this page""#))
            #expect(summary.lowerBound < sections.lowerBound)
            for section in FamilyShow.Section.allCases {
                #expect(page.contains("href=\"#\(section.rawValue)\"") && page.contains("<section id=\"\(section.rawValue)\""), "\(section)")
            }
            // Workers have no access history; the link is not offered.
            #expect(!page.contains("/history/access"))

            let ctx = try await context(app, f.id(.familyServiceWorker))
            try await logContact(f.family.id!, daysAgo: 0, by: ctx)
            _ = try await Visit.make(family: f.family.id!, program: f.programID, type: "Home visit", day: testToday.adding(days: 3), on: app.db)
            page = try await worker.get(path).text
            #expect(!page.contains("Contact was due by"))
            #expect(page.contains("Last contact</dt><dd>\(Display.date(testToday.description))"))
            #expect(page.contains("Next visit</dt><dd><a href=\"/families/\(f.family.id!.path)/visits/"))
            #expect(page.contains("Home visit, \(Display.date(testToday.adding(days: 3).description))"))
            #expect(page.contains("with Test family_service_worker"))

            // A manager reaches the access history from the page's links; the page itself stays short.
            let manager = TestClient(app)
            try await manager.signIn(f.email(.manager))
            let managerPage = try await manager.get(path).text
            #expect(managerPage.contains("\(path)/history/access"))
        }
    }

    @Test func twoYearsOfWeeklyVisitsKeepThePageUnder30KBAndTheListsOnTheirOwnPages() async throws {
        try await withTestApp { app, f in
            let family = f.family.id!
            let director = try await context(app, f.id(.director))
            let worker = try await context(app, f.id(.familyServiceWorker))
            let type = try #require(try await VisitType.query(on: app.db).filter(\.$program.$id == f.programID).filter(\.$name == "Home visit").first())
            // Two years of weekly visits behind (two series of 52) and a year ahead (one series).
            let starts = [testToday.adding(days: -728), testToday.adding(days: -364), testToday.adding(days: 7)]
            var past: [Visit] = []
            for start in starts {
                var input = VisitInput()
                input.typeID = type.id!.uuidString
                input.date = start.description
                input.startsAt = "10:00"
                input.plannedMinutes = "45"
                input.place = VisitPlace.home.rawValue
                input.familyAgreed = true
                input.agreementWay = ContactMedium.phone.rawValue
                input.staff = [f.id(.familyServiceWorker).uuidString]
                input.repeatEveryDays = "7"
                input.repeatUntil = start.adding(days: 51 * 7).description
                let visits = try await VisitCommands.schedule(input, family: family, in: director)
                #expect(visits.count == 52)
                past += visits.filter { CalendarDate($0.scheduledOn)! < testToday }
            }
            for visit in past {
                var record = VisitRecordInput()
                record.actualMinutes = "45"
                _ = try await VisitCommands.record(visit.requireID(), family: family, record, basedOn: .unknown, in: director)
            }
            for week in 0..<104 {
                try await logContact(family, daysAgo: week * 7 + 1, summary: "Weekly call about the family's goals and the children's week", by: worker)
            }
            // Six assessments over the two years: every outcome drawn as a chart of six points.
            let version = try await InstrumentLibrary.current(program: f.programID, on: app.db).first!
            let items = try version.instrument.items
            for (n, period) in ["intake", "fall", "winter", "spring", "fall", "winter"].enumerated() {
                var assessment = AssessmentInput()
                assessment.instrumentVersionID = version.id!.uuidString
                assessment.period = period
                assessment.takenOn = testToday.adding(days: -700 + n * 120).description
                assessment.mode = MeetingMode.home.rawValue
                assessment.participants = "Ana"
                assessment.answers = Dictionary(uniqueKeysWithValues: items.map { ($0.key, String(2 + n % 3)) })
                _ = try await AssessmentCommands.create(assessment, family: family, in: worker)
            }
            for n in 0..<12 {
                var referral = ReferralInput()
                referral.category = n.isMultiple(of: 2) ? "food" : "housing"
                referral.familyAsked = true
                _ = try await ReferralCommands.create(referral, family: family, in: worker)
                var service = ServiceInput()
                service.category = "food"
                service.providedOn = testToday.adding(days: -n * 30).description
                service.deliveredBy = "Riverside Food Bank"
                _ = try await ReferralCommands.recordService(service, family: family, in: worker)
            }

            let client = TestClient(app)
            try await client.signIn(f.email(.familyServiceWorker))
            let path = "/families/\(family.path)"
            let page = try await client.get(path)
            #expect(page.status == .ok)
            #expect(page.body.readableBytes < 30_000, "the family page is \(page.body.readableBytes) bytes")
            if ProcessInfo.processInfo.environment["FPP_PAGE_SIZES"] != nil { print("page size \(page.body.readableBytes) family page, two years") }
            let text = page.text
            #expect(text.components(separatedBy: "<svg class=\"chart\"").count - 1 == Outcome.allCases.count)
            #expect(text.contains("Coming up (next 3 of 52)"))
            #expect(text.contains("All 52 upcoming visits →"))
            #expect(text.contains("All 12 referrals →") && text.contains("All 12 services →"))
            // The open referrals are listed (ten at most), with where each stands.
            #expect(text.components(separatedBy: "/referrals/").count - 1 >= 10)

            // Upcoming visits, soonest first, with who goes; fifty to a page.
            let upcoming = try await client.get("\(path)/history/upcoming").text
            let first = try #require(upcoming.range(of: Display.date(testToday.adding(days: 7).description)))
            let second = try #require(upcoming.range(of: Display.date(testToday.adding(days: 14).description)))
            #expect(first.lowerBound < second.lowerBound)
            #expect(upcoming.contains("with Test family_service_worker"))
            #expect(!upcoming.contains(Display.date(testToday.adding(days: -7).description)))
            let later = try await client.get("\(path)/history/upcoming?page=2").text
            #expect(later.contains(Display.date(testToday.adding(days: 7 * 51).description)))
            #expect(try await client.get("\(path)/history/referrals").text.contains("Food"))
            let services = try await client.get("\(path)/history/services").text
            #expect(services.contains("Riverside Food Bank"))
            let audited = try await AuditEntry.query(on: app.db).filter(\.$familyID == family).filter(\.$recordType == AuditRecord.service.rawValue)
                .filter(\.$action == AuditAction.list.rawValue).count()
            #expect(audited == 1)
        }
    }
}

/// Moments are written as dates and times are everywhere else, in the program's time zone.
@Suite struct DisplayTests {
    @Test func aMomentIsShownInTheProgramsZoneLikeEveryOtherDateAndTime() {
        let chicago = Display.$zone.withValue(TimeZone(identifier: "America/Chicago")!) { Display.timestamp(testNow) }
        #expect(chicago == "Nov 29, 2026, 10:00 am")
        let honolulu = Display.$zone.withValue(TimeZone(identifier: "Pacific/Honolulu")!) { Display.timestamp(testNow.addingTimeInterval(-7 * 3600)) }
        #expect(honolulu == "Nov 28, 2026, 11:00 pm")
    }

    @Test func theAccessHistoryIsWrittenInTheProgramsZone() async throws {
        try await withTestApp { app, f in
            let manager = TestClient(app)
            try await manager.signIn(f.email(.manager))
            _ = try await manager.get("/families/\(f.family.id!.path)")
            let history = try await manager.get("/families/\(f.family.id!.path)/history/access").text
            let expected = Display.$zone.withValue(app.clock.zone) { Display.timestamp(app.clock.now) }
            #expect(history.contains(expected), "\(expected)")
        }
    }
}
