import Foundation
import PartnershipRules
import Plot

/// The assessment form: the instrument's items as choices, then the outcomes the family wants to work on,
/// strengths (the family's words apart from staff's), and needs.
enum AssessmentForm {
    struct Model {
        let family: Family
        let instruments: [InstrumentVersion]
        let version: InstrumentVersion?
        let instrument: Instrument?
        let periods: [String]
        let catalog: ServiceCatalog
        let input: AssessmentInput
        let errors: FieldErrors
    }

    struct View {
        let model: Model
        let csrf: String
        static let needRows = 2

        var body: [Node<HTML.BodyContext>] {
            let familyID = model.family.id!
            let input = model.input, errors = model.errors
            return [
                .h1(.text("Assess \(model.family.householdName)")),
                .if(model.instruments.count > 1, .element(named: "form", nodes: [
                    .attribute(named: "method", value: "get"), .attribute(named: "action", value: SiteURL.assessmentNew(familyID).path),
                    .class("filters"),
                    FormKit.select("instrument", "Instrument", options: model.instruments.map { ($0.id!.uuidString.lowercased(), $0.name) },
                                   selected: model.version?.id?.uuidString.lowercased(), blank: nil),
                    FormKit.submit("Use this instrument", secondary: true),
                ])),
                FormKit.summary(errors),
                FormKit.form(action: SiteURL.assessmentNew(familyID).path, csrf: csrf, [
                    FormKit.hidden("instrument_version_id", model.version?.id?.uuidString.lowercased() ?? ""),
                    .unwrap(model.version) { .p(.class("hint"), .text("\($0.name), version \($0.version)")) },
                    FormKit.select("period", "Period", options: model.periods.map { ($0, $0.capitalized) },
                                   selected: input.period, errors: errors, required: true),
                    FormKit.field("taken_on", "Date", value: input.takenOn, errors: errors, type: .date, required: true),
                    FormKit.select("mode", "How you met", options: MeetingMode.allCases.map { ($0.rawValue, $0.label) },
                                   selected: input.mode, errors: errors, required: true),
                    FormKit.field("participants", "Who took part", value: input.participants, errors: errors, required: true,
                                  hint: "For example: Mrs. Alvarez, Mr. Alvarez, Monica (family service worker)."),
                    .unwrap(errors["answers"]) { .p(.class("error"), .id("f-answers"), .text($0)) },
                    .unwrap(model.instrument) { instrument in
                        .forEach(instrument.sections) { section in
                            .group(.h2(.text(section.title)), .forEach(section.items) { item in
                                FormKit.radios("answers[\(item.key)]", item.text,
                                               options: item.scale.levels.map { (String($0.value), $0.label, $0.description) },
                                               selected: input.answers?[item.key], errors: errors)
                            })
                        }
                    },
                    FormKit.fieldset("Outcomes the family wants to work on", id: "f-outcomes_chosen", [
                        .unwrap(errors["outcomes_chosen"]) { .p(.class("error"), .text($0)) },
                        .forEach(Outcome.allCases) { outcome in
                            FormKit.checkbox("outcomes_chosen[]", outcome.label,
                                             checked: input.outcomesChosen?.contains(outcome.rawValue) ?? false, value: outcome.rawValue)
                        },
                    ]),
                    .h2(.text("Strengths")),
                    FormKit.textArea("family_strengths", "In the family's own words", value: input.familyStrengths, errors: errors,
                                     hint: "Write what the family said, as they said it."),
                    FormKit.textArea("staff_observations", "What staff observed", value: input.staffObservations, errors: errors),
                    FormKit.field("strength_tags", "Strength tags", value: input.strengthTags, errors: errors,
                                  hint: "Short words, separated by commas: bilingual, organized, close to family."),
                    .h2(.text("Needs")),
                    .unwrap(errors["needs"]) { .p(.class("error"), .id("f-needs"), .text($0)) },
                    .p(.class("hint"), .text("Needs the family names. Answers that suggest a need are listed after saving.")),
                    .forEach(0..<max(Self.needRows, input.needs?.count ?? 0)) { row in
                        needRow(row, input.needs?[safe: row])
                    },
                    FormKit.submit("Save assessment"),
                ]),
                .p(.a(.href(SiteURL.family(familyID).path), .text("Cancel"))),
            ]
        }

        private func needRow(_ row: Int, _ need: NeedInput?) -> Node<HTML.BodyContext> {
            let suffix = "-\(row + 1)"
            return FormKit.fieldset("Need \(row + 1)", [
                FormKit.select("need_category[]", "Service category", options: model.catalog.options,
                               selected: need?.category, idSuffix: suffix),
                FormKit.select("need_urgency[]", "Urgency", options: Urgency.allCases.map { ($0.rawValue, $0.label) },
                               selected: need?.urgency, idSuffix: suffix),
                FormKit.select("need_intensity[]", "Intensity", options: Intensity.allCases.map { ($0.rawValue, $0.label) },
                               selected: need?.intensity, idSuffix: suffix),
                .label(.for("f-need_description" + suffix), .text("Description")),
                .input(.type(.text), .name("need_description[]"), .id("f-need_description" + suffix), .value(need?.description ?? "")),
            ])
        }
    }
}
