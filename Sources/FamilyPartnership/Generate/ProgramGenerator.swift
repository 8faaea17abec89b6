import Fluent
import Foundation
import PartnershipRules
import SQLKit
import Vapor

/// `fpp generate`: a realistic program of any size, the same for the same seed, for measuring the app at the
/// size of a real program. The program, its administrator, director, sites and partner agencies are made
/// through the commands; the staff and the families' records (written in bulk, many rows to a statement)
/// follow the same rules: 40 families at most per family service worker, dates in order, values from the
/// app's own lists. Staff sign in with `password`.
struct ProgramGenerator {
    let families: Int
    var random: SeededGenerator
    let clock: ProgramClock
    static let password = "generated-password-2026"
    /// Planned families per family service worker: under the limit of 40, as a supervisor would plan.
    static let caseload = 38

    init(families: Int, seed: UInt64, clock: ProgramClock) {
        self.families = families
        self.random = SeededGenerator(seed: seed)
        self.clock = clock
    }

    struct Summary: Sendable {
        var families = 0, staff = 0, rows = 0
    }

    /// The staff the families are shared among, by role.
    private struct Staffing {
        var workers: [Person] = [], homeVisitors: [Person] = [], teachers: [Person] = []
        var sites: [UUID] = []
        var partners: [(id: UUID, name: String)] = []
        var instrument = UUID()
        var visitTypes: [String: UUID] = [:]
    }

    private struct Person { let id: UUID; let name: String }

    // MARK: - The program

    mutating func run(on db: any Database, passwords: Application.Password, log: (String) -> Void = { _ in }) async throws -> Summary {
        guard try await Program.query(on: db).count() == 0 else {
            throw Abort(.conflict, reason: "The database already has a program; generate into an empty one.")
        }
        let today = clock.today
        let yearStart = Program.typicalYearStart(around: today)
        let program = try await ProgramCommands.createProgram(
            Program(name: "Generated Head Start (\(families) families)", grantee: "Generated Community Action Agency",
                    servesHeadStart: true, servesEarlyHeadStart: true,
                    options: [.centerBased, .homeBased, .familyChildCare], programYearStart: yearStart), on: db)
        let programID = try program.requireID()
        let (admin, _) = try await AccountCommands.createAdmin(
            email: "admin@generated.fpp.test", name: "Pat Admin", program: nil, for: program, password: Self.password,
            passwords: passwords, clock: clock, on: db)
        let adminContext = try await context(admin.requireID(), on: db)
        var directorInput = StaffInput()
        directorInput.name = "Dana Director"
        directorInput.email = "director@generated.fpp.test"
        directorInput.roles = [StaffRole.director.rawValue]
        directorInput.languages = "English, Spanish"
        directorInput.status = StaffStatus.active.rawValue
        directorInput.password = Self.password
        let director = try await AccountCommands.createStaff(directorInput, passwords: passwords, in: adminContext)
        let directorContext = try await context(director.requireID(), on: db)

        var staffing = Staffing()
        for index in 0..<max(2, families / 1_000) {
            let site = try await SetUpCommands.addSite(SiteInput(name: "Center \(index + 1)", address: "\(100 + index) Main Street"),
                                                       in: directorContext)
            staffing.sites.append(try site.requireID())
        }
        for (name, kind) in [("County Child Welfare", PartnerKind.childWelfare), ("Community Health Clinic", .health),
                             ("Housing Authority", .housing)] {
            var input = PartnerInput()
            input.name = name
            input.kind = kind.rawValue
            input.level = PartnershipLevel.coordination.rawValue
            let partner = try await PartnerCommands.add(input, in: directorContext)
            staffing.partners.append((try partner.requireID(), name))
        }
        staffing.instrument = try await InstrumentVersion.query(on: db).filter(\.$program.$id == programID).first().orThrow().requireID()
        for type in try await VisitType.query(on: db).filter(\.$program.$id == programID).all() {
            staffing.visitTypes[type.name] = try type.requireID()
        }

        var summary = Summary()
        let sql = db as! any SQLDatabase
        summary.staff = try await addStaff(&staffing, program: programID, passwordHash: passwords.hash(Self.password), on: sql)
        let batch = 500
        var start = 0
        while start < families {
            let end = min(start + batch, families)
            // The batch's rows are made first, then written in one transaction.
            var rows = FamilyRows()
            for index in start..<end { addFamily(index, staffing: staffing, program: programID, yearStart: yearStart, into: &rows) }
            let batchRows = rows
            summary.rows += try await db.transaction { db in try await batchRows.write(to: db as! any SQLDatabase) }
            start = end
            if end % 10_000 == 0 || end == families { log("\(end) families") }
        }
        try await Family.recountLastContacts(on: db)
        summary.families = families
        return summary
    }

