import Foundation
import PartnershipRules
import Testing

@Suite struct CaseloadLimitTests {
    let day = CalendarDate("2026-11-30")!

    @Test func theFortyFirstFamilyIsRefusedUnlessAnExceptionIsInForce() {
        let limit = CaseloadLimit.standard
        #expect(limit.refusal(name: "Monica", current: 39, on: day, exceptions: []) == nil)
        let refusal = limit.refusal(name: "Monica", current: 40, on: day, exceptions: [])
        #expect(refusal?.contains("1302.52(d)(2)") == true)
        #expect(refusal?.contains("41 would be over the 40 allowed") == true)
        let absence = CaseloadException(kind: .staffAbsence, startsOn: day.adding(days: -3), endsOn: day.adding(days: 30), upTo: 44)
        #expect(limit.refusal(name: "Monica", current: 40, on: day, exceptions: [absence]) == nil)
        #expect(limit.refusal(name: "Monica", current: 44, on: day, exceptions: [absence])?.contains("under the exception") == true)
        // Before it starts and after it ends, the limit is the limit again.
        #expect(limit.refusal(name: "Monica", current: 40, on: day.adding(days: -4), exceptions: [absence]) != nil)
        #expect(limit.refusal(name: "Monica", current: 40, on: day.adding(days: 31), exceptions: [absence]) != nil)
        #expect(limit.allowed(on: day.adding(days: 30), exceptions: [absence]) == 44)
        // A program's lower limit applies as it is.
        #expect(CaseloadLimit(families: 32, roles: [.familyServiceWorker]).refusal(name: "Keisha", current: 32, on: day, exceptions: []) != nil)
    }

    @Test func theProgramsLimitIsNeverAboveFortyAndCountsCaseloadRolesOnly() throws {
        #expect(try CaseloadLimit.families("35").get() == 35)
        #expect(try CaseloadLimit.roles(["family_service_worker", "home_visitor"]).get() == [.familyServiceWorker, .homeVisitor])
        for bad in ["41", "0", "forty", ""] {
            #expect(throws: FieldProblem.self) { try CaseloadLimit.families(bad).get() }
        }
        #expect(throws: FieldProblem.self) { try CaseloadLimit.roles([]).get() }
        #expect(throws: FieldProblem.self) { try CaseloadLimit.roles(["partner"]).get() }
        #expect(throws: FieldProblem.self) { try CaseloadLimit.roles(["boss"]).get() }
        #expect(CaseloadLimit.standard.applies(to: [.familyServiceWorker, .teacher]))
        #expect(!CaseloadLimit.standard.applies(to: [.teacher, .manager]))
    }

    @Test func workloadGrowsWithUrgencyAndIntensityUpToTheHeaviest() {
        #expect(Workload.weight(of: []) == 1)
        #expect(Workload.weight(of: [(.routine, .light)]) == 1)
        #expect(Workload.weight(of: [(.urgent, .intensive)]) == 5)
        #expect(Workload.weight(of: [(.soon, .moderate), (.urgent, .light)]) == 5)
        #expect(Workload.weight(of: Array(repeating: (.urgent, .intensive), count: 5)) == Workload.heaviest)
    }
}

@Suite struct CaseloadAssignmentTests {
    typealias Assignment = CaseloadAssignment

    /// A fixed sequence of "random" numbers, so that a failure can be repeated.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let languages = ["english", "spanish", "vietnamese"]

    static func problem(seed: UInt64, families: Int, workers: Int) -> ([Assignment.Family], [Assignment.Worker]) {
        var rng = SeededGenerator(state: seed)
        let staff = (0..<workers).map { i in
            Assignment.Worker(id: UUID(), name: "W\(i)", languages: ["english", languages[Int.random(in: 0..<3, using: &rng)]],
                              families: Int.random(in: 0...3, using: &rng), weight: Int.random(in: 0...8, using: &rng),
                              limit: Int.random(in: 3...6, using: &rng))
        }
        let households = ["a", "b", nil, nil, nil]
        let list = (0..<families).map { _ in
            Assignment.Family(id: UUID(), weight: Int.random(in: 1...6, using: &rng), language: languages.randomElement(using: &rng)!,
                              knownWorkers: Bool.random(using: &rng) ? [staff.randomElement(using: &rng)!.id] : [],
                              household: households.randomElement(using: &rng)!)
        }
        return (list, staff)
    }

    /// Every way of placing the families (each with a worker or unplaced), the cheapest that keeps every limit.
    static func exhaustiveBest(_ families: [Assignment.Family], _ workers: [Assignment.Worker]) -> Assignment.Cost {
        var best: Assignment.Cost?
        var choice = Array(repeating: -1, count: families.count)
        func visit(_ i: Int) {
            if i == families.count {
                var placement: [UUID: UUID?] = [:]
                for (f, w) in choice.enumerated() { placement[families[f].id] = w >= 0 ? workers[w].id : nil }
                if let cost = Assignment.cost(of: placement, families: families, workers: workers), best == nil || cost < best! {
                    best = cost
                }
                return
            }
            for w in -1..<workers.count {
                choice[i] = w
                visit(i + 1)
            }
        }
        visit(0)
        return best!
    }

