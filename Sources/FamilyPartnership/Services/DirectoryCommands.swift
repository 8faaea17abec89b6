import Fluent
import Foundation
import PartnershipRules
import Vapor

/// Every change to the community resource directory and the program's own service categories: the one writer
/// of those records.
enum DirectoryCommands {
    static func find(_ id: UUID, in ctx: Context) async throws -> Provider {
        try ctx.require(\.worksWithFamilies)
        guard let provider = try await Provider.query(on: ctx.db).filter(\.$id == id)
            .filter(\.$program.$id == ctx.programID).first() else { throw Abort(.notFound) }
        return provider
    }

    static func addProvider(_ input: ProviderInput, in ctx: Context) async throws -> Provider {
        try ctx.require(\.mayMaintainDirectory, "The directory is kept by family services staff and their managers.")
        let provider = Provider()
        provider.$program.id = ctx.programID
        provider.apply(try await checked(input, in: ctx))
        try await provider.create(on: ctx.db)
        return provider
    }

    /// Replaces a provider's details, if it is still at the version the change is based on.
    static func updateProvider(_ id: UUID, _ input: ProviderInput, basedOn: BasedOn, in ctx: Context) async throws -> Provider {
        try ctx.require(\.mayMaintainDirectory, "The directory is kept by family services staff and their managers.")
        let provider = try await find(id, in: ctx)
        let expected = try basedOn.required()
        provider.apply(try await checked(input, in: ctx))
        try await ctx.transaction { ctx in try await provider.save(expecting: expected, in: ctx) }
        return provider
    }

    /// "Still right as of today": the quick way to keep the directory from going stale.
    static func verifyProvider(_ id: UUID, basedOn: BasedOn, in ctx: Context) async throws -> Provider {
        try ctx.require(\.mayMaintainDirectory, "The directory is kept by family services staff and their managers.")
        let provider = try await find(id, in: ctx)
        let expected = try basedOn.or(provider)
        provider.verifiedOn = ctx.today.description
        try await ctx.transaction { ctx in try await provider.save(expecting: expected, in: ctx) }
        return provider
    }

    /// Adds every good line of a CSV as a new provider, in one transaction; bad lines come back with their reasons.
    static func importProviders(csv text: String, in ctx: Context) async throws -> ProviderDirectory.ImportResult {
        try ctx.require(\.mayImportDirectory, "Imports are done by managers and directors.")
        let catalog = try await ServiceCatalog.load(program: ctx.programID, on: ctx.db)
        let result = ProviderDirectory.read(csv: text, categories: catalog.lookup, today: ctx.today)
        try await ctx.transaction { ctx in
            for (_, entry) in result.entries {
                let provider = Provider()
                provider.$program.id = ctx.programID
                provider.apply(entry)
                try await provider.create(on: ctx.db)
            }
        }
        return result
    }

    private static func checked(_ input: ProviderInput, in ctx: Context) async throws -> ProviderEntry {
        let catalog = try await ServiceCatalog.load(program: ctx.programID, on: ctx.db)
        switch input.entry.checked(categories: catalog.lookup, today: ctx.today) {
        case .success(let entry):
            return entry
        case .failure(let problems):
            var errors = FieldErrors()
            for (field, message) in problems.messages { errors[field] = message }
            throw errors
        }
    }

    // MARK: The program's own service categories

    struct CategoryInput: Content, Sendable {
        var label: String?
        var followUpDays: String?
        /// Health-related: shared only under a health consent.
        var healthRelated: Bool?
        enum CodingKeys: String, CodingKey, CaseIterable { case label, followUpDays = "follow_up_days", healthRelated = "health_related" }

        init(label: String? = nil, followUpDays: String? = nil, healthRelated: Bool? = nil) {
            self.label = label
            self.followUpDays = followUpDays
            self.healthRelated = healthRelated
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            label = try c.decodeIfPresent(String.self, forKey: .label)
            followUpDays = try c.decodeLooseNumber(.followUpDays)
            healthRelated = try c.decodeFlag(.healthRelated)
        }
    }

    /// Adds one of the program's own service categories: one that no PIR item counts.
    static func addCategory(_ input: CategoryInput, in ctx: Context) async throws -> CustomCategory {
        try ctx.require(\.mayChangeProgramSettings, "Program settings are changed by the director.")
        var errors = FieldErrors()
        let label = errors.take("label", FieldRules.text(input.label, label: "Category name", required: true, max: 80)) ?? nil
        let days = Int(FieldRules.trimmed(input.followUpDays) ?? "")
        if let problem = AgreementSchedule.problem(days: days, label: "Days to follow up a referral") { errors["follow_up_days"] = problem.message }
        let catalog = try await ServiceCatalog.load(program: ctx.programID, on: ctx.db)
        let key = label.map(categoryKey) ?? ""
        if label != nil, key.isEmpty { errors["label"] = "Give the category a name with letters or digits." }
        if let label, catalog.category(key) != nil || catalog.lookup[label.lowercased()] != nil {
            errors["label"] = "There is already a category called that."
        }
        try errors.throwIfAny()
        let category = CustomCategory()
        category.$program.id = ctx.programID
        category.key = key
        category.label = label!
        category.followUpDays = days!
        category.isHealthRelated = input.healthRelated ?? false
        try await category.create(on: ctx.db)
        return category
    }

    /// "Diaper bank" → "diaper-bank".
    static func categoryKey(_ label: String) -> String {
        let words = label.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) || !$0.isASCII })
        return String(words.joined(separator: "-").prefix(60))
    }
}
