import Fluent
import Foundation
import PartnershipRules
import Vapor

/// The program's assessment instruments: list, look at one, export it as JSON, import or edit one (each save is
/// a new version; assessments keep the version they were taken on).
struct InstrumentController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.instruments.pattern, use: index)
        routes.get(SiteURL.instrumentNew.pattern, use: new)
        routes.post(SiteURL.instrumentNew.pattern, use: create)
        routes.get(SiteURL.instrument(.routeParameter).pattern, use: show)
        routes.get(SiteURL.instrumentExport(.routeParameter).pattern, use: export)
        routes.post(SiteURL.instrumentDetails(.routeParameter).pattern, use: saveDetails)
        routes.post(SiteURL.instrumentCopy(.routeParameter).pattern, use: copy)
        routes.get(SiteURL.instrumentItemNew(.routeParameter).pattern, use: editItem)
        routes.post(SiteURL.instrumentItemNew(.routeParameter).pattern, use: saveItem)
        routes.get(SiteURL.instrumentItem(.routeParameter, key: "").pattern, use: editItem)
        routes.post(SiteURL.instrumentItem(.routeParameter, key: "").pattern, use: saveItem)
    }

    struct DetailsInput: Content {
        var name: String?
        var description: String?
    }

    struct CopyInput: Content {
        var key: String?
        var name: String?
    }

    // MARK: Editing, one change at a time; each saves the next version

    func saveDetails(req: Request) async throws -> Response {
        let (staff, version, instrument) = try await editable(req)
        let input = try req.content.decode(DetailsInput.self)
        var changed = instrument
        changed.name = input.name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        changed.description = FieldRules.trimmed(input.description)
        return try await saveVersion(req, changed, staff: staff, from: version, field: "name")
    }

    func copy(req: Request) async throws -> Response {
        let (staff, version, instrument) = try await editable(req)
        let input = try req.content.decode(CopyInput.self)
        var errors = FieldErrors()
        let key = FieldRules.trimmed(input.key) ?? ""
        if try await InstrumentVersion.query(on: req.db).filter(\.$program.$id == staff.programID).filter(\.$key == key).count() > 0 {
            errors["key"] = "Your program already has an instrument with the key \"\(key)\"."
            return try await renderShow(req, version, errors: errors)
        }
        var copied = instrument
        copied.key = key
        copied.name = input.name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return try await saveVersion(req, copied, staff: staff, from: version, field: "key")
    }

    func editItem(req: Request) async throws -> Response {
        let (_, version, instrument) = try await editable(req)
        let key = req.parameters.get("itemKey")
        var input = ItemInput()
        if let key {
            guard let item = instrument.item(key) else { throw Abort(.notFound) }
            input = ItemInput(item, section: instrument.sections.first { $0.items.contains(item) }?.title)
        } else {
            input.levels = Instrument.builtIn.items[0].scale.levelLines
            input.higherIsBetter = true
        }
        return InstrumentPages.itemForm(version, instrument: instrument, key: key, input: input, errors: FieldErrors(), req: req)
    }

    func saveItem(req: Request) async throws -> Response {
        let (staff, version, instrument) = try await editable(req)
        let key = req.parameters.get("itemKey")
        if let key, instrument.item(key) == nil { throw Abort(.notFound) }
        let input = try req.content.decode(ItemInput.self)
        do {
            let changed = try input.applied(to: instrument, replacing: key)
            let problems = changed.problems
            guard problems.isEmpty else {
                var errors = FieldErrors()
                errors["text"] = problems.prefix(3).joined(separator: " ")
                throw errors
            }
            let saved = try await AssessmentCommands.changeInstrument(changed, basedOn: version, in: req.context())
            req.flash("Saved as version \(saved.version).")
            return req.redirect(to: SiteURL.instrument(saved.id!).path)
        } catch let conflict as Abort where conflict.status == .conflict {
            return InstrumentPages.itemForm(version, instrument: instrument, key: key, input: input,
                                            errors: FieldErrors.one("text", conflict.reason), req: req)
        } catch let errors as FieldErrors {
            return InstrumentPages.itemForm(version, instrument: instrument, key: key, input: input, errors: errors, req: req)
        }
    }

    /// The newest version of the instrument in the URL, for a manager; older versions are history and are not edited.
    private func editable(_ req: Request) async throws -> (SignedIn, InstrumentVersion, Instrument) {
        let staff = try requireManager(req)
        let version = try await InstrumentLibrary.find(req.uuidParameter("instrumentID"), program: staff.programID, on: req.db)
        let newest = try await InstrumentLibrary.versions(key: version.key, program: staff.programID, on: req.db).first
        guard newest?.id == version.id else {
            throw Abort(.conflict, reason: "This is an earlier version. Open the newest version to change the instrument.")
        }
        return (staff, version, try version.instrument)
    }

    private func saveVersion(_ req: Request, _ instrument: Instrument, staff: SignedIn, from version: InstrumentVersion,
                             field: String) async throws -> Response {
        let problems = instrument.problems
        guard problems.isEmpty else {
            var errors = FieldErrors()
            errors[field] = problems.prefix(3).joined(separator: " ")
            return try await renderShow(req, version, errors: errors)
        }
        do {
            let saved = try await AssessmentCommands.changeInstrument(instrument, basedOn: version, in: req.context())
            req.flash(saved.version == 1 ? "Copied. Change its items below." : "Saved as version \(saved.version).")
            return req.redirect(to: SiteURL.instrument(saved.id!).path)
        } catch let conflict as Abort where conflict.status == .conflict {
            return try await renderShow(req, version, errors: FieldErrors.one(field, conflict.reason))
        }
    }

    struct DefinitionInput: Content {
        var definition: String?
    }

    func index(req: Request) async throws -> Response {
        let staff = try requireFamilyStaff(req)
        let instruments = try await InstrumentLibrary.current(program: staff.programID, on: req.db)
        return req.page(title: "Instruments", InstrumentPages.index(instruments, mayManage: staff.access.mayManageInstruments))
    }

    func show(req: Request) async throws -> Response {
        let staff = try requireFamilyStaff(req)
        return try await renderShow(req, try await InstrumentLibrary.find(req.uuidParameter("instrumentID"), program: staff.programID, on: req.db))
    }

    private func renderShow(_ req: Request, _ version: InstrumentVersion, errors: FieldErrors = FieldErrors()) async throws -> Response {
        let staff = try req.staff()
        let versions = try await InstrumentLibrary.versions(key: version.key, program: staff.programID, on: req.db)
        let view = InstrumentPages.show(version, instrument: try version.instrument, versions: versions,
                                        mayEdit: staff.access.mayManageInstruments && versions.first?.id == version.id,
                                        errors: errors, csrf: req.csrfToken)
        return req.page(title: version.name, view, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    func export(req: Request) async throws -> Response {
        let staff = try requireFamilyStaff(req)
        let version = try await InstrumentLibrary.find(req.uuidParameter("instrumentID"), program: staff.programID, on: req.db)
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(version.key)-v\(version.version).json\"")
        return Response(status: .ok, headers: headers, body: .init(string: version.definition))
    }

    /// The import form, empty or (with `?from=`) holding an instrument to edit into its next version.
    func new(req: Request) async throws -> Response {
        let staff = try requireManager(req)
        var definition = ""
        if let from = (try? req.query.get(String.self, at: "from")).flatMap(UUID.init(uuidString:)) {
            definition = try await InstrumentLibrary.find(from, program: staff.programID, on: req.db).definition
        }
        return req.page(title: "Import or edit an instrument", InstrumentPages.form(definition: definition, errors: FieldErrors(), csrf: req.csrfToken))
    }

    func create(req: Request) async throws -> Response {
        let staff = try requireManager(req)
        let input = try req.content.decode(DefinitionInput.self)
        do {
            let instrument = try InstrumentLibrary.parse(input.definition, field: "definition")
            let version = try await AssessmentCommands.importInstrument(instrument, in: req.context())
            req.flash("Saved as version \(version.version).")
            return req.redirect(to: SiteURL.instrument(version.id!).path)
        } catch let errors as FieldErrors {
            return req.page(title: "Import or edit an instrument",
                            InstrumentPages.form(definition: input.definition ?? "", errors: errors, csrf: req.csrfToken),
                            status: .unprocessableEntity)
        }
    }

    private func requireFamilyStaff(_ req: Request) throws -> SignedIn {
        try req.staff(allowedTo: \.worksWithFamilies)
    }

    private func requireManager(_ req: Request) throws -> SignedIn {
        try req.staff(allowedTo: \.mayManageInstruments, "Instruments are added and changed by managers and directors.")
    }
}
