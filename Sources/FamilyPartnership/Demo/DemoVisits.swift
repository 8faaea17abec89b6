import Fluent
import Foundation
import PartnershipRules

/// Visits and contacts in the demo: staff trainings (one lapsed), the Alvarez family's weekly video check-ins,
/// its outdoor visit and a completed screening visit, HVP-style initial visits for the kindergarten-bound
/// Sunflowers classroom chosen by the fair draw, and a spread of contacts in which some families have gone
/// quiet for too long. Each is scheduled, recorded, cancelled or logged by the staff member who would.
enum DemoVisits {
    /// Ms. Jackie's class, whose children start kindergarten next fall: the roster the demo's draw is made from.
    static let kindergartenRoster = "Sunflowers pre-K (kindergarten next fall)"

    static func load(team: DemoTeam, yearStart: CalendarDate, today: CalendarDate) async throws {
        let db = team.ctx("director").db, programID = team.ctx("director").programID
        let types = Dictionary(uniqueKeysWithValues: try await VisitTypes.all(program: programID, on: db).map { ($0.name, $0.id!) })
        let courses = Dictionary(uniqueKeysWithValues: try await VisitTypes.courses(program: programID, on: db).map { ($0.name, $0.id!) })
        func training(_ name: String, _ course: String, completed: CalendarDate, expires: CalendarDate) async throws {
            let input = TrainingInput(staffID: team.id(name).uuidString, courseID: courses[course]!.uuidString,
                                      completedOn: completed.description, expiresOn: expires.description)
            _ = try await VisitCommands.recordTraining(input, in: team.ctx("manager"))
        }
        for name in ["monica", "keisha", "jackie", "omar", "sabina", "rosa", "manager"] {
            try await training(name, VisitTypeRules.hvpCourse, completed: yearStart.adding(days: -20), expires: yearStart.adding(years: 2))
            try await training(name, "Mandated reporter training", completed: yearStart.adding(days: -30),
                               expires: yearStart.adding(years: 1).adding(days: -31))
        }
        // Hoa's HVP training lapsed: the app will not put her on an HVP visit.
        try await training("hoa", VisitTypeRules.hvpCourse, completed: yearStart.adding(years: -3), expires: yearStart.adding(days: -1))

        try await alvarez(types: types, team: team, today: today)
        try await sunflowersDraw(types: types, team: team, yearStart: yearStart, today: today)
        try await homeBased(types: types, team: team, yearStart: yearStart, today: today)
        try await contacts(team: team, yearStart: yearStart, today: today)
    }

    private static func alvarez(types: [String: UUID], team: DemoTeam, today: CalendarDate) async throws {
        let db = team.ctx("monica").db
        let family = try await Family.query(on: db).filter(\.$householdName == "Alvarez family").first()!
        let id = try family.requireID()
        let children = try await FamilyMember.query(on: db).filter(\.$family.$id == id).filter(\.$kind == .child).all()
        let angel = children.first { $0.name.hasPrefix("Angel") }!.id!, amaya = children.first { $0.name.hasPrefix("Amaya") }!.id!
        // Weekly 15-minute video check-ins on Tuesdays, eight weeks back and six ahead, as one series.
        var tuesday = today
        while tuesday.weekday != 2 { tuesday = tuesday.adding(days: -1) }
        let monica = team.ctx("monica")
        var series = visit(types["Virtual check-in"]!, day: tuesday.adding(days: -56), at: "09:30", minutes: 15, place: .video,
                           staff: [team.id("monica")], agreed: .phone)
        series.repeatEveryDays = "7"
        series.repeatUntil = tuesday.adding(days: 42).description
        let checkIns = try await VisitCommands.schedule(series, family: id, in: monica)
        for (week, checkIn) in zip(-8...6, checkIns) where CalendarDate(checkIn.scheduledOn)! < today {
            if week == -5 {
                let cancel = VisitStatusInput(status: VisitStatus.cancelledByFamily.rawValue, note: "Mrs. Alvarez had a doctor's appointment")
                try await VisitCommands.changeStatus(checkIn.requireID(), family: id, cancel, basedOn: .unknown, in: monica)
                continue
            }
            var record = VisitRecordInput(minutes: 15, participants: "Mrs. Alvarez")
            record.nextSteps = week == -1 ? "Bring the Lifeline application to the outdoor visit" : nil
            record.concerns = week == -2 ? "Angel is not sleeping well since the move" : nil
            _ = try await VisitCommands.record(checkIn.requireID(), family: id, record, basedOn: .unknown, in: monica)
        }
        // The screening visit for Amaya, at home with the home visitor.
        var screening = visit(types["Home visit"]!, day: today.adding(days: -26), at: "10:00", minutes: 60, place: .home,
                              staff: [team.id("sabina")], agreed: .phone)
        screening.placeNote = "At Mr. Alvarez's sister's home"
        var screeningRecord = VisitRecordInput(minutes: 60, participants: "Mr. and Mrs. Alvarez, Amaya")
        screeningRecord.concerns = "Amaya's ASQ-3 screening: all areas on track; the family wants to keep reading in Spanish at home."
        screeningRecord.nextSteps = "Share the screening results at the next check-in"
        screeningRecord.covers(amaya, hopes: "To grow up speaking both Spanish and English", interests: "Loves the songs her brother sings")
        try await scheduleAndRecord(screening, screeningRecord, family: id, by: team.ctx("sabina"))
        // The outdoor visit at the park, with the teacher and the family service worker.
        var outdoor = visit(types["Outdoor visit"]!, day: today.adding(days: -17), at: "16:30", minutes: 50, place: .outdoors,
                            staff: [team.id("jackie"), team.id("monica")], agreed: .text)
        outdoor.placeNote = "Fairmount Park playground, as the family asked"
        var outdoorRecord = VisitRecordInput(minutes: 50, participants: "Mr. and Mrs. Alvarez, Angel and Amaya")
        outdoorRecord.familyRequests = "A quiet place for Mrs. Alvarez to attend her telehealth appointments"
        outdoorRecord.nextSteps = "Monica to ask the library about a study room; Jackie to send home the sleep routine chart"
        outdoorRecord.covers(angel, hopes: "To make friends and to know his letters and colors by kindergarten",
                             interests: "Dinosaurs, drawing, and helping with his baby sister")
        outdoorRecord.covers(amaya, hopes: "To be healthy and happy", interests: "Watching her brother; bath time")
        try await scheduleAndRecord(outdoor, outdoorRecord, family: id, by: team.ctx("jackie"))
    }

