import Fluent
import Foundation
import PartnershipRules
import Vapor

/// Scheduling, closing and recording visits, and logging contacts, on a family's record.
struct VisitController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.visitNew(.routeParameter).pattern, use: new)
        routes.post(SiteURL.visitNew(.routeParameter).pattern, use: create)
        routes.get(SiteURL.visit(.routeParameter, visit: .routeParameter).pattern, use: show)
        routes.post(SiteURL.visitStatus(.routeParameter, visit: .routeParameter).pattern, use: changeStatus)
        routes.post(SiteURL.visitRecord(.routeParameter, visit: .routeParameter).pattern, use: record)
        routes.get(SiteURL.contactNew(.routeParameter).pattern, use: newContact)
        routes.post(SiteURL.contactNew(.routeParameter).pattern, use: createContact)
    }

    func new(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        var input = VisitInput()
        input.staff = [try req.staff().staffID.uuidString.lowercased()]
        return try await renderSchedule(req, family: family, input: input)
    }

    func create(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let input = try req.content.decode(VisitInput.self)
        do {
            let visits = try await VisitChanges.schedule(input, family: family, req: req)
            req.flash(visits.count == 1 ? "Visit scheduled for \(VisitPages.when(visits[0]))." : "\(visits.count) visits scheduled.")
            return req.redirect(to: SiteURL.visit(family.id!, visit: visits[0].id!).path)
        } catch let errors as FieldErrors {
            return try await renderSchedule(req, family: family, input: input, errors: errors)
        }
    }

    func show(req: Request) async throws -> Response {
        let family = try await req.visibleFamily()
        return try await renderVisit(req, family: family, visit: try await find(req, in: family))
    }

    func changeStatus(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let visit = try await find(req, in: family)
        let input = try req.content.decode(VisitStatusInput.self)
        do {
            let change = try await VisitChanges.changeStatus(visit, input, family: family, req: req)
            req.flash(change.moved.map { "Visit moved to \(VisitPages.when($0))." }
                ?? "Saved: \(visit.status.label.lowercased())" + (change.laterCancelled > 0 ? ", with the \(change.laterCancelled) later visits of the series." : "."))
            return req.redirect(to: SiteURL.visit(family.id!, visit: (change.moved ?? visit).id!).path)
        } catch let errors as FieldErrors {
            return try await renderVisit(req, family: family, visit: visit, errors: errors, statusInput: input)
        }
    }

    func record(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let visit = try await find(req, in: family)
        let input = try req.content.decode(VisitRecordInput.self)
        do {
            let referral = try await VisitChanges.record(visit, input, family: family, req: req)
            if let referral {
                req.flash("Visit recorded, and a referral started for what the family asked for: choose a provider.")
                return req.redirect(to: SiteURL.referral(family.id!, referral: referral.id!).path)
            }
            req.flash("Visit recorded.")
            return req.redirect(to: SiteURL.visit(family.id!, visit: visit.id!).path)
        } catch let errors as FieldErrors {
            return try await renderVisit(req, family: family, visit: visit, errors: errors, recordInput: input)
        }
    }

    func newContact(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        var input = ContactInput()
        input.date = CalendarDate.today().description
        return try await renderContact(req, family: family, input: input)
    }

    func createContact(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let input = try req.content.decode(ContactInput.self)
        do {
            _ = try await VisitChanges.logContact(input, family: family, req: req)
            req.flash("Contact logged.")
            return req.redirect(to: SiteURL.family(family.id!).path + "#visits")
        } catch let errors as FieldErrors {
            return try await renderContact(req, family: family, input: input, errors: errors)
        }
    }

    // MARK: Rendering

    private func find(_ req: Request, in family: Family) async throws -> Visit {
        try await Visit.query(on: req.db).filter(\.$id == req.uuidParameter("visitID")).filter(\.$family.$id == family.requireID())
            .first().orThrow()
    }

    private func renderSchedule(_ req: Request, family: Family, input: VisitInput, errors: FieldErrors = FieldErrors()) async throws -> Response {
        let staff = try req.staff()
        let types = try await VisitTypes.all(program: staff.programID, on: req.db)
        let names = try await VisitTypes.courseNames(program: staff.programID, on: req.db)
        let people = try await Staff.query(on: req.db).filter(\.$program.$id == staff.programID).filter(\.$status == .active).sort(\.$name).all()
            .filter { !$0.roles.isDisjoint(with: [.familyServiceWorker, .homeVisitor, .teacher, .specialist, .manager, .director]) }
        let trainings = try await VisitChanges.currentTrainings(of: people.map { $0.id! }, on: req.db)
        let day = CalendarDate(input.date ?? "") ?? .today()
        let choices = people.map { VisitPages.StaffChoice(staff: $0, courses: trainings.courses(of: $0.id!, on: day, names: names)) }
        try await req.audit(.view, .visit, family: family.id, detail: "schedule form")
        return req.page(title: "Schedule a visit", VisitPages.scheduleForm(family: family, types: types, courseNames: names, staff: choices,
                                                                          input: input, errors: errors, csrf: req.csrfToken),
                        status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    private func renderVisit(_ req: Request, family: Family, visit: Visit, errors: FieldErrors = FieldErrors(),
                             recordInput: VisitRecordInput? = nil, statusInput: VisitStatusInput? = nil) async throws -> Response {
        let staff = try req.staff()
        let visitID = try visit.requireID()
        let type = try await VisitType.find(visit.$type.id, on: req.db).orThrow()
        let attendees = try await VisitStaff.query(on: req.db).filter(\.$visit.$id == visitID).with(\.$staff).all()
            .sorted { $0.staff.name < $1.staff.name }
        let children = try await FamilyMember.query(on: req.db).filter(\.$family.$id == family.requireID()).filter(\.$kind == .child)
            .sort(\.$dateOfBirth).all()
        let model = VisitPages.ShowModel(
            family: family, visit: visit, type: type, attendees: attendees, children: children,
            notes: try await VisitChild.query(on: req.db).filter(\.$visit.$id == visitID).all(),
            catalog: try await ServiceCatalog.load(program: staff.programID, on: req.db),
            movedTo: visit.status == .rescheduled ? try await Visit.query(on: req.db).filter(\.$rescheduledFrom.$id == visitID).first() : nil,
            mayEdit: staff.access.mayEditFamilies, errors: errors, recordInput: recordInput, statusInput: statusInput)
        try await req.audit(.view, .visit, family: family.id, recordID: visitID)
        return req.page(title: type.name, VisitPages.show(model, csrf: req.csrfToken), status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    private func renderContact(_ req: Request, family: Family, input: ContactInput, errors: FieldErrors = FieldErrors()) async throws -> Response {
        try await req.audit(.view, .contact, family: family.id, detail: "contact form")
        return req.page(title: "Log a contact", VisitPages.contactForm(family: family, input: input, errors: errors, csrf: req.csrfToken),
                        status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
