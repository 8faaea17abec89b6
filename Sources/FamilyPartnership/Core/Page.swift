import Plot
import PartnershipRules
import Vapor

extension Request {
    /// Renders a page in the layout, with the flash message left by the previous request, if any.
    func page(title: String, _ body: [Node<HTML.BodyContext>], status: HTTPResponseStatus = .ok) -> Response {
        // Only a session that exists can hold a flash: reading one would otherwise start a session.
        let flash = hasSession ? session.data["flash"] : nil
        if flash != nil { session.data["flash"] = nil }
        let csrf = signedIn == nil ? nil : csrfToken
        return Layout.document(title: title, signedIn: signedIn, csrf: csrf, flash: flash, body).response(status: status)
    }

    /// A short message shown once on the next page ("Saved.").
    func flash(_ message: String) {
        session.data["flash"] = message
    }

    /// `303 See Other`, so a form post is followed by a plain GET.
    func seeOther(_ url: SiteURL) -> Response {
        redirect(to: url.path, redirectType: .normal)
    }
}

extension Response {
    /// A CSV download: a header row and the rows, with CRLF line ends as spreadsheets expect.
    static func csv(_ rows: [[String]], filename: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
        return Response(status: .ok, headers: headers, body: .init(string: rows.map { CSV.line($0) }.joined(separator: "\r\n") + "\r\n"))
    }
}
