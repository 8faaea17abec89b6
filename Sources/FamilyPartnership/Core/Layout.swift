import Plot
import Vapor

/// The one page layout: a skip link, a header with the navigation a signed-in staff member may use, the
/// page's main content, and one small style sheet served by the app itself, named by its content so a phone
/// fetches it once. No assets from elsewhere, no JavaScript.
enum Layout {
    /// `/style-<hash of the CSS>.css`: a changed style sheet has a new name, so the old one can be kept for a year.
    static let stylesheet: String = {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        for byte in css.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return "/style-" + String(hash, radix: 16) + ".css"
    }()

    /// Serves the style sheet to anyone (the sign-in page uses it too); it holds nothing about anyone.
    struct StylesheetController: RouteCollection {
        func boot(routes: any RoutesBuilder) throws {
            routes.get(PathComponent(stringLiteral: String(stylesheet.dropFirst()))) { _ in
                Response(status: .ok, headers: ["Content-Type": "text/css; charset=utf-8"], body: .init(string: css))
            }
        }
    }

    static func document(title: String, signedIn: SignedIn?, csrf: String?, flash: String? = nil,
                         _ content: [Node<HTML.BodyContext>]) -> HTML {
        HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .title("\(title) · Family Partnership"),
                .stylesheet(stylesheet)
            ),
            .body(
                .a(.class("skip"), .href("#main"), .text("Skip to content")),
                .header(
                    .class("top"),
                    .a(.class("brand"), .href(SiteURL.home.path), .text("Family Partnership")),
                    .unwrap(signedIn) { staff in navigation(staff, csrf: csrf) }
                ),
                .element(named: "main", nodes: [
                    .id("main"),
                    .unwrap(flash) { .p(.class("flash"), .attribute(named: "role", value: "status"), .text($0)) },
                    .group(content),
                ])
            )
        )
    }

    private static func navigation(_ staff: SignedIn, csrf: String?) -> Node<HTML.BodyContext> {
        var links: [(String, String)] = []
        if staff.access.familyReach != .none { links.append(("Families", SiteURL.home.path)) }
        if staff.access.mayCreateFamilies { links.append(("New family", SiteURL.familyNew.path)) }
        if staff.overseesCaseloads { links.append(("Caseloads", SiteURL.caseloads.path)) }
        if staff.access.familyReach != .none {
            links.append(("Visits", SiteURL.visits.path))
            links.append(("Resources", SiteURL.providers.path))
            if staff.access.maySeeProgramReports { links.append(("Reports", SiteURL.familyServicesReport.path)) }
            links.append(("Instruments", SiteURL.instruments.path))
            links.append(("Partners", SiteURL.partners.path))
        }
        if staff.access.isPartnerStaff { links.append(("Shared families", SiteURL.sharedFamilies.path)) }
        if staff.access.mayManageAccounts { links.append(("Staff", SiteURL.staffIndex.path)) }
        links.append(("Settings", SiteURL.settings.path))
        return .nav(
            .ariaLabel("Main"),
            .ul(.forEach(links) { .li(.a(.href($0.1), .text($0.0))) }),
            .unwrap(csrf) { token in
                FormKit.form(action: SiteURL.signOut.path, csrf: token, class: "signout", [
                    .span(.class("who"), .text(staff.name)),
                    FormKit.submit("Sign out", secondary: true),
                ])
            }
        )
    }

    static let css = """
    *{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1b1b1b;background:#fff}
    a{color:#0b4f9c}a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid #f2a900;outline-offset:1px}
    .skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:6px;z-index:2}
    .top{background:#0b3d6e;color:#fff;padding:8px 12px;display:flex;flex-wrap:wrap;gap:8px;align-items:center}
    .top a{color:#fff}.brand{font-weight:700;margin-right:auto;text-decoration:none}
    nav{display:flex;flex-wrap:wrap;gap:8px;align-items:center}nav ul{display:flex;flex-wrap:wrap;gap:4px 12px;margin:0;padding:0;list-style:none}
    .signout{display:flex;gap:8px;align-items:center;margin:0}.who{font-size:14px}
    main{max-width:960px;margin:0 auto;padding:12px}h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.2rem;margin-top:1.5rem}
    label{display:block;font-weight:600;margin-top:12px}.hint{font-size:14px;color:#4a4a4a;margin:0}
    input[type=text],input[type=email],input[type=password],input[type=date],input[type=time],input[type=number],input[type=tel],input[type=search],select,textarea{width:100%;max-width:32rem;font:inherit;padding:8px;border:1px solid #6b6b6b;border-radius:4px}
    .check{display:flex;gap:8px;align-items:center;font-weight:400}.check input{width:22px;height:22px;flex-shrink:0}
    button{font:inherit;padding:8px 16px;border-radius:4px;border:1px solid #0b4f9c;background:#0b4f9c;color:#fff;margin-top:12px;cursor:pointer}
    button.secondary{background:#fff;color:#0b4f9c;margin:0}.top button.secondary{padding:4px 10px}
    .error{color:#b00020;font-weight:600;margin:4px 0 0}[aria-invalid=true]{border-color:#b00020!important;border-width:2px!important}
    .summary{border:2px solid #b00020;padding:8px 12px;margin:12px 0}.warning{border:2px solid #8a5a00;background:#fff8e6;padding:8px 12px;margin:12px 0}
    .flash{background:#e7f4ea;border-left:4px solid #1e7b34;padding:8px 12px}
    table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #d0d0d0;vertical-align:top}
    dl{display:grid;grid-template-columns:minmax(8rem,12rem) 1fr;gap:4px 12px}dt{font-weight:600}dd{margin:0}
    .filters{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-end}.filters label{margin-top:0}
    .tag{display:inline-block;padding:0 6px;border-radius:3px;background:#e8eef6;font-size:14px}
    fieldset{border:1px solid #d0d0d0;margin:12px 0;padding:8px 12px}legend{font-weight:700}
    .actions{display:flex;flex-wrap:wrap;gap:12px;align-items:center}form.inline{display:inline;margin:0}.actions button{margin:0}
    .scroll{overflow-x:auto}.outcomes td{white-space:nowrap}.outcomes tbody th{min-width:9rem;font-weight:600}caption{text-align:left;font-size:14px;color:#4a4a4a}
    .sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}.choices label{margin-top:6px;font-weight:400}.choices input{width:22px;height:22px;vertical-align:middle;margin:0 8px 0 0}
    .tag.success{background:#e7f4ea;margin-left:6px}li.done{color:#4a4a4a}ul.steps li,ul.goals li{margin-bottom:8px}.words{font-style:italic}.tag.stale{background:#fff0d6;margin-left:6px}.columns{columns:2 14rem}
    .cell-label{display:none}.tag.warn{background:#fde2e1;margin-left:6px}td .tag{margin-left:6px}p.sort{font-size:15px}p.sort a,p.sort strong{margin-right:8px}.whose{color:#4a4a4a}.proposal .hint{font-size:14px}
    .glance{border-bottom:1px solid #d0d0d0;padding-bottom:8px}.glance .warning ul{margin:4px 0;padding-left:20px}
    nav.sections{margin:12px 0}nav.sections ul{gap:8px}nav.sections a{display:inline-block;padding:6px 12px;border:1px solid #0b4f9c;border-radius:16px;text-decoration:none}
    ul.needs .actions{margin:4px 0 8px}
    .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:4px 16px}.chart{margin:8px 0}svg.chart{display:block;width:100%;height:auto}
    .week,.week ul{list-style:none;padding:0}.week>li{border-top:1px solid #d0d0d0;padding:4px 0 8px}.week h2{font-size:1.05rem;margin:6px 0}.week ul li{margin-bottom:8px;padding-left:8px;border-left:4px solid #0b4f9c}.week .overdue{border-color:#b00020}
    @media (min-width:900px){main:has(.week){max-width:1400px}.week{display:grid;grid-template-columns:repeat(7,minmax(0,1fr));gap:8px}.week>li{border:1px solid #d0d0d0;padding:4px 8px;overflow-wrap:anywhere}}
    @media (max-width:600px){dl{grid-template-columns:minmax(6rem,36%) 1fr}table.stack thead{display:none}table.stack td{display:block;border:0;padding:2px 0}table.stack tr{display:block;border-bottom:1px solid #d0d0d0;padding:6px 0}table.stack .cell-label{display:inline;color:#4a4a4a}table.caseload td{display:inline-block;margin-right:12px;font-size:15px}table.caseload td:first-child{display:block;font-size:inherit}}
    """
}

extension HTML {
    func response(status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(string: render()))
    }
}

extension HTML: @retroactive AsyncResponseEncodable {
    public func encodeResponse(for request: Request) async throws -> Response {
        response()
    }
}

/// The page shown for errors (not found, not allowed, a bug).
enum ErrorPage {
    struct View {
        let status: HTTPResponseStatus
        let message: String
        let signedIn: SignedIn?

        func document() -> HTML {
            let title: String = switch status.code {
            case 404: "Not found"
            case 403: "Not allowed"
            case 401: "Please sign in"
            case 500...: "Something went wrong"
            default: "That did not work"
            }
            let explanation = status.code == 404
                ? "There is no such page, or it is a family record you do not have access to."
                : message
            return Layout.document(title: title, signedIn: signedIn, csrf: nil, [
                .h1(.text(title)),
                .p(.text(explanation)),
                .p(.a(.href(SiteURL.home.path), .text("Back to my families"))),
            ])
        }
    }
}
