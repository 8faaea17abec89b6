import Fluent
import Foundation
import PartnershipRules
import Plot

/// One assessment: the answers, each outcome's level, the family's strengths and needs, and the needs its
/// answers suggest that have not been recorded yet.
enum AssessmentShow {
    struct Model {
        let family: Family
        let assessment: Assessment
        let instrument: Instrument?
        let recordedBy: String?
        let needs: [FamilyNeed]
        let catalog: ServiceCatalog
        let mayEdit: Bool

        static func load(_ assessment: Assessment, family: Family, staff: SignedIn, on db: any Database) async throws -> Model {
            try await assessment.$recordedBy.load(on: db)
            let needs = try await FamilyNeed.query(on: db).filter(\.$assessment.$id == assessment.requireID()).sort(\.$createdAt).all()
            return Model(family: family, assessment: assessment, instrument: try? assessment.instrumentVersion.instrument,
                         recordedBy: assessment.recordedBy?.name, needs: needs,
                         catalog: try await ServiceCatalog.load(program: staff.programID, on: db), mayEdit: staff.access.mayEditFamilies)
        }

        /// Needs the answers suggest, less those already recorded from the same item.
        var proposedNeeds: [(item: Instrument.Item, category: ServiceCategory)] {
            let recorded = Set(needs.compactMap(\.itemKey))
            return (instrument?.proposedNeeds(assessment.answers) ?? []).filter { !recorded.contains($0.item.key) }
        }
    }

    struct View {
        let model: Model
        let csrf: String

        var body: [Node<HTML.BodyContext>] {
            let a = model.assessment, familyID = model.family.id!
            let standings = model.instrument?.outcomeStandings(a.answers) ?? [:]
            return [
                .p(.a(.href(SiteURL.family(familyID).path), .text("← \(model.family.householdName)"))),
                .h1(.text("\(a.period.capitalized) assessment, \(Display.date(a.takenOn))")),
                .dl(
                    .dt(.text("Instrument")), .dd(.text("\(a.instrumentVersion.name), version \(a.instrumentVersion.version)")),
                    .dt(.text("How")), .dd(.text(a.mode.label)),
                    .dt(.text("Who took part")), .dd(.text(a.participants)),
                    .dt(.text("Recorded by")), .dd(.text(model.recordedBy ?? "—")),
                    .dt(.text("Wants to work on")), .dd(.text(a.outcomesChosen.map(\.label).joined(separator: "; ").nonEmpty ?? "—"))
                ),
                .h2(.text("Outcome levels")),
                .table(.class("stack"),
                       .thead(.tr(.th(.text("Outcome")), .th(.text("Level (1–5)")))),
                       .tbody(.forEach(Outcome.allCases.filter { standings[$0] != nil }) { outcome in
                           .tr(.td(.text(outcome.label)),
                               .td(.text(String(format: "%.1f", OutcomeLevel.score(standings[outcome]!)) + " · " + OutcomeLevel.label(standings[outcome]!))))
                       })),
                .h2(.text("Strengths")),
                .h3(.text("In the family's words")),
                .p(.class("words"), .text(a.familyStrengths ?? "—")),
                .h3(.text("Staff observations")),
                .p(.text(a.staffObservations ?? "—")),
                .if(!a.strengthTags.isEmpty, .p(.forEach(a.strengthTags) { .span(.class("tag"), .text($0)) })),
                .h2(.text("Needs")),
                model.needs.isEmpty ? .p(.text("No needs recorded.")) : .ul(.forEach(model.needs) { need in
                    .li(.strong(.text(model.catalog.label(need.category))), .text(" — \(need.description) (\(need.urgency.label.lowercased()), \(need.intensity.label.lowercased()))"))
                }),
                .if(model.mayEdit && !model.proposedNeeds.isEmpty, .group(
                    .h3(.text("Answers that suggest a need")),
                    .forEach(model.proposedNeeds) { proposed in proposedNeedForm(proposed.item, proposed.category) }
                )),
                .h2(.text("Answers")),
                .unwrap(model.instrument) { instrument in
                    .forEach(instrument.sections) { section in
                        .group(.h3(.text(section.title)), .table(.class("stack"), .tbody(.forEach(section.items) { item in
                            .tr(.td(.text(item.text)),
                                .td(.text(a.answers[item.key].flatMap { item.scale.level($0) }.map { "\($0.value) · \($0.label)" } ?? "Not answered")))
                        })))
                    }
                },
            ]
        }

        private func proposedNeedForm(_ item: Instrument.Item, _ category: ServiceCategory) -> Node<HTML.BodyContext> {
            let answer = model.assessment.answers[item.key].flatMap { item.scale.level($0) }
            let action = SiteURL.assessmentNeeds(model.family.id!, assessment: model.assessment.id!).path
            return FormKit.form(action: action, csrf: csrf, class: "proposed", [
                .p(.strong(.text(item.text)), .text(": \(answer?.label ?? "") — suggests \(category.label.lowercased()).")),
                FormKit.hidden("category", category.rawValue),
                FormKit.hidden("item_key", item.key),
                FormKit.hidden("description", "\(item.text): \(answer?.label ?? "")"),
                .div(.class("filters"),
                     FormKit.select("urgency", "Urgency", options: Urgency.allCases.map { ($0.rawValue, $0.label) }, selected: "soon", blank: nil, idSuffix: "-" + item.key),
                     FormKit.select("intensity", "Intensity", options: Intensity.allCases.map { ($0.rawValue, $0.label) }, selected: "moderate", blank: nil, idSuffix: "-" + item.key),
                     FormKit.submit("Record this need", secondary: true)),
            ])
        }
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
