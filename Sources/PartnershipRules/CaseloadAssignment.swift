import Foundation

/// Proposes who should serve each family that needs a worker (new families, unassigned ones, those of a staff
/// member going on leave), as 1302.52(d)(1) asks: with the urgency and intensity of their needs in mind.
///
/// What counts, most first: no caseload above its limit (never broken; a family is left unplaced when there is
/// no room anywhere); as few families as possible left unplaced; the family's language spoken by its worker; the
/// family kept with a worker it knows and with its related households; and then workload weight spread evenly
/// (the sum of the squares of the workers' weights, smallest when the weights are equal). Each is compared only
/// when everything before it is equal.
///
/// A first proposal is made family by family, heaviest first, and improved by moving families one at a time
/// (and exchanging pairs, on small problems) while that lowers the cost. A small problem is then searched
/// exhaustively, with branches cut as soon as they cannot do better; the proposal says whether it is proven best.
public enum CaseloadAssignment {
    public struct Worker: Sendable {
        public let id: UUID
        public let name: String
        /// Lowercased language names.
        public let languages: Set<String>
        /// Families and workload weight the worker has already.
        public let families: Int
        public let weight: Int
        /// The most families the worker may have (the limit, or more under an exception in force).
        public let limit: Int

        public init(id: UUID, name: String, languages: Set<String>, families: Int, weight: Int, limit: Int) {
            self.id = id
            self.name = name
            self.languages = Set(languages.map(CaseloadAssignment.normalized))
            self.families = families
            self.weight = weight
            self.limit = limit
        }
    }

    public struct Family: Sendable {
        public let id: UUID
        public let weight: Int
        /// The languages of the family's preferred language ("Spanish and English" is both); empty when any will do.
        public let languages: Set<String>
        /// Staff the family knows (its team); keeping it with one of them is preferred.
        public let knownWorkers: Set<UUID>
        /// Related households (siblings living apart) share a key; nil when there is none.
        public let household: String?

        public init(id: UUID, weight: Int, language: String, knownWorkers: Set<UUID> = [], household: String? = nil) {
            self.id = id
            self.weight = max(1, weight)
            self.languages = CaseloadAssignment.languages(in: language)
            self.knownWorkers = knownWorkers
            self.household = household
        }
    }

    public enum Reason: Equatable, Sendable {
        case speaksLanguage(String)
        case languageNotSpoken(String)
        case knowsFamily
        case withRelatedHousehold
        /// The worker's families and workload weight once the proposal is applied.
        case workload(families: Int, weight: Int)
    }

    public struct Placement: Equatable, Sendable {
        public let family: UUID
        public let worker: UUID
        public let reasons: [Reason]
    }

    /// What a plan costs, compared field by field in this order.
    public struct Cost: Comparable, Sendable, CustomStringConvertible {
        public var unplaced = 0
        public var languageMisses = 0
        public var continuityBreaks = 0
        public var balance = 0

        public init(unplaced: Int = 0, languageMisses: Int = 0, continuityBreaks: Int = 0, balance: Int = 0) {
            self.unplaced = unplaced
            self.languageMisses = languageMisses
            self.continuityBreaks = continuityBreaks
            self.balance = balance
        }

        var fields: [Int] { [unplaced, languageMisses, continuityBreaks, balance] }

        public static func < (a: Cost, b: Cost) -> Bool { a.fields.lexicographicallyPrecedes(b.fields) }

        static func + (a: Cost, b: Cost) -> Cost {
            Cost(unplaced: a.unplaced + b.unplaced, languageMisses: a.languageMisses + b.languageMisses,
                 continuityBreaks: a.continuityBreaks + b.continuityBreaks, balance: a.balance + b.balance)
        }

        public var description: String { "\(fields)" }
    }

    public struct Proposal: Sendable {
        public let placements: [Placement]
        /// Families for whom no worker has room.
        public let unplaced: [UUID]
        public let cost: Cost
        /// The exhaustive search finished: no plan costs less.
        public let isProvenBest: Bool
    }

    /// Exhaustive search stops after visiting this many partial plans; small problems finish well within it.
    public static let defaultSearchBudget = 300_000
    /// Larger problems keep the improved first proposal: searching them would not finish.
    public static let exhaustiveUpTo = 40

    public static func propose(families: [Family], workers: [Worker], searchBudget: Int = defaultSearchBudget) -> Proposal {
        var plan = Plan(families: families, workers: workers)
        plan.placeGreedily()
        plan.improveByMoves(swaps: families.count <= 400)
        let proven = families.count <= exhaustiveUpTo && plan.searchExhaustively(budget: searchBudget)
        return plan.proposal(provenBest: proven)
    }

