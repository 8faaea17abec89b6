import Fluent
import Foundation
import PartnershipRules

/// A parent's written consent to share some of the family's records with one partner agency, for a purpose,
/// between two dates, unless revoked (1303.20).
final class Consent: Model, Versioned, @unchecked Sendable {
    static let schema = "consents"

    @ID(key: .id) var id: UUID?
    @Parent(key: "family_id") var family: Family
    @Parent(key: "partner_agency_id") var partner: PartnerAgency
    /// The parent or guardian who gave it.
    @Field(key: "given_by") var givenBy: String
    /// Comma-separated `RecordCategory` raw values.
    @Field(key: "categories") var categoriesList: String
    @Field(key: "purpose") var purpose: String
    @Field(key: "starts_on") var startsOn: String
    @Field(key: "ends_on") var endsOn: String
    @Field(key: "method") var method: ConsentMethod
    @OptionalField(key: "revoked_on") var revokedOn: String?
    @Field(key: "recorded_by_name") var recordedByName: String
    /// Goes up with every change; a change based on an older version is refused.
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {
        version = 1
    }

    var categories: Set<RecordCategory> { RecordCategory.parseList(categoriesList) }

    /// The consent as the rules see it. Stored dates are always valid; a damaged one makes the consent cover nothing.
    var terms: ConsentTerms {
        let never = CalendarDate(year: 1900, month: 1, day: 1)!
        return ConsentTerms(partner: $partner.id, family: $family.id, categories: categories,
                            startsOn: CalendarDate(startsOn) ?? never, endsOn: CalendarDate(endsOn) ?? never,
                            revokedOn: revokedOn.flatMap(CalendarDate.init))
    }

    func isCurrent(on day: CalendarDate) -> Bool { terms.isCurrent(on: day) }

    /// Why a consent is not in force on `day`, for the pages: revoked, expired or not yet started.
    func standing(on day: CalendarDate) -> String {
        if let revokedOn, let revoked = CalendarDate(revokedOn), revoked <= day { return "revoked \(Display.date(revokedOn))" }
        if isCurrent(on: day) { return "current" }
        return (CalendarDate(endsOn).map { $0 < day } ?? true) ? "expired \(Display.date(endsOn))" : "starts \(Display.date(startsOn))"
    }
}

/// One disclosure of a family's records outside the program: to whom, what, when, by whom, and under which
/// consent or 1303.22 exception. Kept as long as the family's record; never changed.
final class Disclosure: Model, @unchecked Sendable {
    static let schema = "disclosures"

    @ID(key: .id) var id: UUID?
    @Parent(key: "family_id") var family: Family
    @OptionalParent(key: "partner_agency_id") var partner: PartnerAgency?
    @Field(key: "recipient") var recipient: String
    @Field(key: "categories") var categoriesList: String
    @OptionalParent(key: "consent_id") var consent: Consent?
    @OptionalField(key: "exception") var exception: DisclosureException?
    @OptionalField(key: "reason") var reason: String?
    /// How it left: a share packet as a page or JSON, a partner's own account, or the parent's inspection.
    @Field(key: "channel") var channel: String
    @Field(key: "disclosed_at") var disclosedAt: Date
    @Field(key: "disclosed_by_name") var disclosedByName: String

    init() {}

    init(family: UUID, partner: UUID? = nil, recipient: String, categories: Set<RecordCategory>, consent: UUID? = nil,
         exception: DisclosureException? = nil, reason: String? = nil, channel: String, by name: String, at date: Date) {
        $family.id = family
        $partner.id = partner
        self.recipient = recipient
        categoriesList = RecordCategory.formatList(categories)
        $consent.id = consent
        self.exception = exception
        self.reason = reason
        self.channel = channel
        disclosedAt = date
        disclosedByName = name
    }

    var categories: Set<RecordCategory> { RecordCategory.parseList(categoriesList) }
}

/// A parent's request to inspect the family's records (answered within 45 days) or to amend one (1303.23–24).
final class RecordRequest: Model, Versioned, @unchecked Sendable {
    static let schema = "record_requests"

    @ID(key: .id) var id: UUID?
    @Parent(key: "family_id") var family: Family
    @Field(key: "kind") var kind: RecordRequestKind
    @Field(key: "requested_by") var requestedBy: String
    @Field(key: "received_on") var receivedOn: String
    /// Inspection requests: the date the program must answer by.
    @OptionalField(key: "due_on") var dueOn: String?
    @OptionalField(key: "answered_on") var answeredOn: String?
    /// Amendment requests: which part of the record, and the change asked for.
    @OptionalField(key: "category") var category: RecordCategory?
    @OptionalField(key: "requested_change") var requestedChange: String?
    @OptionalField(key: "decision") var decision: AmendmentDecision?
    @OptionalField(key: "decision_reason") var decisionReason: String?
    @Field(key: "hearing_offered") var hearingOffered: Bool
    /// Where the record was not changed: the parent's statement, attached to that part of the record.
    @OptionalField(key: "parent_statement") var parentStatement: String?
    @Field(key: "recorded_by_name") var recordedByName: String
    /// Goes up with every change; a change based on an older version is refused.
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {
        version = 1
    }

    var isPending: Bool { answeredOn == nil }
}

extension RecordRequest {
    /// 1303.23: while a parent's request to inspect is pending, nothing in the family's record may be deleted.
    static func refuseDeletionWhileInspectionPending(family: UUID, field: String, on db: any Database) async throws {
        let pending = try await RecordRequest.query(on: db).filter(\.$family.$id == family).filter(\.$kind == .inspection)
            .filter(\.$answeredOn == nil).count()
        guard pending == 0 else {
            var errors = FieldErrors()
            errors[field] = "The family has asked to inspect its records. Nothing in its record can be removed until that request is answered."
            throw errors
        }
    }
}
