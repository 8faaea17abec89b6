import Fluent
import Foundation
import PartnershipRules
import Vapor

struct ConsentDTO: Content {
    let id: UUID
    let partnerAgencyID: UUID
    let givenBy: String
    let categories: [RecordCategory]
    let purpose: String
    let startsOn: String
    let endsOn: String
    let method: ConsentMethod
    let revokedOn: String?
    let isCurrent: Bool
    let recordedBy: String
    let version: Int

    enum CodingKeys: String, CodingKey {
        case id, partnerAgencyID = "partner_agency_id", givenBy = "given_by", categories, purpose, startsOn = "starts_on"
        case endsOn = "ends_on", method, revokedOn = "revoked_on", isCurrent = "is_current", recordedBy = "recorded_by", version
    }

    init(_ c: Consent, today: CalendarDate) {
        id = c.id!
        partnerAgencyID = c.$partner.id
        givenBy = c.givenBy
        categories = RecordCategory.allCases.filter(c.categories.contains)
        purpose = c.purpose
        startsOn = c.startsOn
        endsOn = c.endsOn
        method = c.method
        revokedOn = c.revokedOn
        isCurrent = c.isCurrent(on: today)
        recordedBy = c.recordedByName
        version = c.version
    }
}

extension Consent: APIRepresentable {
    func apiRepresentation(today: CalendarDate) -> any Encodable & Sendable { ConsentDTO(self, today: today) }
}

struct DisclosureDTO: Content {
    let id: UUID
    let recipient: String
    let partnerAgencyID: UUID?
    let categories: [RecordCategory]
    let consentID: UUID?
    let exception: DisclosureException?
    let reason: String?
    let channel: String
    let disclosedAt: Date
    let disclosedBy: String

    enum CodingKeys: String, CodingKey {
        case id, recipient, partnerAgencyID = "partner_agency_id", categories, consentID = "consent_id", exception, reason, channel
        case disclosedAt = "disclosed_at", disclosedBy = "disclosed_by"
    }

    init(_ d: Disclosure) {
        id = d.id!
        recipient = d.recipient
        partnerAgencyID = d.$partner.id
        categories = RecordCategory.allCases.filter(d.categories.contains)
        consentID = d.$consent.id
        exception = d.exception
        reason = d.reason
        channel = d.channel
        disclosedAt = d.disclosedAt
        disclosedBy = d.disclosedByName
    }
}

struct RecordRequestDTO: Content {
    let id: UUID
    let kind: RecordRequestKind
    let requestedBy: String
    let receivedOn: String
    let dueOn: String?
    let answeredOn: String?
    let category: RecordCategory?
    let requestedChange: String?
    let decision: AmendmentDecision?
    let decisionReason: String?
    let hearingOffered: Bool
    let parentStatement: String?
    let version: Int

    enum CodingKeys: String, CodingKey {
        case version
        case id, kind, requestedBy = "requested_by", receivedOn = "received_on", dueOn = "due_on", answeredOn = "answered_on"
        case category, requestedChange = "requested_change", decision, decisionReason = "decision_reason"
        case hearingOffered = "hearing_offered", parentStatement = "parent_statement"
    }

    init(_ r: RecordRequest) {
        id = r.id!
        kind = r.kind
        requestedBy = r.requestedBy
        receivedOn = r.receivedOn
        dueOn = r.dueOn
        answeredOn = r.answeredOn
        category = r.category
        requestedChange = r.requestedChange
        decision = r.decision
        decisionReason = r.decisionReason
        hearingOffered = r.hearingOffered
        parentStatement = r.parentStatement
        version = r.version
    }
}

extension RecordRequest: APIRepresentable {
    func apiRepresentation(today: CalendarDate) -> any Encodable & Sendable { RecordRequestDTO(self) }
}

/// Everything the program holds about a family, for a parent's inspection (1303.23): the records of every
/// category, and the record of who saw them and what the parent agreed to or asked for.
struct FamilyRecordExport: Content {
    let records: SharePacket
    let team: [String]
    let agencyPlans: [AgencyPlanDTO]
    let consents: [ConsentDTO]
    let disclosures: [DisclosureDTO]
    let requests: [RecordRequestDTO]

    enum CodingKeys: String, CodingKey { case records, team, agencyPlans = "agency_plans", consents, disclosures, requests }
}
