import Fluent
import Foundation
import PartnershipRules
import SQLKit
import Vapor

/// Everything a command needs and nothing of HTTP: who acts (with what their roles allow), the database, the
/// program's clock and where audit entries go. Pages, the API, the demo loader, the CLI and the tests all build
/// one and run the same commands with it.
struct Context: Sendable {
    let staff: SignedIn
    let db: any Database
    let clock: ProgramClock
    let auditor: Auditor

    /// `clock` is read in the program's own time zone when it has one.
    init(staff: SignedIn, db: any Database, clock: ProgramClock, auditor: Auditor) {
        self.staff = staff
        self.db = db
        self.clock = staff.programZone.map(clock.inZone) ?? clock
        self.auditor = auditor
    }

    var today: CalendarDate { clock.today }
    var now: Date { clock.now }
    var programID: UUID { staff.programID }

    /// Refuses with 403 and `reason` unless the acting staff member's roles allow `permission`.
    func require(_ permission: KeyPath<Access, Bool>, _ reason: String = "Your role does not allow this.") throws {
        guard staff.access[keyPath: permission] else { throw Abort(.forbidden, reason: reason) }
    }

    /// Runs `body` in one transaction: the changes and their audit entries are saved together or not at all.
    /// On SQLite the transaction takes the write lock first, so that two writers queue instead of one failing
    /// halfway (a deferred SQLite transaction that reads and then writes cannot wait for another writer).
    func transaction<T: Sendable>(_ body: @escaping @Sendable (Context) async throws -> T) async throws -> T {
        try await db.transaction { db in
            if let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" {
                try await sql.raw("DELETE FROM \(ident: WriteGate.schema)").run()
            }
            return try await body(Context(staff: staff, db: db, clock: clock, auditor: auditor))
        }
    }

    /// Writes an audit entry on this context's database (inside the transaction when the context is one).
    func audit(_ action: AuditAction, _ record: AuditRecord, family: UUID?, recordID: UUID? = nil,
               detail: String = "") async throws {
        try await auditor.entry(action, record, family: family, recordID: recordID, detail: detail, at: now).create(on: db)
    }

    /// The same actor and clock on another database handle.
    func on(_ db: any Database) -> Context {
        Context(staff: staff, db: db, clock: clock, auditor: auditor)
    }
}

/// An empty table whose only use is to be written first in every SQLite transaction (see `Context.transaction`).
enum WriteGate {
    static let schema = "write_gate"
}

extension Request {
    /// The context for commands run on behalf of the signed-in staff member.
    func context() throws -> Context {
        Context(staff: try staff(), db: db, clock: clock, auditor: auditor)
    }
}
