@testable import FamilyPartnership
import Fluent
import Foundation
import PartnershipRules
import SQLKit
import Testing
import Vapor
import VaporTesting

/// The to-do sections are counted in the database from thresholds; here every section of a generated program
/// is counted again family by family with the rules themselves, for a director (the whole program) and a
/// family service worker (their caseload), and read page by page.
@Suite struct WorkListTests {
    /// Each section's count by the rules, over the enrolled families among `reach`.
    private func expectedCounts(reach: Set<UUID>, program: Program, on db: any Database) async throws -> [WorkList.Kind: Int] {
        let today = testToday
        let families = try await Family.query(on: db).filter(\.$enrollmentStatus == .enrolled).all().filter { reach.contains($0.id!) }
        let ids = Set(families.map { $0.id! })
        let year = program.year(containing: today).stored
        var counts: [WorkList.Kind: Int] = [:]

        let agreements = try await Agreement.query(on: db).filter(\.$programYear == year).all().filter { ids.contains($0.$family.id) }
        let withAgreement = Set(agreements.map(\.$family.id))
        counts[.lateAgreements] = families.filter { family in
            family.enrolledOn.flatMap(CalendarDate.init).map {
                program.agreementSchedule.isStartOverdue(enrolledOn: $0, hasAgreement: withAgreement.contains(family.id!), today: today)
            } ?? false
        }.count
        counts[.reviewsDue] = agreements.filter { FollowUp.isReviewDue(next: CalendarDate($0.nextReviewOn)!, today: today) }.count

        let goals = try await Goal.query(on: db).all().filter { ids.contains($0.familyID) }
        let active = Set(goals.filter { $0.state == .active }.map { $0.id! })
        counts[.stepsDue] = try await ActionStep.query(on: db).all().filter {
            ids.contains($0.familyID) && active.contains($0.$goal.id)
                && FollowUp.isStepDue(due: $0.dueOn.flatMap(CalendarDate.init), done: $0.doneOn != nil, today: today)
        }.count
        let thisYears = Set(agreements.map { $0.id! })
        var lastNote: [UUID: CalendarDate] = [:]
        for note in try await ProgressNote.query(on: db).all() {
            let day = CalendarDate(note.notedOn)!
            lastNote[note.$goal.id] = max(lastNote[note.$goal.id] ?? day, day)
        }
        counts[.quietGoals] = goals.filter { goal in
            goal.state == .active && thisYears.contains(goal.$agreement.id)
                && FollowUp.isGoalQuiet(lastNote: lastNote[goal.id!], setOn: goal.createdAt.map(testClock.day(of:)) ?? today, today: today)
        }.count
        let plans = goals.filter { thisYears.contains($0.$agreement.id) }
        counts[.transitionPlans] = try await FamilyMember.query(on: db).filter(\.$kind == .child).all().filter { child in
            guard ids.contains(child.$family.id), let born = child.dateOfBirth.flatMap(CalendarDate.init), let type = child.programType,
                  let dates = TransitionDates.next(dateOfBirth: born, program: type) else { return false }
            return dates.planBy < today && today < dates.moves && !plans.contains { $0.$child.id == child.id && $0.transitionKind == dates.kind }
        }.count
        counts[.followUps] = try await Referral.query(on: db).all().filter {
            ids.contains($0.$family.id) && !$0.status.isClosed && $0.followUpOn < today.description
        }.count

        var lastContact: [UUID: CalendarDate] = [:]
        for contact in try await Contact.query(on: db).all() where contact.contactedOn <= today.description {
            let day = CalendarDate(contact.contactedOn)!
            lastContact[contact.$family.id] = max(lastContact[contact.$family.id] ?? day, day)
        }
        let visits = try await Visit.query(on: db).with(\.$type).all()
        for visit in visits where visit.status == .completed && visit.scheduledOn <= today.description {
            let day = CalendarDate(visit.scheduledOn)!
            lastContact[visit.$family.id] = max(lastContact[visit.$family.id] ?? day, day)
        }
        var overdue = 0, soon = 0
        for family in families {
            guard let enrolled = family.enrolledOn.flatMap(CalendarDate.init) else { continue }
            switch program.contactGap.standing(lastContact: lastContact[family.id!], enrolledOn: enrolled, today: today) {
            case .overdue: overdue += 1
            case .dueSoon: soon += 1
            case .fine: break
            }
        }
        counts[.contactOverdue] = overdue
        counts[.contactDueSoon] = soon

        let requirements = try await ProgramVisitRequirement.all(program: program.requireID(), on: db)
        let yearStart = program.yearStart(containing: today)
        let yearEnd = yearStart.adding(years: 1).adding(days: -1)
        counts[.behindOnVisits] = families.filter { family in
            guard let option = family.programOption, let requirement = requirements[option] else { return false }
            let done = visits.filter {
                $0.$family.id == family.id! && $0.status == .completed && $0.scheduledOn >= yearStart.description && $0.scheduledOn <= yearEnd.description
            }
            let counted = (done.filter { $0.type.countsAs == .homeVisit }.count, done.filter { $0.type.countsAs == .parentConference }.count)
            let span = VisitStanding.span(year: yearStart, enrolledOn: family.enrolledOn.flatMap(CalendarDate.init))
            return VisitStanding.behind(done: counted, requirement: requirement, span: span, today: today).isBehind
        }.count
        return counts
    }

