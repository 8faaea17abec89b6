import Fluent
import Foundation
import PartnershipRules

/// Demo assessments and agreements: the Alvarez family's follow the seed scenario; the generated families get a
/// spread of assessments, goals in every state, action steps due this week, and some agreements that are late.
enum DemoPartnership {
    static func load(programID: UUID, team: DemoTeam, yearStart: CalendarDate, today: CalendarDate, on db: any Database) async throws {
        try await InstrumentLibrary.ensureBuiltIn(program: programID, on: db)
        let instrument = try await InstrumentVersion.query(on: db).filter(\.$program.$id == programID).first()!
        let families = try await Family.query(on: db).filter(\.$program.$id == programID).filter(\.$enrollmentStatus == .enrolled)
            .with(\.$members).sort(\.$createdAt).all()
        var random = SeededRandom(seed: 1302)
        for (index, family) in families.enumerated() {
            if family.householdName == "Alvarez family" {
                try await alvarez(family, instrument: instrument, team: team, yearStart: yearStart, today: today, on: db)
            } else {
                try await generated(family, index: index, instrument: instrument, team: team, yearStart: yearStart,
                                    today: today, random: &random, on: db)
            }
        }
    }

    private static func alvarez(_ family: Family, instrument: InstrumentVersion, team: DemoTeam, yearStart: CalendarDate,
                                today: CalendarDate, on db: any Database) async throws {
        let id = try family.requireID()
        let member = { (name: String) in family.members.first { $0.name.hasPrefix(name) }!.id! }
        let intakeOn = min(today, yearStart.adding(days: 10)), fallOn = min(today, yearStart.adding(days: 70))
        try await assessment(id, instrument, period: "intake", on: intakeOn, mode: .phone, team.id("monica"),
            participants: "Lucia and Mateo Alvarez; Monica Reyes (family service worker)",
            answers: ["family_well_being": 2, "parent_child_relationships": 3, "lifelong_educators": 2, "learners": 2, "transitions": 2,
                      "peers_and_community": 2, "advocates_and_leaders": 3, "housing": 2, "food": 3, "income": 1,
                      "physical_health": 4, "mental_health": 2, "safety": 4, "transportation": 3, "child_care": 3, "education": 4, "legal": 4],
            chosen: [.familyWellBeing, .lifelongEducators, .learners],
            familyWords: "We want Angel to keep learning like he did at school, and Amaya to grow healthy. We are strong when we are together.",
            observations: "Mrs. Alvarez is bilingual and very organized; Mr. Alvarez makes up silly games Angel loves. Both are flexible and open to new ideas.",
            tags: "bilingual, organized, creative, flexible",
            needs: [(.mentalHealth, .soon, .moderate, "Mrs. Alvarez: sadness since Amaya's birth; misses her mother"),
                    (.employment, .soon, .moderate, "Mr. Alvarez furloughed from carpentry work"),
                    (.internetPhone, .urgent, .light, "Worried about paying the phone bill and losing internet"),
                    (.housing, .routine, .light, "Staying with Mr. Alvarez's sister after leaving their rental")], db)
        if fallOn > intakeOn {
            try await assessment(id, instrument, period: "fall", on: fallOn, mode: .video, team.id("monica"),
                participants: "Lucia and Mateo Alvarez; Monica Reyes; Jackie Morgan",
                answers: ["family_well_being": 3, "parent_child_relationships": 4, "lifelong_educators": 4, "learners": 2, "transitions": 3,
                          "peers_and_community": 3, "advocates_and_leaders": 3, "housing": 2, "food": 3, "income": 2,
                          "physical_health": 4, "mental_health": 3, "safety": 4, "transportation": 3, "child_care": 3, "education": 4, "legal": 4],
                chosen: [.lifelongEducators, .learners, .transitions],
                familyWords: "Angel loves his class calls. We have a routine now.",
                observations: "The daily schedule is working; Mrs. Alvarez is using the self-care strategies.",
                tags: "bilingual, organized, creative", needs: [], db)
        }
        let started = min(today, yearStart.adding(days: 20))
        let agreement = try await agreement(id, started: started, review: 90, team.id("monica"), db)
        let angel = try await goal(agreement, id, kind: .child, child: member("Angel"), [.lifelongEducators],
            "Angel keeps the gains he made in Head Start while learning at home",
            words: "We want Angel to keep learning and to be excited about school again.", target: yearStart.adding(months: 9),
            skills: ("Mrs. Alvarez is bilingual and organized; Mr. Alvarez invents fun games.", "Jackie integrates STEAM; Sabina knows early social-emotional development."),
            strengths: "Both parents are flexible and open to new ways to help their children learn.",
            stressors: "Angel is bored at home and has more tantrums; one shared computer; low data plans.",
            strategies: "A flexible daily schedule; 30 minutes a day of virtual class with Jackie; art and science activities in Spanish.",
            supports: ("Jackie and Sabina's learning package; Monica as point of contact.", "Library e-books.", "Mr. Alvarez's sister helps with respite."),
            progress: "Monthly video meeting with the whole team; celebrate Angel's first week of class calls.", db)
        try await step(angel, id, "Build Angel's daily schedule together", staff: team.id("jackie"), due: started.adding(days: 7), done: started.adding(days: 6), db)
        try await step(angel, id, "Join the 30-minute class call each morning", member: member("Mateo"), due: started.adding(days: 14), done: started.adding(days: 14), db)
        try await step(angel, id, "Add simple art and science activities in Spanish", member: member("Lucia"), due: today.adding(days: 3), done: nil, db)
        try await note(angel, id, started.adding(days: 15), team, "jackie", "Angel joined the class call and was thrilled to see his friends and Ms. Jackie.", success: true, db)
        let wellBeing = try await goal(agreement, id, kind: .family, child: nil, [.familyWellBeing, .parentChildRelationships],
            "Mrs. Alvarez feels supported and less alone",
            words: "I want to feel like myself again and enjoy Amaya.", target: yearStart.adding(months: 6),
            skills: ("Mrs. Alvarez knows what helped her when Angel was a baby.", "Monica is a strong communicator; Renee is the mental health consultant."),
            strengths: "Close family; Mrs. Alvarez reaches out when she needs to.",
            stressors: "Cannot visit her mother in Texas; worry about money and housing.",
            strategies: "Virtual visits with the mental health consultant; self-care and wellness strategies; weekly check-ins with Sabina.",
            supports: ("Renee Okafor (mental health consultant); Sabina's weekly 15-minute check-ins.", "Community counseling by video if needed.", "Video calls with her mother; Mr. Alvarez's sister."),
            progress: "Check in weekly; review at the monthly team meeting.", db)
        try await step(wellBeing, id, "Meet the mental health consultant by video", staff: team.id("renee"), due: started.adding(days: 10), done: started.adding(days: 9), db)
        try await step(wellBeing, id, "Try one self-care strategy each day", member: member("Lucia"), due: today.adding(days: 5), done: nil, db)
        try await note(wellBeing, id, started.adding(days: 30), team, "sabina", "Outdoor visit: Amaya is healthy and Mrs. Alvarez is parenting her beautifully; shared wellness strategies.", success: false, db)
        let job = try await goal(agreement, id, kind: .family, child: nil, [.learners, .familyWellBeing],
            "Mr. Alvarez finds steady work", words: "I want to get back to carpentry and support my family.",
            target: yearStart.adding(months: 8),
            skills: ("Skilled carpenter; reliable.", "Monica knows the workforce center's programs."),
            strengths: "Motivated and well regarded by his former employer.", stressors: "Construction work slowed down.",
            strategies: "Register with the workforce center; look at the union apprenticeship list.",
            supports: ("Monica", "Riverside Workforce Center", "His sister's contacts"), progress: "Talk about it at each monthly meeting.", db)
        try await step(job, id, "Register with the workforce center", member: member("Mateo"), due: today.adding(days: 2), done: nil, db)
        let internet = try await goal(agreement, id, kind: .family, child: nil, [.familyWellBeing],
            "Keep the family's phone and internet on", words: "We need the internet for Angel's class and to talk to the team.",
            target: yearStart.adding(months: 2), skills: ("Both parents use smartphones.", "Monica knows the Lifeline program."),
            strengths: "Organized with bills.", stressors: "Low data plans; one computer shared with Mr. Alvarez's sister.",
            strategies: "Loaner laptop from the program; apply for Lifeline; switch to an affordable provider.",
            supports: ("Monica", "Lifeline; local internet provider", "—"), progress: "Done when the family is online at an affordable price.", db)
        try await step(internet, id, "Lend the family a laptop", staff: team.id("monica"), due: started.adding(days: 5), done: started.adding(days: 4), db)
        try await step(internet, id, "Apply for Lifeline", member: member("Lucia"), due: started.adding(days: 20), done: started.adding(days: 18), db)
        try await note(internet, id, started.adding(days: 25), team, "monica", "Lifeline approved and an affordable provider connected. The family is online!", success: true, db)
        internet.state = .achieved
        try await internet.save(on: db)
        let ack = Acknowledgement()
        ack.$agreement.id = try agreement.requireID()
        ack.familyID = id
        ack.acknowledgedBy = "Lucia and Mateo Alvarez"
        ack.acknowledgedOn = started.description
        ack.method = .agreedByPhone
        ack.recordedByName = "Monica Reyes"
        try await ack.create(on: db)
    }

