import Fluent
import Foundation
import PartnershipRules
import Testing
import VaporTesting
@testable import FamilyPartnership

@Suite struct SetUpTests {
    @Test func aNewProgramIsWalkedThroughItsSetUpAndEachStepIsCheckedAndAudited() async throws {
        try await withTestApp { app, f in
            let admin = TestClient(app)
            try await admin.signIn(f.email(.admin))
            // The administrator of a program not yet set up starts at the set-up.
            #expect(try await admin.get("/").location == "/set-up")
            var page = try await admin.get("/set-up")
            #expect(page.text.contains("to do: Name, options, program year"))

            // Bad details are refused field by field and nothing is saved.
            let program = try await Program.find(f.programID, on: app.db)!
            let bad = try await admin.post("/set-up/program", pairs: [
                ("version", "\(program.version)"), ("name", "Test Head Start"), ("agency", ""), ("services[]", ""), ("options[]", ""),
                ("options[]", "boarding_school"), ("program_year_start", "2026-08-15"), ("program_year_end", "2027-08-15"),
                ("kindergarten_cutoff", "February 30"), ("kindergarten_starts", "08-20"), ("time_zone", "Mars/Olympus"),
            ])
            #expect(bad.status == .unprocessableEntity)
            for message in ["Agency is required.", "Choose at least one service.", "Each program option must be one of",
                            "must end within a year of its start", "Kindergarten age cutoff must be a month and day", "Time zone must be a zone name"] {
                #expect(bad.text.contains(message), "\(message)")
            }
            #expect(try await Program.find(f.programID, on: app.db)!.version == program.version)

            let good = try await admin.post("/set-up/program", pairs: [
                ("version", "\(program.version)"), ("name", "Test Head Start"), ("agency", "Test Agency"), ("services[]", ""),
                ("services[]", "head_start"), ("services[]", "early_head_start"), ("options[]", ""), ("options[]", "center_based"),
                ("options[]", "combination"), ("program_year_start", "2026-08-15"), ("program_year_end", "2027-06-30"),
                ("kindergarten_cutoff", "December 1"), ("kindergarten_starts", "8/20"), ("time_zone", "America/Denver"),
            ])
            #expect(good.status == .seeOther)
            let saved = try await Program.find(f.programID, on: app.db)!
            #expect(saved.programOptions == [.centerBased, .combination] && saved.services == [.headStart, .earlyHeadStart])
            #expect(saved.programYearEnd == "2027-06-30" && saved.kindergartenCutoff == "12-01" && saved.kindergartenStarts == "08-20")
            #expect(saved.timeZone == "America/Denver" && saved.version == program.version + 1)
            // A second save from the same form is stale: refused, with what is saved now beside the field.
            let stale = try await admin.post("/set-up/program", pairs: [
                ("version", "\(program.version)"), ("name", "Old name"), ("agency", "Test Agency"), ("services[]", "head_start"),
                ("options[]", "center_based"), ("program_year_start", "2026-08-15"), ("program_year_end", "2027-06-30"),
                ("kindergarten_cutoff", "09-01"), ("kindergarten_starts", "09-01"),
            ])
            #expect(stale.status == .conflict && stale.text.contains("Saved meanwhile as: “Test Head Start”"))

            // Sites: a name the program has is refused; a phone is kept as digits.
            #expect(try await admin.post("/set-up/sites", ["name": "North Center"]).status == .unprocessableEntity)
            #expect(try await admin.post("/set-up/sites", ["name": "West Center", "address": "1 West Road", "phone": "(303) 555-0100"]).status == .seeOther)
            let west = try #require(try await Site.query(on: app.db).filter(\.$name == "West Center").first())
            #expect(west.phone == "3035550100" && west.$program.id == f.programID)

            // A classroom needs a site of this program, an option, and teachers who are the program's teachers.
            let teacher = f.id(.teacher).uuidString.lowercased()
            let refused = try await admin.post("/set-up/classrooms", pairs: [
                ("name", "Robins"), ("site_id", UUID().uuidString), ("program_option", "center_based"),
                ("teacher_ids[]", f.id(.familyServiceWorker).uuidString.lowercased()),
            ])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("Choose one of the program&#39;s sites.") || refused.text.contains("Choose one of the program's sites."))
            #expect(refused.text.contains("current teachers"))
            #expect(try await Classroom.query(on: app.db).count() == 0)
            for name in ["Robins", "Wrens"] {
                #expect(try await admin.post("/set-up/classrooms", pairs: [
                    ("name", name), ("site_id", west.id!.uuidString.lowercased()), ("program_option", "center_based"), ("teacher_ids[]", ""),
                    ("teacher_ids[]", teacher),
                ]).status == .seeOther)
            }
            page = try await admin.get("/set-up/classrooms")
            #expect(page.text.contains("Robins") && page.text.contains("West Center, Center-based; Test teacher"))

            // Every step done: the checklist says so; each change is in the audit log (the fixture's two sites, then these four).
            page = try await admin.get("/set-up")
            #expect(page.text.contains("done: Program year Aug 15, 2026 to Jun 30, 2027; kindergarten cutoff December 1"))
            #expect(page.text.contains("done: 2 classrooms") && page.text.contains("done: 2 families") && !page.text.contains("to do:"))
            let audited = try await AuditEntry.query(on: app.db).filter(\.$recordType == AuditRecord.program.rawValue).count()
            #expect(audited == 6)

            // Other staff may read the set-up but not change it.
            let worker = TestClient(app)
            try await worker.signIn(f.email(.familyServiceWorker))
            #expect(try await worker.get("/set-up").status == .forbidden)
            #expect(try await worker.post("/set-up/sites", ["name": "Sneaky"]).status == .forbidden)
        }
    }

    @Test func renamingAClassroomMovesItsChildrenAndChildrenArePlacedInTheProgramsClassrooms() async throws {
        try await withTestApp { app, f in
            let director = try await context(app, f.id(.director))
            let room = try await SetUpCommands.addClassroom(ClassroomInput(name: "Robins", siteID: f.sites[0].id!.uuidString, programOption: "center_based",
                                                                          teacherIDs: [f.id(.teacher).uuidString]), in: director)
            let child = f.child
            child.classroom = "Robins"
            try await child.save(on: app.db)
            var input = ClassroomInput(room, teachers: [])
            input.name = "Cardinals"
            let renamed = try await SetUpCommands.updateClassroom(room.id!, input, basedOn: .version(room.version), in: director)
            #expect(renamed.name == "Cardinals" && renamed.version == room.version + 1)
            #expect(try await FamilyMember.find(child.id, on: app.db)!.classroom == "Cardinals")
            #expect(try await SetUpCommands.teachersOf(renamed, on: app.db).isEmpty)
            // The same change again, from the old version: refused, with the classroom as it is now.
            await #expect(throws: StaleRecord.self) {
                try await SetUpCommands.updateClassroom(room.id!, input, basedOn: .version(room.version), in: director)
            }

            // Once the program has classrooms, a child is placed in one of them.
            let worker = TestClient(app)
            try await worker.signIn(f.email(.familyServiceWorker))
            let form = try await worker.get("/families/\(f.family.id!.path)/members/\(child.id!.path)/edit")
            #expect(form.text.contains("<select name=\"classroom\""))
            var fields = ["kind": "child", "name": child.name, "date_of_birth": child.dateOfBirth!, "program_type": child.programType!.rawValue,
                          "classroom": "Nowhere", "version": "\(try await FamilyMember.find(child.id, on: app.db)!.version)"]
            let refused = try await worker.post("/families/\(f.family.id!.path)/members/\(child.id!.path)/edit", fields)
            #expect(refused.status == .unprocessableEntity && refused.text.contains("Nowhere is not one"))
            fields["classroom"] = "Cardinals"
            #expect(try await worker.post("/families/\(f.family.id!.path)/members/\(child.id!.path)/edit", fields).status == .seeOther)
        }
    }

    @Test func theAPIReadsAndChangesTheSetUp() async throws {
        try await withTestApp { app, f in
            let director = try await apiClient(app, f.id(.director))
            let worker = try await apiClient(app, f.id(.familyServiceWorker))
            let read = try await worker.json(.GET, "/api/v1/program")
            #expect(read.status == .ok && read.headers.first(name: .eTag) == "\"1\"")
            let body = try #require(try read.json() as? [String: Any])
            #expect(body["kindergarten_cutoff"] as? String == "09-01" && body["options"] as? [String] == ["center_based", "home_based"])
            #expect(try await worker.json(.PATCH, "/api/v1/program", #"{"version": 1, "name": "Mine"}"#).status == .forbidden)

            let patched = try await director.json(.PATCH, "/api/v1/program",
                                                  #"{"version": 1, "program_year_end": "2027-07-31", "kindergarten_cutoff": "10/1", "time_zone": "Pacific/Honolulu"}"#)
            #expect(patched.status == .ok)
            let program = try #require(try patched.json() as? [String: Any])
            #expect(program["kindergarten_cutoff"] as? String == "10-01" && program["time_zone"] as? String == "Pacific/Honolulu")
            #expect(program["name"] as? String == "Test Head Start" && program["version"] as? Int == 2)
            let stale = try await director.json(.PATCH, "/api/v1/program", #"{"version": 1, "name": "Late"}"#)
            #expect(stale.status == .conflict && stale.text.contains("\"current\""))
            let wrong = try await director.json(.PATCH, "/api/v1/program", #"{"version": 2, "program_year_end": "2026-01-01", "services": []}"#)
            #expect(wrong.status == .unprocessableEntity && wrong.text.contains("program_year_end") && wrong.text.contains("services[]"))

            let site = try await director.json(.POST, "/api/v1/sites", #"{"name": "Annex", "phone": "951 555 0101"}"#)
            #expect(site.status == .created)
            let siteID = try #require((try site.json() as? [String: Any])?["id"] as? String)
            #expect(try await director.json(.PATCH, "/api/v1/sites/\(siteID)", #"{"version": 1, "address": "5 Annex Way"}"#).status == .ok)
            #expect(try await director.json(.PATCH, "/api/v1/sites/\(siteID)", #"{"address": "No version"}"#).status == .preconditionRequired)

            let room = try await director.json(.POST, "/api/v1/classrooms",
                                               #"{"name": "Owls", "site_id": "\#(siteID)", "program_option": "combination", "teacher_ids": ["\#(f.id(.teacher).path)"]}"#)
            #expect(room.status == .created)
            let roomBody = try #require(try room.json() as? [String: Any])
            #expect((roomBody["teachers"] as? [[String: Any]])?.first?["name"] as? String == "Test teacher")
            let roomID = try #require(roomBody["id"] as? String)
            #expect(try await director.json(.PATCH, "/api/v1/classrooms/\(roomID)", #"{"version": 1, "teacher_ids": []}"#).status == .ok)
            let staleRoom = try await director.json(.PATCH, "/api/v1/classrooms/\(roomID)", #"{"version": 1, "name": "Hawks"}"#)
            #expect(staleRoom.status == .conflict && staleRoom.text.contains("\"teachers\""))
            let list = try #require(try await worker.json(.GET, "/api/v1/classrooms").json() as? [String: Any])
            #expect((list["items"] as? [[String: Any]])?.map { $0["name"] as? String } == ["Owls"])
            // Another program's classroom is not this program's to read.
            #expect(try await apiClient(app, f.otherProgramStaff.id!).json(.GET, "/api/v1/classrooms/\(roomID)").status == .notFound)
        }
    }

    @Test func eachProgramsDayBeginsInItsOwnTimeZone() async throws {
        try await withTestApp { app, f in
            // 2026-11-30 06:00 UTC: midnight in Chicago has passed (Nov 30), Honolulu is still on Nov 29 (20:00).
            let moment = Date(timeIntervalSince1970: 1_796_018_400)
            let clock = app.clock.stopped(at: moment)
            let signedIn = try #require(try await StaffAuthenticator().load(staffID: f.id(.director), on: app.db, viaAPIToken: false))
            #expect(Context(staff: signedIn, db: app.db, clock: clock, auditor: .system(signedIn, channel: "test")).today.description == "2026-11-30")
            let program = try await Program.find(f.programID, on: app.db)!
            program.timeZone = "Pacific/Honolulu"
            try await program.save(on: app.db)
            let island = try #require(try await StaffAuthenticator().load(staffID: f.id(.director), on: app.db, viaAPIToken: false))
            #expect(island.programZone?.identifier == "Pacific/Honolulu")
            #expect(Context(staff: island, db: app.db, clock: clock, auditor: .system(island, channel: "test")).today.description == "2026-11-29")
            // The other program on the same server keeps the server's zone.
            let other = try #require(try await StaffAuthenticator().load(staffID: f.otherProgramStaff.id!, on: app.db, viaAPIToken: false))
            #expect(other.programZone == nil)
        }
    }

    @Test func staffAreAddedChangedAndLeaveThroughTheAPI() async throws {
        try await withTestApp { app, f in
            let admin = try await apiClient(app, f.id(.admin))
            let director = try await apiClient(app, f.id(.director))
            let body = #"{"name": "Rosa Diaz", "email": "rosa@test.example", "roles": ["family_service_worker"], "languages": "English, Spanish", "status": "active", "password": "a long enough password", "site_id": "\#(f.sites[0].id!.path)"}"#
            #expect(try await director.json(.POST, "/api/v1/staff", body).status == .forbidden)
            let bad = try await admin.json(.POST, "/api/v1/staff", #"{"name": "", "email": "nope", "roles": ["wizard"], "status": "active"}"#)
            #expect(bad.status == .unprocessableEntity && bad.text.contains("\"email\"") && bad.text.contains("roles[]") && bad.text.contains("\"password\""))
            let created = try await admin.json(.POST, "/api/v1/staff", body)
            #expect(created.status == .created && created.headers.first(name: .eTag) == "\"1\"")
            let id = try #require((try created.json() as? [String: Any])?["id"] as? String)
            #expect(!created.text.contains("password"))

            // Supervised by the manager, then made a home visitor too; a stale change is refused.
            let supervised = try await admin.json(.PATCH, "/api/v1/staff/\(id)",
                                                  #"{"version": 1, "supervisor_id": "\#(f.id(.manager).path)", "roles": ["family_service_worker", "home_visitor"]}"#)
            #expect(supervised.status == .ok)
            let staff = try #require(try supervised.json() as? [String: Any])
            #expect(staff["supervisor_id"] as? String == f.id(.manager).path && staff["roles"] as? [String] == ["family_service_worker", "home_visitor"])
            #expect(staff["name"] as? String == "Rosa Diaz" && staff["version"] as? Int == 2)
            #expect(try await admin.json(.PATCH, "/api/v1/staff/\(id)", #"{"version": 1, "name": "Late"}"#).status == .conflict)

            // She leaves: she can no longer sign in, and the change is in the audit log.
            let signIn = TestClient(app)
            #expect(try await signIn.signIn("rosa@test.example", password: "a long enough password").location == "/")
            #expect(try await admin.json(.PATCH, "/api/v1/staff/\(id)", #"{"version": 2, "status": "left"}"#).status == .ok)
            #expect(try await TestClient(app).signIn("rosa@test.example", password: "a long enough password").location != "/")
            let entries = try await AuditEntry.query(on: app.db).filter(\.$recordID == UUID(uuidString: id)!).all().map(\.detail)
            #expect(entries.contains("status=left") && entries.contains("roles=family_service_worker,home_visitor"))
        }
    }

    @Test func staffAreImportedFromACSVWithTemporaryPasswordsAndTheirSupervisors() async throws {
        try await withTestApp { app, f in
            let admin = TestClient(app)
            try await admin.signIn(f.email(.admin))
            _ = try await admin.get("/staff/import")
            let csv = """
                name,email,roles,languages,site,supervisor_email,status
                Lena Fox,lena@test.example,Manager,English,North Center,,active
                Omar Said,omar@test.example,family_service_worker; home_visitor,"English, Arabic",North Center,lena@test.example,
                Bad Role,bad@test.example,wizard,,,,
                Twice,lena@test.example,teacher,,,,
                Nowhere,nowhere@test.example,teacher,,Mars Base,,
                """
            let page = try await admin.post("/staff/import", ["csv": csv])
            #expect(page.status == .ok)
            #expect(page.text.contains("Added (2)") && page.text.contains("<td>4</td>") && page.text.contains("<td>5</td>") && page.text.contains("<td>6</td>"))
            let omar = try #require(try await Staff.query(on: app.db).filter(\.$email == "omar@test.example").first())
            let lena = try #require(try await Staff.query(on: app.db).filter(\.$email == "lena@test.example").first())
            #expect(omar.roles == [.familyServiceWorker, .homeVisitor] && omar.$supervisor.id == lena.id && omar.$site.id == f.sites[0].id)
            #expect(lena.roles == [.manager] && lena.languages == "English")
            // The temporary password shown once signs Omar in.
            let shown = try #require(page.text.range(of: "<td>omar@test.example</td><td><code>"))
            let password = String(page.text[shown.upperBound...].prefix(16))
            #expect(try await TestClient(app).signIn("omar@test.example", password: password).location == "/")
            #expect(try await AuditEntry.query(on: app.db).filter(\.$recordID == omar.id!).first()?.detail.hasPrefix("imported, line 3") == true)
            // A supervisor no account has: nothing is added.
            let missing = try await admin.post("/staff/import", ["csv": "name,email,roles,supervisor_email\nAl Ray,al@test.example,teacher,ghost@test.example\n"])
            #expect(missing.status == .unprocessableEntity && missing.text.contains("ghost@test.example; nothing was added"))
            #expect(try await Staff.query(on: app.db).filter(\.$email == "al@test.example").count() == 0)
        }
    }
}
