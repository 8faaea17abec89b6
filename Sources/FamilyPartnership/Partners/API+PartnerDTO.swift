import Fluent
import Foundation
import PartnershipRules
import Vapor

/// The JSON shapes of partner agencies, consents, disclosures, parents' record requests and agency plans.
struct PartnerDTO: Content {
    let id: UUID
    let name: String
    let kind: PartnerKind
    let level: PartnershipLevel
    let mouSignedOn: String?
    let mouExpiresOn: String?
    let mouRenewalDue: Bool
    let mouCovers: String?
    let ourPointPerson: String?
    let theirPointPerson: String?
    let notes: String?
    /// On one agency's page: its moves along the continuum and its meetings, newest first.
    var levelHistory: [LevelDTO]?
    var meetings: [MeetingDTO]?
    let version: Int

    struct LevelDTO: Content {
        let level: PartnershipLevel
        let changedOn: String
        let note: String?
        enum CodingKeys: String, CodingKey { case level, changedOn = "changed_on", note }
    }

    struct MeetingDTO: Content {
        let heldOn: String
        let attendees: String
        let notes: String?
        enum CodingKeys: String, CodingKey { case heldOn = "held_on", attendees, notes }
    }

    enum CodingKeys: String, CodingKey {
        case id, name, kind, level, mouSignedOn = "mou_signed_on", mouExpiresOn = "mou_expires_on", mouRenewalDue = "mou_renewal_due"
        case mouCovers = "mou_covers", ourPointPerson = "our_point_person", theirPointPerson = "their_point_person", notes
        case levelHistory = "level_history", meetings, version
    }

    init(_ p: PartnerAgency, today: CalendarDate) {
        id = p.id!
        name = p.name
        kind = p.kind
        level = p.level
        mouSignedOn = p.mouSignedOn
        mouExpiresOn = p.mouExpiresOn
        mouRenewalDue = p.isMOURenewalDue(today: today)
        mouCovers = p.mouCovers
        ourPointPerson = p.ourPointPerson
        theirPointPerson = p.theirPointPerson
        notes = p.notes
        version = p.version
    }
}

extension PartnerAgency: APIRepresentable {
    func apiRepresentation(today: CalendarDate) -> any Encodable & Sendable { PartnerDTO(self, today: today) }
}
