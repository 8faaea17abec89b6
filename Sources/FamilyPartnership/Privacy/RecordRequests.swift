import Fluent
import Foundation
import PartnershipRules
import Vapor

struct RecordRequestInput: Content, Sendable {
    var kind: String?
    var requestedBy: String?
    var receivedOn: String?
    var category: String?
    var requestedChange: String?

    enum CodingKeys: String, CodingKey {
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

    enum CodingKeys: String, CodingKey {
        case answeredOn = "answered_on", decision, decisionReason = "decision_reason", hearingOffered = "hearing_offered"
        case parentStatement = "parent_statement"
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
    }
}

/// Parents' requests to inspect or amend their records (1303.23–24), and the export that answers an inspection.
enum RecordRequests {
    static func all(family: UUID, on db: any Database) async throws -> [RecordRequest] {
        try await RecordRequest.query(on: db).filter(\.$family.$id == family).sort(\.$receivedOn, .descending).all()
    }

    static func find(_ id: UUID, family: Family, on db: any Database) async throws -> RecordRequest {
        guard let request = try await RecordRequest.query(on: db).filter(\.$id == id).filter(\.$family.$id == family.requireID()).first()
        else { throw Abort(.notFound) }
        return request
    }

    static func record(_ input: RecordRequestInput, family: Family, req: Request) async throws -> RecordRequest {
        var errors = FieldErrors()
        let kind = errors.take("kind", FieldRules.choice(input.kind, RecordRequestKind.self, label: "Kind of request", required: true)) ?? nil
        let by = errors.take("requested_by", FieldRules.text(input.requestedBy, label: "Asked by", required: true, max: 200)) ?? nil
        let received = errors.take("received_on", FieldRules.date(input.receivedOn, label: "Received on", required: true)) ?? nil
        if let received, received > .today() { errors["received_on"] = "A request cannot be received in the future." }
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
        request.recordedByName = try req.staff().name
        try await req.db.transaction { db in
            try await request.create(on: db)
            try await req.audit(.create, .recordRequest, family: family.id, recordID: request.id, detail: kind!.rawValue, on: db)
        }
        return request
    }

    /// Answers a request. An inspection is answered on a date; an amendment with a decision, and where the record
    /// is not changed, a reason, the parent told of the right to a hearing, and the parent's statement if they give one.
    static func answer(_ request: RecordRequest, _ input: RecordAnswerInput, family: Family, req: Request) async throws {
        var errors = FieldErrors()
        if !request.isPending { errors["answered_on"] = "This request has already been answered." }
        let answered = errors.take("answered_on", FieldRules.date(input.answeredOn, label: "Answered on", required: true)) ?? nil
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
        try await req.db.transaction { db in
            try await request.save(on: db)
            try await req.audit(.update, .recordRequest, family: family.id, recordID: request.id,
                                detail: request.decision?.rawValue ?? "answered", on: db)
        }
    }

    /// Everything held about the family, as the parent may inspect it. Written to the disclosure log as given to the parent.
    static func export(_ family: Family, req: Request) async throws -> FamilyRecordExport {
        let id = try family.requireID()
        let staff = try req.staff()
        let disclosure = Disclosure(family: id, recipient: "The family (inspection of records)", categories: Set(RecordCategory.allCases),
                                    channel: "inspection export", by: staff.name)
        try await Sharing.log(disclosure, family: family, req: req)
        let team = try await TeamMember.query(on: req.db).filter(\.$family.$id == id).with(\.$staff).all()
        return FamilyRecordExport(
            records: try await SharePacket.build(family, categories: Set(RecordCategory.allCases), recipient: disclosure.recipient, on: req.db),
            team: team.map { "\($0.staff.name) (\($0.role.rawValue))" },
            agencyPlans: try await AgencyPlan.query(on: req.db).filter(\.$family.$id == id).all().map(AgencyPlanDTO.init),
            consents: try await Sharing.consents(family: id, on: req.db).map(ConsentDTO.init),
            disclosures: try await Sharing.disclosures(family: id, on: req.db).map(DisclosureDTO.init),
            requests: try await all(family: id, on: req.db).map(RecordRequestDTO.init))
    }
}
