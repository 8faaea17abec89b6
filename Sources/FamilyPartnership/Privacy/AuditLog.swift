import Fluent
import Foundation
import Vapor

/// What was done to a family's records.
enum AuditAction: String, Sendable {
    case view
    case list
    case create
    case update
    case enroll
    case exit
    case addTeamMember = "add_team_member"
    case removeTeamMember = "remove_team_member"
    case viewAccessHistory = "view_access_history"
    case print
    case changeState = "change_state"
    case revoke
    case share
    case export
    /// A read or change someone asked for and was refused: outside their reach, or not allowed by their role.
    case refused
    case signIn = "sign_in"
    case signInFailed = "sign_in_failed"
    /// Too many failed tries: the account or the address must wait.
    case signInThrottled = "sign_in_throttled"
    case lockedOut = "locked_out"
    case signOut = "sign_out"
    case changePassword = "change_password"

    /// What was done, as the access history says it: "Viewed".
    var label: String {
        switch self {
        case .view: "Viewed"
        case .list: "Listed"
        case .create: "Added"
        case .update: "Changed"
        case .enroll: "Enrolled"
        case .exit: "Exited"
        case .addTeamMember: "Added to the team"
        case .removeTeamMember: "Taken off the team"
        case .viewAccessHistory: "Viewed the access history"
        case .print: "Printed"
        case .changeState: "Changed the status"
        case .revoke: "Revoked"
        case .share: "Shared"
        case .export: "Exported"
        case .refused: "Refused"
        case .signIn: "Signed in"
        case .signInFailed: "Sign-in failed"
        case .signInThrottled: "Sign-in held back"
        case .lockedOut: "Locked out"
        case .signOut: "Signed out"
        case .changePassword: "Changed the password"
        }
    }
}

enum AuditRecord: String, Sendable {
    case family
    case familyList = "family_list"
    case member
    case team
    case accessHistory = "access_history"
    case assessment
    case need
    case agreement
    case goal
    case actionStep = "action_step"
    case progressNote = "progress_note"
    case review
    case acknowledgement
    case referral
    case service
    case agencyPlan = "agency_plan"
    case report
    case consent
    case disclosure
    case recordRequest = "record_request"
    case privacy
    case visit
    case contact
    case training
    case draw
    case timeReport = "time_report"
    /// A staff account: sign-ins, password changes, roles.
    case account
    case apiToken = "api_token"
    case calendarFeed = "calendar_feed"
    case instrument
    /// A staff member's caseload, read as a whole.
    case caseload
    case caseloadException = "caseload_exception"
    case absence
    case cover
    case supervisionNote = "supervision_note"
    case supervisorReview = "supervisor_review"
    case meeting
    /// The program's set-up: its details, sites and classrooms.
    case program

    /// What it was done to, as the access history says it: "action step".
    var label: String {
        switch self {
        case .familyList: "list of families"
        case .member: "household member"
        case .accessHistory: "access history"
        case .actionStep: "action step"
        case .progressNote: "progress note"
        case .agencyPlan: "plan with another agency"
        case .recordRequest: "request about records"
        case .privacy: "privacy page"
        case .timeReport: "time report"
        case .account: "staff account"
        case .apiToken: "API token"
        case .calendarFeed: "calendar feed"
        case .instrument: "assessment instrument"
        case .caseloadException: "caseload exception"
        case .absence: "time away"
        case .cover: "cover for time away"
        case .supervisionNote: "supervision note"
        case .supervisorReview: "supervisor review"
        case .program: "program set-up"
        default: rawValue
        }
    }
}

/// Who is acting and from where, for the audit entries of one request or run. Entries are written and waited
/// for, on the transaction's database when there is one, so an entry and its change are saved or lost together:
/// never fire-and-forget, since an entry that can be lost is no audit.
struct Auditor: Sendable {
    let staffID: UUID?
    let staffName: String
    let programID: UUID?
    let clientAddress: String
    /// "web", "api", "calendar feed", "cli", "demo".
    let channel: String

    func entry(_ action: AuditAction, _ record: AuditRecord, family: UUID?, recordID: UUID? = nil,
               detail: String = "", at moment: Date) -> AuditEntry {
        let entry = AuditEntry()
        entry.occurredAt = moment
        entry.staffID = staffID
        entry.staffName = staffName
        entry.programID = programID
        entry.familyID = family
        entry.action = action.rawValue
        entry.recordType = record.rawValue
        entry.recordID = recordID
        entry.detail = String(detail.prefix(500))
        entry.clientAddress = clientAddress
        entry.channel = channel
        return entry
    }

    /// Entries made by the app itself for a staff member (the demo loader, a command-line tool).
    static func system(_ staff: SignedIn?, channel: String) -> Auditor {
        Auditor(staffID: staff?.staffID, staffName: staff?.name ?? channel, programID: staff?.programID,
                clientAddress: "local", channel: channel)
    }
}

extension Request {
    /// The auditor for this request: the signed-in staff member (or nobody yet), the client's address, the channel.
    var auditor: Auditor {
        Auditor(staffID: signedIn?.staffID, staffName: signedIn?.name ?? "signed out", programID: signedIn?.programID,
                clientAddress: clientAddress, channel: isAPI ? "api" : "web")
    }

    /// Writes an audit entry of a read and waits for it: on `db` when given (a transaction), otherwise through
    /// the application's `AuditWriter`, which commits the entries of concurrent requests together.
    func audit(_ action: AuditAction, _ record: AuditRecord, family: UUID?, recordID: UUID? = nil,
               detail: String = "", on db: (any Database)? = nil) async throws {
        let entry = auditEntry(action, record, family: family, recordID: recordID, detail: detail)
        if let db { try await entry.create(on: db) } else { try await application.auditWriter.write([entry]) }
    }

    /// One entry for each of `families` (a list that showed them all), written together: one statement for the
    /// page, not one per family.
    func audit(_ action: AuditAction, _ record: AuditRecord, families: some Sequence<UUID>, detail: String = "") async throws {
        try await application.auditWriter.write(Set(families).map { auditEntry(action, record, family: $0, detail: detail) })
    }

    /// The entry `audit` writes, for callers that write several at once.
    func auditEntry(_ action: AuditAction, _ record: AuditRecord, family: UUID?, recordID: UUID? = nil,
                    detail: String = "") -> AuditEntry {
        auditor.entry(action, record, family: family, recordID: recordID, detail: detail, at: clock.now)
    }
}

extension AuditEntry {
    /// The most recent entries about one family, newest first.
    static func history(family: UUID, limit: Int = 50, on db: any Database) async throws -> [AuditEntry] {
        try await AuditEntry.query(on: db)
            .filter(\.$familyID == family)
            .sort(\.$occurredAt, .descending)
            .limit(limit)
            .all()
    }
}
