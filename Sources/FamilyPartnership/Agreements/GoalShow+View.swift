import Fluent
import Foundation
import PartnershipRules
import Plot

/// A goal's page: the seven steps, its state and what can happen next, action steps, progress notes and the
/// earlier versions of the goal.
enum GoalShow {
    struct Model {
        let family: Family
        let goal: Goal
        let childName: String?
        let replacedBy: Goal?
        let replaces: [Goal]
        let steps: [ActionStep]
        let notes: [ProgressNote]
        let versions: [GoalVersion]
        let people: [(value: String, label: String)]
        let mayEdit: Bool
        let today: CalendarDate

        static func load(_ goal: Goal, family: Family, staff: SignedIn, today: CalendarDate, on db: any Database) async throws -> Model {
            let id = try goal.requireID()
            try await goal.$child.load(on: db)
            try await goal.$replacedBy.load(on: db)
            let replaces = try await Goal.query(on: db).filter(\.$replacedBy.$id == id).all()
            let steps = try await ActionStep.query(on: db).filter(\.$goal.$id == id).with(\.$member).with(\.$staff)
                .sort(\.$dueOn).sort(\.$createdAt).all()
            let notes = try await ProgressNote.query(on: db).filter(\.$goal.$id == id).sort(\.$notedOn, .descending)
                .sort(\.$createdAt, .descending).all()
            let versions = try await GoalVersion.query(on: db).filter(\.$goal.$id == id).sort(\.$version, .descending).all()
            let members = try await FamilyMember.query(on: db).filter(\.$family.$id == family.requireID()).sort(\.$name).all()
            let team = try await TeamMember.query(on: db).filter(\.$family.$id == family.requireID()).with(\.$staff).all()
            let people = members.map { ("member:" + $0.id!.uuidString.lowercased(), $0.name) }
                + team.map { ("staff:" + $0.staff.id!.uuidString.lowercased(), "\($0.staff.name) (\($0.role.label.lowercased()))") }
            return Model(family: family, goal: goal, childName: goal.child?.name, replacedBy: goal.replacedBy, replaces: replaces,
                         steps: steps, notes: notes, versions: versions, people: people, mayEdit: staff.access.mayEditFamilies,
                         today: today)
        }
    }

    struct View {
        let model: Model
        let errors: FieldErrors
        let step: StepInput?
        let note: NoteInput?
        let csrf: String

        private var familyID: UUID { model.family.id! }
        private var goal: Goal { model.goal }
        private var goalID: UUID { goal.id! }

        var body: [Node<HTML.BodyContext>] {
            [
                .p(.a(.href(SiteURL.agreement(familyID).path), .text("← Agreement, \(model.family.householdName)"))),
                .h1(.text(goal.goal)),
                .p(.span(.class("tag"), .text(goal.state.label)),
                   .text(" · " + [model.childName.map { "Goal for \($0)" } ?? goal.kind.label,
                                  goal.outcomes.map(\.label).joined(separator: "; "),
                                  goal.targetOn.map { "target \(Display.date($0))" }].compactMap { $0 }.joined(separator: " · "))),
                .unwrap(model.replacedBy) { .p(.text("Revised: replaced by "), .a(.href(SiteURL.goal(familyID, goal: $0.id!).path), .text($0.goal))) },
                .forEach(model.replaces) { .p(.text("Replaces the earlier goal "), .a(.href(SiteURL.goal(familyID, goal: $0.id!).path), .text($0.goal))) },
                .unwrap(goal.discontinuedReason) { .p(.text("Discontinued: \($0)")) },
                FormKit.summary(errors),
                .if(model.mayEdit, stateActions),
                .h2(.text("The seven steps")),
                .dl(steps(GoalInput(goal))),
                .h2(.id("steps"), .text("Action steps")),
                model.steps.isEmpty ? .p(.text("No action steps yet.")) : .ul(.class("steps"), .forEach(model.steps) { stepItem($0) }),
                .if(model.mayEdit && goal.state == .active, stepForm),
                .h2(.id("notes"), .text("Progress notes")),
                .if(model.mayEdit && goal.state == .active, noteForm),
                model.notes.isEmpty ? .p(.text("No progress notes yet.")) : .ul(.forEach(model.notes) { note in
                    .li(.strong(.text(Display.date(note.notedOn))), .text(" · \(note.authorName)"),
                        .if(note.isSuccess, .span(.class("tag success"), .text("Success"))),
                        .br(), .text(note.text))
                }),
                .h2(.text("Earlier versions")),
                model.versions.isEmpty ? .p(.text("This goal has not been edited.")) : .ul(.forEach(model.versions) { version in
                    .li(.element(named: "details", nodes: [
                        .element(named: "summary", text: "Version \(version.version), changed \(Display.timestamp(version.changedAt)) by \(version.changedByName): \(version.changedFields)"),
                        snapshot(version),
                    ]))
                }),
            ]
        }

