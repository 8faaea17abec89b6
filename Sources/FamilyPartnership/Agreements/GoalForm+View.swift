import Foundation
import PartnershipRules
import Plot

/// The goal form, in the order of the seven goal-setting steps, each with the question that step asks.
enum GoalForm {
    struct Model {
        let family: Family
        let goal: Goal?
        let children: [FamilyMember]
        /// The family's needs a goal could address: the open ones, and the goal's own.
        let needs: [FamilyNeed]
        let catalog: ServiceCatalog
        let input: GoalInput
        let errors: FieldErrors

        var title: String {
            if goal != nil { return "Edit goal" }
            return input.revises == nil ? "New goal" : "Revise goal"
        }
    }

    struct View {
        let model: Model
        let csrf: String

        var body: [Node<HTML.BodyContext>] {
            let familyID = model.family.id!
            let input = model.input, errors = model.errors
            let action = model.goal.map { SiteURL.goalEdit(familyID, goal: $0.id!).path } ?? SiteURL.goalNew(familyID).path
            return [
                .h1(.text(model.title)),
                .p(.text(model.family.householdName)),
                .if(input.revises != nil, .p(.class("hint"), .text("Saving replaces the earlier goal, which is kept as revised and links here."))),
                FormKit.summary(errors),
                FormKit.form(action: action, csrf: csrf, [
                    .if(model.goal != nil, FormKit.version(input.version)),
                    .unwrap(input.revises) { FormKit.hidden("revises", $0) },
                    .unwrap(input.transitionKind) { FormKit.hidden("transition_kind", $0) },
                    .unwrap(errors["revises"]) { .p(.class("error"), .text($0)) },
                    FormKit.fieldset("1. Set a goal", [
                        FormKit.textArea("goal", "The goal (required)", value: input.goal, errors: errors,
                                         hint: "What the family wants to happen, in a sentence."),
                        FormKit.textArea("family_words", "In the family's own words", value: input.familyWords, errors: errors),
                        FormKit.select("kind", "Whose goal", options: GoalKind.allCases.map { ($0.rawValue, $0.label) },
                                       selected: input.kind, errors: errors, required: true, blank: nil),
                        FormKit.select("child_id", "For which child (child goals)", options: model.children.map { ($0.id!.uuidString.lowercased(), $0.name) },
                                       selected: input.childID?.lowercased(), errors: errors, blank: "—"),
                        .if(!model.needs.isEmpty,
                            FormKit.select("need_id", "The need it addresses", options: model.needs.map { need in
                                (need.id!.uuidString.lowercased(), "\(model.catalog.label(need.category)): \(need.description)")
                            }, selected: input.needID?.lowercased(), errors: errors, blank: "—")),
                        FormKit.fieldset("Outcome areas it serves (required)", id: "f-outcomes", [
                            .unwrap(errors["outcomes"]) { .p(.class("error"), .text($0)) },
                            .forEach(Outcome.allCases) { outcome in
                                FormKit.checkbox("outcomes[]", outcome.label, checked: input.outcomes?.contains(outcome.rawValue) ?? false,
                                                 value: outcome.rawValue)
                            },
                        ]),
                        FormKit.field("target_on", "Target date", value: input.targetOn, errors: errors, type: .date),
                    ]),
                    FormKit.fieldset("2. Identify skills", [
                        FormKit.textArea("family_skills", "The family's skills", value: input.familySkills, errors: errors,
                                         hint: "What does the family bring to this goal?"),
                        FormKit.textArea("team_skills", "The team's skills", value: input.teamSkills, errors: errors),
                    ]),
                    FormKit.fieldset("3. Assess strengths", [
                        FormKit.textArea("strengths", "Strengths to build on", value: input.strengths, errors: errors),
                    ]),
                    FormKit.fieldset("4. Examine stressors", [
                        FormKit.textArea("stressors", "What might get in the way", value: input.stressors, errors: errors),
                    ]),
                    FormKit.fieldset("5. Explore strategies", [
                        FormKit.textArea("strategies", "The steps the family and team agree to take", value: input.strategies, errors: errors),
                    ]),
                    FormKit.fieldset("6. Determine support", [
                        FormKit.textArea("team_supports", "From the program team", value: input.teamSupports, errors: errors),
                        FormKit.textArea("partner_supports", "From community partners", value: input.partnerSupports, errors: errors),
                        FormKit.textArea("family_supports", "From the family's own network", value: input.familySupports, errors: errors),
                    ]),
                    FormKit.fieldset("7. Track progress and celebrate successes", [
                        FormKit.textArea("progress", "How progress will be tracked and celebrated", value: input.progress, errors: errors),
                    ]),
                    FormKit.submit("Save goal"),
                ]),
                .p(.a(.href(model.goal.map { SiteURL.goal(familyID, goal: $0.id!).path } ?? SiteURL.agreement(familyID).path), .text("Cancel"))),
            ]
        }
    }
}
