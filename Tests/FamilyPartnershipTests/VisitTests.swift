@testable import FamilyPartnership
import Fluent
import Foundation
import PartnershipRules
import Testing
import Vapor
import VaporTesting

@Suite struct VisitTests {
    static func type(_ name: String, _ f: Fixture, on db: any Database) async throws -> String {
        try await VisitType.query(on: db).filter(\.$program.$id == f.programID).filter(\.$name == name).first()!.id!.path
    }

    static func train(_ staff: UUID, in f: Fixture, completed: CalendarDate = testToday.adding(days: -30),
                      expires: CalendarDate? = nil, on db: any Database) async throws {
        let course = try await TrainingCourse.query(on: db).filter(\.$program.$id == f.programID).filter(\.$name == VisitTypeRules.hvpCourse).first()!
        try await StaffTraining(staff: staff, course: course.id!, completedOn: completed, expiresOn: expires, recordedBy: "Test").create(on: db)
    }

    @Test func anHVPVisitNeedsTwoTrainedStaffAndTheFamilysAgreement() async throws {
        try await withTestApp { app, f in
            let client = TestClient(app)
            try await client.signIn(f.email(.familyServiceWorker))
            let family = "/families/\(f.family.id!.path)"
            let fsw = f.id(.familyServiceWorker).path, teacher = f.id(.teacher).path
            let tomorrow = testToday.adding(days: 1).description
            var visit: [(String, String)] = [("type_id", try await Self.type("HVP initial visit", f, on: app.db)), ("date", tomorrow),
                                             ("starts_at", "16:30"), ("planned_minutes", "45"), ("place", "home"),
                                             ("family_agreed", "on"), ("agreement_way", "phone"), ("staff[]", fsw)]
            let alone = try await client.post("\(family)/visits/new", pairs: visit)
            #expect(alone.status == .unprocessableEntity)
            #expect(alone.text.contains("needs 2 staff with current HVP home-visit training; 1 is chosen"))

            visit.append(("staff[]", teacher))
            try await Self.train(f.id(.familyServiceWorker), in: f, on: app.db)
            // The teacher's training lapsed yesterday.
            try await Self.train(f.id(.teacher), in: f, completed: testToday.adding(days: -400), expires: testToday.adding(days: -1), on: app.db)
            let untrained = try await client.post("\(family)/visits/new", pairs: visit)
            #expect(untrained.status == .unprocessableEntity)
            #expect(untrained.text.contains("Test teacher has no current HVP home-visit training"))
            #expect(try await Visit.query(on: app.db).count() == 0)

            try await Self.train(f.id(.teacher), in: f, on: app.db)
            let unagreed = try await client.post("\(family)/visits/new", pairs: visit.filter { $0.0 != "family_agreed" })
            #expect(unagreed.status == .unprocessableEntity)
            #expect(unagreed.text.contains("voluntary"))

            // Elsewhere than home, at the parent's request, says where.
            let elsewhere = try await client.post("\(family)/visits/new", pairs: [
                ("type_id", try await Self.type("Home visit", f, on: app.db)), ("date", tomorrow), ("starts_at", "10:00"),
                ("planned_minutes", "45"), ("place", "elsewhere"), ("family_agreed", "on"), ("agreement_way", "phone"), ("staff[]", fsw)])
            #expect(elsewhere.status == .unprocessableEntity && elsewhere.text.contains("Where is required"))

            let scheduled = try await client.post("\(family)/visits/new", pairs: visit)
            #expect(scheduled.status == .seeOther)
            let saved = try #require(try await Visit.query(on: app.db).first())
            #expect(saved.status == .scheduled && saved.startsAt == "16:30" && saved.agreementWay == .phone)
            #expect(try await VisitStaff.query(on: app.db).filter(\.$visit.$id == saved.id!).count() == 2)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$recordType == "visit").filter(\.$action == "create").count() == 1)
            // The teacher, though not on the family's team, sees the visit in their week.
            let teacherClient = TestClient(app)
            try await teacherClient.signIn(f.email(.teacher))
            #expect(try await teacherClient.get("/").text.contains("Visits this week (1)"))
        }
    }

