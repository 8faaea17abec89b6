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
}

extension Request {
    /// Writes an audit entry and waits for it, on `db` when the change runs in a transaction so the entry
    /// and the change are saved or lost together. Never fire-and-forget: an entry that can be lost is no audit.
    func audit(_ action: AuditAction, _ record: AuditRecord, family: UUID?, recordID: UUID? = nil,
               detail: String = "", on db: (any Database)? = nil) async throws {
        try await auditEntry(action, record, family: family, recordID: recordID, detail: detail).create(on: db ?? self.db)
    }

    /// The entry `audit` writes, for callers that write several at once.
    func auditEntry(_ action: AuditAction, _ record: AuditRecord, family: UUID?, recordID: UUID? = nil,
                    detail: String = "") -> AuditEntry {
        let entry = AuditEntry()
        entry.occurredAt = Date()
        entry.staffID = signedIn?.staffID
        entry.staffName = signedIn?.name ?? "signed out"
        entry.programID = signedIn?.programID
        entry.familyID = family
        entry.action = action.rawValue
        entry.recordType = record.rawValue
        entry.recordID = recordID
        entry.detail = String(detail.prefix(500))
        entry.clientAddress = clientAddress
        entry.channel = isAPI ? "api" : "web"
        return entry
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
