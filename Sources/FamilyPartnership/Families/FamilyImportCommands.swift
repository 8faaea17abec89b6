import Fluent
import Foundation
import PartnershipRules
import SQLKit
import Vapor

/// A file of families from another system, kept between the mapping step, the dry run and the import.
final class FamilyImportFile: Model, @unchecked Sendable {
    static let schema = "family_import_files"

    @ID(key: .id) var id: UUID?
    @Parent(key: "program_id") var program: Program
    @Parent(key: "staff_id") var staff: Staff
    @Field(key: "file_name") var fileName: String
    /// The CSV text; cleared once imported.
    @OptionalField(key: "content") var content: String?
    /// Field to column number, as JSON.
    @Field(key: "mapping") var mappingJSON: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "imported_at") var importedAt: Date?
    @OptionalField(key: "summary") var summary: String?

    init() {}

    var mapping: [FamilyImport.Field: Int] {
        get {
            let raw = (try? JSONDecoder().decode([String: Int].self, from: Data(mappingJSON.utf8))) ?? [:]
            return Dictionary(uniqueKeysWithValues: raw.compactMap { key, value in FamilyImport.Field(rawValue: key).map { ($0, value) } })
        }
        set {
            let raw = Dictionary(uniqueKeysWithValues: newValue.map { ($0.key.rawValue, $0.value) })
            mappingJSON = String(decoding: (try? JSONEncoder().encode(raw)) ?? Data("{}".utf8), as: UTF8.self)
        }
    }
}

/// Bringing in a program's families from another system's CSV export (managers and directors): a dry run that names
/// every row's problems by line and the families that look like ones on record, then the good rows written in one
/// transaction, many to a statement, each family with its audit entry. Imported families have no point of contact
/// yet: the caseloads page proposes who should serve them.
enum FamilyImportCommands {
    /// A household of the file that looks like a family on record (same phone, or a child with the same name and birth date).
    struct Duplicate: Sendable {
        let line: Int
        let household: String
        let reason: String
    }

    struct Report: Sendable {
        let rows: Int
        let households: Int
        let children: Int
        let problems: [FamilyImport.Problem]
        let duplicates: [Duplicate]
        /// Families and children written; nil for a dry run.
        var imported: (families: Int, children: Int)?
        /// The columns of the file, for the mapping step.
        let headers: [String]

        /// Lines with a problem, each once.
        var badLines: Int { Set(problems.map(\.line)).count }
    }

    static let maxBytes = 20 * 1024 * 1024
    private static let refusal = "Families are imported by managers and directors."

    /// Keeps an uploaded file for the mapping step, with the columns `preset` recognises; files left unimported for a
    /// day are removed.
    static func upload(fileName: String, content: String, preset: FamilyImport.Preset, in ctx: Context) async throws -> FamilyImportFile {
        try ctx.require(\.mayImportFamilies, refusal)
        let rows = try parse(content)
        guard let header = rows.first else { throw FieldErrors.one("file", "The file is empty.") }
        let file = FamilyImportFile()
        file.$program.id = ctx.programID
        file.$staff.id = ctx.staff.staffID
        file.fileName = String(fileName.prefix(200))
        file.content = content
        file.mapping = preset.match(header.fields)
        try await ctx.transaction { ctx in
            try await FamilyImportFile.query(on: ctx.db).filter(\.$importedAt == nil).filter(\.$createdAt < ctx.now.addingTimeInterval(-86_400)).delete()
            try await file.create(on: ctx.db)
        }
        return file
    }

    static func file(_ id: UUID, in ctx: Context) async throws -> FamilyImportFile {
        try ctx.require(\.mayImportFamilies, refusal)
        guard let file = try await FamilyImportFile.query(on: ctx.db).filter(\.$id == id).filter(\.$program.$id == ctx.programID).first() else {
            throw Abort(.notFound)
        }
        return file
    }