    @Test func aWeeklySeriesIsScheduledAsOneAndEachVisitCanMove() async throws {
        try await withTestApp { app, f in
            let client = TestClient(app)
            try await client.signIn(f.email(.familyServiceWorker))
            let family = "/families/\(f.family.id!.path)"
            let start = testToday.adding(days: 2)
            let series = try await client.post("\(family)/visits/new", pairs: [
                ("type_id", try await Self.type("Virtual check-in", f, on: app.db)), ("date", start.description), ("starts_at", "18:00"),
                ("planned_minutes", "15"), ("place", "video"), ("staff[]", f.id(.familyServiceWorker).path),
                ("repeat_every_days", "7"), ("repeat_until", start.adding(days: 28).description)])
            #expect(series.status == .seeOther)
            let visits = try await Visit.query(on: app.db).sort(\.$scheduledOn).all()
            #expect(visits.count == 5 && Set(visits.map(\.seriesID)).count == 1 && visits[0].seriesID != nil)

            let moved = try await client.post("\(family)/visits/\(visits[1].id!.path)/status",
                                              ["status": "rescheduled", "new_date": start.adding(days: 8).description, "note": "Family asked for Friday"])
            #expect(moved.status == .seeOther)
            let replacement = try #require(try await Visit.query(on: app.db).filter(\.$rescheduledFrom.$id == visits[1].id!).first())
            #expect(replacement.scheduledOn == start.adding(days: 8).description && replacement.status == .scheduled)
            #expect(try await Visit.find(visits[1].id, on: app.db)?.status == .rescheduled)
            // A closed visit cannot change again.
            let again = try await client.post("\(family)/visits/\(visits[1].id!.path)/status", ["status": "missed"])
            #expect(again.status == .unprocessableEntity)
            // A visit cannot be recorded before it happens.
            let early = try await client.post("\(family)/visits/\(visits[2].id!.path)/record", ["actual_minutes": "15"])
            #expect(early.status == .unprocessableEntity)
            #expect(early.text.contains("record it once it has taken place"))

            // The family stops the check-ins: cancelling the third takes the later two with it, not the moved one.
            let missed = try await client.post("\(family)/visits/\(visits[2].id!.path)/status", ["status": "missed", "later_in_series": "on"])
            #expect(missed.status == .unprocessableEntity && missed.text.contains("Only a cancellation"))
            let stopped = try await client.post("\(family)/visits/\(visits[2].id!.path)/status",
                                                ["status": "cancelled_by_family", "later_in_series": "on", "note": "Back at work"])
            #expect(stopped.status == .seeOther)
            let after = try await Visit.query(on: app.db).sort(\.$scheduledOn).all().map { "\($0.scheduledOn) \($0.status.rawValue)" }
            #expect(after == [
                "\(start) scheduled", "\(start.adding(days: 7)) rescheduled", "\(start.adding(days: 8)) scheduled",
                "\(start.adding(days: 14)) cancelled_by_family", "\(start.adding(days: 21)) cancelled_by_family", "\(start.adding(days: 28)) cancelled_by_family",
            ])
        }
    }

    @Test func aVisitRecordKeepsEachChildsHopesAndDreamsAndStartsAReferral() async throws {
        try await withTestApp { app, f in
            let second = FamilyMember(familyID: f.family.id!, kind: .child, name: "Mateo Rivera")
            second.dateOfBirth = "2024-06-01"
            try await second.create(on: app.db)
            let visit = try await Visit.make(family: f.family.id!, program: f.programID, type: "Home visit",
                                             staff: [f.id(.familyServiceWorker)], on: app.db)
            let client = TestClient(app)
            try await client.signIn(f.email(.familyServiceWorker))
            let path = "/families/\(f.family.id!.path)/visits/\(visit.id!.path)"
            let page = try await client.get(path).text
            #expect(page.contains("Lucia Rivera") && page.contains("Mateo Rivera"))
            let read = try await AuditEntry.query(on: app.db).filter(\.$recordType == "visit").filter(\.$action == "view").all()
            #expect(read.count == 1 && read[0].familyID == f.family.id && read[0].recordID == visit.id)
            let lucia = f.child.id!.path, mateo = second.id!.path

            let missingCategory = try await client.post("\(path)/record", pairs: [
                ("actual_minutes", "50"), ("children[]", lucia), ("family_requests", "Help finding a food pantry"), ("start_referral", "on")])
            #expect(missingCategory.status == .unprocessableEntity)
            #expect(try await Visit.find(visit.id, on: app.db)?.status == .scheduled)
            #expect(try await Referral.query(on: app.db).count() == 0)

            let recorded = try await client.post("\(path)/record", pairs: [
                ("actual_minutes", "50"), ("family_participants", "Ana and both children"),
                ("children[]", lucia), ("children[]", mateo),
                ("hopes_and_dreams[\(lucia)]", "To know her colors by spring"), ("interests_and_strengths[\(lucia)]", "Loves drawing"),
                ("hopes_and_dreams[\(mateo)]", "To start talking in both languages"),
                ("concerns", "Rent went up"), ("family_requests", "Help finding a food pantry"), ("start_referral", "on"),
                ("referral_category", "food"), ("next_steps", "Call in two weeks")])
            #expect(recorded.status == .seeOther)
            #expect(recorded.location?.contains("/referrals/") == true)
            let saved = try #require(try await Visit.find(visit.id, on: app.db))
            #expect(saved.status == .completed && saved.actualMinutes == 50 && saved.concerns == "Rent went up")
            let notes = try await VisitChild.query(on: app.db).filter(\.$visit.$id == visit.id!).all()
            #expect(notes.count == 2)
            #expect(notes.first { $0.$child.id == f.child.id }?.hopesAndDreams == "To know her colors by spring")
            let referral = try #require(try await Referral.query(on: app.db).first())
            #expect(referral.familyAsked && referral.status == .requested && referral.category == "food")
            #expect(referral.notes == "Help finding a food pantry")
            let shown = try await client.get(path).text
            #expect(shown.contains("To start talking in both languages") && shown.contains("Loves drawing"))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$recordType == "visit").filter(\.$action == "update").count() == 1)

            // While the parent's request to inspect is pending, what was written about Mateo cannot be removed.
            let request = RecordRequest()
            request.$family.id = f.family.id!
            request.kind = .inspection
            request.requestedBy = "Ana Rivera"
            request.receivedOn = testToday.description
            request.dueOn = testToday.adding(days: 45).description
            request.hearingOffered = false
            request.recordedByName = "Test"
            try await request.create(on: app.db)
            let dropping = try await client.post("\(path)/record", pairs: [("actual_minutes", "50"), ("children[]", lucia)])
            #expect(dropping.status == .unprocessableEntity && dropping.text.contains("asked to inspect its records"))
            #expect(try await VisitChild.query(on: app.db).filter(\.$visit.$id == visit.id!).count() == 2)
            // Changing what was written is still allowed.
            #expect(try await client.post("\(path)/record", pairs: [("actual_minutes", "55"), ("children[]", lucia), ("children[]", mateo),
                                                                  ("hopes_and_dreams[\(mateo)]", "To talk in both languages")]).status == .seeOther)
            #expect(try await VisitChild.query(on: app.db).filter(\.$child.$id == second.id!).first()?.hopesAndDreams == "To talk in both languages")
        }
    }

    @Test func aFamilyInitiatedTextIsLoggedAndClearsTheContactGap() async throws {
        try await withTestApp { app, f in
            // Enrolled 50 days ago and never contacted: past the six-week gap.
            f.family.enrolledOn = testToday.adding(days: -50).description
            try await f.family.save(on: app.db)
            let client = TestClient(app)
            try await client.signIn(f.email(.familyServiceWorker))
            let home = try await client.get("/").text
            #expect(home.contains("Families past the contact gap (1)") && home.contains("no contact logged"))
            let family = "/families/\(f.family.id!.path)"
            // How the family wants to be reached is shown where staff log a contact and schedule a visit.
            f.family.preferredChannel = .textMessage
            f.family.preferredTimes = "after 6 pm"
            try await f.family.save(on: app.db)
            for form in ["\(family)/contacts/new", "\(family)/visits/new"] {
                let page = try await client.get(form).text
                #expect(page.contains("Reach the family:") && page.contains("by text message, in English, times: after 6 pm"), "\(form)")
            }

            let bad = try await client.post("\(family)/contacts/new", ["date": testToday.description, "medium": "pigeon",
                                                                       "started_by": "family", "minutes": "ten"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("How must be one of") && bad.text.contains("Length in minutes must be a whole number")
                    && bad.text.contains("Summary is required"))
            #expect(try await Contact.query(on: app.db).count() == 0)

            let logged = try await client.post("\(family)/contacts/new", [
                "date": testToday.description, "medium": "text", "started_by": "family", "minutes": "5",
                "language": "Spanish", "summary": "Ana texted to ask about the field trip"])
            #expect(logged.status == .seeOther)
            let contact = try #require(try await Contact.query(on: app.db).first())
            #expect(contact.startedBy == .family && contact.medium == .text && contact.language == "Spanish" && !contact.interpreter)
            #expect(!(try await client.get("/").text.contains("Families past the contact gap")))
            let page = try await client.get(family).text
            #expect(page.contains("started by the family") && page.contains("Ana texted to ask about the field trip"))
        }
    }

    @Test func aFamilyBehindOnItsProgramsVisitsIsListed() async throws {
        try await withTestApp { app, f in
            f.family.programOption = .centerBased
            try await f.family.save(on: app.db)
            let requirement = ProgramVisitRequirement()
            requirement.$program.id = f.programID
            requirement.programOption = .centerBased
            requirement.homeVisits = 365
            requirement.conferences = 2
            try await requirement.create(on: app.db)
            let program = try await Program.find(f.programID, on: app.db)!
            let today = testToday
            // Nothing can be expected on the program year's first day, nor before enrollment.
            let from = max(program.yearStart(containing: today), CalendarDate(f.family.enrolledOn!)!)
            guard from < today else { return }
            _ = try await Visit.make(family: f.family.id!, program: f.programID, type: "Home visit", day: today, status: .completed, on: app.db)
            let client = TestClient(app)
            try await client.signIn(f.email(.familyServiceWorker))
            #expect(try await client.get("/").text.contains("Families behind on visits (1)"))
            #expect(try await client.get("/families/\(f.family.id!.path)").text.contains("1 of 365 home visits"))
        }
    }

    @Test func trainingsAreRecordedByManagersAndSeenByStaff() async throws {
        try await withTestApp { app, f in
            let manager = TestClient(app)
            try await manager.signIn(f.email(.manager))
            let bad = try await manager.post("/trainings", ["staff_id": f.id(.teacher).path, "completed_on": "2026-09-01", "expires_on": "2026-08-01"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Choose the course, or name a new one") && bad.text.contains("cannot expire before"))
            let good = try await manager.post("/trainings", ["staff_id": f.id(.teacher).path, "new_course": "Mandated reporter refresher",
                                                            "completed_on": "2026-09-01", "expires_on": "2027-08-31"])
            #expect(good.status == .seeOther)
            let teacher = TestClient(app)
            try await teacher.signIn(f.email(.teacher))
            #expect(try await teacher.get("/trainings").text.contains("Mandated reporter refresher"))
            #expect(try await teacher.post("/trainings", ["staff_id": f.id(.teacher).path]).status == .forbidden)
        }
    }

    @Test func aFamilysWholeHistoryIsReadPageByPageNewestFirst() async throws {
        try await withTestApp { app, f in
            let id = try f.family.requireID()
            let worker = try await context(app, f.id(.familyServiceWorker))
            for day in 1...55 { try await logContact(id, daysAgo: day, summary: "Call \(day)", by: worker) }
            let client = TestClient(app)
            try await client.signIn(f.email(.familyServiceWorker))
            let family = try await client.get("/families/\(id.path)").text
            #expect(family.contains("href=\"/families/\(id.path)/history/contacts\""))
            #expect(!family.contains("/history/access"))
            let first = try await client.get("/families/\(id.path)/history/contacts").text
            #expect(first.components(separatedBy: " — Call ").count - 1 == 50)
            #expect(first.contains("Call 1<") && first.contains("Call 50<") && !first.contains("Call 51<"))
            #expect(first.contains("?page=2\" rel=\"next\""))
            let second = try await client.get("/families/\(id.path)/history/contacts?page=2").text
            #expect(second.contains("Call 51<") && second.contains("Call 55<") && !second.contains("rel=\"next\""))
            #expect(try await client.get("/families/\(id.path)/history/contacts?page=0").status == .badRequest)
            #expect(try await client.get("/families/\(id.path)/history/everything").status == .notFound)
            #expect(try await client.get("/families/\(id.path)/history/visits").text.contains("Nothing recorded yet."))
            // The access history is for managers and directors; each page read is in it.
            #expect(try await client.get("/families/\(id.path)/history/access").status == .forbidden)
            let manager = TestClient(app)
            try await manager.signIn(f.email(.manager))
            let access = try await manager.get("/families/\(id.path)/history/access")
            // 55 contacts logged and the pages read: more than one page (the test clock stamps them all alike,
            // so which 50 come first is not asserted).
            #expect(access.status == .ok && access.text.components(separatedBy: "<tr>").count - 2 == 50)
            #expect(access.text.contains("?page=2\" rel=\"next\""))
            let reads = try await AuditEntry.query(on: app.db).filter(\.$familyID == id).filter(\.$detail ~~ "history page=").count()
            #expect(reads >= 4)
        }
    }
}
