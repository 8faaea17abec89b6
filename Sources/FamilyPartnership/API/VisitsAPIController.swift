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

    func visitTypes(req: Request) async throws -> [VisitTypeDTO] {
        let me = try req.staff(allowedTo: \.maySeeStaffList)
        let courses = try await VisitTypes.courseNames(program: me.programID, on: req.db)
        return try await VisitTypes.all(program: me.programID, on: req.db).map { VisitTypeDTO($0, courses: courses) }
    }

    func visits(req: Request) async throws -> [VisitDTO] {
        let family = try await req.visibleFamily()
        let visits = try await Visit.query(on: req.db).filter(\.$family.$id == family.requireID()).sort(\.$scheduledOn).sort(\.$startsAt).all()
        try await req.audit(.view, .visit, family: family.id, detail: "api list shown=\(visits.count)")
        return try await dtos(visits, on: req.db)
    }

    func visit(req: Request) async throws -> VisitDTO {
        let family = try await req.visibleFamily()
        let visit = try await find(req, in: family)
        try await req.audit(.view, .visit, family: family.id, recordID: visit.id)
        return try await dtos([visit], on: req.db)[0]
    }

    func schedule(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let visits = try await VisitChanges.schedule(try req.content.decode(VisitInput.self), family: family, req: req)
        return try await dtos(visits, on: req.db).encodeResponse(status: .created, for: req)
    }

    func changeStatus(req: Request) async throws -> VisitDTO {
        let family = try await req.editableFamily()
        let visit = try await find(req, in: family)
        let change = try await VisitChanges.changeStatus(visit, try req.content.decode(VisitStatusInput.self), family: family, req: req)
        var dto = try await dtos([visit], on: req.db)[0]
        dto.rescheduledTo = change.moved?.id
        dto.laterCancelled = change.laterCancelled
        return dto
    }

    func record(req: Request) async throws -> VisitDTO {
        let family = try await req.editableFamily()
        let visit = try await find(req, in: family)
        let referral = try await VisitChanges.record(visit, try req.content.decode(VisitRecordInput.self), family: family, req: req)
        var dto = try await dtos([visit], on: req.db)[0]
        dto.referralID = referral?.id
        return dto
    }

    struct DeclinedInput: Content {
        var declined: Bool?
    }

    func declined(req: Request) async throws -> FamilyDTO {
        let family = try await req.editableFamily()
        guard let declining = try req.content.decode(DeclinedInput.self).declined else {
            var errors = FieldErrors()
            errors["declined"] = "Say true when the family declined home visits, false when it is open to them."
            throw errors
        }
        try await VisitChanges.setDeclined(declining, family: family, req: req)
        return FamilyDTO(family)
    }

    func contacts(req: Request) async throws -> [ContactDTO] {
        let family = try await req.visibleFamily()
        let contacts = try await Contact.query(on: req.db).filter(\.$family.$id == family.requireID()).sort(\.$contactedOn).sort(\.$createdAt).all()
        try await req.audit(.view, .contact, family: family.id, detail: "api list shown=\(contacts.count)")
        return contacts.map(ContactDTO.init)
    }

    func logContact(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let contact = try await VisitChanges.logContact(try req.content.decode(ContactInput.self), family: family, req: req)
        return try await ContactDTO(contact).encodeResponse(status: .created, for: req)
    }

    func trainings(req: Request) async throws -> [TrainingDTO] {
        let me = try req.staff(allowedTo: \.maySeeStaffList)
        let courses = try await VisitTypes.courseNames(program: me.programID, on: req.db)
        return try await StaffTraining.query(on: req.db).join(Staff.self, on: \StaffTraining.$staff.$id == \Staff.$id)
            .filter(Staff.self, \.$program.$id == me.programID).sort(\.$completedOn).all()
            .map { TrainingDTO($0, course: courses[$0.$course.id] ?? "") }
    }

    func recordTraining(req: Request) async throws -> Response {
        let (record, course) = try await TrainingController.record(try req.content.decode(TrainingController.TrainingInput.self), req: req)
        return try await TrainingDTO(record, course: course.name).encodeResponse(status: .created, for: req)
    }

    func draws(req: Request) async throws -> [DrawDTO] {
        let me = try req.staff(allowedTo: \.mayManageVisits)
        return try await VisitDraw.query(on: req.db).filter(\.$program.$id == me.programID).sort(\.$createdAt, .descending).limit(200).all()
            .map(DrawDTO.init)
    }

    func draw(req: Request) async throws -> Response {
        let draw = try await DrawController.draw(try req.content.decode(DrawController.DrawInput.self), req: req)
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
        VisitHoursDTO(try await TimeReportController.load(req).0)
    }

    private func find(_ req: Request, in family: Family) async throws -> Visit {
        try await Visit.query(on: req.db).filter(\.$id == req.uuidParameter("visitID")).filter(\.$family.$id == family.requireID()).first().orThrow()
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