    private func context(_ staffID: UUID, on db: any Database) async throws -> Context {
        let signedIn = try await StaffAuthenticator().load(staffID: staffID, on: db, viaAPIToken: false).orThrow()
        return Context(staff: signedIn, db: db, clock: clock, auditor: .system(signedIn, channel: "generate"))
    }

    /// Managers (one to five workers), family service workers, home visitors, teachers, specialists and a data
    /// viewer, signing in as `<role><n>@generated.fpp.test`.
    private mutating func addStaff(_ staffing: inout Staffing, program: UUID, passwordHash: String,
                                   on sql: any SQLDatabase) async throws -> Int {
        var rows = BulkRows<GeneratedRow.Staff>("staff")
        let now = clock.now
        func person(_ role: StaffRole, _ index: Int, site: UUID?, supervisor: UUID?, random: inout SeededGenerator) -> Person {
            let name = "\(Names.given[random.below(Names.given.count)]) \(Names.family[random.below(Names.family.count)])"
            let id = random.uuid()
            let languages = random.below(3) == 0 ? "English, Spanish" : "English"
            rows.append(.init(id: id, programId: program, siteId: site, supervisorId: supervisor, name: name,
                              email: "\(role.rawValue.replacingOccurrences(of: "_", with: "-"))\(index + 1)@generated.fpp.test",
                              passwordHash: passwordHash, roles: role.rawValue, languages: languages,
                              status: StaffStatus.active.rawValue, failedSignIns: 0, createdAt: now, updatedAt: now, version: 1))
            return Person(id: id, name: name)
        }
        let workerCount = (families + Self.caseload - 1) / Self.caseload
        let managers = (0..<max(1, (workerCount + 4) / 5)).map {
            person(.manager, $0, site: staffing.sites[$0 % staffing.sites.count], supervisor: nil, random: &random)
        }
        staffing.workers = (0..<workerCount).map {
            person(.familyServiceWorker, $0, site: staffing.sites[$0 % staffing.sites.count], supervisor: managers[$0 / 5].id, random: &random)
        }
        staffing.homeVisitors = (0..<max(1, families / 48)).map {
            person(.homeVisitor, $0, site: staffing.sites[$0 % staffing.sites.count], supervisor: managers[$0 % managers.count].id, random: &random)
        }
        staffing.teachers = (0..<max(1, (families + 16) / 17)).map {
            person(.teacher, $0, site: staffing.sites[$0 % staffing.sites.count], supervisor: managers[$0 % managers.count].id, random: &random)
        }
        for index in 0..<max(1, families / 2_000) { _ = person(.specialist, index, site: nil, supervisor: nil, random: &random) }
        _ = person(.dataViewer, 0, site: nil, supervisor: nil, random: &random)
        return try await rows.write(to: sql)
    }

    // MARK: - Families

