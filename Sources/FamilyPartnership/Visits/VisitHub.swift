import Fluent
import Foundation
import PartnershipRules
import Plot
import Vapor

/// "Visits": the staff member's visits in the next 30 days, and the way to trainings, the fair draw, the
/// time report and the calendar feed.
struct VisitHubController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.visits.pattern, use: show)
    }

    func show(req: Request) async throws -> Response {
        let me = try req.staff(allowedTo: \.maySeeStaffList)
        let today = req.clock.today
        let visits = try await Visit.attended(by: me, from: today, through: today.adding(days: 30), on: req.db)
            .filter(\.$status == .scheduled).limit(200).all()
        try await req.audit(.list, .visit, families: visits.map(\.$family.id), detail: "my visits")
        let body: [Node<HTML.BodyContext>] = [
            .h1("Visits"),
            .div(.class("actions"),
                 .a(.href(SiteURL.week.path), .text("My week")),
                 .a(.href(SiteURL.trainings.path), .text("Staff trainings")),
                 .a(.href(SiteURL.timeReport.path), .text("Visit and contact hours")),
                 .if(me.access.mayManageVisits, .a(.href(SiteURL.draws.path), .text("Fair draw for home visits"))),
                 .a(.href(SiteURL.settings.path + "#calendar"), .text("My calendar feed"))),
            .h2(.text("My visits in the next 30 days (\(visits.count))")),
            visits.isEmpty ? .p("None scheduled. Schedule a visit from a family's page.") : .ul(.forEach(visits) { visit in
                .li(.a(.href(SiteURL.visit(visit.$family.id, visit: visit.id!).path), .text(visit.family.householdName)),
                    .text(" — \(visit.type.name), \(VisitPages.when(visit)), \(visit.place.label.lowercased())"))
            }),
        ]
        return req.page(title: "Visits", body)
    }
}
