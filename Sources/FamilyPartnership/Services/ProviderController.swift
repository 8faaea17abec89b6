import Fluent
import Foundation
import PartnershipRules
import Vapor

/// The community resource directory: find providers by name, category and language; add and correct them;
/// mark them verified; import and export the whole directory as CSV.
struct ProviderController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.providers.pattern, use: index)
        routes.get(SiteURL.providerNew.pattern, use: new)
        routes.post(SiteURL.providerNew.pattern, use: create)
        routes.get(SiteURL.provider(.routeParameter).pattern, use: show)
        routes.get(SiteURL.providerEdit(.routeParameter).pattern, use: edit)
        routes.post(SiteURL.providerEdit(.routeParameter).pattern, use: update)
        routes.post(SiteURL.providerVerify(.routeParameter).pattern, use: verify)
        routes.get(SiteURL.providersImport.pattern, use: importForm)
        routes.on(.POST, SiteURL.providersImport.pattern, body: .collect(maxSize: "2mb"), use: importCSV)
        routes.get(SiteURL.providersExport.pattern, use: export)
    }

    struct SearchQuery: Content {
        var q: String?
        var category: String?
        var language: String?
    }

    struct ImportInput: Content {
        var csv: String?
        var file: File?
    }

    func index(req: Request) async throws -> Response {
        let staff = try Self.reader(req)
        let query = try req.query.decode(SearchQuery.self)
        let catalog = try await ServiceCatalog.load(program: staff.programID, on: req.db)
        let filters = ProviderSearch.Filters(name: FieldRules.trimmed(query.q).map { String($0.prefix(100)) },
                                             category: FieldRules.trimmed(query.category).flatMap { catalog.category($0)?.key },
                                             language: FieldRules.trimmed(query.language).map { String($0.prefix(60)) })
        let providers = try await ProviderSearch.find(program: staff.programID, filters, on: req.db)
        return req.page(title: "Community resources", ProviderPages.index(providers, filters: filters, catalog: catalog,
                                                                          mayEdit: staff.access.mayMaintainDirectory,
                                                                          mayImport: staff.access.mayImportDirectory,
                                                                          today: req.clock.today))
    }

    func show(req: Request) async throws -> Response {
        let staff = try Self.reader(req)
        let provider = try await DirectoryCommands.find(req.uuidParameter("providerID"), in: req.context())
        let catalog = try await ServiceCatalog.load(program: staff.programID, on: req.db)
        return req.page(title: provider.name, ProviderPages.show(provider, catalog: catalog, mayEdit: staff.access.mayMaintainDirectory,
                                                                 today: req.clock.today, csrf: req.csrfToken))
    }

    func new(req: Request) async throws -> Response {
        _ = try Self.editor(req)
        return try await render(req, provider: nil, input: ProviderInput(verifiedOn: req.clock.today.description))
    }

    func create(req: Request) async throws -> Response {
        let input = try req.content.decode(ProviderInput.self)
        do {
            let provider = try await DirectoryCommands.addProvider(input, in: req.context())
            req.flash("Provider added.")
            return req.redirect(to: SiteURL.provider(provider.id!).path)
        } catch let errors as FieldErrors {
            return try await render(req, provider: nil, input: input, errors: errors)
        }
    }

    func edit(req: Request) async throws -> Response {
        _ = try Self.editor(req)
        let provider = try await DirectoryCommands.find(req.uuidParameter("providerID"), in: req.context())
        return try await render(req, provider: provider, input: ProviderInput(provider))
    }

    func update(req: Request) async throws -> Response {
        var input = try req.content.decode(ProviderInput.self)
        do {
            let provider = try await DirectoryCommands.updateProvider(req.uuidParameter("providerID"), input, basedOn: BasedOn(input.version),
                                                                      in: req.context())
            req.flash("Saved.")
            return req.redirect(to: SiteURL.provider(provider.id!).path)
        } catch let errors as FieldErrors {
            let provider = try await DirectoryCommands.find(req.uuidParameter("providerID"), in: req.context())
            return try await render(req, provider: provider, input: input, errors: errors)
        } catch let stale as StaleRecord {
            let current = stale.current as! Provider
            let errors = StaleForm.messages(current: ProviderInput(current), typed: input)
            input.version = current.version
            return try await render(req, provider: current, input: input, errors: errors, status: .conflict)
        }
    }

    /// "Still right as of today": the quick way to keep the directory from going stale.
    func verify(req: Request) async throws -> Response {
        let provider = try await DirectoryCommands.verifyProvider(req.uuidParameter("providerID"), basedOn: .unknown, in: req.context())
        req.flash("Marked as verified today.")
        return req.redirect(to: SiteURL.provider(provider.id!).path)
    }

    func importForm(req: Request) async throws -> Response {
        _ = try Self.importer(req)
        return req.page(title: "Import providers", ProviderPages.importForm(result: nil, csrf: req.csrfToken))
    }

    /// Adds every good row as a new provider; bad rows are listed by line with the reasons.
    func importCSV(req: Request) async throws -> Response {
        let input = try req.content.decode(ImportInput.self)
        let text = input.file.flatMap { $0.data.readableBytes > 0 ? String(buffer: $0.data) : nil } ?? input.csv ?? ""
        let result = try await DirectoryCommands.importProviders(csv: text, in: req.context())
        let status: HTTPResponseStatus = result.entries.isEmpty && !result.problems.isEmpty ? .unprocessableEntity : .ok
        return req.page(title: "Import providers", ProviderPages.importForm(result: result, csrf: req.csrfToken), status: status)
    }

    func export(req: Request) async throws -> Response {
        let staff = try Self.reader(req)
        let providers = try await ProviderSearch.find(program: staff.programID, .init(), limit: 100_000, on: req.db)
        return .csv([ProviderDirectory.columns] + providers.map(\.csvFields), filename: "providers.csv")
    }

    // MARK: Helpers

    private func render(_ req: Request, provider: Provider?, input: ProviderInput, errors: FieldErrors = FieldErrors(),
                        status: HTTPResponseStatus? = nil) async throws -> Response {
        let catalog = try await ServiceCatalog.load(program: req.staff().programID, on: req.db)
        return req.page(title: provider == nil ? "Add a provider" : "Edit \(provider!.name)",
                        ProviderPages.form(provider, input: input, catalog: catalog, errors: errors, csrf: req.csrfToken),
                        status: status ?? (errors.isEmpty ? .ok : .unprocessableEntity))
    }

    static func reader(_ req: Request) throws -> SignedIn {
        try req.staff(allowedTo: \.worksWithFamilies)
    }

    static func editor(_ req: Request) throws -> SignedIn {
        try req.staff(allowedTo: \.mayMaintainDirectory, "The directory is kept by family services staff and their managers.")
    }

    private static func importer(_ req: Request) throws -> SignedIn {
        try req.staff(allowedTo: \.mayImportDirectory, "Imports are done by managers and directors.")
    }
}

