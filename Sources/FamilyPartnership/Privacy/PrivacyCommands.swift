import Fluent
import Foundation
import PartnershipRules
import Vapor

/// Consents, disclosures and parents' requests (45 CFR 1303 Subpart C): the one place where a family's records
/// leave the program, and the one writer of those records. Every disclosure checks the consent rules (or a 1303.22
/// exception), writes the disclosure log and the audit log in the same transaction, and only then builds the packet.
enum PrivacyCommands {
    static let sharingRoles = "Consents, sharing and parents' requests are handled by family services staff and their managers."

    static func consents(family: UUID, on db: any Database) async throws -> [Consent] {
        try await Consent.query(on: db).filter(\.$family.$id == family).with(\.$partner).sort(\.$startsOn, .descending).all()
    }

    static func disclosures(family: UUID, on db: any Database) async throws -> [Disclosure] {
        try await Disclosure.query(on: db).filter(\.$family.$id == family).sort(\.$disclosedAt, .descending).all()
    }

    static func recordConsent(_ input: ConsentInput, family familyID: UUID, in ctx: Context) async throws -> Consent {
        let family = try await ctx.family(familyID, allowedTo: \.mayShareRecords, sharingRoles)
        let staff = ctx.staff
        var errors = FieldErrors()
        let partner = try await self.partner(input.partnerAgencyID, program: staff.programID, required: true, errors: &errors, on: ctx.db)
        let adults = try await FamilyMember.query(on: ctx.db).filter(\.$family.$id == family.requireID()).filter(\.$kind == .adult).all()
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
        try await ctx.transaction { ctx in
            try await consent.create(on: ctx.db)
            try await ctx.audit(.create, .consent, family: family.id, recordID: consent.id,
                                detail: "\(partner!.name): \(consent.categoriesList)")
        }
        consent.$partner.value = partner
        return consent
    }

    /// Revoking takes effect on the day given (today by default): from then on nothing more is shared under it,
    /// and the partner's staff lose sight of what it covered.
    static func revokeConsent(_ id: UUID, family familyID: UUID, _ input: RevokeInput, basedOn: BasedOn,
                              in ctx: Context) async throws -> Consent {
        let family = try await ctx.family(familyID, allowedTo: \.mayShareRecords, sharingRoles)
        guard let consent = try await Consent.query(on: ctx.db).filter(\.$id == id).filter(\.$family.$id == familyID).first()
        else { throw Abort(.notFound) }
        let expected = try basedOn.or(consent)
        var errors = FieldErrors()
        let on = errors.take("revoked_on", FieldRules.date(input.revokedOn, label: "Revoked on", required: false)) ?? nil
        if consent.revokedOn != nil { errors["revoked_on"] = "This consent is already revoked." }
        try errors.throwIfAny()
        if let on, on > ctx.today { throw FieldErrors.one("revoked_on", "The date cannot be in the future.") }
        consent.revokedOn = (on ?? ctx.today).description
        try await ctx.transaction { ctx in
            try await consent.save(expecting: expected, in: ctx)
            try await ctx.audit(.revoke, .consent, family: family.id, recordID: consent.id, detail: consent.revokedOn ?? "")
        }
        return consent
    }

