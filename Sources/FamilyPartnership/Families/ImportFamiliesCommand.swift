import Fluent
import Foundation
import PartnershipRules
import Vapor

/// `fpp import-families FILE --staff EMAIL [--preset childplus|copa|standard] [--dry-run] [--include-duplicates]`:
/// the families import from the command line, as the staff member named (a manager or director), with the same
/// checks, report and audit entries as the import page.
struct ImportFamiliesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "The CSV file.")
        var file: String
        @Option(name: "staff", help: "The email of the manager or director the import is made as.")
        var staff: String?
        @Option(name: "preset", help: "Whose export: standard (default), childplus or copa.")
        var preset: String?
        @Flag(name: "dry-run", help: "Check the file and report; add nothing.")
        var dryRun: Bool
        @Flag(name: "include-duplicates", help: "Import families that look like ones on record too.")
        var includeDuplicates: Bool
    }

    var help: String { "Imports families from another system's CSV export (a row per child)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let preset = FamilyImport.Preset(rawValue: signature.preset ?? "standard") else {
            context.console.error("--preset: one of standard, childplus, copa.")
            throw ExitCode(1)
        }
        guard let data = FileManager.default.contents(atPath: signature.file), let csv = String(data: data, encoding: .utf8) else {
            context.console.error("\(signature.file): cannot be read as UTF-8 text.")
            throw ExitCode(1)
        }
        guard let email = signature.staff?.lowercased(), let staff = try await Staff.query(on: app.db).filter(\.$email == email).first(),
              let signedIn = try await StaffAuthenticator().load(staffID: staff.requireID(), on: app.db, viaAPIToken: false) else {
            context.console.error("--staff: the email of a current manager or director.")
            throw ExitCode(1)
        }
        let ctx = Context(staff: signedIn, db: app.db, clock: app.clock, auditor: .system(signedIn, channel: "cli"))
        let started = ContinuousClock.now
        do {
            let report = try await FamilyImportCommands.run(csv: csv, mapping: nil, preset: preset, includeDuplicates: signature.includeDuplicates,
                                                            dryRun: signature.dryRun, source: URL(fileURLWithPath: signature.file).lastPathComponent, in: ctx)
            let elapsed = (ContinuousClock.now - started).components
            let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
            for problem in report.problems.prefix(50) {
                context.console.warning("line \(problem.line): \(problem.field.map { $0.label + ": " } ?? "")\(problem.message)")
            }
            for duplicate in report.duplicates.prefix(50) {
                context.console.warning("line \(duplicate.line): \(duplicate.household) — \(duplicate.reason)")
            }
            let done = report.imported.map { "imported \($0.families) families, \($0.children) children" } ?? "dry run, nothing added"
            context.console.success("\(report.rows) rows: \(report.households) families with \(report.children) children; "
                + "\(report.badLines) rows with problems, \(report.duplicates.count) likely duplicates; \(done) in " + String(format: "%.2f s", seconds) + ".")
        } catch let errors as FieldErrors {
            for (field, message) in errors.messages.sorted(by: { $0.key < $1.key }) { context.console.error("\(field): \(message)") }
            throw ExitCode(1)
        }
    }
}
