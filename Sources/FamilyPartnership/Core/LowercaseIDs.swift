import Foundation

/// Record ids are written in lower case everywhere: in JSON as in page URLs and forms, so that a client can
/// compare them as text. (Foundation writes UUIDs in upper case.) Inputs accept either case.
extension KeyedEncodingContainer {
    mutating func encode(_ value: UUID, forKey key: Key) throws {
        try encode(value.uuidString.lowercased(), forKey: key)
    }

    mutating func encodeIfPresent(_ value: UUID?, forKey key: Key) throws {
        guard let value else { return }
        try encode(value.uuidString.lowercased(), forKey: key)
    }

    mutating func encode(_ values: [UUID], forKey key: Key) throws {
        try encode(values.map { $0.uuidString.lowercased() }, forKey: key)
    }

    mutating func encodeIfPresent(_ values: [UUID]?, forKey key: Key) throws {
        guard let values else { return }
        try encode(values.map { $0.uuidString.lowercased() }, forKey: key)
    }
}
