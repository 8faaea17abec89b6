import Foundation
import PartnershipRules
import Vapor

/// `POST /api/v1/family-imports`: the families import in one request (managers and directors): the CSV text, whose
/// export it is or the columns by field, and `dry_run` to check without adding anything.
struct FamilyImportAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.POST, APIURL.familyImports.pattern, body: .collect(maxSize: "20mb"), use: run)
    }

    struct Input: Content, APIInput {
        var csv: String?
        var preset: String?
        /// Field name to column number (from 0), replacing the preset's matches.
        var mapping: [String: Int]?
        var dryRun: Bool?
        var includeDuplicates: Bool?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case csv, preset, mapping, dryRun = "dry_run", includeDuplicates = "include_duplicates"
        }
        static let fields = Set(CodingKeys.allCases.map(\.stringValue))
    }

    func run(req: Request) async throws -> Response {
        let ctx = try req.context()
        try ctx.require(\.mayImportFamilies, "Families are imported by managers and directors.")
        let input = try req.decodeJSON(Input.self)
        var errors = FieldErrors()
        guard let csv = input.csv, !csv.isEmpty else { throw FieldErrors.one("csv", "Send the CSV text, a header line first.") }
        let preset = FamilyImport.Preset(rawValue: input.preset ?? "standard")
        if preset == nil { errors["preset"] = "One of: standard, childplus, copa." }
        var mapping: [FamilyImport.Field: Int]?
        if let given = input.mapping {
            mapping = [:]
            for (key, column) in given {
                guard let field = FamilyImport.Field(rawValue: key) else { errors["mapping"] = "\(key) is not a field of the import."; continue }
                mapping?[field] = column
            }
        }
        try errors.throwIfAny()
        let dryRun = input.dryRun ?? false
        let report = try await FamilyImportCommands.run(csv: csv, mapping: mapping, preset: preset!, includeDuplicates: input.includeDuplicates ?? false,
                                                        dryRun: dryRun, source: "API", in: ctx)
        return try await FamilyImportReportDTO(report).encodeResponse(status: dryRun ? .ok : .created, for: req)
    }
}

struct FamilyImportReportDTO: Content {
    struct Problem: Content {
        let line: Int
        let field: String?
        let message: String
    }

    struct Duplicate: Content {
        let line: Int
        let household: String
        let reason: String
    }

    struct Imported: Content {
        let families: Int
        let children: Int
    }

    let rows: Int
    let households: Int
    let children: Int
    let problems: [Problem]
    let duplicates: [Duplicate]
    let imported: Imported?

    init(_ report: FamilyImportCommands.Report) {
        rows = report.rows
        households = report.households
        children = report.children
        problems = report.problems.map { Problem(line: $0.line, field: $0.field?.rawValue, message: $0.message) }
        duplicates = report.duplicates.map { Duplicate(line: $0.line, household: $0.household, reason: $0.reason) }
        imported = report.imported.map { Imported(families: $0.families, children: $0.children) }
    }
}
