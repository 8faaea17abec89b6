import Fluent
import FluentSQL
import Foundation
import PartnershipRules
import SQLKit
import Vapor

/// The family list: search and filters, ordered by household name, read a page at a time by keyset.
/// Used by the home page and by `GET /api/v1/families`.
enum FamilyIndex {
    struct Filters: Sendable, Equatable {
        var search: String?
        var status: EnrollmentStatus?
        var siteID: UUID?
    }

    typealias Cursor = KeysetCursor

    struct Page: Sendable {
        let families: [Family]
        let next: Cursor?
    }

    static func query(staff: SignedIn, filters: Filters, after cursor: Cursor?, limit: Int,
                      on db: any Database) async throws -> Page {
        var query = Family.visible(to: staff, on: db).with(\.$site)
        if let status = filters.status { query = query.filter(\.$enrollmentStatus == status) }
        if let siteID = filters.siteID { query = query.filter(\.$site.$id == siteID) }
        if let search = filters.search.flatMap(likePattern) {
            // A member's name is looked for in each family the staff member may see (through the members'
            // family index), never across the whole program's members.
            let member: SQLQueryString = """
                EXISTS (SELECT 1 FROM \(ident: FamilyMember.schema) AS "m" WHERE "m"."family_id" = \(ident: Family.schema)."id" \
                AND lower("m"."name") LIKE \(bind: search))
                """
            query = query.filter(.sql(SQLGroupExpression(SQLBinaryExpression(
                SQLBinaryExpression(SQLFunction("lower", args: SQLColumn("household_name", table: Family.schema)), .like, SQLBind(search)),
                .or, member))))
        }
        if let cursor {
            query = query.group(.or) { or in
                or.filter(\.$householdName > cursor.name)
                or.group(.and) { and in
                    and.filter(\.$householdName == cursor.name).filter(\.$id > cursor.id)
                }
            }
        }
        let rows = try await query.sort(\.$householdName).sort(\.$id).limit(limit + 1).all()
        let page = Array(rows.prefix(limit))
        let next = rows.count > limit ? page.last.map { Cursor(name: $0.householdName, id: $0.id!) } : nil
        return Page(families: page, next: next)
    }

    /// `%term%` in lower case, with LIKE's wildcards taken out of what was typed.
    static func likePattern(_ raw: String) -> String? {
        let term = raw.lowercased().filter { $0 != "%" && $0 != "_" && $0 != "\\" }
            .trimmingCharacters(in: .whitespaces)
        return term.isEmpty ? nil : "%\(term)%"
    }
}
