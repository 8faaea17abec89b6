import Fluent
import Foundation
import PartnershipRules
import Plot
import Vapor

/// A family's privacy page: consents to share, sharing with partners, disclosures under 1303.22 exceptions,
/// the disclosure log, the parent's requests to inspect or amend, and the export of everything held.
struct PrivacyController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.familyPrivacy(.routeParameter).pattern, use: show)
        routes.get(SiteURL.consentNew(.routeParameter).pattern, use: newConsent)
        routes.post(SiteURL.consentNew(.routeParameter).pattern, use: createConsent)
        routes.post(SiteURL.consentRevoke(.routeParameter, consent: .routeParameter).pattern, use: revoke)
        routes.get(SiteURL.familyShare(.routeParameter).pattern, use: shareForm)
        routes.post(SiteURL.familyShare(.routeParameter).pattern, use: share)
        routes.get(SiteURL.disclosureNew(.routeParameter).pattern, use: exceptionForm)
        routes.post(SiteURL.disclosureNew(.routeParameter).pattern, use: discloseUnderException)
        routes.get(SiteURL.recordRequestNew(.routeParameter).pattern, use: newRequest)
        routes.post(SiteURL.recordRequestNew(.routeParameter).pattern, use: createRequest)
        routes.get(SiteURL.recordRequest(.routeParameter, request: .routeParameter).pattern, use: showRequest)
        routes.post(SiteURL.recordRequest(.routeParameter, request: .routeParameter).pattern, use: answerRequest)
        routes.get(SiteURL.familyExport(.routeParameter).pattern, use: export)
    }

    // MARK: The privacy page

    func show(req: Request) async throws -> Response {
        let (family, staff) = try await Self.family(req, allowedTo: \.maySeePrivacyRecords)
        let id = family.id!
        let model = PrivacyPages.Model(
            family: family, consents: try await PrivacyCommands.consents(family: id, on: req.db),
            disclosures: try await PrivacyCommands.disclosures(family: id, on: req.db),
            requests: try await PrivacyCommands.requests(family: id, on: req.db),
            mayShare: staff.access.mayShareRecords, mayAnswer: staff.access.mayAnswerRecordRequests, today: req.clock.today)
        try await req.audit(.view, .privacy, family: id)
        return req.page(title: "Privacy and sharing · \(family.householdName)", PrivacyPages.show(model, csrf: req.csrfToken))
    }

    // MARK: Consents

    func newConsent(req: Request) async throws -> Response {
        let (family, staff) = try await Self.family(req, allowedTo: \.mayShareRecords)
        let today = req.clock.today
        let input = ConsentInput(startsOn: today.description, endsOn: today.adding(years: 1).description)
        try await req.audit(.view, .consent, family: family.id, detail: "new consent form")
        return try await renderConsentForm(req, family: family, staff: staff, input: input)
    }

    func createConsent(req: Request) async throws -> Response {
        let input = try req.content.decode(ConsentInput.self)
        do {
            let consent = try await PrivacyCommands.recordConsent(input, family: req.uuidParameter("familyID"), in: req.context())
            req.flash("Consent to share with \(consent.partner.name) recorded.")
            return req.redirect(to: SiteURL.familyPrivacy(consent.$family.id).path)
        } catch let errors as FieldErrors {
            let (family, staff) = try await Self.family(req, allowedTo: \.mayShareRecords)
            return try await renderConsentForm(req, family: family, staff: staff, input: input, errors: errors)
        }
    }

    func revoke(req: Request) async throws -> Response {
        let familyID = try req.uuidParameter("familyID")
        let input = try req.content.decode(RevokeInput.self)
        do {
            _ = try await PrivacyCommands.revokeConsent(req.uuidParameter("consentID"), family: familyID, input,
                                                        basedOn: BasedOn(input.version), in: req.context())
            req.flash("Consent revoked. Nothing more is shared under it, and the partner's staff no longer see what it covered.")
        } catch let errors as FieldErrors {
            req.flash(errors.messages.values.sorted().joined(separator: " "))
        } catch is StaleRecord {
            req.flash("Someone else changed this consent meanwhile; it is shown as it is now.")
        }
        return req.redirect(to: SiteURL.familyPrivacy(familyID).path)
    }

    private func renderConsentForm(_ req: Request, family: Family, staff: SignedIn, input: ConsentInput,
                                   errors: FieldErrors = FieldErrors()) async throws -> Response {
        let partners = try await PartnerAgency.query(on: req.db).filter(\.$program.$id == staff.programID).sort(\.$name).all()
        let adults = try await FamilyMember.query(on: req.db).filter(\.$family.$id == family.id!).filter(\.$kind == .adult).sort(\.$name).all()
        return req.page(title: "Record a consent", PrivacyPages.consentForm(family: family, partners: partners, adults: adults.map(\.name),
                                                                            input: input, errors: errors, csrf: req.csrfToken),
                        status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    // MARK: Sharing and disclosures

    func shareForm(req: Request) async throws -> Response {
        let (family, staff) = try await Self.family(req, allowedTo: \.mayShareRecords)
        return try await renderDisclosureForm(req, family: family, staff: staff, exception: false, input: DisclosureInput())
    }

    func share(req: Request) async throws -> Response {
        try await disclose(req, exception: false)
    }

    func exceptionForm(req: Request) async throws -> Response {
        let (family, staff) = try await Self.family(req, allowedTo: \.mayShareRecords)
        return try await renderDisclosureForm(req, family: family, staff: staff, exception: true, input: DisclosureInput())
    }

    func discloseUnderException(req: Request) async throws -> Response {
        try await disclose(req, exception: true)
    }

    /// Both forms end here: refused with the reason on the form, or the packet as a printable page or a JSON file.
    private func disclose(_ req: Request, exception: Bool) async throws -> Response {
        let (family, staff) = try await Self.family(req, allowedTo: \.mayShareRecords)
        var input = try req.content.decode(DisclosureInput.self)
        if !exception { input.exception = nil }
        else if FieldRules.trimmed(input.exception) == nil {
            var errors = FieldErrors()
            errors["exception"] = "Choose the 1303.22 exception that allows this disclosure."
            return try await renderDisclosureForm(req, family: family, staff: staff, exception: true, input: input, errors: errors)
        }
        let asJSON = input.format == "json"
        do {
            let packet = try await PrivacyCommands.disclose(input, family: family.requireID(),
                                                            channel: asJSON ? "share packet (JSON)" : "share packet (page)", in: req.context())
            if asJSON {
                let response = try await packet.encodeResponse(for: req)
                response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"share-packet.json\"")
                return response
            }
            return packet.document(title: "Shared records").response()
        } catch let errors as FieldErrors {
            return try await renderDisclosureForm(req, family: family, staff: staff, exception: exception, input: input, errors: errors)
        }
    }

    private func renderDisclosureForm(_ req: Request, family: Family, staff: SignedIn, exception: Bool, input: DisclosureInput,
                                      errors: FieldErrors = FieldErrors()) async throws -> Response {
        let partners = try await PartnerAgency.query(on: req.db).filter(\.$program.$id == staff.programID).sort(\.$name).all()
        try await req.audit(.view, .consent, family: family.id, detail: exception ? "disclosure form" : "share form")
        let today = req.clock.today
        let current = try await PrivacyCommands.consents(family: family.requireID(), on: req.db).filter { $0.isCurrent(on: today) }
        return req.page(title: exception ? "Disclose without consent" : "Share with a partner",
                        PrivacyPages.disclosureForm(family: family, partners: partners, consents: current, exception: exception, input: input,
                                                    errors: errors, csrf: req.csrfToken),
                        status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    // MARK: The parent's requests

    func newRequest(req: Request) async throws -> Response {
        let (family, _) = try await Self.family(req, allowedTo: \.mayShareRecords)
        let input = RecordRequestInput(kind: RecordRequestKind.inspection.rawValue, receivedOn: req.clock.today.description)
        try await req.audit(.view, .recordRequest, family: family.id, detail: "new request form")
        return req.page(title: "A parent's request", PrivacyPages.requestForm(family: family, input: input, errors: FieldErrors(), csrf: req.csrfToken))
    }

    func createRequest(req: Request) async throws -> Response {
        let input = try req.content.decode(RecordRequestInput.self)
        do {
            let request = try await PrivacyCommands.recordRequest(input, family: req.uuidParameter("familyID"), in: req.context())
            req.flash(request.kind == .inspection ? "Request recorded. Answer it by \(Display.date(request.dueOn ?? ""))." : "Request recorded.")
            return req.redirect(to: SiteURL.recordRequest(request.$family.id, request: request.id!).path)
        } catch let errors as FieldErrors {
            let (family, _) = try await Self.family(req, allowedTo: \.mayShareRecords)
            return req.page(title: "A parent's request", PrivacyPages.requestForm(family: family, input: input, errors: errors, csrf: req.csrfToken),
                            status: .unprocessableEntity)
        }
    }

    func showRequest(req: Request) async throws -> Response {
        let (family, staff) = try await Self.family(req, allowedTo: \.maySeePrivacyRecords)
        let request = try await PrivacyCommands.request(req.uuidParameter("requestID"), family: family, on: req.db)
        try await req.audit(.view, .recordRequest, family: family.id, recordID: request.id)
        return req.page(title: request.kind.label, PrivacyPages.request(request, family: family, mayAnswer: staff.access.mayAnswerRecordRequests,
                                                                        input: RecordAnswerInput(answeredOn: req.clock.today.description),
                                                                        errors: FieldErrors(), csrf: req.csrfToken))
    }

    func answerRequest(req: Request) async throws -> Response {
        let input = try req.content.decode(RecordAnswerInput.self)
        do {
            let request = try await PrivacyCommands.answerRequest(req.uuidParameter("requestID"), family: req.uuidParameter("familyID"), input,
                                                                  basedOn: BasedOn(input.version), in: req.context())
            req.flash("Answer recorded.")
            return req.redirect(to: SiteURL.recordRequest(request.$family.id, request: request.id!).path)
        } catch let errors as FieldErrors {
            let (family, _) = try await Self.family(req, allowedTo: \.mayAnswerRecordRequests)
            let request = try await PrivacyCommands.request(req.uuidParameter("requestID"), family: family, on: req.db)
            return req.page(title: request.kind.label, PrivacyPages.request(request, family: family, mayAnswer: true, input: input,
                                                                            errors: errors, csrf: req.csrfToken),
                            status: .unprocessableEntity)
        }
    }

    /// Everything held about the family: a readable page, or `?format=json`.
    func export(req: Request) async throws -> Response {
        let export = try await PrivacyCommands.exportEverything(family: req.uuidParameter("familyID"), channel: "web", in: req.context())
        if (try? req.query.get(String.self, at: "format")) == "json" {
            let response = try await export.encodeResponse(for: req)
            response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"family-record.json\"")
            return response
        }
        return PrivacyPages.export(export).response()
    }

    /// The family in the URL, if the staff member may see it and their role allows `permission`.
    static func family(_ req: Request, allowedTo permission: KeyPath<Access, Bool>) async throws -> (Family, SignedIn) {
        let ctx = try req.context()
        return (try await ctx.family(req.uuidParameter("familyID"), allowedTo: permission, PrivacyCommands.sharingRoles), ctx.staff)
    }
}
