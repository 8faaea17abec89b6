import Fluent
import Foundation
import PartnershipRules
import Vapor

/// Every change to staff accounts: signing in, passwords, API tokens, the calendar feed, and administrators'
/// changes to accounts. Each account event is written to the audit log.
enum AccountCommands {
    // MARK: Signing in

    /// What a sign-in attempt came to.
    enum SignInResult: Equatable {
        case signedIn(UUID)
        /// Wrong email or password, or an account that may not sign in: the same answer for each.
        case refused
        /// Too many failed tries from this account or this address: seconds to wait.
        case throttled(wait: Int)
    }

    /// Checks an email and password. The try is counted against the account and the client's address before
    /// the password is checked (see `SignInAttempts`), so tries sent at once cannot slip past the throttle.
    static func signIn(email rawEmail: String?, password: String?, from address: String, clock: ProgramClock,
                       throttles: (account: SignInThrottle, address: SignInThrottle),
                       passwords: Application.Password, on db: any Database) async throws -> SignInResult {
        let email = (FieldRules.trimmed(rawEmail) ?? "").lowercased()
        let staff = try await Staff.query(on: db).filter(\.$email == email).first()
        let signedIn = try await staff.asyncMap { try await StaffAuthenticator().load(staffID: $0.requireID(), on: db, viaAPIToken: false) } ?? nil
        let auditor = Auditor(staffID: staff?.id, staffName: staff?.name ?? "unknown email", programID: staff?.$program.id,
                              clientAddress: address, channel: "web")
        func audit(_ action: AuditAction, _ detail: String) async throws {
            try await auditor.entry(action, .account, family: nil, recordID: staff?.id, detail: detail, at: clock.now).create(on: db)
        }
        let now = clock.now
        let addressKey = SignInAttempts.addressKey(address)
        if case .refused(let wait) = try await SignInAttempts.reserve(addressKey, throttle: throttles.address, now: now, on: db) {
            try await audit(.signInThrottled, "address; wait \(wait) s; email \(email.prefix(80))")
            return .throttled(wait: wait)
        }
        guard let staff else {
            // Spend the same time as a real check, so response times do not reveal which emails exist.
            _ = try? await passwords.async.verify(password ?? "", created: decoyHash)
            try await audit(.signInFailed, "unknown email \(email.prefix(80))")
            return .refused
        }
        let accountKey = SignInAttempts.accountKey(try staff.requireID())
        if case .refused(let wait) = try await SignInAttempts.reserve(accountKey, throttle: throttles.account, now: now, on: db) {
            try await audit(.signInThrottled, "account; wait \(wait) s")
            return .throttled(wait: wait)
        }
        guard try await passwords.async.verify(password ?? "", created: staff.passwordHash), staff.status.maySignIn, signedIn != nil else {
            let failures = try await SignInAttempts.failures(accountKey, on: db)
            try await audit(.signInFailed, staff.status.maySignIn ? "wrong password" : "account \(staff.status.rawValue)")
            if throttles.account.isLockout(failures: failures) {
                try await audit(.lockedOut, "after \(failures) failed tries")
            }
            return .refused
        }
        try await SignInAttempts.succeeded(account: accountKey, address: addressKey, on: db)
        try await audit(.signIn, "")
        return .signedIn(try staff.requireID())
    }

    /// A bcrypt hash of nothing anyone knows, checked against when the email is unknown.
    static let decoyHash: String = (try? Bcrypt.hash(UUID().uuidString)) ?? ""

    // MARK: One's own account