    /// The cost of placing families as `placement` says (nil: unplaced), or nil when a limit is broken.
    public static func cost(of placement: [UUID: UUID?], families: [Family], workers: [Worker]) -> Cost? {
        var plan = Plan(families: families, workers: workers)
        let index = Dictionary(uniqueKeysWithValues: workers.enumerated().map { ($1.id, $0) })
        for f in families.indices {
            guard let worker = placement[families[f].id] ?? nil else { continue }
            guard let w = index[worker], plan.hasRoom(w) else { return nil }
            plan.move(f, to: w)
        }
        return plan.cost
    }

    static func normalized(_ language: String) -> String {
        language.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The languages named in a family's preferred language as people write it: "Spanish and English",
    /// "Spanish/English", "Spanish, English".
    public static func languages(in text: String) -> Set<String> {
        var parts = [text.lowercased()]
        for separator in [",", "/", ";", " and ", " or ", "&"] { parts = parts.flatMap { $0.components(separatedBy: separator) } }
        return Set(parts.map(normalized).filter { !$0.isEmpty })
    }
}

/// A plan being built: where each family is, and what each worker carries.
private struct Plan {
    let families: [CaseloadAssignment.Family]
    let workers: [CaseloadAssignment.Worker]
    /// The worker index of each family, or -1 while it is unplaced.
    var at: [Int]
    var count: [Int]
    var load: [Int]
    /// Each family's related-households group (index into `groupCounts`), or -1.
    let group: [Int]
    /// For each group, how many of its families each worker has.
    var groupCounts: [[Int: Int]]
    var cost: CaseloadAssignment.Cost
    /// Families heaviest first, related households next to each other.
    let order: [Int]

    init(families: [CaseloadAssignment.Family], workers: [CaseloadAssignment.Worker]) {
        self.families = families
        self.workers = workers
        at = Array(repeating: -1, count: families.count)
        count = workers.map(\.families)
        load = workers.map(\.weight)
        var groups: [String: Int] = [:]
        group = families.map { family in
            guard let key = family.household else { return -1 }
            if let g = groups[key] { return g }
            groups[key] = groups.count
            return groups.count - 1
        }
        groupCounts = Array(repeating: [:], count: groups.count)
        cost = CaseloadAssignment.Cost(unplaced: families.count, balance: load.reduce(0) { $0 + $1 * $1 })
        var groupWeight: [Int: Int] = [:]
        for (f, g) in group.enumerated() where g >= 0 { groupWeight[g, default: 0] += families[f].weight }
        let group = group
        order = families.indices.sorted { a, b in
            let ka = group[a] >= 0 ? groupWeight[group[a]]! : families[a].weight
            let kb = group[b] >= 0 ? groupWeight[group[b]]! : families[b].weight
            if ka != kb { return ka > kb }
            if group[a] != group[b] { return group[a] > group[b] }
            if families[a].weight != families[b].weight { return families[a].weight > families[b].weight }
            return families[a].id.uuidString < families[b].id.uuidString
        }
    }

    func hasRoom(_ w: Int) -> Bool { count[w] < workers[w].limit }

    func speaks(_ f: Int, _ w: Int) -> Bool {
        families[f].languages.isEmpty || !families[f].languages.isDisjoint(with: workers[w].languages)
    }

    func knows(_ f: Int, _ w: Int) -> Bool { families[f].knownWorkers.contains(workers[w].id) }

    private func breaks(_ f: Int, _ w: Int) -> Int { !families[f].knownWorkers.isEmpty && !knows(f, w) ? 1 : 0 }

    private func splits(_ counts: [Int: Int]) -> Int { max(0, counts.values.filter { $0 > 0 }.count - 1) }

    /// What moving family `f` to worker `w` (-1: unplacing it) would change.
    func delta(_ f: Int, to w: Int) -> CaseloadAssignment.Cost {
        let from = at[f]
        var d = CaseloadAssignment.Cost()
        guard from != w else { return d }
        let weight = families[f].weight
        if from >= 0 {
            d.unplaced += 1
            d.languageMisses -= speaks(f, from) ? 0 : 1
            d.continuityBreaks -= breaks(f, from)
            d.balance += (load[from] - weight) * (load[from] - weight) - load[from] * load[from]
        }
        if w >= 0 {
            d.unplaced -= 1
            d.languageMisses += speaks(f, w) ? 0 : 1
            d.continuityBreaks += breaks(f, w)
            d.balance += (load[w] + weight) * (load[w] + weight) - load[w] * load[w]
        }
        if group[f] >= 0 {
            var counts = groupCounts[group[f]]
            let before = splits(counts)
            if from >= 0 { counts[from, default: 0] -= 1 }
            if w >= 0 { counts[w, default: 0] += 1 }
            d.continuityBreaks += splits(counts) - before
        }
        return d
    }

