@testable import FamilyPartnership
import Fluent
import Foundation
import PartnershipRules
import Testing
import Vapor
import VaporTesting

/// Generates `families` into an empty database and hands over the director's context.
func withGenerated(_ families: Int, seed: UInt64, _ body: (Application, Context) async throws -> Void) async throws {
    try await withApp { app in
        let settings = testSettings()
        try await start(app, settings: settings)
        do {
            var generator = ProgramGenerator(families: families, seed: seed, clock: testClock)
            let summary = try await generator.run(on: app.db, passwords: app.password)
            #expect(summary.families == families)
            let director = try await Staff.query(on: app.db).filter(\.$email == "director@generated.fpp.test").first().orThrow()
            let signedIn = try await StaffAuthenticator().load(staffID: director.requireID(), on: app.db, viaAPIToken: false).orThrow()
            try await body(app, Context(staff: signedIn, db: app.db, clock: testClock, auditor: .system(signedIn, channel: "test")))
        } catch {
            try? await dropSchema(app, settings)
            throw error
        }
        try await dropSchema(app, settings)
    }
}

/// `fpp generate`: the same program for the same seed, within the caseload limit, and every record one the app's
/// own checks accept.
@Suite struct GeneratorTests {
    @Test func theSameSeedGivesTheSameProgram() async throws {
        var first: [String] = [], second: [String] = []
        try await withGenerated(30, seed: 11) { app, _ in
            first = try await Family.query(on: app.db).sort(\.$householdName).all().map { "\($0.id!) \($0.householdName)" }
        }
        try await withGenerated(30, seed: 11) { app, _ in
            second = try await Family.query(on: app.db).sort(\.$householdName).all().map { "\($0.id!) \($0.householdName)" }
        }
        #expect(first.count == 30)
        #expect(first == second)
    }

    @Test func everyGeneratedRecordPassesTheAppsOwnChecks() async throws {
        try await withGenerated(120, seed: 2026) { app, director in
            // Caseloads: every family's point of contact is a family service worker with at most 40 families.
            let families = try await Family.query(on: app.db).all()
            #expect(families.count == 120)
            let caseloads = Dictionary(grouping: families, by: { $0.$pointOfContact.id })
            #expect(caseloads.values.map(\.count).max()! <= 40)
            for staffID in caseloads.keys {
                let staff = try await Staff.find(staffID, on: app.db).orThrow()
                #expect(staff.roles.contains(.familyServiceWorker))
            }
            // Every family and member saved again through the commands, unchanged: the checks accept them.
            for family in families {
                let saved = try await FamilyCommands.update(family.requireID(), FamilyInput(family), basedOn: .version(family.version), in: director)
                #expect(saved.householdName == family.householdName)
            }
            for member in try await FamilyMember.query(on: app.db).all() {
                _ = try await FamilyCommands.updateMember(member.requireID(), of: member.$family.id, MemberInput(member),
                                                          basedOn: .version(member.version), in: director)
            }
            // This year's goals, in every state, edited unchanged through the agreement's commands.
            let year = try await AgreementCommands.currentYear(in: director).1
            let agreements = try await Agreement.query(on: app.db).filter(\.$programYear == String(year.startYear)).all()
            #expect(!agreements.isEmpty)
            var states: Set<GoalState> = []
            for goal in try await Goal.query(on: app.db).filter(\.$agreement.$id ~~ agreements.map { $0.id! }).all() {
                states.insert(goal.state)
                _ = try await AgreementCommands.updateGoal(goal.requireID(), family: goal.familyID, GoalInput(goal),
                                                           basedOn: .version(goal.version), in: director)
            }
            #expect(states == Set(GoalState.allCases))
            // Generated staff sign in with the documented password.
            let result = try await AccountCommands.signIn(
                email: "family-service-worker1@generated.fpp.test", password: ProgramGenerator.password, from: "127.0.0.1",
                clock: testClock, throttles: (.account, .address), passwords: app.password, on: app.db)
            guard case .signedIn = result else { Issue.record("\(result)"); return }
        }
    }

    /// The report counted in SQL says what counting the program's services one by one says: a family once per
    /// item however many of the item's categories served it, categories no item counts apart, and other
    /// programs' services left out.
    @Test func theFamilyServicesReportAgreesWithCountingEveryService() async throws {
        try await withGenerated(200, seed: 5) { app, director in
            let program = try await Program.find(director.programID, on: app.db).orThrow()
            let year = program.year(containing: testToday)
            // One family served under two categories of one item, and under a category of the program's own.
            let family = try await Family.query(on: app.db).filter(\.$enrollmentStatus == .enrolled).first().orThrow()
            let edition = PIRFamilyServices.edition(for: year)
            let shared = try #require(edition.items.first { $0.categories.count > 1 })
            for category in shared.categories.prefix(2) + ["diaper_bank"] {
                let service = ServiceRecord()
                service.$family.id = try family.requireID()
                service.category = category
                service.providedOn = testToday.description
                service.deliveredBy = "Test"
                service.recordedByName = "Test"
                try await service.create(on: app.db)
            }
            let report = try await FamilyServicesReport.load(program: program, year: year, on: app.db)

            let start = program.yearStart(containing: testToday), end = start.adding(years: 1)
            let families = Set(try await Family.query(on: app.db).filter(\.$program.$id == program.requireID()).all(\.$id))
            let services = try await ServiceRecord.query(on: app.db).all().filter {
                families.contains($0.$family.id) && $0.providedOn >= start.description && $0.providedOn < end.description
            }
            #expect(services.count > 20, "the generated program has services this year")
            for line in report.lines {
                let expected = Set(services.filter { line.item.categories.contains($0.category) }.map(\.$family.id)).count
                #expect(line.families == expected, "\(line.item.letter)")
            }
            #expect(report.familiesServed == Set(services.map(\.$family.id)).count)
            let uncounted = Dictionary(grouping: services.filter { edition.item(for: $0.category) == nil }, by: \.category)
                .mapValues { Set($0.map(\.$family.id)).count }
            #expect(report.uncounted.map(\.families).sorted() == uncounted.values.sorted())
            #expect(report.uncounted.contains { $0.families == 1 && $0.label.lowercased().contains("diaper") })
        }
    }
}