    private static func generated(_ family: Family, index: Int, instrument: InstrumentVersion, team: DemoTeam,
                                  yearStart: CalendarDate, today: CalendarDate, random: inout SeededRandom,
                                  on db: any Database) async throws {
        let id = try family.requireID()
        let worker = family.$pointOfContact.id!
        guard index % 7 != 3 else { return }  // A few enrolled families have neither: their agreements are late.
        let outcomeItems = Outcome.allCases.map(\.rawValue)
        let domains = ["housing", "food", "income", "physical_health", "mental_health", "safety", "transportation", "child_care", "education", "legal"]
        var answers: Answers = [:]
        for key in outcomeItems + domains { answers[key] = 1 + random.weighted([1, 3, 4, 3, 2]) }
        let intakeOn = min(today, yearStart.adding(days: 7 + random.next(25)))
        let needs = instrument.instrumentOrBuiltIn.proposedNeeds(answers).prefix(3).map {
            ($0.category, [Urgency.urgent, .soon, .routine][random.next(3)], [Intensity.light, .moderate, .intensive][random.next(3)], "\($0.item.text) (intake)")
        }
        try await assessment(id, instrument, period: "intake", on: intakeOn, mode: MeetingMode.allCases[random.next(4)], worker,
                             participants: "Parent and family service worker", answers: answers,
                             chosen: [Outcome.allCases[random.next(7)]], familyWords: nil, observations: nil, tags: "", needs: Array(needs), db)
        if index % 3 == 0, today > intakeOn.adding(days: 60) {
            for key in answers.keys { answers[key] = min(5, answers[key]! + random.next(2)) }
            try await assessment(id, instrument, period: "fall", on: intakeOn.adding(days: 60), mode: .home, worker,
                                 participants: "Parents and family service worker", answers: answers, chosen: [], familyWords: nil,
                                 observations: nil, tags: "", needs: [], db)
        }
        guard index % 5 != 1 else { return }  // Assessed, agreement not started yet.
        let started = min(today, intakeOn.adding(days: random.next(10)))
        let agreement = try await agreement(id, started: started, review: 90, worker, db)
        let child = family.members.first { $0.kind == .child }
        let ideas: [(String, [Outcome], Bool)] = [
            ("Read together every night", [.lifelongEducators, .parentChildRelationships], true),
            ("Finish the GED", [.learners], false), ("Find a bigger apartment", [.familyWellBeing], false),
            ("Join the parent committee", [.advocatesAndLeaders], false), ("Get to know other families at the center", [.peersAndCommunity], false),
            ("Potty training before summer", [.parentChildRelationships], true), ("Open a savings account", [.familyWellBeing], false),
        ]
        for n in 0..<(1 + random.next(3)) {
            let idea = ideas[(index + n * 3) % ideas.count]
            let goal = try await goal(agreement, id, kind: idea.2 && child != nil ? .child : .family, child: idea.2 ? child?.id : nil, idea.1, idea.0,
                                      words: nil, target: started.adding(months: 4 + random.next(5)), skills: (nil, nil), strengths: nil,
                                      stressors: nil, strategies: nil, supports: (nil, nil, nil), progress: nil, db)
            let due = random.next(3) == 0 ? today.adding(days: random.next(6)) : started.adding(days: 14 + random.next(30))
            try await step(goal, id, "First step towards: \(idea.0.lowercased())", staff: worker, due: due,
                           done: due < today && random.next(2) == 0 ? due : nil, db)
            if random.next(3) != 0 {
                try await note(goal, id, min(today, started.adding(days: 10 + random.next(40))), team, nil, "Talked about progress at the check-in.", success: random.next(4) == 0, db)
            }
            switch random.next(10) {
            case 0, 1: goal.state = .achieved
            case 2: goal.state = .discontinued; goal.discontinuedReason = "The family chose to focus on another goal."
            default: break
            }
            try await goal.save(on: db)
        }
    }

