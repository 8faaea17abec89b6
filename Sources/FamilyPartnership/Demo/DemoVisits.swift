import Fluent
import Foundation
import PartnershipRules

/// Visits and contacts in the demo: staff trainings (one lapsed), the Alvarez family's weekly video check-ins,
/// its outdoor visit and a completed screening visit, HVP-style initial visits for the kindergarten-bound
/// Sunflowers classroom chosen by the fair draw, and a spread of contacts in which some families have gone
/// quiet for too long.
enum DemoVisits {
    /// Ms. Jackie's class, whose children start kindergarten next fall: the roster the demo's draw is made from.
    static let kindergartenRoster = "Sunflowers pre-K (kindergarten next fall)"

    static func load(programID: UUID, team: DemoTeam, yearStart: CalendarDate, today: CalendarDate, on db: any Database) async throws {
        let types = Dictionary(uniqueKeysWithValues: try await VisitTypes.all(program: programID, on: db).map { ($0.name, $0) })
        let courses = Dictionary(uniqueKeysWithValues: try await VisitTypes.courses(program: programID, on: db).map { ($0.name, $0.id!) })
        for name in ["monica", "keisha", "jackie", "omar", "sabina", "rosa", "manager"] {
            try await training(team.id(name), course: courses[VisitTypeRules.hvpCourse]!, completed: yearStart.adding(days: -20),
                               expires: yearStart.adding(years: 2), on: db)
            try await training(team.id(name), course: courses["Mandated reporter training"]!, completed: yearStart.adding(days: -30),
                               expires: yearStart.adding(years: 1).adding(days: -31), on: db)
        }
        // Hoa's HVP training lapsed: the app will not put her on an HVP visit.
        try await training(team.id("hoa"), course: courses[VisitTypeRules.hvpCourse]!, completed: yearStart.adding(years: -3),
                           expires: yearStart.adding(days: -1), on: db)

        try await alvarez(types: types, team: team, today: today, on: db)
        try await sunflowersDraw(programID: programID, types: types, team: team, yearStart: yearStart, today: today, on: db)
        try await homeBased(programID: programID, types: types, yearStart: yearStart, today: today, on: db)
        try await contacts(programID: programID, team: team, yearStart: yearStart, today: today, on: db)
    }

    private static func alvarez(types: [String: VisitType], team: DemoTeam, today: CalendarDate, on db: any Database) async throws {
        let family = try await Family.query(on: db).filter(\.$householdName == "Alvarez family").first()!
        let children = try await FamilyMember.query(on: db).filter(\.$family.$id == family.requireID()).filter(\.$kind == .child).all()
        let angel = children.first { $0.name.hasPrefix("Angel") }!, amaya = children.first { $0.name.hasPrefix("Amaya") }!
        // Weekly 15-minute video check-ins on Tuesdays, eight weeks back and six ahead, as one series.
        var tuesday = today
        while tuesday.weekday != 2 { tuesday = tuesday.adding(days: -1) }
        let series = UUID()
        for week in -8...6 {
            let day = tuesday.adding(days: 7 * week)
            let done = day < today
            let visit = try await make(family.id!, types["Virtual check-in"]!, day: day, at: "09:30", minutes: 15, place: .video,
                                       staff: [team.id("monica")], status: done ? (week == -5 ? .cancelledByFamily : .completed) : .scheduled,
                                       by: team.id("monica"), on: db) { visit in
                visit.seriesID = series
                visit.familyAgreed = true
                visit.agreementWay = .phone
                if week == -5 { visit.statusNote = "Mrs. Alvarez had a doctor's appointment" }
                if done && week != -5 {
                    visit.familyParticipants = "Mrs. Alvarez"
                    visit.nextSteps = week == -1 ? "Bring the Lifeline application to the outdoor visit" : nil
                }
            }
            if done && week == -2 { visit.concerns = "Angel is not sleeping well since the move"; try await visit.save(on: db) }
        }
        // The screening visit for Amaya, at home with the home visitor.
        let screening = try await make(family.id!, types["Home visit"]!, day: today.adding(days: -26), at: "10:00", minutes: 60, place: .home,
                                       staff: [team.id("sabina")], status: .completed, by: team.id("sabina"), on: db) { visit in
            visit.familyAgreed = true
            visit.agreementWay = .phone
            visit.placeNote = "At Mr. Alvarez's sister's home"
            visit.familyParticipants = "Mr. and Mrs. Alvarez, Amaya"
            visit.concerns = "Amaya's ASQ-3 screening: all areas on track; the family wants to keep reading in Spanish at home."
            visit.nextSteps = "Share the screening results at the next check-in"
        }
        try await note(screening, amaya, hopes: "To grow up speaking both Spanish and English", interests: "Loves the songs her brother sings", on: db)
        // The outdoor visit at the park, with the teacher and the family service worker.
        let outdoor = try await make(family.id!, types["Outdoor visit"]!, day: today.adding(days: -17), at: "16:30", minutes: 50, place: .outdoors,
                                     staff: [team.id("jackie"), team.id("monica")], status: .completed, by: team.id("jackie"), on: db) { visit in
            visit.familyAgreed = true
            visit.agreementWay = .text
            visit.placeNote = "Fairmount Park playground, as the family asked"
            visit.familyParticipants = "Mr. and Mrs. Alvarez, Angel and Amaya"
            visit.familyRequests = "A quiet place for Mrs. Alvarez to attend her telehealth appointments"
            visit.nextSteps = "Monica to ask the library about a study room; Jackie to send home the sleep routine chart"
        }
        try await note(outdoor, angel, hopes: "To make friends and to know his letters and colors by kindergarten",
                       interests: "Dinosaurs, drawing, and helping with his baby sister", on: db)
        try await note(outdoor, amaya, hopes: "To be healthy and happy", interests: "Watching her brother; bath time", on: db)
    }

