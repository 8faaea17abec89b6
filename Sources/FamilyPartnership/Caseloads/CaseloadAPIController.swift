import Fluent
import Foundation
import PartnershipRules
import Vapor

/// `/api/v1/caseloads` and `/api/v1/absences`: the caseload pages' reads and changes, through the same queries and
/// commands, in JSON.
struct CaseloadAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let id = UUID.routeParameter
        routes.get(APIURL.caseloads.pattern, use: overview)
        routes.get(APIURL.caseloadsUnassigned.pattern, use: unassigned)
        routes.post(APIURL.caseloadsUnassigned.pattern, use: assign)
        routes.get(APIURL.caseload(id).pattern, use: caseload)
        routes.post(APIURL.caseloadExceptions(id).pattern, use: recordException)
        routes.post(APIURL.caseloadAbsences(id).pattern, use: markAbsence)
        routes.get(APIURL.absenceCover(id).pattern, use: proposeCover)
        routes.post(APIURL.absenceCover(id).pattern, use: applyCover)
        routes.post(APIURL.absenceReturn(id).pattern, use: endAbsence)
    }

    func overview(req: Request) async throws -> CaseloadOverviewDTO {
        let staff = try req.staff()
        let program = try await Program.find(staff.programID, on: req.db).orThrow()
        let shown = try await CaseloadOverview.shown(to: staff, site: try? req.query.get(String.self, at: "site"), program: program, on: req.db)
        let model = try await CaseloadOverview.load(shown, wholeProgram: staff.access.mayManageTeams, program: program, today: req.clock.today, on: req.db)
        try await req.audit(.list, .caseload, family: nil, detail: "api overview staff=\(shown.count)")
        return CaseloadOverviewDTO(model)
    }

    func caseload(req: Request) async throws -> CaseloadDTO {
        let ctx = try req.context()
        let member = try await CaseloadTable.owner(req.uuidParameter("staffID"), in: ctx)
        let program = try await Program.find(ctx.programID, on: req.db).orThrow()
        let table = try await CaseloadTable.load(staffID: member.requireID(), program: program, today: ctx.today, on: req.db)
        let exceptions = try await CaseloadCommands.exceptions(of: member.requireID(), from: ctx.today, on: req.db)
        try await req.audit(.list, .caseload, families: table.rows.map(\.familyID), detail: "api caseload of \(member.name)")
        return CaseloadDTO(staffID: try member.requireID(), name: member.name, families: table.counted,
                           allowed: program.caseloadLimit.allowed(on: ctx.today, exceptions: exceptions), weight: table.weight,
                           rows: table.rows.map(CaseloadRowDTO.init))
    }

    func recordException(req: Request) async throws -> Response {
        let input = try req.decodeJSON(ExceptionInput.self)
        let exception = try await CaseloadCommands.recordException(for: req.uuidParameter("staffID"), input, in: req.context())
        return try CaseloadExceptionDTO(exception).response(version: exception.version, status: .created)
    }

    func markAbsence(req: Request) async throws -> Response {
        let input = try req.decodeJSON(AbsenceInput.self)
        let absence = try await CaseloadCommands.markAbsence(of: req.uuidParameter("staffID"), input, in: req.context())
        return try AbsenceDTO(absence).response(version: absence.version, status: .created)
    }

    func proposeCover(req: Request) async throws -> ProposalDTO {
        let ctx = try req.context()
        try ctx.require(\.mayManageTeams, CaseloadCommands.managersOnly)
        let absence = try await CaseloadCommands.absence(req.uuidParameter("absenceID"), in: ctx)
        let program = try await Program.find(ctx.programID, on: req.db).orThrow()
        let proposal = try await CaseloadProposal.forAbsence(absence, program: program, today: ctx.today, on: req.db)
        try await req.audit(.list, .caseload, families: proposal.lines.map(\.familyID), detail: "api cover proposal")
        return ProposalDTO(proposal)
    }

    func applyCover(req: Request) async throws -> Response {
        let input = try req.decodeJSON(AssignmentInput.self)
        let ctx = try req.context()
        let id = try req.uuidParameter("absenceID")
        try await CaseloadCommands.applyCover(id, AssignmentInput(assign: input.assign, version: req.basedOn(input.version).version), in: ctx)
        let absence = try await CaseloadCommands.absence(id, in: ctx)
        return try AbsenceDTO(absence).response(version: absence.version)
    }

    func endAbsence(req: Request) async throws -> Response {
        let input = try req.decodeJSON(ReturnInput.self)
        let ctx = try req.context()
        let id = try req.uuidParameter("absenceID")
        try await CaseloadCommands.endAbsence(id, basedOn: req.basedOn(input.version), in: ctx)
        let absence = try await CaseloadCommands.absence(id, in: ctx)
        return try AbsenceDTO(absence).response(version: absence.version)
    }

    func unassigned(req: Request) async throws -> ProposalDTO {
        let ctx = try req.context()
        try ctx.require(\.mayManageTeams, CaseloadCommands.managersOnly)
        let program = try await Program.find(ctx.programID, on: req.db).orThrow()
        let proposal = try await CaseloadProposal.forUnassigned(program: program, today: ctx.today, on: req.db)
        try await req.audit(.list, .caseload, families: proposal.lines.map(\.familyID), detail: "api assignment proposal")
        return ProposalDTO(proposal)
    }

    func assign(req: Request) async throws -> HTTPStatus {
        let input = try req.decodeJSON(AssignmentInput.self)
        try await CaseloadCommands.assign(input, in: req.context())
        return .noContent
    }
}

