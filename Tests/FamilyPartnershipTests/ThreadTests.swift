@testable import FamilyPartnership
import Fluent
import Foundation
import PartnershipRules
import Testing
import Vapor

/// One thread from a need to a goal to referrals and the services they bring: each shows the others, a referral
/// is started from a goal or a need, each step sets the next follow-up and who makes it, and a need is closed as
/// met from its completed referral or achieved goal.
@Suite struct ThreadTests {
    @Test func aNeedBecomesAGoalAReferralFromItAndIsMetWhenTheReferralIsDone() async throws {
        try await withTestApp { app, f in
            let worker = try await context(app, f.id(.familyServiceWorker))
            let need = try await AssessmentCommands.addNeed(NeedInput(category: "employment", urgency: Urgency.soon.rawValue,
                                                                      intensity: Intensity.moderate.rawValue, description: "Laid off in October"),
                                                            family: f.family.id!, assessment: nil, itemKey: nil, in: worker)
            let provider = try await DirectoryCommands.addProvider(
                ProviderInput(ProviderEntry(name: "Riverside Workforce Center", categories: ["employment"], phone: "9515550100")), in: worker)
            _ = try await Agreement.make(family: f.family.id!, program: f.programID, on: app.db)
            let family = "/families/\(f.family.id!.path)"
            let client = TestClient(app)
            try await client.signIn(f.email(.familyServiceWorker))

            // A need of another family is not a goal's need.
            let outside = try await AssessmentCommands.addNeed(NeedInput(category: "food", urgency: Urgency.soon.rawValue,
                                                                         intensity: Intensity.light.rawValue, description: "Elsewhere"),
                                                               family: f.otherProgramFamily.id!, assessment: nil, itemKey: nil,
                                                               in: try await context(app, f.otherProgramStaff.requireID()))
            var input = GoalInput()
            input.kind = GoalKind.family.rawValue
            input.outcomes = [Outcome.familyWellBeing.rawValue]
            input.goal = "Find steady work"
            input.needID = outside.id!.uuidString
            await #expect(throws: FieldErrors.self) { try await AgreementCommands.createGoal(input, family: f.family.id!, in: worker) }
            #expect(try await Goal.query(on: app.db).count() == 0)

            // The family page offers a goal from the need; the goal form starts with the need chosen.
            var page = try await client.get(family).text
            #expect(page.contains("/goals/new?need=\(need.id!.path)"))
            #expect(try await client.get("\(family)/goals/new?need=\(need.id!.path)").text.contains("<option value=\"\(need.id!.path)\" selected"))
            input.needID = need.id!.uuidString
            let goal = try await AgreementCommands.createGoal(input, family: f.family.id!, in: worker)
            #expect(goal.$need.id == need.id)

            // From the goal: the category comes from its need and the family's asking is ticked; one press refers.
            let form = try await client.get("\(family)/referrals/new?goal=\(goal.id!.path)").text
            #expect(form.contains("For the goal “Find steady work”"))
            #expect(form.contains("Service: <strong>Employment</strong>"))
            #expect(form.contains("Riverside Workforce Center"))
            #expect(form.components(separatedBy: "name=\"category\"").count - 1 == 2)  // the finder's and the form's, both hidden
            #expect(!form.contains("<select name=\"category\""))
            let saved = try await client.post("\(family)/referrals/new", ["category": "employment", "goal_id": goal.id!.path, "family_asked": "on",
                                                                          "status": "referred", "provider_id": provider.id!.path])
            #expect(saved.status == .seeOther)
            let referral = try #require(try await Referral.query(on: app.db).filter(\.$goal.$id == goal.id!).first())
            #expect(referral.$need.id == need.id)  // it serves the goal's need
            #expect(referral.$followUpBy.id == f.id(.familyServiceWorker))

            // Each shows the others.
            let referralPath = "\(family)/referrals/\(referral.id!.path)"
            var shown = try await client.get(referralPath).text
            #expect(shown.contains("For the goal") && shown.contains("Find steady work") && shown.contains("Laid off in October"))
            #expect(shown.contains("tel:9515550100"))
            #expect(shown.contains("Test family_service_worker"))
            let goalPage = try await client.get("\(family)/goals/\(goal.id!.path)").text
            #expect(goalPage.contains("For the need: ") && goalPage.contains("/referrals/\(referral.id!.path)"))
            #expect(goalPage.contains("Refer for this goal"))
            page = try await client.get(family).text
            #expect(page.contains("goal: Find steady work · 1 referral, 1 open"))

            // A step sets the next follow-up (the category's month from the step) and who makes it; someone outside
            // the program cannot be named.
            let outsider = try await client.post("\(referralPath)/status", ["status": "connected", "date": testToday.description,
                                                                            "follow_up_by_id": f.otherProgramStaff.id!.path])
            #expect(outsider.status == .unprocessableEntity && outsider.text.contains("Choose a staff member of the program"))
            #expect(try await Referral.find(referral.id, on: app.db)!.status == .referred)
            let step = try await client.post("\(referralPath)/status", ["status": "connected", "date": testToday.description,
                                                                        "follow_up_by_id": f.id(.specialist).path])
            #expect(step.status == .seeOther)
            var now = try await Referral.find(referral.id, on: app.db).orThrow()
            #expect(now.followUpOn == testToday.adding(months: 1).description)
            #expect(now.$followUpBy.id == f.id(.specialist))
            #expect(try await client.post("\(referralPath)/status", ["status": "receiving", "follow_up_on": testToday.adding(days: -3).description])
                .status == .unprocessableEntity)
            #expect(try await client.post("\(referralPath)/status", ["status": "receiving", "follow_up_on": testToday.adding(days: 10).description])
                .status == .seeOther)
            now = try await Referral.find(referral.id, on: app.db).orThrow()
            #expect(now.followUpOn == testToday.adding(days: 10).description && now.$followUpBy.id == f.id(.familyServiceWorker))

