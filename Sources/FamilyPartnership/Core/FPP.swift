import Fluent
import Vapor

/// The `fpp` executable: `serve` (the default, with `--demo` to load the demo program into an empty
/// database), `migrate`, `create-admin`, `backup`, `restore` and Vapor's `routes`.
public enum FPP {
    public static func main() async throws {
        var arguments = CommandLine.arguments
        let demo = arguments.contains("--demo")
        arguments.removeAll { $0 == "--demo" }

        var env = try Environment.detect(arguments: arguments)
        try LoggingSystem.bootstrap(from: &env)
        let app = try await Application.make(env)
        do {
            try configure(app, settings: AppSettings.fromEnvironment())
            app.asyncCommands.use(CreateAdminCommand(), as: "create-admin")
            app.asyncCommands.use(GenerateCommand(), as: "generate")
            app.asyncCommands.use(ImportFamiliesCommand(), as: "import-families")
            app.asyncCommands.use(AssignmentBenchmarkCommand(), as: "assignment-benchmark")
            app.asyncCommands.use(BackupCommand(), as: "backup")
            app.asyncCommands.use(RestoreCommand(), as: "restore")
            // A backup copies the database as it is; a restore replaces it: neither migrates it first.
            if !["backup", "restore"].contains(arguments.dropFirst().first ?? "") {
                try await prepareDatabase(app)
                _ = try await Backup.beforeMigrating(app)
                try await app.autoMigrate()
            }
            if demo { try await DemoProgram.loadIfEmpty(app, port: port(in: arguments) ?? app.http.server.configuration.port) }
            let stopEndingAbsences = isServe(arguments) ? endAbsencesHourly(app) : nil
            defer { stopEndingAbsences?() }
            try await app.execute()
        } catch let exit as ExitCode {
            // A command that said what went wrong and asked to end with this status.
            try? await app.asyncShutdown()
            Foundation.exit(exit.code)
        } catch {
            app.logger.report(error: error)
            await app.server.shutdown()
            try? await app.asyncShutdown()
            throw error
        }
        // SIGTERM or SIGINT: stop accepting connections and let the requests in flight finish, and only then
        // close the database (the app's own shutdown closes things in no particular order).
        await app.server.shutdown()
        try await app.asyncShutdown()
    }

    /// `serve` is the command asked for, or the default.
    private static func isServe(_ arguments: [String]) -> Bool {
        arguments.count < 2 || arguments[1] == "serve" || arguments[1].hasPrefix("-")
    }

    /// Ends absences whose last day has passed (`CaseloadCommands.endAbsencesPast`) now and every hour; returns
    /// what stops it.
    private static func endAbsencesHourly(_ app: Application) -> @Sendable () -> Void {
        let task = app.eventLoopGroup.next().scheduleRepeatedAsyncTask(initialDelay: .seconds(1), delay: .hours(1)) { _ in
            app.eventLoopGroup.next().makeFutureWithTask {
                do {
                    let ended = try await CaseloadCommands.endAbsencesPast(on: app.db, clock: app.clock)
                    if ended > 0 { app.logger.notice("Ended \(ended) absence(s) whose last day has passed; their families went back.") }
                } catch {
                    app.logger.report(error: error)
                }
            }
        }
        return { task.cancel() }
    }

    /// The `--port`/`-p` given to `serve`, to print the right address before the server starts.
    private static func port(in arguments: [String]) -> Int? {
        guard let index = arguments.firstIndex(where: { $0 == "--port" || $0 == "-p" }), index + 1 < arguments.count else {
            return nil
        }
        return Int(arguments[index + 1])
    }
}
