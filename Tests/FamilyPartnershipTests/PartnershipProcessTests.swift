@testable import FamilyPartnership
import Fluent
import Foundation
import PartnershipRules
import Testing
import Vapor
import VaporTesting

@Suite struct PartnershipProcessTests {
    /// Assess, start the agreement, write two goals, work on them, achieve one, revise the other, print in Spanish.
    @Test func aWorkerCarriesAFamilyThroughThePartnershipProcess() async throws {
        try await withTestApp { app, f in
            let client = TestClient(app)
            try await client.signIn(f.email(.familyServiceWorker))
            let family = "/families/\(f.family.id!.path)"

            // Assessment on the built-in instrument.
            let form = try await client.get("\(family)/assessments/new")
            #expect(form.status == .ok)
            let version = try #require(try await InstrumentVersion.query(on: app.db).filter(\.$key == Instrument.builtIn.key).first())
            let saved = try await client.post("\(family)/assessments/new", pairs: [
                ("instrument_version_id", version.id!.path), ("period", "intake"), ("taken_on", testToday.description),
                ("mode", "phone"), ("participants", "Ana Rivera, worker"),
                ("answers[family_well_being]", "2"), ("answers[lifelong_educators]", "3"), ("answers[housing]", "2"),
                ("answers[mental_health]", "1"), ("outcomes_chosen[]", "lifelong_educators"), ("outcomes_chosen[]", "family_well_being"),
                ("family_strengths", "We never give up."), ("strength_tags", "bilingual, organized"),
                ("need_category[]", "internet_phone"), ("need_urgency[]", "soon"), ("need_intensity[]", "light"), ("need_description[]", "Phone bill"),
                ("need_category[]", ""), ("need_urgency[]", ""), ("need_intensity[]", ""), ("need_description[]", ""),
            ])
            #expect(saved.status == .seeOther)
            let assessmentPage = try await client.get(try #require(saved.location))
            #expect(assessmentPage.text.contains("We never give up."))
            #expect(assessmentPage.text.contains("Answers that suggest a need"))
            #expect(try await FamilyNeed.query(on: app.db).count() == 1)
            let assessment = try #require(try await Assessment.query(on: app.db).first())
            #expect(assessment.outcomesChosen == [.familyWellBeing, .lifelongEducators])
            let proposed = try await client.post("\(family)/assessments/\(assessment.id!.path)/needs", [
                "category": "housing", "item_key": "housing", "urgency": "urgent", "intensity": "intensive", "description": "Doubled up"])
            #expect(proposed.status == .seeOther)
            let familyPage = try await client.get(family)
            #expect(familyPage.text.contains("Doubled up"))
            #expect(familyPage.text.contains("<svg"))

            // Agreement and two goals.
            #expect(try await client.post("\(family)/agreement", ["started_on": testToday.description]).status == .seeOther)
            let learning = try await client.post("\(family)/goals/new", pairs: [
                ("goal", "Lucia keeps learning at home"), ("kind", "child"), ("child_id", f.child.id!.path),
                ("outcomes[]", "lifelong_educators"), ("family_words", "We want her ready for school"),
                ("family_skills", "Bilingual"), ("team_skills", "STEAM"), ("strengths", "Flexible"), ("stressors", "Small flat"),
                ("strategies", "Daily schedule"), ("team_supports", "Teacher"), ("partner_supports", "Library"),
                ("family_supports", "Aunt"), ("progress", "Monthly meeting"),
            ])
            #expect(learning.status == .seeOther)
            let internet = try await client.post("\(family)/goals/new", pairs: [
                ("goal", "Get internet at home"), ("kind", "family"), ("outcomes[]", "family_well_being")])
            #expect(internet.status == .seeOther)
            let goals = try await Goal.query(on: app.db).sort(\.$createdAt).all()
            #expect(goals.count == 2)
            let learningPath = "\(family)/goals/\(goals[0].id!.path)", internetPath = "\(family)/goals/\(goals[1].id!.path)"

            // Action steps and notes.
            #expect(try await client.post("\(learningPath)/steps", ["what": "Set up the schedule", "who": "member:\(f.child.id!.path)",
                                                                   "due_on": testToday.description]).status == .seeOther)
            let step = try #require(try await ActionStep.query(on: app.db).first())
            #expect(try await client.post("\(learningPath)/steps/\(step.id!.path)", ["done": "on"]).status == .seeOther)
            #expect(try await ActionStep.find(step.id, on: app.db)?.doneOn == testToday.description)
            #expect(try await client.post("\(learningPath)/notes", ["text": "Joined the class call", "is_success": "on"]).status == .seeOther)

