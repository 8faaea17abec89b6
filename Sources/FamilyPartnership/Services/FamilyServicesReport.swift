import Fluent
import Foundation
import PartnershipRules
import Plot
import SQLKit
import Vapor

/// The PIR family-services count for a program year: how many families received at least one service under
/// each item of that year's PIR edition. Only services received count; referrals alone do not.
struct FamilyServicesReport {
    struct Line {
        let item: PIRItem
        let families: Int
    }

    let year: ProgramYear
    let edition: PIREdition
    let lines: [Line]
    /// Families served in the program's own categories, which no PIR item counts.
    let uncounted: [(label: String, families: Int)]
    let familiesServed: Int

    /// Counted in the database: families per PIR item (a family once per item, whichever of the item's
    /// categories it was served under), per category no item counts, and in all; over the services of the
    /// program year (by the index on `provided_on`), each joined to its family for the program.
    static func load(program: Program, year: ProgramYear, on db: any Database) async throws -> FamilyServicesReport {
        let yearStart = CalendarDate(program.programYearStart)
        let start = CalendarDate(year: year.startYear, month: yearStart?.month ?? 8, day: yearStart?.day ?? 1)
            ?? CalendarDate(year: year.startYear, month: 8, day: 1)!
        let end = start.adding(years: 1)
        let edition = PIRFamilyServices.edition(for: year)
        let sql = db as! any SQLDatabase
        let served = SQLQueryString("""
            FROM "services" AS "s" JOIN "families" AS "f" ON "f"."id" = "s"."family_id" \
            WHERE "f"."program_id" = \(bind: try program.requireID()) \
            AND "s"."provided_on" >= \(bind: start.description) AND "s"."provided_on" < \(bind: end.description)
            """)
        // Each category's item, as a CASE over the edition's categories.
        var item = SQLQueryString("CASE \"s\".\"category\"")
        let counted = edition.items.flatMap { line in line.categories.map { ($0, line.letter) } }
        for (category, letter) in counted {
            item.appendLiteral(" WHEN ")
            item.appendInterpolation(bind: category)
            item.appendLiteral(" THEN ")
            item.appendInterpolation(bind: letter)
        }
        item.appendLiteral(" END")

        struct Count: Decodable { let key: String?; let families: Int }
        let perItem = try await sql.raw("SELECT \(item) AS \"key\", COUNT(DISTINCT \"s\".\"family_id\") AS \"families\" \(served) GROUP BY 1")
            .all(decoding: Count.self)
        let perCategory = try await sql.raw("""
            SELECT "s"."category" AS "key", COUNT(DISTINCT "s"."family_id") AS "families" \(served) \
            AND (\(item)) IS NULL GROUP BY 1
            """).all(decoding: Count.self)
        let total = try await sql.raw("SELECT NULL AS \"key\", COUNT(DISTINCT \"s\".\"family_id\") AS \"families\" \(served)")
            .first(decoding: Count.self)?.families ?? 0

        let byItem = Dictionary(perItem.compactMap { row in row.key.map { ($0, row.families) } }, uniquingKeysWith: +)
        let catalog = try await ServiceCatalog.load(program: program.requireID(), on: db)
        return FamilyServicesReport(
            year: year, edition: edition,
            lines: edition.items.map { Line(item: $0, families: byItem[$0.letter] ?? 0) },
            uncounted: perCategory.compactMap { row in row.key.map { (label: catalog.label($0), families: row.families) } }
                .sorted { $0.label < $1.label },
            familiesServed: total)
    }

    /// The report for `year` (this program year when nil), for staff who see the whole program. The page and
    /// the API both read it here.
    static func load(_ req: Request, year chosen: ProgramYear?) async throws -> FamilyServicesReport {
        let staff = try req.staff(allowedTo: \.maySeeProgramReports, "Program reports are for directors, managers and data viewers.")
        let program = try await Program.find(staff.programID, on: req.db).orThrow()
        let year = chosen ?? program.year(containing: req.clock.today)
        let report = try await load(program: program, year: year, on: req.db)
        try await req.audit(.list, .report, family: nil, detail: "family services \(year.stored)")
        return report
    }

    func view(errors: FieldErrors = FieldErrors(), year typed: String? = nil) -> [Node<HTML.BodyContext>] {
        [
            .h1(.text("Family services, \(year)")),
            .p(.text("Families who received at least one service of each kind during the program year, under \(edition.name). A family counts once per line however many services it received; services referred but never received are not counted.")),
            .element(named: "form", nodes: [
                .attribute(named: "method", value: "get"), .attribute(named: "action", value: SiteURL.familyServicesReport.path), .class("filters"),
                FormKit.field("year", "Program year (the year it starts)", value: typed ?? year.stored, errors: errors),
                FormKit.submit("Show", secondary: true),
            ]),
            .table(
                .class("stack"),
                .thead(.tr(.th(.text("Item")), .th(.text("Service")), .th(.text("Families")))),
                .tbody(.forEach(lines) { line in
                    .tr(.td(.text(line.item.letter)), .td(.text(line.item.wording)), .td(.text(String(line.families))))
                })
            ),
            .p(.strong(.text("Families who received any service: \(familiesServed)"))),
            .if(!uncounted.isEmpty, .group(
                .h2(.text("Services no PIR item counts")),
                .ul(.forEach(uncounted) { .li(.text("\($0.label): \($0.families) famil\($0.families == 1 ? "y" : "ies")")) })
            )),
        ]
    }
}

struct ReportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.familyServicesReport.pattern, use: familyServices)
    }

    func familyServices(req: Request) async throws -> Response {
        // A year that is not a year shows this year's report, with the problem at the field.
        var errors = FieldErrors()
        var year: ProgramYear?
        do { year = try req.chosenProgramYear() } catch let problem as FieldErrors { errors = problem }
        let report = try await FamilyServicesReport.load(req, year: year)
        return req.page(title: "Family services report",
                        report.view(errors: errors, year: errors.isEmpty ? nil : try? req.query.get(String.self, at: "year")),
                        status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
