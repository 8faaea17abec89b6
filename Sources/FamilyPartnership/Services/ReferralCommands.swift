import Fluent
import Foundation
import PartnershipRules
import Vapor

/// A referral as entered on the form or sent to the API.
struct ReferralInput: Content, Sendable {
    var category: String?
    var providerID: String?
    var needID: String?
    var goalID: String?
    var familyAsked: Bool?
    var status: String?
    var requestedOn: String?
    var followUpOn: String?
    var followUpByID: String?
    var notes: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case category, providerID = "provider_id", needID = "need_id", goalID = "goal_id", familyAsked = "family_asked"
        case status, requestedOn = "requested_on", followUpOn = "follow_up_on", followUpByID = "follow_up_by_id", notes
    }

    init() {}

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        category = try c.decodeIfPresent(String.self, forKey: .category)
        providerID = try c.decodeIfPresent(String.self, forKey: .providerID)
        needID = try c.decodeIfPresent(String.self, forKey: .needID)
        goalID = try c.decodeIfPresent(String.self, forKey: .goalID)
        familyAsked = try c.decodeFlag(.familyAsked)
        status = try c.decodeIfPresent(String.self, forKey: .status)
        requestedOn = try c.decodeIfPresent(String.self, forKey: .requestedOn)
        followUpOn = try c.decodeIfPresent(String.self, forKey: .followUpOn)
        followUpByID = try c.decodeIfPresent(String.self, forKey: .followUpByID)
        notes = try c.decodeIfPresent(String.self, forKey: .notes)
    }
}

/// A step in a referral: the status it reached, the day, a note, and (when closing) whether the need was met.
struct ReferralStatusInput: Content, Sendable {
    var status: String?
    var date: String?
    /// The next follow-up, while the referral stays open (default: the category's time from the step's date).
    var followUpOn: String?
    /// Who follows up (default: whoever takes the step).
    var followUpByID: String?
    var note: String?
    var outcome: String?
    /// The version of the referral the step is based on (optional: the step is checked against the current status).
    var version: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case status, date, followUpOn = "follow_up_on", followUpByID = "follow_up_by_id", note, outcome, version
    }
}

/// A service the family received, entered directly.
struct ServiceInput: Content, Sendable {
    var category: String?
    var providedOn: String?
    var providerID: String?
    var deliveredBy: String?
    var notes: String?
    enum CodingKeys: String, CodingKey, CaseIterable {
        case category, providedOn = "provided_on", providerID = "provider_id", deliveredBy = "delivered_by", notes
    }
}

/// Every change to referrals and services received: the one writer of those records. A referral's steps are
/// checked against its status as stored, in one conditional update, so two steps sent at once cannot both apply.
enum ReferralCommands {
    static func create(_ input: ReferralInput, family familyID: UUID, in ctx: Context) async throws -> Referral {
        let family = try await ctx.editableFamily(familyID)
        let referral = try await checked(input, family: family, in: ctx)
        try await ctx.transaction { ctx in try await insert(referral, in: ctx) }
        return referral
    }

