import Fluent
import Foundation
import PartnershipRules
import Testing
import VaporTesting
@testable import FamilyPartnership

@Suite struct FamilyImportTests {
    static let csv = """
        Family ID,Guardian First Name,Guardian Last Name,Relationship,Home Phone,Address,City,State,Zip,Primary Language,Site,Enrollment Status,Enrollment Date,Child First Name,Child Last Name,Birth Date,Program,Classroom
        F1,Rosa,Mendez,Mother,(951) 555-0101,12 Oak Street,Riverside,CA,92501,Spanish,North Center,Enrolled,09/02/2026,Leo,Mendez,03/15/2022,HS,Robins
        F1,Rosa,Mendez,Mother,(951) 555-0101,12 Oak Street,Riverside,CA,92501,Spanish,North Center,Enrolled,09/02/2026,Ivy,Mendez,2025-01-20,EHS,
        F2,Tom,Baker,Father,951-555-0102,9 Elm Road,Riverside,CA,92501,English,Mars Base,Enrolled,09/02/2026,Sam,Baker,2022-05-01,HS,Robins
        F3,Kim,Ng,Grandmother,951-555-0103,4 Pine Lane,Riverside,CA,92501,,North Center,Waitlist,,Ada,Ng,13/45/2022,HS,
        F4,Ana,Rivera,Mother,555-123-0001,1 Same Street,Riverside,CA,92501,Spanish,South Center,Enrolled,09/03/2026,Mia,Rivera,2022-07-07,HS,Robins
        F5,Jo,Park,Mother,951-555-0105,5 Birch Court,Riverside,CA,92501,English,North Center,Applied,,Leo,Mendez,2022-03-15,HS,
        """

