@testable import FamilyPartnership
import Fluent
import FluentSQLiteDriver
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// The pages a family service worker opens all day read through indexes: `EXPLAIN QUERY PLAN` finds no full scan
/// of a table that grows with the program (families, their members, records and the audit log).
@Suite struct QueryPlanTests {
    static let growing: Set<String> = [
        "families", "family_members", "family_team_members", "audit_entries", "assessments", "family_needs", "agreements",
        "goals", "action_steps", "progress_notes", "referrals", "referral_events", "services", "visits", "visit_staff",
        "visit_children", "contacts", "consents", "disclosures", "record_requests", "agency_plans", "goal_versions",
    ]

    @Test func aWorkersPagesReadThroughIndexes() async throws {
        try await withTestApp { app, f in
            guard !isPostgres else { return }
            let log = CapturedLog(level: .debug)
            app.middleware.use(CaptureLog(log: log), at: .beginning)
            let client = TestClient(app)
            try await client.signIn(f.email(.familyServiceWorker))
            let family = "/families/\(f.family.id!.path)"
            let agreement = try await Agreement.make(family: f.family.id!, program: f.programID, on: app.db)
            let goal = try await Goal.make(in: agreement, "Read together every evening", on: app.db)
            for path in ["/", "/?q=riv", family, "\(family)/agreement", "/visits", "\(family)/visits/new", "\(family)/goals/\(goal.id!.path)",
                         "\(family)/history/upcoming", "\(family)/history/referrals", "\(family)/history/services", "/visits/week",
                         "/visits/week?week=2026-12-09", "\(family)/referrals/new?category=employment"] {
                log.clear()
                #expect(try await client.get(path).status == .ok, "\(path)")
                let sql = try #require(app.db as? any SQLDatabase)
                for statement in Set(log.statements) where statement.hasPrefix("SELECT") {
                    let scans = try await Self.fullScans(statement, on: sql)
                    #expect(scans.isEmpty, "\(path): \(statement) scans \(scans)")
                }
            }
        }
    }

    /// The growing tables `statement` reads in full, by SQLite's plan (its `?` bound to NULL: plans do not depend
    /// on the values).
    static func fullScans(_ statement: String, on sql: any SQLDatabase) async throws -> [String] {
        // Numbered binds (?1, ?2, …) may repeat; plain ones count one each.
        let numbered = statement.matches(of: /\?(\d+)/).compactMap { Int($0.output.1) }.max()
        let binds = numbered ?? statement.filter { $0 == "?" }.count
        let rows = try await (sql as! any SQLiteDatabase).query("EXPLAIN QUERY PLAN " + statement,
                                                                 Array(repeating: .null, count: binds)).get()
        // Plans name a table by its alias in the statement ("goals" AS "g" is scanned as g).
        let aliases = Dictionary(statement.matches(of: /"(\w+)" AS "(\w+)"/).map { (String($0.output.2), String($0.output.1)) },
                                 uniquingKeysWith: { first, _ in first })
        return rows.compactMap { row -> String? in
            guard let detail = row.column("detail")?.string, detail.hasPrefix("SCAN ") else { return nil }
            let named = detail.dropFirst(5).split(separator: " ").first.map(String.init) ?? ""
            let table = aliases[named] ?? named
            // A scan in an index's order with a limit (a page of a list) is not a full read; SQLite says
            // "USING INDEX" for those, and still reads every row of a plain SCAN.
            return growing.contains(table) && !detail.contains("USING") ? detail : nil
        }
    }
}
