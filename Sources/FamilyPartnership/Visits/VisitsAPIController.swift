import Fluent
import Foundation
import PartnershipRules
import Vapor

/// Visit types, a family's visits and contacts, staff trainings, the fair draw and visit hours, through the
/// same checks and audit entries as the pages.
struct VisitsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let id = UUID.routeParameter
        routes.get(APIURL.visitTypes.pattern, use: visitTypes)
        routes.get(APIURL.visits(id).pattern, use: visits)
        routes.post(APIURL.visits(id).pattern, use: schedule)
        routes.get(APIURL.visit(id, visit: id).pattern, use: visit)
        routes.post(APIURL.visitStatus(id, visit: id).pattern, use: changeStatus)
        routes.post(APIURL.visitRecord(id, visit: id).pattern, use: record)
        routes.post(APIURL.visitsDeclined(id).pattern, use: declined)
        routes.get(APIURL.contacts(id).pattern, use: contacts)
        routes.post(APIURL.contacts(id).pattern, use: logContact)
        routes.get(APIURL.trainings.pattern, use: trainings)
        routes.post(APIURL.trainings.pattern, use: recordTraining)
        routes.get(APIURL.draws.pattern, use: draws)
        routes.post(APIURL.draws.pattern, use: draw)
        routes.get(APIURL.draw(id).pattern, use: oneDraw)
        routes.get(APIURL.visitHours.pattern, use: hours)
    }

    func visitTypes(req: Request) async throws -> PageDTO<VisitTypeDTO> {
        let me = try req.staff(allowedTo: \.maySeeStaffList)
        let page = try PageRequest.checked(req)
        let courses = try await VisitTypes.courseNames(program: me.programID, on: req.db)
        let (types, next) = try await VisitType.query(on: req.db).filter(\.$program.$id == me.programID).page(page, sortedBy: ["name"])
        return PageDTO(items: types.map { VisitTypeDTO($0, courses: courses) }, nextCursor: next)
    }

    func visits(req: Request) async throws -> PageDTO<VisitDTO> {
        let family = try await req.visibleFamily()
        let (visits, next) = try await Visit.query(on: req.db).filter(\.$family.$id == family.requireID())
            .page(PageRequest.checked(req), sortedBy: ["scheduled_on", "starts_at"])
        try await req.audit(.view, .visit, family: family.id, detail: "api list shown=\(visits.count)")
        return PageDTO(items: try await dtos(visits, on: req.db), nextCursor: next)
    }

    func visit(req: Request) async throws -> Response {
        let family = try await req.visibleFamily()
        let visit = try await VisitCommands.find(req.uuidParameter("visitID"), in: family, on: req.db)
        try await req.audit(.view, .visit, family: family.id, recordID: visit.id)
        return try await dtos([visit], on: req.db)[0].response(version: visit.version)
    }

    func schedule(req: Request) async throws -> Response {
        let visits = try await VisitCommands.schedule(try req.decodeJSON(VisitInput.self), family: req.uuidParameter("familyID"),
                                                      in: req.context())
        return try await dtos(visits, on: req.db).encodeResponse(status: .created, for: req)
    }

    func changeStatus(req: Request) async throws -> Response {
        let input = try req.decodeJSON(VisitStatusInput.self)
        let change = try await VisitCommands.changeStatus(req.uuidParameter("visitID"), family: req.uuidParameter("familyID"), input,
                                                          basedOn: req.basedOn(input.version), in: req.context())
        var dto = try await dtos([change.visit], on: req.db)[0]
        dto.rescheduledTo = change.moved?.id
        dto.laterCancelled = change.laterCancelled
        return try dto.response(version: change.visit.version)
    }

    func record(req: Request) async throws -> Response {
        let input = try req.decodeJSON(VisitRecordInput.self)
        let (visit, referral) = try await VisitCommands.record(req.uuidParameter("visitID"), family: req.uuidParameter("familyID"), input,
                                                                basedOn: req.basedOn(input.version), in: req.context())
        var dto = try await dtos([visit], on: req.db)[0]
        dto.referralID = referral?.id
        return try dto.response(version: visit.version)
    }

    func declined(req: Request) async throws -> Response {
        let input = try req.decodeJSON(HomeVisitsDeclinedInput.self)
        let family = try await FamilyCommands.setDeclinedHomeVisits(req.uuidParameter("familyID"), input,
                                                                    basedOn: req.basedOn(input.version), in: req.context())
        return try FamilyDTO(family).response(version: family.version)
    }

    func contacts(req: Request) async throws -> PageDTO<ContactDTO> {
        let family = try await req.visibleFamily()
        let (contacts, next) = try await Contact.query(on: req.db).filter(\.$family.$id == family.requireID())
            .page(PageRequest.checked(req), sortedBy: ["contacted_on", "created_at"])
        try await req.audit(.view, .contact, family: family.id, detail: "api list shown=\(contacts.count)")
        return PageDTO(items: contacts.map(ContactDTO.init), nextCursor: next)
    }

    func logContact(req: Request) async throws -> Response {
        let contact = try await VisitCommands.logContact(try req.decodeJSON(ContactInput.self), family: req.uuidParameter("familyID"),
                                                         in: req.context())
        return try await ContactDTO(contact).encodeResponse(status: .created, for: req)
    }

    func trainings(req: Request) async throws -> PageDTO<TrainingDTO> {
        let me = try req.staff(allowedTo: \.maySeeStaffList)
        let page = try PageRequest.checked(req)
        let courses = try await VisitTypes.courseNames(program: me.programID, on: req.db)
        let (records, next) = try await StaffTraining.query(on: req.db).join(Staff.self, on: \StaffTraining.$staff.$id == \Staff.$id)
            .filter(Staff.self, \.$program.$id == me.programID).page(page, sortedBy: ["completed_on"])
        return PageDTO(items: records.map { TrainingDTO($0, course: courses[$0.$course.id] ?? "", today: req.clock.today) }, nextCursor: next)
    }

    func recordTraining(req: Request) async throws -> Response {
        let (record, course) = try await VisitCommands.recordTraining(try req.decodeJSON(TrainingInput.self), in: req.context())
        return try await TrainingDTO(record, course: course.name, today: req.clock.today).encodeResponse(status: .created, for: req)
    }

    func draws(req: Request) async throws -> PageDTO<DrawDTO> {
        let me = try req.staff(allowedTo: \.mayManageVisits)
        let (draws, next) = try await VisitDraw.query(on: req.db).filter(\.$program.$id == me.programID)
            .page(PageRequest.checked(req), sortedBy: ["created_at"], descending: true)
        return PageDTO(items: draws.map(DrawDTO.init), nextCursor: next)
    }

    func draw(req: Request) async throws -> Response {
        let draw = try await VisitCommands.draw(try req.decodeJSON(DrawInput.self), in: req.context())
        return try await DrawDTO(draw).encodeResponse(status: .created, for: req)
    }

    func oneDraw(req: Request) async throws -> DrawDTO {
        let me = try req.staff(allowedTo: \.mayManageVisits)
        let draw = try await VisitDraw.query(on: req.db).filter(\.$id == req.uuidParameter("drawID")).filter(\.$program.$id == me.programID)
            .first().orThrow()
        try await req.audit(.view, .draw, family: nil, recordID: draw.id)
        return DrawDTO(draw)
    }

    func hours(req: Request) async throws -> VisitHoursDTO {
        let asked = try await TimeReportController.asked(req)
        return VisitHoursDTO(try await TimeReport.load(asked.scope, from: asked.from, through: asked.through, on: req.db))
    }

    private func dtos(_ visits: [Visit], on db: any Database) async throws -> [VisitDTO] {
        let ids = visits.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let staff = Dictionary(grouping: try await VisitStaff.query(on: db).filter(\.$visit.$id ~~ ids).all(), by: { $0.$visit.id })
        let children = Dictionary(grouping: try await VisitChild.query(on: db).filter(\.$visit.$id ~~ ids).all(), by: { $0.$visit.id })
        return visits.map { visit in
            VisitDTO(visit, staff: staff[visit.id!] ?? [], children: children[visit.id!] ?? [])
        }
    }
}
