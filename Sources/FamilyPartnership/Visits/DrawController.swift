import Fluent
import Foundation
import PartnershipRules
import Plot
import Vapor

/// The fair random draw of families for home visits: managers and directors draw from a classroom or site
/// roster, and every draw is logged with its seed so it can be repeated. Families can decline visits at any time.
struct DrawController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.draws.pattern, use: index)
        routes.post(SiteURL.draws.pattern, use: create)
        routes.get(SiteURL.draw(.routeParameter).pattern, use: show)
        routes.get(SiteURL.visitsDeclined(.routeParameter).pattern, use: confirmDeclined)
        routes.post(SiteURL.visitsDeclined(.routeParameter).pattern, use: declined)
    }

    func index(req: Request) async throws -> Response {
        try await render(req, input: DrawInput())
    }

    func create(req: Request) async throws -> Response {
        let input = try req.content.decode(DrawInput.self)
        do {
            let draw = try await VisitCommands.draw(input, in: req.context())
            return req.redirect(to: SiteURL.draw(draw.id!).path)
        } catch let errors as FieldErrors {
            return try await render(req, input: input, errors: errors)
        }
    }

    func show(req: Request) async throws -> Response {
        let me = try req.staff(allowedTo: \.mayManageVisits)
        let draw = try await VisitDraw.query(on: req.db).filter(\.$id == req.uuidParameter("drawID")).filter(\.$program.$id == me.programID)
            .first().orThrow()
        let ids = draw.chosen + draw.waiting
        let families = ids.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await Family.query(on: req.db).filter(\.$id ~~ ids).all()
            .map { ($0.id!, $0) })
        try await req.audit(.view, .draw, family: nil, recordID: draw.id)
        let visited = draw.visitedBefore
        func row(_ id: UUID) -> Node<HTML.ListContext> {
            .li(.unwrap(families[id]) { family in .a(.href(SiteURL.family(id).path + "#visits"), .text(family.householdName)) },
                .if(visited.contains(id), .text(" (visited in an earlier year)")))
        }
        let body: [Node<HTML.BodyContext>] = [
            .p(.a(.href(SiteURL.draws.path), .text("← Draws"))),
            .h1(.text("Draw: \(draw.roster)")),
            .p(.text("Drawn by \(draw.drawnByName) on \(draw.createdAt.map(Display.timestamp) ?? "") · \(draw.places) places · "
                     + "\(draw.declined) famil\(draw.declined == 1 ? "y" : "ies") who declined left out · seed \(draw.seed)")),
            .p(.class(draw.repeats ? "hint" : "warning"),
               .text(draw.repeats ? "Run again from its seed, this draw gives the same families in the same order."
                                  : "This draw does not repeat from its seed: report this to your administrator.")),
            .h2(.text("Invite these families (\(draw.chosen.count))")),
            .ol(.forEach(draw.chosen, row)),
            .if(!draw.waiting.isEmpty, .group(
                .h2(.text("Waiting list, in order (\(draw.waiting.count))")),
                .p(.class("hint"), .text("If an invited family says no, invite the next family here.")),
                .ol(.forEach(draw.waiting, row)))),
        ]
        return req.page(title: "Draw", body)
    }

    /// Records that a family declined home visits, or that it no longer declines.
    func declined(req: Request) async throws -> Response {
        let input = try req.content.decode(HomeVisitsDeclinedInput.self)
        // Declining is asked about first: how the family said it, and what happens to the visits already scheduled.
        if input.declined == true, (try? req.content.get(String.self, at: "confirmed")) != "yes" {
            return try await renderDeclined(req, input: input)
        }
        do {
            let family = try await FamilyCommands.setDeclinedHomeVisits(req.uuidParameter("familyID"), input, basedOn: BasedOn(input.version),
                                                                        in: req.context())
            req.flash(input.declined == true
                ? "Recorded: the family declined home visits" + (input.cancelScheduled == true ? ", and their scheduled visits are cancelled." : ". The draw will leave it out.")
                : "Recorded: the family is open to home visits.")
            return req.redirect(to: SiteURL.family(family.id!).path + "#visits")
        } catch let errors as FieldErrors {
            return try await renderDeclined(req, input: input, errors: errors)
        }
    }

    func confirmDeclined(req: Request) async throws -> Response {
        try await renderDeclined(req, input: HomeVisitsDeclinedInput(declined: true))
    }

    private func renderDeclined(_ req: Request, input: HomeVisitsDeclinedInput, errors: FieldErrors = FieldErrors()) async throws -> Response {
        let family = try await req.editableFamily()
        var input = input
        input.how = input.how ?? family.preferredChannel.map { ContactMedium($0).rawValue }
        let scheduled = try await FamilyCommands.scheduledVisits(of: family, from: req.clock.today, on: req.db)
        let names = Dictionary(uniqueKeysWithValues: try await VisitTypes.all(program: family.$program.id, on: req.db).map { ($0.id!, $0.name) })
        try await req.audit(.list, .visit, family: family.id, detail: "scheduled visits, before recording that the family declined")
        return req.page(title: "The family declined home visits",
                        VisitPages.declineForm(family: family, scheduled: scheduled, typeNames: names, input: input, errors: errors, csrf: req.csrfToken),
                        status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    private func render(_ req: Request, input: DrawInput, errors: FieldErrors = FieldErrors()) async throws -> Response {
        let me = try req.staff(allowedTo: \.mayManageVisits, "Only managers and directors run the draw.")
        let options = try await DrawRoster.options(program: me.programID, on: req.db)
        let draws = try await VisitDraw.query(on: req.db).filter(\.$program.$id == me.programID).sort(\.$createdAt, .descending).limit(50).all()
        let body: [Node<HTML.BodyContext>] = [
            .h1("Fair draw for home visits"),
            .p(.text("When there is not time to visit every family, draw at random so no family is targeted or singled out. "
                     + "Families who declined are left out; families visited in earlier years are drawn after those never visited. "
                     + "Attendance and behaviour are never part of the draw.")),
            FormKit.summary(errors),
            FormKit.form(action: SiteURL.draws.path, csrf: req.csrfToken, [
                FormKit.select("roster", "Roster", options: options, selected: input.roster, errors: errors, required: true),
                FormKit.field("places", "Number of visits there is time for", value: input.places, errors: errors, type: .number, required: true),
                FormKit.submit("Draw"),
            ]),
            .h2("Earlier draws"),
            draws.isEmpty ? .p("None yet.") : .ul(.forEach(draws) { draw in
                .li(.a(.href(SiteURL.draw(draw.id!).path), .text(draw.roster)),
                    .text(" — \(draw.createdAt.map(Display.timestamp) ?? ""), by \(draw.drawnByName), \(draw.chosen.count) drawn"))
            }),
        ]
        return req.page(title: "Fair draw", body, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
