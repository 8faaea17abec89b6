import Fluent
import Foundation
import PartnershipRules
import Plot
import Vapor

/// Importing families from another system's CSV export, in three steps: upload the file (choosing whose export it
/// is), match its columns, check it (every row's problems by line, the likely duplicates), then import the good rows.
struct FamilyImportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.familyImport.pattern, use: uploadForm)
        routes.on(.POST, SiteURL.familyImport.pattern, body: .collect(maxSize: "20mb"), use: upload)
        routes.get(SiteURL.familyImportFile(.routeParameter).pattern, use: mapping)
        routes.on(.POST, SiteURL.familyImportFile(.routeParameter).pattern, body: .collect(maxSize: "1mb"), use: check)
    }

    struct UploadInput: Content {
        var file: File?
        var preset: String?
    }

    func uploadForm(req: Request) async throws -> Response {
        try req.context().require(\.mayImportFamilies, "Families are imported by managers and directors.")
        return req.page(title: "Import families", uploadPage(req, errors: FieldErrors()))
    }

    func upload(req: Request) async throws -> Response {
        try req.context().require(\.mayImportFamilies, "Families are imported by managers and directors.")
        let input = try req.content.decode(UploadInput.self)
        do {
            guard let file = input.file, file.data.readableBytes > 0 else { throw FieldErrors.one("file", "Choose the CSV file to import.") }
            guard let preset = FamilyImport.Preset(rawValue: input.preset ?? "") else { throw FieldErrors.one("preset", "Choose whose export the file is.") }
            let kept = try await FamilyImportCommands.upload(fileName: file.filename, content: String(buffer: file.data), preset: preset, in: req.context())
            return req.redirect(to: SiteURL.familyImportFile(kept.id!).path)
        } catch let errors as FieldErrors {
            return req.page(title: "Import families", uploadPage(req, errors: errors), status: .unprocessableEntity)
        }
    }

    private func uploadPage(_ req: Request, errors: FieldErrors) -> [Node<HTML.BodyContext>] {
        [
            .h1(.text("Import families")),
            .p(.text("From another system's export, as CSV: a line per child, with the child's household and a parent. "
                     + "Next you match its columns, then check it: nothing is added until you choose to import.")),
            FormKit.summary(errors),
            .element(named: "form", nodes: [
                .attribute(named: "method", value: "post"), .attribute(named: "action", value: SiteURL.familyImport.path),
                .attribute(named: "enctype", value: "multipart/form-data"),
                FormKit.hidden(CSRF.field, req.csrfToken),
                .div(.label(.for("f-file"), .text("CSV file (required)")),
                     .input(.type(.file), .name("file"), .id("f-file"), .attribute(named: "accept", value: "text/csv,.csv")),
                     .unwrap(errors["file"]) { .p(.class("error"), .id("f-file-error"), .text($0)) }),
                FormKit.radios("preset", "Whose export is it?", options: FamilyImport.Preset.allCases.map { ($0.rawValue, $0.label, nil) },
                               selected: FamilyImport.Preset.childPlus.rawValue, errors: errors),
                FormKit.submit("Upload and match columns"),
            ]),
        ]
    }

    func mapping(req: Request) async throws -> Response {
        let file = try await FamilyImportCommands.file(req.uuidParameter("importID"), in: req.context())
        if let summary = file.summary {
            return req.page(title: "Import families", [.h1(.text("Import families")), .p(.text("\(file.fileName): \(summary)."))])
        }
        let report = try await FamilyImportCommands.run(file.requireID(), mapping: file.mapping, includeDuplicates: false, dryRun: true, in: req.context())
        return page(req, file: file, mapping: file.mapping, report: report, checked: false)
    }

    func check(req: Request) async throws -> Response {
        let id = try req.uuidParameter("importID")
        let form = try req.content.decode([String: String].self)
        var mapping: [FamilyImport.Field: Int] = [:]
        for field in FamilyImport.Field.allCases {
            if let column = form["map_" + field.rawValue].flatMap(Int.init) { mapping[field] = column }
        }
        let importing = form["action"] == "import"
        let file = try await FamilyImportCommands.file(id, in: req.context())
        do {
            let report = try await FamilyImportCommands.run(id, mapping: mapping, includeDuplicates: FieldRules.flag(form["include_duplicates"]),
                                                            dryRun: !importing, in: req.context())
            if let imported = report.imported {
                req.flash("Imported \(imported.families) families with \(imported.children) children. They have no point of contact yet: assign them under Caseloads.")
                return req.redirect(to: SiteURL.familyImportFile(id).path)
            }
            return page(req, file: file, mapping: mapping, report: report, checked: true)
        } catch let errors as FieldErrors {
            return req.page(title: "Import families", [.h1(.text("Import families")), FormKit.summary(errors)], status: .unprocessableEntity)
        }
    }

    private func page(_ req: Request, file: FamilyImportFile, mapping: [FamilyImport.Field: Int], report: FamilyImportCommands.Report,
                      checked: Bool) -> Response {
        let columns = report.headers.enumerated().map { (String($0.offset), $0.element) }
        let good = report.households - (report.duplicates.count)
        return req.page(title: "Import families", [
            .p(.a(.href(SiteURL.familyImport.path), .text("← Another file"))),
            .h1(.text("Import families")),
            .p(.text("\(file.fileName): \(report.rows) rows.")),
            .if(checked, .section(
                .h2(.text("What the check found")),
                .p(.text("\(report.households) families with \(report.children) children can be imported; \(report.badLines) rows have problems and will be left out.")),
                .if(!report.problems.isEmpty, .table(
                    .class("stack"), .caption(.text("Rows left out, and why")),
                    .thead(.tr(.th(.text("Line")), .th(.text("Column")), .th(.text("Problem")))),
                    .tbody(.forEach(report.problems.prefix(500)) { problem in
                        .tr(.td(.text(String(problem.line))), .td(.text(problem.field?.label ?? "")), .td(.text(problem.message)))
                    })
                )),
                .if(report.problems.count > 500, .p(.text("And \(report.problems.count - 500) more problems: fix the file and check it again."))),
                .if(!report.duplicates.isEmpty, .group(
                    .h3(.text("Looks like a family on record (\(report.duplicates.count))")),
                    .ul(.forEach(report.duplicates.prefix(200)) { duplicate in
                        .li(.text("Line \(duplicate.line), \(duplicate.household): \(duplicate.reason)"))
                    })
                ))
            )),
            FormKit.form(action: SiteURL.familyImportFile(file.id!).path, csrf: req.csrfToken, [
                FormKit.fieldset("Match the file's columns", FamilyImport.Field.allCases.map { field in
                    FormKit.select("map_" + field.rawValue, field.label, options: columns, selected: mapping[field].map(String.init), blank: "Not in the file")
                }),
                .if(!report.duplicates.isEmpty, FormKit.checkbox("include_duplicates", "Import the families that look like ones on record too", checked: false)),
                .element(named: "button", nodes: [.attribute(named: "type", value: "submit"), .attribute(named: "name", value: "action"),
                                                  .attribute(named: "value", value: "check"), .class("secondary"), .text("Check the file")]),
                .if(checked && report.households > 0, .element(named: "button", nodes: [
                    .attribute(named: "type", value: "submit"), .attribute(named: "name", value: "action"), .attribute(named: "value", value: "import"),
                    .text("Import \(max(0, good)) families"),
                ])),
            ]),
        ], status: checked && report.households == 0 ? .unprocessableEntity : .ok)
    }
}
