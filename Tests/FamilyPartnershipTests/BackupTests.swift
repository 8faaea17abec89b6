@testable import FamilyPartnership
import Fluent
import Foundation
import SQLiteNIO
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite struct BackupTests {
    /// Every table's rows, each as the database writes it out, sorted: two snapshots are equal when every table
    /// holds the same rows.
    static func snapshot(_ sql: any SQLDatabase) async throws -> [String: [String]] {
        struct Name: Decodable { let name: String }
        struct Row: Decodable { let row: String }
        var tables: [String: [String]] = [:]
        if sql.dialect.name == "sqlite" {
            let names = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all(decoding: Name.self)
            for table in names.map(\.name) {
                let columns = try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table))").all(decoding: Name.self).map(\.name)
                let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
                tables[table] = try await sql.raw("SELECT json_array(\(unsafeRaw: list)) AS \"row\" FROM \(ident: table)").all(decoding: Row.self).map(\.row).sorted()
            }
        } else {
            let names = try await sql.raw("""
                SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                """).all(decoding: Name.self)
            for table in names.map(\.name) {
                tables[table] = try await sql.raw("SELECT row_to_json(t)::text AS \"row\" FROM \(ident: table) AS t").all(decoding: Row.self).map(\.row).sorted()
            }
        }
        return tables
    }

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fpp-backup-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func theDemoComesBackWholeFromAnEncryptedBackup() async throws {
        try await withTestApp { app, _ in
            try await DemoProgram.load(on: app.db, clock: app.clock, passwords: app.password)
            let sql = try #require(app.db as? any SQLDatabase)
            let before = try await Self.snapshot(sql)
            #expect(before["families"]?.count ?? 0 > 80 && before["audit_entries"]?.count ?? 0 > 1_000)
            let folder = try Self.folder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("demo.fppbackup")
            let passphrase = "correct horse battery staple"
            let size = try await Backup(settings: app.settings).make(to: file, passphrase: passphrase, on: app.db)
            #expect(size > 100_000)
            #expect(try BackupCipher.isEncrypted(file))
            // Sealed: no family's name can be read in it.
            #expect(try Data(contentsOf: file).range(of: Data("Alvarez".utf8)) == nil)
            await #expect(throws: Backup.Failure.self) { try await Backup(settings: app.settings).make(to: file, passphrase: nil, on: app.db) }

            var restored = app.settings
            if app.settings.databaseURL == nil {
                restored.sqlitePath = folder.appendingPathComponent("restored.sqlite").path
                try Data("an older database".utf8).write(to: URL(fileURLWithPath: restored.sqlitePath))
            } else {
                try await sql.raw("DROP SCHEMA \(ident: app.settings.postgresSchema!) CASCADE").run()
            }
            try await Backup(settings: restored).restore(from: file, passphrase: passphrase, threadPool: app.threadPool, on: app.eventLoopGroup.any())
            let after: [String: [String]]
            if app.settings.databaseURL == nil {
                let connection = try await SQLiteConnection.open(storage: .file(path: restored.sqlitePath), threadPool: app.threadPool,
                                                                 on: app.eventLoopGroup.any())
                after = try await Self.snapshot(connection.sql())
                try await connection.close()
                // The database it replaced is kept beside it.
                let kept = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("restored.sqlite.before-restore-") }
                #expect(kept.count == 1)
            } else {
                after = try await Self.snapshot(sql)
            }
            #expect(after.keys.sorted() == before.keys.sorted())
            for table in before.keys.sorted() { #expect(after[table] == before[table], "\(table)") }
        }
    }

    @Test func aDamagedOrWronglyUnlockedBackupIsRefusedWhole() async throws {
        try await withTestApp { app, _ in
            let folder = try Self.folder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("b.fppbackup")
            try await Backup(settings: app.settings).make(to: file, passphrase: "the right passphrase", on: app.db)
            let out = folder.appendingPathComponent("out")
            #expect(throws: BackupCipher.Problem.wrongPassphraseOrDamaged) {
                try BackupCipher.decrypt(file, to: out, passphrase: "the wrong passphrase")
            }
            var bytes = try Data(contentsOf: file)
            let cut = folder.appendingPathComponent("cut.fppbackup")
            try bytes.prefix(bytes.count - 100).write(to: cut)
            #expect(throws: BackupCipher.Problem.cutShort) { try BackupCipher.decrypt(cut, to: out, passphrase: "the right passphrase") }
            bytes[bytes.count / 2] ^= 0x01
            let altered = folder.appendingPathComponent("altered.fppbackup")
            try bytes.write(to: altered)
            #expect(throws: BackupCipher.Problem.wrongPassphraseOrDamaged) { try BackupCipher.decrypt(altered, to: out, passphrase: "the right passphrase") }
            // Something that is not a backup of this app is not restored, and the database stays as it was.
            let text = folder.appendingPathComponent("notes.txt")
            try Data("not a database".utf8).write(to: text)
            var target = app.settings
            target.sqlitePath = folder.appendingPathComponent("kept.sqlite").path
            await #expect(throws: Backup.Failure.self) {
                try await Backup(settings: target).restore(from: text, passphrase: nil, threadPool: app.threadPool, on: app.eventLoopGroup.any())
            }
            #expect(!FileManager.default.fileExists(atPath: target.sqlitePath))
        }
    }

    /// SQLite's copy is taken while writers go on, and is whole (a plain copy of the file then is not).
    @Test func aCopyTakenWhileWritersRunPassesTheIntegrityCheck() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withTestApp(configure: { if $0.databaseURL == nil { $0.sqlitePath = folder.appendingPathComponent("live.sqlite").path } }) { app, f in
            let writers = Task {
                var written = 0
                while !Task.isCancelled {
                    _ = try await Family.make(on: app.db, program: f.programID, name: "Writer family \(written)")
                    written += 1
                }
                return written
            }
            try await Task.sleep(for: .milliseconds(300))
            for copy in 0..<3 {
                let file = folder.appendingPathComponent("copy\(copy).backup")
                try await Backup(settings: app.settings).make(to: file, passphrase: nil, on: app.db)
                if app.settings.databaseURL == nil {
                    try await Backup.check(sqlite: file, threadPool: app.threadPool, on: app.eventLoopGroup.any())
                } else {
                    try Backup.run("pg_restore", ["--list", file.path])
                }
            }
            writers.cancel()
            let written = (try? await writers.value) ?? 0
            #expect(try await Family.query(on: app.db).filter(\.$householdName ~~ "Writer family").count() >= written)
        }
    }

    /// Before migrations change a database with data in it, a copy of it is taken.
    @Test func migratingADatabaseWithDataBacksItUpFirst() async throws {
        guard !isPostgres else { return }
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("fpp.sqlite").path
        // A new database has nothing to keep.
        try await withApp { app in
            try FamilyPartnership.configure(app, settings: testSettings { $0.sqlitePath = path })
            try await prepareDatabase(app)
            #expect(try await Backup.beforeMigrating(app) == nil)
        }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        try await withTestApp(configure: { $0.sqlitePath = path }) { app, _ in
            #expect(try await Backup.beforeMigrating(app) == nil, "nothing to migrate")
            try await (app.db as! any SQLDatabase).raw("DELETE FROM \"_fluent_migrations\" WHERE \"name\" LIKE '%M027%'").run()
            let backup = try #require(try await Backup.beforeMigrating(app))
            #expect(backup.path.hasPrefix(path + ".before-migration-"))
            try await Backup.check(sqlite: backup, threadPool: app.threadPool, on: app.eventLoopGroup.any())
        }
    }
}
