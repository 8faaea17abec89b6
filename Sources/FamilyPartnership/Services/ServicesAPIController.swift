import Fluent
import Foundation
import PartnershipRules
import Vapor

/// The program's service categories (with this year's PIR item for each), its provider directory, and a
/// family's referrals and services received.
struct ServicesAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let id = UUID.routeParameter
        routes.get(APIURL.serviceCategories.pattern, use: categories)
        routes.get(APIURL.providers.pattern, use: providers)
        routes.post(APIURL.providers.pattern, use: createProvider)
        routes.get(APIURL.provider(id).pattern, use: provider)
        routes.put(APIURL.provider(id).pattern, use: replaceProvider)
        routes.patch(APIURL.provider(id).pattern, use: patchProvider)
        routes.get(APIURL.referrals(id).pattern, use: referrals)
        routes.post(APIURL.referrals(id).pattern, use: createReferral)
        routes.get(APIURL.referral(id, referral: id).pattern, use: referral)
        routes.post(APIURL.referralStatus(id, referral: id).pattern, use: changeReferral)
        routes.get(APIURL.services(id).pattern, use: services)
        routes.post(APIURL.services(id).pattern, use: recordService)
        routes.get(APIURL.agencyPlans(id).pattern, use: agencyPlans)
        routes.get(APIURL.familyServicesReport.pattern, use: familyServicesReport)
        routes.post(APIURL.agencyPlans(id).pattern, use: createAgencyPlan)
    }

    // MARK: Referrals and services

    func referrals(req: Request) async throws -> PageDTO<ReferralDTO> {
        let family = try await req.visibleFamily()
        let page = try PageRequest.checked(req)
        let (referrals, next) = try await Referral.query(on: req.db).filter(\.$family.$id == family.requireID())
            .page(page, sortedBy: ["requested_on"])
        try await req.audit(.view, .referral, family: family.id, detail: "api list shown=\(referrals.count)")
        return PageDTO(items: try await referrals.asyncMap { try await dto($0, on: req.db) }, nextCursor: next)
    }

    func referral(req: Request) async throws -> Response {
        let family = try await req.visibleFamily()
        let referral = try await ReferralCommands.find(req.uuidParameter("referralID"), in: family, on: req.db)
        try await req.audit(.view, .referral, family: family.id, recordID: referral.id)
        return try await dto(referral, on: req.db).response(version: referral.version)
    }

    func createReferral(req: Request) async throws -> Response {
        let referral = try await ReferralCommands.create(try req.decodeJSON(ReferralInput.self), family: req.uuidParameter("familyID"),
                                                         in: req.context())
        return try await dto(referral, on: req.db).response(version: referral.version, status: .created)
    }

    func changeReferral(req: Request) async throws -> Response {
        let input = try req.decodeJSON(ReferralStatusInput.self)
        let referral = try await ReferralCommands.changeStatus(req.uuidParameter("referralID"), family: req.uuidParameter("familyID"),
                                                               input, basedOn: req.basedOn(input.version), in: req.context())
        return try await dto(referral, on: req.db).response(version: referral.version)
    }

    func services(req: Request) async throws -> PageDTO<ServiceDTO> {
        let family = try await req.visibleFamily()
        let page = try PageRequest.checked(req)
        let (services, next) = try await ServiceRecord.query(on: req.db).filter(\.$family.$id == family.requireID())
            .page(page, sortedBy: ["provided_on"])
        try await req.audit(.view, .service, family: family.id, detail: "api list shown=\(services.count)")
        return PageDTO(items: services.map(ServiceDTO.init), nextCursor: next)
    }

    func recordService(req: Request) async throws -> Response {
        let service = try await ReferralCommands.recordService(try req.decodeJSON(ServiceInput.self), family: req.uuidParameter("familyID"),
                                                               in: req.context())
        return try await ServiceDTO(service).encodeResponse(status: .created, for: req)
    }

    private func dto(_ referral: Referral, on db: any Database) async throws -> ReferralDTO {
        ReferralDTO(referral, events: try await ReferralEvent.query(on: db).filter(\.$referral.$id == referral.requireID())
            .sort(\.$happenedOn).sort(\.$createdAt).all())
    }

    func categories(req: Request) async throws -> PageDTO<CategoryDTO> {
        let staff = try ProviderController.reader(req)
        let page = try PageRequest.checked(req)
        let program = try await Program.find(staff.programID, on: req.db).orThrow()
        let edition = PIRFamilyServices.edition(for: program.year(containing: req.clock.today))
        let categories = try await ServiceCatalog.load(program: staff.programID, on: req.db).categories
        return PageDTO(categories, page, key: \.key) { CategoryDTO($0, edition: edition) }
    }

    func providers(req: Request) async throws -> PageDTO<ProviderDTO> {
        let staff = try ProviderController.reader(req)
        let catalog = try await ServiceCatalog.load(program: staff.programID, on: req.db)
        var errors = FieldErrors()
        let page = PageRequest(req, errors: &errors)
        let category = errors.take("category", catalog.choice(try? req.query.get(String.self, at: "category"), required: false)) ?? nil
        let name = FieldRules.trimmed(try? req.query.get(String.self, at: "q"))
        let language = FieldRules.trimmed(try? req.query.get(String.self, at: "language"))
        if (name?.count ?? 0) > 100 { errors["q"] = "Must be at most 100 characters." }
        if (language?.count ?? 0) > 60 { errors["language"] = "Must be at most 60 characters." }
        try errors.throwIfAny()
        let (found, next) = try await ProviderSearch.query(program: staff.programID, .init(name: name, category: category, language: language),
                                                           on: req.db).page(page, sortedBy: ["name"])
        return PageDTO(items: found.map { ProviderDTO($0, today: req.clock.today) }, nextCursor: next)
    }

    func provider(req: Request) async throws -> Response {
        let provider = try await DirectoryCommands.find(req.uuidParameter("providerID"), in: req.context())
        return try ProviderDTO(provider, today: req.clock.today).response(version: provider.version)
    }

    func createProvider(req: Request) async throws -> Response {
        let provider = try await DirectoryCommands.addProvider(try req.decodeJSON(ProviderInput.self), in: req.context())
        return try ProviderDTO(provider, today: req.clock.today).response(version: provider.version, status: .created)
    }

    func replaceProvider(req: Request) async throws -> Response {
        let input = try req.decodeJSON(ProviderInput.self)
        let provider = try await DirectoryCommands.updateProvider(req.uuidParameter("providerID"), input, basedOn: req.basedOn(input.version),
                                                                  in: req.context())
        return try ProviderDTO(provider, today: req.clock.today).response(version: provider.version)
    }

    func patchProvider(req: Request) async throws -> Response {
        let current = try await DirectoryCommands.find(req.uuidParameter("providerID"), in: req.context())
        var base = ProviderInput(current)
        base.version = nil
        let input = try req.decodePatch(ProviderInput.self, over: base)
        let provider = try await DirectoryCommands.updateProvider(current.requireID(), input, basedOn: req.basedOn(input.version),
                                                                  in: req.context())
        return try ProviderDTO(provider, today: req.clock.today).response(version: provider.version)
    }

    // MARK: A family's plans and needs

    func agencyPlans(req: Request) async throws -> PageDTO<AgencyPlanDTO> {
        let page = try PageRequest.checked(req)
        let family = try await req.visibleFamily()
        let (plans, next) = try await AgencyPlan.visible(family: family.requireID(), to: req.staff(), on: req.db)
            .page(page, sortedBy: ["agency"])
        try await req.audit(.view, .agencyPlan, family: family.id, detail: "api list shown=\(plans.count)")
        return PageDTO(items: plans.map(AgencyPlanDTO.init), nextCursor: next)
    }

    func createAgencyPlan(req: Request) async throws -> Response {
        let plan = try await ReferralCommands.recordAgencyPlan(try req.decodeJSON(AgencyPlanInput.self), family: req.uuidParameter("familyID"),
                                                               in: req.context())
        return try await AgencyPlanDTO(plan).encodeResponse(status: .created, for: req)
    }

    // MARK: Reports

    /// The PIR family services count for `?year=`, as the report page shows it.
    func familyServicesReport(req: Request) async throws -> FamilyServicesReportDTO {
        FamilyServicesReportDTO(try await FamilyServicesReport.load(req, year: req.chosenProgramYear()))
    }
}