    // MARK: Builders

    private static func assessment(_ family: UUID, _ instrument: InstrumentVersion, period: String, on date: CalendarDate,
                                   mode: MeetingMode, _ staff: UUID, participants: String, answers: Answers, chosen: [Outcome],
                                   familyWords: String?, observations: String?, tags: String,
                                   needs: [(ServiceCategory, Urgency, Intensity, String)], _ db: any Database) async throws {
        let a = Assessment()
        a.$family.id = family
        a.$instrumentVersion.id = try instrument.requireID()
        a.period = period
        a.takenOn = date.description
        a.mode = mode
        a.participants = participants
        a.answersJSON = String(decoding: try JSONEncoder().encode(answers), as: UTF8.self)
        a.outcomesChosenList = Outcome.stored(chosen)
        a.familyStrengths = familyWords
        a.staffObservations = observations
        a.strengthTagsList = tags.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ",")
        a.$recordedBy.id = staff
        try await a.create(on: db)
        for (category, urgency, intensity, description) in needs {
            let need = FamilyNeed()
            need.$family.id = family
            need.$assessment.id = a.id
            need.category = category.rawValue
            need.urgency = urgency
            need.intensity = intensity
            need.description = description
            need.identifiedOn = date.description
            try await need.create(on: db)
        }
    }

    private static func agreement(_ family: UUID, started: CalendarDate, review: Int, _ staff: UUID, _ db: any Database) async throws -> Agreement {
        let program = try await Family.find(family, on: db)!.$program.get(on: db)
        let agreement = Agreement()
        agreement.$family.id = family
        agreement.programYear = program.year(containing: started).stored
        agreement.startedOn = started.description
        agreement.nextReviewOn = started.adding(days: review).description
        agreement.$createdBy.id = staff
        try await agreement.create(on: db)
        return agreement
    }

    private static func goal(_ agreement: Agreement, _ family: UUID, kind: GoalKind, child: UUID?, _ outcomes: [Outcome], _ text: String,
                             words: String?, target: CalendarDate, skills: (String?, String?), strengths: String?, stressors: String?,
                             strategies: String?, supports: (String?, String?, String?), progress: String?, _ db: any Database) async throws -> Goal {
        let goal = Goal()
        goal.$agreement.id = try agreement.requireID()
        goal.familyID = family
        goal.kind = kind
        goal.$child.id = child
        goal.outcomesList = Outcome.stored(outcomes)
        goal.goal = text
        goal.familyWords = words
        goal.targetOn = target.description
        (goal.familySkills, goal.teamSkills) = skills
        goal.strengths = strengths
        goal.stressors = stressors
        goal.strategies = strategies
        (goal.teamSupports, goal.partnerSupports, goal.familySupports) = supports
        goal.progress = progress
        goal.state = .active
        goal.version = 1
        try await goal.create(on: db)
        return goal
    }

    private static func step(_ goal: Goal, _ family: UUID, _ what: String, member: UUID? = nil, staff: UUID? = nil,
                             due: CalendarDate, done: CalendarDate?, _ db: any Database) async throws {
        let step = ActionStep()
        step.$goal.id = try goal.requireID()
        step.familyID = family
        step.what = what
        step.$member.id = member
        step.$staff.id = staff
        step.dueOn = due.description
        step.doneOn = done?.description
        try await step.create(on: db)
    }

    private static func note(_ goal: Goal, _ family: UUID, _ date: CalendarDate, _ team: DemoTeam, _ author: String?, _ text: String,
                             success: Bool, _ db: any Database) async throws {
        let note = ProgressNote()
        note.$goal.id = try goal.requireID()
        note.familyID = family
        note.notedOn = date.description
        let staff = author.map { team.byEmail["\($0)@demo.fpp.test"]! }
        note.$author.id = staff?.id
        note.authorName = staff?.name ?? "Family service worker"
        note.text = text
        note.isSuccess = success
        try await note.create(on: db)
    }
}

private extension InstrumentVersion {
    var instrumentOrBuiltIn: Instrument { (try? instrument) ?? .builtIn }
}