    /// The fair draw for the kindergarten-bound classroom's HVP initial visits, and the visits that followed.
    private static func sunflowersDraw(types: [String: UUID], team: DemoTeam, yearStart: CalendarDate, today: CalendarDate) async throws {
        let manager = team.ctx("manager")
        let roster = try await DrawRoster.candidates("classroom:" + kindergartenRoster, program: manager.programID, yearStart: yearStart,
                                                     on: manager.db)!
        // Two families said no to home visits before the draw.
        for family in roster.families.filter({ $0.householdName != "Alvarez family" }).sorted(by: { $0.householdName < $1.householdName }).prefix(2) {
            _ = try await FamilyCommands.setDeclinedHomeVisits(family.requireID(), HomeVisitsDeclinedInput(declined: true, how: ContactMedium.phone.rawValue,
                                                                                                           words: "We'd rather meet at the center."),
                                                               basedOn: .unknown,
                                                               in: team.ctx("manager", on: min(today, yearStart.adding(days: 20))))
        }
        let draw = try await VisitCommands.draw(DrawInput(roster: "classroom:" + kindergartenRoster, places: "8"), seed: 0x2026_0915_5EED_0001,
                                                in: manager)
        for (index, family) in draw.chosen.enumerated() {
            let day = index < 5 ? today.adding(days: -40 + index * 6) : today.adding(days: 2 + index)
            let minutes = index < 4 ? 45 : 40
            let plan = visit(types["HVP initial visit"]!, day: day, at: "16:00", minutes: minutes, place: .home,
                             staff: [team.id("jackie"), team.id("monica")], agreed: index % 2 == 0 ? .phone : .text)
            let jackie = team.ctx("jackie")
            let scheduled = try await VisitCommands.schedule(plan, family: family, in: jackie)[0]
            if index < 4 {
                var record = VisitRecordInput(minutes: minutes, participants: "Both parents and the children")
                record.nextSteps = "Send a note home after the first month"
                _ = try await VisitCommands.record(scheduled.requireID(), family: family, record, basedOn: .unknown, in: jackie)
            } else if index == 4 {
                let cancel = VisitStatusInput(status: VisitStatus.cancelledByFamily.rawValue, note: "The family asked to meet after the holidays")
                try await VisitCommands.changeStatus(scheduled.requireID(), family: family, cancel, basedOn: .unknown, in: jackie)
            }
        }
    }

