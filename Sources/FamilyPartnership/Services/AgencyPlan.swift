import Fluent
import Foundation
import PartnershipRules
import Plot
import Vapor

/// A plan the family already has with another agency, so the team builds on it instead of duplicating it.
final class AgencyPlan: Model, @unchecked Sendable {
    static let schema = "agency_plans"

    @ID(key: .id) var id: UUID?
    @Parent(key: "family_id") var family: Family
    @Field(key: "agency") var agency: String
    @Field(key: "kind") var kind: AgencyPlanKind
    @OptionalField(key: "contact") var contact: String?
    @OptionalField(key: "summary") var summary: String?
    @OptionalField(key: "started_on") var startedOn: String?
    @OptionalField(key: "ends_on") var endsOn: String?
    @Field(key: "recorded_by_name") var recordedByName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    /// The family's plans with other agencies that `staff` may see: child welfare case plans only for the roles
    /// the program allows (see `AgencyPlanKind.isRestricted`).
    static func visible(family: UUID, to staff: SignedIn, on db: any Database) async throws -> QueryBuilder<AgencyPlan> {
        let allowed = try await Program.find(staff.programID, on: db)?.restrictedPlanRoles ?? AgencyPlanKind.restrictedRolesByDefault
        let kinds = AgencyPlanKind.allCases.filter { $0.isVisible(to: staff.roles, allowed: allowed) }
        return AgencyPlan.query(on: db).filter(\.$family.$id == family).filter(\.$kind ~~ kinds)
    }
}

struct AgencyPlanInput: Content, Sendable {
    var agency: String?
    var kind: String?
    var contact: String?
    var summary: String?
    var startedOn: String?
    var endsOn: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case agency, kind, contact, summary, startedOn = "started_on", endsOn = "ends_on" }
}

extension AgencyPlanInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }

/// Recording a family's plans with other agencies; shown on the family page and on its referrals.
struct AgencyPlanController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.agencyPlanNew(.routeParameter).pattern, use: new)
        routes.post(SiteURL.agencyPlanNew(.routeParameter).pattern, use: create)
    }

    func new(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        try await req.audit(.view, .agencyPlan, family: family.id, detail: "new plan form")
        return req.page(title: "Plan with another agency", AgencyPlanPages.form(family: family, input: AgencyPlanInput(), errors: FieldErrors(), csrf: req.csrfToken))
    }

    func create(req: Request) async throws -> Response {
        let input = try req.content.decode(AgencyPlanInput.self)
        do {
            let plan = try await ReferralCommands.recordAgencyPlan(input, family: req.uuidParameter("familyID"), in: req.context())
            req.flash("Plan recorded.")
            return req.redirect(to: SiteURL.family(plan.$family.id).path + "#plans")
        } catch let errors as FieldErrors {
            let family = try await req.editableFamily()
            return req.page(title: "Plan with another agency", AgencyPlanPages.form(family: family, input: input, errors: errors, csrf: req.csrfToken),
                            status: .unprocessableEntity)
        }
    }
}

enum AgencyPlanPages {
    static func form(family: Family, input: AgencyPlanInput, errors: FieldErrors, csrf: String) -> [Node<HTML.BodyContext>] {
        [
            .p(.a(.href(SiteURL.family(family.id!).path), .text("← \(family.householdName)"))),
            .h1(.text("Plan with another agency")),
            .p(.class("hint"), .text("A plan the family already has elsewhere, so the team coordinates with it instead of duplicating it.")),
            FormKit.summary(errors),
            FormKit.form(action: SiteURL.agencyPlanNew(family.id!).path, csrf: csrf, [
                FormKit.field("agency", "Agency", value: input.agency, errors: errors, required: true),
                FormKit.select("kind", "Kind of plan", options: AgencyPlanKind.allCases.map { ($0.rawValue, $0.label) }, selected: input.kind,
                               errors: errors, required: true),
                FormKit.field("contact", "Contact at the agency", value: input.contact, errors: errors),
                FormKit.textArea("summary", "What the plan covers", value: input.summary, errors: errors),
                FormKit.field("started_on", "Started", value: input.startedOn, errors: errors, type: .date),
                FormKit.field("ends_on", "Ends", value: input.endsOn, errors: errors, type: .date),
                FormKit.submit("Save plan"),
            ]),
        ]
    }

    /// The family's plans, for the family page and the referral pages.
    static func list(_ plans: [AgencyPlan]) -> Node<HTML.BodyContext> {
        .ul(.forEach(plans) { plan in
            .li(.strong(.text(plan.agency)), .text(" — \(plan.kind.label)"
                + (plan.contact.map { " · contact \($0)" } ?? "")
                + (plan.endsOn.map { " · until \(Display.date($0))" } ?? "")),
                .unwrap(plan.summary) { .p(.class("hint"), .text($0)) })
        })
    }
}
