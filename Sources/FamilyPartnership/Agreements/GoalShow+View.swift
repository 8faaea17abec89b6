import Fluent
import Foundation
import PartnershipRules
import Plot

/// A goal's page: the need it addresses, the seven steps, its state and what can happen next, action steps, the
/// referrals made for it and the services they brought, progress notes and the earlier versions of the goal.
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
        let need: FamilyNeed?
        /// Referrals made for this goal, the newest first (their providers loaded), and the services they brought.
        let referrals: [Referral]
        let services: [ServiceRecord]
        let catalog: ServiceCatalog
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
            let referrals = try await Referral.query(on: db).filter(\.$goal.$id == id).with(\.$provider).sort(\.$requestedOn, .descending).all()
            let services = referrals.isEmpty ? [] : try await ServiceRecord.query(on: db)
                .filter(\.$referral.$id ~~ referrals.map { try $0.requireID() }).sort(\.$providedOn, .descending).all()
            let members = try await FamilyMember.query(on: db).filter(\.$family.$id == family.requireID()).sort(\.$name).all()
            let team = try await TeamMember.query(on: db).filter(\.$family.$id == family.requireID()).with(\.$staff).all()
            let people = members.map { ("member:" + $0.id!.uuidString.lowercased(), $0.name) }
                + team.map { ("staff:" + $0.staff.id!.uuidString.lowercased(), "\($0.staff.name) (\($0.role.label.lowercased()))") }
            return Model(family: family, goal: goal, childName: goal.child?.name, replacedBy: goal.replacedBy, replaces: replaces,
                         steps: steps, notes: notes, versions: versions, need: try await goal.$need.get(on: db),
                         referrals: referrals, services: services, catalog: try await ServiceCatalog.load(program: staff.programID, on: db),
                         people: people, mayEdit: staff.access.mayEditFamilies,
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
                .unwrap(model.need) { need in
                    .p(.text("For the need: "), .strong(.text(model.catalog.label(need.category))), .text(" — \(need.description)"),
                       .text(need.metOn.map { " (met \(Display.date($0)))" } ?? ""),
                       .if(model.mayEdit && need.metOn == nil && goal.state == .achieved,
                           FormKit.form(action: SiteURL.needMet(familyID, need: need.id!).path, csrf: csrf, class: "inline", [
                               FormKit.hidden("back", SiteURL.goal(familyID, goal: goalID).path),
                               .text(" "), FormKit.submit("The need is met", secondary: true),
                           ])))
                },
                FormKit.summary(errors),
                .if(model.mayEdit, stateActions),
                .h2(.text("The seven steps")),
                .dl(steps(GoalInput(goal))),
                .h2(.id("steps"), .text("Action steps")),
                model.steps.isEmpty ? .p(.text("No action steps yet.")) : .ul(.class("steps"), .forEach(model.steps) { stepItem($0) }),
                .if(model.mayEdit && goal.state == .active, stepForm),
                .h2(.id("referrals"), .text("Referrals and services")),
                .if(model.mayEdit && goal.state == .active,
                    .p(.a(.href(SiteURL.referralNew(familyID).path + "?goal=\(goalID.uuidString.lowercased())"), .text("Refer for this goal")))),
                model.referrals.isEmpty ? .p(.text("No referrals for this goal yet.")) : .ul(.forEach(model.referrals) {
                    ReferralPages.item($0, family: familyID, catalog: model.catalog)
                }),
                .if(!model.services.isEmpty, .ul(.forEach(model.services) { .li(.text("Received: " + ReferralPages.line($0, catalog: model.catalog))) })),
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
            // Achieving and discontinuing are confirmed on a page of their own (`GoalShow.confirmation`).
            let action = SiteURL.goalState(familyID, goal: goalID).path
            return .div(.class("actions"),
                .if(goal.state == .active, .group(
                    .a(.href(SiteURL.goalEdit(familyID, goal: goalID).path), .text("Edit goal")),
                    .a(.href(action + "?change=achieve"), .text("Mark achieved…")),
                    .a(.href(SiteURL.goalNew(familyID).path + "?revises=" + goalID.uuidString.lowercased()), .text("Revise goal")),
                    .a(.href(action + "?change=discontinue"), .text("Discontinue…"))
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

    /// Asks before a goal is achieved (it cannot be undone) or discontinued: the steps not done yet, and what the
    /// family achieved (kept as a success note) or why the goal stops (required).
    static func confirmation(_ model: Model, input: GoalStateInput, errors: FieldErrors, csrf: String) -> [Node<HTML.BodyContext>] {
        let goal = model.goal, familyID = model.family.id!, goalID = goal.id!
        let achieving = input.change == "achieve"
        let open = model.steps.filter { $0.doneOn == nil }
        return [
            .p(.a(.href(SiteURL.goal(familyID, goal: goalID).path), .text("← \(goal.goal)"))),
            .h1(.text(achieving ? "Mark the goal achieved?" : "Discontinue the goal?")),
            .p(.strong(.text(goal.goal))),
            .p(.text(achieving
                ? "An achieved goal stays achieved: it cannot be reopened. To go further, the family can set a new goal."
                : "The goal stops here; it can be taken up again later. Say why, in a way the family would recognise.")),
            open.isEmpty ? .p(.text("Every action step is done."))
                : .div(.class("warning"), .p(.strong(.text("\(open.count) action step\(open.count == 1 ? " is" : "s are") not done:"))),
                       .ul(.forEach(open) { step in
                           .li(.text(step.what + (step.dueOn.map { " (due \(Display.date($0)))" } ?? "")))
                       })),
            FormKit.summary(errors),
            FormKit.form(action: SiteURL.goalState(familyID, goal: goalID).path, csrf: csrf, [
                FormKit.hidden("change", achieving ? "achieve" : "discontinue"),
                FormKit.hidden("confirmed", "yes"),
                FormKit.version(goal.version),
                achieving
                    ? FormKit.textArea("note", "What the family achieved (kept as a success to celebrate)", value: input.note, errors: errors)
                    : FormKit.field("reason", "Why is the goal being discontinued?", value: input.reason, errors: errors, required: true),
                .div(.class("actions"),
                     FormKit.submit(achieving ? "Mark achieved" : "Discontinue goal"),
                     .a(.href(SiteURL.goal(familyID, goal: goalID).path), .text("Keep it active"))),
            ]),
        ]
    }
}
