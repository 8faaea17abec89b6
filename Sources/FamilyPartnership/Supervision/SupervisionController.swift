import Fluent
import Foundation
import PartnershipRules
import Plot
import Vapor

/// Reflective supervision notes (`/staff/<id>/supervision`) and a family's team meetings and case conferences
/// (`/families/<id>/meetings`).
struct SupervisionController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.supervision(.routeParameter).pattern, use: notes)
        routes.post(SiteURL.supervision(.routeParameter).pattern, use: addNote)
        routes.get(SiteURL.familyMeetings(.routeParameter).pattern, use: meetings)
        routes.post(SiteURL.familyMeetings(.routeParameter).pattern, use: recordMeeting)
    }

    // MARK: Reflective supervision

    func notes(req: Request) async throws -> Response {
        try await renderNotes(req, input: SupervisionInput(heldOn: req.clock.today.description), errors: FieldErrors())
    }

    func addNote(req: Request) async throws -> Response {
        let input = try req.content.decode(SupervisionInput.self)
        do {
            _ = try await SupervisionCommands.addNote(for: req.uuidParameter("staffID"), input, in: req.context())
            req.flash("Supervision note saved.")
            return req.seeOther(.supervision(try req.uuidParameter("staffID")))
        } catch let errors as FieldErrors {
            return try await renderNotes(req, input: input, errors: errors)
        }
    }

    private func renderNotes(_ req: Request, input: SupervisionInput, errors: FieldErrors) async throws -> Response {
        let ctx = try req.context()
        let (member, notes) = try await SupervisionCommands.notes(of: req.uuidParameter("staffID"), in: ctx)
        let id = try member.requireID()
        let writes = member.$supervisor.id == ctx.staff.staffID
        return req.page(title: "Supervision notes", [
            .h1(.text("Reflective supervision: \(member.name)")),
            .p(.class("hint"), .text("Seen by \(member.name) and their supervisor only.")),
            .if(writes, .group(
                FormKit.summary(errors),
                FormKit.form(action: SiteURL.supervision(id).path, csrf: req.csrfToken, [
                    FormKit.fieldset("A session", [
                        FormKit.field("held_on", "Date", value: input.heldOn, errors: errors, type: .date, required: true),
                        FormKit.textArea("reflections", "What you reflected on", value: input.reflections, errors: errors,
                                         hint: "Families, workload, what went well, what was hard.", rows: 4),
                        FormKit.textArea("next_steps", "Next steps", value: input.nextSteps, errors: errors),
                        FormKit.submit("Save note"),
                    ]),
                ]))),
            notes.isEmpty ? .p(.text("No sessions recorded yet.")) : .ul(.forEach(notes) { note in
                .li(.strong(.text(Display.date(note.heldOn))), .text(" with \(note.supervisor.name): \(note.reflections)"),
                    .unwrap(note.nextSteps) { .group(.br(), .text("Next: \($0)")) })
            }),
            .p(.a(.href(SiteURL.caseload(id).path), .text("\(member.name)'s caseload"))),
        ], status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    // MARK: Team meetings and case conferences

    func meetings(req: Request) async throws -> Response {
        try await renderMeetings(req, input: FamilyMeetingInput(kind: MeetingKind.teamMeeting.rawValue, heldOn: req.clock.today.description), errors: FieldErrors())
    }

    func recordMeeting(req: Request) async throws -> Response {
        let input = try req.content.decode(FamilyMeetingInput.self)
        do {
            _ = try await SupervisionCommands.recordMeeting(family: req.uuidParameter("familyID"), input, in: req.context())
            req.flash("Meeting recorded.")
            return req.seeOther(.familyMeetings(try req.uuidParameter("familyID")))
        } catch let errors as FieldErrors {
            return try await renderMeetings(req, input: input, errors: errors)
        }
    }

    private func renderMeetings(_ req: Request, input: FamilyMeetingInput, errors: FieldErrors) async throws -> Response {
        let ctx = try req.context()
        let (family, meetings) = try await SupervisionCommands.meetings(family: req.uuidParameter("familyID"), in: ctx)
        let id = try family.requireID()
        return req.page(title: "Meetings", [
            .p(.a(.href(SiteURL.family(id).path), .text("← \(family.householdName)"))),
            .h1(.text("Team meetings and case conferences")),
            meetings.isEmpty ? .p(.text("None recorded yet.")) : .ul(.forEach(meetings) { meeting in
                .li(.strong(.text("\(meeting.kind.label), \(Display.date(meeting.heldOn))")), .text(" — \(meeting.participants)"), .br(),
                    .text("Decided: \(meeting.decisions)"), .unwrap(meeting.nextSteps) { .group(.br(), .text("Next: \($0)")) },
                    .br(), .span(.class("hint"), .text("Recorded by \(meeting.recordedBy.name)")))
            }),
            .if(ctx.staff.access.mayEditFamilies, .group(
                FormKit.summary(errors),
                FormKit.form(action: SiteURL.familyMeetings(id).path, csrf: req.csrfToken, [
                    FormKit.fieldset("Record a meeting", [
                        FormKit.select("kind", "Kind of meeting", options: MeetingKind.allCases.map { ($0.rawValue, $0.label) },
                                       selected: input.kind, errors: errors, required: true),
                        FormKit.field("held_on", "Date", value: input.heldOn, errors: errors, type: .date, required: true),
                        FormKit.field("participants", "Who took part", value: input.participants, errors: errors, required: true,
                                      hint: "The family members and staff there, and any partners."),
                        FormKit.textArea("decisions", "What was decided", value: input.decisions, errors: errors),
                        FormKit.textArea("next_steps", "Next steps", value: input.nextSteps, errors: errors),
                        FormKit.submit("Record meeting"),
                    ]),
                ]))),
        ], status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