    /// Checks the request against the family's consents (or the exception given), logs the disclosure, and
    /// returns the packet. Refused with a field message, and nothing logged, when no consent covers it.
    static func disclose(_ input: DisclosureInput, family familyID: UUID, channel: String, in ctx: Context) async throws -> SharePacket {
        let family = try await ctx.family(familyID, allowedTo: \.mayShareRecords, sharingRoles)
        let staff = ctx.staff
        var errors = FieldErrors()
        let exception = errors.take("exception", FieldRules.choice(input.exception, DisclosureException.self,
                                                                   label: "Exception under 1303.22", required: false)) ?? nil
        let partner = try await self.partner(input.partnerAgencyID, program: staff.programID, required: exception == nil, errors: &errors, on: ctx.db)
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
            let consents = try await Consent.query(on: ctx.db).filter(\.$family.$id == family.requireID())
                .filter(\.$partner.$id == partner.requireID()).all()
            if let index = ConsentRules.covering(consents.map(\.terms), partner: partner.id!, family: family.id!,
                                                 categories: categories, on: ctx.today) {
                consent = consents[index]
            } else {
                let visible = ConsentRules.visibleCategories(consents.map(\.terms), partner: partner.id!, family: family.id!, on: ctx.today)
                let missing = RecordCategory.allCases.filter { categories.contains($0) && !visible.contains($0) }.map(\.label)
                errors["categories"] = missing.isEmpty
                    ? "No single current consent covers all of these records for \(partner.name). Share them separately, or record a consent that covers them together."
                    : "No current consent from this family covers sharing with \(partner.name): \(missing.joined(separator: "; ")). Record the parent's consent first, or choose a 1303.22 exception."
            }
        }
        try errors.throwIfAny()
        let disclosure = Disclosure(family: try family.requireID(), partner: partner?.id, recipient: recipient!, categories: categories!,
                                    consent: consent?.id, exception: exception, reason: reason, channel: channel, by: staff.name, at: ctx.now)
        try await log(disclosure, in: ctx)
        return try await SharePacket.build(family, categories: categories!, recipient: recipient!, today: ctx.today, on: ctx.db)
    }

    /// What a partner agency's staff member sees of a family: only the categories a current consent for their
    /// agency covers, logged as a disclosure each time. A family with no such consent looks like no family at all.
    static func partnerView(family familyID: UUID, in ctx: Context) async throws -> (Family, SharePacket) {
        let partner = try await partnerAgency(of: ctx)
        let consents = try await currentConsents(partner: partner.requireID(), family: familyID, in: ctx)
        let categories = ConsentRules.visibleCategories(consents.map(\.terms), partner: partner.id!, family: familyID, on: ctx.today)
        guard !categories.isEmpty,
              let family = try await Family.query(on: ctx.db).filter(\.$id == familyID).filter(\.$program.$id == ctx.programID).first()
        else {
            try await ctx.audit(.refused, .family, family: familyID, recordID: familyID, detail: "no current consent for \(partner.name)")
            throw Abort(.notFound)
        }
        let disclosure = Disclosure(family: familyID, partner: partner.id, recipient: "\(ctx.staff.name), \(partner.name)", categories: categories,
                                    consent: consents.first { $0.isCurrent(on: ctx.today) }?.id, channel: "partner account",
                                    by: ctx.staff.name, at: ctx.now)
        try await log(disclosure, in: ctx)
        return (family, try await SharePacket.build(family, categories: categories, recipient: partner.name, today: ctx.today, on: ctx.db))
    }

    /// The families a partner agency's staff member may see today: those with a current consent for their agency.
    static func sharedFamilies(in ctx: Context) async throws -> (PartnerAgency, [Family]) {
        let partner = try await partnerAgency(of: ctx)
        let consents = try await currentConsents(partner: partner.requireID(), family: nil, in: ctx)
        let ids = ConsentRules.visibleFamilies(consents.map(\.terms), partner: partner.id!, on: ctx.today)
        let families = ids.isEmpty ? [] : try await Family.query(on: ctx.db).filter(\.$id ~~ Array(ids))
            .filter(\.$program.$id == ctx.programID).sort(\.$householdName).all()
        try await ctx.audit(.list, .familyList, family: nil, detail: "shared with \(partner.name): shown=\(families.count)")
        return (partner, families)
    }

    /// The partner agency of the acting partner staff member; anyone else is turned away.
    static func partnerAgency(of ctx: Context) async throws -> PartnerAgency {
        try ctx.require(\.isPartnerStaff, "These pages are for partner agency staff.")
        guard let id = ctx.staff.partnerAgencyID else { throw Abort(.forbidden, reason: "Your account is not linked to a partner agency.") }
        return try await PartnerAgency.find(id, program: ctx.programID, on: ctx.db)
    }

    /// Consents that may be current today for the partner (and family); the rules decide exactly.
    private static func currentConsents(partner: UUID, family: UUID?, in ctx: Context) async throws -> [Consent] {
        let today = ctx.today.description
        var query = Consent.query(on: ctx.db).filter(\.$partner.$id == partner).filter(\.$startsOn <= today).filter(\.$endsOn >= today)
            .group(.or) { $0.filter(\.$revokedOn == nil).filter(\.$revokedOn > today) }
        if let family { query = query.filter(\.$family.$id == family) }
        return try await query.all()
    }

    /// Writes a disclosure and its audit entry together.
    private static func log(_ disclosure: Disclosure, in ctx: Context) async throws {
        try await ctx.transaction { ctx in
            try await disclosure.create(on: ctx.db)
            try await ctx.audit(.share, .disclosure, family: disclosure.$family.id, recordID: disclosure.id,
                                detail: "\(disclosure.recipient): \(disclosure.categoriesList) via \(disclosure.channel)")
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

    // MARK: Parents' requests to inspect or amend their records (1303.23–24)

    static func requests(family: UUID, on db: any Database) async throws -> [RecordRequest] {
        try await RecordRequest.query(on: db).filter(\.$family.$id == family).sort(\.$receivedOn, .descending).all()
    }

    static func request(_ id: UUID, family: Family, on db: any Database) async throws -> RecordRequest {
        guard let request = try await RecordRequest.query(on: db).filter(\.$id == id).filter(\.$family.$id == family.requireID()).first()
        else { throw Abort(.notFound) }
        return request
    }

    static func recordRequest(_ input: RecordRequestInput, family familyID: UUID, in ctx: Context) async throws -> RecordRequest {
        let family = try await ctx.family(familyID, allowedTo: \.mayShareRecords, sharingRoles)
        var errors = FieldErrors()
        let kind = errors.take("kind", FieldRules.choice(input.kind, RecordRequestKind.self, label: "Kind of request", required: true)) ?? nil
        let by = errors.take("requested_by", FieldRules.text(input.requestedBy, label: "Asked by", required: true, max: 200)) ?? nil
        let received = errors.take("received_on", FieldRules.date(input.receivedOn, label: "Received on", required: true)) ?? nil
        if let received, received > ctx.today { errors["received_on"] = "A request cannot be received in the future." }
        var category: RecordCategory?
        var change: String?
        if kind == .amendment {
            category = errors.take("category", FieldRules.choice(input.category, RecordCategory.self, label: "Part of the record", required: true)) ?? nil
            change = errors.take("requested_change", FieldRules.text(input.requestedChange, label: "Change asked for", required: true, max: 4000)) ?? nil
        }
        try errors.throwIfAny()
        let request = RecordRequest()
        request.$family.id = try family.requireID()
        request.kind = kind!
        request.requestedBy = by!
        request.receivedOn = received!.description
        request.dueOn = kind == .inspection ? PrivacyDates.inspectionDue(receivedOn: received!).description : nil
        request.category = category
        request.requestedChange = change
        request.hearingOffered = false
        request.recordedByName = ctx.staff.name
        try await ctx.transaction { ctx in
            try await request.create(on: ctx.db)
            try await ctx.audit(.create, .recordRequest, family: family.id, recordID: request.id, detail: kind!.rawValue)
        }
        return request
    }

    /// Answers a request. An inspection is answered on a date; an amendment with a decision, and where the record
    /// is not changed, a reason, the parent told of the right to a hearing, and the parent's statement if they give one.
    static func answerRequest(_ id: UUID, family familyID: UUID, _ input: RecordAnswerInput, basedOn: BasedOn,
                              in ctx: Context) async throws -> RecordRequest {
        let family = try await ctx.family(familyID, allowedTo: \.mayAnswerRecordRequests, "Parents' requests are answered by managers and directors.")
        let request = try await request(id, family: family, on: ctx.db)
        let expected = try basedOn.or(request)
        if expected != request.version { throw StaleRecord(current: request) }
        var errors = FieldErrors()
        if !request.isPending { errors["answered_on"] = "This request has already been answered." }
        let answered = errors.take("answered_on", FieldRules.date(input.answeredOn, label: "Answered on", required: true)) ?? nil
        if let answered, answered > ctx.today { errors["answered_on"] = "The date cannot be in the future." }
        if let answered, let received = CalendarDate(request.receivedOn), answered < received {
            errors["answered_on"] = "The answer cannot come before the request was received."
        }
        if request.kind == .amendment {
            let decision = errors.take("decision", FieldRules.choice(input.decision, AmendmentDecision.self, label: "Decision", required: true)) ?? nil
            let reason = errors.take("decision_reason", FieldRules.text(input.decisionReason, label: "Reason for the decision",
                                                                        required: decision == .notAmended, max: 2000)) ?? nil
            let hearing = input.hearingOffered ?? false
            if decision == .notAmended, !hearing {
                errors["hearing_offered"] = "When a record is not changed, the parent must be told of the right to a hearing."
            }
            let statement = errors.take("parent_statement", FieldRules.text(input.parentStatement, label: "Parent's statement",
                                                                            required: false, max: 4000)) ?? nil
            if decision == .amended, statement != nil {
                errors["parent_statement"] = "A parent's statement is attached only when the record is not changed."
            }
            request.decision = decision
            request.decisionReason = reason
            request.hearingOffered = hearing
            request.parentStatement = statement
        }
        try errors.throwIfAny()
        request.answeredOn = answered!.description
        try await ctx.transaction { ctx in
            try await request.save(expecting: expected, in: ctx)
            try await ctx.audit(.update, .recordRequest, family: family.id, recordID: request.id,
                                detail: request.decision?.rawValue ?? "answered")
        }
        return request
    }

    /// Everything held about the family, as the parent may inspect it. Written to the disclosure log as given to the parent.
    static func exportEverything(family familyID: UUID, channel: String, in ctx: Context) async throws -> FamilyRecordExport {
        let family = try await ctx.family(familyID, allowedTo: \.mayAnswerRecordRequests, "Everything held is exported by managers and directors.")
        let id = try family.requireID()
        let staff = ctx.staff
        let disclosure = Disclosure(family: id, recipient: "The family (inspection of records)", categories: Set(RecordCategory.allCases),
                                    channel: "inspection export", by: staff.name, at: ctx.now)
        try await log(disclosure, in: ctx)
        try await ctx.audit(.export, .family, family: id, recordID: id, detail: channel)
        let db = ctx.db, today = ctx.today
        let team = try await TeamMember.query(on: db).filter(\.$family.$id == id).with(\.$staff).all()
        return FamilyRecordExport(
            records: try await SharePacket.build(family, categories: Set(RecordCategory.allCases), recipient: disclosure.recipient, today: today, on: db),
            team: team.map { "\($0.staff.name) (\($0.role.rawValue))" },
            agencyPlans: try await AgencyPlan.query(on: db).filter(\.$family.$id == id).all().map(AgencyPlanDTO.init),
            consents: try await consents(family: id, on: db).map { ConsentDTO($0, today: today) },
            disclosures: try await disclosures(family: id, on: db).map(DisclosureDTO.init),
            requests: try await requests(family: id, on: db).map(RecordRequestDTO.init))
    }
}
