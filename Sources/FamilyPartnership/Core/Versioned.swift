import Fluent
import Foundation
import SQLKit
import Vapor

/// A record people edit. It carries a version that goes up with every change; a change says which version it
/// is based on, and a change based on an older one is refused rather than silently applied.
protocol Versioned: Model where IDValue == UUID {
    var version: Int { get set }
}

extension Versioned {
    /// Saves this record's changes only if the stored record is still at version `expected`; the version goes
    /// up by one. The check and the claim are one conditional update inside the caller's transaction, so of two
    /// changes based on the same version exactly one wins and the other gets `StaleRecord`.
    func save(expecting expected: Int, in ctx: Context) async throws {
        guard let sql = ctx.db as? any SQLDatabase else { throw Abort(.internalServerError) }
        let id = try requireID()
        let claimed = try await sql.update(Self.schema)
            .set(SQLIdentifier("version"), to: SQLBinaryExpression(SQLIdentifier("version"), .add, SQLLiteral.numeric("1")))
            .where(SQLIdentifier("id"), .equal, SQLBind(id))
            .where(SQLIdentifier("version"), .equal, SQLBind(expected))
            .returning(SQLIdentifier("id"))
            .all()
        guard !claimed.isEmpty else {
            throw StaleRecord(current: try await Self.find(id, on: ctx.db) ?? self)
        }
        version = expected + 1
        try await save(on: ctx.db)
    }
}

/// The version a change is based on: what the client sent, or for changes that do not need one (a state change
/// checked against the current state), the version the command loaded.
enum BasedOn: Sendable, Equatable {
    case version(Int)
    /// No version was sent.
    case unknown

    init(_ version: Int?) {
        self = version.map { .version($0) } ?? .unknown
    }

    /// The version sent, or 428 naming the field: an edit must say what it was based on.
    func required() throws -> Int {
        guard case .version(let version) = self else { throw VersionRequired() }
        return version
    }

    /// The version of the record as just loaded, which the change will claim. A version sent that is not the
    /// loaded one is stale: refused at once, before the change is checked against a state the sender never saw.
    func or(_ loaded: some Versioned) throws -> Int {
        if case .version(let version) = self, version != loaded.version { throw StaleRecord(current: loaded) }
        return loaded.version
    }
}

/// Someone else changed the record since the version the change was based on. `current` is the record as
/// stored now: the API answers 409 with it, a page shows it beside what was typed.
struct StaleRecord: Error, @unchecked Sendable {
    let current: any Versioned
}

extension StaleRecord: AbortError {
    var status: HTTPResponseStatus { .conflict }
    var reason: String {
        "Someone else changed this record since you opened it (it is now at version \(current.version)). Nothing was saved."
    }
}

/// An edit sent without the version it is based on.
struct VersionRequired: AbortError {
    var status: HTTPResponseStatus { .preconditionRequired }
    var reason: String { "Say which version of the record this change is based on: send If-Match or a version field." }
}
