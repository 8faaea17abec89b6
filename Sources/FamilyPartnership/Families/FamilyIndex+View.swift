import Foundation
import PartnershipRules
import Plot

extension FamilyIndex {
    struct Model {
        let filters: Filters
        let families: [Family]
        let next: Cursor?
        let sites: [Site]
        let canCreate: Bool
        let work: WorkList?
        var caseload: CaseloadTable? = nil
        var sort: CaseloadTable.Sort = .family
        /// A new program's set-up steps, while some are still to do.
        var setUp: SetUpChecklist? = nil
        var canImport = false
    }

    struct View {
        let model: Model

        var body: [Node<HTML.BodyContext>] {
            [
                .unwrap(model.caseload) { caseload in
                    .group(.h1(.text("My caseload (\(caseload.counted) famil\(caseload.counted == 1 ? "y" : "ies"))")), CaseloadViews.table(caseload, sort: model.sort, sortPath: SiteURL.home.path))
                },
                .unwrap(model.work) { work in .group(.element(named: model.caseload == nil ? "h1" : "h2", text: "To do"), work.view()) },
                .unwrap(model.setUp) { list in
                    .section(.class("setup"), .h2(.text("Set up your program")), list.view(),
                             .p(.a(.href(SiteURL.programSetUp.path), .text("All set-up steps"))))
                },
                .div(.class("actions"),
                     .element(named: model.work == nil ? "h1" : "h2", text: model.caseload == nil ? "My families" : "Find a family"),
                     .if(model.canCreate, .a(.href(SiteURL.familyNew.path), .text("Add a family"))),
                     .if(model.canImport, .a(.href(SiteURL.familyImport.path), .text("Import families")))),
                filterForm,
                // Under a caseload, the families it already lists are not listed again.
                .if(model.caseload != nil, .h3(.text("Other families you work with"))),
                listed.isEmpty
                    ? .p(.text(model.caseload == nil ? "No families match." : "None: every family you work with is in your caseload above."))
                    : .table(
                        .class("stack"),
                        .thead(.tr(.th(.text("Household")), .th(.text("Status")), .th(.text("Site")), .th(.text("Language")))),
                        .tbody(.forEach(listed) { family in
                            .tr(
                                .td(.a(.href(SiteURL.family(family.id!).path), .text(family.householdName))),
                                .td(.span(.class("tag"), .text(family.enrollmentStatus.label))),
                                .td(.text(family.site?.name ?? "—")),
                                .td(.text(family.preferredLanguage))
                            )
                        })
                    ),
                .unwrap(model.next) { next in
                    .p(.a(.href(moreLink(next)), .text("More families")))
                },
            ]
        }

        /// The families of this page of the list, less those the caseload above shows.
        private var listed: [Family] {
            guard let caseload = model.caseload else { return model.families }
            let shown = Set(caseload.rows.map(\.familyID))
            return model.families.filter { !shown.contains($0.id!) }
        }

        private var filterForm: Node<HTML.BodyContext> {
            .element(named: "form", nodes: [
                .attribute(named: "method", value: "get"),
                .attribute(named: "action", value: SiteURL.home.path),
                .class("filters"),
                .attribute(named: "role", value: "search"),
                FormKit.field("q", "Family or member name", value: model.filters.search, type: .search),
                FormKit.select("status", "Status", options: EnrollmentStatus.allCases.map { ($0.rawValue, $0.label) },
                               selected: model.filters.status?.rawValue, blank: "Any"),
                FormKit.select("site", "Site", options: model.sites.map { ($0.id!.uuidString.lowercased(), $0.name) },
                               selected: model.filters.siteID?.uuidString.lowercased(), blank: "Any"),
                FormKit.submit("Search"),
            ])
        }

        private func moreLink(_ next: Cursor) -> String {
            var items = [URLQueryItem(name: "after", value: next.token)]
            if let q = model.filters.search { items.append(.init(name: "q", value: q)) }
            if let s = model.filters.status { items.append(.init(name: "status", value: s.rawValue)) }
            if let site = model.filters.siteID { items.append(.init(name: "site", value: site.uuidString.lowercased())) }
            var components = URLComponents()
            components.path = SiteURL.home.path
            components.queryItems = items
            return components.string ?? SiteURL.home.path
        }
    }
}
