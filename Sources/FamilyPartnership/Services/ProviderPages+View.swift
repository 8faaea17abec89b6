import Foundation
import PartnershipRules
import Plot

/// The directory's pages: search and list, one provider, the form, and the CSV import.
enum ProviderPages {
    static func index(_ providers: [Provider], filters: ProviderSearch.Filters, catalog: ServiceCatalog, mayEdit: Bool,
                      mayImport: Bool, today: CalendarDate) -> [Node<HTML.BodyContext>] {
        return [
            .div(.class("actions"),
                 .h1(.text("Community resources")),
                 .if(mayEdit, .a(.href(SiteURL.providerNew.path), .text("Add a provider"))),
                 .if(mayImport, .a(.href(SiteURL.providersImport.path), .text("Import CSV"))),
                 .a(.href(SiteURL.providersExport.path), .text("Export CSV"))),
            .element(named: "form", nodes: [
                .attribute(named: "method", value: "get"), .attribute(named: "action", value: SiteURL.providers.path),
                .class("filters"), .attribute(named: "role", value: "search"),
                FormKit.field("q", "Name", value: filters.name, type: .search),
                FormKit.select("category", "Service category", options: catalog.options, selected: filters.category, blank: "Any"),
                FormKit.field("language", "Language", value: filters.language),
                FormKit.submit("Search"),
            ]),
            providers.isEmpty ? .p(.text("No providers match.")) : .table(
                .class("stack"),
                .thead(.tr(.th(.text("Provider")), .th(.text("Services")), .th(.text("Languages")), .th(.text("Phone")))),
                .tbody(.forEach(providers) { provider in
                    .tr(.td(.a(.href(SiteURL.provider(provider.id!).path), .text(provider.name)),
                            .if(provider.isStale(today: today), .span(.class("tag stale"), .text("Not verified in 12 months")))),
                        .td(.text(provider.categories.map(catalog.label).joined(separator: "; "))),
                        .td(.text(provider.languages.joined(separator: ", "))),
                        .td(.text(provider.phone.map(Display.phone) ?? "—")))
                })
            ),
        ]
    }

    static func show(_ provider: Provider, catalog: ServiceCatalog, mayEdit: Bool, today: CalendarDate, csrf: String) -> [Node<HTML.BodyContext>] {
        let stale = provider.isStale(today: today)
        return [
            .p(.a(.href(SiteURL.providers.path), .text("← Community resources"))),
            .h1(.text(provider.name)),
            .if(stale, .p(.class("warning"), .text("This entry has not been verified in the last 12 months. Check it before referring a family."))),
            .if(mayEdit, .div(.class("actions"),
                .a(.href(SiteURL.providerEdit(provider.id!).path), .text("Edit")),
                FormKit.form(action: SiteURL.providerVerify(provider.id!).path, csrf: csrf, class: "inline", [
                    FormKit.submit("Still correct: mark verified today", secondary: true),
                ]))),
            .dl(
                .detail("Services", provider.categories.map(catalog.label).joined(separator: "; ")),
                .detail("Languages", provider.languages.joined(separator: ", ")),
                .detail("Eligibility", provider.eligibility),
                .detail("Cost", provider.cost),
                .detail("Address", provider.address),
                .detail("Hours", provider.hours),
                .detail("Phone", provider.phone.map(Display.phone)),
                .detail("Email", provider.email),
                .detail("Website", provider.website),
                .detail("Contact", provider.contactName),
                .detail("Last verified", provider.verifiedOn.map(Display.date))
            ),
        ]
    }

    static func form(_ provider: Provider?, input: ProviderInput, catalog: ServiceCatalog, errors: FieldErrors,
                     csrf: String) -> [Node<HTML.BodyContext>] {
        let action = provider.map { SiteURL.providerEdit($0.id!).path } ?? SiteURL.providerNew.path
        return [
            .h1(.text(provider == nil ? "Add a provider" : "Edit \(provider!.name)")),
            FormKit.summary(errors),
            FormKit.form(action: action, csrf: csrf, [
                FormKit.version(input.version),
                FormKit.field("name", "Name", value: input.name, errors: errors, required: true),
                FormKit.fieldset("Services it offers (required)", id: "f-categories", [
                    .unwrap(errors["categories"]) { .p(.class("error"), .text($0)) },
                    .div(.class("columns"), .forEach(catalog.categories) { category in
                        FormKit.checkbox("categories[]", category.label, checked: input.categories?.contains(category.key) ?? false,
                                         value: category.key)
                    }),
                ]),
                FormKit.field("languages", "Languages", value: input.languages, errors: errors, hint: "Separated by commas: English, Spanish."),
                FormKit.textArea("eligibility", "Who is eligible", value: input.eligibility, errors: errors),
                FormKit.field("cost", "Cost", value: input.cost, errors: errors, hint: "Free, sliding scale, Medicaid…"),
                FormKit.field("address", "Address", value: input.address, errors: errors),
                FormKit.field("hours", "Hours", value: input.hours, errors: errors),
                FormKit.field("phone", "Phone", value: input.phone.map(Display.phone), errors: errors, type: .tel),
                FormKit.field("email", "Email", value: input.email, errors: errors, type: .email),
                FormKit.field("website", "Website", value: input.website, errors: errors, type: .url),
                FormKit.field("contact_name", "Contact person", value: input.contactName, errors: errors),
                FormKit.field("verified_on", "Last verified", value: input.verifiedOn, errors: errors, type: .date,
                              hint: "The day someone last checked these details with the provider."),
                FormKit.submit("Save provider"),
            ]),
            .p(.a(.href(provider.map { SiteURL.provider($0.id!).path } ?? SiteURL.providers.path), .text("Cancel"))),
        ]
    }

    static func importForm(result: ProviderDirectory.ImportResult?, csrf: String) -> [Node<HTML.BodyContext>] {
        [
            .p(.a(.href(SiteURL.providers.path), .text("← Community resources"))),
            .h1(.text("Import providers")),
            .unwrap(result) { result in
                .group(
                    .p(.class(result.entries.isEmpty ? "warning" : "flash"), .attribute(named: "role", value: "status"),
                       .text("\(result.entries.count) provider\(result.entries.count == 1 ? "" : "s") added; \(result.problems.count) line\(result.problems.count == 1 ? "" : "s") left out.")),
                    .if(!result.problems.isEmpty, .table(
                        .class("stack"),
                        .caption(.text("Lines left out, and why")),
                        .thead(.tr(.th(.text("Line")), .th(.text("Reason")))),
                        .tbody(.forEach(result.problems) { problem in .tr(.td(.text(String(problem.line))), .td(.text(problem.message))) })
                    ))
                )
            },
            .p(.text("The first line names the columns: \(ProviderDirectory.columns.joined(separator: ", ")). Only name and categories are required. Separate several categories or languages with semicolons; a category may be written as its key or its name. Each good line adds a provider; a line with a mistake is left out whole and listed with its reasons.")),
            .element(named: "form", nodes: [
                .attribute(named: "method", value: "post"), .attribute(named: "action", value: SiteURL.providersImport.path),
                .attribute(named: "enctype", value: "multipart/form-data"),
                FormKit.hidden(CSRF.field, csrf),
                .div(.label(.for("f-file"), .text("CSV file")),
                     .input(.type(.file), .name("file"), .id("f-file"), .attribute(named: "accept", value: "text/csv,.csv"))),
                FormKit.textArea("csv", "Or paste the CSV here", value: nil, rows: 8),
                FormKit.submit("Import"),
            ]),
        ]
    }
}
