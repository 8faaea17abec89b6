import Foundation
import PartnershipRules
import Vapor

/// `fpp assignment-benchmark`: times the caseload solver (`CaseloadAssignment`) on a generated program-sized
/// problem — by default 5,000 families to place among 125 workers — and checks that no limit is broken.
struct AssignmentBenchmarkCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "families", help: "Families to place (default 5000).")
        var families: Int?
        @Option(name: "staff", help: "Workers (default 125).")
        var staff: Int?
        @Option(name: "runs", help: "Times to solve it (default 5).")
        var runs: Int?
    }

    var help: String { "Times the caseload assignment solver on a generated problem." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let familyCount = signature.families ?? 5_000, staffCount = signature.staff ?? 125, runs = signature.runs ?? 5
        guard (1...100_000).contains(familyCount), (1...5_000).contains(staffCount), (1...100).contains(runs) else {
            context.console.error("--families 1–100,000, --staff 1–5,000, --runs 1–100.")
            throw ExitCode(1)
        }
        let (families, workers) = Self.problem(families: familyCount, staff: staffCount)
        var times: [Double] = []
        var proposal: CaseloadAssignment.Proposal?
        for _ in 0..<runs {
            let started = ContinuousClock.now
            proposal = CaseloadAssignment.propose(families: families, workers: workers)
            let elapsed = (ContinuousClock.now - started).components
            times.append(Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
        }
        guard let proposal else { return }
        var added: [UUID: Int] = [:], weight: [UUID: Int] = [:]
        let familyWeight = Dictionary(uniqueKeysWithValues: families.map { ($0.id, $0.weight) })
        for placement in proposal.placements {
            added[placement.worker, default: 0] += 1
            weight[placement.worker, default: 0] += familyWeight[placement.family] ?? 0
        }
        let broken = workers.filter { $0.families + added[$0.id, default: 0] > $0.limit }.count
        let loads = workers.map { $0.weight + weight[$0.id, default: 0] }
        times.sort()
        context.console.info(String(format: "%d families, %d staff: median %.3f s, fastest %.3f s, slowest %.3f s over %d runs",
                                    familyCount, staffCount, times[times.count / 2], times.first!, times.last!, runs))
        context.console.info("placed \(proposal.placements.count), unplaced \(proposal.unplaced.count), limits broken \(broken), "
            + "language misses \(proposal.cost.languageMisses), continuity breaks \(proposal.cost.continuityBreaks), "
            + "workload weights from \(loads.min() ?? 0) to \(loads.max() ?? 0) (before: \(workers.map(\.weight).min() ?? 0) to \(workers.map(\.weight).max() ?? 0))")
        if broken > 0 { throw ExitCode(1) }
    }

    /// A program's worth at start-up, the tightest case: exactly as many places as families (40 a worker), workers
    /// speaking English and one of four other languages; families of every weight, a third speaking another
    /// language, a fifth with a worker they know, one in ten sharing an address with another.
    static func problem(families: Int, staff: Int) -> ([CaseloadAssignment.Family], [CaseloadAssignment.Worker]) {
        var random = SeededRandom(seed: 2026)
        let languages = ["spanish", "vietnamese", "arabic", "somali"]
        let workers = (0..<staff).map { i in
            CaseloadAssignment.Worker(id: UUID(), name: "Worker \(i)", languages: ["english", languages[i % languages.count]],
                                      families: 0, weight: 0, limit: CaseloadLimit.regulatoryMaximum)
        }
        let list = (0..<families).map { i in
            CaseloadAssignment.Family(id: UUID(), weight: 1 + random.next(6),
                                      language: random.next(3) == 0 ? languages[random.next(languages.count)] : "english",
                                      knownWorkers: random.next(5) == 0 ? [workers[random.next(staff)].id] : [],
                                      household: i % 10 == 0 ? "household \(i / 20)" : nil)
        }
        return (list, workers)
    }
}
