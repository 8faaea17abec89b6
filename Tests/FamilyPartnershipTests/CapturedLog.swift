import Logging
import NIOConcurrencyHelpers
import Vapor

/// What a test's requests log, kept for the test to read.
final class CapturedLog: LogHandler, @unchecked Sendable {
    private let events = NIOLockedValueBox<[(message: String, metadata: Logger.Metadata)]>([])
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level

    /// `.info` logs as a server does by default; `.debug` adds every query with its SQL.
    init(level: Logger.Level) { logLevel = level }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
        events.withLockedValue { $0.append(("\(event.message)", all)) }
    }

    func clear() { events.withLockedValue { $0.removeAll() } }

    /// Each line with its metadata, sorted by key: "GET /families/:familyID ms=… status=200".
    var lines: [String] {
        events.withLockedValue { $0 }.map { event in
            event.message + " " + event.metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
    }

    /// The SQL of each query logged (at debug level).
    var statements: [String] {
        events.withLockedValue { $0 }.compactMap { event in
            if case .string(let sql)? = event.metadata["sql"] { return sql }
            return nil
        }
    }
}

/// Hands each request a logger that writes to `log`.
struct CaptureLog: AsyncMiddleware {
    let log: CapturedLog
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        req.logger = Logger(label: "captured") { _ in log }
        return try await next.respond(to: req)
    }
}
