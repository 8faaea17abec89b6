import SQLiteNIO
import Vapor

/// Turns every error into a response the caller can use: JSON `{ "error", "fields" }` for the API, an HTML
/// page for people. Anything that is not an expected client error is logged as a bug and shown as a 500.
struct AppErrorMiddleware: AsyncMiddleware {
    let environment: Environment

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: req)
        } catch {
            let (status, message, fields) = describe(error)
            if status.code >= 500 {
                req.logger.report(error: error)
            }
            if req.isAPI {
                let current = (error as? StaleRecord).flatMap { ($0.current as? any APIRepresentable)?.apiRepresentation(today: req.clock.today) }
                let body = APIError(error: message, fields: fields.isEmpty ? nil : fields, current: current.map(AnyEncodable.init))
                let response = Response(status: status)
                try response.content.encode(body, as: .json)
                if let stale = error as? StaleRecord {
                    response.headers.replaceOrAdd(name: .eTag, value: "\"\(stale.current.version)\"")
                }
                if status == .unauthorized { response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer") }
                return response
            }
            // A page that reached here (a report's filters, a list's page number) names each field at fault.
            let named = fields.sorted { $0.key < $1.key }.map(\.value)
            let page = ErrorPage.View(status: status, message: ([message] + named).joined(separator: " "), signedIn: req.signedIn).document()
            return page.response(status: status)
        }
    }

    private func describe(_ error: any Error) -> (HTTPResponseStatus, String, [String: String]) {
        switch error {
        case let errors as FieldErrors:
            return (.unprocessableEntity, errors.reason, errors.messages)
        case let required as VersionRequired:
            return (required.status, required.reason, ["version": "Is required: the version this change is based on."])
        case let stale as StaleRecord:
            return (stale.status, stale.reason, ["version": "Is \(stale.current.version) now."])
        case let decoding as DecodingError:
            return describe(decoding)
        case let sqlite as SQLiteError where [.busy, .busyTimeout, .busyInRecovery, .busyInSnapshot, .locked].contains(sqlite.reason):
            // Another connection held SQLite's write lock longer than the wait allows (a heavily loaded machine):
            // nothing was saved, and the same request a moment later will go through.
            return (.serviceUnavailable, "The database is busy; nothing was saved. Try again in a moment.", [:])
        case let abort as any AbortError:
            return (abort.status, abort.status.code >= 500 ? "Something went wrong on our side." : abort.reason, [:])
        default:
            return (.internalServerError, "Something went wrong on our side.", [:])
        }
    }

    /// A body that does not fit the expected shape names the field at fault.
    private func describe(_ error: DecodingError) -> (HTTPResponseStatus, String, [String: String]) {
        func name(_ path: [any CodingKey]) -> String {
            path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .typeMismatch(let type, let context):
            let field = name(context.codingPath)
            return (.unprocessableEntity, "A field has the wrong type.", [field.isEmpty ? "body" : field: "Must be \(APIError.describe(type))."])
        case .valueNotFound(_, let context):
            return (.unprocessableEntity, "A field is missing.", [name(context.codingPath): "Must not be null."])
        case .keyNotFound(let key, let context):
            return (.unprocessableEntity, "A field is missing.", [name(context.codingPath + [key]): "Is required."])
        case .dataCorrupted(let context):
            let field = name(context.codingPath)
            return (.badRequest, "The request body could not be read as JSON.", field.isEmpty ? [:] : [field: "Could not be read."])
        @unknown default:
            return (.badRequest, "The request body could not be read.", [:])
        }
    }
}

/// The API's error body.
struct APIError: Content {
    let error: String
    let fields: [String: String]?
    /// With a 409 for a stale change: the record as it is now.
    var current: AnyEncodable? = nil

    init(error: String, fields: [String: String]?, current: AnyEncodable? = nil) {
        self.error = error
        self.fields = fields
        self.current = current
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        error = try c.decode(String.self, forKey: .error)
        fields = try c.decodeIfPresent([String: String].self, forKey: .fields)
    }

    enum CodingKeys: String, CodingKey { case error, fields, current }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type, is String?.Type: "text"
        case is Bool.Type, is Bool?.Type: "true or false"
        case is Int.Type, is Int?.Type: "a whole number"
        default: "a value of another type"
        }
    }
}

/// Headers that keep pages from being framed, sniffed or cached by shared caches: family records are private.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: req)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        // The style sheet is the same for everyone and named by its content: kept for a year. Nothing else is kept.
        response.headers.replaceOrAdd(name: .cacheControl, value: req.url.path == Layout.stylesheet ? "public, max-age=31536000, immutable" : "no-store")
        if !req.isAPI {
            response.headers.replaceOrAdd(name: "Content-Security-Policy",
                                          value: "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
        }
        return response
    }
}
