import Fluent
import Foundation
import PartnershipRules
import Plot
import Vapor

/// The caseload pages: the supervisor's overview, one staff member's caseload, exceptions to the limit,
/// absences and their cover, and assigning families that have no worker.
struct CaseloadController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.caseloads.pattern, use: overview)
        routes.get(SiteURL.caseloadsUnassigned.pattern, use: unassigned)
        routes.post(SiteURL.caseloadsUnassigned.pattern, use: assign)
        routes.get(SiteURL.caseload(.routeParameter).pattern, use: caseload)
        routes.get(SiteURL.caseloadExceptions(.routeParameter).pattern, use: exceptionForm)
        routes.post(SiteURL.caseloadExceptions(.routeParameter).pattern, use: recordException)
        routes.get(SiteURL.caseloadAbsences(.routeParameter).pattern, use: absenceForm)
        routes.post(SiteURL.caseloadAbsences(.routeParameter).pattern, use: markAbsence)
        routes.get(SiteURL.absenceCover(.routeParameter).pattern, use: cover)
        routes.post(SiteURL.absenceCover(.routeParameter).pattern, use: applyCover)
        routes.post(SiteURL.absenceReturn(.routeParameter).pattern, use: endAbsence)
    }

    // MARK: Reading

    func overview(req: Request) async throws -> Response {
        let staff = try req.staff()
        let program = try await Program.find(staff.programID, on: req.db).orThrow()
        let site = try? req.query.get(String.self, at: "site")
        let shown = try await CaseloadOverview.shown(to: staff, site: site, program: program, on: req.db)
        let today = req.clock.today
        let model = try await CaseloadOverview.load(shown, wholeProgram: staff.access.mayManageTeams, program: program, today: today, on: req.db)
        try await req.audit(.list, .caseload, family: nil, detail: "overview staff=\(shown.count)")
        var siteName: String?
        if let id = site.flatMap(UUID.init(uuidString:)) { siteName = try await Site.find(id, on: req.db)?.name }
        return req.page(title: "Caseloads", [
            .h1(.text("Caseloads")),
            .p(.text("At most \(model.limit.families) families per family-services staff member (\(CaseloadLimit.rule)), unless an exception is recorded.")),
            .if(model.unassigned > 0 && staff.access.mayManageTeams,
                .p(.strong(.text("\(Display.count(model.unassigned)) famil\(model.unassigned == 1 ? "y has" : "ies have") no point of contact. ")),
                   .a(.href(SiteURL.caseloadsUnassigned.path), .text("Propose workers →")))),
            .h2(.text(siteName.map { "Staff at \($0)" } ?? "Your staff")),
            model.staff.isEmpty ? .p(.text(site == nil ? "No family-services staff report to you." : "No family-services staff at this site."))
                : CaseloadViews.staff(model.staff, today: today),
            .if(!model.sites.isEmpty, .group(
                .h2(.text("Sites")),
                .table(.class("stack"),
                       .thead(.tr(.th(.text("Site")), .th(.text("Families")), .th(.text("Family-services staff")), .th(.text("Families per staff member")))),
                       .tbody(.forEach(model.sites) { row in
                           let link = row.siteID.map { SiteURL.caseloads.path + "?site=" + $0.uuidString.lowercased() }
                           return .tr(.td(link.map { .a(.href($0), .text(row.name)) } ?? .strong(.text(row.name))),
                                      .td(.span(.class("cell-label"), .text("Families: ")), .text(Display.count(row.families))),
                                      .td(.span(.class("cell-label"), .text("Family-services staff: ")), .text(Display.count(row.staff))),
                                      .td(.span(.class("cell-label"), .text("Per staff member: ")), .text(row.ratio)))
                       })))),
            .h2(.text("Away")),
            model.absences.isEmpty ? .p(.text("No one is away.")) : .ul(.forEach(model.absences) { absence in
                .li(.a(.href(SiteURL.caseload(absence.$staff.id).path), .text(absence.staff.name)),
                    .text(" \(Display.date(absence.startsOn)) to \(Display.date(absence.endsOn))"),
                    .if(absence.endsOn < today.description, .strong(.text(" — leave has ended: bring the families back"))),
                    .text(" · "), .a(.href(SiteURL.absenceCover(absence.id!).path), .text("Cover")))
            }),
            .h2(.text("Exceptions to the limit")),
            model.exceptions.isEmpty ? .p(.text("None in force or ended in the last 60 days.")) : .ul(.forEach(model.exceptions) { exception in
                .li(.a(.href(SiteURL.caseload(exception.$staff.id).path), .text(exception.staff.name)), .text(": "),
                    CaseloadViews.exceptionText(exception, today: today))
            }),
        ])
    }

    func caseload(req: Request) async throws -> Response {
        let ctx = try req.context()
        let member = try await CaseloadTable.owner(req.uuidParameter("staffID"), in: ctx)
        let staff = ctx.staff
        let program = try await Program.find(staff.programID, on: req.db).orThrow()
        let sort = try req.query.get(String?.self, at: "sort").flatMap(CaseloadTable.Sort.init(rawValue:)) ?? .family
        let table = try await CaseloadTable.load(staffID: member.requireID(), program: program, today: ctx.today, on: req.db)
        let exceptions = try await CaseloadException.query(on: req.db).filter(\.$staff.$id == member.requireID()).sort(\.$endsOn, .descending).range(..<20).all()
        let absences = try await StaffAbsence.query(on: req.db).filter(\.$staff.$id == member.requireID()).sort(\.$startsOn, .descending).range(..<20).all()
        let allowed = program.caseloadLimit.allowed(on: ctx.today, exceptions: exceptions.compactMap(\.rule))
        try await req.audit(.list, .caseload, families: table.rows.map(\.familyID), detail: "caseload of \(member.name)")
        let manages = staff.access.mayManageTeams
        let id = try member.requireID()
        return req.page(title: "\(member.name)'s caseload", [
            .h1(.text("\(member.name)'s caseload")),
            .p(.text(program.caseloadLimit.applies(to: member.roles)
                ? "\(table.counted) of \(allowed) families as point of contact · workload \(table.weight) · \(table.overdueCount) overdue"
                : "\(member.name) does not carry a family-services caseload; these are the families whose team they are on.")),
            .p(.a(.href(SiteURL.week.path + "?staff=\(id.uuidString.lowercased())"), .text("\(member.name)'s week of visits and follow-ups →"))),
            CaseloadViews.table(table, sort: sort, sortPath: SiteURL.caseload(id).path),
            .h2(.text("Exceptions to the limit")),
            exceptions.isEmpty ? .p(.text("None recorded.")) : .ul(.forEach(exceptions) { .li(CaseloadViews.exceptionText($0, today: ctx.today)) }),
            .if(manages, .p(.a(.href(SiteURL.caseloadExceptions(id).path), .text("Record an exception")))),
            .h2(.text("Time away")),
            absences.isEmpty ? .p(.text("None recorded.")) : .ul(.forEach(absences) { absence in
                .li(.text("\(Display.date(absence.startsOn)) to \(Display.date(absence.endsOn))"),
                    .unwrap(absence.reason) { .text(" (\($0))") },
                    absence.returnedOn.map { .text(" — back \(Display.date($0))") } ?? .group(
                        .if(manages, .group(.text(" · "), .a(.href(SiteURL.absenceCover(absence.id!).path), .text("Cover")),
                            FormKit.form(action: SiteURL.absenceReturn(absence.id!).path, csrf: req.csrfToken, class: "inline", [
                                FormKit.version(absence.version), FormKit.submit("\(member.name) is back: return the families", secondary: true),
                            ])))))
            }),
            .if(manages, .p(.a(.href(SiteURL.caseloadAbsences(id).path), .text("Mark \(member.name) away")))),
            .if(SupervisionCommands.mayRead(notesOf: member, by: staff),
                .p(.a(.href(SiteURL.supervision(id).path), .text("Reflective supervision notes →")))),
        ])
    }

    // MARK: Exceptions

    func exceptionForm(req: Request) async throws -> Response {
        try await renderException(req, input: ExceptionInput(kind: CaseloadExceptionKind.staffAbsence.rawValue, startsOn: req.clock.today.description), errors: FieldErrors())
    }

    func recordException(req: Request) async throws -> Response {
        let input = try req.content.decode(ExceptionInput.self)
        do {
            _ = try await CaseloadCommands.recordException(for: req.uuidParameter("staffID"), input, in: req.context())
            req.flash("Exception recorded.")
            return req.seeOther(.caseload(try req.uuidParameter("staffID")))
        } catch let errors as FieldErrors {
            return try await renderException(req, input: input, errors: errors)
        }
    }

    private func renderException(_ req: Request, input: ExceptionInput, errors: FieldErrors) async throws -> Response {
        let ctx = try req.context()
        try ctx.require(\.mayManageTeams, CaseloadCommands.managersOnly)
        let member = try await CaseloadCommands.staffMember(req.uuidParameter("staffID"), in: ctx)
        let id = try member.requireID()
        return req.page(title: "Caseload exception", [
            .h1(.text("An exception to the limit for \(member.name)")),
            .p(.text("\(CaseloadLimit.rule) allows more than the limit only under a waiver or during temporary staff absence, attrition, start-up or transition, or emergency response.")),
            FormKit.summary(errors),
            FormKit.form(action: SiteURL.caseloadExceptions(id).path, csrf: req.csrfToken, [
                FormKit.select("kind", "Why", options: CaseloadExceptionKind.allCases.map { ($0.rawValue, $0.label) }, selected: input.kind, errors: errors, required: true),
                FormKit.field("reference", "Waiver reference", value: input.reference, errors: errors, hint: "Required for a waiver."),
                FormKit.field("starts_on", "From", value: input.startsOn, errors: errors, type: .date, required: true),
                FormKit.field("ends_on", "Until", value: input.endsOn, errors: errors, type: .date, required: true,
                              hint: "A temporary exception lasts at most \(PartnershipRules.CaseloadException.longestTemporaryMonths) months."),
                FormKit.field("up_to", "Up to how many families", value: input.upTo, errors: errors, type: .number, required: true),
                FormKit.textArea("note", "Note", value: input.note, errors: errors),
                FormKit.submit("Record the exception"),
            ]),
            .p(.a(.href(SiteURL.caseload(id).path), .text("Back to \(member.name)'s caseload"))),
        ], status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    // MARK: Absences and cover

    func absenceForm(req: Request) async throws -> Response {
        try await renderAbsence(req, input: AbsenceInput(startsOn: req.clock.today.description), errors: FieldErrors())
    }

    func markAbsence(req: Request) async throws -> Response {
        let input = try req.content.decode(AbsenceInput.self)
        do {
            let absence = try await CaseloadCommands.markAbsence(of: req.uuidParameter("staffID"), input, in: req.context())
            req.flash("Marked away. Choose who covers the families.")
            return req.seeOther(.absenceCover(try absence.requireID()))
        } catch let errors as FieldErrors {
            return try await renderAbsence(req, input: input, errors: errors)
        }
    }

    private func renderAbsence(_ req: Request, input: AbsenceInput, errors: FieldErrors) async throws -> Response {
        let ctx = try req.context()
        try ctx.require(\.mayManageTeams, CaseloadCommands.managersOnly)
        let member = try await CaseloadCommands.staffMember(req.uuidParameter("staffID"), in: ctx)
        let id = try member.requireID()
        return req.page(title: "Time away", [
            .h1(.text("Mark \(member.name) away")),
            FormKit.summary(errors),
            FormKit.form(action: SiteURL.caseloadAbsences(id).path, csrf: req.csrfToken, [
                FormKit.field("starts_on", "First day away", value: input.startsOn, errors: errors, type: .date, required: true),
                FormKit.field("ends_on", "Last day away", value: input.endsOn, errors: errors, type: .date, required: true),
                FormKit.field("reason", "Reason", value: input.reason, errors: errors, hint: "Leave, illness, training. Seen by supervisors."),
                FormKit.submit("Mark away and choose cover"),
            ]),
            .p(.a(.href(SiteURL.caseload(id).path), .text("Back to \(member.name)'s caseload"))),
        ], status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    func cover(req: Request) async throws -> Response {
        try await renderCover(req, chosen: nil, errors: FieldErrors())
    }

    func applyCover(req: Request) async throws -> Response {
        let input = try req.content.decode(AssignmentInput.self)
        do {
            try await CaseloadCommands.applyCover(req.uuidParameter("absenceID"), input, in: req.context())
            req.flash("Cover applied. The families go back when the absence ends.")
            return req.seeOther(.caseloads)
        } catch let errors as FieldErrors {
            return try await renderCover(req, chosen: input.assign, errors: errors)
        }
    }

    func endAbsence(req: Request) async throws -> Response {
        struct Input: Content { var version: Int? }
        let input = try req.content.decode(Input.self)
        let ctx = try req.context()
        let absence = try await CaseloadCommands.absence(req.uuidParameter("absenceID"), in: ctx)
        do {
            try await CaseloadCommands.endAbsence(absence.requireID(), basedOn: BasedOn(input.version), in: ctx)
            req.flash("\(absence.staff.name) is back; the covered families are theirs again.")
        } catch let errors as FieldErrors {
            req.flash(errors.messages.values.joined(separator: " "))
        }
        return req.seeOther(.caseload(absence.$staff.id))
    }

    private func renderCover(_ req: Request, chosen: [String: String]?, errors: FieldErrors) async throws -> Response {
        let ctx = try req.context()
        try ctx.require(\.mayManageTeams, CaseloadCommands.managersOnly)
        let absence = try await CaseloadCommands.absence(req.uuidParameter("absenceID"), in: ctx)
        let program = try await Program.find(ctx.programID, on: req.db).orThrow()
        let proposal = try await CaseloadProposal.forAbsence(absence, program: program, today: ctx.today, on: req.db)
        try await req.audit(.list, .caseload, families: proposal.lines.map(\.familyID), detail: "cover proposal for \(absence.staff.name)")
        let covers = try await absence.$covers.query(on: req.db).with(\.$family).with(\.$coverStaff).all()
        return req.page(title: "Cover", [
            .h1(.text("Cover for \(absence.staff.name)")),
            .p(.text("Away \(Display.date(absence.startsOn)) to \(Display.date(absence.endsOn)). Each family's cover becomes its point of contact "
                + "and joins its team until \(absence.staff.name) is back; then the family goes back.")),
            .if(!covers.isEmpty, .group(.h2(.text("Covered")), .ul(.forEach(covers) { cover in
                .li(.a(.href(SiteURL.family(cover.$family.id).path), .text(cover.family.householdName)),
                    .text(" — \(cover.coverStaff.name)" + (cover.endedOn.map { ", ended \(Display.date($0))" } ?? "")))
            }))),
            absence.returnedOn != nil ? .p(.text("\(absence.staff.name) came back on \(Display.date(absence.returnedOn!)).")) : .group(
                .h2(.text(covers.isEmpty ? "Proposed cover" : "Families still with \(absence.staff.name)")),
                .p(.class("hint"), .text("Proposed so that no caseload goes over its limit, families keep their language, workers they know and related "
                    + "households together, and the workload is spread evenly. Change any choice before applying.")),
                FormKit.summary(errors),
                CaseloadViews.proposal(proposal, action: SiteURL.absenceCover(absence.id!).path, csrf: req.csrfToken, version: absence.version,
                                       errors: errors, chosen: chosen, submit: "Apply the cover")),
            .p(.a(.href(SiteURL.caseload(absence.$staff.id).path), .text("Back to \(absence.staff.name)'s caseload"))),
        ], status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    // MARK: Families without a worker

    func unassigned(req: Request) async throws -> Response {
        try await renderUnassigned(req, chosen: nil, errors: FieldErrors())
    }

    func assign(req: Request) async throws -> Response {
        let input = try req.content.decode(AssignmentInput.self)
        do {
            try await CaseloadCommands.assign(input, in: req.context())
            req.flash("Families assigned.")
            return req.seeOther(.caseloads)
        } catch let errors as FieldErrors {
            return try await renderUnassigned(req, chosen: input.assign, errors: errors)
        }
    }

    private func renderUnassigned(_ req: Request, chosen: [String: String]?, errors: FieldErrors) async throws -> Response {
        let ctx = try req.context()
        try ctx.require(\.mayManageTeams, CaseloadCommands.managersOnly)
        let program = try await Program.find(ctx.programID, on: req.db).orThrow()
        let proposal = try await CaseloadProposal.forUnassigned(program: program, today: ctx.today, on: req.db)
        try await req.audit(.list, .caseload, families: proposal.lines.map(\.familyID), detail: "assignment proposal")
        return req.page(title: "Assign families", [
            .h1(.text("Families without a point of contact")),
            .p(.class("hint"), .text("Proposed so that no caseload goes over its limit, families are served in their language, related households "
                + "stay together, and the workload is spread evenly. Change any choice before applying.")),
            FormKit.summary(errors),
            CaseloadViews.proposal(proposal, action: SiteURL.caseloadsUnassigned.path, csrf: req.csrfToken, version: nil, errors: errors,
                                   chosen: chosen, submit: "Assign"),
        ], status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