    /// The referral `input` describes, checked but not saved: every problem is thrown at once as `FieldErrors`.
    static func checked(_ input: ReferralInput, family: Family, in ctx: Context) async throws -> Referral {
        let staff = ctx.staff
        let program = try await Program.find(staff.programID, on: ctx.db).orThrow()
        let catalog = try await ServiceCatalog.load(program: staff.programID, on: ctx.db)
        let familyID = try family.requireID()
        let today = ctx.today
        var errors = FieldErrors()
        let category = errors.take("category", catalog.choice(input.category)) ?? nil
        let provider = try await optionalProvider(input.providerID, program: staff.programID, errors: &errors, on: ctx.db)
        var needID: UUID?
        if let raw = FieldRules.trimmed(input.needID) {
            needID = try await UUID(uuidString: raw).asyncMap { id in
                try await FamilyNeed.query(on: ctx.db).filter(\.$id == id).filter(\.$family.$id == familyID).first()?.id
            } ?? nil
            if needID == nil { errors["need_id"] = "That need is not one of this family's." }
        }
        var goalID: UUID?
        if let raw = FieldRules.trimmed(input.goalID) {
            let goal = try await UUID(uuidString: raw).asyncMap { id in
                try await Goal.query(on: ctx.db).filter(\.$id == id).filter(\.$familyID == familyID).first()
            } ?? nil
            if goal == nil { errors["goal_id"] = "That goal is not one of this family's." }
            goalID = goal?.id
            // A referral for a goal serves the need the goal addresses.
            if needID == nil, errors["need_id"] == nil { needID = goal?.$need.id }
        }
        let followUpBy = try await followUpStaff(input.followUpByID, in: ctx, errors: &errors)
        let familyAsked = input.familyAsked ?? false
        if let problem = ReferralRules.startProblem(familyAsked: familyAsked, programRequiresRequest: program.referralsNeedFamilyRequest) {
            errors[problem.field] = problem.message
        }
        let status: ReferralStatus? = switch FieldRules.trimmed(input.status) ?? "referred" {
        case "requested": .requested
        case "referred": .referred
        default: nil
        }
        if status == nil { errors["status"] = "A new referral is either requested by the family or referred." }
        let requested = errors.take("requested_on", FieldRules.date(input.requestedOn ?? today.description, label: "Date", required: true)) ?? nil
        if let requested, requested > today { errors["requested_on"] = "The date cannot be in the future." }
        var followUp = errors.take("follow_up_on", FieldRules.date(input.followUpOn, label: "Follow-up date", required: false)) ?? nil
        if let requested, let category, followUp == nil { followUp = catalog.category(category)?.followUp.due(from: requested) }
        if let requested, let chosen = followUp, chosen < requested { errors["follow_up_on"] = "The follow-up date cannot be before the referral." }
        let notes = errors.take("notes", FieldRules.text(input.notes, label: "Notes", required: false, max: 4000)) ?? nil
        try errors.throwIfAny()

        let referral = Referral()
        referral.$family.id = familyID
        referral.$need.id = needID
        referral.$goal.id = goalID
        referral.$provider.id = provider?.id
        referral.category = category!
        referral.familyAsked = familyAsked
        referral.status = status!
        referral.statusOn = requested!.description
        referral.requestedOn = requested!.description
        referral.followUpOn = followUp!.description
        referral.$followUpBy.id = followUpBy
        referral.notes = notes
        referral.$createdBy.id = staff.staffID
        return referral
    }

    /// Saves a checked referral with the first step of its history and its audit entry, inside the caller's
    /// transaction.
    static func insert(_ referral: Referral, in ctx: Context) async throws {
        try await referral.create(on: ctx.db)
        try await event(referral, status: referral.status, on: CalendarDate(referral.requestedOn) ?? ctx.today, note: nil,
                        by: ctx.staff.name, db: ctx.db)
        try await ctx.audit(.create, .referral, family: referral.$family.id, recordID: referral.id, detail: referral.category)
    }

