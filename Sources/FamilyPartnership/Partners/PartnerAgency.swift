import Fluent
import Foundation
import PartnershipRules
import Vapor

/// An agency the program partners with: child welfare, health, housing, a school district… Its partnership
/// level on the continuum keeps its history; its MOU is renewed before it expires; meetings are logged.
final class PartnerAgency: Model, Versioned, @unchecked Sendable {
    static let schema = "partner_agencies"

    @ID(key: .id) var id: UUID?
    @Parent(key: "program_id") var program: Program
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: PartnerKind
    @Field(key: "level") var level: PartnershipLevel
    @OptionalField(key: "mou_signed_on") var mouSignedOn: String?
    @OptionalField(key: "mou_expires_on") var mouExpiresOn: String?
    @OptionalField(key: "mou_covers") var mouCovers: String?
    @OptionalField(key: "our_point_person") var ourPointPerson: String?
    @OptionalField(key: "their_point_person") var theirPointPerson: String?
    @OptionalField(key: "notes") var notes: String?
    /// Goes up with every change; a change based on an older version is refused.
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {
        version = 1
    }

    func isMOURenewalDue(today: CalendarDate) -> Bool {
        mouExpiresOn.flatMap(CalendarDate.init).map { PrivacyDates.mouRenewalDue(expiresOn: $0, today: today) } ?? false
    }

    /// One of this program's partners, or 404.
    static func find(_ id: UUID, program: UUID, on db: any Database) async throws -> PartnerAgency {
        guard let partner = try await PartnerAgency.query(on: db).filter(\.$id == id).filter(\.$program.$id == program).first() else {
            throw Abort(.notFound)
        }
        return partner
    }
}

/// A move along the partnership continuum, kept so the history shows how the partnership grew.
final class PartnershipLevelChange: Model, @unchecked Sendable {
    static let schema = "partnership_levels"

    @ID(key: .id) var id: UUID?
    @Parent(key: "partner_agency_id") var partner: PartnerAgency
    @Field(key: "level") var level: PartnershipLevel
    @Field(key: "changed_on") var changedOn: String
    @OptionalField(key: "note") var note: String?
    @Field(key: "recorded_by_name") var recordedByName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

final class PartnerMeeting: Model, @unchecked Sendable {
    static let schema = "partner_meetings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "partner_agency_id") var partner: PartnerAgency
    @Field(key: "held_on") var heldOn: String
    @Field(key: "attendees") var attendees: String
    @OptionalField(key: "notes") var notes: String?
    @Field(key: "recorded_by_name") var recordedByName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