    static func checkLimits(_ proposal: Assignment.Proposal, _ workers: [Assignment.Worker]) {
        var added: [UUID: Int] = [:]
        for placement in proposal.placements { added[placement.worker, default: 0] += 1 }
        for worker in workers {
            #expect(worker.families + added[worker.id, default: 0] <= max(worker.limit, worker.families), "\(worker.name) over the limit")
        }
    }

    @Test(arguments: 1...40)
    func findsTheBestPlanOnSmallProblems(seed: Int) {
        let (families, workers) = Self.problem(seed: UInt64(seed), families: 3 + seed % 4, workers: 2 + seed % 2)
        let proposal = Assignment.propose(families: families, workers: workers)
        Self.checkLimits(proposal, workers)
        #expect(proposal.isProvenBest)
        #expect(proposal.cost == Self.exhaustiveBest(families, workers), "seed \(seed)")
        #expect(proposal.placements.count + proposal.unplaced.count == families.count)
        // Its first proposal, without the search, is already close: never more families unplaced.
        let quick = Assignment.propose(families: families, workers: workers, searchBudget: 0)
        #expect(quick.cost.unplaced == proposal.cost.unplaced)
    }

    @Test func matchesLanguagesKeepsRelatedHouseholdsAndSpreadsTheWork() {
        let spanish = Assignment.Worker(id: UUID(), name: "Monica", languages: ["English", "Spanish"], families: 39, weight: 90, limit: 40)
        let vietnamese = Assignment.Worker(id: UUID(), name: "Hoa", languages: ["English", "Vietnamese"], families: 20, weight: 40, limit: 40)
        let english = Assignment.Worker(id: UUID(), name: "Keisha", languages: ["English"], families: 10, weight: 10, limit: 40)
        let garcia = Assignment.Family(id: UUID(), weight: 4, language: "Spanish")
        let tran = Assignment.Family(id: UUID(), weight: 2, language: "Vietnamese", household: "12 Elm St")
        let le = Assignment.Family(id: UUID(), weight: 1, language: "English", household: "12 Elm St")
        let smith = Assignment.Family(id: UUID(), weight: 3, language: "English", knownWorkers: [spanish.id])
        let proposal = Assignment.propose(families: [garcia, tran, le, smith], workers: [spanish, vietnamese, english])
        let worker = Dictionary(uniqueKeysWithValues: proposal.placements.map { ($0.family, $0.worker) })
        #expect(worker[garcia.id] == spanish.id)
        #expect(Assignment.languages(in: "Spanish/English, or Somali") == ["spanish", "english", "somali"])
        #expect(worker[tran.id] == vietnamese.id)
        #expect(worker[le.id] == vietnamese.id, "related households stay together")
        // Monica knows the Smiths, but has room for one more family only: the Garcias need her Spanish.
        #expect(worker[smith.id] != spanish.id)
        let reasons = proposal.placements.first { $0.family == tran.id }!.reasons
        #expect(reasons.contains(.speaksLanguage("vietnamese")) && reasons.contains(.withRelatedHousehold))
        #expect(reasons.contains(.workload(families: 22, weight: 43)))
    }

    @Test func leavesFamiliesUnplacedRatherThanBreakALimit() {
        let full = Assignment.Worker(id: UUID(), name: "Full", languages: ["english"], families: 40, weight: 100, limit: 40)
        let oneLeft = Assignment.Worker(id: UUID(), name: "One", languages: ["english"], families: 39, weight: 100, limit: 40)
        let families = (0..<3).map { _ in Assignment.Family(id: UUID(), weight: 2, language: "English") }
        let proposal = Assignment.propose(families: families, workers: [full, oneLeft])
        #expect(proposal.placements.map(\.worker) == [oneLeft.id])
        #expect(proposal.unplaced.count == 2)
    }

    @Test func aProgramSizedProblemKeepsEveryLimit() {
        var rng = SeededGenerator(state: 7)
        let workers = (0..<125).map { i in
            Assignment.Worker(id: UUID(), name: "W\(i)", languages: ["english", Self.languages[i % 3]],
                              families: Int.random(in: 0...20, using: &rng), weight: 0, limit: 40)
        }
        let families = (0..<2_000).map { i in
            Assignment.Family(id: UUID(), weight: Int.random(in: 1...6, using: &rng), language: Self.languages[i % 3],
                              household: i % 10 == 0 ? "h\(i / 20)" : nil)
        }
        let proposal = Assignment.propose(families: families, workers: workers)
        Self.checkLimits(proposal, workers)
        #expect(proposal.unplaced.isEmpty)
        #expect(proposal.cost.languageMisses == 0)
    }
}
