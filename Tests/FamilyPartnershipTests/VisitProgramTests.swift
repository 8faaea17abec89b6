@testable import FamilyPartnership
import Fluent
import Foundation
import PartnershipRules
import SQLKit
import Testing
import Vapor
import VaporTesting

/// The program-wide side of visits: the fair draw, the time report for pay, and the calendar feed.
@Suite struct VisitProgramTests {
    @Test func theDrawLeavesOutDeclinedFamiliesPutsEarlierVisitsLastAndIsLogged() async throws {
        try await withTestApp { app, f in
            let program = try await Program.find(f.programID, on: app.db)!
            let yearStart = program.yearStart(containing: testToday)
            var families: [Family] = []
            for name in ["Ali", "Brown", "Cruz", "Diaz", "Evans", "Fox"] {
                let family = try await Family.make(on: app.db, program: f.programID, name: "\(name) family")
                let child = FamilyMember(familyID: family.id!, kind: .child, name: "\(name) child")
                child.classroom = "Kindergarten – Room 4"
                try await child.create(on: app.db)
                families.append(family)
            }
            families[0].declinedHomeVisitsOn = "2026-09-01"
            try await families[0].save(on: app.db)
            _ = try await Visit.make(family: families[1].id!, program: f.programID, type: "Home visit", day: yearStart.adding(days: -200),
                                     status: .completed, on: app.db)

            let worker = TestClient(app)
            try await worker.signIn(f.email(.familyServiceWorker))
            #expect(try await worker.post("/visit-draws", ["roster": "classroom:Kindergarten – Room 4", "places": "3"]).status == .forbidden)

            let manager = TestClient(app)
            try await manager.signIn(f.email(.manager))
            let bad = try await manager.post("/visit-draws", ["roster": "classroom:Room 99", "places": "none"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Choose a classroom or site") && bad.text.contains("must be a whole number"))

            let drawn = try await manager.post("/visit-draws", ["roster": "classroom:Kindergarten – Room 4", "places": "3"])
            #expect(drawn.status == .seeOther)
            let draw = try #require(try await VisitDraw.query(on: app.db).filter(\.$roster == "Classroom: Kindergarten – Room 4").first())
            #expect(draw.chosen.count == 3 && draw.waiting.count == 2 && draw.declined == 1)
            #expect(!draw.chosen.contains(families[0].id!) && !draw.waiting.contains(families[0].id!))
            // Four families were never visited, so the one visited before comes last.
            #expect(draw.waiting.last == families[1].id! && draw.visitedBefore == [families[1].id!])
            #expect(draw.repeats)
            let page = try await manager.get(drawn.location!).text
            #expect(page.contains("gives the same families in the same order") && page.contains(draw.seed))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$recordType == "draw").filter(\.$action == "create").count() == 1)

            // The log keeps each draw as it was made.
            draw.places = 5
            await #expect(throws: (any Error).self) { try await draw.save(on: app.db) }
        }
    }

    @Test func hoursOutsideContractTimeAreMarkedAndExportedWithoutFamilies() async throws {
        try await withTestApp { app, f in
            // The latest weekday on or before today, inside this month's report when possible.
            var day = testToday
            while day.isWeekend { day = day.adding(days: -1) }
            let visit = try await Visit.make(family: f.family.id!, program: f.programID, type: "Home visit", day: day, status: .completed,
                                             staff: [f.id(.familyServiceWorker), f.id(.teacher)], on: app.db)
            visit.startsAt = "16:00"
            visit.actualMinutes = 60
            try await visit.save(on: app.db)
            let worker = TestClient(app)
            try await worker.signIn(f.email(.familyServiceWorker))
            #expect(try await worker.post("/families/\(f.family.id!.path)/contacts/new", [
                "date": day.description, "starts_at": "19:00", "medium": "phone", "started_by": "staff", "minutes": "15",
                "summary": "Checked in about the visit"]).status == .seeOther)

            let period = "from=\(day.adding(days: -1))&to=\(day)"
            let manager = TestClient(app)
            try await manager.signIn(f.email(.manager))
            let report = try await manager.get("/visit-hours?\(period)").text
            // The worker: one hour of visit and a quarter hour of contact; 30 + 15 minutes after 4:30 pm.
            #expect(report.contains("<td>Test family_service_worker</td><td>1.00</td><td>0.25</td><td>0.75</td>"))
            #expect(report.contains("<td>Test teacher</td><td>1.00</td><td>0.00</td><td>0.50</td>"))
            let csv = try await manager.get("/visit-hours.csv?\(period)")
            #expect(csv.headers.contentType?.subType == "csv")
            #expect(csv.text.contains("\(day),Test family_service_worker,contact,19:00,15,15"))
            #expect(!csv.text.contains("Rivera"))

            // The teacher did not come after all: the record says so, and only those who took part are paid.
            let record = "/families/\(f.family.id!.path)/visits/\(visit.id!.path)/record"
            let nobody = try await worker.post(record, pairs: [("actual_minutes", "60"), ("staff_present[]", "")])
            #expect(nobody.status == .unprocessableEntity && nobody.text.contains("Tick at least one staff member"))
            let stranger = try await worker.post(record, pairs: [("actual_minutes", "60"), ("staff_present[]", ""), ("staff_present[]", f.id(.director).path)])
            #expect(stranger.status == .unprocessableEntity && stranger.text.contains("Only staff scheduled for this visit"))
            #expect(try await worker.post(record, pairs: [("actual_minutes", "60"), ("staff_present[]", ""),
                                                         ("staff_present[]", f.id(.familyServiceWorker).path)]).status == .seeOther)
            let corrected = try await manager.get("/visit-hours?\(period)").text
            #expect(corrected.contains("<td>Test family_service_worker</td><td>1.00</td>") && !corrected.contains("<td>Test teacher</td>"))
            #expect(try await worker.get("/families/\(f.family.id!.path)/visits/\(visit.id!.path)").text.contains("Test teacher (did not take part)"))
            try await VisitStaff.query(on: app.db).filter(\.$staff.$id == f.id(.teacher)).set(\.$attended, to: true).update()

            // Others see only their own hours.
            let teacher = TestClient(app)
            try await teacher.signIn(f.email(.teacher))
            let own = try await teacher.get("/visit-hours?\(period)").text
            #expect(own.contains("Test teacher") && !own.contains("Test family_service_worker"))
            #expect(try await teacher.get("/visit-hours?from=2026-10-01&to=2026-09-01").status == .unprocessableEntity)
        }
    }

    @Test func theCalendarFeedIsValidICalendarAndEndsWhenTurnedOff() async throws {
        try await withTestApp { app, f in
            let visit = try await Visit.make(family: f.family.id!, program: f.programID, type: "Home visit", day: testToday.adding(days: 3),
                                             staff: [f.id(.familyServiceWorker)], on: app.db)
            let worker = TestClient(app)
            try await worker.signIn(f.email(.familyServiceWorker))
            let unclear = try await worker.post("/settings/calendar", ["action": "maybe"])
            #expect(unclear.status == .unprocessableEntity && unclear.text.contains("Choose to make a new calendar address"))
            #expect(try await Staff.find(f.id(.familyServiceWorker), on: app.db)?.calendarTokenDigest == nil)
            let made = try await worker.post("/settings/calendar", ["action": "new"]).text
            let address = try #require(made.firstMatch(of: /\/calendar\/(fpp_[A-Za-z0-9_-]+)\.ics/))
            let path = String(address.0)

            let calendarApp = TestClient(app)
            let feed = try await calendarApp.get(path)
            #expect(feed.status == .ok && feed.headers.contentType?.subType == "calendar")
            let text = feed.text
            #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && text.hasSuffix("END:VCALENDAR\r\n"))
            #expect(text.contains("UID:\(visit.id!.uuidString.lowercased())@family-partnership"))
            #expect(text.contains("SUMMARY:Home visit — Rivera family"))
            #expect(!text.contains("5551230001"))
            #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
            let logged = try await AuditEntry.query(on: app.db).filter(\.$channel == "calendar").all()
            #expect(logged.count == 1 && logged[0].familyID == f.family.id && logged[0].staffID == f.id(.familyServiceWorker))

            #expect(try await calendarApp.get("/calendar/fpp_wrong.ics").status == .notFound)
            _ = try await worker.post("/settings/calendar", ["action": "off"])
            #expect(try await calendarApp.get(path).status == .notFound)
        }
    }

    @Test func theFeedAddressUsesThePublicURLWhenSet() async throws {
        try await withTestApp(configure: { $0.publicURL = "https://fpp.example.org" }) { app, f in
            let worker = TestClient(app)
            try await worker.signIn(f.email(.familyServiceWorker))
            let made = try await worker.post("/settings/calendar", ["action": "new"]).text
            #expect(made.contains("https://fpp.example.org/calendar/fpp_"))
        }
    }

    @Test func longLinesAreFoldedAndTextEscaped() {
        let line = "SUMMARY:" + String(repeating: "é", count: 60)
        let folded = CalendarFeed.fold(line)
        #expect(folded.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == line)
        #expect(CalendarFeed.escape("Visit; bring forms, notes\nthanks\\") == "Visit\\; bring forms\\, notes\\nthanks\\\\")
        #expect(CalendarFeed.stamp(Date(timeIntervalSince1970: 0)) == "19700101T000000Z")
        let start = ProgramClock(zone: TimeZone(identifier: "America/Chicago")!).moment(CalendarDate("2026-11-26")!, TimeOfDay("16:30")!)!
        #expect(CalendarFeed.stamp(start) == "20261126T223000Z")
    }

    @Test func theDirectorSetsTheContactGapVisitsDueAndKindsOfVisit() async throws {
        try await withTestApp { app, f in
            // The Rivera family was last heard from 20 days ago: fine under six weeks, overdue under two.
            try await logContact(f.family.requireID(), daysAgo: 20, summary: "Checked in", by: context(app, f.id(.familyServiceWorker)))
            let worker = TestClient(app)
            try await worker.signIn(f.email(.familyServiceWorker))
            #expect(!(try await worker.get("/").text.contains("Families past the contact gap")))

            let director = TestClient(app)
            try await director.signIn(f.email(.director))
            var settings: [String: String] = ["contact_gap_days": "14", "version": "1"]
            for option in ProgramOption.allCases {
                settings["home_visits_\(option.rawValue)"] = option == .centerBased ? "3" : String(VisitRequirement.standard(for: option).homeVisits)
                settings["conferences_\(option.rawValue)"] = String(VisitRequirement.standard(for: option).conferences)
            }
            let bad = try await director.post("/settings/program/visits", settings.merging(["contact_gap_days": "3"]) { $1 })
            #expect(bad.status == .unprocessableEntity && bad.text.contains("Longest gap between contacts must be a whole number from 7 to 120"))
            #expect(try await director.post("/settings/program/visits", settings).status == .seeOther)
            #expect(try await Program.find(f.programID, on: app.db)?.contactGapDays == 14)
            #expect(try await worker.get("/").text.contains("Families past the contact gap (1)"))
            let saved = try await ProgramVisitRequirement.all(program: f.programID, on: app.db)
            #expect(saved[.centerBased] == VisitRequirement(homeVisits: 3, conferences: 2) && saved[.homeBased]?.homeVisits == 32)
            #expect(try await ProgramVisitRequirement.query(on: app.db).count() == 1)

            let noPlace = try await director.post("/settings/program/visit-types/new", ["name": "Porch visit", "minimum_minutes": "20", "staff_required": "1",
                                                                                        "counts_as": "home_visit"])
            #expect(noPlace.status == .unprocessableEntity && noPlace.text.contains("Choose where visits of this kind may be held"))
            let added = try await director.post("/settings/program/visit-types/new", pairs: [
                ("name", "Porch visit"), ("minimum_minutes", "20"), ("staff_required", "1"), ("places[]", "outdoors"), ("places[]", "home"),
                ("counts_as", "home_visit"), ("family_agreement_required", "on")])
            #expect(added.status == .seeOther)
            let porch = try #require(try await VisitType.query(on: app.db).filter(\.$name == "Porch visit").first())
            #expect(porch.places == [.outdoors, .home] && porch.familyAgreementRequired && porch.minimumMinutes == 20)
            let duplicate = try await director.post("/settings/program/visit-types/\(porch.id!.path)", pairs: [
                ("name", "HVP initial visit"), ("minimum_minutes", "20"), ("staff_required", "1"), ("places[]", "home"), ("counts_as", "home_visit"),
                ("version", "1")])
            #expect(duplicate.status == .unprocessableEntity && duplicate.text.contains("already a kind of visit called that"))
        }
    }
}
