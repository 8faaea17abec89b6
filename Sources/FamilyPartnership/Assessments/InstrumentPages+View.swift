import Foundation
import PartnershipRules
import Plot
import Vapor

/// The instrument pages: the list, one instrument with its versions, and the import form.
enum InstrumentPages {
    static func index(_ instruments: [InstrumentVersion], mayManage: Bool) -> [Node<HTML.BodyContext>] {
        [
            .h1(.text("Assessment instruments")),
            .p(.text("Every assessment keeps the version of the instrument it was taken on. Scores from different instruments are compared through the family engagement outcomes their items are tagged with.")),
            .if(mayManage, .p(.a(.href(SiteURL.instrumentNew.path), .text("Import an instrument")))),
            .table(.class("stack"),
                   .thead(.tr(.th(.text("Name")), .th(.text("Key")), .th(.text("Version")), .th(.text("Saved")))),
                   .tbody(.forEach(instruments) { version in
                       .tr(.td(.a(.href(SiteURL.instrument(version.id!).path), .text(version.name))),
                           .td(.text(version.key)), .td(.text(String(version.version))),
                           .td(.text("\(version.createdAt.map(Display.timestamp) ?? "") by \(version.createdByName)")))
                   })),
        ]
    }

    static func show(_ version: InstrumentVersion, instrument: Instrument, versions: [InstrumentVersion],
                     mayEdit: Bool, errors: FieldErrors, csrf: String) -> [Node<HTML.BodyContext>] {
        let id = version.id!
        return [
            .p(.a(.href(SiteURL.instruments.path), .text("← Instruments"))),
            .h1(.text(instrument.name)),
            .p(.text("Version \(version.version) · key \(instrument.key)"),
               .if(!mayEdit && versions.first?.id != version.id, .text(" · an earlier version"))),
            .unwrap(instrument.description) { .p(.text($0)) },
            FormKit.summary(errors),
            .div(.class("actions"),
                 .a(.href(SiteURL.instrumentExport(id).path), .text("Export as JSON")),
                 .if(mayEdit, .group(
                     .a(.href(SiteURL.instrumentItemNew(id).path), .text("Add an item")),
                     .a(.href(SiteURL.instrumentNew.path + "?from=" + id.uuidString.lowercased()), .text("Edit as JSON"))))),
            .forEach(instrument.sections) { section in
                .group(.h2(.text(section.title)), .table(
                    .class("stack"),
                    .thead(.tr(.th(.text("Item")), .th(.text("Outcomes")), .th(.text("Scale")), .th(.text("Proposes a need")))),
                    .tbody(.forEach(section.items) { item in
                        .tr(.td(mayEdit ? .a(.href(SiteURL.instrumentItem(id, key: item.key).path), .text(item.text)) : .text(item.text)),
                            .td(.text(item.outcomes.map(\.label).joined(separator: "; "))),
                            .td(.text(item.scale.levels.map { "\($0.value) \($0.label)" }.joined(separator: ", ")
                                      + (item.scale.higherIsBetter ? " (higher is better)" : " (lower is better)"))),
                            .td(.text(item.proposesNeed.map { "\($0.category.label), at \($0.atOrWorseThan) or worse" } ?? "—")))
                    })))
            },
            .if(mayEdit, .group(
                FormKit.form(action: SiteURL.instrumentDetails(id).path, csrf: csrf, [
                    FormKit.fieldset("Name and description", [
                        FormKit.field("name", "Name", value: instrument.name, errors: errors, required: true),
                        FormKit.textArea("description", "Description", value: instrument.description, errors: errors),
                        FormKit.submit("Save", secondary: true),
                    ]),
                ]),
                FormKit.form(action: SiteURL.instrumentCopy(id).path, csrf: csrf, [
                    FormKit.fieldset("Start a new instrument from a copy of this one", [
                        FormKit.field("key", "Key of the new instrument", value: nil, errors: errors, required: true,
                                      hint: "Letters, digits, - or _, for example family-map-2027."),
                        FormKit.field("name", "Name of the new instrument", value: nil, errors: FieldErrors(), required: true, idSuffix: "-copy"),
                        FormKit.submit("Copy", secondary: true),
                    ]),
                ])
            )),
            .if(versions.count > 1, .group(
                .h2(.text("Versions")),
                .ul(.forEach(versions) { v in
                    .li(.a(.href(SiteURL.instrument(v.id!).path), .text("Version \(v.version)")),
                        .text(" — \(v.createdAt.map(Display.timestamp) ?? "") by \(v.createdByName)"))
                })
            )),
        ]
    }

