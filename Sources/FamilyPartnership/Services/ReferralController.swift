import Fluent
import Foundation
import PartnershipRules
import Vapor

/// Referring a family to a provider found by category and language, following the referral to its result,
/// and recording services the family received.
struct ReferralController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.referralNew(.routeParameter).pattern, use: new)
        routes.post(SiteURL.referralNew(.routeParameter).pattern, use: create)
        routes.get(SiteURL.referral(.routeParameter, referral: .routeParameter).pattern, use: show)
        routes.post(SiteURL.referralStatus(.routeParameter, referral: .routeParameter).pattern, use: changeStatus)
        routes.get(SiteURL.serviceNew(.routeParameter).pattern, use: newService)
        routes.post(SiteURL.serviceNew(.routeParameter).pattern, use: createService)
    }

    struct Finder: Content {
        var category: String?
        var language: String?
        var need: String?
        var goal: String?
    }

    /// The referral form. `?need=` or `?goal=` start it from a need or goal; `?category=&language=` narrow the
    /// providers offered.
    func new(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let finder = try req.query.decode(Finder.self)
        var input = ReferralInput()
        input.needID = FieldRules.trimmed(finder.need)
        input.goalID = FieldRules.trimmed(finder.goal)
        input.category = FieldRules.trimmed(finder.category)
        // From a goal: the goal is the family's own, so the referral is at their asking (the worker can untick it),
        // and it serves the need the goal addresses.
        if let goal = try await goal(input.goalID, of: family, on: req.db) {
            input.familyAsked = true
            if input.needID == nil { input.needID = goal.$need.id?.uuidString.lowercased() }
        }
        if input.category == nil, let need = try await need(input.needID, of: family, on: req.db) {
            input.category = need.category
        }
        input.requestedOn = req.clock.today.description
        return try await render(req, family: family, input: input, language: FieldRules.trimmed(finder.language))
    }

    func create(req: Request) async throws -> Response {
        let input = try req.content.decode(ReferralInput.self)
        do {
            let referral = try await ReferralCommands.create(input, family: req.uuidParameter("familyID"), in: req.context())
            req.flash("Referral saved. Follow up by \(Display.date(referral.followUpOn)).")
            return req.redirect(to: SiteURL.referral(referral.$family.id, referral: referral.id!).path)
        } catch let errors as FieldErrors {
            return try await render(req, family: req.editableFamily(), input: input, language: nil, errors: errors)
        }
    }

    func show(req: Request) async throws -> Response {
        let family = try await req.visibleFamily()
        let referral = try await ReferralCommands.find(req.uuidParameter("referralID"), in: family, on: req.db)
        return try await renderReferral(req, family: family, referral: referral)
    }

    func changeStatus(req: Request) async throws -> Response {
        let input = try req.content.decode(ReferralStatusInput.self)
        do {
            let referral = try await ReferralCommands.changeStatus(req.uuidParameter("referralID"), family: req.uuidParameter("familyID"),
                                                                   input, basedOn: BasedOn(input.version), in: req.context())
            req.flash(referral.status.meansServiceReceived ? "Saved. The service is recorded as received." : "Saved.")
            return req.redirect(to: SiteURL.referral(referral.$family.id, referral: referral.id!).path)
        } catch let errors as FieldErrors {
            let family = try await req.editableFamily()
            let referral = try await ReferralCommands.find(req.uuidParameter("referralID"), in: family, on: req.db)
            return try await renderReferral(req, family: family, referral: referral, errors: errors, input: input)
        } catch let stale as StaleRecord {
            let family = try await req.editableFamily()
            let current = stale.current as! Referral
            try await current.$provider.load(on: req.db)
            let errors = FieldErrors.one("status", "Someone else recorded a step of this referral meanwhile: it is now \(current.status.label.lowercased()). Nothing was changed.")
            return try await renderReferral(req, family: family, referral: current, errors: errors, input: input, status: .conflict)
        }
    }

    func newService(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        var input = ServiceInput()
        input.providedOn = req.clock.today.description
        try await req.audit(.view, .service, family: family.id, detail: "new service form")
        return try await renderService(req, family: family, input: input)
    }

    func createService(req: Request) async throws -> Response {
        let input = try req.content.decode(ServiceInput.self)
        do {
            let service = try await ReferralCommands.recordService(input, family: req.uuidParameter("familyID"), in: req.context())
            req.flash("Service recorded.")
            return req.redirect(to: SiteURL.family(service.$family.id).path + "#services")
        } catch let errors as FieldErrors {
            return try await renderService(req, family: req.editableFamily(), input: input, errors: errors)
        }
    }

    // MARK: Rendering

    private func render(_ req: Request, family: Family, input: ReferralInput, language: String?,
                        errors: FieldErrors = FieldErrors()) async throws -> Response {
        let staff = try req.staff()
        let catalog = try await ServiceCatalog.load(program: staff.programID, on: req.db)
        let category = input.category.flatMap { catalog.category($0)?.key }
        let providers = try await ProviderSearch.find(program: staff.programID, .init(name: nil, category: category, language: language),
                                                      limit: 30, on: req.db)
        let program = try await Program.find(staff.programID, on: req.db).orThrow()
        let plans = try await AgencyPlan.visible(family: family.requireID(), to: req.staff(), on: req.db).sort(\.$agency).all()
        var serves = try await goal(input.goalID, of: family, on: req.db).map { "the goal “\($0.goal)”" }
        if serves == nil { serves = try await need(input.needID, of: family, on: req.db).map { "the need: \($0.description)" } }
        let model = ReferralPages.FormModel(family: family, input: input, category: category, language: language, providers: providers, plans: plans,
                                            catalog: catalog, requiresRequest: program.referralsNeedFamilyRequest, serves: serves,
                                            followers: try await followers(of: family, me: staff, on: req.db), me: staff.staffID,
                                            errors: errors, today: req.clock.today)
        try await req.audit(.view, .referral, family: family.id, detail: "new referral form")
        return req.page(title: "Refer \(family.householdName)", ReferralPages.form(model, csrf: req.csrfToken),
                        status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    /// Who may follow up on a family's referral: its team's active staff, and the person at the form.
    private func followers(of family: Family, me: SignedIn, on db: any Database) async throws -> [(id: UUID, name: String)] {
        let team = try await TeamMember.query(on: db).filter(\.$family.$id == family.requireID()).with(\.$staff).all()
            .filter { $0.staff.status == .active }.map { (id: $0.$staff.id, name: $0.staff.name) }.sorted { $0.name < $1.name }
        return team.contains { $0.id == me.staffID } ? team : team + [(id: me.staffID, name: me.name)]
    }

    private func goal(_ raw: String?, of family: Family, on db: any Database) async throws -> Goal? {
        guard let id = raw.flatMap(UUID.init(uuidString:)) else { return nil }
        return try await Goal.query(on: db).filter(\.$id == id).filter(\.$familyID == family.requireID()).first()
    }

    private func need(_ raw: String?, of family: Family, on db: any Database) async throws -> FamilyNeed? {
        guard let id = raw.flatMap(UUID.init(uuidString:)) else { return nil }
        return try await FamilyNeed.query(on: db).filter(\.$id == id).filter(\.$family.$id == family.requireID()).first()
    }

    private func renderReferral(_ req: Request, family: Family, referral: Referral, errors: FieldErrors = FieldErrors(),
                                input: ReferralStatusInput? = nil, status: HTTPResponseStatus? = nil) async throws -> Response {
        let staff = try req.staff()
        let events = try await ReferralEvent.query(on: req.db).filter(\.$referral.$id == referral.requireID())
            .sort(\.$happenedOn).sort(\.$createdAt).all()
        let services = try await ServiceRecord.query(on: req.db).filter(\.$referral.$id == referral.requireID()).all()
        let catalog = try await ServiceCatalog.load(program: staff.programID, on: req.db)
        let plans = try await AgencyPlan.visible(family: family.requireID(), to: req.staff(), on: req.db).sort(\.$agency).all()
            .filter { plan in referral.provider.map { ReferralRules.sameAgency($0.name, plan.agency) } ?? false }
        let followers = try await followers(of: family, me: staff, on: req.db)
        let thread = ReferralPages.Thread(
            need: try await referral.$need.get(on: req.db), goal: try await referral.$goal.get(on: req.db),
            followUpBy: try await referral.$followUpBy.get(on: req.db)?.name, followers: followers)
        try await req.audit(.view, .referral, family: family.id, recordID: referral.id)
        return req.page(title: "Referral", ReferralPages.show(family: family, referral: referral, thread: thread, events: events, services: services,
                                                             catalog: catalog, plans: plans, mayEdit: staff.access.mayEditFamilies, errors: errors,
                                                             input: input, today: req.clock.today, csrf: req.csrfToken),
                        status: status ?? (errors.isEmpty ? .ok : .unprocessableEntity))
    }

    private func renderService(_ req: Request, family: Family, input: ServiceInput, errors: FieldErrors = FieldErrors()) async throws -> Response {
        let staff = try req.staff()
        let catalog = try await ServiceCatalog.load(program: staff.programID, on: req.db)
        let providers = try await ProviderSearch.find(program: staff.programID, .init(), on: req.db)
        return req.page(title: "Record a service", ReferralPages.serviceForm(family: family, input: input, catalog: catalog,
                                                                             providers: providers, errors: errors, csrf: req.csrfToken),
                        status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
