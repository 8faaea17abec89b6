import Foundation
import PartnershipRules
import Plot

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
                     mayManage: Bool) -> [Node<HTML.BodyContext>] {
        [
            .p(.a(.href(SiteURL.instruments.path), .text("← Instruments"))),
            .h1(.text(instrument.name)),
            .p(.text("Version \(version.version) · key \(instrument.key)")),
            .unwrap(instrument.description) { .p(.text($0)) },
            .div(.class("actions"),
                 .a(.href(SiteURL.instrumentExport(version.id!).path), .text("Export as JSON")),
                 .if(mayManage, .a(.href(SiteURL.instrumentNew.path + "?from=" + version.id!.uuidString.lowercased()), .text("Edit (saves a new version)")))),
            .forEach(instrument.sections) { section in
                .group(.h2(.text(section.title)), .table(
                    .class("stack"),
                    .thead(.tr(.th(.text("Item")), .th(.text("Outcomes")), .th(.text("Scale")), .th(.text("Proposes a need")))),
                    .tbody(.forEach(section.items) { item in
                        .tr(.td(.text(item.text)),
                            .td(.text(item.outcomes.map(\.label).joined(separator: "; "))),
                            .td(.text(item.scale.levels.map { "\($0.value) \($0.label)" }.joined(separator: ", ")
                                      + (item.scale.higherIsBetter ? " (higher is better)" : " (lower is better)"))),
                            .td(.text(item.proposesNeed.map { "\($0.category.label), at \($0.atOrWorseThan) or worse" } ?? "—")))
                    })))
            },
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
}
