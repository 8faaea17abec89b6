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
        routes.put(APIURL.partner(id).pattern, use: updatePartner)
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

    func partners(req: Request) async throws -> [PartnerDTO] {
        let staff = try req.staff(allowedTo: \.worksWithFamilies)
        return try await PartnerAgency.query(on: req.db).filter(\.$program.$id == staff.programID).sort(\.$name).all().map(PartnerDTO.init)
    }

    func partner(req: Request) async throws -> PartnerDTO {
        let staff = try req.staff(allowedTo: \.worksWithFamilies)
        return try await detail(PartnerAgency.find(req.uuidParameter("partnerID"), program: staff.programID, on: req.db), on: req.db)
    }

    func createPartner(req: Request) async throws -> Response {
        let staff = try PartnerController.editor(req)
        let partner = try await PartnerController.save(try req.content.decode(PartnerInput.self), to: PartnerAgency(), staff: staff, on: req.db)
        return try await detail(partner, on: req.db).encodeResponse(status: .created, for: req)
    }

    func updatePartner(req: Request) async throws -> PartnerDTO {
        let staff = try PartnerController.editor(req)
        let partner = try await PartnerAgency.find(req.uuidParameter("partnerID"), program: staff.programID, on: req.db)
        return try await detail(PartnerController.save(try req.content.decode(PartnerInput.self), to: partner, staff: staff, on: req.db), on: req.db)
    }

    func changeLevel(req: Request) async throws -> PartnerDTO {
        let staff = try PartnerController.editor(req)
        let partner = try await PartnerAgency.find(req.uuidParameter("partnerID"), program: staff.programID, on: req.db)
        try await PartnerController.changeLevel(partner, try req.content.decode(LevelInput.self), staff: staff, on: req.db)
        return try await detail(partner, on: req.db)
    }

    func addMeeting(req: Request) async throws -> Response {
        let staff = try PartnerController.editor(req)
        let partner = try await PartnerAgency.find(req.uuidParameter("partnerID"), program: staff.programID, on: req.db)
        _ = try await PartnerController.addMeeting(partner, try req.content.decode(MeetingInput.self), staff: staff, on: req.db)
        return try await detail(partner, on: req.db).encodeResponse(status: .created, for: req)
    }

    private func detail(_ partner: PartnerAgency, on db: any Database) async throws -> PartnerDTO {
        var dto = PartnerDTO(partner)
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
        let plans = try await AgencyPlan.query(on: req.db).filter(\.$family.$id == family.requireID()).sort(\.$agency).all()
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
        let input = try req.content.decode(AssessmentController.NeedMetInput.self)
        return NeedDTO(try await AssessmentCommands.markNeedMet(req.uuidParameter("needID"), family: family.requireID(), on: input.metOn,
                                                                basedOn: req.basedOn(input.version), in: req.context()))
    }

    // MARK: Consents and disclosures

    func consents(req: Request) async throws -> [ConsentDTO] {
        let (family, _) = try await PrivacyController.family(req, allowedTo: \.maySeePrivacyRecords)
        let consents = try await Sharing.consents(family: family.requireID(), on: req.db)
        try await req.audit(.view, .consent, family: family.id, detail: "api list shown=\(consents.count)")
        return consents.map(ConsentDTO.init)
    }

    func createConsent(req: Request) async throws -> Response {
        let (family, _) = try await PrivacyController.family(req, allowedTo: \.mayShareRecords)
        let consent = try await Sharing.recordConsent(try req.content.decode(ConsentInput.self), family: family, req: req)
        return try await ConsentDTO(consent).encodeResponse(status: .created, for: req)
    }

    func revoke(req: Request) async throws -> ConsentDTO {
        let (family, _) = try await PrivacyController.family(req, allowedTo: \.mayShareRecords)
        guard let consent = try await Consent.query(on: req.db).filter(\.$id == req.uuidParameter("consentID"))
            .filter(\.$family.$id == family.requireID()).first() else { throw Abort(.notFound) }
        let input = req.body.data == nil ? RevokeInput() : try req.content.decode(RevokeInput.self)
        try await Sharing.revoke(consent, input, family: family, req: req)
        return ConsentDTO(consent)
    }

    func disclosures(req: Request) async throws -> [DisclosureDTO] {
        let (family, _) = try await PrivacyController.family(req, allowedTo: \.maySeePrivacyRecords)
        let log = try await Sharing.disclosures(family: family.requireID(), on: req.db)
        try await req.audit(.view, .disclosure, family: family.id, detail: "api list shown=\(log.count)")
        return log.map(DisclosureDTO.init)
    }

    /// Shares records: 201 with the share packet, or 422 naming what no current consent covers.
    func disclose(req: Request) async throws -> Response {
        let (family, _) = try await PrivacyController.family(req, allowedTo: \.mayShareRecords)
        let packet = try await Sharing.disclose(try req.content.decode(DisclosureInput.self), family: family, channel: "api", req: req)
        return try await packet.encodeResponse(status: .created, for: req)
    }

    // MARK: The parent's requests

    func requests(req: Request) async throws -> [RecordRequestDTO] {
        let (family, _) = try await PrivacyController.family(req, allowedTo: \.maySeePrivacyRecords)
        let requests = try await RecordRequests.all(family: family.requireID(), on: req.db)
        try await req.audit(.view, .recordRequest, family: family.id, detail: "api list shown=\(requests.count)")
        return requests.map(RecordRequestDTO.init)
    }

    func createRequest(req: Request) async throws -> Response {
        let (family, _) = try await PrivacyController.family(req, allowedTo: \.mayShareRecords)
        let request = try await RecordRequests.record(try req.content.decode(RecordRequestInput.self), family: family, req: req)
        return try await RecordRequestDTO(request).encodeResponse(status: .created, for: req)
    }

    func answer(req: Request) async throws -> RecordRequestDTO {
        let (family, _) = try await PrivacyController.family(req, allowedTo: \.mayAnswerRecordRequests)
        let request = try await RecordRequests.find(req.uuidParameter("requestID"), family: family, on: req.db)
        try await RecordRequests.answer(request, try req.content.decode(RecordAnswerInput.self), family: family, req: req)
        return RecordRequestDTO(request)
    }

    func export(req: Request) async throws -> FamilyRecordExport {
        let (family, _) = try await PrivacyController.family(req, allowedTo: \.mayAnswerRecordRequests)
        let export = try await RecordRequests.export(family, req: req)
        try await req.audit(.export, .family, family: family.id, recordID: family.id, detail: "api")
        return export
    }
}
