@testable import FamilyPartnership
import Fluent
import Foundation
import PartnershipRules
import Testing
import Vapor

@Suite struct CaseloadPageTests {
    /// Another family service worker of the fixture's program, at its first site.
    static func addWorker(_ name: String, languages: String, _ app: Application, _ f: Fixture) async throws -> Staff {
        var input = StaffInput()
        input.name = name
        input.email = name.lowercased().replacingOccurrences(of: " ", with: ".") + "@test.example"
        input.roles = [StaffRole.familyServiceWorker.rawValue]
        input.languages = languages
        input.status = StaffStatus.active.rawValue
        input.password = Fixture.password
        input.siteID = f.sites[0].id!.uuidString
        return try await AccountCommands.createStaff(input, passwords: app.password, in: context(app, f.id(.admin)))
    }

    @Test func anAbsenceEndsAfterItsLastDayInTheProgramsTimeZoneNotTheServers() async throws {
        try await withTestApp { app, f in
            let program = try await Program.find(f.programID, on: app.db).orThrow()
            program.timeZone = "Pacific/Honolulu"
            try await program.save(on: app.db)
            let manager = try await context(app, f.id(.manager))
            var input = AbsenceInput()
            input.startsOn = testToday.description
            input.endsOn = testToday.adding(days: 3).description
            _ = try await CaseloadCommands.markAbsence(of: f.id(.familyServiceWorker), input, in: manager)
            // The server (Chicago) reads Dec 3, 02:00 → the program's day (Honolulu) is still Dec 2, the last day.
            let lastEvening = ProgramClock(zone: testZone, now: { testNow.addingTimeInterval(3 * 86_400 + 16 * 3600) })
            #expect(lastEvening.today == testToday.adding(days: 4))
            #expect(try await CaseloadCommands.endAbsencesPast(on: app.db, clock: lastEvening) == 0)
            // Four hours later it is Dec 3 in Honolulu too.
            let nextMorning = ProgramClock(zone: testZone, now: { testNow.addingTimeInterval(3 * 86_400 + 20 * 3600) })
            #expect(try await CaseloadCommands.endAbsencesPast(on: app.db, clock: nextMorning) == 1)
        }
    }

    static func setLimit(_ families: Int, _ app: Application, _ f: Fixture) async throws {
        let ctx = try await context(app, f.id(.director))
        let program = try await Program.find(f.programID, on: app.db).orThrow()
        var input = ProgramSettingsInput(program)
        input.caseloadLimit = String(families)
        _ = try await ProgramCommands.updateSettings(input, basedOn: .version(program.version), in: ctx)
    }

    static func pointOfContact(_ family: UUID, _ app: Application) async throws -> UUID? {
        try await Family.find(family, on: app.db)?.$pointOfContact.id
    }

