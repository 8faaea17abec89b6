import Fluent
import Foundation
import PartnershipRules
import Plot
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

    static func load(program: Program, year: ProgramYear, on db: any Database) async throws -> FamilyServicesReport {
        let start = CalendarDate(year: year.startYear, month: CalendarDate(program.programYearStart)?.month ?? 8,
                                 day: CalendarDate(program.programYearStart)?.day ?? 1) ?? CalendarDate(year: year.startYear, month: 8, day: 1)!
        let end = start.adding(years: 1)
        let families = try await Family.query(on: db).filter(\.$program.$id == program.requireID()).all(\.$id)
        let services = families.isEmpty ? [] : try await ServiceRecord.query(on: db).filter(\.$family.$id ~~ families)
            .filter(\.$providedOn >= start.description).filter(\.$providedOn < end.description).all()
        var byCategory: [String: Set<UUID>] = [:]
        for service in services { byCategory[service.category, default: []].insert(service.$family.id) }
        let edition = PIRFamilyServices.edition(for: year)
        let lines = edition.items.map { item in
            Line(item: item, families: item.categories.reduce(into: Set<UUID>()) { $0.formUnion(byCategory[$1] ?? []) }.count)
        }
        let catalog = try await ServiceCatalog.load(program: program.requireID(), on: db)
        let uncounted = byCategory.filter { edition.item(for: $0.key) == nil }
            .map { (label: catalog.label($0.key), families: $0.value.count) }.sorted { $0.label < $1.label }
        return FamilyServicesReport(year: year, edition: edition, lines: lines, uncounted: uncounted,
                                    familiesServed: Set(services.map(\.$family.id)).count)
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