    @Test func everySectionCountsWhatTheRulesCount() async throws {
        try await withGenerated(240, seed: 7) { app, director in
            let program = try await Program.find(director.staff.programID, on: app.db).orThrow()
            let worker = try await Staff.query(on: app.db).filter(\.$email == "family-service-worker1@generated.fpp.test").first().orThrow()
            let workerSignedIn = try await StaffAuthenticator().load(staffID: worker.requireID(), on: app.db, viaAPIToken: false).orThrow()
            for staff in [director.staff, workerSignedIn] {
                let reach = Set(try await Family.visible(to: staff, on: app.db).all(\.$id))
                let expected = try await expectedCounts(reach: reach, program: program, on: app.db)
                let queries = try await WorkQueries(staff: staff, clock: testClock, on: app.db)
                var checked: [WorkList.Section] = []
                for kind in WorkList.Kind.allCases where kind.applies(to: staff) {
                    let section = try await queries.section(kind, .home)
                    guard let count = expected[kind] else { continue }
                    #expect(section.total == count && !section.isMore, "\(kind) for \(staff.name)")
                    #expect(section.items.count == min(count, WorkList.Window.home.limit))
                    checked.append(section)
                }
                #expect(checked.count == expected.count)
                // The director's program has work in most sections, so the comparison means something.
                if staff.access.familyReach == .wholeProgram {
                    #expect(checked.filter { $0.total > 0 }.count >= 6, "\(checked.map { "\($0.kind) \($0.total)" })")
                }
            }

            // Paged: two windows of a long section together are the whole section, without repeats.
            let queries = try await WorkQueries(staff: director.staff, clock: testClock, on: app.db)
            var sections: [WorkList.Section] = []
            for kind in WorkList.Kind.allCases where kind.applies(to: director.staff) {
                sections.append(try await queries.section(kind, .home))
            }
            let long = try #require(sections.max { $0.total < $1.total })
            #expect(long.total > 10)
            let half = long.total / 2
            let first = try await queries.section(long.kind, WorkList.Window(limit: half, offset: 0))
            let rest = try await queries.section(long.kind, WorkList.Window(limit: long.total, offset: half))
            let links = (first.items + rest.items).map { $0.link + $0.text }
            #expect(links.count == long.total)
            #expect(Set(links).count == links.count)
            let past = try await queries.section(long.kind, WorkList.Window(limit: 10, offset: long.total + 5))
            #expect(past.total == long.total && past.items.isEmpty)
            // Counted only as far as asked: beyond that the section says there are more, and its items still page.
            let capped = try await queries.section(long.kind, WorkList.Window(limit: 4, offset: 4, countUpTo: 5))
            #expect(capped.total == 5 && capped.isMore && capped.totalText == "5+")
            #expect(capped.items.map(\.link) == first.items.dropFirst(4).prefix(4).map(\.link))
            let exact = try await queries.section(long.kind, WorkList.Window(limit: 4, countUpTo: long.total))
            #expect(exact.total == long.total && !exact.isMore)
        }
    }

