import Fluent
import Foundation
import PartnershipRules
import Vapor

/// One page of a list, with the token for the next page when there is one.
struct PageDTO<Item: Content>: Content {
    let items: [Item]
    let nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case items, nextCursor = "next_cursor"
    }
}

/// `limit` and `cursor` query parameters, checked.
struct PageRequest {
    let limit: Int
    let cursor: KeysetCursor?

    /// A request's paging, or 422 naming the wrong parameter.
    static func checked(_ req: Request) throws -> PageRequest {
        var errors = FieldErrors()
        let page = PageRequest(req, errors: &errors)
        try errors.throwIfAny()
        return page
    }

    /// Records problems in `errors`, so that they are reported with the other query parameters' problems.
    init(_ req: Request, errors: inout FieldErrors) {
        let rawLimit = try? req.query.get(String.self, at: "limit")
        var limit = 50
        if let rawLimit {
            if let value = Int(rawLimit), (1...200).contains(value) { limit = value } else {
                errors["limit"] = "Must be a whole number from 1 to 200."
            }
        }
        var cursor: KeysetCursor?
        if let raw = try? req.query.get(String.self, at: "cursor"), !raw.isEmpty {
            cursor = KeysetCursor(token: raw)
            if cursor == nil { errors["cursor"] = "Is not a cursor this API gave out." }
        }
        self.limit = limit
        self.cursor = cursor
    }
}

extension PageDTO {
    /// One page of a short list already in order, such as a family's team or a program's categories: the cursor
    /// is the key of the last item shown. Long lists page in the database instead (`QueryBuilder.page`).
    init<Source>(_ all: [Source], _ page: PageRequest, key: (Source) -> String, map: (Source) throws -> Item) rethrows {
        var rest = all[...]
        if let cursor = page.cursor, let index = all.firstIndex(where: { key($0) == cursor.name }) {
            rest = all[(index + 1)...]
        }
        let shown = rest.prefix(page.limit)
        items = try shown.map(map)
        nextCursor = rest.count > page.limit ? shown.last.map { KeysetCursor(key: key($0)).token } : nil
    }
}
