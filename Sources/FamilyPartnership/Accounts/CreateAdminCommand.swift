import Fluent
import Foundation
import PartnershipRules
import Vapor

/// `fpp create-admin --email you@program.org [--name "…"] [--program "…"]`: the first account on a real
/// start. The password is read from the terminal without echo, or from standard input when piped.
struct CreateAdminCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "The administrator's email address (their sign-in).")
        var email: String?
        @Option(name: "name", help: "The administrator's name.")
        var name: String?
        @Option(name: "program", help: "The program's name, when the database has no program yet.")
        var program: String?
    }

    var help: String { "Creates an administrator account (and the program, on an empty database)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let email = (try? FieldRules.email(signature.email, required: true).get()) ?? nil else {
            context.console.error("Give a valid --email.")
            throw ExitCode(1)
        }
        if try await Staff.query(on: app.db).filter(\.$email == email).count() > 0 {
            context.console.error("An account with \(email) already exists.")
            throw ExitCode(1)
        }
        let password: String
        if isatty(STDIN_FILENO) != 0 {
            password = context.console.ask("Password (at least 10 characters):", isSecure: true)
        } else {
            password = readLine(strippingNewline: true) ?? ""
        }
        guard let checked = try? FieldRules.newPassword(password).get() else {
            context.console.error("The password must be 10 to 200 characters.")
            throw ExitCode(1)
        }
        let program: Program
        if let existing = try await Program.query(on: app.db).first() {
            program = existing
        } else {
            program = Program(name: signature.program ?? "Head Start Program", grantee: signature.program ?? "Grantee",
                              servesHeadStart: true, servesEarlyHeadStart: false, options: [.centerBased],
                              programYearStart: .today())
            try await program.createWithStarterSets(on: app.db)
        }
        let staff = Staff(programID: try program.requireID(), siteID: nil, name: signature.name ?? "Administrator",
                          email: email, passwordHash: try await app.password.async.hash(checked),
                          roles: [.admin], languages: "English")
        try await staff.create(on: app.db)
        context.console.success("Created administrator \(email) for \(program.name).")
    }
}

/// A command's exit status.
struct ExitCode: Error {
    let code: Int32
    init(_ code: Int32) { self.code = code }
}