            // Completed: the referral page offers to close the need, and comes back to itself.
            #expect(!shown.contains("The need is met"))
            #expect(try await client.post("\(referralPath)/status", ["status": "completed", "outcome": "met"]).status == .seeOther)
            now = try await Referral.find(referral.id, on: app.db).orThrow()
            #expect(now.$followUpBy.id == nil)
            shown = try await client.get(referralPath).text
            #expect(shown.contains("The need is met"))
            let met = try await client.post("/families/\(f.family.id!.path)/needs/\(need.id!.path)/met", ["back": referralPath])
            #expect(met.headers.first(name: .location) == referralPath)
            #expect(try await FamilyNeed.find(need.id, on: app.db)?.metOn == testToday.description)
            // An address outside the family is not followed.
            let elsewhere = try await client.post("/families/\(f.family.id!.path)/needs/\(need.id!.path)/met", ["back": "https://example.com/"])
            #expect(elsewhere.headers.first(name: .location) == "\(family)#needs")
        }
    }

    @Test func anAchievedGoalOffersToCloseItsNeed() async throws {
        try await withTestApp { app, f in
            let worker = try await context(app, f.id(.familyServiceWorker))
            let need = try await AssessmentCommands.addNeed(NeedInput(category: "housing", urgency: Urgency.soon.rawValue,
                                                                      intensity: Intensity.moderate.rawValue, description: "Doubled up"),
                                                            family: f.family.id!, assessment: nil, itemKey: nil, in: worker)
            _ = try await Agreement.make(family: f.family.id!, program: f.programID, on: app.db)
            var input = GoalInput()
            input.kind = GoalKind.family.rawValue
            input.outcomes = [Outcome.familyWellBeing.rawValue]
            input.goal = "A place of our own"
            input.needID = need.id!.uuidString
            let goal = try await AgreementCommands.createGoal(input, family: f.family.id!, in: worker)
            let client = TestClient(app)
            try await client.signIn(f.email(.familyServiceWorker))
            let path = "/families/\(f.family.id!.path)/goals/\(goal.id!.path)"
            #expect(!(try await client.get(path).text.contains("The need is met")))
            _ = try await AgreementCommands.changeState(goal.requireID(), family: f.family.id!, GoalStateInput(change: "achieve"),
                                                        basedOn: .unknown, in: worker)
            let page = try await client.get(path).text
            #expect(page.contains("The need is met") && page.contains("name=\"back\" value=\"\(path)\""))
        }
    }
}

/// What cannot be undone is asked for first, and the answer is kept.
@Suite struct ConfirmationTests {
    @Test func achievingAGoalListsTheStepsNotDoneAndKeepsWhatTheFamilyAchieved() async throws {
        try await withTestApp { app, f in
            let worker = try await context(app, f.id(.familyServiceWorker))
            let agreement = try await Agreement.make(family: f.family.id!, program: f.programID, on: app.db)
            let goal = try await Goal.make(in: agreement, "Read together every evening", on: app.db)
            _ = try await AgreementCommands.addStep(StepInput(what: "Get a library card", who: "staff:\(f.id(.familyServiceWorker).path)"),
                                                    goal: goal.requireID(), family: f.family.id!, in: worker)
            let client = TestClient(app)
            try await client.signIn(f.email(.familyServiceWorker))
            let path = "/families/\(f.family.id!.path)/goals/\(goal.id!.path)"
            // The goal page links to the question rather than changing the goal in one tap.
            let page = try await client.get(path).text
            #expect(page.contains("\(path)/state?change=achieve") && !page.contains("value=\"achieve\""))
            let ask = try await client.get("\(path)/state?change=achieve").text
            #expect(ask.contains("cannot be reopened") && ask.contains("1 action step is not done") && ask.contains("Get a library card"))
            let done = try await client.post("\(path)/state", ["change": "achieve", "confirmed": "yes", "version": "1",
                                                               "note": "Ana reads to Lucia every night now"])
            #expect(done.status == .seeOther)
            #expect(try await Goal.find(goal.id, on: app.db)?.state == .achieved)
            let note = try #require(try await ProgressNote.query(on: app.db).filter(\.$goal.$id == goal.id!).first())
            #expect(note.isSuccess && note.text == "Ana reads to Lucia every night now")
            // Nothing more to confirm on an achieved goal: the question shows the goal as it is.
            let again = try await client.get("\(path)/state?change=achieve")
            #expect(again.status == .ok && !again.text.contains("Mark the goal achieved?") && again.text.contains("Achieved"))
        }
    }

