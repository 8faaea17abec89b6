import Fluent
import Foundation
import PartnershipRules
import Vapor

/// A family's consents, disclosures (share packets), parents' record requests and the export of everything held;
/// the same checks, commands and audit as the pages (`PrivacyCommands`).
struct PrivacyAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let id = UUID.routeParameter
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