    private mutating func addFamily(_ index: Int, staffing: Staffing, program: UUID, yearStart: CalendarDate,
                                    into out: inout FamilyRows) {
        let today = clock.today
        let worker = staffing.workers[index / Self.caseload]
        let classroom = index / 17
        let teacher = staffing.teachers[classroom % staffing.teachers.count]
        let homeVisitor = staffing.homeVisitors[index % staffing.homeVisitors.count]
        let site = staffing.sites[classroom % staffing.sites.count]
        let familyID = random.uuid()
        let surname = Names.family[random.below(Names.family.count)]
        let language = Names.languages[random.below(Names.languages.count)]
        let option: ProgramOption = [.centerBased, .centerBased, .centerBased, .homeBased, .familyChildCare][random.below(5)]
        // Enrolled in this program year or one of the two before it; most are still enrolled.
        let appliedOn = yearStart.adding(years: -random.below(3)).adding(days: -random.below(60))
        let enrolledOn = appliedOn.adding(days: 7 + random.below(20))
        let roll = random.below(100)
        let status: EnrollmentStatus = roll < 5 ? .applied : roll < 15 ? .exited : .enrolled
        let exitedOn = status == .exited ? min(today.adding(days: -1), enrolledOn.adding(days: 60 + random.below(300))) : nil
        let created = clock.moment(appliedOn) ?? clock.now
        out.families.append(.init(
            id: familyID, programId: program, siteId: site, pointOfContactId: worker.id, householdName: "\(surname) family",
            addressLine: "\(1 + random.below(9_000)) \(Names.streets[random.below(Names.streets.count)])", city: "Riverside",
            state: "CA", postalCode: "925\(10 + random.below(90))", phone: "951555\(String(format: "%04d", random.below(10_000)))",
            preferredLanguage: language, preferredChannel: ContactChannel.allCases[random.below(ContactChannel.allCases.count)].rawValue,
            enrollmentStatus: status.rawValue, appliedOn: appliedOn.description,
            enrolledOn: status == .applied ? nil : enrolledOn.description, exitedOn: exitedOn?.description,
            exitReason: exitedOn == nil ? nil : ExitReason.movedAway.rawValue, programOption: option.rawValue,
            createdAt: created, updatedAt: created, version: status == .applied ? 1 : 2))
        out.team.append(.init(id: random.uuid(), familyId: familyID, staffId: worker.id, role: TeamRole.familyServiceWorker.rawValue, createdAt: created))
        switch option {
        case .homeBased:
            out.team.append(.init(id: random.uuid(), familyId: familyID, staffId: homeVisitor.id, role: TeamRole.homeVisitor.rawValue, createdAt: created))
        case .centerBased, .familyChildCare, .combination:
            out.team.append(.init(id: random.uuid(), familyId: familyID, staffId: teacher.id, role: TeamRole.teacher.rawValue, createdAt: created))
        }

        // The household: one or two adults and one or two children under five.
        var adults: [UUID] = [], children: [UUID] = []
        for adult in 0..<(1 + random.below(2)) {
            let id = random.uuid()
            adults.append(id)
            out.members.append(.init(
                id: id, familyId: familyID, kind: MemberKind.adult.rawValue,
                name: "\(Names.given[random.below(Names.given.count)]) \(surname)", relationship: adult == 0 ? "mother" : "father",
                primaryLanguage: language, isFatherFigure: adult == 1, phone: nil, dateOfBirth: nil, programType: nil,
                classroom: nil, homeVisitorId: nil, hasIfspOrIep: false, inFosterCare: false, createdAt: created, updatedAt: created, version: 1))
        }
        for _ in 0..<(1 + random.below(2)) {
            let id = random.uuid()
            children.append(id)
            let born = today.adding(days: -(200 + random.below(1_600)))
            let earlyHeadStart = born > today.adding(years: -3)
            out.members.append(.init(
                id: id, familyId: familyID, kind: MemberKind.child.rawValue,
                name: "\(Names.given[random.below(Names.given.count)]) \(surname)", relationship: nil, primaryLanguage: nil,
                isFatherFigure: false, phone: nil, dateOfBirth: born.description,
                programType: (earlyHeadStart ? ProgramType.earlyHeadStart : .headStart).rawValue,
                classroom: option == .homeBased ? nil : "Room \(classroom % 12 + 1)",
                homeVisitorId: option == .homeBased ? homeVisitor.id : nil, hasIfspOrIep: random.below(10) == 0,
                inFosterCare: random.below(50) == 0, createdAt: created, updatedAt: created, version: 1))
        }
        guard status != .applied else { return }
        let lastDay = exitedOn ?? today
        addPartnership(familyID, worker: worker, adults: adults, children: children, enrolledOn: enrolledOn, lastDay: lastDay,
                       yearStart: yearStart, staffing: staffing, into: &out)
        addVisitsAndContacts(familyID, worker: worker, option: option, language: language, enrolledOn: enrolledOn,
                             lastDay: lastDay, enrolled: status == .enrolled, staffing: staffing, into: &out)
        addSharingAndAudit(familyID, worker: worker, program: program, adult: adults[0], surname: surname, enrolledOn: enrolledOn,
                           lastDay: lastDay, staffing: staffing, into: &out)
    }

