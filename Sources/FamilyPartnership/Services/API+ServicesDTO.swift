import Fluent
import Foundation
import PartnershipRules
import Vapor

struct CategoryDTO: Content {
    let key: String
    let label: String
    let followUp: String
    let builtIn: Bool
    let healthRelated: Bool
    let pirItem: String?

    enum CodingKeys: String, CodingKey {
        case key, label, followUp = "follow_up", builtIn = "built_in", healthRelated = "health_related", pirItem = "pir_item"
    }

    init(_ category: ServiceCatalog.Category, edition: PIREdition) {
        key = category.key
        label = category.label
        followUp = category.followUp.label
        builtIn = category.isBuiltIn
        healthRelated = category.isHealthRelated
        pirItem = edition.item(for: category.key).map { "\($0.letter). \($0.wording)" }
    }
}

struct ProviderDTO: Content {
    let id: UUID
    let name: String
    let categories: [String]
    let languages: [String]
    let eligibility, cost, address, hours, phone, email, website, contactName, verifiedOn: String?
    let stale: Bool
    let version: Int

    enum CodingKeys: String, CodingKey {
        case id, name, categories, languages, eligibility, cost, address, hours, phone, email, website
        case contactName = "contact_name", verifiedOn = "verified_on", stale, version
    }

    init(_ p: Provider, today: CalendarDate) {
        id = p.id!
        name = p.name
        categories = p.categories
        languages = p.languages
        eligibility = p.eligibility
        cost = p.cost
        address = p.address
        hours = p.hours
        phone = p.phone
        email = p.email
        website = p.website
        contactName = p.contactName
        verifiedOn = p.verifiedOn
        stale = p.isStale(today: today)
        version = p.version
    }
}

extension Provider: APIRepresentable {
    func apiRepresentation(today: CalendarDate) -> any Encodable & Sendable { ProviderDTO(self, today: today) }
}

struct ReferralDTO: Content {
    struct Event: Content {
        let status: ReferralStatus
        let on: String
        let note: String?
        let recordedBy: String
        enum CodingKeys: String, CodingKey { case status, on, note, recordedBy = "recorded_by" }
    }

    let id: UUID
    let category: String
    let providerID, needID, goalID: UUID?
    let familyAsked: Bool
    let status: ReferralStatus
    let statusOn, requestedOn, followUpOn: String
    let followUpByID: UUID?
    let outcome: ReferralOutcome?
    let notes: String?
    let history: [Event]
    let version: Int

    enum CodingKeys: String, CodingKey {
        case version
        case id, category, providerID = "provider_id", needID = "need_id", goalID = "goal_id", familyAsked = "family_asked"
        case status, statusOn = "status_on", requestedOn = "requested_on", followUpOn = "follow_up_on", followUpByID = "follow_up_by_id", outcome, notes, history
    }

    init(_ r: Referral, events: [ReferralEvent]) {
        id = r.id!
        category = r.category
        providerID = r.$provider.id
        needID = r.$need.id
        goalID = r.$goal.id
        familyAsked = r.familyAsked
        status = r.status
        statusOn = r.statusOn
        requestedOn = r.requestedOn
        followUpOn = r.followUpOn
        followUpByID = r.$followUpBy.id
        outcome = r.outcome
        notes = r.notes
        history = events.map { Event(status: $0.status, on: $0.happenedOn, note: $0.note, recordedBy: $0.recordedByName) }
        version = r.version
    }
}

extension Referral: APIRepresentable {
    func apiRepresentation(today: CalendarDate) -> any Encodable & Sendable { ReferralDTO(self, events: []) }
}

struct ServiceDTO: Content {
    let id: UUID
    let category: String
    let providedOn: String
    let providerID: UUID?
    let deliveredBy: String
    let referralID: UUID?
    let notes: String?

    enum CodingKeys: String, CodingKey {
        case id, category, providedOn = "provided_on", providerID = "provider_id", deliveredBy = "delivered_by"
        case referralID = "referral_id", notes
    }

    init(_ s: ServiceRecord) {
        id = s.id!
        category = s.category
        providedOn = s.providedOn
        providerID = s.$provider.id
        deliveredBy = s.deliveredBy
        referralID = s.$referral.id
        notes = s.notes
    }
}

struct AgencyPlanDTO: Content {
    let id: UUID
    let agency: String
    let kind: AgencyPlanKind
    let contact: String?
    let summary: String?
    let startedOn: String?
    let endsOn: String?

    enum CodingKeys: String, CodingKey { case id, agency, kind, contact, summary, startedOn = "started_on", endsOn = "ends_on" }

    init(_ p: AgencyPlan) {
        id = p.id!
        agency = p.agency
        kind = p.kind
        contact = p.contact
        summary = p.summary
        startedOn = p.startedOn
        endsOn = p.endsOn
    }
}

/// The PIR family services count: families who received at least one service under each item of the year's
/// PIR edition, and the program's own categories no item counts.
struct FamilyServicesReportDTO: Content {
    struct Line: Content {
        let item: String
        let wording: String
        let categories: [String]
        let families: Int
    }

    struct Uncounted: Content {
        let category: String
        let families: Int
    }

    let year: String
    let edition: String
    let lines: [Line]
    let uncounted: [Uncounted]
    let familiesServed: Int

    enum CodingKeys: String, CodingKey {
        case year, edition, lines, uncounted, familiesServed = "families_served"
    }

    init(_ report: FamilyServicesReport) {
        year = report.year.stored
        edition = report.edition.name
        lines = report.lines.map { Line(item: $0.item.letter, wording: $0.item.wording, categories: $0.item.categories, families: $0.families) }
        uncounted = report.uncounted.map { Uncounted(category: $0.label, families: $0.families) }
        familiesServed = report.familiesServed
    }
}