    /// Checks a kept file under `mapping` (kept with it), and imports its good rows unless `dryRun`.
    static func run(_ id: UUID, mapping: [FamilyImport.Field: Int], includeDuplicates: Bool, dryRun: Bool, in ctx: Context) async throws -> Report {
        let file = try await file(id, in: ctx)
        guard let content = file.content else { throw FieldErrors.one("file", "This file has been imported already.") }
        file.mapping = mapping
        try await file.save(on: ctx.db)
        let report = try await run(csv: content, mapping: mapping, includeDuplicates: includeDuplicates, dryRun: dryRun, source: file.fileName, in: ctx)
        if let imported = report.imported {
            file.content = nil
            file.importedAt = ctx.now
            file.summary = "imported \(count(imported.families, "family", "families")) with \(count(imported.children, "child", "children")) from "
                + "\(count(report.rows, "row", "rows")); left out \(count(report.badLines, "row", "rows")) with problems"
                + (includeDuplicates ? "" : " and \(count(report.duplicates.count, "likely duplicate", "likely duplicates"))")
            try await file.save(on: ctx.db)
        }
        return report
    }

    /// Checks `csv` (a header line, then a row per child) and imports its good rows unless `dryRun`.
    static func run(csv: String, mapping given: [FamilyImport.Field: Int]?, preset: FamilyImport.Preset = .standard, includeDuplicates: Bool,
                    dryRun: Bool, source: String, in ctx: Context) async throws -> Report {
        try ctx.require(\.mayImportFamilies, refusal)
        let rows = try parse(csv)
        guard let header = rows.first else { throw FieldErrors.one("csv", "The file is empty.") }
        let mapping = given ?? preset.match(header.fields)
        if let bad = mapping.first(where: { $0.value < 0 || $0.value >= header.fields.count }) {
            throw FieldErrors.one("mapping", "\(bad.key.rawValue) names column \(bad.value), which the file does not have.")
        }
        let program = try await ProgramCommands.program(in: ctx)
        let sites = try await Site.query(on: ctx.db).filter(\.$program.$id == ctx.programID).all()
        let classrooms = try await Classroom.query(on: ctx.db).filter(\.$program.$id == ctx.programID).all().map(\.name)
        let checked = FamilyImport.check(Array(rows.dropFirst()), mapping: mapping,
                                         program: FamilyImport.Program(today: ctx.today, sites: sites.map(\.name), classrooms: classrooms))
        let duplicates = try await likelyDuplicates(checked.households, in: ctx)
        let duplicateLines = Set(duplicates.map(\.line))
        let chosen = includeDuplicates ? checked.households : checked.households.filter { !duplicateLines.contains($0.line) }
        var report = Report(rows: checked.rows, households: checked.households.count, children: checked.households.map(\.children.count).reduce(0, +),
                            problems: checked.problems, duplicates: duplicates, headers: header.fields)
        guard !dryRun else { return report }
        let siteIDs = Dictionary(sites.map { ($0.name, $0.id!) }, uniquingKeysWith: { first, _ in first })
        report.imported = try await write(chosen, program: program, sites: siteIDs, source: source, in: ctx)
        return report
    }

