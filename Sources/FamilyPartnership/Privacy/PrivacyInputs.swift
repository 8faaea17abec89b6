import Fluent
import Foundation
import PartnershipRules
import Vapor

struct ConsentInput: Content, Sendable {
    var partnerAgencyID: String?
    var givenBy: String?
    var categories: [String]?
    var purpose: String?
    var startsOn: String?
    var endsOn: String?
    var method: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case partnerAgencyID = "partner_agency_id", givenBy = "given_by", categories, purpose
        case startsOn = "starts_on", endsOn = "ends_on", method
    }
}

/// A request to disclose records: to a partner under a consent, or under a 1303.22 exception with a reason.
struct DisclosureInput: Content, Sendable {
    var partnerAgencyID: String?
    var recipient: String?
    var categories: [String]?
    var exception: String?
    var reason: String?
    var format: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case partnerAgencyID = "partner_agency_id", recipient, categories, exception, reason, format
    }
}

struct RevokeInput: Content, Sendable {
    var revokedOn: String?
    var version: Int?
    enum CodingKeys: String, CodingKey, CaseIterable { case revokedOn = "revoked_on", version }
}

struct RecordRequestInput: Content, Sendable {
    var kind: String?
    var requestedBy: String?
    var receivedOn: String?
    var category: String?
    var requestedChange: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, requestedBy = "requested_by", receivedOn = "received_on", category, requestedChange = "requested_change"
    }
}

/// The answer to a request: the date an inspection was given, or an amendment's decision.
struct RecordAnswerInput: Content, Sendable {
    var answeredOn: String?
    var decision: String?
    var decisionReason: String?
    var hearingOffered: Bool?
    var parentStatement: String?
    var version: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case answeredOn = "answered_on", decision, decisionReason = "decision_reason", hearingOffered = "hearing_offered"
        case parentStatement = "parent_statement", version
    }

    init(answeredOn: String? = nil) {
        self.answeredOn = answeredOn
    }

    /// `hearing_offered` is a checkbox on the page ("on") and a boolean in the API.
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        answeredOn = try c.decodeIfPresent(String.self, forKey: .answeredOn)
        decision = try c.decodeIfPresent(String.self, forKey: .decision)
        decisionReason = try c.decodeIfPresent(String.self, forKey: .decisionReason)
        hearingOffered = try c.decodeFlag(.hearingOffered)
        parentStatement = try c.decodeIfPresent(String.self, forKey: .parentStatement)
        version = try c.decodeVersion(.version)
    }
}

extension ConsentInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
extension DisclosureInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
extension RevokeInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
extension RecordRequestInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
extension RecordAnswerInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
