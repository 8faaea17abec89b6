import Foundation

/// Slows down and then locks out repeated failed sign-ins to one account, so a password cannot be guessed
/// by trying many. The first few mistakes cost nothing; then each failure makes the account wait longer,
/// and from `lockoutAfter` failures the account is locked for `lockout`. A success resets the count.
public struct SignInThrottle: Sendable {
    public var freeAttempts = 3
    public var lockoutAfter = 8
    public var lockout: TimeInterval = 15 * 60

    public init() {}

    /// When the next attempt may be made after `failures` consecutive failures, the last at `lastFailure`.
    public func nextAttemptAllowed(failures: Int, lastFailure: Date?) -> Date? {
        guard failures >= freeAttempts, let last = lastFailure else { return nil }
        if failures >= lockoutAfter { return last.addingTimeInterval(lockout) }
        // 3 failures: 5 s, 4: 10 s, 5: 20 s ... doubling until the lockout.
        let wait = 5 * pow(2, Double(failures - freeAttempts))
        return last.addingTimeInterval(min(wait, lockout))
    }

    /// Seconds still to wait at `now`, or nil if an attempt may be made.
    public func waitRemaining(failures: Int, lastFailure: Date?, now: Date) -> Int? {
        guard let allowed = nextAttemptAllowed(failures: failures, lastFailure: lastFailure), allowed > now else {
            return nil
        }
        return Int(allowed.timeIntervalSince(now).rounded(.up))
    }
}
