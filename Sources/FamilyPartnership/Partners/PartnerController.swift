import Fluent
import Foundation
import PartnershipRules
import Plot
import Vapor

/// Partner agencies: the list with MOUs due for renewal, each agency's page with its level history and
/// meetings, and the forms that keep them. Staff who work with families read; managers and directors write.
struct PartnerController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.partners.pattern, use: index)
        routes.get(SiteURL.partnerNew.pattern, use: new)
        routes.post(SiteURL.partnerNew.pattern, use: create)
        routes.get(SiteURL.partner(.routeParameter).pattern, use: show)
        routes.get(SiteURL.partnerEdit(.routeParameter).pattern, use: edit)
        routes.post(SiteURL.partnerEdit(.routeParameter).pattern, use: update)
        routes.post(SiteURL.partnerLevel(.routeParameter).pattern, use: changeLevel)
        routes.post(SiteURL.partnerMeetings(.routeParameter).pattern, use: addMeeting)
    }

    func index(req: Request) async throws -> Response {
        let staff = try req.staff(allowedTo: \.worksWithFamilies)
        let partners = try await PartnerAgency.query(on: req.db).filter(\.$program.$id == staff.programID).sort(\.$name).all()
        return req.page(title: "Partner agencies", PartnerPages.index(partners, mayEdit: staff.access.mayManagePartners, today: req.clock.today))
    }

    func show(req: Request) async throws -> Response {
        let staff = try req.staff(allowedTo: \.worksWithFamilies)
        let partner = try await PartnerAgency.find(req.uuidParameter("partnerID"), program: staff.programID, on: req.db)
        return try await render(req, partner, staff: staff)
    }

    private func render(_ req: Request, _ partner: PartnerAgency, staff: SignedIn, errors: FieldErrors = FieldErrors(),
                        status: HTTPResponseStatus? = nil) async throws -> Response {
        let levels = try await PartnershipLevelChange.query(on: req.db).filter(\.$partner.$id == partner.id!)
            .sort(\.$changedOn, .descending).sort(\.$createdAt, .descending).all()
        let meetings = try await PartnerMeeting.query(on: req.db).filter(\.$partner.$id == partner.id!).sort(\.$heldOn, .descending).all()
        return req.page(title: partner.name, PartnerPages.show(partner, levels: levels, meetings: meetings,
                                                               mayEdit: staff.access.mayManagePartners, errors: errors,
                                                               today: req.clock.today, csrf: req.csrfToken),
                        status: status ?? (errors.isEmpty ? .ok : .unprocessableEntity))
    }

    func new(req: Request) async throws -> Response {
        try req.context().require(\.mayManagePartners, "Partner agencies are kept by managers and directors.")
        var input = PartnerInput()
        input.level = PartnershipLevel.networking.rawValue
        return req.page(title: "Add a partner agency", PartnerPages.form(nil, input: input, errors: FieldErrors(), csrf: req.csrfToken))
    }

    func create(req: Request) async throws -> Response {
        let input = try req.content.decode(PartnerInput.self)
        do {
            let partner = try await PartnerCommands.add(input, in: req.context())
            req.flash("Partner agency added.")
            return req.redirect(to: SiteURL.partner(partner.id!).path)
        } catch let errors as FieldErrors {
            return req.page(title: "Add a partner agency", PartnerPages.form(nil, input: input, errors: errors, csrf: req.csrfToken),
                            status: .unprocessableEntity)
        }
    }

    func edit(req: Request) async throws -> Response {
        let ctx = try req.context()
        try ctx.require(\.mayManagePartners, "Partner agencies are kept by managers and directors.")
        let partner = try await PartnerCommands.find(req.uuidParameter("partnerID"), in: ctx)
        return req.page(title: "Edit \(partner.name)", PartnerPages.form(partner, input: PartnerInput(partner), errors: FieldErrors(), csrf: req.csrfToken))
    }

    func update(req: Request) async throws -> Response {
        var input = try req.content.decode(PartnerInput.self)
        do {
            let partner = try await PartnerCommands.update(req.uuidParameter("partnerID"), input, basedOn: BasedOn(input.version), in: req.context())
            req.flash("Saved.")
            return req.redirect(to: SiteURL.partner(partner.id!).path)
        } catch let errors as FieldErrors {
            let partner = try await PartnerCommands.find(req.uuidParameter("partnerID"), in: req.context())
            return req.page(title: "Edit \(partner.name)", PartnerPages.form(partner, input: input, errors: errors, csrf: req.csrfToken),
                            status: .unprocessableEntity)
        } catch let stale as StaleRecord {
            let current = stale.current as! PartnerAgency
            let errors = StaleForm.messages(current: PartnerInput(current), typed: input)
            input.version = current.version
            return req.page(title: "Edit \(current.name)", PartnerPages.form(current, input: input, errors: errors, csrf: req.csrfToken),
                            status: .conflict)
        }
    }

    func changeLevel(req: Request) async throws -> Response {
        let input = try req.content.decode(LevelInput.self)
        do {
            let partner = try await PartnerCommands.changeLevel(req.uuidParameter("partnerID"), input, basedOn: BasedOn(input.version),
                                                                in: req.context())
            req.flash("Partnership level recorded.")
            return req.redirect(to: SiteURL.partner(partner.id!).path)
        } catch let errors as FieldErrors {
            return try await render(req, errors: errors)
        } catch is StaleRecord {
            return try await render(req, errors: FieldErrors.one("level", "Someone else changed this agency meanwhile; it is shown as it is now."),
                                    status: .conflict)
        }
    }

    func addMeeting(req: Request) async throws -> Response {
        let input = try req.content.decode(MeetingInput.self)
        do {
            _ = try await PartnerCommands.addMeeting(req.uuidParameter("partnerID"), input, in: req.context())
            req.flash("Meeting logged.")
            return req.redirect(to: SiteURL.partner(try req.uuidParameter("partnerID")).path + "#meetings")
        } catch let errors as FieldErrors {
            return try await render(req, errors: errors)
        }
    }

    private func render(_ req: Request, errors: FieldErrors, status: HTTPResponseStatus = .unprocessableEntity) async throws -> Response {
        let ctx = try req.context()
        return try await render(req, PartnerCommands.find(req.uuidParameter("partnerID"), in: ctx), staff: ctx.staff, errors: errors,
                                status: status)
    }
}
