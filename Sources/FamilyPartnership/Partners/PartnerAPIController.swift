import Fluent
import Foundation
import PartnershipRules
import Vapor

/// `/api/v1/partners`: the program's partner agencies, their level on the partnership continuum and their meetings.
struct PartnerAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let id = UUID.routeParameter
        routes.get(APIURL.partners.pattern, use: partners)
        routes.post(APIURL.partners.pattern, use: createPartner)
        routes.get(APIURL.partner(id).pattern, use: partner)
        routes.put(APIURL.partner(id).pattern, use: replacePartner)
        routes.patch(APIURL.partner(id).pattern, use: patchPartner)
        routes.post(APIURL.partnerLevels(id).pattern, use: changeLevel)
        routes.post(APIURL.partnerMeetings(id).pattern, use: addMeeting)
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
}