    /// The next step of a referral; reaching "receiving" records the service received in the same transaction.
    static func changeStatus(_ id: UUID, family familyID: UUID, _ input: ReferralStatusInput, basedOn: BasedOn,
                             in ctx: Context) async throws -> Referral {
        let family = try await ctx.editableFamily(familyID)
        let referral = try await find(id, in: family, on: ctx.db)
        let expected = try basedOn.or(referral)
        if expected != referral.version { throw StaleRecord(current: referral) }
        let staff = ctx.staff
        let today = ctx.today
        var errors = FieldErrors()
        let target = errors.take("status", FieldRules.choice(input.status, ReferralStatus.self, label: "Status", required: true)) ?? nil
        let date = errors.take("date", FieldRules.date(input.date ?? today.description, label: "Date", required: true)) ?? nil
        let outcome = errors.take("outcome", FieldRules.choice(input.outcome, ReferralOutcome.self, label: "Outcome", required: false)) ?? nil
        let note = errors.take("note", FieldRules.text(input.note, label: "Note", required: false, max: 2000)) ?? nil
        var followUp = errors.take("follow_up_on", FieldRules.date(input.followUpOn, label: "Next follow-up", required: false)) ?? nil
        let followUpBy = try await followUpStaff(input.followUpByID, in: ctx, errors: &errors)
        if let target, !target.isClosed, let date {
            if followUp == nil {
                let catalog = try await ServiceCatalog.load(program: staff.programID, on: ctx.db)
                followUp = catalog.category(referral.category)?.followUp.due(from: date) ?? date.adding(days: 14)
            }
            if let chosen = followUp, chosen < date { errors["follow_up_on"] = "The next follow-up cannot be before the step's date." }
        }
        if let target, let date, errors.isEmpty,
           let problem = ReferralRules.changeProblem(from: referral.status, to: target, on: date,
                                                     lastChange: CalendarDate(referral.statusOn) ?? date, outcome: outcome, today: today) {
            errors[problem.field] = problem.message
        }
        try errors.throwIfAny()
        let wasReceived = referral.status.meansServiceReceived
        referral.status = target!
        referral.statusOn = date!.description
        if target!.isClosed {
            referral.outcome = outcome
            referral.$followUpBy.id = nil
        } else {
            referral.followUpOn = followUp!.description
            referral.$followUpBy.id = followUpBy
        }
        try await referral.$provider.load(on: ctx.db)
        let service: ServiceRecord? = !wasReceived && target!.meansServiceReceived ? {
            let record = ServiceRecord()
            record.$family.id = referral.$family.id
            record.category = referral.category
            record.providedOn = date!.description
            record.$provider.id = referral.$provider.id
            record.deliveredBy = referral.provider?.name ?? "Provider"
            record.$referral.id = referral.id
            record.recordedByName = staff.name
            return record
        }() : nil
        try await ctx.transaction { ctx in
            try await referral.save(expecting: expected, in: ctx)
            try await event(referral, status: target!, on: date!, note: note, by: staff.name, db: ctx.db)
            try await ctx.audit(.changeState, .referral, family: referral.$family.id, recordID: referral.id, detail: target!.rawValue)
            if let service {
                try await service.create(on: ctx.db)
                try await ctx.audit(.create, .service, family: referral.$family.id, recordID: service.id, detail: "from referral")
            }
        }
        return referral
    }

    static func recordService(_ input: ServiceInput, family familyID: UUID, in ctx: Context) async throws -> ServiceRecord {
        let family = try await ctx.editableFamily(familyID)
        let staff = ctx.staff
        let catalog = try await ServiceCatalog.load(program: staff.programID, on: ctx.db)
        var errors = FieldErrors()
        let category = errors.take("category", catalog.choice(input.category)) ?? nil
        let on = errors.take("provided_on", FieldRules.date(input.providedOn, label: "Date", required: true)) ?? nil
        if let on, on > ctx.today { errors["provided_on"] = "The date cannot be in the future." }
        let provider = try await optionalProvider(input.providerID, program: staff.programID, errors: &errors, on: ctx.db)
        let deliveredBy = errors.take("delivered_by", FieldRules.text(input.deliveredBy, label: "Who delivered it", required: provider == nil, max: 200)) ?? nil
        let notes = errors.take("notes", FieldRules.text(input.notes, label: "Notes", required: false, max: 4000)) ?? nil
        try errors.throwIfAny()
        let service = ServiceRecord()
        service.$family.id = try family.requireID()
        service.category = category!
        service.providedOn = on!.description
        service.$provider.id = provider?.id
        service.deliveredBy = deliveredBy ?? provider!.name
        service.notes = notes
        service.recordedByName = staff.name
        try await ctx.transaction { ctx in
            try await service.create(on: ctx.db)
            try await ctx.audit(.create, .service, family: family.id, recordID: service.id, detail: category!)
        }
        return service
    }

    // MARK: Plans with other agencies (1302.52(e))

