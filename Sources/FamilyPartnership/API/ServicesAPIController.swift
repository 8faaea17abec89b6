import Fluent
import Foundation
import PartnershipRules
import Vapor

/// The program's service categories (with this year's PIR item for each) and its provider directory.
struct ServicesAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let id = UUID.routeParameter
        routes.get(APIURL.serviceCategories.pattern, use: categories)
        routes.get(APIURL.providers.pattern, use: providers)
        routes.post(APIURL.providers.pattern, use: createProvider)
        routes.get(APIURL.provider(id).pattern, use: provider)
        routes.put(APIURL.provider(id).pattern, use: updateProvider)
    }

    func categories(req: Request) async throws -> [CategoryDTO] {
        let staff = try ProviderController.reader(req)
        let program = try await Program.find(staff.programID, on: req.db).orThrow()
        let edition = PIRFamilyServices.edition(for: program.year(containing: .today()))
        return try await ServiceCatalog.load(program: staff.programID, on: req.db).categories.map { CategoryDTO($0, edition: edition) }
    }

    func providers(req: Request) async throws -> [ProviderDTO] {
        let staff = try ProviderController.reader(req)
        let catalog = try await ServiceCatalog.load(program: staff.programID, on: req.db)
        var errors = FieldErrors()
        let category = errors.take("category", catalog.choice(try? req.query.get(String.self, at: "category"), required: false)) ?? nil
        let name = FieldRules.trimmed(try? req.query.get(String.self, at: "q"))
        let language = FieldRules.trimmed(try? req.query.get(String.self, at: "language"))
        if (name?.count ?? 0) > 100 { errors["q"] = "Must be at most 100 characters." }
        if (language?.count ?? 0) > 60 { errors["language"] = "Must be at most 60 characters." }
        try errors.throwIfAny()
        let found = try await ProviderSearch.find(program: staff.programID, .init(name: name, category: category, language: language), on: req.db)
        return found.map(ProviderDTO.init)
    }

    func provider(req: Request) async throws -> ProviderDTO {
        let staff = try ProviderController.reader(req)
        return ProviderDTO(try await ProviderController.find(req, program: staff.programID))
    }

    func createProvider(req: Request) async throws -> Response {
        let staff = try ProviderController.editor(req)
        let provider = Provider()
        provider.$program.id = staff.programID
        try await ProviderController.save(try req.content.decode(ProviderInput.self), to: provider, req: req)
        return try await ProviderDTO(provider).encodeResponse(status: .created, for: req)
    }

    func updateProvider(req: Request) async throws -> ProviderDTO {
        let staff = try ProviderController.editor(req)
        let provider = try await ProviderController.find(req, program: staff.programID)
        try await ProviderController.save(try req.content.decode(ProviderInput.self), to: provider, req: req)
        return ProviderDTO(provider)
    }
}

struct CategoryDTO: Content {
    let key: String
    let label: String
    let followUp: String
    let builtIn: Bool
    let pirItem: String?

    enum CodingKeys: String, CodingKey { case key, label, followUp = "follow_up", builtIn = "built_in", pirItem = "pir_item" }

    init(_ category: ServiceCatalog.Category, edition: PIREdition) {
        key = category.key
        label = category.label
        followUp = category.followUp.label
        builtIn = category.isBuiltIn
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

    enum CodingKeys: String, CodingKey {
        case id, name, categories, languages, eligibility, cost, address, hours, phone, email, website
        case contactName = "contact_name", verifiedOn = "verified_on", stale
    }

    init(_ p: Provider) {
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
        stale = p.isStale(today: .today())
    }
}
