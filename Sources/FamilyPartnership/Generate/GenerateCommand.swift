import Fluent
import Foundation
import SQLKit
import Vapor

/// `fpp generate --families N --seed S`: fills an empty database (SQLite, or `DATABASE_URL`) with a realistic
/// program of N families, the same for the same seed, to measure the app at the size of a real program.
struct GenerateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "families", help: "How many families (default 10000).")
        var families: Int?
        @Option(name: "seed", help: "The seed: the same seed gives the same program (default 2026).")
        var seed: Int?
    }

    var help: String { "Fills an empty database with a generated program of N families, for benchmarks." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let families = signature.families ?? 10_000
        guard (1...1_000_000).contains(families) else {
            context.console.error("--families: must be a whole number from 1 to 1,000,000.")
            throw ExitCode(1)
        }
        try await prepareForBulkLoad(context.application)
        // How long it took, on the monotonic clock: a duration, not a date.
        let started = ContinuousClock.now
        var generator = ProgramGenerator(families: families, seed: UInt64(clamping: signature.seed ?? 2026), clock: context.application.clock)
        let summary = try await generator.run(on: context.application.db, passwords: context.application.password) { line in
            context.console.info(line)
        }
        if context.application.settings.databaseURL == nil, let sql = context.application.db as? any SQLDatabase {
            // Statistics for the query planner over the whole file, as a server start would take them.
            try await refreshPlannerStatistics(sql)
        }
        let elapsed = (ContinuousClock.now - started).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        context.console.success("Generated \(summary.families) families, \(summary.staff) staff and \(summary.rows) rows in "
            + String(format: "%.1f s", seconds) + ". Staff sign in as family-service-worker1@generated.fpp.test (and so on) "
            + "with password \"\(ProgramGenerator.password)\".")
    }

    /// SQLite: a page cache large enough for the indexes being filled (random ids touch pages all over them;
    /// SQLite's default 2 MB cache makes each insert read from the file) and no syncing. A new program's
    /// file is made for measuring: if the machine fails halfway, it is generated again.
    private func prepareForBulkLoad(_ app: Application) async throws {
        guard app.settings.databaseURL == nil else { return }
        for eventLoop in app.eventLoopGroup.makeIterator() {
            guard let sql = app.databases.database(logger: app.logger, on: eventLoop) as? any SQLDatabase else { continue }
            try await sql.raw("PRAGMA cache_size = -1048576").run()
            try await sql.raw("PRAGMA synchronous = OFF").run()
        }
    }
}
