import Foundation

/// A small random number generator that gives the same numbers for the same seed on every machine and every
/// Swift version (the SplitMix64 sequence), so a recorded draw can be repeated exactly.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A whole number in 0..<bound, each equally likely: values from the uneven top of the range are drawn
    /// again. Written here, not taken from the standard library, whose method may change between versions.
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        let n = UInt64(bound)
        let limit = UInt64.max - UInt64.max % n
        while true {
            let value = next()
            if value < limit { return Int(value % n) }
        }
    }
}

/// One family on a roster the program draws from.
public struct DrawCandidate: Equatable, Sendable {
    public let id: String
    /// The family said no to home visits: it is never drawn.
    public let declined: Bool
    /// The family had a visit in an earlier year: it is drawn after every family never visited.
    public let visitedBefore: Bool

    public init(id: String, declined: Bool, visitedBefore: Bool) {
        self.id = id
        self.declined = declined
        self.visitedBefore = visitedBefore
    }
}

public struct DrawResult: Equatable, Sendable {
    /// The families drawn, in the order drawn: if one says no, the next on the waiting list is asked.
    public let chosen: [String]
    /// The eligible families not drawn, in draw order.
    public let waiting: [String]
    public let declined: Int
}

/// The fair random draw of the Home Visit Partnerships model: when there is time for only some visits, families
/// are chosen at random so no one is targeted or singled out. Families visited in earlier years come after those
/// never visited, so more families are reached year over year. Attendance and behaviour are never inputs: a
/// candidate carries nothing else.
public enum FairDraw {
    public static func draw(_ roster: [DrawCandidate], places: Int, seed: UInt64) -> DrawResult {
        var generator = SeededGenerator(seed: seed)
        // Sorted first, so the same roster gives the same draw whatever order it was listed in.
        let eligible = roster.filter { !$0.declined }.sorted { $0.id < $1.id }
        let order = shuffled(eligible.filter { !$0.visitedBefore }.map(\.id), using: &generator)
            + shuffled(eligible.filter(\.visitedBefore).map(\.id), using: &generator)
        let count = min(max(places, 0), order.count)
        return DrawResult(chosen: Array(order.prefix(count)), waiting: Array(order.dropFirst(count)),
                          declined: roster.count - eligible.count)
    }

    /// Fisher–Yates, with the generator's own even choice.
    static func shuffled(_ ids: [String], using generator: inout SeededGenerator) -> [String] {
        var ids = ids
        for i in stride(from: ids.count - 1, to: 0, by: -1) {
            ids.swapAt(i, generator.below(i + 1))
        }
        return ids
    }

    /// A seed written as 16 hexadecimal digits, as the draw log records it.
    public static func seed(_ text: String) -> UInt64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard (1...16).contains(trimmed.count) else { return nil }
        return UInt64(trimmed, radix: 16)
    }

    public static func seedText(_ seed: UInt64) -> String {
        String(seed, radix: 16).leftPadded(16)
    }
}