    /// Assessments each program year, needs, agreements with goals in every state, steps, notes, referrals
    /// followed step by step and the services they led to.
    private mutating func addPartnership(_ familyID: UUID, worker: Person, adults: [UUID], children: [UUID],
                                         enrolledOn: CalendarDate, lastDay: CalendarDate, yearStart: CalendarDate,
                                         staffing: Staffing, into out: inout FamilyRows) {
        var yearBegins = enrolledOn
        var needs: [(UUID, ServiceCategory)] = []
        while yearBegins <= lastDay {
            let takenOn = yearBegins.adding(days: 10)
            guard takenOn <= lastDay else { break }
            let stamp = clock.moment(takenOn) ?? clock.now
            let assessment = random.uuid()
            let answers = Names.instrumentItems.map { "\"\($0)\":\(1 + random.below(5))" }.joined(separator: ",")
            out.assessments.append(.init(
                id: assessment, familyId: familyID, instrumentVersionId: staffing.instrument, period: "intake",
                takenOn: takenOn.description, mode: MeetingMode.allCases[random.below(MeetingMode.allCases.count)].rawValue,
                participants: "The family and \(worker.name)", answers: "{\(answers)}",
                outcomesChosen: [Outcome.familyWellBeing, .learners].map(\.rawValue).joined(separator: ","),
                familyStrengths: "We help each other.", strengthTags: "", recordedById: worker.id, createdAt: stamp, updatedAt: stamp))
            for _ in 0..<random.below(3) {
                let category = Names.needs[random.below(Names.needs.count)]
                let need = random.uuid()
                let met = random.below(3) == 0 ? min(lastDay, takenOn.adding(days: 30 + random.below(90))) : nil
                out.needs.append(.init(
                    id: need, familyId: familyID, assessmentId: assessment, category: category.rawValue,
                    urgency: Urgency.allCases[random.below(3)].rawValue, intensity: Intensity.allCases[random.below(3)].rawValue,
                    description: "Asked for help with \(category.label.lowercased())", identifiedOn: takenOn.description,
                    metOn: met?.description, createdAt: stamp, updatedAt: stamp, version: met == nil ? 1 : 2))
                needs.append((need, category))
            }
            // The agreement, started within the program's 30 days.
            let startedOn = takenOn.adding(days: 5 + random.below(15))
            if startedOn <= lastDay {
                addAgreement(familyID, worker: worker, adults: adults, children: children, startedOn: startedOn, lastDay: lastDay,
                             yearStart: yearStart, into: &out)
            }
            yearBegins = yearBegins.adding(years: 1)
        }
        for (need, category) in needs where random.below(10) < 7 {
            addReferral(familyID, need: need, category: category, worker: worker, from: enrolledOn, lastDay: lastDay, into: &out)
        }
    }