    static func form(definition: String, errors: FieldErrors, csrf: String) -> [Node<HTML.BodyContext>] {
        [
            .h1(.text("Import or edit an instrument")),
            .p(.text("Paste the instrument as JSON. Saving an instrument whose key already exists adds a new version of it.")),
            FormKit.summary(errors),
            FormKit.form(action: SiteURL.instrumentNew.path, csrf: csrf, [
                FormKit.textArea("definition", "Instrument (JSON)", value: definition, errors: errors,
                                 hint: "Sections of items; each item has a key, text, outcomes, a scale of levels and optionally proposes_need. Export the built-in instrument to see the form.",
                                 rows: 18),
                FormKit.submit("Save instrument"),
            ]),
            .p(.a(.href(SiteURL.instruments.path), .text("Cancel"))),
        ]
    }

    /// One item's form: its text, section, outcomes, levels, direction and the need a low answer proposes.
    static func itemForm(_ version: InstrumentVersion, instrument: Instrument, key: String?, input: ItemInput,
                         errors: FieldErrors, req: Request) -> Response {
        let id = version.id!
        let action = key.map { SiteURL.instrumentItem(id, key: $0).path } ?? SiteURL.instrumentItemNew(id).path
        let title = key == nil ? "Add an item" : "Edit item"
        return req.page(title: title, [
            .p(.a(.href(SiteURL.instrument(id).path), .text("← \(instrument.name)"))),
            .h1(.text(title)),
            .p(.class("hint"), .text("Saving makes version \(version.version + 1); assessments already taken keep the version they used.")),
            FormKit.summary(errors),
            FormKit.form(action: action, csrf: req.csrfToken, [
                key == nil ? FormKit.field("key", "Key", value: input.key, errors: errors, required: true,
                                           hint: "A short name that never changes, for example housing.")
                           : .p(.text("Key: \(key!)")),
                FormKit.textArea("text", "Question or text (required)", value: input.text, errors: errors),
                FormKit.select("section", "Section", options: instrument.sections.map { ($0.title, $0.title) }, selected: input.section,
                               errors: errors, blank: "—"),
                FormKit.field("new_section", "Or a new section", value: input.newSection, errors: errors),
                FormKit.fieldset("Family engagement outcomes it speaks to", id: "f-outcomes", [
                    .unwrap(errors["outcomes"]) { .p(.class("error"), .text($0)) },
                    .forEach(Outcome.allCases) { outcome in
                        FormKit.checkbox("outcomes[]", outcome.label, checked: input.outcomes?.contains(outcome.rawValue) ?? false, value: outcome.rawValue)
                    },
                ]),
                FormKit.textArea("levels", "Levels, one per line: value | label | description", value: input.levels, errors: errors,
                                 hint: "For example: 1 | In crisis | No safe place to stay", rows: 7),
                FormKit.checkbox("higher_is_better", "A higher value is better", checked: input.higherIsBetter ?? false),
                FormKit.select("need_category", "A low answer proposes a need for", options: ServiceCategory.allCases.map { ($0.rawValue, $0.label) },
                               selected: input.needCategory, errors: errors, blank: "No need"),
                FormKit.field("need_at", "…at this level or worse", value: input.needAt, errors: errors),
                .if(key != nil, FormKit.checkbox("remove", "Remove this item from the instrument", checked: false)),
                .unwrap(errors["remove"]) { .p(.class("error"), .text($0)) },
                FormKit.submit("Save item"),
            ]),
        ], status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