    /// Weekly home-based visits by each home-based family's home visitor since enrollment; a few missed, and
    /// one family's visits stopped a month ago, so it falls behind.
    private static func homeBased(types: [String: UUID], team: DemoTeam, yearStart: CalendarDate, today: CalendarDate) async throws {
        let db = team.ctx("director").db
        let families = try await Family.query(on: db).filter(\.$program.$id == team.ctx("director").programID)
            .filter(\.$enrollmentStatus == .enrolled).filter(\.$programOption == .homeBased).sort(\.$householdName).all()
        // Each home visitor's families get their own weekday and time, so no two of their visits clash.
        var visitorsFamilies: [UUID: Int] = [:]
        for (index, family) in families.enumerated() {
            guard let visitor = try await TeamMember.query(on: db).filter(\.$family.$id == family.requireID()).filter(\.$role == .homeVisitor).first(),
                  let ctx = team.contexts.values.first(where: { $0.staff.staffID == visitor.$staff.id })
            else { continue }
            let slot = visitorsFamilies[visitor.$staff.id, default: 0]
            visitorsFamilies[visitor.$staff.id] = slot + 1
            let start = max(yearStart, CalendarDate(family.enrolledOn ?? "") ?? yearStart).adding(days: 3)
            var day = start.adding(days: (1 + slot % 5 - start.weekday + 7) % 7)  // Monday to Friday
            let time = ["10:00", "15:30", "08:15", "13:00"][(slot / 5) % 4]
            let stop = index == 1 ? today.adding(days: -30) : today.adding(days: 14)
            var week = 0
            while day <= stop {
                let plan = visit(types["Home-based program visit"]!, day: day, at: time, minutes: 90,
                                 place: week % 6 == 5 ? .outdoors : .home, staff: [visitor.$staff.id], agreed: nil)
                let scheduled = try await VisitCommands.schedule(plan, family: family.requireID(), in: ctx)[0]
                if day < today {
                    if week % 9 == 4 {
                        let missed = VisitStatusInput(status: VisitStatus.missed.rawValue, note: "No one was home")
                        try await VisitCommands.changeStatus(scheduled.requireID(), family: family.requireID(), missed, basedOn: .unknown, in: ctx)
                    } else {
                        var record = VisitRecordInput(minutes: 90, participants: "Parent and children")
                        record.nextSteps = "Practice the week's activity together"
                        _ = try await VisitCommands.record(scheduled.requireID(), family: family.requireID(), record, basedOn: .unknown, in: ctx)
                    }
                }
                day = day.adding(days: 7)
                week += 1
            }
        }
    }

    /// A few months of calls, texts and notes home. For each family service worker, some families have heard
    /// nothing for seven weeks (past the six-week gap) and some are close to it.
    private static func contacts(team: DemoTeam, yearStart: CalendarDate, today: CalendarDate) async throws {
        var random = SeededRandom(seed: 515)
        let db = team.ctx("director").db
        let families = try await Family.query(on: db).filter(\.$program.$id == team.ctx("director").programID)
            .filter(\.$enrollmentStatus == .enrolled).sort(\.$householdName).all().filter { $0.householdName != "Alvarez family" }
        let summaries = ["Checked in about the week", "Reminded the family about the parent meeting", "Family asked about the field trip",
                         "Shared a reading tip for bedtime", "Family sent a photo of the garden project", "Followed up on the clinic appointment"]
        let earliest = max(yearStart, today.adding(days: -110))
        var caseloadIndex: [UUID?: Int] = [:]
        for family in families {
            guard let ctx = team.contexts.values.first(where: { $0.staff.staffID == family.$pointOfContact.id }) else { continue }
            let index = caseloadIndex[family.$pointOfContact.id, default: 0]
            caseloadIndex[family.$pointOfContact.id] = index + 1
            let latest = index % 6 == 1 ? today.adding(days: -49) : index % 6 == 3 ? today.adding(days: -38) : today.adding(days: -random.next(20))
            for n in 0..<(1 + random.next(4)) {
                var contact = ContactInput()
                contact.date = min(today, max(earliest, latest.adding(days: -n * (12 + random.next(10))))).description
                contact.startsAt = ["09:15", "12:40", "15:30", "17:45", "19:10"][random.next(5)]
                contact.medium = [ContactMedium.phone, .text, .text, .email, .noteHome, .inPerson][random.next(6)].rawValue
                contact.startedBy = (random.next(3) == 0 ? ContactStarter.family : .staff).rawValue
                contact.language = family.preferredLanguage
                contact.interpreter = !family.preferredLanguage.hasPrefix("English") && random.next(2) == 0
                contact.minutes = String(3 + random.next(20))
                contact.summary = summaries[random.next(summaries.count)]
                _ = try await VisitCommands.logContact(contact, family: family.requireID(), in: ctx)
            }
        }
    }

    // MARK: Builders

    private static func visit(_ type: UUID, day: CalendarDate, at time: String, minutes: Int, place: VisitPlace, staff: [UUID],
                              agreed: ContactMedium?) -> VisitInput {
        var input = VisitInput()
        input.typeID = type.uuidString
        input.date = day.description
        input.startsAt = time
        input.plannedMinutes = String(minutes)
        input.place = place.rawValue
        input.staff = staff.map(\.uuidString)
        input.familyAgreed = agreed != nil
        input.agreementWay = agreed?.rawValue
        return input
    }

    private static func scheduleAndRecord(_ plan: VisitInput, _ record: VisitRecordInput, family: UUID, by ctx: Context) async throws {
        let visit = try await VisitCommands.schedule(plan, family: family, in: ctx)[0]
        _ = try await VisitCommands.record(visit.requireID(), family: family, record, basedOn: .unknown, in: ctx)
    }
}

private extension VisitRecordInput {
    init(minutes: Int, participants: String) {
        self.init()
        actualMinutes = String(minutes)
        familyParticipants = participants
    }

    /// What the family shared about one child at the visit.
    mutating func covers(_ child: UUID, hopes: String, interests: String) {
        let key = child.uuidString.lowercased()
        children = (children ?? []) + [key]
        hopesAndDreams = (hopesAndDreams ?? [:]).merging([key: hopes]) { $1 }
        interestsAndStrengths = (interestsAndStrengths ?? [:]).merging([key: interests]) { $1 }
    }
}
