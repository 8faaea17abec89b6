import Foundation

/// Slows down and then locks out repeated failed sign-ins, so a password cannot be guessed by trying many.
/// The first few mistakes cost nothing; then each failure makes the next try wait longer, and from
/// `lockoutAfter` failures tries are refused for `lockout`. A success resets an account's count; failures
/// older than `forgetAfter` are forgotten.
public struct SignInThrottle: Sendable, Equatable {
    public var freeAttempts = 3
    public var lockoutAfter = 8
    public var lockout: TimeInterval = 15 * 60
    public var forgetAfter: TimeInterval = 24 * 60 * 60

    public init() {}

    /// One account: three free tries.
    public static let account = SignInThrottle()

    /// One client address, across every account: an office behind one address signs in many people, so it
    /// gets more room, but guessing across many accounts from one place is still slowed down.
    public static let address: SignInThrottle = {
        var throttle = SignInThrottle()
        throttle.freeAttempts = 20
        throttle.lockoutAfter = 40
        return throttle
    }()

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
        guard let allowed = nextAttemptAllowed(failures: effectiveFailures(failures, lastFailure: lastFailure, now: now),
                                               lastFailure: lastFailure), allowed > now else {
            return nil
        }
        return Int(allowed.timeIntervalSince(now).rounded(.up))
    }

    /// The failures that still count at `now`: none once the last one is older than `forgetAfter`.
    public func effectiveFailures(_ failures: Int, lastFailure: Date?, now: Date) -> Int {
        guard let lastFailure, now.timeIntervalSince(lastFailure) < forgetAfter else { return 0 }
        return failures
    }

    /// Whether `failures` is the count at which tries start being refused for the full lockout.
    public func isLockout(failures: Int) -> Bool { failures == lockoutAfter }
}
