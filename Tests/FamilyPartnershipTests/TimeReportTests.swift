@testable import FamilyPartnership
import Fluent
import Foundation
import PartnershipRules
import Testing

/// The visit-hours report adds up minutes outside contract hours in SQL; here every entry of a generated
/// program is checked against `ContractHours.minutesOutside`, with contracts of different days and hours.
@Suite struct TimeReportTests {
    @Test func minutesOutsideContractHoursAgreeWithTheRuleEntryByEntry() async throws {
        try await withGenerated(160, seed: 9) { app, director in
            let staff = try await Staff.query(on: app.db).filter(\.$program.$id == director.staff.programID).sort(\.$email).all()
            let contracts = [ContractHours(start: TimeOfDay("10:00")!, end: TimeOfDay("14:30")!, days: [1, 3]),
                             ContractHours(start: TimeOfDay("07:15")!, end: TimeOfDay("19:00")!, days: [0, 1, 2, 3, 4, 5, 6]),
                             ContractHours(start: TimeOfDay("09:00")!, end: TimeOfDay("09:45")!, days: [])]
            for (index, person) in staff.enumerated() where index % 2 == 0 {
                person.contractHours = contracts[index / 2 % contracts.count]
                try await person.save(on: app.db)
            }
            let byID = Dictionary(uniqueKeysWithValues: staff.map { ($0.id!, $0) })
            let from = testToday.adding(days: -365), through = testToday
            let entries = try await TimeReport.entries(TimeReport.Scope(program: director.staff.programID), from: from, through: through, on: app.db)
            #expect(entries.count > 500)
            #expect(Set(entries.map(\.kind)) == ["visit", "contact"])
            for entry in entries {
                let person = try #require(byID[entry.staff_id])
                let expected = entry.starts_at.flatMap(TimeOfDay.init).map {
                    person.contractHours.minutesOutside(on: CalendarDate(entry.day)!, from: $0, minutes: entry.minutes)
                } ?? 0
                #expect(entry.outside == expected, "\(entry.day) \(entry.starts_at ?? "-") \(entry.minutes) min, \(person.contractHours)")
            }
            #expect(entries.contains { $0.outside > 0 } && entries.contains { $0.outside == 0 })

            let report = try await TimeReport.load(TimeReport.Scope(program: director.staff.programID), from: from, through: through, on: app.db)
            for row in report.rows {
                let mine = entries.filter { $0.staff_id == row.staffID }
                #expect(row.visitMinutes == mine.filter { $0.kind == "visit" }.map(\.minutes).reduce(0, +))
                #expect(row.contactMinutes == mine.filter { $0.kind == "contact" }.map(\.minutes).reduce(0, +))
                #expect(row.outsideMinutes == mine.map(\.outside).reduce(0, +))
            }
            #expect(report.rows.count == Set(entries.map(\.staff_id)).count)

            // One site's report is the whole report's rows for that site's staff, read staff first.
            let site = try #require(try await Site.query(on: app.db).filter(\.$program.$id == director.staff.programID).sort(\.$name).first())
            let atSite = Set(staff.filter { $0.$site.id == site.id }.map { $0.id! })
            let siteReport = try await TimeReport.load(TimeReport.Scope(program: director.staff.programID, site: site.id),
                                                       from: from, through: through, on: app.db)
            #expect(!siteReport.rows.isEmpty)
            #expect(siteReport.rows.map(\.staffID) == report.rows.filter { atSite.contains($0.staffID) }.map(\.staffID))
            #expect(siteReport.rows.map(\.outsideMinutes) == report.rows.filter { atSite.contains($0.staffID) }.map(\.outsideMinutes))

            let client = TestClient(app)
            _ = try await client.signIn("director@generated.fpp.test", password: "generated-password-2026")
            let page = try await client.get("/visit-hours?from=\(from)&to=\(through)&site=\(site.id!.path)")
            #expect(page.status == .ok && page.text.contains("<option value=\"\(site.id!.path)\" selected=\"selected\">"))
            #expect(page.text.contains("visit-hours.csv?from=\(from)&to=\(through)&site=\(site.id!.path)"))
            for bad in ["nowhere", UUID().uuidString] {
                let refused = try await client.get("/visit-hours?site=\(bad)")
                #expect(refused.status == .unprocessableEntity && refused.text.contains("Site must be one of the program"))
            }
        }
    }
}
