import Foundation
import PartnershipRules
import Plot
import Vapor

/// A to-do section in full, page by page: where "All 24 →" under a home-page section leads.
struct WorkListController: RouteCollection {
    static let perPage = 50

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.toDo("").pattern, use: show)
    }

    func show(req: Request) async throws -> Response {
        let staff = try req.staff()
        guard let kind = req.parameters.get("section").flatMap(WorkList.Kind.init(rawValue:)), kind.applies(to: staff) else {
            throw Abort(.notFound)
        }
        let pager = try Pager(req), page = pager.page
        let work = try await WorkQueries(staff: staff, clock: req.clock, on: req.db)
        let section = try await work.section(kind, WorkList.Window(limit: Self.perPage, offset: pager.offset(perPage: Self.perPage)))
        try await req.audit(.list, .familyList, family: nil, detail: "to-do \(kind.rawValue) page=\(page) shown=\(section.items.count)")
        // A section counted only up to its limit ("1,000+") has no last page to name; Next is offered while pages are full.
        let pages = section.isMore ? nil : max(1, (section.total + Self.perPage - 1) / Self.perPage)
        let hasNext = pages.map { page < $0 } ?? (section.items.count == Self.perPage)
        return req.page(title: kind.heading, [
            .p(.a(.href(SiteURL.home.path), .text("← To do"))),
            .h1(.text("\(kind.heading) (\(section.totalText))")),
            section.items.isEmpty ? .p(.text(page == 1 ? "Nothing here now." : "No more on this page.")) : WorkList.items(section.items),
            pager.links(path: SiteURL.toDo(kind.rawValue).path, of: pages, hasNext: hasNext),
        ])
    }
}
