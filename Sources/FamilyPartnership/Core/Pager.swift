import Plot
import Vapor

/// Pages of a long list numbered from 1 in `?page=`: the number asked for, and the links between pages.
struct Pager {
    let page: Int

    private struct Query: Content {
        var page: String?
    }

    /// The page asked for (1 when none); anything but a whole number from 1 is refused with 400.
    init(_ req: Request) throws {
        let raw = try req.query.decode(Query.self).page
        guard let page = raw.map({ Int($0) }) ?? 1, page >= 1, page <= 100_000 else {
            throw Abort(.badRequest, reason: "page must be a whole number from 1.")
        }
        self.page = page
    }

    func offset(perPage: Int) -> Int { (page - 1) * perPage }

    /// Links to the page before and after (`hasNext`), and which page this is ("of `pages`" when known).
    func links(path: String, of pages: Int? = nil, hasNext: Bool, earlier: String = "← Earlier", later: String = "Next →") -> Node<HTML.BodyContext> {
        let link = { (n: Int) in path + (n == 1 ? "" : "?page=\(n)") }
        return .if(page > 1 || hasNext, .nav(.class("pager"), .attribute(named: "aria-label", value: "Pages"),
            .if(page > 1, .a(.href(link(page - 1)), .attribute(named: "rel", value: "prev"), .text(earlier))),
            .span(.text(pages.map { " Page \(min(page, $0)) of \($0) " } ?? " Page \(page) ")),
            .if(hasNext, .a(.href(link(page + 1)), .attribute(named: "rel", value: "next"), .text(later)))))
    }
}
