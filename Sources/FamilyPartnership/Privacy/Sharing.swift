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

    enum CodingKeys: String, CodingKey {
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

    enum CodingKeys: String, CodingKey {
        case partnerAgencyID = "partner_agency_id", recipient, categories, exception, reason, format
    }
}

struct RevokeInput: Content, Sendable {
    var revokedOn: String?
    enum CodingKeys: String, CodingKey { case revokedOn = "revoked_on" }
}

/// Consents and disclosures: the one place where a family's records leave the program. Every path checks the
/// consent rules (or a 1303.22 exception), writes the disclosure log and the audit log in the same transaction,
/// and only then builds the packet.
enum Sharing {
    static func consents(family: UUID, on db: any Database) async throws -> [Consent] {
        try await Consent.query(on: db).filter(\.$family.$id == family).with(\.$partner).sort(\.$startsOn, .descending).all()
    }

    static func disclosures(family: UUID, on db: any Database) async throws -> [Disclosure] {
        try await Disclosure.query(on: db).filter(\.$family.$id == family).sort(\.$disclosedAt, .descending).all()
    }

    static func recordConsent(_ input: ConsentInput, family: Family, req: Request) async throws -> Consent {
        let staff = try req.staff()
        var errors = FieldErrors()
        let partner = try await self.partner(input.partnerAgencyID, program: staff.programID, required: true, errors: &errors, on: req.db)
        let adults = try await FamilyMember.query(on: req.db).filter(\.$family.$id == family.requireID()).filter(\.$kind == .adult).all()
        let givenBy = errors.take("given_by", FieldRules.text(input.givenBy, label: "Parent or guardian who gave consent", required: true, max: 200)) ?? nil
        if let givenBy, !adults.isEmpty, !adults.contains(where: { $0.name == givenBy }) {
            errors["given_by"] = "Choose the parent or guardian from the family's adults."
        }
        let categories = self.categories(input.categories, errors: &errors)
        let purpose = errors.take("purpose", FieldRules.text(input.purpose, label: "Purpose", required: true, max: 1000)) ?? nil
        let starts = errors.take("starts_on", FieldRules.date(input.startsOn, label: "Start date", required: true)) ?? nil
        let ends = errors.take("ends_on", FieldRules.date(input.endsOn, label: "End date", required: true)) ?? nil
        let method = errors.take("method", FieldRules.choice(input.method, ConsentMethod.self, label: "How consent was given", required: true)) ?? nil
        if let starts, let ends, let categories {
            for (field, problem) in ConsentTerms.problems(categories: categories, startsOn: starts, endsOn: ends) {
                errors[field] = problem
            }
        }
        try errors.throwIfAny()
        let consent = Consent()
        consent.$family.id = try family.requireID()
        consent.$partner.id = try partner!.requireID()
        consent.givenBy = givenBy!
        consent.categoriesList = RecordCategory.formatList(categories!)
        consent.purpose = purpose!
        consent.startsOn = starts!.description
        consent.endsOn = ends!.description
        consent.method = method!
        consent.recordedByName = staff.name
        try await req.db.transaction { db in
            try await consent.create(on: db)
            try await req.audit(.create, .consent, family: family.id, recordID: consent.id,
                                detail: "\(partner!.name): \(consent.categoriesList)", on: db)
        }
        consent.$partner.value = partner
        return consent
    }

    /// Revoking takes effect on the day given (today by default): from then on nothing more is shared under it,
    /// and the partner's staff lose sight of what it covered.
    static func revoke(_ consent: Consent, _ input: RevokeInput, family: Family, req: Request) async throws {
        var errors = FieldErrors()
        let on = errors.take("revoked_on", FieldRules.date(input.revokedOn, label: "Revoked on", required: false)) ?? nil
        if consent.revokedOn != nil { errors["revoked_on"] = "This consent is already revoked." }
        try errors.throwIfAny()
        consent.revokedOn = (on ?? .today()).description
        try await req.db.transaction { db in
            try await consent.save(on: db)
            try await req.audit(.revoke, .consent, family: family.id, recordID: consent.id, detail: consent.revokedOn ?? "", on: db)
        }
    }

