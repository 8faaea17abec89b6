import Fluent
import Foundation
import PartnershipRules
import Vapor

/// The staff member making this request, with what their roles allow. Built once per request by
/// `StaffAuthenticator` from a session or an API token.
struct SignedIn: Sendable {
    let staffID: UUID
    let programID: UUID
    let name: String
    let email: String
    let access: Access
    /// The staff member and everyone they supervise: whose teams' families they see.
    let teamStaffIDs: [UUID]
    let viaAPIToken: Bool
    /// Partner agency staff: their agency, whose consents decide what they see.
    let partnerAgencyID: UUID?
    /// The program's own time zone, when it has one (otherwise the server's).
    var programZone: TimeZone? = nil

    var roles: Set<StaffRole> { access.roles }

    /// Supervisors and the staff who manage caseloads: they see caseloads side by side, and their exceptions.
    var overseesCaseloads: Bool { access.mayManageTeams || teamStaffIDs.count > 1 }
}

extension Request {
    /// The signed-in staff member, when their role allows `permission`; otherwise 403 with `reason`.
    func staff(allowedTo permission: KeyPath<Access, Bool>, _ reason: String = "Your role does not allow this.") throws -> SignedIn {
        let staff = try staff()
        guard staff.access[keyPath: permission] else { throw Abort(.forbidden, reason: reason) }
        return staff
    }

    private struct SignedInKey: StorageKey { typealias Value = SignedIn }

    var signedIn: SignedIn? {
        get { storage[SignedInKey.self] }
        set { storage[SignedInKey.self] = newValue }
    }

    /// The signed-in staff member; a request without one never reaches a handler (see `RequireSignIn`).
    func staff() throws -> SignedIn {
        guard let signedIn else { throw Abort(.unauthorized) }
        return signedIn
    }

    var isAPI: Bool { url.path.hasPrefix("/api/") }
}

/// Recognises the staff member behind a request: an API token in `Authorization: Bearer` for `/api/`
/// requests, the session cookie for pages. Inactive accounts are treated as signed out.
struct StaffAuthenticator: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if req.isAPI {
            if let token = req.headers.bearerAuthorization?.token {
                req.signedIn = try await signIn(token: token, on: req)
            }
        } else if req.hasSession, let raw = req.session.data["staff"], let id = UUID(uuidString: raw) {
            req.signedIn = try await load(staffID: id, on: req.db, viaAPIToken: false)
            if req.signedIn == nil { req.session.destroy() }
        }
        return try await next.respond(to: req)
    }

    private func signIn(token: String, on req: Request) async throws -> SignedIn? {
        guard let record = try await APIToken.query(on: req.db)
            .filter(\.$tokenDigest == APIToken.digest(token)).first() else { return nil }
        // Record use at most once a minute, so reads do not turn into a write each time.
        if (record.lastUsedAt ?? .distantPast) < req.clock.now.addingTimeInterval(-60) {
            record.lastUsedAt = req.clock.now
            try await record.save(on: req.db)
        }
        return try await load(staffID: record.$staff.id, on: req.db, viaAPIToken: true)
    }

    func load(staffID: UUID, on db: any Database, viaAPIToken: Bool) async throws -> SignedIn? {
        guard let staff = try await Staff.query(on: db).filter(\.$id == staffID).join(Program.self, on: \Staff.$program.$id == \Program.$id)
            .first(), staff.status.maySignIn else { return nil }
        let program = try staff.joined(Program.self)
        let supervisees = try await Staff.query(on: db)
            .filter(\.$supervisor.$id == staffID).field(\.$id).all().compactMap(\.id)
        return SignedIn(staffID: staffID, programID: staff.$program.id, name: staff.name, email: staff.email,
                        access: Access(roles: staff.roles), teamStaffIDs: [staffID] + supervisees,
                        viaAPIToken: viaAPIToken, partnerAgencyID: staff.$partnerAgency.id, programZone: program.zone)
    }
}

/// Turns away requests with nobody signed in: pages redirect to the sign-in page, the API answers 401.
struct RequireSignIn: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if req.signedIn != nil { return try await next.respond(to: req) }
        if req.isAPI { throw Abort(.unauthorized, reason: "Send a personal access token as `Authorization: Bearer <token>`.") }
        let next = req.method == .GET ? req.url.string : SiteURL.home.path
        return req.redirect(to: SiteURL.signIn.path + "?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
    }
}