    struct PasswordInput: Content, Sendable {
        var currentPassword: String?
        var newPassword: String?
        var confirmPassword: String?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case currentPassword = "current_password", newPassword = "new_password", confirmPassword = "confirm_password"
        }
    }

    static func changePassword(_ input: PasswordInput, passwords: Application.Password, in ctx: Context) async throws {
        let staff = try await Staff.find(ctx.staff.staffID, on: ctx.db).orThrow()
        var errors = FieldErrors()
        if !(try await passwords.async.verify(input.currentPassword ?? "", created: staff.passwordHash)) {
            errors["current_password"] = "That is not your current password."
        }
        let new = errors.take("new_password", FieldRules.newPassword(input.newPassword)) ?? nil
        if new != nil, input.confirmPassword != input.newPassword {
            errors["confirm_password"] = "The two new passwords do not match."
        }
        try errors.throwIfAny()
        staff.passwordHash = try await passwords.async.hash(new!)
        try await ctx.transaction { ctx in
            try await staff.save(on: ctx.db)
            try await ctx.audit(.changePassword, .account, family: nil, recordID: staff.id)
        }
    }

    /// A new personal access token; the token itself is returned once and only its digest is kept.
    static func createToken(name rawName: String?, in ctx: Context) async throws -> (APIToken, secret: String) {
        var errors = FieldErrors()
        let name = errors.take("name", FieldRules.text(rawName, label: "Token name", required: true, max: 80)) ?? nil
        try errors.throwIfAny()
        let secret = APIToken.generate()
        let token = APIToken(staffID: ctx.staff.staffID, name: name!, tokenDigest: APIToken.digest(secret))
        try await ctx.transaction { ctx in
            try await token.create(on: ctx.db)
            try await ctx.audit(.create, .apiToken, family: nil, recordID: token.id, detail: name!)
        }
        return (token, secret)
    }

    static func revokeToken(_ id: UUID, in ctx: Context) async throws -> APIToken {
        guard let token = try await APIToken.query(on: ctx.db).filter(\.$id == id)
            .filter(\.$staff.$id == ctx.staff.staffID).first() else { throw Abort(.notFound) }
        try await ctx.transaction { ctx in
            try await token.delete(on: ctx.db)
            try await ctx.audit(.revoke, .apiToken, family: nil, recordID: token.id, detail: token.name)
        }
        return token
    }

    /// Makes a new calendar feed secret (the old address stops working at once) and returns it, or with
    /// `on: false` turns the feed off.
    static func setCalendarFeed(on: Bool, in ctx: Context) async throws -> String? {
        guard !ctx.staff.access.isPartnerStaff else { throw Abort(.forbidden) }
        let staff = try await Staff.find(ctx.staff.staffID, on: ctx.db).orThrow()
        let secret = on ? APIToken.generate() : nil
        staff.calendarTokenDigest = secret.map(APIToken.digest)
        try await ctx.transaction { ctx in
            try await staff.save(on: ctx.db)
            try await ctx.audit(on ? .create : .revoke, .calendarFeed, family: nil, recordID: staff.id)
        }
        return secret
    }

    // MARK: Administrators' changes

    /// Adds a staff account to the acting administrator's program.
    static func createStaff(_ input: StaffInput, passwords: Application.Password, in ctx: Context) async throws -> Staff {
        try ctx.require(\.mayManageAccounts, "Administrators manage staff accounts.")
        let staff = Staff()
        staff.$program.id = ctx.programID
        staff.failedSignIns = 0
        staff.version = 1
        try await input.apply(to: staff, program: ctx.programID, editor: ctx.staff, passwords: passwords, on: ctx.db)
        try await ctx.transaction { ctx in
            try await staff.create(on: ctx.db)
            try await ctx.audit(.create, .account, family: nil, recordID: staff.id,
                                detail: "roles=\(StaffRole.formatList(staff.roles))")
        }
        return staff
    }

    /// Changes an account; a change of roles or status is named in the audit entry.
    static func updateStaff(_ id: UUID, _ input: StaffInput, basedOn: BasedOn, passwords: Application.Password,
                            in ctx: Context) async throws -> Staff {
        try ctx.require(\.mayManageAccounts, "Administrators manage staff accounts.")
        let staff = try await findStaff(id, in: ctx)
        let expected = try basedOn.required()
        let before = (roles: staff.roles, status: staff.status, password: staff.passwordHash)
        try await input.apply(to: staff, program: ctx.programID, editor: ctx.staff, passwords: passwords, on: ctx.db)
        var changes: [String] = []
        if staff.roles != before.roles { changes.append("roles=\(StaffRole.formatList(staff.roles))") }
        if staff.status != before.status { changes.append("status=\(staff.status.rawValue)") }
        if staff.passwordHash != before.password { changes.append("password reset") }
        let detail = changes.joined(separator: "; ")
        try await ctx.transaction { ctx in
            try await staff.save(expecting: expected, in: ctx)
            try await ctx.audit(.update, .account, family: nil, recordID: staff.id, detail: detail)
        }
        return staff
    }

    static func findStaff(_ id: UUID, in ctx: Context) async throws -> Staff {
        guard let staff = try await Staff.query(on: ctx.db).filter(\.$id == id)
            .filter(\.$program.$id == ctx.programID).first() else { throw Abort(.notFound) }
        return staff
    }

    /// The first administrator of a program, from `fpp create-admin`: the program is made too when the database
    /// has none.
    static func createAdmin(email rawEmail: String?, name: String?, program programName: String?, for given: Program? = nil,
                            password: String, passwords: Application.Password, clock: ProgramClock,
                            on db: any Database) async throws -> (Staff, Program) {
        var errors = FieldErrors()
        let email = errors.take("email", FieldRules.email(rawEmail, required: true)) ?? nil
        let checked = errors.take("password", FieldRules.newPassword(password)) ?? nil
        if let email, try await Staff.query(on: db).filter(\.$email == email).count() > 0 {
            errors["email"] = "An account with \(email) already exists."
        }
        try errors.throwIfAny()
        let hash = try await passwords.async.hash(checked!)
        return try await db.transaction { db in
            let program: Program
            if let given {
                program = given
            } else if let existing = try await Program.query(on: db).first() {
                program = existing
            } else {
                program = try await ProgramCommands.createProgram(
                    Program(name: programName ?? "Head Start Program", grantee: programName ?? "Grantee",
                            servesHeadStart: true, servesEarlyHeadStart: false, options: [.centerBased],
                            programYearStart: clock.today), on: db)
            }
            let staff = Staff(programID: try program.requireID(), siteID: nil, name: name ?? "Administrator",
                              email: email!, passwordHash: hash, roles: [.admin], languages: "English")
            try await staff.create(on: db)
            let auditor = Auditor.system(nil, channel: "cli")
            try await auditor.entry(.create, .account, family: nil, recordID: staff.id, detail: "roles=admin", at: clock.now).create(on: db)
            return (staff, program)
        }
    }
}
