import Fluent
import Foundation

/// One read or write of a family's records. The table is append-only: the app has no code that updates
/// or deletes entries, and database triggers refuse it (see `CreateAuditEntries`).
final class AuditEntry: Model, @unchecked Sendable {
    static let schema = "audit_entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "occurred_at") var occurredAt: Date
    @OptionalField(key: "staff_id") var staffID: UUID?
    /// Kept as written at the time, so the entry still says who it was if the account changes.
    @Field(key: "staff_name") var staffName: String
    @OptionalField(key: "program_id") var programID: UUID?
    @OptionalField(key: "family_id") var familyID: UUID?
    @Field(key: "action") var action: String
    @Field(key: "record_type") var recordType: String
    @OptionalField(key: "record_id") var recordID: UUID?
    @Field(key: "detail") var detail: String
    @Field(key: "client_address") var clientAddress: String
    @Field(key: "channel") var channel: String

    init() {}
}
