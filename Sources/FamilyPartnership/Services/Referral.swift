import Fluent
import Foundation
import PartnershipRules

/// A referral of a family to a provider for a need or goal, followed to its result.
final class Referral: Model, Versioned, @unchecked Sendable {
    static let schema = "referrals"

    @ID(key: .id) var id: UUID?
    @Parent(key: "family_id") var family: Family
    @OptionalParent(key: "need_id") var need: FamilyNeed?
    @OptionalParent(key: "goal_id") var goal: Goal?
    @OptionalParent(key: "provider_id") var provider: Provider?
    /// A category key from the program's `ServiceCatalog`.
    @Field(key: "category") var category: String
    @Field(key: "family_asked") var familyAsked: Bool
    @Field(key: "status") var status: ReferralStatus
    /// The day the referral reached its current status.
    @Field(key: "status_on") var statusOn: String
    @Field(key: "requested_on") var requestedOn: String
    @Field(key: "follow_up_on") var followUpOn: String
    /// Who makes the next follow-up (set with each step; the staff member who took the step unless they chose another).
    @OptionalParent(key: "follow_up_by_id") var followUpBy: Staff?
    @OptionalField(key: "outcome") var outcome: ReferralOutcome?
    @OptionalField(key: "notes") var notes: String?
    @OptionalParent(key: "created_by_id") var createdBy: Staff?
    /// Goes up with every change; a change based on an older version is refused.
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {
        version = 1
    }
}

/// One step in a referral's history: the status it reached, when, and a note.
final class ReferralEvent: Model, @unchecked Sendable {
    static let schema = "referral_events"

    @ID(key: .id) var id: UUID?
    @Parent(key: "referral_id") var referral: Referral
    @Field(key: "family_id") var familyID: UUID
    @Field(key: "status") var status: ReferralStatus
    @Field(key: "happened_on") var happenedOn: String
    @OptionalField(key: "note") var note: String?
    @Field(key: "recorded_by_name") var recordedByName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A service the family actually received: only these count in the PIR family-services report.
final class ServiceRecord: Model, @unchecked Sendable {
    static let schema = "services"

    @ID(key: .id) var id: UUID?
    @Parent(key: "family_id") var family: Family
    @Field(key: "category") var category: String
    @Field(key: "provided_on") var providedOn: String
    @OptionalParent(key: "provider_id") var provider: Provider?
    /// Who delivered it: the provider's staff, or the program's own ("in-house: Monica Reyes").
    @Field(key: "delivered_by") var deliveredBy: String
    @OptionalParent(key: "referral_id") var referral: Referral?
    @OptionalField(key: "notes") var notes: String?
    @Field(key: "recorded_by_name") var recordedByName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
