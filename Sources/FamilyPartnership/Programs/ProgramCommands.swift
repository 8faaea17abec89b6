import Fluent
import Foundation
import PartnershipRules
import Vapor

/// Every change to a program's own settings: the one writer of the program record. Settings are the director's.
enum ProgramCommands {
    static func program(in ctx: Context) async throws -> Program {
        try await Program.find(ctx.programID, on: ctx.db).orThrow()
    }

    /// A new program with what every program starts from (the built-in instrument, the starter visit types and
    /// trainings). Made by the app itself, before the program has any staff: `fpp create-admin` and the demo.
    static func createProgram(_ program: Program, on db: any Database) async throws -> Program {
        try await db.transaction { db in
            try await program.createWithStarterSets(on: db)
            try await InstrumentLibrary.ensureBuiltIn(program: program.requireID(), on: db)
        }
        return program
    }

    /// The partnership process settings: when agreements are started and reviewed, the year's assessment
    /// periods, and whether referrals need the family's request.
    static func updateSettings(_ input: ProgramSettingsInput, basedOn: BasedOn, in ctx: Context) async throws -> Program {
        try ctx.require(\.mayChangeProgramSettings, "Program settings are changed by the director.")
        let program = try await program(in: ctx)
        let expected = try basedOn.required()
        var errors = FieldErrors()
        let start = Int(FieldRules.trimmed(input.agreementStartDays) ?? "")
        if let problem = AgreementSchedule.problem(days: start, label: "Days to start the agreement") { errors["agreement_start_days"] = problem.message }
        let review = Int(FieldRules.trimmed(input.agreementReviewDays) ?? "")
        if let problem = AgreementSchedule.problem(days: review, label: "Days between reviews") { errors["agreement_review_days"] = problem.message }
        let periods = errors.take("assessment_periods", AssessmentPeriods.parse(input.assessmentPeriods)) ?? nil
        let restricted = Set((input.restrictedPlanRoles ?? []).filter { !$0.isEmpty }.compactMap(StaffRole.init(rawValue:)))
        if restricted.count != Set((input.restrictedPlanRoles ?? []).filter { !$0.isEmpty }).count || restricted.contains(.partner) {
            errors["restricted_plan_roles[]"] = "Choose among the program's staff roles."
        } else if input.restrictedPlanRoles != nil, restricted.isEmpty {
            errors["restricted_plan_roles[]"] = "Choose at least one role to see child welfare case plans."
        }
        let current = program.caseloadLimit
        let families = errors.take("caseload_limit", CaseloadLimit.families(input.caseloadLimit ?? String(current.families)))
        let roles = errors.take("caseload_roles[]", CaseloadLimit.roles((input.caseloadRoles ?? current.roles.map(\.rawValue)).filter { !$0.isEmpty }))
        try errors.throwIfAny()
        program.caseloadLimit = CaseloadLimit(families: families!, roles: roles!)
        program.agreementStartDays = start!
        program.agreementReviewDays = review!
        program.assessmentPeriodsList = periods!.joined(separator: ",")
        program.referralsNeedFamilyRequest = input.referralsNeedFamilyRequest ?? false
        if input.restrictedPlanRoles != nil { program.restrictedPlanRoles = restricted }
        try await ctx.transaction { ctx in try await program.save(expecting: expected, in: ctx) }
        return program
    }

    /// The visit settings: the longest gap between contacts, and visits and conferences due per program option.
    static func updateVisitSettings(_ values: [String: String], basedOn: BasedOn, in ctx: Context) async throws -> Program {
        try ctx.require(\.mayChangeProgramSettings, "Program settings are changed by the director.")
        let program = try await program(in: ctx)
        let expected = try basedOn.required()
        var errors = FieldErrors()
        let gap = errors.take("contact_gap_days", FieldRules.wholeNumber(values["contact_gap_days"], label: "Longest gap between contacts", required: true, in: 7...120)) ?? nil
        var requirements: [ProgramOption: VisitRequirement] = [:]
        for option in ProgramOption.allCases {
            let visits = errors.take("home_visits_\(option.rawValue)", FieldRules.wholeNumber(values["home_visits_\(option.rawValue)"],
                                                                                        label: "\(option.label) home visits", required: true, in: 0...60)) ?? nil
            let conferences = errors.take("conferences_\(option.rawValue)", FieldRules.wholeNumber(values["conferences_\(option.rawValue)"],
                                                                                             label: "\(option.label) conferences", required: true, in: 0...20)) ?? nil
            if let visits, let conferences { requirements[option] = VisitRequirement(homeVisits: visits, conferences: conferences) }
        }
        try errors.throwIfAny()
        let programID = try program.requireID()
        program.contactGapDays = gap!
        try await ctx.transaction { [requirements] ctx in
            try await program.save(expecting: expected, in: ctx)
            try await ProgramVisitRequirement.query(on: ctx.db).filter(\.$program.$id == programID).delete()
            for (option, requirement) in requirements where requirement != .standard(for: option) {
                let row = ProgramVisitRequirement()
                row.$program.id = programID
                row.programOption = option
                row.homeVisits = requirement.homeVisits
                row.conferences = requirement.conferences
                try await row.create(on: ctx.db)
            }
        }
        return program
    }
}

/// The director's program settings form.
struct ProgramSettingsInput: Content, Sendable {
    var agreementStartDays: String?
    var agreementReviewDays: String?
    var assessmentPeriods: String?
    var referralsNeedFamilyRequest: Bool?
    /// The roles that see child welfare case plans; left out, the setting stays as it is.
    var restrictedPlanRoles: [String]?
    /// Families per family-services staff member, and the roles that carry a caseload; left out, they stay as they are.
    var caseloadLimit: String?
    var caseloadRoles: [String]?
    var version: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case agreementStartDays = "agreement_start_days", agreementReviewDays = "agreement_review_days"
        case assessmentPeriods = "assessment_periods", referralsNeedFamilyRequest = "referrals_need_family_request", version
        case restrictedPlanRoles = "restricted_plan_roles"
        case caseloadLimit = "caseload_limit", caseloadRoles = "caseload_roles"
    }

    init(_ program: Program) {
        agreementStartDays = String(program.agreementStartDays)
        agreementReviewDays = String(program.agreementReviewDays)
        assessmentPeriods = program.assessmentPeriods.joined(separator: ", ")
        referralsNeedFamilyRequest = program.referralsNeedFamilyRequest
        restrictedPlanRoles = StaffRole.allCases.filter(program.restrictedPlanRoles.contains).map(\.rawValue)
        caseloadLimit = String(program.caseloadLimit.families)
        caseloadRoles = StaffRole.allCases.filter(program.caseloadLimit.roles.contains).map(\.rawValue)
        version = program.version
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        agreementStartDays = try c.decodeLooseNumber(.agreementStartDays)
        agreementReviewDays = try c.decodeLooseNumber(.agreementReviewDays)
        assessmentPeriods = try c.decodeIfPresent(String.self, forKey: .assessmentPeriods)
        referralsNeedFamilyRequest = try c.decodeFlag(.referralsNeedFamilyRequest)
        restrictedPlanRoles = try c.decodeIfPresent([String].self, forKey: .restrictedPlanRoles)
        caseloadLimit = try c.decodeLooseNumber(.caseloadLimit)
        caseloadRoles = try c.decodeIfPresent([String].self, forKey: .caseloadRoles)
        version = try c.decodeVersion(.version)
    }
}
