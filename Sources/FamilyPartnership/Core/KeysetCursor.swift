import Foundation

/// Where the next page of a list starts: the sort key and id of the last row shown. Clients get it as an
/// opaque token; a page never skips or repeats rows when others are added meanwhile, as offsets would.
struct KeysetCursor: Codable, Sendable, Equatable {
    let name: String
    let id: UUID

    init(name: String, id: UUID) {
        self.name = name
        self.id = id
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
