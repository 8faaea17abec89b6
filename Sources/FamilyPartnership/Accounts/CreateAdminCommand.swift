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
        let password: String
        if isatty(STDIN_FILENO) != 0 {
            password = context.console.ask("Password (at least 10 characters):", isSecure: true)
        } else {
            password = readLine(strippingNewline: true) ?? ""
        }
        do {
            let (staff, program) = try await AccountCommands.createAdmin(
                email: signature.email, name: signature.name, program: signature.program, password: password,
                passwords: app.password, clock: app.clock, on: app.db)
            context.console.success("Created administrator \(staff.email) for \(program.name).")
        } catch let errors as FieldErrors {
            for (field, message) in errors.messages.sorted(by: { $0.key < $1.key }) {
                context.console.error("--\(field): \(message)")
            }
            throw ExitCode(1)
        }
    }
}

/// A command's exit status, after it has said what went wrong.
struct ExitCode: Error, CustomStringConvertible {
    let code: Int32
    init(_ code: Int32) { self.code = code }
    var description: String { "exit status \(code)" }
}