    @Test func aFamilyBeyondTheLimitIsRefusedUntilAnExceptionIsRecorded() async throws {
        try await withTestApp { app, f in
            let manager = TestClient(app)
            try await manager.signIn(f.email(.manager))
            let token = APIToken.generate()
            try await APIToken(staffID: f.id(.manager), name: "t", tokenDigest: APIToken.digest(token)).create(on: app.db)
            manager.bearer = token
            // The program's limit can be set lower, never above 40.
            let program = try await Program.find(f.programID, on: app.db).orThrow()
            var tooMany = ProgramSettingsInput(program)
            tooMany.caseloadLimit = "41"
            await #expect(throws: FieldErrors.self) {
                _ = try await ProgramCommands.updateSettings(tooMany, basedOn: .version(program.version), in: context(app, f.id(.director)))
            }
            try await Self.setLimit(2, app, f)
            let worker = f.id(.familyServiceWorker)
            _ = try await Family.make(on: app.db, program: f.programID, name: "Okafor family", team: [(f.staff[.familyServiceWorker]!, .familyServiceWorker)])
            let third = try await Family.make(on: app.db, program: f.programID, name: "Nguyen family")
            #expect(try await CaseloadCommands.countedFamilies(of: worker, on: app.db) == 2)

            let assign = #"{"point_of_contact_id": "\#(worker.uuidString)", "version": \#(third.version)}"#
            let refused = try await manager.json(.PATCH, "/api/v1/families/\(third.id!.path)", assign)
            #expect(refused.status == .unprocessableEntity)
            let message = ((try refused.json() as? [String: Any])?["fields"] as? [String: String])?["point_of_contact_id"] ?? ""
            #expect(message.contains("1302.52(d)(2)") && message.contains("3 would be over the 2 allowed"))
            #expect(try await Self.pointOfContact(third.id!, app) == nil)

            // An exception needs its circumstance, dates within the rules, and a number above the limit.
            let bad = try await manager.post("/caseloads/\(worker.path)/exceptions",
                                             ["kind": "waiver", "starts_on": "2026-11-29", "ends_on": "2026-11-01", "up_to": "2"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Waiver reference is required") && bad.text.contains("Must be on or after the first day")
                && bad.text.contains("from 3 to 60"))
            let tooLong = try await manager.post("/caseloads/\(worker.path)/exceptions",
                                                 ["kind": "attrition", "starts_on": "2026-11-29", "ends_on": "2027-08-01", "up_to": "3"])
            #expect(tooLong.text.contains("at most 6 months"))
            #expect(try await CaseloadException.query(on: app.db).count() == 0)

            let recorded = try await manager.post("/caseloads/\(worker.path)/exceptions",
                                                  ["kind": "staff_absence", "starts_on": "2026-11-29", "ends_on": "2026-12-31", "up_to": "3",
                                                   "note": "Covering while Keisha is on leave"])
            #expect(recorded.status == .seeOther)
            let after = try await Family.find(third.id!, on: app.db)!
            let allowed = try await manager.json(.PATCH, "/api/v1/families/\(third.id!.path)",
                                                 #"{"point_of_contact_id": "\#(worker.uuidString)", "version": \#(after.version)}"#)
            #expect(allowed.status == .ok)
            #expect(try await Self.pointOfContact(third.id!, app) == worker)

            let page = try await manager.get("/caseloads/\(worker.path)")
            #expect(page.status == .ok)
            #expect(page.text.contains("3 of 3 families") && page.text.contains("Temporary staff absence: up to 3 families"))
            #expect(page.text.contains("Nguyen family") && page.text.contains("Okafor family"))
            let overview = try await manager.get("/caseloads?site=\(f.sites[0].id!.path)")
            #expect(overview.text.contains("Test family_service_worker") && overview.text.contains("3 of 3"))
            #expect(try await manager.get("/caseloads").text.contains("Families per staff member"))
            // A site that is not one: refused by name, on the page as in the API.
            let badSite = try await manager.get("/caseloads?site=not-a-site")
            #expect(badSite.status == .unprocessableEntity && badSite.text.contains("Site must be one of the program's sites."))
            #expect(try await manager.json(.GET, "/api/v1/caseloads?site=\(UUID().uuidString)").status == .unprocessableEntity)
            #expect(try await manager.get("/caseloads").text.contains("href=\"/caseloads?site=\(f.sites[0].id!.path)\""))
            let entries = try await AuditEntry.query(on: app.db).filter(\.$recordType == AuditRecord.caseloadException.rawValue).count()
            #expect(entries == 1)
        }
    }

    @Test func anAbsentWorkersFamiliesAreCoveredWithinLimitsInTheirLanguageAndGoBack() async throws {
        try await withTestApp { app, f in
            let away = f.id(.familyServiceWorker)
            let rosa = try await Self.addWorker("Rosa Diaz", languages: "English, Spanish", app, f)
            let ken = try await Self.addWorker("Ken Lee", languages: "English", app, f)
            let garcia = try await Family.make(on: app.db, program: f.programID, name: "Garcia family",
                                               team: [(f.staff[.familyServiceWorker]!, .familyServiceWorker)])
            let ctx = try await context(app, f.id(.director))
            var spanish = FamilyInput(garcia)
            spanish.preferredLanguage = "Spanish"
            _ = try await FamilyCommands.update(garcia.id!, spanish, basedOn: .version(garcia.version), in: ctx)

            let manager = TestClient(app)
            try await manager.signIn(f.email(.manager))
            let marked = try await manager.post("/caseloads/\(away.path)/absences", ["starts_on": "2026-11-30", "ends_on": "2026-12-18", "reason": "Leave"])
            #expect(marked.status == .seeOther)
            let absence = try #require(try await StaffAbsence.query(on: app.db).first())
            #expect(marked.location == "/absences/\(absence.id!.path)/cover")
            let overlapping = try await manager.post("/caseloads/\(away.path)/absences", ["starts_on": "2026-12-10", "ends_on": "2026-12-20"])
            #expect(overlapping.status == .unprocessableEntity && overlapping.text.contains("already away"))

            let program = try await Program.find(f.programID, on: app.db).orThrow()
            let proposal = try await CaseloadProposal.forAbsence(absence, program: program, today: testToday, on: app.db)
            #expect(Set(proposal.lines.map(\.familyID)) == [f.family.id!, garcia.id!])
            #expect(proposal.lines.first { $0.familyID == garcia.id! }?.proposed == rosa.id, "the Spanish-speaking worker")
            #expect(!proposal.workers.contains { $0.id == away })
            let page = try await manager.get("/absences/\(absence.id!.path)/cover")
            #expect(page.status == .ok && page.text.contains("speaks Spanish"))

            // Over a limit, nothing is applied.
            try await Self.setLimit(1, app, f)
            let both = ["assign[\(garcia.id!.path)]": ken.id!.path, "assign[\(f.family.id!.path)]": ken.id!.path, "version": "1"]
            let over = try await manager.post("/absences/\(absence.id!.path)/cover", both)
            #expect(over.status == .unprocessableEntity && over.text.contains("1302.52(d)(2)"))
            #expect(try await Self.pointOfContact(garcia.id!, app) == away)
            #expect(try await Cover.query(on: app.db).count() == 0)

            try await Self.setLimit(40, app, f)
            let split = ["assign[\(garcia.id!.path)]": rosa.id!.path, "assign[\(f.family.id!.path)]": ken.id!.path, "version": "1"]
            #expect(try await manager.post("/absences/\(absence.id!.path)/cover", split).status == .seeOther)
            #expect(try await Self.pointOfContact(garcia.id!, app) == rosa.id)
            #expect(try await Self.pointOfContact(f.family.id!, app) == ken.id)
            // Her families stay in her planned caseload while others cover them, and count for their cover too.
            #expect(try await CaseloadCommands.countedFamilies(of: away, on: app.db) == 2)
            #expect(try await CaseloadCommands.countedFamilies(of: rosa.id!, on: app.db) == 1)
            let rosaClient = TestClient(app)
            try await rosaClient.signIn(rosa.email)
            #expect(try await rosaClient.get("/families/\(garcia.id!.path)").status == .ok)
            #expect(try await rosaClient.get("/").text.contains("Garcia family"))
            // A second supervisor working from the same proposal is told it has changed.
            #expect(try await manager.post("/absences/\(absence.id!.path)/cover", split).status == .conflict)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$recordType == AuditRecord.cover.rawValue).count() == 2)

            // Nothing ends before the last day; the day after, the absence ends by itself (as `fpp serve` runs each hour).
            #expect(try await CaseloadCommands.endAbsencesPast(on: app.db, clock: app.clock) == 0)
            let after = ProgramClock(zone: testZone, now: { testNow.addingTimeInterval(20 * 86_400) })
            #expect(try await CaseloadCommands.endAbsencesPast(on: app.db, clock: after) == 1)
            let entries = try await AuditEntry.query(on: app.db).filter(\.$channel == "scheduled").all()
            #expect(entries.contains { $0.detail.contains("back from cover") })
            let back = try await manager.post("/absences/\(absence.id!.path)/return", ["version": "3"])
            #expect(back.status == .seeOther)
            #expect(back.location == "/caseloads/\(away.path)")
            #expect(try await Self.pointOfContact(garcia.id!, app) == away)
            #expect(try await Self.pointOfContact(f.family.id!, app) == away)
            #expect(try await rosaClient.get("/families/\(garcia.id!.path)").status == .notFound)
            #expect(try await StaffAbsence.find(absence.id!, on: app.db)?.returnedOn == "2026-12-19")
        }
    }

    @Test func aWorkersHomePageLeadsWithHerCaseloadAndOthersSeeTheirsOnlyIfTheySuperviseIt() async throws {
        try await withTestApp { app, f in
            let worker = TestClient(app)
            try await worker.signIn(f.email(.familyServiceWorker))
            let home = try await worker.get("/")
            #expect(home.text.contains("My caseload (1 family)"))
            #expect(home.text.contains("No agreement yet") || home.text.contains("No agreement: late"))
            #expect(home.text.contains("/families/\(f.family.id!.path)"))
            #expect(try await worker.get("/?sort=overdue").status == .ok)
            #expect(try await worker.get("/caseloads/\(f.id(.familyServiceWorker).path)").status == .ok)
            // Not a colleague's caseload, and not the supervisor's overview.
            #expect(try await worker.get("/caseloads/\(f.id(.homeVisitor).path)").status == .forbidden)
            #expect(try await worker.get("/caseloads").status == .forbidden)
            #expect(home.text.contains("Agreements not started by the deadline"))
            // Her own list need not say whose each item is; a manager's does.
            #expect(!home.text.contains("class=\"whose\""))
            let manager = TestClient(app)
            try await manager.signIn(f.email(.manager))
            let overdue = try await manager.get("/to-do/contact-overdue").text
            #expect(overdue.contains("was due Oct 1, 2026<span class=\"whose\"> · Test family_service_worker</span>"))
            // A teacher carries no family-services caseload: her home page starts with the to-do, and it holds her work
            // (contact with the family she teaches), not the family service worker's agreement deadlines.
            let teacher = TestClient(app)
            try await teacher.signIn(f.email(.teacher))
            let teacherHome = try await teacher.get("/").text
            #expect(!teacherHome.contains("My caseload"))
            #expect(teacherHome.contains("Families past the contact gap") && teacherHome.contains(f.teacherFamily.householdName))
            #expect(!teacherHome.contains("Agreements not started by the deadline"))
            #expect(try await teacher.get("/to-do/late-agreements").status == .notFound)
        }
    }

    /// An exception ending within 30 days, or ended within 60, is on the to-do of the worker's supervisor while the
    /// worker still has more families than the limit; not once a later exception follows it or the caseload is back
    /// within the limit, and never on the worker's own.
    @Test func exceptionsEndingWhileOverTheLimitAreOnTheSupervisorsToDo() async throws {
        try await withTestApp { app, f in
            try await Self.setLimit(2, app, f)
            let fsw = f.staff[.familyServiceWorker]!
            let managerCtx = try await context(app, f.id(.manager))
            _ = try await CaseloadCommands.recordException(for: fsw.id!, ExceptionInput(
                kind: CaseloadExceptionKind.attrition.rawValue, startsOn: "2026-11-29", endsOn: "2026-12-10", upTo: "3"), in: managerCtx)
            for name in ["Okafor family", "Nguyen family"] {
                _ = try await Family.make(on: app.db, program: f.programID, name: name, team: [(fsw, .familyServiceWorker)])
            }
            // A teacher who supervises the worker sees it too; the worker herself has no such section.
            let teacher = f.staff[.teacher]!
            fsw.$supervisor.id = teacher.id
            try await fsw.save(on: app.db)
            func signedIn(_ role: StaffRole) async throws -> SignedIn {
                try await StaffAuthenticator().load(staffID: f.id(role), on: app.db, viaAPIToken: false).orThrow()
            }
            let manager = try await signedIn(.manager), supervisor = try await signedIn(.teacher), worker = try await signedIn(.familyServiceWorker)
            #expect(WorkList.Kind.caseloadExceptions.applies(to: manager) && WorkList.Kind.caseloadExceptions.applies(to: supervisor))
            #expect(!WorkList.Kind.caseloadExceptions.applies(to: worker))
            func shown(to staff: SignedIn, daysFromToday days: Int) async throws -> [WorkList.Item] {
                let clock = ProgramClock(zone: testZone, now: { testNow.addingTimeInterval(Double(days) * 86_400) })
                return try await WorkQueries(staff: staff, clock: clock, on: app.db).section(.caseloadExceptions, .home).items
            }
            // It ends on 10 December, eleven days after the fixture's today.
            let item = try #require(try await shown(to: manager, daysFromToday: 0).first)
            #expect(item.family == "Test family_service_worker" && item.link == "/caseloads/\(fsw.id!.path)")
            #expect(item.text == "Staff attrition, up to 3: ends Dec 10, 2026; 3 families where the limit is 2")
            #expect(try await shown(to: supervisor, daysFromToday: 0).count == 1)
            for (days, count) in [(-20, 0), (-19, 1), (11, 1), (71, 1), (72, 0)] {
                #expect(try await shown(to: manager, daysFromToday: days).count == count, "\(days) days from today")
            }
            #expect(try await shown(to: manager, daysFromToday: 41).first?.text.contains("ended Dec 10, 2026") == true)
            // The home page lists it for the manager.
            let client = TestClient(app)
            try await client.signIn(f.email(.manager))
            #expect(try await client.get("/").text.contains("Caseload exceptions ending while over the limit (1)"))

            // A later exception carries on from it: nothing to do.
            let later = try await CaseloadCommands.recordException(for: fsw.id!, ExceptionInput(
                kind: CaseloadExceptionKind.attrition.rawValue, startsOn: "2026-12-11", endsOn: "2027-02-28", upTo: "3"), in: managerCtx)
            #expect(try await shown(to: manager, daysFromToday: 0).isEmpty)
            try await later.delete(on: app.db)
            // Back within the limit: nothing to do either.
            try await app.db.query(Family.self).filter(\.$householdName == "Nguyen family").set(\.$pointOfContact.$id, to: nil).update()
            #expect(try await shown(to: manager, daysFromToday: 0).isEmpty)
        }
    }

    @Test func theAPIReadsCaseloadsAndRecordsExceptionsAbsencesAndCover() async throws {
        try await withTestApp { app, f in
            let rosa = try await Self.addWorker("Rosa Diaz", languages: "English, Spanish", app, f)
            let manager = TestClient(app), worker = TestClient(app)
            for (client, role) in [(manager, StaffRole.manager), (worker, .familyServiceWorker)] {
                let token = APIToken.generate()
                try await APIToken(staffID: f.id(role), name: "t", tokenDigest: APIToken.digest(token)).create(on: app.db)
                client.bearer = token
            }
            let fsw = f.id(.familyServiceWorker).path
            let own = try await worker.json(.GET, "/api/v1/caseloads/\(fsw)")
            #expect(own.status == .ok)
            let body = try #require(try own.json() as? [String: Any])
            #expect(body["families"] as? Int == 1 && body["allowed"] as? Int == 40)
            let row = try #require((body["rows"] as? [[String: Any]])?.first)
            #expect((row["family_id"] as? String)?.lowercased() == f.family.id!.path && row["is_point_of_contact"] as? Bool == true)
            #expect(try await worker.json(.GET, "/api/v1/caseloads").status == .forbidden)

            let bad = try await manager.json(.POST, "/api/v1/caseloads/\(fsw)/exceptions", #"{"kind": "waiver", "starts_on": "2026-11-29", "ends_on": "2026-12-31", "up_to": 45, "colour": "red"}"#)
            #expect(bad.status == .unprocessableEntity)
            #expect(((try bad.json() as? [String: Any])?["fields"] as? [String: String])?["colour"] != nil)
            let waiver = try await manager.json(.POST, "/api/v1/caseloads/\(fsw)/exceptions",
                                                #"{"kind": "waiver", "reference": "ACF-R9-2026-14", "starts_on": "2026-11-29", "ends_on": "2027-08-14", "up_to": 45}"#)
            #expect(waiver.status == .created)
            #expect((try waiver.json() as? [String: Any])?["up_to"] as? Int == 45)

            let absence = try await manager.json(.POST, "/api/v1/caseloads/\(fsw)/absences", #"{"starts_on": "2026-11-30", "ends_on": "2026-12-04"}"#)
            #expect(absence.status == .created)
            let absenceID = try #require((try absence.json() as? [String: Any])?["id"] as? String).lowercased()
            let proposal = try await manager.json(.GET, "/api/v1/absences/\(absenceID)/cover")
            let lines = try #require((try proposal.json() as? [String: Any])?["lines"] as? [[String: Any]])
            #expect(lines.count == 1 && (lines[0]["proposed_staff_id"] as? String)?.lowercased() == rosa.id!.path)
            let cover = try await manager.json(.POST, "/api/v1/absences/\(absenceID)/cover",
                                               #"{"assign": {"\#(f.family.id!.path)": "\#(rosa.id!.path)"}, "version": 1}"#)
            #expect(cover.status == .ok)
            #expect(try await Self.pointOfContact(f.family.id!, app) == rosa.id)
            let back = try await manager.json(.POST, "/api/v1/absences/\(absenceID)/return", #"{"version": 1}"#)
            #expect(back.status == .conflict, "the cover moved the absence to version 2")
            #expect(try await manager.json(.POST, "/api/v1/absences/\(absenceID)/return", #"{"version": 2}"#).status == .ok)
            #expect(try await Self.pointOfContact(f.family.id!, app) == f.id(.familyServiceWorker))
        }
    }

    @Test func pickersOfferOnlyStaffWhoMayTakeThePart() async throws {
        try await withTestApp { app, f in
            let manager = TestClient(app)
            try await manager.signIn(f.email(.manager))
            let team = try await manager.get("/families/\(f.family.id!.path)/team").text
            #expect(team.contains("Test teacher (Teacher)"))
            for name in ["Test partner", "Test data_viewer", "Test admin"] { #expect(!team.contains(name + " (")) }
            let partner = try await manager.post("/families/\(f.family.id!.path)/team", ["staff_id": f.id(.partner).path, "role": "teacher"])
            #expect(partner.status == .unprocessableEntity)
            let wrongPart = try await manager.post("/families/\(f.family.id!.path)/team", ["staff_id": f.id(.teacher).path, "role": "family_service_worker"])
            #expect(wrongPart.status == .unprocessableEntity && wrongPart.text.contains("do not fit"))
            #expect(try await TeamMember.query(on: app.db).filter(\.$family.$id == f.family.id!).filter(\.$staff.$id ~~ [f.id(.partner), f.id(.teacher)]).count() == 0)
            let edit = try await manager.get("/families/\(f.family.id!.path)/edit").text
            #expect(edit.contains(">Test family_service_worker</option>") && !edit.contains(">Test teacher</option>"))
        }
    }
}
