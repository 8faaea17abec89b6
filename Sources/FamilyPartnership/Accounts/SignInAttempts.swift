import Fluent
import Foundation
import PartnershipRules
import SQLKit
import Vapor

/// Failed sign-ins counted per account and per client address. A try is counted before the password is
/// checked, by a conditional update on the count it read, so that many tries at once cannot all slip past the
/// throttle while the first ones are still being checked: each is counted in turn and the ones past the limit
/// are refused.
final class SignInAttempts: Model, @unchecked Sendable {
    static let schema = "sign_in_attempts"

    @ID(key: .id) var id: UUID?
    /// "account:<staff id>" or "address:<client address>".
    @Field(key: "key") var key: String
    @Field(key: "failures") var failures: Int
    @OptionalField(key: "last_failure_at") var lastFailureAt: Date?

    init() {}

    static func accountKey(_ staffID: UUID) -> String { "account:" + staffID.uuidString.lowercased() }
    static func addressKey(_ address: String) -> String { "address:" + address }

    /// The outcome of asking for a try.
    enum Reservation: Equatable {
        case granted
        /// Refused: seconds to wait, and whether the account or the address is the one held back.
        case refused(wait: Int)
    }

    /// Counts one more try under `key` unless the throttle says to wait.
    static func reserve(_ key: String, throttle: SignInThrottle, now: Date, on db: any Database) async throws -> Reservation {
        let sql = db as! any SQLDatabase
        for _ in 0..<50 {
            guard let row = try await SignInAttempts.query(on: db).filter(\.$key == key).first() else {
                let fresh = SignInAttempts()
                fresh.key = key
                fresh.failures = 1
                fresh.lastFailureAt = now
                do {
                    try await fresh.create(on: db)
                    return .granted
                } catch let error as any DatabaseError where error.isConstraintFailure {
                    continue // someone else counted the first try at the same moment: read again
                }
            }
            let failures = throttle.effectiveFailures(row.failures, lastFailure: row.lastFailureAt, now: now)
            if let wait = throttle.waitRemaining(failures: failures, lastFailure: row.lastFailureAt, now: now) {
                return .refused(wait: wait)
            }
            let counted = try await sql.update(schema)
                .set("failures", to: failures + 1)
                .set("last_failure_at", to: now)
                .where("id", .equal, row.requireID())
                .where("failures", .equal, row.failures)
                .returning("id").all()
            if !counted.isEmpty { return .granted }
        }
        return .refused(wait: 1)
    }

    /// The count after the try under `key` (for noticing a lockout).
    static func failures(_ key: String, on db: any Database) async throws -> Int {
        try await SignInAttempts.query(on: db).filter(\.$key == key).first()?.failures ?? 0
    }

    /// A successful sign-in: the account's count starts again, and the try it took is given back to the address.
    static func succeeded(account: String, address: String, on db: any Database) async throws {
        try await SignInAttempts.query(on: db).filter(\.$key == account).delete()
        try await (db as! any SQLDatabase).update(schema)
            .set("failures", to: SQLBinaryExpression(SQLIdentifier("failures"), .subtract, SQLLiteral.numeric("1")))
            .where("key", .equal, address).where("failures", .greaterThan, 0).run()
    }
}