    @Test func discontinuingAGoalNeedsAReasonAndSavesNothingWithout() async throws {
        try await withTestApp { app, f in
            let agreement = try await Agreement.make(family: f.family.id!, program: f.programID, on: app.db)
            let goal = try await Goal.make(in: agreement, "Find a cheaper apartment", on: app.db)
            let client = TestClient(app)
            try await client.signIn(f.email(.familyServiceWorker))
            let path = "/families/\(f.family.id!.path)/goals/\(goal.id!.path)"
            let missing = try await client.post("\(path)/state", ["change": "discontinue", "confirmed": "yes"])
            #expect(missing.status == .unprocessableEntity && missing.text.contains("Discontinue the goal?") && missing.text.contains("href=\"#f-reason\""))
            #expect(try await Goal.find(goal.id, on: app.db)?.state == .active)
            #expect(try await client.post("\(path)/state", ["change": "discontinue", "confirmed": "yes", "reason": "The family moved in with family"])
                .status == .seeOther)
            #expect(try await Goal.find(goal.id, on: app.db)?.discontinuedReason == "The family moved in with family")
        }
    }
}

extension ConfirmationTests {
    @Test func aFamilyDecliningHomeVisitsIsAskedHowAndTheUserChoosesWhetherToCancelTheScheduledVisits() async throws {
        try await withTestApp { app, f in
            for days in [3, 10] {
                _ = try await Visit.make(family: f.family.id!, program: f.programID, type: "Home visit", day: testToday.adding(days: days), on: app.db)
            }
            let client = TestClient(app)
            try await client.signIn(f.email(.familyServiceWorker))
            let family = "/families/\(f.family.id!.path)"
            // The family page asks on a page of its own; a bare press asks too, and records nothing.
            #expect(try await client.get(family).text.contains("href=\"\(family)/visits/declined\""))
            let asked = try await client.post("\(family)/visits/declined", ["declined": "on"])
            #expect(asked.status == .ok && asked.text.contains("2 visits are still scheduled") && asked.text.contains("Cancel the 2 scheduled visits"))
            #expect(try await Family.find(f.family.id, on: app.db)?.declinedHomeVisitsOn == nil)
            // How they said it is required.
            let missing = try await client.post("\(family)/visits/declined", ["declined": "on", "confirmed": "yes"])
            #expect(missing.status == .unprocessableEntity && missing.text.contains("href=\"#f-how\""))
            #expect(try await Family.find(f.family.id, on: app.db)?.declinedHomeVisitsOn == nil)
            // Left as they are unless the user chooses.
            #expect(try await client.post("\(family)/visits/declined", ["declined": "on", "confirmed": "yes", "how": "text", "words": "We are fine for now"])
                .status == .seeOther)
            var stored = try await Family.find(f.family.id, on: app.db).orThrow()
            #expect(stored.declinedHomeVisitsOn == testToday.description && stored.declinedHomeVisitsHow == .text)
            #expect(try await Visit.query(on: app.db).filter(\.$family.$id == f.family.id!).filter(\.$status == .scheduled).count() == 2)
            #expect(try await client.get(family).text.contains("(text message): “We are fine for now”"))
            // Open again, then declined with the visits cancelled.
            #expect(try await client.post("\(family)/visits/declined", ["declined": "off"]).status == .seeOther)
            stored = try await Family.find(f.family.id, on: app.db).orThrow()
            #expect(stored.declinedHomeVisitsOn == nil && stored.declinedHomeVisitsHow == nil)
            #expect(try await client.post("\(family)/visits/declined", ["declined": "on", "confirmed": "yes", "how": "phone",
                                                                         "cancel_scheduled": "on", "version": "\(stored.version)"]).status == .seeOther)
            let visits = try await Visit.query(on: app.db).filter(\.$family.$id == f.family.id!).all()
            #expect(visits.allSatisfy { $0.status == .cancelledByFamily && $0.statusNote == "The family declined home visits." })
        }
    }
}