    /// Records a plan the family has with another agency, so that staff see it before referring the family there.
    static func recordAgencyPlan(_ input: AgencyPlanInput, family familyID: UUID, in ctx: Context) async throws -> AgencyPlan {
        let family = try await ctx.editableFamily(familyID)
        var errors = FieldErrors()
        let agency = errors.take("agency", FieldRules.text(input.agency, label: "Agency", required: true, max: 200)) ?? nil
        let kind = errors.take("kind", FieldRules.choice(input.kind, AgencyPlanKind.self, label: "Kind of plan", required: true)) ?? nil
        if let kind, kind.isRestricted {
            let allowed = try await ProgramCommands.program(in: ctx).restrictedPlanRoles
            if !kind.isVisible(to: ctx.staff.roles, allowed: allowed) {
                throw Abort(.forbidden, reason: "Child welfare case plans are recorded and seen only by the roles your program allows.")
            }
        }
        let contact = errors.take("contact", FieldRules.text(input.contact, label: "Contact", required: false, max: 300)) ?? nil
        let summary = errors.take("summary", FieldRules.text(input.summary, label: "Summary", required: false, max: 4000)) ?? nil
        let started = errors.take("started_on", FieldRules.date(input.startedOn, label: "Start date", required: false)) ?? nil
        let ends = errors.take("ends_on", FieldRules.date(input.endsOn, label: "End date", required: false)) ?? nil
        if let started, let ends, ends < started { errors["ends_on"] = "The end date cannot be before the start date." }
        try errors.throwIfAny()
        let plan = AgencyPlan()
        plan.$family.id = try family.requireID()
        plan.agency = agency!
        plan.kind = kind!
        plan.contact = contact
        plan.summary = summary
        plan.startedOn = started?.description
        plan.endsOn = ends?.description
        plan.recordedByName = ctx.staff.name
        try await ctx.transaction { ctx in
            try await plan.create(on: ctx.db)
            try await ctx.audit(.create, .agencyPlan, family: family.id, recordID: plan.id, detail: kind!.rawValue)
        }
        return plan
    }

    /// Who follows up on a referral: a staff member of the program who works with families, or (by default)
    /// whoever is taking the step.
    private static func followUpStaff(_ raw: String?, in ctx: Context, errors: inout FieldErrors) async throws -> UUID {
        guard let raw = FieldRules.trimmed(raw) else { return ctx.staff.staffID }
        let staff = try await UUID(uuidString: raw).asyncMap { id in
            try await Staff.query(on: ctx.db).filter(\.$id == id).filter(\.$program.$id == ctx.programID).filter(\.$status == .active).first()
        } ?? nil
        guard let staff, let id = staff.id, Access(roles: staff.roles).familyReach != .none else {
            errors["follow_up_by_id"] = "Choose a staff member of the program who works with families."
            return ctx.staff.staffID
        }
        return id
    }

    static func find(_ id: UUID, in family: Family, on db: any Database) async throws -> Referral {
        guard let referral = try await Referral.query(on: db).filter(\.$id == id).filter(\.$family.$id == family.requireID())
            .with(\.$provider).first() else { throw Abort(.notFound) }
        return referral
    }

    private static func optionalProvider(_ raw: String?, program: UUID, errors: inout FieldErrors, on db: any Database) async throws -> Provider? {
        guard let raw = FieldRules.trimmed(raw) else { return nil }
        let provider = try await UUID(uuidString: raw).asyncMap { id in
            try await Provider.query(on: db).filter(\.$id == id).filter(\.$program.$id == program).first()
        } ?? nil
        if provider == nil { errors["provider_id"] = "Choose a provider from your program's directory." }
        return provider
    }

    private static func event(_ referral: Referral, status: ReferralStatus, on date: CalendarDate, note: String?, by name: String,
                              db: any Database) async throws {
        let event = ReferralEvent()
        event.$referral.id = try referral.requireID()
        event.familyID = referral.$family.id
        event.status = status
        event.happenedOn = date.description
        event.note = note
        event.recordedByName = name
        try await event.create(on: db)
    }
}

extension ReferralInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
extension ReferralStatusInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
extension ServiceInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
