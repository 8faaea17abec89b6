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

    struct Query: Content {
        var page: String?
    }

    func show(req: Request) async throws -> Response {
        let staff = try req.staff()
        guard let kind = req.parameters.get("section").flatMap(WorkList.Kind.init(rawValue:)), kind.applies(to: staff.access) else {
            throw Abort(.notFound)
        }
        let raw = try req.query.decode(Query.self).page
        guard let page = raw.map({ Int($0) }) ?? 1, page >= 1, page <= 100_000 else {
            throw Abort(.badRequest, reason: "page must be a whole number from 1.")
        }
        let work = try await WorkQueries(staff: staff, clock: req.clock, on: req.db)
        let section = try await work.section(kind, WorkList.Window(limit: Self.perPage, offset: (page - 1) * Self.perPage))
        try await req.audit(.list, .familyList, family: nil, detail: "to-do \(kind.rawValue) page=\(page) shown=\(section.items.count)")
        // A section counted only up to its limit ("1,000+") has no last page to name; Next is offered while pages are full.
        let pages = section.isMore ? nil : max(1, (section.total + Self.perPage - 1) / Self.perPage)
        let hasNext = pages.map { page < $0 } ?? (section.items.count == Self.perPage)
        let link = { (n: Int) in SiteURL.toDo(kind.rawValue).path + (n == 1 ? "" : "?page=\(n)") }
        return req.page(title: kind.heading, [
            .p(.a(.href(SiteURL.home.path), .text("← To do"))),
            .h1(.text("\(kind.heading) (\(section.totalText))")),
            section.items.isEmpty ? .p(.text(page == 1 ? "Nothing here now." : "No more on this page.")) : WorkList.items(section.items),
            .if(page > 1 || hasNext, .nav(.class("pager"), .attribute(named: "aria-label", value: "Pages"),
                .if(page > 1, .a(.href(link(page - 1)), .attribute(named: "rel", value: "prev"), .text("← Earlier"))),
                .span(.text(pages.map { " Page \(min(page, $0)) of \($0) " } ?? " Page \(page) ")),
                .if(hasNext, .a(.href(link(page + 1)), .attribute(named: "rel", value: "next"), .text("Next →"))))),
        ])
    }
}
