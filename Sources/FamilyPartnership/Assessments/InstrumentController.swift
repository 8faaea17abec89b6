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
        let version = try await InstrumentLibrary.find(req.uuidParameter("instrumentID"), program: staff.programID, on: req.db)
        let versions = try await InstrumentLibrary.versions(key: version.key, program: staff.programID, on: req.db)
        return req.page(title: version.name, InstrumentPages.show(version, instrument: try version.instrument, versions: versions,
                                                                 mayManage: staff.access.mayManageInstruments))
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
            let version = try await InstrumentLibrary.save(instrument, program: staff.programID, by: staff.name, on: req.db)
            req.flash("Saved as version \(version.version).")
            return req.redirect(to: SiteURL.instrument(version.id!).path)
        } catch let errors as FieldErrors {
            return req.page(title: "Import or edit an instrument",
                            InstrumentPages.form(definition: input.definition ?? "", errors: errors, csrf: req.csrfToken),
                            status: .unprocessableEntity)
        }
    }

    private func requireFamilyStaff(_ req: Request) throws -> SignedIn {
        let staff = try req.staff()
        guard staff.access.familyReach != .none else { throw Abort(.forbidden) }
        return staff
    }

    private func requireManager(_ req: Request) throws -> SignedIn {
        let staff = try req.staff()
        guard staff.access.mayManageInstruments else {
            throw Abort(.forbidden, reason: "Instruments are added and changed by managers and directors.")
        }
        return staff
    }
}