    private mutating func addAgreement(_ familyID: UUID, worker: Person, adults: [UUID], children: [UUID],
                                       startedOn: CalendarDate, lastDay: CalendarDate, yearStart: CalendarDate,
                                       into out: inout FamilyRows) {
        let agreement = random.uuid()
        let stamp = clock.moment(startedOn) ?? clock.now
        let year = ProgramYear(containing: startedOn, yearStartsLike: yearStart)
        guard !out.agreementYears.contains("\(familyID)\(year.startYear)") else { return }
        out.agreementYears.insert("\(familyID)\(year.startYear)")
        out.agreements.append(.init(id: agreement, familyId: familyID, programYear: String(year.startYear),
                                    startedOn: startedOn.description, nextReviewOn: startedOn.adding(days: 90).description,
                                    createdById: worker.id, createdAt: stamp, updatedAt: stamp, version: 1))
        let replacement = random.uuid()
        for number in 0..<2 {
            let roll = random.below(10)
            // The second goal may replace the first (revised); otherwise goals are in every state.
            let state: GoalState = number == 1 ? .active : roll < 5 ? .active : roll < 7 ? .achieved : roll < 8 ? .discontinued : .revised
            let goal = number == 1 ? replacement : random.uuid()
            let text = Names.goals[random.below(Names.goals.count)]
            let forChild = text.child && !children.isEmpty
            out.goals.append(.init(
                id: goal, agreementId: agreement, familyId: familyID, kind: forChild ? "child" : "family",
                childId: forChild ? children[0] : nil, outcomes: text.outcome.rawValue, goal: text.goal,
                familyWords: "This matters to us.", targetOn: startedOn.adding(months: 6 + random.below(4)).description,
                strategies: "Small weekly steps with \(worker.name).", state: state.rawValue,
                replacedById: state == .revised ? replacement : nil,
                discontinuedReason: state == .discontinued ? "The family chose another goal." : nil,
                version: state == .active ? 1 : 2, createdAt: stamp, updatedAt: stamp))
            for step in 0..<(2 + random.below(2)) {
                let due = startedOn.adding(days: 14 * (step + 1) + random.below(14))
                let done = due <= lastDay && random.below(3) > 0 ? due.adding(days: -random.below(5)) : nil
                out.steps.append(.init(
                    id: random.uuid(), goalId: goal, familyId: familyID, what: Names.steps[random.below(Names.steps.count)],
                    memberId: step == 0 ? adults[0] : nil, staffId: step == 0 ? nil : worker.id, dueOn: due.description,
                    doneOn: done.map { max($0, startedOn).description }, createdAt: stamp, updatedAt: stamp, version: done == nil ? 1 : 2))
            }
            for note in 0..<random.below(3) {
                let on = min(lastDay, startedOn.adding(days: 20 * (note + 1) + random.below(20)))
                out.notes.append(.init(id: random.uuid(), goalId: goal, familyId: familyID, notedOn: on.description,
                                       authorId: worker.id, authorName: worker.name, text: "Talked about how it is going.",
                                       isSuccess: random.below(4) == 0, createdAt: clock.moment(on) ?? stamp))
            }
        }
    }

    private mutating func addReferral(_ familyID: UUID, need: UUID, category: ServiceCategory, worker: Person,
                                      from: CalendarDate, lastDay: CalendarDate, into out: inout FamilyRows) {
        let requested = min(lastDay, from.adding(days: 15 + random.below(200)))
        let path: [ReferralStatus] = [.referred, .connected, .receiving, .completed]
        let reached = random.below(path.count)
        let referral = random.uuid()
        var day = requested
        for status in path[0...reached] {
            out.referralEvents.append(.init(id: random.uuid(), referralId: referral, familyId: familyID, status: status.rawValue,
                                            happenedOn: day.description, recordedByName: worker.name,
                                            createdAt: clock.moment(day) ?? clock.now))
            if status == .receiving {
                out.services.append(.init(id: random.uuid(), familyId: familyID, category: category.rawValue,
                                          providedOn: day.description, deliveredBy: "Community partner", referralId: referral,
                                          recordedByName: worker.name, createdAt: clock.moment(day) ?? clock.now))
            }
            if status != path[reached] { day = min(lastDay, day.adding(days: 3 + random.below(20))) }
        }
        let stamp = clock.moment(requested) ?? clock.now
        out.referrals.append(.init(id: referral, familyId: familyID, needId: need, category: category.rawValue, familyAsked: true,
                                   status: path[reached].rawValue, statusOn: day.description, requestedOn: requested.description,
                                   followUpOn: day.adding(days: 30).description, createdById: worker.id, createdAt: stamp,
                                   updatedAt: stamp, version: reached + 1))
    }

