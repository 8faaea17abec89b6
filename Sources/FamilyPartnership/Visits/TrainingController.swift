import Fluent
import Foundation
import PartnershipRules
import Plot
import Vapor

/// Staff trainings: who holds which course, current or expired. Managers and directors record completions;
/// every program staff member can see who is trained, to find a partner for a visit.
struct TrainingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.trainings.pattern, use: index)
        routes.post(SiteURL.trainings.pattern, use: create)
    }

    func index(req: Request) async throws -> Response {
        try await render(req, input: TrainingInput(completedOn: req.clock.today.description))
    }

    func create(req: Request) async throws -> Response {
        let input = try req.content.decode(TrainingInput.self)
        do {
            let (record, course) = try await VisitCommands.recordTraining(input, in: req.context())
            let person = try await Staff.find(record.$staff.id, on: req.db)
            req.flash("\(person?.name ?? "Staff member"): \(course.name) recorded.")
            return req.redirect(to: SiteURL.trainings.path)
        } catch let errors as FieldErrors {
            return try await render(req, input: input, errors: errors)
        }
    }

    private func render(_ req: Request, input: TrainingInput, errors: FieldErrors = FieldErrors()) async throws -> Response {
        let me = try req.staff(allowedTo: \.maySeeStaffList)
        let courses = try await VisitTypes.courses(program: me.programID, on: req.db)
        let names = Dictionary(uniqueKeysWithValues: courses.map { ($0.id!, $0.name) })
        let staff = try await Staff.query(on: req.db).filter(\.$program.$id == me.programID).filter(\.$status == .active).sort(\.$name).all()
            .filter { !$0.roles.contains(.partner) }
        let records = try await StaffTraining.query(on: req.db).filter(\.$staff.$id ~~ staff.compactMap(\.id))
            .sort(\.$completedOn, .descending).all()
        let byStaff = Dictionary(grouping: records, by: { $0.$staff.id })
        let today = req.clock.today
        let body: [Node<HTML.BodyContext>] = [
            .h1("Staff trainings"),
            .p(.class("hint"), .text("A visit type that requires a training can only be scheduled with staff whose training is current on the visit's day.")),
            .table(
                .thead(.tr(.th("Staff member"), .th("Trainings"))),
                .tbody(.forEach(staff) { person in
                    .tr(.td(.text(person.name)), .td(.forEach(byStaff[person.id!] ?? []) { record in
                        let current = record.terms?.isCurrent(on: today) ?? false
                        return .div(.text("\(names[record.$course.id] ?? "Course") — completed \(Display.date(record.completedOn))"
                                          + (record.expiresOn.map { ", \(current ? "expires" : "expired") \(Display.date($0))" } ?? "")),
                                    .if(!current, .span(.class("tag"), .text(" not current"))))
                    }))
                })
            ),
            .if(me.access.mayManageVisits, .group(
                .h2("Record a training"),
                FormKit.summary(errors),
                FormKit.form(action: SiteURL.trainings.path, csrf: req.csrfToken, [
                    FormKit.select("staff_id", "Staff member", options: staff.map { ($0.id!.uuidString.lowercased(), $0.name) }, selected: input.staffID?.lowercased(),
                                   errors: errors, required: true),
                    FormKit.select("course_id", "Course", options: courses.map { ($0.id!.uuidString.lowercased(), $0.name) }, selected: input.courseID?.lowercased(),
                                   errors: errors),
                    FormKit.field("new_course", "Or a new course", value: input.newCourse, errors: errors),
                    FormKit.field("completed_on", "Completed on", value: input.completedOn, errors: errors, type: .date, required: true),
                    FormKit.field("expires_on", "Expires on", value: input.expiresOn, errors: errors, type: .date,
                                  hint: "The last day it counts. Leave empty if it does not expire."),
                    FormKit.submit("Record training"),
                ])
            )),
        ]
        return req.page(title: "Staff trainings", body, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
