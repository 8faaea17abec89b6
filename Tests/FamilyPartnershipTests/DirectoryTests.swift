@testable import FamilyPartnership
import Fluent
import Foundation
import PartnershipRules
import Testing
import Vapor
import VaporTesting

@Suite struct DirectoryTests {
    static let csv = """
    name,categories,languages,phone,website,verified_on
    Riverside Housing Coalition,Housing assistance,English;Spanish,951-555-0100,https://rhc.example,2026-10-01
    Hope Clinic,mental_health,Vietnamese,,,2020-01-01
    ,housing,,12,rhc.example,
    Diaper Depot,diaper bank,English,,,
    """

    @Test func aManagerImportsACSVAndBadRowsAreReportedByLine() async throws {
        try await withTestApp { app, f in
            let client = TestClient(app)
            try await client.signIn(f.email(.manager))
            let response = try await client.post("/providers/import", ["csv": Self.csv])
            #expect(response.status == .ok)
            #expect(response.text.contains("2 providers added; 2 lines left out."))
            #expect(response.text.contains("<td>4</td>"))
            #expect(response.text.contains("website: The website must start with http"))
            #expect(response.text.contains("\"diaper bank\" is not one of the program&#39;s service categories")
                    || response.text.contains("\"diaper bank\" is not one of the program's service categories"))
            #expect(try await Provider.query(on: app.db).count() == 2)

            // Once the program adds its own category, the same row goes in.
            let director = TestClient(app)
            try await director.signIn(f.email(.director))
            #expect(try await director.post("/settings/program/categories", ["label": "Diaper bank", "follow_up_days": "14"]).status == .seeOther)
            #expect(try await director.post("/settings/program/categories", ["label": "diaper bank", "follow_up_days": "14"]).status == .unprocessableEntity)
            let again = try await client.post("/providers/import", ["csv": "name,categories\nDiaper Depot,Diaper bank"])
            #expect(again.text.contains("1 provider added; 0 lines left out."))
            #expect(try await Provider.query(on: app.db).filter(\.$name == "Diaper Depot").first()?.categories == ["diaper-bank"])

            // Export writes what was imported.
            let export = try await client.get("/providers/export.csv")
            #expect(export.headers.contentType?.subType == "csv")
            let rows = try CSV.parse(export.text).get()
            #expect(rows.first?.fields == ProviderDirectory.columns)
            #expect(rows.contains { $0.fields.first == "Riverside Housing Coalition" && $0.fields[1] == "housing" && $0.fields[2] == "English;Spanish" })
        }
    }

    @Test func workersFindProvidersByCategoryAndLanguageAndSeeStaleOnes() async throws {
        try await withTestApp { app, f in
            let manager = TestClient(app)
            try await manager.signIn(f.email(.manager))
            _ = try await manager.post("/providers/import", ["csv": Self.csv])
            let worker = TestClient(app)
            try await worker.signIn(f.email(.familyServiceWorker))
            let spanishHousing = try await worker.get("/providers?category=housing&language=spanish").text
            #expect(spanishHousing.contains("Riverside Housing Coalition"))
            #expect(!spanishHousing.contains("Hope Clinic"))
            let mental = try await worker.get("/providers?category=mental_health").text
            #expect(mental.contains("Hope Clinic"))
            #expect(mental.contains("Not verified in 12 months"))
            #expect(!(try await worker.get("/providers?language=spanish&category=mental_health").text.contains("Hope Clinic")))

            // Adding one by the form: mistakes come back by field; then it is saved, and can be re-verified.
            let bad = try await worker.post("/providers/new", pairs: [("name", ""), ("phone", "12"), ("website", "example.org")])
            #expect(bad.status == .unprocessableEntity)
            for field in ["f-name", "f-categories", "f-phone", "f-website"] { #expect(bad.text.contains("href=\"#\(field)\"")) }
            let saved = try await worker.post("/providers/new", pairs: [("name", "Eastside Pantry"), ("categories[]", "food"),
                                                                       ("categories[]", "nutrition"), ("languages", "English, Spanish")])
            #expect(saved.status == .seeOther)
            let pantry = try #require(try await Provider.query(on: app.db).filter(\.$name == "Eastside Pantry").first())
            #expect(pantry.categories == ["food", "nutrition"])
            #expect(pantry.isStale(today: testToday))
            #expect(try await worker.post("/providers/\(pantry.id!.path)/verify", [:]).status == .seeOther)
            #expect(try await Provider.find(pantry.id, on: app.db)?.verifiedOn == testToday.description)
            // Workers do not import whole files.
            #expect(try await worker.post("/providers/import", ["csv": Self.csv]).status == .forbidden)
        }
    }
}