            // Edit keeps history; achieve one, revise the other.
            var edit = GoalInput(goals[0])
            edit.strategies = "Daily schedule with songs"
            #expect(try await client.post("\(learningPath)/edit", pairs: [
                ("goal", goals[0].goal), ("kind", "child"), ("child_id", f.child.id!.path), ("outcomes[]", "lifelong_educators"),
                ("strategies", edit.strategies!), ("version", "1")]).status == .seeOther)
            let history = try await client.get(learningPath)
            #expect(history.text.contains("Version 1"))
            #expect(history.text.contains("Strategies"))
            // Achieving is asked for first; the confirmed change is made.
            let asked = try await client.post("\(learningPath)/state", ["change": "achieve"])
            #expect(asked.status == .ok && asked.text.contains("Mark the goal achieved?"))
            #expect(try await Goal.find(goals[0].id, on: app.db)?.state == .active)
            #expect(try await client.post("\(learningPath)/state", ["change": "achieve", "confirmed": "yes"]).status == .seeOther)
            let revised = try await client.post("\(family)/goals/new", pairs: [
                ("revises", goals[1].id!.path), ("goal", "Get low-cost internet through Lifeline"), ("kind", "family"),
                ("outcomes[]", "family_well_being")])
            #expect(revised.status == .seeOther)
            let old = try #require(try await Goal.find(goals[1].id, on: app.db))
            #expect(old.state == .revised)
            #expect(old.$replacedBy.id != nil)
            #expect(try await Goal.find(goals[0].id, on: app.db)?.state == .achieved)
            // A revised goal cannot be achieved.
            let refused = try await client.post("\(internetPath)/state", ["change": "achieve", "confirmed": "yes"])
            #expect(refused.status == .unprocessableEntity)

            // Acknowledgement, review, and the Spanish print.
            #expect(try await client.post("\(family)/agreement/acknowledgements", [
                "acknowledged_by": "Ana Rivera", "acknowledged_on": testToday.description, "method": "signed_on_paper"]).status == .seeOther)
            let print = try await client.get("\(family)/agreement/print?lang=es")
            #expect(print.text.contains("lang=\"es\""))
            #expect(print.text.contains("Acuerdo de Colaboración con la Familia"))
            #expect(print.text.contains("Lograda"))
            #expect(print.text.contains("Lucia keeps learning at home"))
            #expect(print.text.contains("Firmado en papel"))
            // The family's name and every heading in Spanish, and a line for the family and the worker to sign.
            #expect(print.text.contains("<dd>Familia Rivera</dd>") && !print.text.contains("Rivera family"))
            #expect(print.text.contains("Madre, padre o tutor") && print.text.contains("Trabajador(a) de servicios familiares</strong> — \(f.staff[.familyServiceWorker]!.name)"))
            #expect(print.text.components(separatedBy: "<span class=\"line\">Firma</span>").count == 3)
            #expect(try await client.get("\(family)/agreement/print").text.contains("<dd>Rivera family</dd>"))
            #expect(!print.text.contains("Get internet at home"))

            let actions = try await AuditEntry.query(on: app.db).filter(\.$familyID == f.family.id!).all().map { "\($0.action) \($0.recordType)" }
            for expected in ["create assessment", "create need", "create agreement", "create goal", "update goal", "change_state goal",
                             "create action_step", "update action_step", "create progress_note", "create acknowledgement", "print agreement"] {
                #expect(actions.contains(expected), "missing audit entry: \(expected)")
            }
        }
    }

    @Test func badInputGetsFieldMessagesAndSavesNothing() async throws {
        try await withTestApp { app, f in
            let client = TestClient(app)
            try await client.signIn(f.email(.familyServiceWorker))
            let family = "/families/\(f.family.id!.path)"
            _ = try await client.get("\(family)/assessments/new")
            let version = try #require(try await InstrumentVersion.query(on: app.db).first())
            let bad = try await client.post("\(family)/assessments/new", pairs: [
                ("instrument_version_id", version.id!.path), ("period", "summer"), ("taken_on", "2999-01-01"), ("mode", "fax"),
                ("answers[housing]", "9"), ("need_category[]", "housing")])
            #expect(bad.status == .unprocessableEntity)
            for field in ["f-period", "f-taken_on", "f-mode", "f-participants", "f-answers-housing", "f-needs"] {
                #expect(bad.text.contains("href=\"#\(field)\""), "no message for \(field)")
            }
            #expect(try await Assessment.query(on: app.db).count() == 0)
            #expect(try await FamilyNeed.query(on: app.db).count() == 0)

            // Goals need an agreement first, then a goal and an outcome.
            #expect(try await client.post("\(family)/goals/new", pairs: [("goal", "x"), ("kind", "family"), ("outcomes[]", "learners")]).status == .conflict)
            #expect(try await client.post("\(family)/agreement", ["started_on": "2999-01-01"]).status == .unprocessableEntity)
            #expect(try await Agreement.query(on: app.db).count() == 0)
            #expect(try await client.post("\(family)/agreement", [:]).status == .seeOther)
            #expect(try await client.post("\(family)/agreement", [:]).status == .unprocessableEntity)
            let goal = try await client.post("\(family)/goals/new", pairs: [("kind", "child"), ("outcomes[]", "nonsense")])
            #expect(goal.status == .unprocessableEntity)
            for field in ["f-goal", "f-child_id", "f-outcomes"] { #expect(goal.text.contains("href=\"#\(field)\"")) }
            #expect(try await Goal.query(on: app.db).count() == 0)
        }
    }

    @Test func aSecondInstrumentIsImportedAndUsedWithoutCodeChanges() async throws {
        try await withTestApp { app, f in
            let client = TestClient(app)
            try await client.signIn(f.email(.manager))
            let imported = try await client.post("/instruments/new", ["definition": Self.selfSufficiencyMatrix])
            #expect(imported.status == .seeOther)
            let version = try #require(try await InstrumentVersion.query(on: app.db).filter(\.$key == "ssm-10").first())
            #expect(try version.instrument.items.count == 10)
            // Exported as it was imported.
            let export = try await client.get("/instruments/\(version.id!.path)/export")
            #expect(try JSONDecoder().decode(Instrument.self, from: Data(export.text.utf8)) == version.instrument)

            let family = "/families/\(f.family.id!.path)"
            let saved = try await client.post("\(family)/assessments/new", pairs: [
                ("instrument_version_id", version.id!.path), ("period", "fall"), ("taken_on", testToday.description),
                ("mode", "home"), ("participants", "Ana"), ("answers[shelter]", "4"), ("answers[income]", "1"), ("answers[parenting]", "0")])
            #expect(saved.status == .seeOther)
            let page = try await client.get(try #require(saved.location))
            // Problems scale, lower is better: 0 of 4 problems is the best standing for parenting (level 5.0).
            #expect(page.text.contains("Positive parent-child relationships"))
            #expect(page.text.contains("5.0 · Thriving"))
            // A broken definition is refused with the reason.
            let broken = try await client.post("/instruments/new", ["definition": "{\"key\": \"x\"}"])
            #expect(broken.status == .unprocessableEntity)
            #expect(broken.text.contains("is missing"))
            // Only managers and directors import instruments.
            let worker = TestClient(app)
            try await worker.signIn(f.email(.familyServiceWorker))
            #expect(try await worker.post("/instruments/new", ["definition": Self.selfSufficiencyMatrix]).status == .forbidden)
        }
    }

    static let selfSufficiencyMatrix: String = {
        func item(_ key: String, _ text: String, _ outcome: String, need: String? = nil) -> String {
            let levels = (1...5).map { "{\"value\": \($0), \"label\": \"\(["In crisis", "At risk", "Safe", "Building capacity", "Empowered"][$0 - 1])\"}" }
                .joined(separator: ",")
            let trigger = need.map { ", \"proposes_need\": {\"category\": \"\($0)\", \"at_or_worse_than\": 2}" } ?? ""
            return "{\"key\": \"\(key)\", \"text\": \"\(text)\", \"outcomes\": [\"\(outcome)\"], \"scale\": {\"levels\": [\(levels)], \"higher_is_better\": true}\(trigger)}"
        }
        let items = [
            item("shelter", "Shelter", "family_well_being", need: "housing"), item("income", "Income", "family_well_being", need: "employment"),
            item("food", "Food", "family_well_being", need: "food"), item("health", "Health care", "family_well_being"),
            item("transport", "Transportation", "family_well_being", need: "transportation"), item("adult_ed", "Adult education", "learners"),
            item("community", "Community involvement", "peers_and_community"), item("childcare", "Child care", "family_well_being"),
            item("legal", "Legal", "family_well_being", need: "legal"),
        ]
        let parenting = "{\"key\": \"parenting\", \"text\": \"Parenting problems\", \"outcomes\": [\"parent_child_relationships\"], \"scale\": {\"levels\": [{\"value\": 0, \"label\": \"None\"}, {\"value\": 1, \"label\": \"One\"}, {\"value\": 2, \"label\": \"Two\"}, {\"value\": 3, \"label\": \"Three\"}, {\"value\": 4, \"label\": \"Four or more\"}], \"higher_is_better\": false}}"
        return "{\"key\": \"ssm-10\", \"name\": \"Self-Sufficiency Matrix (10 domains)\", \"sections\": [{\"title\": \"Domains\", \"items\": [\(items.joined(separator: ",")), \(parenting)]}]}"
    }()
}

@Suite struct PartnershipFollowUpTests {
    @Test func theHomePageListsLateAgreementsStepsDueAndQuietGoals() async throws {
        try await withTestApp { app, f in
            let today = testToday
            // The Rivera family enrolled 40 days ago with no agreement; the Chen family has one with work due.
            f.family.enrolledOn = today.adding(days: -40).description
            try await f.family.save(on: app.db)
            // Started 87 days ago, so its 90-day review is due in three days.
            let agreement = try await Agreement.make(family: f.teacherFamily.id!, program: f.programID,
                                                     started: today.adding(days: -87), on: app.db)
            let goal = try await Goal.make(in: agreement, "Enroll in English classes", on: app.db)
            _ = try await AgreementCommands.addStep(StepInput(what: "Call the adult school", who: "staff:\(f.id(.teacher).path)",
                                                              dueOn: today.adding(days: 2).description),
                                                    goal: goal.requireID(), family: f.teacherFamily.requireID(),
                                                    in: context(app, f.id(.director)))

            let director = TestClient(app)
            try await director.signIn(f.email(.director))
            // The director sees the whole program's lists, each on its own page.
            let home = try await director.get("/").text
            #expect(home.contains("href=\"/to-do/late-agreements\""))
            #expect(try await director.get("/to-do/late-agreements").text.contains("Agreements not started by the deadline (1)"))
            #expect(try await director.get("/to-do/reviews-due").text.contains("Reviews due (1)"))
            #expect(try await director.get("/to-do/steps-due").text.contains("Call the adult school"))
            #expect(try await director.get("/to-do/quiet-goals").text.contains("Nothing here now."))
            // The worker sees only their own families' work.
            let worker = TestClient(app)
            try await worker.signIn(f.email(.familyServiceWorker))
            let mine = try await worker.get("/").text
            #expect(mine.contains("Agreements not started by the deadline (1)"))
            #expect(!mine.contains("Call the adult school"))
            // Searching shows the list without the to-do lists.
            #expect(!(try await director.get("/?q=chen").text.contains("Across the program")))
            #expect(!(try await worker.get("/?q=rivera").text.contains("Agreements not started")))

            // A goal set 62 days ago with no notes is quiet. (62 days of seconds, not 61: across a change from
            // daylight time, 61 × 24 hours before just after midnight in Chicago is only 60 calendar days back.)
            try await app.db.query(Goal.self).filter(\.$id == goal.id!).set(\.$createdAt, to: testNow.addingTimeInterval(-62 * 86_400)).update()
            #expect(try await director.get("/to-do/quiet-goals").text.contains("Goals with no progress note in 60 days (1)"))
        }
    }

    @Test func aChildNearingKindergartenPromptsATransitionPlan() async throws {
        try await withTestApp { app, f in
            let today = testToday
            f.child.dateOfBirth = CalendarDate(year: today.year - 4, month: 6, day: 1)!.description
            f.child.programType = .headStart
            try await f.child.save(on: app.db)
            let client = TestClient(app)
            try await client.signIn(f.email(.familyServiceWorker))
            let family = "/families/\(f.family.id!.path)"
            #expect(try await client.get(family).text.contains("Start this year's agreement to add the plan."))
            _ = try await client.post("\(family)/agreement", [:])
            let page = try await client.get(family).text
            let link = try #require(page.range(of: "goals/new?transition=to_kindergarten&child=\(f.child.id!.path)"))
            _ = link
            let form = try await client.get("\(family)/goals/new?transition=to_kindergarten&child=\(f.child.id!.path)")
            #expect(form.text.contains("Transition to kindergarten"))
            let saved = try await client.post("\(family)/goals/new", pairs: [
                ("goal", "Get Lucia ready for kindergarten"), ("kind", "child"), ("child_id", f.child.id!.path),
                ("outcomes[]", "transitions"), ("transition_kind", "to_kindergarten")])
            #expect(saved.status == .seeOther)
            #expect(try await client.get(family).text.contains("Plan in the agreement."))
        }
    }

    /// A child three in five months in Early Head Start: planning was due a month ago, so the move is on the to-do and
    /// in the caseload table of the family's worker, until a plan is in this year's agreement.
    @Test func anOverdueTransitionPlanIsOnTheToDoUntilPlanned() async throws {
        try await withTestApp { app, f in
            f.child.dateOfBirth = testToday.adding(months: -31).description
            f.child.programType = .earlyHeadStart
            try await f.child.save(on: app.db)
            let client = TestClient(app)
            try await client.signIn(f.email(.familyServiceWorker))
            let form = "/families/\(f.family.id!.path)/goals/new?transition=to_preschool&child=\(f.child.id!.path)"
            let home = try await client.get("/").text
            #expect(home.contains("Transition plans overdue (1)"))
            #expect(home.contains("Transition from Early Head Start to preschool on Apr 29, 2027; planning was due by Oct 29, 2026"))
            #expect(home.contains("href=\"\(form)\""))
            #expect(home.contains("1 transition plan"))
            let list = try await client.get("/to-do/transition-plans")
            #expect(list.status == .ok && list.text.contains("Transition plans overdue (1)"))
            // A plan for another move, or in no agreement of this year, does not count; this one does.
            _ = try await Agreement.make(family: f.family.id!, program: f.programID, on: app.db)
            let saved = try await client.post("/families/\(f.family.id!.path)/goals/new", pairs: [
                ("goal", "Find Lucia a preschool place for next year"), ("kind", "child"), ("child_id", f.child.id!.path),
                ("outcomes[]", "transitions"), ("transition_kind", "to_preschool")])
            #expect(saved.status == .seeOther)
            let after = try await client.get("/").text
            #expect(!after.contains("Transition plans overdue") && !after.contains("transition plan"))
        }
    }

    @Test func theDirectorSetsDeadlinesAndPeriods() async throws {
        try await withTestApp { app, f in
            let client = TestClient(app)
            try await client.signIn(f.email(.director))
            let bad = try await client.post("/settings/program", ["agreement_start_days": "0", "agreement_review_days": "x",
                                                                  "assessment_periods": "fall, spring", "version": "1"])
            #expect(bad.status == .unprocessableEntity)
            for field in ["f-agreement_start_days", "f-agreement_review_days", "f-assessment_periods"] {
                #expect(bad.text.contains("href=\"#\(field)\""))
            }
            #expect(try await Program.find(f.programID, on: app.db)?.agreementStartDays == 30)
            let good = try await client.post("/settings/program", ["agreement_start_days": "14", "agreement_review_days": "60",
                                                                   "assessment_periods": "intake, midyear, end of year", "version": "1"])
            #expect(good.status == .seeOther)
            let program = try #require(try await Program.find(f.programID, on: app.db))
            #expect(program.agreementSchedule == AgreementSchedule(startWithinDays: 14, reviewEveryDays: 60))
            #expect(program.assessmentPeriods == ["intake", "midyear", "end of year"])
            #expect(try await client.get("/families/\(f.family.id!.path)/assessments/new").text.contains("End Of Year"))
        }
    }
}

@Suite struct InstrumentEditorTests {
    @Test func aManagerEditsAnItemAddsOneAndRemovesOneEachAsANewVersion() async throws {
        try await withTestApp { app, f in
            let client = TestClient(app)
            try await client.signIn(f.email(.manager))
            _ = try await client.get("/instruments")
            let v1 = try #require(try await InstrumentVersion.query(on: app.db).first())
            let item = "/instruments/\(v1.id!.path)/items/housing"
            let form = try await client.get(item)
            #expect(form.text.contains("1 | In crisis | Homeless or about to lose housing."))

            // A mistake names the field and saves nothing.
            let bad = try await client.post(item, pairs: [("text", "Housing"), ("section", "Family well-being"), ("levels", "1 | only one"),
                                                         ("need_category", "housing"), ("need_at", "9")])
            #expect(bad.status == .unprocessableEntity)
            for field in ["f-levels", "f-outcomes"] { #expect(bad.text.contains("href=\"#\(field)\"")) }
            #expect(try await InstrumentVersion.query(on: app.db).filter(\.$program.$id == f.programID).count() == 1)

            let saved = try await client.post(item, pairs: [
                ("text", "Housing and utilities"), ("section", "Family well-being"), ("outcomes[]", "family_well_being"),
                ("levels", "1 | In crisis | Shut off\n2 | Behind | Late notices\n3 | Current"), ("higher_is_better", "on"),
                ("need_category", "housing"), ("need_at", "2")])
            #expect(saved.status == .seeOther, "\(saved.text.components(separatedBy: "class=\"summary\"").last?.prefix(600) ?? "")")
            let v2 = try #require(try await InstrumentVersion.query(on: app.db).filter(\.$version == 2).first())
            #expect(try v2.instrument.item("housing")?.scale.levels.count == 3)
            #expect(try v1.instrument.item("housing")?.scale.levels.count == 5)
            // The old version is history now.
            #expect(try await client.post(item, pairs: [("text", "x")]).status == .conflict)

            let added = try await client.post("/instruments/\(v2.id!.path)/items/new", pairs: [
                ("key", "internet"), ("text", "Phone and internet"), ("new_section", "Connections"), ("outcomes[]", "peers_and_community"),
                ("levels", "1 | None\n2 | Phone only\n3 | Phone and internet"), ("higher_is_better", "on")])
            #expect(added.status == .seeOther)
            let v3 = try #require(try await InstrumentVersion.query(on: app.db).filter(\.$version == 3).first())
            #expect(try v3.instrument.sections.last?.title == "Connections")
            let removed = try await client.post("/instruments/\(v3.id!.path)/items/legal", pairs: [("remove", "on")])
            #expect(removed.status == .seeOther)
            let v4 = try #require(try await InstrumentVersion.query(on: app.db).filter(\.$version == 4).first())
            #expect(try v4.instrument.item("legal") == nil)
            #expect(try v4.instrument.items.count == 17)

            let copied = try await client.post("/instruments/\(v4.id!.path)/copy", ["key": "our-map", "name": "Our family map"])
            #expect(copied.status == .seeOther)
            #expect(try await InstrumentVersion.query(on: app.db).filter(\.$key == "our-map").first()?.version == 1)
            let taken = try await client.post("/instruments/\(v4.id!.path)/copy", ["key": "our-map", "name": "Again"])
            #expect(taken.status == .unprocessableEntity)
        }
    }
}