    private static func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }

    private static func parse(_ content: String) throws -> [CSV.Row] {
        switch CSV.parse(content) {
        case .success(let rows): return rows
        case .failure(let problem): throw FieldErrors.one("file", "Line \(problem.line): \(problem.message)")
        }
    }

    /// Households that look like families of the program on record: looked up by the file's phones and children's
    /// birth dates, 500 to a query, so the cost follows the file, not the program.
    private static func likelyDuplicates(_ households: [FamilyImport.Household], in ctx: Context) async throws -> [Duplicate] {
        var found: [Int: String] = [:]
        let phones = Set(households.compactMap(\.phone))
        var knownPhones = Set<String>()
        for batch in Array(phones).chunked(500) {
            let families = try await Family.query(on: ctx.db).filter(\.$program.$id == ctx.programID)
                .group(.or) { $0.filter(\.$phone ~~ batch).filter(\.$alternatePhone ~~ batch) }
                .field(\.$phone).field(\.$alternatePhone).all()
            for family in families { knownPhones.formUnion([family.phone, family.alternatePhone].compactMap { $0 }) }
        }
        let births = Set(households.flatMap { $0.children.map(\.dateOfBirth.description) })
        var knownChildren = Set<String>()
        for batch in Array(births).chunked(500) {
            let children = try await FamilyMember.query(on: ctx.db).join(Family.self, on: \FamilyMember.$family.$id == \Family.$id)
                .filter(Family.self, \.$program.$id == ctx.programID).filter(\.$kind == .child).filter(\.$dateOfBirth ~~ batch)
                .field(\.$name).field(\.$dateOfBirth).all()
            for child in children { knownChildren.insert(DuplicateCheck.nameKey(child.name) + "|" + (child.dateOfBirth ?? "")) }
        }
        for household in households {
            if let phone = household.phone, knownPhones.contains(phone) {
                found[household.line] = "a family on record has the same phone number"
            } else if let child = household.children.first(where: { knownChildren.contains(DuplicateCheck.nameKey($0.name) + "|" + $0.dateOfBirth.description) }) {
                found[household.line] = "a child on record has the same name and date of birth as \(child.name)"
            }
        }
        return households.compactMap { household in found[household.line].map { Duplicate(line: household.line, household: household.name, reason: $0) } }
    }

    /// Writes the households, their adults and children and an audit entry for each family, in one transaction.
    private static func write(_ households: [FamilyImport.Household], program: Program, sites: [String: UUID], source: String,
                              in ctx: Context) async throws -> (families: Int, children: Int) {
        let now = ctx.now
        var families = BulkRows<ImportedRow.Family>(Family.schema)
        var members = BulkRows<ImportedRow.Member>(FamilyMember.schema)
        var entries: [AuditEntry] = []
        var children = 0
        for household in households {
            let familyID = UUID()
            families.append(ImportedRow.Family(
                id: familyID, programId: try program.requireID(), siteId: household.site.flatMap { sites[$0] }, householdName: household.name,
                addressLine: household.addressLine, city: household.city, state: household.state, postalCode: household.postalCode,
                phone: household.phone, email: household.email, preferredLanguage: household.preferredLanguage,
                enrollmentStatus: household.status.rawValue, appliedOn: household.appliedOn.description, enrolledOn: household.enrolledOn?.description,
                programOption: household.programOption?.rawValue, createdAt: now, updatedAt: now, version: 1))
            for adult in household.adults {
                members.append(ImportedRow.Member(id: UUID(), familyId: familyID, kind: MemberKind.adult.rawValue, name: adult.name,
                                                  relationship: adult.relationship.rawValue, isFatherFigure: adult.relationship == .father,
                                                  phone: adult.phone, dateOfBirth: nil, programType: nil, classroom: nil,
                                                  hasIfspOrIep: false, inFosterCare: false, createdAt: now, updatedAt: now, version: 1))
            }
            for child in household.children {
                members.append(ImportedRow.Member(id: UUID(), familyId: familyID, kind: MemberKind.child.rawValue, name: child.name,
                                                  relationship: nil, isFatherFigure: false, phone: nil, dateOfBirth: child.dateOfBirth.description,
                                                  programType: child.program.rawValue, classroom: child.classroom,
                                                  hasIfspOrIep: false, inFosterCare: false, createdAt: now, updatedAt: now, version: 1))
                children += 1
            }
            entries.append(ctx.auditor.entry(.create, .family, family: familyID, recordID: familyID,
                                             detail: "imported from \(source), line \(household.line)", at: now))
        }
        let total = (families: households.count, children: children)
        try await ctx.transaction { [families, members, entries] ctx in
            let sql = ctx.db as! any SQLDatabase
            _ = try await families.write(to: sql)
            _ = try await members.write(to: sql)
            for batch in entries.chunked(1_000) { try await batch.create(on: ctx.db) }
            try await ctx.audit(.create, .familyList, family: nil, detail: "imported \(total.families) families, \(total.children) children from \(source)")
        }
        return total
    }
}

/// The rows an import writes, one type per table (columns as in `BulkRows`).
enum ImportedRow {
    struct Family: Sendable {
        let id: UUID, programId: UUID, siteId: UUID?
        let householdName: String, addressLine: String?, city: String?, state: String?, postalCode: String?
        let phone: String?, email: String?, preferredLanguage: String, enrollmentStatus: String
        let appliedOn: String, enrolledOn: String?, programOption: String?
        let createdAt: Date, updatedAt: Date, version: Int
    }

    struct Member: Sendable {
        let id: UUID, familyId: UUID, kind: String, name: String, relationship: String?, isFatherFigure: Bool
        let phone: String?, dateOfBirth: String?, programType: String?, classroom: String?
        let hasIfspOrIep: Bool, inFosterCare: Bool, createdAt: Date, updatedAt: Date, version: Int
    }
}

extension Array {
    /// The elements in runs of at most `size`.
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
