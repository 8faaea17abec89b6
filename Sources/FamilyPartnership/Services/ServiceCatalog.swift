import Fluent
import Foundation
import PartnershipRules

/// A service category a program adds for needs it meets that no PIR item counts (say, "diaper bank").
final class CustomCategory: Model, @unchecked Sendable {
    static let schema = "program_service_categories"

    @ID(key: .id) var id: UUID?
    @Parent(key: "program_id") var program: Program
    @Field(key: "key") var key: String
    @Field(key: "label") var label: String
    @Field(key: "follow_up_days") var followUpDays: Int
    /// Shared only under a health consent, like the built-in health categories.
    @Field(key: "is_health_related") var isHealthRelated: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// The service categories a program uses: the built-in ones and its own. Needs, referrals, services and the
/// directory all check categories against this one list.
struct ServiceCatalog: Sendable {
    struct Category: Sendable {
        let key: String
        let label: String
        let followUp: FollowUpTime
        let isBuiltIn: Bool
        /// Needs, referrals and services in a health-related category are shared only under a health consent.
        let isHealthRelated: Bool
    }

    let categories: [Category]

    static func load(program: UUID, on db: any Database) async throws -> ServiceCatalog {
        let own = try await CustomCategory.query(on: db).filter(\.$program.$id == program).sort(\.$label).all()
        return ServiceCatalog(categories: ServiceCategory.allCases.map {
            Category(key: $0.rawValue, label: $0.label, followUp: $0.defaultFollowUp, isBuiltIn: true,
                     isHealthRelated: RecordCategory.isHealthService($0.rawValue))
        } + own.map { Category(key: $0.key, label: $0.label, followUp: .days($0.followUpDays), isBuiltIn: false,
                               isHealthRelated: $0.isHealthRelated) })
    }

    /// Where records in `key` belong when they are shared: health or ordinary services.
    func sharingCategory(_ key: String) -> RecordCategory {
        RecordCategory.of(serviceCategory: key, healthRelated: category(key)?.isHealthRelated)
    }

    func category(_ key: String) -> Category? { categories.first { $0.key == key } }

    func label(_ key: String) -> String { category(key)?.label ?? key }

    /// What may be written for a category (its key or its label, any case) to its key.
    var lookup: [String: String] {
        var map: [String: String] = [:]
        for category in categories {
            map[category.key.lowercased()] = category.key
            map[category.label.lowercased()] = category.key
        }
        return map
    }

    var options: [(value: String, label: String)] { categories.map { ($0.key, $0.label) } }

    /// The checked category key for a form or API field.
    func choice(_ raw: String?, label: String = "Service category", required: Bool = true) -> Result<String?, FieldProblem> {
        guard let value = FieldRules.trimmed(raw) else {
            return required ? .failure(FieldProblem("Choose a \(label.lowercased()).")) : .success(nil)
        }
        guard let key = category(value)?.key else {
            return .failure(FieldProblem("\(label) must be one of your program's service categories."))
        }
        return .success(key)
    }
}