    /// Checks the request against the family's consents (or the exception given), logs the disclosure, and
    /// returns the packet. Refused with a field message, and nothing logged, when no consent covers it.
    static func disclose(_ input: DisclosureInput, family: Family, channel: String, req: Request) async throws -> SharePacket {
        let staff = try req.staff()
        var errors = FieldErrors()
        let exception = errors.take("exception", FieldRules.choice(input.exception, DisclosureException.self,
                                                                   label: "Exception under 1303.22", required: false)) ?? nil
        let partner = try await self.partner(input.partnerAgencyID, program: staff.programID, required: exception == nil, errors: &errors, on: req.db)
        let categories = self.categories(input.categories, errors: &errors)
        if categories?.isEmpty == true { errors["categories"] = "Choose at least one kind of record to share." }
        var recipient = partner?.name
        var reason: String?
        var consent: Consent?
        if exception != nil {
            reason = errors.take("reason", FieldRules.text(input.reason, label: "Reason", required: true, max: 2000)) ?? nil
            if partner == nil {
                recipient = errors.take("recipient", FieldRules.text(input.recipient, label: "Recipient", required: true, max: 300)) ?? nil
            }
        } else if let partner, let categories {
            let consents = try await Consent.query(on: req.db).filter(\.$family.$id == family.requireID())
                .filter(\.$partner.$id == partner.requireID()).all()
            if let index = ConsentRules.covering(consents.map(\.terms), partner: partner.id!, family: family.id!,
                                                 categories: categories, on: .today()) {
                consent = consents[index]
            } else {
                let visible = ConsentRules.visibleCategories(consents.map(\.terms), partner: partner.id!, family: family.id!, on: .today())
                let missing = RecordCategory.allCases.filter { categories.contains($0) && !visible.contains($0) }.map(\.label)
                errors["categories"] = missing.isEmpty
                    ? "No single current consent covers all of these records for \(partner.name). Share them separately, or record a consent that covers them together."
                    : "No current consent from this family covers sharing with \(partner.name): \(missing.joined(separator: "; ")). Record the parent's consent first, or choose a 1303.22 exception."
            }
        }
        try errors.throwIfAny()
        let disclosure = Disclosure(family: try family.requireID(), partner: partner?.id, recipient: recipient!, categories: categories!,
                                    consent: consent?.id, exception: exception, reason: reason, channel: channel, by: staff.name)
        try await log(disclosure, family: family, req: req)
        return try await SharePacket.build(family, categories: categories!, recipient: recipient!, on: req.db)
    }

    /// Writes a disclosure and its audit entry together.
    static func log(_ disclosure: Disclosure, family: Family, req: Request) async throws {
        try await req.db.transaction { db in
            try await disclosure.create(on: db)
            try await req.audit(.share, .disclosure, family: family.id, recordID: disclosure.id,
                                detail: "\(disclosure.recipient): \(disclosure.categoriesList) via \(disclosure.channel)", on: db)
        }
    }

    private static func partner(_ raw: String?, program: UUID, required: Bool, errors: inout FieldErrors,
                                on db: any Database) async throws -> PartnerAgency? {
        guard let text = FieldRules.trimmed(raw) else {
            if required { errors["partner_agency_id"] = "Choose the partner agency." }
            return nil
        }
        guard let id = UUID(uuidString: text), let partner = try await PartnerAgency.query(on: db).filter(\.$id == id).filter(\.$program.$id == program).first() else {
            errors["partner_agency_id"] = "Choose one of your program's partner agencies."
            return nil
        }
        return partner
    }

    /// The categories named; nil (with a message) when one is unknown. Empty is left to the caller to judge.
    private static func categories(_ raw: [String]?, errors: inout FieldErrors) -> Set<RecordCategory>? {
        let values = (raw ?? []).filter { !$0.isEmpty }
        let parsed = Set(values.compactMap(RecordCategory.init(rawValue:)))
        if parsed.count != Set(values).count {
            errors["categories"] = "Categories must be among: \(RecordCategory.allCases.map(\.rawValue).joined(separator: ", "))."
            return nil
        }
        return parsed
    }
}