    /// Visits about once a month (most done, some cancelled or missed, the next one scheduled) and twenty
    /// contacts spread over the family's time in the program.
    private mutating func addVisitsAndContacts(_ familyID: UUID, worker: Person, option: ProgramOption, language: String,
                                               enrolledOn: CalendarDate, lastDay: CalendarDate, enrolled: Bool,
                                               staffing: Staffing, into out: inout FamilyRows) {
        let today = clock.today
        let type = staffing.visitTypes[option == .homeBased ? "Home-based program visit" : "Home visit"]!
        let minutes = option == .homeBased ? 90 : 45
        var day = max(enrolledOn.adding(days: 14), lastDay.adding(days: -150))
        var visits: [(CalendarDate, VisitStatus)] = []
        while day <= lastDay {
            let roll = random.below(10)
            visits.append((day, roll == 0 ? .cancelledByFamily : roll == 1 ? .missed : .completed))
            day = day.adding(days: 25 + random.below(10))
        }
        if enrolled { visits.append((today.adding(days: 1 + random.below(25)), .scheduled)) }
        for (on, status) in visits {
            let visit = random.uuid()
            let stamp = clock.moment(min(on, today)) ?? clock.now
            out.visits.append(.init(id: visit, familyId: familyID, visitTypeId: type, status: status.rawValue, scheduledOn: on.description,
                                    startsAt: TimeOfDay(minutes: (9 + random.below(8)) * 60 + 30 * random.below(2))!.description, plannedMinutes: minutes,
                                    place: VisitPlace.home.rawValue, familyAgreed: true, agreementWay: ContactMedium.phone.rawValue,
                                    actualMinutes: status == .completed ? minutes : nil, createdById: worker.id, createdAt: stamp,
                                    updatedAt: stamp, version: status == .scheduled ? 1 : 2))
            out.visitStaff.append(.init(id: random.uuid(), visitId: visit, staffId: worker.id, attended: status == .completed))
        }
        let span = max(1, enrolledOn.days(until: lastDay))
        for _ in 0..<20 {
            let on = enrolledOn.adding(days: random.below(span + 1))
            out.contacts.append(.init(
                id: random.uuid(), familyId: familyID, staffId: worker.id, contactedOn: on.description,
                startsAt: TimeOfDay(minutes: (8 + random.below(9)) * 60 + 15 * random.below(4))!.description,
                medium: [ContactMedium.phone, .text, .email, .video, .inPerson][random.below(5)].rawValue,
                startedBy: random.below(3) == 0 ? "family" : "staff", language: language, interpreter: false,
                minutes: 5 + random.below(25), summary: Names.contacts[random.below(Names.contacts.count)],
                createdAt: clock.moment(on) ?? clock.now))
        }
    }

    /// A consent for one family in ten (and a disclosure under it for half of those), and the audit log of the
    /// family's records being opened and changed: fifty entries each.
    private mutating func addSharingAndAudit(_ familyID: UUID, worker: Person, program: UUID, adult: UUID, surname: String,
                                             enrolledOn: CalendarDate, lastDay: CalendarDate, staffing: Staffing,
                                             into out: inout FamilyRows) {
        if random.below(10) == 0 {
            let partner = staffing.partners[random.below(staffing.partners.count)]
            let consent = random.uuid()
            let starts = min(lastDay, enrolledOn.adding(days: 30))
            let stamp = clock.moment(starts) ?? clock.now
            let categories = [RecordCategory.enrollment, .services].map(\.rawValue).joined(separator: ",")
            out.consents.append(.init(id: consent, familyId: familyID, partnerAgencyId: partner.id, givenBy: "Parent \(surname)",
                                      categories: categories, purpose: "Coordinate services", startsOn: starts.description,
                                      endsOn: starts.adding(years: 1).description, method: ConsentMethod.signedForm.rawValue,
                                      recordedByName: worker.name, createdAt: stamp, updatedAt: stamp, version: 1))
            if random.below(2) == 0 {
                out.disclosures.append(.init(id: random.uuid(), familyId: familyID, partnerAgencyId: partner.id, recipient: partner.name,
                                             categories: RecordCategory.enrollment.rawValue, consentId: consent, channel: "print",
                                             disclosedAt: stamp.addingTimeInterval(3_600), disclosedByName: worker.name))
            }
        }
        let start = clock.moment(enrolledOn) ?? clock.now
        let seconds = max(3_600, (clock.moment(lastDay) ?? clock.now).timeIntervalSince(start))
        for _ in 0..<50 {
            let roll = random.below(10)
            out.audit.append(.init(id: random.uuid(), occurredAt: start.addingTimeInterval(Double(random.below(Int(seconds)))),
                                   staffId: worker.id, staffName: worker.name, programId: program, familyId: familyID,
                                   action: roll < 8 ? "view" : "update", recordType: roll < 6 ? "family" : "goal",
                                   recordId: roll < 6 ? familyID : nil, detail: "", clientAddress: "10.0.0.\(1 + random.below(200))",
                                   channel: "page"))
        }
    }
}