/// A provider as typed on the form or sent to the API.
struct ProviderInput: Content, Sendable {
    var name: String?
    var categories: [String]?
    var languages: String?
    var eligibility, cost, address, hours, phone, email, website, contactName, verifiedOn: String?
    /// The version of the provider the form or request was based on.
    var version: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, categories, languages, eligibility, cost, address, hours, phone, email, website
        case contactName = "contact_name", verifiedOn = "verified_on", version
    }

    init(verifiedOn: String? = nil) { self.verifiedOn = verifiedOn }

    init(_ provider: Provider) {
        self.init(provider.entry)
        version = provider.version
    }

    init(_ entry: ProviderEntry) {
        name = entry.name
        categories = entry.categories
        languages = entry.languages.joined(separator: ", ")
        eligibility = entry.eligibility
        cost = entry.cost
        address = entry.address
        hours = entry.hours
        phone = entry.phone
        email = entry.email
        website = entry.website
        contactName = entry.contactName
        verifiedOn = entry.verifiedOn
    }

    var entry: ProviderEntry {
        ProviderEntry(name: name, categories: categories ?? [],
                      languages: (languages ?? "").split(whereSeparator: { $0 == "," || $0 == ";" }).map(String.init),
                      eligibility: eligibility, cost: cost, address: address, hours: hours, phone: phone, email: email,
                      website: website, contactName: contactName, verifiedOn: verifiedOn)
    }
}

extension ProviderInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