    /// The fair draw for the kindergarten-bound classroom's HVP initial visits, and the visits that followed.
    private static func sunflowersDraw(programID: UUID, types: [String: VisitType], team: DemoTeam, yearStart: CalendarDate,
                                       today: CalendarDate, on db: any Database) async throws {
        let roster = try await DrawRoster.candidates("classroom:" + kindergartenRoster, program: programID, yearStart: yearStart, on: db)!
        // Two families said no to home visits before the draw.
        for family in roster.families.filter({ $0.householdName != "Alvarez family" }).sorted(by: { $0.householdName < $1.householdName }).prefix(2) {
            family.declinedHomeVisitsOn = yearStart.adding(days: 20).description
            try await family.save(on: db)
        }
        let candidates = try await DrawRoster.candidates("classroom:" + kindergartenRoster, program: programID, yearStart: yearStart, on: db)!.candidates
        let draw = VisitDraw(program: programID, roster: roster.label, candidates: candidates, places: 8, seed: 0x2026_0915_5EED_0001,
                             drawnBy: "Luis Romero")
        try await draw.create(on: db)
        for (index, family) in draw.chosen.enumerated() {
            let day = index < 5 ? today.adding(days: -40 + index * 6) : today.adding(days: 2 + index)
            let status: VisitStatus = index < 4 ? .completed : index == 4 ? .cancelledByFamily : .scheduled
            _ = try await make(family, types["HVP initial visit"]!, day: day, at: "16:00", minutes: index < 4 ? 45 : 40,
                               place: .home, staff: [team.id("jackie"), team.id("monica")], status: status, by: team.id("jackie"), on: db) { visit in
                visit.familyAgreed = true
                visit.agreementWay = index % 2 == 0 ? .phone : .text
                if status == .completed {
                    visit.familyParticipants = "Both parents and the children"
                    visit.nextSteps = "Send a note home after the first month"
                }
                if status == .cancelledByFamily { visit.statusNote = "The family asked to meet after the holidays" }
            }
        }
    }

    /// Weekly home-based visits by each home-based family's home visitor since enrollment; a few missed, and
    /// one family's visits stopped a month ago, so it falls behind.
    private static func homeBased(programID: UUID, types: [String: VisitType], yearStart: CalendarDate, today: CalendarDate,
                                  on db: any Database) async throws {
        let families = try await Family.query(on: db).filter(\.$program.$id == programID).filter(\.$enrollmentStatus == .enrolled)
            .filter(\.$programOption == .homeBased).sort(\.$householdName).all()
        for (index, family) in families.enumerated() {
            guard let visitor = try await TeamMember.query(on: db).filter(\.$family.$id == family.requireID()).filter(\.$role == .homeVisitor).first()
            else { continue }
            var day = max(yearStart, CalendarDate(family.enrolledOn ?? "") ?? yearStart).adding(days: 3 + index % 3)
            let stop = index == 1 ? today.adding(days: -30) : today.adding(days: 14)
            var week = 0
            while day <= stop {
                let status: VisitStatus = day >= today ? .scheduled : week % 9 == 4 ? .missed : .completed
                try await make(family.id!, types["Home-based program visit"]!, day: day, at: index % 2 == 0 ? "10:00" : "15:30", minutes: 90,
                               place: week % 6 == 5 ? .outdoors : .home, staff: [visitor.$staff.id], status: status, by: visitor.$staff.id, on: db) { visit in
                    if status == .completed { visit.familyParticipants = "Parent and children"; visit.nextSteps = "Practice the week's activity together" }
                    if status == .missed { visit.statusNote = "No one was home" }
                }
                day = day.adding(days: 7)
                week += 1
            }
        }
    }