    @Test func eachLongSectionLinksToItsWholeListPageByPage() async throws {
        try await withGenerated(120, seed: 3) { app, director in
            let client = TestClient(app)
            _ = try await client.signIn("director@generated.fpp.test", password: "generated-password-2026")
            // Over a whole program the caseload sections are links from the home page, counted on their own pages.
            let list = try await WorkList.load(staff: director.staff, clock: testClock, on: app.db)
            #expect(list.sections.allSatisfy { !$0.kind.isCaseloadWork })
            #expect(Set(list.linked) == Set(WorkList.Kind.allCases.filter(\.isCaseloadWork)))
            let home = try await client.get("/").text
            for kind in list.linked { #expect(home.contains("href=\"/to-do/\(kind.rawValue)\"")) }
            let queries = try await WorkQueries(staff: director.staff, clock: testClock, on: app.db)
            var sections: [WorkList.Section] = []
            for kind in list.linked { sections.append(try await queries.section(kind, .home)) }
            let long = try #require(sections.max { $0.total < $1.total })
            #expect(long.total > WorkList.Window.home.limit)

            let whole = try await client.get("/to-do/\(long.kind.rawValue)")
            #expect(whole.status == .ok)
            #expect(whole.text.contains("(\(long.total))"))
            let shown = whole.text.components(separatedBy: "<ul class=\"todo\">").last?.components(separatedBy: "</ul>").first ?? ""
            #expect(shown.components(separatedBy: "<li>").count - 1 == min(long.total, WorkListController.perPage))

            #expect(try await client.get("/to-do/\(long.kind.rawValue)?page=0").status == .badRequest)
            #expect(try await client.get("/to-do/\(long.kind.rawValue)?page=two").status == .badRequest)
            #expect(try await client.get("/to-do/no-such-list").status == .notFound)
            // A worker has no partner MOUs to renew.
            let worker = TestClient(app)
            _ = try await worker.signIn("family-service-worker1@generated.fpp.test", password: "generated-password-2026")
            #expect(try await worker.get("/to-do/mou-renewals").status == .notFound)
            #expect(try await worker.get("/to-do/contact-overdue").status == .ok)
            // Each view of a list is in the audit log.
            let entries = try await AuditEntry.query(on: app.db).filter(\.$detail ~~ "to-do \(long.kind.rawValue)").count()
            #expect(entries >= 1)
        }
    }

    @Test func aFamilysLastContactMovesForwardWithEachContactAndVisit() async throws {
        try await withTestApp { app, f in
            struct Row: Decodable { let last_contact_on: String? }
            let id = try f.family.requireID()
            func last() async throws -> String? {
                try await (app.db as! any SQLDatabase).raw(#"SELECT "last_contact_on" FROM "families" WHERE "id" = \#(bind: id)"#)
                    .first(decoding: Row.self)?.last_contact_on
            }
            #expect(try await last() == nil)
            let worker = try await context(app, f.id(.familyServiceWorker))
            try await logContact(id, daysAgo: 30, by: worker)
            #expect(try await last() == testToday.adding(days: -30).description)
            // A contact logged late for an earlier day leaves the later one.
            try await logContact(id, daysAgo: 60, by: worker)
            #expect(try await last() == testToday.adding(days: -30).description)
            // A scheduled visit is not a contact; a recorded one is.
            _ = try await Visit.make(family: id, program: f.programID, type: "Home visit", day: testToday, on: app.db)
            #expect(try await last() == testToday.adding(days: -30).description)
            _ = try await Visit.make(family: id, program: f.programID, type: "Home visit", day: testToday, status: .completed, on: app.db)
            #expect(try await last() == testToday.description)
            // Counted again from the records, it is the same.
            try await Family.recountLastContacts(on: app.db)
            #expect(try await last() == testToday.description)
        }
    }
}
