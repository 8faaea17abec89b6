import Fluent
import Foundation
import PartnershipRules
import Plot
import Vapor

/// The program's set-up pages: the checklist a new program works through, the program's details, its sites and
/// its classrooms. For the director, and the administrator who starts a new program.
struct SetUpController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let id = UUID.routeParameter
        routes.get(SiteURL.programSetUp.pattern, use: checklist)
        routes.get(SiteURL.programDetails.pattern, use: details)
        routes.post(SiteURL.programDetails.pattern, use: saveDetails)
        routes.get(SiteURL.sites.pattern, use: sites)
        routes.post(SiteURL.sites.pattern, use: addSite)
        routes.get(SiteURL.site(id).pattern, use: site)
        routes.post(SiteURL.site(id).pattern, use: saveSite)
        routes.get(SiteURL.classrooms.pattern, use: classrooms)
        routes.post(SiteURL.classrooms.pattern, use: addClassroom)
        routes.get(SiteURL.classroom(id).pattern, use: classroom)
        routes.post(SiteURL.classroom(id).pattern, use: saveClassroom)
    }

    private func setUp(_ req: Request) throws -> Context {
        let ctx = try req.context()
        try ctx.require(\.maySetUpProgram, "The program's set-up is changed by the director or an administrator.")
        return ctx
    }

    private var back: Node<HTML.BodyContext> { .p(.a(.href(SiteURL.programSetUp.path), .text("← Set-up"))) }

    // MARK: The checklist

    func checklist(req: Request) async throws -> Response {
        let ctx = try setUp(req)
        let program = try await ProgramCommands.program(in: ctx)
        let list = try await SetUpChecklist.load(program: program, for: ctx.staff.access, on: req.db)
        return req.page(title: "Set-up", [
            .h1(.text("Set up \(program.name)")),
            .p(.text(list.isComplete ? "Every step is done. Change any of them here when the program changes."
                                     : "Work through these steps before staff start: each links to its page.")),
            list.view(),
        ])
    }

    // MARK: The program's details

    func details(req: Request) async throws -> Response {
        let program = try await ProgramCommands.program(in: try setUp(req))
        var input = ProgramProfileInput(program)
        if input.programYearEnd == nil, let start = CalendarDate(program.programYearStart) {
            input.programYearEnd = start.adding(years: 1).adding(days: -1).description
        }
        return try renderDetails(req, input: input)
    }

    func saveDetails(req: Request) async throws -> Response {
        var input = try req.content.decode(ProgramProfileInput.self)
        do {
            _ = try await SetUpCommands.updateProfile(input, basedOn: BasedOn(input.version), in: try setUp(req))
            req.flash("Program details saved.")
            return req.redirect(to: SiteURL.programSetUp.path)
        } catch let errors as FieldErrors {
            return try renderDetails(req, input: input, errors: errors)
        } catch let stale as StaleRecord {
            let current = ProgramProfileInput(stale.current as! Program)
            let errors = StaleForm.messages(current: current, typed: input)
            input.version = current.version
            return try renderDetails(req, input: input, errors: errors, status: .conflict)
        }
    }

    private func renderDetails(_ req: Request, input: ProgramProfileInput, errors: FieldErrors = FieldErrors(),
                               status: HTTPResponseStatus? = nil) throws -> Response {
        let zones = ProgramSetUp.usTimeZones.map { ($0.id, "\($0.label) — \($0.id)") }
            + [input.timeZone].compactMap { $0 }.filter { zone in !ProgramSetUp.usTimeZones.contains { $0.id == zone } }.map { ($0, $0) }
        return req.page(title: "Program details", [
            back,
            .h1(.text("Program details")),
            FormKit.summary(errors),
            FormKit.form(action: SiteURL.programDetails.path, csrf: req.csrfToken, [
                FormKit.version(input.version),
                FormKit.field("name", "Program name", value: input.name, errors: errors, required: true),
                FormKit.field("agency", "Agency (the grant recipient)", value: input.agency, errors: errors, required: true),
                FormKit.fieldset("Services", id: FormKit.id("services[]"), [FormKit.hidden("services[]", "")]
                    + ProgramType.allCases.map { FormKit.checkbox("services[]", $0.label, checked: (input.services ?? []).contains($0.rawValue), value: $0.rawValue) }
                    + [.unwrap(errors["services[]"]) { .p(.class("error"), .text($0)) }]),
                FormKit.fieldset("Program options", id: FormKit.id("options[]"), [FormKit.hidden("options[]", "")]
                    + ProgramOption.allCases.map { FormKit.checkbox("options[]", $0.label, checked: (input.options ?? []).contains($0.rawValue), value: $0.rawValue) }
                    + [.unwrap(errors["options[]"]) { .p(.class("error"), .text($0)) }]),
                FormKit.field("program_year_start", "First day of the program year", value: input.programYearStart, errors: errors, type: .date, required: true),
                FormKit.field("program_year_end", "Last day of the program year", value: input.programYearEnd, errors: errors, type: .date, required: true,
                              hint: "Agreements, assessment periods and reports count by program year."),
                FormKit.field("kindergarten_cutoff", "Kindergarten age cutoff", value: input.kindergartenCutoff.flatMap(MonthDay.init)?.label ?? input.kindergartenCutoff,
                              errors: errors, required: true, hint: "Your state's: children five by this day start kindergarten that school year. Like September 1."),
                FormKit.field("kindergarten_starts", "First day of the school year", value: input.kindergartenStarts.flatMap(MonthDay.init)?.label ?? input.kindergartenStarts,
                              errors: errors, required: true, hint: "When children start kindergarten; transition plans are due six months before."),
                FormKit.select("time_zone", "Time zone", options: zones, selected: input.timeZone, errors: errors,
                               blank: "The server's (\(req.application.clock.zone.identifier))", hint: "Where the program's day begins and ends."),
                FormKit.submit("Save program details"),
            ]),
        ], status: status ?? (errors.isEmpty ? .ok : .unprocessableEntity))
    }

    // MARK: Sites

    func sites(req: Request) async throws -> Response {
        _ = try setUp(req)
        return try await renderSites(req, input: SiteInput())
    }

    func addSite(req: Request) async throws -> Response {
        let input = try req.content.decode(SiteInput.self)
        do {
            let site = try await SetUpCommands.addSite(input, in: try setUp(req))
            req.flash("Site \(site.name) added.")
            return req.redirect(to: SiteURL.sites.path)
        } catch let errors as FieldErrors {
            return try await renderSites(req, input: input, errors: errors)
        }
    }

    private func renderSites(_ req: Request, input: SiteInput, errors: FieldErrors = FieldErrors()) async throws -> Response {
        let ctx = try setUp(req)
        let sites = try await Site.query(on: req.db).filter(\.$program.$id == ctx.programID).sort(\.$name).all()
        return req.page(title: "Sites", [
            back,
            .h1(.text("Sites")),
            sites.isEmpty ? .p(.text("No sites yet.")) : .ul(.forEach(sites) { site in
                .li(.a(.href(SiteURL.site(site.id!).path), .text(site.name)),
                    .text(([site.address, site.phone.map(Display.phone)].compactMap { $0 }.map { " — " + $0 }).joined()))
            }),
            .h2(.text("Add a site")),
            FormKit.summary(errors),
            FormKit.form(action: SiteURL.sites.path, csrf: req.csrfToken, siteFields(input, errors) + [FormKit.submit("Add site")]),
        ], status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    func site(req: Request) async throws -> Response {
        let site = try await SetUpCommands.site(req.uuidParameter("siteID"), in: try setUp(req))
        return try renderSite(req, site: site, input: SiteInput(site))
    }

    func saveSite(req: Request) async throws -> Response {
        var input = try req.content.decode(SiteInput.self)
        let ctx = try setUp(req)
        let id = try req.uuidParameter("siteID")
        do {
            _ = try await SetUpCommands.updateSite(id, input, basedOn: BasedOn(input.version), in: ctx)
            req.flash("Site saved.")
            return req.redirect(to: SiteURL.sites.path)
        } catch let errors as FieldErrors {
            return try renderSite(req, site: try await SetUpCommands.site(id, in: ctx), input: input, errors: errors)
        } catch let stale as StaleRecord {
            let current = stale.current as! Site
            let errors = StaleForm.messages(current: SiteInput(current), typed: input)
            input.version = current.version
            return try renderSite(req, site: current, input: input, errors: errors, status: .conflict)
        }
    }

    private func renderSite(_ req: Request, site: Site, input: SiteInput, errors: FieldErrors = FieldErrors(),
                            status: HTTPResponseStatus? = nil) throws -> Response {
        req.page(title: site.name, [
            .p(.a(.href(SiteURL.sites.path), .text("← Sites"))),
            .h1(.text(site.name)),
            FormKit.summary(errors),
            FormKit.form(action: SiteURL.site(site.id!).path, csrf: req.csrfToken,
                         [FormKit.version(input.version)] + siteFields(input, errors) + [FormKit.submit("Save site")]),
        ], status: status ?? (errors.isEmpty ? .ok : .unprocessableEntity))
    }

    private func siteFields(_ input: SiteInput, _ errors: FieldErrors) -> [Node<HTML.BodyContext>] {
        [
            FormKit.field("name", "Site name", value: input.name, errors: errors, required: true),
            FormKit.field("address", "Address", value: input.address, errors: errors),
            FormKit.field("phone", "Phone", value: input.phone.map(Display.phone), errors: errors, type: .tel),
        ]
    }

    // MARK: Classrooms

    func classrooms(req: Request) async throws -> Response {
        _ = try setUp(req)
        return try await renderClassrooms(req, input: ClassroomInput())
    }

    func addClassroom(req: Request) async throws -> Response {
        let input = try req.content.decode(ClassroomInput.self)
        do {
            let room = try await SetUpCommands.addClassroom(input, in: try setUp(req))
            req.flash("Classroom \(room.name) added.")
            return req.redirect(to: SiteURL.classrooms.path)
        } catch let errors as FieldErrors {
            return try await renderClassrooms(req, input: input, errors: errors)
        }
    }

    private func renderClassrooms(_ req: Request, input: ClassroomInput, errors: FieldErrors = FieldErrors()) async throws -> Response {
        let ctx = try setUp(req)
        let rooms = try await Classroom.query(on: req.db).filter(\.$program.$id == ctx.programID).with(\.$site).sort(\.$name).all()
        let teachers = try await SetUpCommands.teachers(of: rooms, on: req.db)
        let choices = try await ClassroomChoices.load(ctx)
        return req.page(title: "Classrooms", [
            back,
            .h1(.text("Classrooms")),
            rooms.isEmpty ? .p(.text("No classrooms yet.")) : .ul(.forEach(rooms) { room in
                .li(.a(.href(SiteURL.classroom(room.id!).path), .text(room.name)),
                    .text(" — \(room.site.name), \(room.programOption.label)"),
                    .text((teachers[room.id!] ?? []).isEmpty ? "; no teachers yet" : "; " + teachers[room.id!]!.map(\.name).joined(separator: ", ")))
            }),
            .h2(.text("Add a classroom")),
            choices.sites.isEmpty ? .p(.text("Add a site first: "), .a(.href(SiteURL.sites.path), .text("Sites"))) : .group(
                FormKit.summary(errors),
                FormKit.form(action: SiteURL.classrooms.path, csrf: req.csrfToken, classroomFields(input, errors, choices) + [FormKit.submit("Add classroom")])
            ),
        ], status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    func classroom(req: Request) async throws -> Response {
        let ctx = try setUp(req)
        let room = try await SetUpCommands.classroom(req.uuidParameter("classroomID"), in: ctx)
        let teachers = try await SetUpCommands.teachers(of: [room], on: req.db)[room.id!] ?? []
        return try await renderClassroom(req, room: room, input: ClassroomInput(room, teachers: teachers.compactMap(\.id)))
    }

    func saveClassroom(req: Request) async throws -> Response {
        var input = try req.content.decode(ClassroomInput.self)
        let ctx = try setUp(req)
        let id = try req.uuidParameter("classroomID")
        do {
            _ = try await SetUpCommands.updateClassroom(id, input, basedOn: BasedOn(input.version), in: ctx)
            req.flash("Classroom saved.")
            return req.redirect(to: SiteURL.classrooms.path)
        } catch let errors as FieldErrors {
            return try await renderClassroom(req, room: try await SetUpCommands.classroom(id, in: ctx), input: input, errors: errors)
        } catch let stale as StaleRecord {
            let current = stale.current as! Classroom
            let teachers = try await SetUpCommands.teachers(of: [current], on: req.db)[current.id!] ?? []
            let errors = StaleForm.messages(current: ClassroomInput(current, teachers: teachers.compactMap(\.id)), typed: input)
            input.version = current.version
            return try await renderClassroom(req, room: current, input: input, errors: errors, status: .conflict)
        }
    }

    private func renderClassroom(_ req: Request, room: Classroom, input: ClassroomInput, errors: FieldErrors = FieldErrors(),
                                 status: HTTPResponseStatus? = nil) async throws -> Response {
        let choices = try await ClassroomChoices.load(try setUp(req))
        return req.page(title: room.name, [
            .p(.a(.href(SiteURL.classrooms.path), .text("← Classrooms"))),
            .h1(.text(room.name)),
            .p(.text("Renaming the classroom moves its children with it.")),
            FormKit.summary(errors),
            FormKit.form(action: SiteURL.classroom(room.id!).path, csrf: req.csrfToken,
                         [FormKit.version(input.version)] + classroomFields(input, errors, choices) + [FormKit.submit("Save classroom")]),
        ], status: status ?? (errors.isEmpty ? .ok : .unprocessableEntity))
    }

    /// The sites and teachers a classroom may have.
    private struct ClassroomChoices {
        let sites: [Site]
        let teachers: [Staff]

        static func load(_ ctx: Context) async throws -> ClassroomChoices {
            ClassroomChoices(
                sites: try await Site.query(on: ctx.db).filter(\.$program.$id == ctx.programID).sort(\.$name).all(),
                teachers: try await Staff.query(on: ctx.db).filter(\.$program.$id == ctx.programID).filter(\.$status != .left)
                    .filter(\.$rolesList ~~ StaffRole.teacher.rawValue).sort(\.$name).all())
        }
    }

    private func classroomFields(_ input: ClassroomInput, _ errors: FieldErrors, _ choices: ClassroomChoices) -> [Node<HTML.BodyContext>] {
        let chosen = Set((input.teacherIDs ?? []).map { $0.lowercased() })
        return [
            FormKit.field("name", "Classroom name", value: input.name, errors: errors, required: true, hint: "As families and staff call it, like Blue Herons."),
            FormKit.select("site_id", "Site", options: choices.sites.map { ($0.id!.uuidString.lowercased(), $0.name) },
                           selected: input.siteID?.lowercased(), errors: errors, required: true),
            FormKit.select("program_option", "Program option", options: ProgramOption.allCases.map { ($0.rawValue, $0.label) },
                           selected: input.programOption ?? ProgramOption.centerBased.rawValue, errors: errors, required: true),
            FormKit.fieldset("Teachers", id: FormKit.id("teacher_ids[]"), [FormKit.hidden("teacher_ids[]", "")]
                + (choices.teachers.isEmpty ? [.p(.class("hint"), .text("No staff have the teacher role yet; add teachers on the Staff page, then here."))] : [])
                + choices.teachers.map { FormKit.checkbox("teacher_ids[]", $0.name, checked: chosen.contains($0.id!.uuidString.lowercased()),
                                                          value: $0.id!.uuidString.lowercased()) }
                + [.unwrap(errors["teacher_ids[]"]) { .p(.class("error"), .text($0)) }]),
        ]
    }
}