/// The absence's version, when the worker is back.
struct ReturnInput: Content, APIInput {
    var version: Int?
    static let fields: Set<String> = ["version"]
}

extension ExceptionInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
extension AbsenceInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
extension AssignmentInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }

extension BasedOn {
    var version: Int? {
        if case .version(let version) = self { return version }
        return nil
    }
}

struct CaseloadRowDTO: Content {
    let familyID: UUID
    let family: String
    let isPointOfContact: Bool
    let stage: String
    let lastContactOn: String?
    let contactOverdue: Bool
    let nextVisitOn: String?
    let openReferrals: Int
    let stepsOverdue: Int
    let followUpsOverdue: Int
    let transitionPlansOverdue: Int
    let weight: Int
    let coveringFor: String?

    enum CodingKeys: String, CodingKey {
        case familyID = "family_id", family, isPointOfContact = "is_point_of_contact", stage, lastContactOn = "last_contact_on"
        case contactOverdue = "contact_overdue", nextVisitOn = "next_visit_on", openReferrals = "open_referrals"
        case stepsOverdue = "steps_overdue", followUpsOverdue = "follow_ups_overdue"
        case transitionPlansOverdue = "transition_plans_overdue", weight, coveringFor = "covering_for"
    }

    init(_ row: CaseloadTable.Row) {
        familyID = row.familyID
        family = row.family
        isPointOfContact = row.isPointOfContact
        stage = row.stage.key
        lastContactOn = row.lastContact
        contactOverdue = row.contactOverdue
        nextVisitOn = row.nextVisit
        openReferrals = row.openReferrals
        stepsOverdue = row.stepsOverdue
        followUpsOverdue = row.followUpsOverdue
        transitionPlansOverdue = row.transitionPlansOverdue
        weight = row.weight
        coveringFor = row.coveringFor
    }
}

struct CaseloadDTO: Content {
    let staffID: UUID
    let name: String
    let families: Int
    let allowed: Int
    let weight: Int
    let rows: [CaseloadRowDTO]

    enum CodingKeys: String, CodingKey { case staffID = "staff_id", name, families, allowed, weight, rows }
}

struct CaseloadOverviewDTO: Content {
    struct StaffRow: Content {
        let staffID: UUID
        let name: String
        let families: Int
        let allowed: Int
        let weight: Int
        let overdue: [String: Int]
        let awayUntil: String?
        let overLimit: Bool

        enum CodingKeys: String, CodingKey {
            case staffID = "staff_id", name, families, allowed, weight, overdue, awayUntil = "away_until", overLimit = "over_limit"
        }
    }

    struct SiteRow: Content {
        let name: String
        let families: Int
        let staff: Int
    }

    let limit: Int
    let roles: [String]
    let staff: [StaffRow]
    let sites: [SiteRow]
    let unassigned: Int

    init(_ model: CaseloadOverview) {
        limit = model.limit.families
        roles = StaffRole.allCases.filter(model.limit.roles.contains).map(\.rawValue)
        staff = model.staff.map { row in
            StaffRow(staffID: row.id, name: row.name, families: row.families, allowed: row.allowed, weight: row.weight,
                     overdue: Dictionary(uniqueKeysWithValues: row.overdue.map { ($0.what.key, $0.count) }),
                     awayUntil: row.away?.endsOn, overLimit: row.overLimit)
        }
        sites = model.sites.map { SiteRow(name: $0.name, families: $0.families, staff: $0.staff) }
        unassigned = model.unassigned
    }
}

struct CaseloadExceptionDTO: Content {
    let id: UUID
    let staffID: UUID
    let kind: CaseloadExceptionKind
    let reference: String?
    let startsOn: String
    let endsOn: String
    let upTo: Int
    let note: String?
    let version: Int

    enum CodingKeys: String, CodingKey {
        case id, staffID = "staff_id", kind, reference, startsOn = "starts_on", endsOn = "ends_on", upTo = "up_to", note, version
    }

    init(_ e: CaseloadException) {
        id = e.id!
        staffID = e.$staff.id
        kind = e.kind
        reference = e.reference
        startsOn = e.startsOn
        endsOn = e.endsOn
        upTo = e.upTo
        note = e.note
        version = e.version
    }
}

struct AbsenceDTO: Content {
    let id: UUID
    let staffID: UUID
    let startsOn: String
    let endsOn: String
    let reason: String?
    let returnedOn: String?
    let version: Int

    enum CodingKeys: String, CodingKey {
        case id, staffID = "staff_id", startsOn = "starts_on", endsOn = "ends_on", reason, returnedOn = "returned_on", version
    }

    init(_ a: StaffAbsence) {
        id = a.id!
        staffID = a.$staff.id
        startsOn = a.startsOn
        endsOn = a.endsOn
        reason = a.reason
        returnedOn = a.returnedOn
        version = a.version
    }
}

struct ProposalDTO: Content {
    struct Line: Content {
        let familyID: UUID
        let family: String
        let language: String
        let weight: Int
        let proposedStaffID: UUID?
        let reasons: [String]

        enum CodingKeys: String, CodingKey {
            case familyID = "family_id", family, language, weight, proposedStaffID = "proposed_staff_id", reasons
        }
    }

    let lines: [Line]
    let provenBest: Bool

    enum CodingKeys: String, CodingKey { case lines, provenBest = "proven_best" }

    init(_ proposal: CaseloadProposal) {
        lines = proposal.lines.map {
            Line(familyID: $0.familyID, family: $0.family, language: $0.language, weight: $0.weight, proposedStaffID: $0.proposed,
                 reasons: $0.reasons.map(\.text))
        }
        provenBest = proposal.provenBest
    }
}