    @Test func aChildPlusExportIsCheckedByLineAndItsGoodRowsImportedInOneGo() async throws {
        try await withTestApp { app, f in
            let director = try await context(app, f.id(.director))
            _ = try await SetUpCommands.addClassroom(ClassroomInput(name: "Robins", siteID: f.sites[0].id!.uuidString, programOption: "center_based"), in: director)
            let client = TestClient(app)
            try await client.signIn(f.email(.director))
            _ = try await client.get("/families/import")
            let boundary = "fpp-test-boundary"
            let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(client.csrf!)\r\n"
                + "--\(boundary)\r\nContent-Disposition: form-data; name=\"preset\"\r\n\r\nchildplus\r\n"
                + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"childplus.csv\"\r\nContent-Type: text/csv\r\n\r\n\(Self.csv)\r\n"
                + "--\(boundary)--\r\n"
            let uploaded = try await client.send(.POST, "/families/import", body: body, contentType: "multipart/form-data; boundary=\(boundary)")
            #expect(uploaded.status == .seeOther)
            let page = try #require(uploaded.location)
            let mapping = try await client.get(page)
            // The ChildPlus names are matched: the child's first name is column 13.
            #expect(mapping.text.contains("<option value=\"13\" selected=\"selected\">Child First Name</option>"))

            var fields: [(String, String)] = [("action", "check")]
            let headers = Self.csv.split(separator: "\n")[0].split(separator: ",").map(String.init)
            let preset = FamilyImport.Preset.childPlus.match(headers)
            for (field, column) in preset { fields.append(("map_" + field.rawValue, String(column))) }
            let checked = try await client.post(page, pairs: fields)
            #expect(checked.status == .ok)
            // Lines count from the header (line 1): the bad site is line 4, the impossible birth date line 5, the
            // child already in the file line 7; the Rivera phone is a family on record.
            #expect(checked.text.contains("<td>4</td><td>Site</td><td>Mars Base is not one of the program&#39;s sites.</td>")
                    || checked.text.contains("<td>4</td><td>Site</td><td>Mars Base is not one of the program's sites.</td>"))
            #expect(checked.text.contains("<td>5</td><td>Child&#39;s date of birth</td>") || checked.text.contains("<td>5</td><td>Child's date of birth</td>"))
            #expect(checked.text.contains("<td>7</td>") && checked.text.contains("The same child as line 2."))
            #expect(checked.text.contains("Line 6, Rivera family: a family on record has the same phone number"))
            #expect(checked.text.contains("2 families with 3 children can be imported; 3 rows have problems"))
            #expect(try await Family.query(on: app.db).filter(\.$householdName == "Mendez family").count() == 0)

            fields[0] = ("action", "import")
            let imported = try await client.post(page, pairs: fields)
            #expect(imported.status == .seeOther)
            let mendez = try #require(try await Family.query(on: app.db).filter(\.$householdName == "Mendez family").first())
            #expect(mendez.enrollmentStatus == .enrolled && mendez.enrolledOn == "2026-09-02" && mendez.phone == "9515550101")
            #expect(mendez.$site.id == f.sites[0].id && mendez.preferredLanguage == "Spanish" && mendez.$pointOfContact.id == nil)
            let members = try await FamilyMember.query(on: app.db).filter(\.$family.$id == mendez.id!).sort(\.$name).all()
            #expect(members.map(\.name) == ["Ivy Mendez", "Leo Mendez", "Rosa Mendez"])
            #expect(members.first { $0.name == "Leo Mendez" }?.classroom == "Robins" && members.first { $0.name == "Rosa Mendez" }?.relationship == .mother)
            // The duplicate was left out; each family is audited with its line; the file's content is gone.
            #expect(try await Family.query(on: app.db).filter(\.$householdName == "Rivera family").count() == 1)
            let entry = try #require(try await AuditEntry.query(on: app.db).filter(\.$familyID == mendez.id!).first())
            #expect(entry.detail == "imported from childplus.csv, line 2" && entry.action == "create")
            let file = try #require(try await FamilyImportFile.query(on: app.db).first())
            #expect(file.content == nil)
            #expect(file.summary == "imported 1 family with 2 children from 6 rows; left out 3 rows with problems and 1 likely duplicate")
            #expect(try await client.get(page).text.contains("imported 1 family with 2 children from 6 rows"))
            // A worker cannot import.
            let worker = TestClient(app)
            try await worker.signIn(f.email(.familyServiceWorker))
            #expect(try await worker.get("/families/import").status == .forbidden)
            #expect(try await worker.get(page).status == .forbidden)
        }
    }

    @Test func rowsAreCheckedWithTheAppsRulesAndGroupedIntoHouseholds() {
        let rows = try! CSV.parse("""
            family_key,household_name,phone,child_first_name,child_last_name,child_date_of_birth,child_program,adult_name,enrolled_on
            A,Lee family,9515550001,Kai,Lee,2022-02-02,HS,May Lee,2026-09-01
            A,Lee family,9515550001,Jun,Lee,2025-06-06,EHS,Bo Lee,2026-09-01
            B,,12,Zed,Ray,2022-02-02,HS,,2027-01-01
            C,Cho family,,Pia,Cho,2020-01-01,EHS,,
            """).get()
        let mapping = FamilyImport.Preset.standard.match(rows[0].fields)
        let checked = FamilyImport.check(Array(rows.dropFirst()), mapping: mapping,
                                         program: .init(today: CalendarDate("2026-11-29")!, sites: [], classrooms: []))
        #expect(checked.households.count == 1)
        let lee = checked.households[0]
        #expect(lee.children.map(\.name) == ["Kai Lee", "Jun Lee"] && lee.adults.map(\.name) == ["May Lee", "Bo Lee"] && lee.status == .enrolled)
        #expect(checked.problems.map(\.line) == [4, 4, 5])
        #expect(checked.problems.map(\.field) == [.enrolledOn, .phone, .childDateOfBirth])
        #expect(FamilyImport.parseDate("9/15/2026")?.description == "2026-09-15" && FamilyImport.parseDate("2/30/2026") == nil)
    }

    @Test func theAPIChecksAndImportsInOneRequest() async throws {
        try await withTestApp { app, f in
            let manager = try await apiClient(app, f.id(.manager))
            let csv = "child_name,child_date_of_birth,child_program,household_name,phone\nAda Stone,2022-04-04,HS,Stone family,9515550199\nBo Stone,2099-01-01,HS,Stone family,9515550199\n"
            func body(_ dryRun: Bool) throws -> String {
                String(decoding: try JSONSerialization.data(withJSONObject: ["csv": csv, "dry_run": dryRun]), as: UTF8.self)
            }
            let checked = try await manager.json(.POST, "/api/v1/family-imports", try body(true))
            #expect(checked.status == .ok)
            let report = try #require(try checked.json() as? [String: Any])
            #expect(report["households"] as? Int == 1 && (report["problems"] as? [[String: Any]])?.first?["line"] as? Int == 3)
            #expect(report["imported"] == nil)
            #expect(try await Family.query(on: app.db).filter(\.$householdName == "Stone family").count() == 0)
            let imported = try await manager.json(.POST, "/api/v1/family-imports", try body(false))
            #expect(imported.status == .created && imported.text.contains(#""imported":{"children":1,"families":1}"#) || imported.text.contains(#""families":1"#))
            #expect(try await Family.query(on: app.db).filter(\.$householdName == "Stone family").count() == 1)
            #expect(try await manager.json(.POST, "/api/v1/family-imports", #"{"csv": "a\n1\n", "preset": "excel"}"#).status == .unprocessableEntity)
            #expect(try await manager.json(.POST, "/api/v1/family-imports", #"{"csv": "a\n1\n", "mapping": {"child_name": 7}}"#).status == .unprocessableEntity)
            #expect(try await apiClient(app, f.id(.familyServiceWorker)).json(.POST, "/api/v1/family-imports", try body(true)).status == .forbidden)
        }
    }
}