        private var stateActions: Node<HTML.BodyContext> {
            let action = SiteURL.goalState(familyID, goal: goalID).path
            return .div(.class("actions"),
                .if(goal.state == .active, .group(
                    .a(.href(SiteURL.goalEdit(familyID, goal: goalID).path), .text("Edit goal")),
                    FormKit.form(action: action, csrf: csrf, class: "inline", [FormKit.hidden("change", "achieve"), FormKit.version(goal.version), FormKit.submit("Mark achieved", secondary: true)]),
                    .a(.href(SiteURL.goalNew(familyID).path + "?revises=" + goalID.uuidString.lowercased()), .text("Revise goal")),
                    .element(named: "details", nodes: [
                        .element(named: "summary", text: "Discontinue"),
                        FormKit.form(action: action, csrf: csrf, [
                            FormKit.hidden("change", "discontinue"),
                            FormKit.version(goal.version),
                            FormKit.field("reason", "Why is the goal being discontinued?", value: nil, errors: errors, required: true),
                            FormKit.submit("Discontinue goal", secondary: true),
                        ]),
                    ])
                )),
                .if(goal.state == .discontinued,
                    FormKit.form(action: action, csrf: csrf, class: "inline", [FormKit.hidden("change", "resume"), FormKit.version(goal.version), FormKit.submit("Take the goal up again", secondary: true)]))
            )
        }

        private func stepItem(_ step: ActionStep) -> Node<HTML.ListContext> {
            let who = step.member?.name ?? step.staff?.name ?? "—"
            let done = step.doneOn != nil
            return .li(
                .class(done ? "done" : "open"),
                .text(step.what), .br(),
                .span(.class("hint"), .text("\(who)" + (step.dueOn.map { " · by \(Display.date($0))" } ?? "")
                                            + (step.doneOn.map { " · done \(Display.date($0))" } ?? ""))),
                .if(model.mayEdit, FormKit.form(action: SiteURL.goalStep(familyID, goal: goalID, step: step.id!).path, csrf: csrf, class: "inline", [
                    .if(!done, FormKit.hidden("done", "on")),
                    FormKit.version(step.version),
                    FormKit.submit(done ? "Mark not done" : "Mark done", secondary: true),
                ]))
            )
        }

        private var stepForm: Node<HTML.BodyContext> {
            FormKit.form(action: SiteURL.goalSteps(familyID, goal: goalID).path, csrf: csrf, [
                FormKit.fieldset("Add an action step", [
                    FormKit.field("what", "What will be done", value: step?.what, errors: errors, required: true),
                    FormKit.select("who", "Who", options: model.people, selected: step?.who, errors: errors, required: true),
                    FormKit.field("due_on", "By when", value: step?.dueOn, errors: errors, type: .date),
                    FormKit.submit("Add step", secondary: true),
                ]),
            ])
        }

        private var noteForm: Node<HTML.BodyContext> {
            FormKit.form(action: SiteURL.goalNotes(familyID, goal: goalID).path, csrf: csrf, [
                FormKit.fieldset("Add a progress note", [
                    FormKit.field("noted_on", "Date", value: note?.notedOn ?? model.today.description, errors: errors, type: .date, required: true),
                    FormKit.textArea("text", "Note", value: note?.text, errors: errors),
                    FormKit.checkbox("is_success", "A success to celebrate", checked: note?.isSuccess ?? false),
                    FormKit.submit("Add note", secondary: true),
                ]),
            ])
        }

        private func snapshot(_ version: GoalVersion) -> Node<HTML.BodyContext> {
            guard let old = try? JSONDecoder().decode(GoalInput.self, from: Data(version.snapshot.utf8)) else { return .empty }
            return .dl(
                .detail("The goal", old.goal),
                .detail("Outcomes", (old.outcomes ?? []).compactMap(Outcome.init(rawValue:)).map(\.label).joined(separator: "; ")),
                .detail("Target date", old.targetOn.map(Display.date)),
                steps(old)
            )
        }

        /// The seven steps' text, numbered.
        private func steps(_ input: GoalInput) -> Node<HTML.DescriptionListContext> {
            .forEach(GoalInput.stepFields) { field, label, step in .detail("\(step). \(label)", input.value(of: field)) }
        }
    }
}
