import Fluent
import FluentSQL
import Foundation
import SQLKit

/// Where the next page of a list starts: the sort key and id of the last row shown. Clients get it as an
/// opaque token; a page never skips or repeats rows when others are added meanwhile, as offsets would.
struct KeysetCursor: Codable, Sendable, Equatable {
    let name: String
    let id: UUID

    init(name: String, id: UUID) {
        self.name = name
        self.id = id
    }

    /// A cursor into a short list kept in order by a unique key rather than by rows' ids.
    init(key: String) {
        self.init(name: key, id: UUID(uuidString: "00000000-0000-0000-0000-000000000000")!)
    }

    var token: String {
        let data = (try? JSONEncoder().encode(self)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    init?(token: String) {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard token.count <= 400, let data = Data(base64Encoded: base64),
              let cursor = try? JSONDecoder().decode(KeysetCursor.self, from: data) else { return nil }
        self = cursor
    }
}

extension QueryBuilder where Model.IDValue == UUID {
    /// The rows after the row `id` in the order of `columns` and then id: the database compares the whole key,
    /// so rows with equal sort values are neither skipped nor repeated. Sort the query the same way.
    func after(_ id: UUID?, sortedBy columns: [String], descending: Bool = false) -> Self {
        guard let id else { return self }
        let key = (columns + ["id"]).map { "\(Model.schema).\($0)" }.joined(separator: ", ")
        let inner = (columns + ["id"]).joined(separator: ", ")
        let comparison = descending ? "<" : ">"
        return filter(.sql(SQLQueryString("(\(unsafeRaw: key)) \(unsafeRaw: comparison) (SELECT \(unsafeRaw: inner) FROM \(unsafeRaw: Model.schema) WHERE id = \(bind: id))")))
    }

    /// One page of the query in the order of `columns` (then id), starting after the request's cursor, with the
    /// cursor for the next page when there is one.
    func page(_ request: PageRequest, sortedBy columns: [String], descending: Bool = false) async throws -> (items: [Model], next: String?) {
        var query = after(request.cursor?.id, sortedBy: columns, descending: descending)
        for column in columns + ["id"] { query = query.sort(FieldKey(stringLiteral: column), descending ? .descending : .ascending) }
        let rows = try await query.limit(request.limit + 1).all()
        let shown = Array(rows.prefix(request.limit))
        let next = rows.count > request.limit ? try shown.last.map { KeysetCursor(name: "", id: try $0.requireID()).token } : nil
        return (shown, next)
    }
}
