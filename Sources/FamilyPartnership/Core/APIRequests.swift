import Foundation
import PartnershipRules
import Vapor

/// A JSON body the API accepts: the fields it knows, so that an unknown (often misspelt) field is refused by
/// name instead of silently ignored.
protocol APIInput: Decodable {
    static var fields: Set<String> { get }
}

/// A record the API sends with its version, so that a 409 can carry the record as it is now.
protocol APIRepresentable {
    func apiRepresentation(today: CalendarDate) -> any Encodable & Sendable
}

extension Request {
    /// The JSON body as `Input`: 415 unless it is JSON, 422 naming any field the endpoint does not know.
    func decodeJSON<Input: APIInput>(_ type: Input.Type) throws -> Input {
        try decodeJSON(type, merging: nil)
    }

    /// PATCH: the fields sent replace those of `current`; the rest stay as they are.
    func decodePatch<Input: APIInput & Encodable>(_ type: Input.Type, over current: Input) throws -> Input {
        let encoded = try JSONEncoder().encode(current)
        let base = try JSONSerialization.jsonObject(with: encoded) as? [String: Any] ?? [:]
        return try decodeJSON(type, merging: base)
    }

    private func decodeJSON<Input: APIInput>(_ type: Input.Type, merging base: [String: Any]?) throws -> Input {
        guard headers.contentType?.type == "application", headers.contentType?.subType == "json" else {
            throw Abort(.unsupportedMediaType, reason: "Send the body as JSON (Content-Type: application/json).")
        }
        let data = body.data.map { Data($0.readableBytesView) } ?? Data()
        guard let object = (try? JSONSerialization.jsonObject(with: data, options: [])) as? [String: Any] else {
            throw Abort(.badRequest, reason: "The request body must be a JSON object.")
        }
        var unknown = FieldErrors()
        for key in object.keys where !Input.fields.contains(key) {
            unknown[key] = "Is not a field of this request."
        }
        try unknown.throwIfAny()
        var merged = base ?? [:]
        for (key, value) in object { merged[key] = value }
        let json = try JSONSerialization.data(withJSONObject: merged)
        return try JSONDecoder().decode(Input.self, from: json)
    }

    /// The version a change is based on: `If-Match` ("3", "W/\"3\"", "\"3\"") or the body's `version`.
    func basedOn(_ bodyVersion: Int?) throws -> BasedOn {
        guard let raw = headers.first(name: .ifMatch) else { return BasedOn(bodyVersion) }
        let trimmed = raw.replacingOccurrences(of: "W/", with: "").trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        guard let version = Int(trimmed), version > 0 else {
            throw FieldErrors.one("If-Match", "Must be the ETag of the record, its version number.")
        }
        if let bodyVersion, bodyVersion != version {
            throw FieldErrors.one("version", "Differs from If-Match; send one or the other.")
        }
        return .version(version)
    }
}

extension Encodable where Self: Sendable {
    /// The JSON response with the record's version as its ETag, so a client can send it back in `If-Match`.
    func response(version: Int, status: HTTPResponseStatus = .ok) throws -> Response {
        let response = Response(status: status)
        try response.content.encode(AnyEncodable(self), as: .json)
        response.headers.replaceOrAdd(name: .eTag, value: "\"\(version)\"")
        return response
    }
}

/// Any encodable value, for bodies whose type is only known at run time.
struct AnyEncodable: Encodable, Sendable {
    let value: any Encodable & Sendable

    init(_ value: any Encodable & Sendable) { self.value = value }

    func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
    }
}

/// API requests that carry a body must send JSON: anything else is 415, before any handler reads it.
struct JSONBodyMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if [.POST, .PUT, .PATCH].contains(req.method), req.headers.contentType != nil || (req.body.data?.readableBytes ?? 0) > 0 {
            guard req.headers.contentType?.type == "application", req.headers.contentType?.subType == "json" else {
                throw Abort(.unsupportedMediaType, reason: "Send the body as JSON (Content-Type: application/json).")
            }
        }
        return try await next.respond(to: req)
    }
}
