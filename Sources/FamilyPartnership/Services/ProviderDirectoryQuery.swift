import Fluent
import FluentSQL
import Foundation
import PartnershipRules
import SQLKit

/// Finding providers in the program's directory by name, category and language.
enum ProviderSearch {
    struct Filters: Sendable, Equatable {
        var name: String?
        var category: String?
        var language: String?

        var isEmpty: Bool { name == nil && category == nil && language == nil }
    }

    static func find(program: UUID, _ filters: Filters, limit: Int = 500, on db: any Database) async throws -> [Provider] {
        try await query(program: program, filters, on: db).sort(\.$name).sort(\.$id).limit(limit).all()
    }

    /// The program's providers matching `filters`, unsorted.
    static func query(program: UUID, _ filters: Filters, on db: any Database) -> QueryBuilder<Provider> {
        var query = Provider.query(on: db).filter(\.$program.$id == program)
        if let name = filters.name.flatMap(FamilyIndex.likePattern) {
            query = query.filter(.sql(SQLBinaryExpression(SQLFunction("lower", args: SQLColumn("name")), .like, SQLBind(name))))
        }
        if let category = filters.category {
            // A key from the catalog: its "_" matches itself (and, as a LIKE wildcard, nothing a key could hide).
            query = query.filter(\.$categoriesList, .custom("LIKE"), "%,\(category),%")
        }
        if let language = filters.language.flatMap(FamilyIndex.likePattern) {
            query = query.filter(.sql(SQLBinaryExpression(SQLFunction("lower", args: SQLColumn("languages")), .like, SQLBind(language))))
        }
        return query
    }
}
