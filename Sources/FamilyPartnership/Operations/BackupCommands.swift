import Fluent
import Foundation
import Vapor

/// `fpp backup FILE [--encrypt]`: a consistent copy of the database while the server runs (`Backup`).
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Where to write the backup (a new file).")
        var file: String
        @Flag(name: "encrypt", help: "Seal the backup with a passphrase (FPP_BACKUP_PASSPHRASE, or asked for).")
        var encrypt: Bool
    }

    var help: String { "Writes a consistent copy of the database (SQLite or PostgreSQL), optionally encrypted." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let passphrase = signature.encrypt ? try BackupPassphrase.read(context.console, confirm: true) : nil
        let started = ContinuousClock.now
        let bytes = try await BackupPassphrase.reporting(context.console) {
            try await Backup(settings: app.settings).make(to: URL(fileURLWithPath: signature.file), passphrase: passphrase, on: app.db)
        }
        let elapsed = ContinuousClock.now - started
        context.console.success("Wrote \(signature.file) (\(bytes / 1024) KiB\(passphrase == nil ? "" : ", encrypted")) in \(elapsed.formatted(.units(allowed: [.seconds, .milliseconds], width: .narrow))).")
    }
}

/// `fpp restore FILE`: brings back a backup after checking it. Stop the server first.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "The backup to bring back.")
        var file: String
    }

    var help: String { "Brings back a backup after checking it (stop the server first)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let source = URL(fileURLWithPath: signature.file)
        let encrypted = (try? BackupCipher.isEncrypted(source)) ?? false
        let passphrase = encrypted ? try BackupPassphrase.read(context.console, confirm: false) : nil
        try await BackupPassphrase.reporting(context.console) {
            try await Backup(settings: app.settings).restore(from: source, passphrase: passphrase, threadPool: app.threadPool,
                                                             on: app.eventLoopGroup.any())
        }
        context.console.success("Restored \(signature.file). Migrations bring it up to date when the server next starts.")
    }
}

enum BackupPassphrase {
    /// `FPP_BACKUP_PASSPHRASE`, or asked for on the terminal (twice when making a backup), or one line of standard
    /// input; at least 12 characters.
    static func read(_ console: any Console, confirm: Bool) throws -> String {
        var passphrase: String
        if let set = Environment.get("FPP_BACKUP_PASSPHRASE"), !set.isEmpty {
            passphrase = set
        } else if isatty(STDIN_FILENO) != 0 {
            passphrase = console.ask("Passphrase:", isSecure: true)
            if confirm, console.ask("The passphrase again:", isSecure: true) != passphrase {
                console.error("The two passphrases differ.")
                throw ExitCode(1)
            }
        } else {
            passphrase = readLine(strippingNewline: true) ?? ""
        }
        guard passphrase.count >= 12 else {
            console.error("The passphrase must be at least 12 characters.")
            throw ExitCode(1)
        }
        return passphrase
    }

    /// Runs `work`, turning a backup's problem into a message and exit status 1.
    static func reporting<T>(_ console: any Console, _ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let failure as Backup.Failure {
            console.error(failure.description)
            throw ExitCode(1)
        } catch let problem as BackupCipher.Problem {
            console.error(problem.description)
            throw ExitCode(1)
        }
    }
}

extension Backup {
    /// Before migrations change a database that already has data, a copy of it as it was: beside the SQLite file
    /// (`fpp.sqlite.before-migration-…`), or for PostgreSQL in `FPP_BACKUP_DIR` (the working directory by default).
    /// Returns where, or nil when nothing was to migrate or the database is new.
    static func beforeMigrating(_ app: Application) async throws -> URL? {
        let settings = app.settings
        guard settings.databaseURL != nil || settings.sqlitePath != ":memory:" else { return nil }
        try await app.migrator.setupIfNeeded().get()
        let pending = try await app.migrator.previewPrepareBatch().get().count
        guard pending > 0, pending < Migrations.all.count else { return nil }
        let stamp = Backup.stamp(Date())
        let target: URL
        if settings.databaseURL == nil {
            target = URL(fileURLWithPath: settings.sqlitePath + ".before-migration-\(stamp)")
        } else {
            let folder = Environment.get("FPP_BACKUP_DIR").flatMap { $0.isEmpty ? nil : $0 } ?? FileManager.default.currentDirectoryPath
            target = URL(fileURLWithPath: folder).appendingPathComponent("fpp-before-migration-\(stamp).pgdump")
        }
        try await Backup(settings: settings).make(to: target, passphrase: nil, on: app.db)
        app.logger.notice("\(pending) migration(s) to run: backed up the database first, to \(target.path).")
        return target
    }
}
