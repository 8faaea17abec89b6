import Fluent
import Foundation
import PartnershipRules
import Vapor

/// Staff accounts from a CSV file (administrators): `name, email, roles, languages, site, supervisor_email, status`,
/// roles separated by semicolons (their names or keys). Every line is checked with the staff form's own rules; the
/// good lines are added in one transaction, each with a temporary password shown once to the administrator, and
/// supervisors are found by email among the program's staff or the file's own lines.
extension AccountCommands {
    /// Adds the file's good lines; the others are named by line with their problems.
    static func importStaff(csv: String, passwords: Application.Password, in ctx: Context) async throws -> StaffImport.Result {
        try ctx.require(\.mayManageAccounts, "Administrators manage staff accounts.")
        let rows: [CSV.Row]
        switch CSV.parse(csv) {
        case .success(let parsed): rows = parsed
        case .failure(let problem): return StaffImport.Result(added: [], problems: [problem])
        }
        guard let header = rows.first else { return StaffImport.Result(added: [], problems: [CSV.Problem(line: 1, message: "The file is empty.")]) }
        let index = Dictionary(header.fields.enumerated().map { ($0.element.trimmingCharacters(in: .whitespaces).lowercased(), $0.offset) },
                               uniquingKeysWith: { first, _ in first })
        guard index["name"] != nil, index["email"] != nil, index["roles"] != nil else {
            return StaffImport.Result(added: [], problems: [CSV.Problem(line: header.line, message: "The first line must name the columns: \(StaffImport.columns.joined(separator: ", ")); name, email and roles are required.")])
        }
        let sites = try await Site.query(on: ctx.db).filter(\.$program.$id == ctx.programID).all()
        let known = try await Staff.query(on: ctx.db).filter(\.$program.$id == ctx.programID).all()
        var problems: [CSV.Problem] = []
        var pending: [(staff: Staff, password: String, supervisorEmail: String?, line: Int)] = []
        var emails = Set<String>()
        for row in rows.dropFirst() {
            func value(_ column: String) -> String? {
                guard let i = index[column], i < row.fields.count else { return nil }
                return FieldRules.trimmed(row.fields[i])
            }
            var input = StaffInput()
            input.name = value("name")
            input.email = value("email")
            input.roles = (value("roles") ?? "").split(separator: ";").map { part in
                let word = part.trimmingCharacters(in: .whitespaces)
                return StaffRole.allCases.first { $0.rawValue == word.lowercased() || $0.label.lowercased() == word.lowercased() }?.rawValue ?? word
            }
            input.languages = value("languages")
            input.status = value("status")?.lowercased().replacingOccurrences(of: " ", with: "_") ?? StaffStatus.active.rawValue
            var rowProblems: [String] = []
            if let site = value("site") {
                if let match = sites.first(where: { $0.name.lowercased() == site.lowercased() }) { input.siteID = match.id!.uuidString } else {
                    rowProblems.append("\(site) is not one of the program's sites.")
                }
            }
            let supervisorEmail = value("supervisor_email")?.lowercased()
            input.password = StaffImport.temporaryPassword()
            let staff = Staff()
            staff.$program.id = ctx.programID
            staff.failedSignIns = 0
            staff.version = 1
            do {
                try await input.apply(to: staff, program: ctx.programID, editor: ctx.staff, passwords: passwords, on: ctx.db)
            } catch let errors as FieldErrors {
                rowProblems += errors.messages.sorted { $0.key < $1.key }.map(\.value)
            }
            if let email = input.email?.lowercased(), !emails.insert(email).inserted { rowProblems.append("\(email) is on an earlier line too.") }
            if rowProblems.isEmpty {
                pending.append((staff, input.password!, supervisorEmail, row.line))
            } else {
                problems.append(CSV.Problem(line: row.line, message: rowProblems.joined(separator: " ")))
            }
        }
        // Supervisors: staff on record, or lines of this file. A supervisor no account has stops the whole import.
        do {
            let added = try await ctx.transaction { [pending] ctx in
                for item in pending {
                    try await item.staff.create(on: ctx.db)
                    try await ctx.audit(.create, .account, family: nil, recordID: item.staff.id,
                                        detail: "imported, line \(item.line); roles=\(StaffRole.formatList(item.staff.roles))")
                }
                let byEmail = Dictionary((known + pending.map(\.staff)).map { ($0.email, $0) }, uniquingKeysWith: { first, _ in first })
                for item in pending {
                    guard let email = item.supervisorEmail else { continue }
                    guard let supervisor = byEmail[email], supervisor.id != item.staff.id else { throw StaffImport.SupervisorMissing(line: item.line, email: email) }
                    item.staff.$supervisor.id = supervisor.id
                    try await item.staff.save(on: ctx.db)
                }
                return pending.map { StaffImport.Added(staff: $0.staff, temporaryPassword: $0.password) }
            }
            return StaffImport.Result(added: added, problems: problems)
        } catch let missing as StaffImport.SupervisorMissing {
            return StaffImport.Result(added: [], problems: problems + [CSV.Problem(line: missing.line, message: "No staff member has the supervisor's email \(missing.email); nothing was added.")])
        }
    }
}

/// The staff import's file format, result and work, run as `AccountCommands.importStaff`.
enum StaffImport {
    static let columns = ["name", "email", "roles", "languages", "site", "supervisor_email", "status"]

    struct Added: Sendable {
        let staff: Staff
        let temporaryPassword: String
    }

    struct Result: Sendable {
        let added: [Added]
        let problems: [CSV.Problem]
    }

    fileprivate struct SupervisorMissing: Error {
        let line: Int
        let email: String
    }

    /// Sixteen letters and digits, without look-alikes (0/O, 1/l/I).
    static func temporaryPassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }
}
