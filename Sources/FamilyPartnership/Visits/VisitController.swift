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
        let input = try req.content.decode(VisitInput.self)
        do {
            let visits = try await VisitCommands.schedule(input, family: req.uuidParameter("familyID"), in: req.context())
            req.flash(visits.count == 1 ? "Visit scheduled for \(VisitPages.when(visits[0]))." : "\(visits.count) visits scheduled.")
            return req.redirect(to: SiteURL.visit(visits[0].$family.id, visit: visits[0].id!).path)
        } catch let errors as FieldErrors {
            return try await renderSchedule(req, family: req.editableFamily(), input: input, errors: errors)
        }
    }

    func show(req: Request) async throws -> Response {
        let family = try await req.visibleFamily()
        return try await renderVisit(req, family: family, visit: try await VisitCommands.find(req.uuidParameter("visitID"), in: family, on: req.db))
    }

    func changeStatus(req: Request) async throws -> Response {
        let input = try req.content.decode(VisitStatusInput.self)
        do {
            let change = try await VisitCommands.changeStatus(req.uuidParameter("visitID"), family: req.uuidParameter("familyID"), input,
                                                              basedOn: BasedOn(input.version), in: req.context())
            let visit = change.visit
            req.flash(change.moved.map { "Visit moved to \(VisitPages.when($0))." }
                ?? "Saved: \(visit.status.label.lowercased())" + (change.laterCancelled > 0 ? ", with the \(change.laterCancelled) later visits of the series." : "."))
            return req.redirect(to: SiteURL.visit(visit.$family.id, visit: (change.moved ?? visit).id!).path)
        } catch let errors as FieldErrors {
            return try await renderVisit(req, errors: errors, statusInput: input)
        } catch let stale as StaleRecord {
            let current = stale.current as! Visit
            return try await renderVisit(req, errors: FieldErrors.one("status", Self.changedMeanwhile(current)), statusInput: input, status: .conflict)
        }
    }

    func record(req: Request) async throws -> Response {
        let input = try req.content.decode(VisitRecordInput.self)
        do {
            let (visit, referral) = try await VisitCommands.record(req.uuidParameter("visitID"), family: req.uuidParameter("familyID"), input,
                                                                    basedOn: BasedOn(input.version), in: req.context())
            if let referral {
                req.flash("Visit recorded, and a referral started for what the family asked for: choose a provider.")
                return req.redirect(to: SiteURL.referral(visit.$family.id, referral: referral.id!).path)
            }
            req.flash("Visit recorded.")
            return req.redirect(to: SiteURL.visit(visit.$family.id, visit: visit.id!).path)
        } catch let errors as FieldErrors {
            return try await renderVisit(req, errors: errors, recordInput: input)
        } catch let stale as StaleRecord {
            let current = stale.current as! Visit
            return try await renderVisit(req, errors: FieldErrors.one("actual_minutes", Self.changedMeanwhile(current)), recordInput: input,
                                         status: .conflict)
        }
    }

    /// Why a change to a visit was refused: someone else changed it while this page was open.
    private static func changedMeanwhile(_ visit: Visit) -> String {
        "Someone else changed this visit while you had it open: it is now \(visit.status.label.lowercased()). "
            + "What you entered is kept below; check the visit and save again if it still applies."
    }

    func newContact(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        var input = ContactInput()
        input.date = req.clock.today.description
        // Most contacts go the family's preferred way: it is chosen already, one tap fewer on a phone.
        input.medium = family.preferredChannel.map { ContactMedium($0).rawValue }
        return try await renderContact(req, family: family, input: input)
    }

    func createContact(req: Request) async throws -> Response {
        let input = try req.content.decode(ContactInput.self)
        do {
            let contact = try await VisitCommands.logContact(input, family: req.uuidParameter("familyID"), in: req.context())
            req.flash("Contact logged.")
            return req.redirect(to: SiteURL.family(contact.$family.id).path + "#visits")
        } catch let errors as FieldErrors {
            return try await renderContact(req, family: req.editableFamily(), input: input, errors: errors)
        }
    }

    // MARK: Rendering

    private func renderSchedule(_ req: Request, family: Family, input: VisitInput, errors: FieldErrors = FieldErrors()) async throws -> Response {
        let staff = try req.staff()
        let types = try await VisitTypes.all(program: staff.programID, on: req.db)
        let names = try await VisitTypes.courseNames(program: staff.programID, on: req.db)
        let people = try await Staff.query(on: req.db).filter(\.$program.$id == staff.programID).filter(\.$status == .active).sort(\.$name).all()
            .filter { !$0.roles.isDisjoint(with: [.familyServiceWorker, .homeVisitor, .teacher, .specialist, .manager, .director]) }
        let trainings = try await VisitCommands.currentTrainings(of: people.map { $0.id! }, on: req.db)
        let day = CalendarDate(input.date ?? "") ?? req.clock.today
        let team = Set(try await TeamMember.query(on: req.db).filter(\.$family.$id == family.requireID()).all().map(\.$staff.id))
        // The family's team first, its point of contact before the others.
        func rank(_ person: Staff) -> Int { person.id == family.$pointOfContact.id ? 0 : team.contains(person.id!) ? 1 : 2 }
        let choices = people.sorted { (rank($0), $0.name) < (rank($1), $1.name) }.map { person in
            VisitPages.StaffChoice(staff: person, courses: trainings.courses(of: person.id!, on: day, names: names), onTeam: rank(person) < 2)
        }
        try await req.audit(.view, .visit, family: family.id, detail: "schedule form")
        return req.page(title: "Schedule a visit", VisitPages.scheduleForm(family: family, types: types, courseNames: names, staff: choices,
                                                                          input: input, errors: errors, csrf: req.csrfToken),
                        status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    /// The visit in the URL as it is now, with the problems of a change that did not go through.
    private func renderVisit(_ req: Request, errors: FieldErrors, recordInput: VisitRecordInput? = nil,
                             statusInput: VisitStatusInput? = nil, status: HTTPResponseStatus = .unprocessableEntity) async throws -> Response {
        let family = try await req.editableFamily()
        let visit = try await VisitCommands.find(req.uuidParameter("visitID"), in: family, on: req.db)
        return try await renderVisit(req, family: family, visit: visit, errors: errors, recordInput: recordInput,
                                     statusInput: statusInput, status: status)
    }

    private func renderVisit(_ req: Request, family: Family, visit: Visit, errors: FieldErrors = FieldErrors(),
                             recordInput: VisitRecordInput? = nil, statusInput: VisitStatusInput? = nil,
                             status: HTTPResponseStatus? = nil) async throws -> Response {
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
            mayEdit: staff.access.mayEditFamilies, errors: errors, recordInput: recordInput, statusInput: statusInput,
            today: req.clock.today)
        try await req.audit(.view, .visit, family: family.id, recordID: visitID)
        return req.page(title: type.name, VisitPages.show(model, csrf: req.csrfToken),
                        status: status ?? (errors.isEmpty ? .ok : .unprocessableEntity))
    }

    private func renderContact(_ req: Request, family: Family, input: ContactInput, errors: FieldErrors = FieldErrors()) async throws -> Response {
        try await req.audit(.view, .contact, family: family.id, detail: "contact form")
        return req.page(title: "Log a contact", VisitPages.contactForm(family: family, input: input, errors: errors, csrf: req.csrfToken),
                        status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
