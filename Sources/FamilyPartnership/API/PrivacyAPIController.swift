import Fluent
import Foundation
import PartnershipRules
import Vapor

/// Partner agencies, plans with other agencies, needs met, consents, disclosures (share packets), parents'
/// record requests and the export of everything held. The same checks as the pages: `Sharing`, `RecordRequests`,
/// `PartnerController`.
struct PrivacyAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let id = UUID.routeParameter
        routes.get(APIURL.partners.pattern, use: partners)
        routes.post(APIURL.partners.pattern, use: createPartner)
        routes.get(APIURL.partner(id).pattern, use: partner)
        routes.put(APIURL.partner(id).pattern, use: replacePartner)
        routes.patch(APIURL.partner(id).pattern, use: patchPartner)
        routes.post(APIURL.partnerLevels(id).pattern, use: changeLevel)
        routes.post(APIURL.partnerMeetings(id).pattern, use: addMeeting)
        routes.get(APIURL.agencyPlans(id).pattern, use: agencyPlans)
        routes.post(APIURL.agencyPlans(id).pattern, use: createAgencyPlan)
        routes.post(APIURL.needMet(id, need: id).pattern, use: markNeedMet)
        routes.get(APIURL.consents(id).pattern, use: consents)
        routes.post(APIURL.consents(id).pattern, use: createConsent)
        routes.post(APIURL.consentRevoke(id, consent: id).pattern, use: revoke)
        routes.get(APIURL.disclosures(id).pattern, use: disclosures)
        routes.post(APIURL.disclosures(id).pattern, use: disclose)
        routes.get(APIURL.recordRequests(id).pattern, use: requests)
        routes.post(APIURL.recordRequests(id).pattern, use: createRequest)
        routes.post(APIURL.recordRequestAnswer(id, request: id).pattern, use: answer)
        routes.get(APIURL.familyExport(id).pattern, use: export)
    }

    // MARK: Partner agencies

    func partners(req: Request) async throws -> PageDTO<PartnerDTO> {
        let staff = try req.staff(allowedTo: \.worksWithFamilies)
        let (partners, next) = try await PartnerAgency.query(on: req.db).filter(\.$program.$id == staff.programID)
            .page(PageRequest.checked(req), sortedBy: ["name"])
        return PageDTO(items: partners.map { PartnerDTO($0, today: req.clock.today) }, nextCursor: next)
    }

    func partner(req: Request) async throws -> Response {
        let partner = try await PartnerCommands.find(req.uuidParameter("partnerID"), in: req.context())
        return try await detail(partner, req).response(version: partner.version)
    }

    func createPartner(req: Request) async throws -> Response {
        let partner = try await PartnerCommands.add(try req.decodeJSON(PartnerInput.self), in: req.context())
        return try await detail(partner, req).response(version: partner.version, status: .created)
    }

    func replacePartner(req: Request) async throws -> Response {
        let input = try req.decodeJSON(PartnerInput.self)
        let partner = try await PartnerCommands.update(req.uuidParameter("partnerID"), input, basedOn: req.basedOn(input.version), in: req.context())
        return try await detail(partner, req).response(version: partner.version)
    }

    func patchPartner(req: Request) async throws -> Response {
        let current = try await PartnerCommands.find(req.uuidParameter("partnerID"), in: req.context())
        var base = PartnerInput(current)
        base.version = nil
        let input = try req.decodePatch(PartnerInput.self, over: base)
        let partner = try await PartnerCommands.update(current.requireID(), input, basedOn: req.basedOn(input.version), in: req.context())
        return try await detail(partner, req).response(version: partner.version)
    }

    func changeLevel(req: Request) async throws -> Response {
        let input = try req.decodeJSON(LevelInput.self)
        let partner = try await PartnerCommands.changeLevel(req.uuidParameter("partnerID"), input, basedOn: req.basedOn(input.version),
                                                            in: req.context())
        return try await detail(partner, req).response(version: partner.version)
    }

    func addMeeting(req: Request) async throws -> Response {
        let meeting = try await PartnerCommands.addMeeting(req.uuidParameter("partnerID"), try req.decodeJSON(MeetingInput.self), in: req.context())
        let partner = try await PartnerCommands.find(meeting.$partner.id, in: req.context())
        return try await detail(partner, req).response(version: partner.version, status: .created)
    }

    private func detail(_ partner: PartnerAgency, _ req: Request) async throws -> PartnerDTO {
        let db = req.db
        var dto = PartnerDTO(partner, today: req.clock.today)
        dto.levelHistory = try await PartnershipLevelChange.query(on: db).filter(\.$partner.$id == partner.requireID())
            .sort(\.$changedOn, .descending).sort(\.$createdAt, .descending).all()
            .map { .init(level: $0.level, changedOn: $0.changedOn, note: $0.note) }
        dto.meetings = try await PartnerMeeting.query(on: db).filter(\.$partner.$id == partner.requireID()).sort(\.$heldOn, .descending).all()
            .map { .init(heldOn: $0.heldOn, attendees: $0.attendees, notes: $0.notes) }
        return dto
    }

    // MARK: A family's plans and needs

    func agencyPlans(req: Request) async throws -> [AgencyPlanDTO] {
        let family = try await req.visibleFamily()
        let plans = try await AgencyPlan.visible(family: family.requireID(), to: req.staff(), on: req.db)
        try await req.audit(.view, .agencyPlan, family: family.id, detail: "api list shown=\(plans.count)")
        return plans.map(AgencyPlanDTO.init)
    }

    func createAgencyPlan(req: Request) async throws -> Response {
        let plan = try await ReferralCommands.recordAgencyPlan(try req.decodeJSON(AgencyPlanInput.self), family: req.uuidParameter("familyID"),
                                                               in: req.context())
        return try await AgencyPlanDTO(plan).encodeResponse(status: .created, for: req)
    }

    func markNeedMet(req: Request) async throws -> NeedDTO {
        let family = try await req.editableFamily()
        let input = try req.decodeJSON(AssessmentController.NeedMetInput.self)
        return NeedDTO(try await AssessmentCommands.markNeedMet(req.uuidParameter("needID"), family: family.requireID(), on: input.metOn,
                                                                basedOn: req.basedOn(input.version), in: req.context()))
    }

    // MARK: Consents and disclosures

    func consents(req: Request) async throws -> PageDTO<ConsentDTO> {
        let (family, _) = try await PrivacyController.family(req, allowedTo: \.maySeePrivacyRecords)
        let (consents, next) = try await Consent.query(on: req.db).filter(\.$family.$id == family.requireID())
            .page(PageRequest.checked(req), sortedBy: ["starts_on"], descending: true)
        try await req.audit(.view, .consent, family: family.id, detail: "api list shown=\(consents.count)")
        return PageDTO(items: consents.map { ConsentDTO($0, today: req.clock.today) }, nextCursor: next)
    }

    func createConsent(req: Request) async throws -> Response {
        let consent = try await PrivacyCommands.recordConsent(try req.decodeJSON(ConsentInput.self), family: req.uuidParameter("familyID"),
                                                              in: req.context())
        return try ConsentDTO(consent, today: req.clock.today).response(version: consent.version, status: .created)
    }

    func revoke(req: Request) async throws -> Response {
        let input = req.body.data == nil ? RevokeInput() : try req.decodeJSON(RevokeInput.self)
        let consent = try await PrivacyCommands.revokeConsent(req.uuidParameter("consentID"), family: req.uuidParameter("familyID"), input,
                                                              basedOn: req.basedOn(input.version), in: req.context())
        return try ConsentDTO(consent, today: req.clock.today).response(version: consent.version)
    }

    func disclosures(req: Request) async throws -> PageDTO<DisclosureDTO> {
        let (family, _) = try await PrivacyController.family(req, allowedTo: \.maySeePrivacyRecords)
        let (log, next) = try await Disclosure.query(on: req.db).filter(\.$family.$id == family.requireID())
            .page(PageRequest.checked(req), sortedBy: ["disclosed_at"], descending: true)
        try await req.audit(.view, .disclosure, family: family.id, detail: "api list shown=\(log.count)")
        return PageDTO(items: log.map(DisclosureDTO.init), nextCursor: next)
    }

    /// Shares records: 201 with the share packet, or 422 naming what no current consent covers.
    func disclose(req: Request) async throws -> Response {
        let packet = try await PrivacyCommands.disclose(try req.decodeJSON(DisclosureInput.self), family: req.uuidParameter("familyID"),
                                                        channel: "api", in: req.context())
        return try await packet.encodeResponse(status: .created, for: req)
    }

    // MARK: The parent's requests

    func requests(req: Request) async throws -> PageDTO<RecordRequestDTO> {
        let (family, _) = try await PrivacyController.family(req, allowedTo: \.maySeePrivacyRecords)
        let (requests, next) = try await RecordRequest.query(on: req.db).filter(\.$family.$id == family.requireID())
            .page(PageRequest.checked(req), sortedBy: ["received_on"], descending: true)
        try await req.audit(.view, .recordRequest, family: family.id, detail: "api list shown=\(requests.count)")
        return PageDTO(items: requests.map(RecordRequestDTO.init), nextCursor: next)
    }

    func createRequest(req: Request) async throws -> Response {
        let request = try await PrivacyCommands.recordRequest(try req.decodeJSON(RecordRequestInput.self), family: req.uuidParameter("familyID"),
                                                              in: req.context())
        return try RecordRequestDTO(request).response(version: request.version, status: .created)
    }

    func answer(req: Request) async throws -> Response {
        let input = try req.decodeJSON(RecordAnswerInput.self)
        let request = try await PrivacyCommands.answerRequest(req.uuidParameter("requestID"), family: req.uuidParameter("familyID"), input,
                                                              basedOn: req.basedOn(input.version), in: req.context())
        return try RecordRequestDTO(request).response(version: request.version)
    }

    func export(req: Request) async throws -> FamilyRecordExport {
        try await PrivacyCommands.exportEverything(family: req.uuidParameter("familyID"), channel: "api", in: req.context())
    }
}