    mutating func move(_ f: Int, to w: Int) {
        cost = cost + delta(f, to: w)
        let from = at[f], weight = families[f].weight
        if from >= 0 {
            count[from] -= 1
            load[from] -= weight
            if group[f] >= 0 { groupCounts[group[f]][from, default: 0] -= 1 }
        }
        if w >= 0 {
            count[w] += 1
            load[w] += weight
            if group[f] >= 0 { groupCounts[group[f]][w, default: 0] += 1 }
        }
        at[f] = w
    }

    /// Each family in turn to the worker with room where it costs least.
    mutating func placeGreedily() {
        for f in order {
            var best: (w: Int, d: CaseloadAssignment.Cost)?
            for w in workers.indices where hasRoom(w) {
                let d = delta(f, to: w)
                if best == nil || d < best!.d { best = (w, d) }
            }
            if let best { move(f, to: best.w) }
        }
    }

    /// Moves single families (and, when `swaps`, exchanges two families) while that lowers the cost.
    mutating func improveByMoves(swaps: Bool) {
        let zero = CaseloadAssignment.Cost()
        for _ in 0..<50 {
            var improved = false
            for f in order {
                var best: (w: Int, d: CaseloadAssignment.Cost)?
                for w in workers.indices where w != at[f] && hasRoom(w) {
                    let d = delta(f, to: w)
                    if d < (best?.d ?? zero) { best = (w, d) }
                }
                if let best {
                    move(f, to: best.w)
                    improved = true
                }
            }
            if swaps {
                for a in order where at[a] >= 0 {
                    for b in order where at[b] >= 0 && at[b] != at[a] {
                        let wa = at[a], wb = at[b], before = cost
                        move(a, to: wb)
                        move(b, to: wa)
                        if cost < before {
                            improved = true
                        } else {
                            move(b, to: wb)
                            move(a, to: wa)
                        }
                    }
                }
            }
            if !improved { return }
        }
    }

    /// Searches every plan (families in order, each to a worker with room or unplaced), keeping the best, and
    /// cutting a branch as soon as its partial cost reaches the best found: no part of the cost ever goes down as
    /// more families are placed. Returns whether the search finished within `budget` partial plans.
    mutating func searchExhaustively(budget: Int) -> Bool {
        var best = at, bestCost = cost
        var search = self
        for f in families.indices { search.move(f, to: -1) }
        // Unplaced families are counted as the search places them, so the partial cost starts without them.
        search.cost.unplaced = 0
        var visited = 0
        var finished = true
        func visit(_ i: Int) {
            if visited >= budget { finished = false; return }
            visited += 1
            if i == search.order.count {
                if search.cost < bestCost { bestCost = search.cost; best = search.at }
                return
            }
            let f = search.order[i]
            var options = search.workers.indices.filter { search.hasRoom($0) }
                .map { (w: $0, d: search.delta(f, to: $0)) }.sorted { $0.d < $1.d }
            options.append((w: -1, d: CaseloadAssignment.Cost(unplaced: 1)))
            for option in options {
                var d = option.d
                if option.w >= 0 { d.unplaced = 0 }
                guard search.cost + d < bestCost else { continue }
                let saved = search.cost
                if option.w >= 0 {
                    search.move(f, to: option.w)
                    search.cost.unplaced = saved.unplaced
                } else {
                    search.cost.unplaced += 1
                }
                visit(i + 1)
                if option.w >= 0 { search.move(f, to: -1) }
                search.cost = saved
                if !finished { return }
            }
        }
        visit(0)
        if bestCost < cost {
            for f in families.indices { move(f, to: -1) }
            for f in order where best[f] >= 0 { move(f, to: best[f]) }
        }
        return finished
    }

    func proposal(provenBest: Bool) -> CaseloadAssignment.Proposal {
        var placements: [CaseloadAssignment.Placement] = []
        var unplaced: [UUID] = []
        for f in families.indices {
            let w = at[f]
            guard w >= 0 else { unplaced.append(families[f].id); continue }
            var reasons: [CaseloadAssignment.Reason] = []
            let languages = families[f].languages
            if let spoken = languages.intersection(workers[w].languages).sorted().first {
                reasons.append(.speaksLanguage(spoken))
            } else if !languages.isEmpty {
                reasons.append(.languageNotSpoken(languages.sorted().joined(separator: " or ")))
            }
            if knows(f, w) { reasons.append(.knowsFamily) }
            if group[f] >= 0, groupCounts[group[f]][w, default: 0] > 1 { reasons.append(.withRelatedHousehold) }
            reasons.append(.workload(families: count[w], weight: load[w]))
            placements.append(.init(family: families[f].id, worker: workers[w].id, reasons: reasons))
        }
        return .init(placements: placements, unplaced: unplaced, cost: cost, isProvenBest: provenBest)
    }
}