    /// A few months of calls, texts and notes home. For each family service worker, some families have heard
    /// nothing for seven weeks (past the six-week gap) and some are close to it.
    private static func contacts(programID: UUID, team: DemoTeam, yearStart: CalendarDate, today: CalendarDate, on db: any Database) async throws {
        var random = SeededRandom(seed: 515)
        let families = try await Family.query(on: db).filter(\.$program.$id == programID).filter(\.$enrollmentStatus == .enrolled)
            .sort(\.$householdName).all().filter { $0.householdName != "Alvarez family" }
        let summaries = ["Checked in about the week", "Reminded the family about the parent meeting", "Family asked about the field trip",
                         "Shared a reading tip for bedtime", "Family sent a photo of the garden project", "Followed up on the clinic appointment"]
        let earliest = max(yearStart, today.adding(days: -110))
        var caseloadIndex: [UUID?: Int] = [:]
        for family in families {
            let index = caseloadIndex[family.$pointOfContact.id, default: 0]
            caseloadIndex[family.$pointOfContact.id] = index + 1
            do {
                let latest = index % 6 == 1 ? today.adding(days: -49) : index % 6 == 3 ? today.adding(days: -38) : today.adding(days: -random.next(20))
                for n in 0..<(1 + random.next(4)) {
                    let contact = Contact()
                    contact.$family.id = family.id!
                    contact.$staff.id = family.$pointOfContact.id
                    contact.contactedOn = max(earliest, latest.adding(days: -n * (12 + random.next(10)))).description
                    contact.startsAt = ["09:15", "12:40", "15:30", "17:45", "19:10"][random.next(5)]
                    contact.medium = [ContactMedium.phone, .text, .text, .email, .noteHome, .inPerson][random.next(6)]
                    contact.startedBy = random.next(3) == 0 ? .family : .staff
                    contact.language = family.preferredLanguage
                    contact.interpreter = !family.preferredLanguage.hasPrefix("English") && random.next(2) == 0
                    contact.minutes = 3 + random.next(20)
                    contact.summary = summaries[random.next(summaries.count)]
                    try await contact.create(on: db)
                }
            }
        }
    }

    private static func training(_ staff: UUID, course: UUID, completed: CalendarDate, expires: CalendarDate?, on db: any Database) async throws {
        try await StaffTraining(staff: staff, course: course, completedOn: completed, expiresOn: expires, recordedBy: "Luis Romero").create(on: db)
    }

    @discardableResult
    private static func make(_ family: UUID, _ type: VisitType, day: CalendarDate, at time: String, minutes: Int, place: VisitPlace,
                             staff: [UUID], status: VisitStatus, by: UUID, on db: any Database, _ adjust: (Visit) -> Void) async throws -> Visit {
        let visit = Visit()
        visit.$family.id = family
        visit.$type.id = type.id!
        visit.status = status
        visit.scheduledOn = day.description
        visit.startsAt = time
        visit.plannedMinutes = minutes
        visit.place = place
        visit.familyAgreed = false
        visit.$createdBy.id = by
        if status == .completed { visit.actualMinutes = minutes }
        adjust(visit)
        try await visit.create(on: db)
        for person in staff { try await VisitStaff(visit: visit.id!, staff: person).create(on: db) }
        return visit
    }

    private static func note(_ visit: Visit, _ child: FamilyMember, hopes: String, interests: String, on db: any Database) async throws {
        let entry = VisitChild()
        entry.$visit.id = visit.id!
        entry.$child.id = child.id!
        entry.hopesAndDreams = hopes
        entry.interestsAndStrengths = interests
        try await entry.create(on: db)
    }
}
