import Fluent
import Foundation
import SQLiteNIO
import SQLKit
import Vapor

/// A consistent copy of the database taken while the app runs, and bringing one back after checking it.
///
/// - SQLite: `VACUUM INTO` writes the database as one read transaction sees it, so writers go on and the copy is
///   whole (a plain file copy taken during writes is not). Restoring checks the copy's integrity and that it is
///   this app's database, keeps the current file beside it (`….before-restore-…`) and puts the copy in its place;
///   the server must be stopped first.
/// - PostgreSQL: `pg_dump`'s custom format, one snapshot too (of the configured schema, when there is one);
///   restoring checks the archive with `pg_restore --list` and restores it in one transaction, replacing the
///   objects it holds.
///
/// With a passphrase the file is sealed (`BackupCipher`); without one it is the plain database or dump.
struct Backup {
    let settings: AppSettings

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Writes the copy to `target`, which must not exist yet; returns its size in bytes.
    @discardableResult
    func make(to target: URL, passphrase: String?, on db: any Database) async throws -> Int {
        guard !FileManager.default.fileExists(atPath: target.path) else {
            throw Failure(description: "\(target.path) exists already; choose a new name.")
        }
        let plain = passphrase == nil ? target : Self.partial(beside: target)
        defer { if passphrase != nil { try? FileManager.default.removeItem(at: plain) } }
        if let url = settings.databaseURL {
            try Self.run("pg_dump", ["--format=custom", "--no-owner", "--file=\(plain.path)"]
                         + (settings.postgresSchema.map { ["--schema=\($0)"] } ?? []) + ["--dbname=\(url)"])
        } else {
            try await (db as! any SQLDatabase).raw("VACUUM INTO \(bind: plain.path)").run()
        }
        if let passphrase { try BackupCipher.encrypt(plain, to: target, passphrase: passphrase) }
        return (try FileManager.default.attributesOfItem(atPath: target.path)[.size] as? Int) ?? 0
    }

    /// Brings back the copy in `source` after checking it.
    func restore(from source: URL, passphrase: String?, threadPool: NIOThreadPool, on eventLoop: any EventLoop) async throws {
        guard FileManager.default.fileExists(atPath: source.path) else { throw Failure(description: "\(source.path) does not exist.") }
        let encrypted = try BackupCipher.isEncrypted(source)
        if encrypted && passphrase == nil { throw Failure(description: "The backup is encrypted: give its passphrase.") }
        let plain = encrypted ? Self.partial(beside: settings.databaseURL == nil ? URL(fileURLWithPath: settings.sqlitePath) : source) : source
        defer { if encrypted { try? FileManager.default.removeItem(at: plain) } }
        if encrypted, let passphrase { try BackupCipher.decrypt(source, to: plain, passphrase: passphrase) }
        if let url = settings.databaseURL {
            do { try Self.run("pg_restore", ["--list", plain.path]) } catch {
                throw Failure(description: "\(source.path) is not a PostgreSQL backup of this app (pg_restore cannot read it).")
            }
            try Self.run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", "--dbname=\(url)", plain.path])
        } else {
            try await Self.check(sqlite: plain, threadPool: threadPool, on: eventLoop)
            try replaceSQLite(with: plain, keepingSource: !encrypted)
        }
    }

    /// The copy is a sound SQLite database of this app: `integrity_check` says ok and it has run migrations.
    static func check(sqlite file: URL, threadPool: NIOThreadPool, on eventLoop: any EventLoop) async throws {
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: .file(path: file.path), threadPool: threadPool, on: eventLoop)
        } catch {
            throw Failure(description: "\(file.path) is not an SQLite database.")
        }
        do {
            let integrity: String?
            do {
                integrity = try await connection.query("PRAGMA integrity_check").first?.column("integrity_check")?.string
            } catch {
                throw Failure(description: "\(file.path) is not an SQLite database.")
            }
            guard integrity == "ok" else { throw Failure(description: "The backup fails SQLite's integrity check: \(integrity ?? "no answer").") }
            let migrated = try? await connection.query("SELECT COUNT(*) AS \"n\" FROM \"_fluent_migrations\"").first?.column("n")?.integer
            guard (migrated ?? 0) > 0 else { throw Failure(description: "The backup is not a database of this app.") }
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// Keeps the current database beside it and puts `copy` in its place (with no write-ahead log of the old).
    private func replaceSQLite(with copy: URL, keepingSource: Bool) throws {
        let files = FileManager.default
        let target = URL(fileURLWithPath: settings.sqlitePath)
        if files.fileExists(atPath: target.path) {
            let stamp = Self.stamp(Date())
            try files.moveItem(at: target, to: URL(fileURLWithPath: target.path + ".before-restore-\(stamp)"))
            for suffix in ["-wal", "-shm"] where files.fileExists(atPath: target.path + suffix) {
                try files.moveItem(atPath: target.path + suffix, toPath: target.path + ".before-restore-\(stamp)\(suffix)")
            }
        }
        if keepingSource { try files.copyItem(at: copy, to: target) } else { try files.moveItem(at: copy, to: target) }
    }

    /// A name for a file on its way, in `file`'s folder.
    static func partial(beside file: URL) -> URL {
        file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).partial-\(UUID().uuidString.prefix(8))")
    }

    /// `20261130-051536`, in UTC: for the names of files kept beside the database.
    static func stamp(_ date: Date) -> String { Display.utc(date, "yyyyMMdd-HHmmss") }

    /// Runs a PostgreSQL client program (from the PATH, or the newest under /usr/lib/postgresql); fails with what
    /// it said on standard error.
    static func run(_ program: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = try locate(program)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let said = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            // pg_dump names the database, never its password; the URL is not repeated here.
            throw Failure(description: "\(program) failed: " + String(decoding: said, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    private static func locate(_ program: String) throws -> URL {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .sorted { $0.compare($1, options: .numeric) == .orderedDescending }.map { "/usr/lib/postgresql/\($0)/bin" }
        for folder in path + versions where FileManager.default.isExecutableFile(atPath: "\(folder)/\(program)") {
            return URL(fileURLWithPath: "\(folder)/\(program)")
        }
        throw Failure(description: "\(program) was not found: install PostgreSQL's client programs (Debian: postgresql-client).")
    }
}
