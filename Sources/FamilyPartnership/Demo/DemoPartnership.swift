import Fluent
import Foundation
import PartnershipRules

/// Demo assessments and agreements: the Alvarez family's follow the seed scenario; the generated families get a
/// spread of assessments, goals in every state, action steps due this week, and some agreements that are late.
enum DemoPartnership {
    static func load(team: DemoTeam, yearStart: CalendarDate, today: CalendarDate) async throws {
        let db = team.ctx("director").db
        let programID = team.ctx("director").programID
        let instrument = try await InstrumentLibrary.current(program: programID, on: db).first { $0.key == Instrument.builtIn.key }!
        let families = try await Family.query(on: db).filter(\.$program.$id == programID).filter(\.$enrollmentStatus == .enrolled)
            .with(\.$members).sort(\.$createdAt).all()
        var random = SeededRandom(seed: 1302)
        for (index, family) in families.enumerated() {
            if family.householdName == "Alvarez family" {
                try await alvarez(family, instrument: instrument, team: team, yearStart: yearStart, today: today)
            } else {
                try await generated(family, index: index, instrument: instrument, team: team, yearStart: yearStart,
                                    today: today, random: &random)
            }
        }
    }

    private static func alvarez(_ family: Family, instrument: InstrumentVersion, team: DemoTeam, yearStart: CalendarDate,
                                today: CalendarDate) async throws {
        let id = try family.requireID()
        let member = { (name: String) in family.members.first { $0.name.hasPrefix(name) }!.id! }
        let monica = team.ctx("monica")
        let intakeOn = min(today, yearStart.adding(days: 10)), fallOn = min(today, yearStart.adding(days: 70))
        try await assessment(id, instrument, period: "intake", on: intakeOn, mode: .phone, monica,
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
                    (.housing, .routine, .light, "Staying with Mr. Alvarez's sister after leaving their rental")])
        if fallOn > intakeOn {
            try await assessment(id, instrument, period: "fall", on: fallOn, mode: .video, monica,
                participants: "Lucia and Mateo Alvarez; Monica Reyes; Jackie Morgan",
                answers: ["family_well_being": 3, "parent_child_relationships": 4, "lifelong_educators": 4, "learners": 2, "transitions": 3,
                          "peers_and_community": 3, "advocates_and_leaders": 3, "housing": 2, "food": 3, "income": 2,
                          "physical_health": 4, "mental_health": 3, "safety": 4, "transportation": 3, "child_care": 3, "education": 4, "legal": 4],
                chosen: [.lifelongEducators, .learners, .transitions],
                familyWords: "Angel loves his class calls. We have a routine now.",
                observations: "The daily schedule is working; Mrs. Alvarez is using the self-care strategies.",
                tags: "bilingual, organized, creative", needs: [])
        }
        let started = min(today, yearStart.adding(days: 20))
        try await agreement(id, started: started, monica)
        let angel = try await goal(id, monica, kind: .child, child: member("Angel"), [.lifelongEducators],
            "Angel keeps the gains he made in Head Start while learning at home",
            words: "We want Angel to keep learning and to be excited about school again.", target: yearStart.adding(months: 9),
            skills: ("Mrs. Alvarez is bilingual and organized; Mr. Alvarez invents fun games.", "Jackie integrates STEAM; Sabina knows early social-emotional development."),
            strengths: "Both parents are flexible and open to new ways to help their children learn.",
            stressors: "Angel is bored at home and has more tantrums; one shared computer; low data plans.",
            strategies: "A flexible daily schedule; 30 minutes a day of virtual class with Jackie; art and science activities in Spanish.",
            supports: ("Jackie and Sabina's learning package; Monica as point of contact.", "Library e-books.", "Mr. Alvarez's sister helps with respite."),
            progress: "Monthly video meeting with the whole team; celebrate Angel's first week of class calls.")
        try await step(angel, id, monica, "Build Angel's daily schedule together", staff: team.id("jackie"), due: started.adding(days: 7), done: started.adding(days: 6))
        try await step(angel, id, monica, "Join the 30-minute class call each morning", member: member("Mateo"), due: started.adding(days: 14), done: started.adding(days: 14))
        try await step(angel, id, monica, "Add simple art and science activities in Spanish", member: member("Lucia"), due: today.adding(days: 3), done: nil)
        try await note(angel, id, started.adding(days: 15), team.ctx("jackie"), "Angel joined the class call and was thrilled to see his friends and Ms. Jackie.", success: true)
        let wellBeing = try await goal(id, monica, kind: .family, child: nil, [.familyWellBeing, .parentChildRelationships],
            "Mrs. Alvarez feels supported and less alone",
            words: "I want to feel like myself again and enjoy Amaya.", target: yearStart.adding(months: 6),
            skills: ("Mrs. Alvarez knows what helped her when Angel was a baby.", "Monica is a strong communicator; Renee is the mental health consultant."),
            strengths: "Close family; Mrs. Alvarez reaches out when she needs to.",
            stressors: "Cannot visit her mother in Texas; worry about money and housing.",
            strategies: "Virtual visits with the mental health consultant; self-care and wellness strategies; weekly check-ins with Sabina.",
            supports: ("Renee Okafor (mental health consultant); Sabina's weekly 15-minute check-ins.", "Community counseling by video if needed.", "Video calls with her mother; Mr. Alvarez's sister."),
            progress: "Check in weekly; review at the monthly team meeting.", need: "Mrs. Alvarez: sadness since Amaya's birth; misses her mother")
        try await step(wellBeing, id, monica, "Meet the mental health consultant by video", staff: team.id("renee"), due: started.adding(days: 10), done: started.adding(days: 9))
        try await step(wellBeing, id, monica, "Try one self-care strategy each day", member: member("Lucia"), due: today.adding(days: 5), done: nil)
        try await note(wellBeing, id, started.adding(days: 30), team.ctx("sabina"), "Outdoor visit: Amaya is healthy and Mrs. Alvarez is parenting her beautifully; shared wellness strategies.", success: false)
        let job = try await goal(id, monica, kind: .family, child: nil, [.learners, .familyWellBeing],
            "Mr. Alvarez finds steady work", words: "I want to get back to carpentry and support my family.",
            target: yearStart.adding(months: 8),
            skills: ("Skilled carpenter; reliable.", "Monica knows the workforce center's programs."),
            strengths: "Motivated and well regarded by his former employer.", stressors: "Construction work slowed down.",
            strategies: "Register with the workforce center; look at the union apprenticeship list.",
            supports: ("Monica", "Riverside Workforce Center", "His sister's contacts"), progress: "Talk about it at each monthly meeting.",
            need: "Mr. Alvarez furloughed from carpentry work")
        try await step(job, id, monica, "Register with the workforce center", member: member("Mateo"), due: today.adding(days: 2), done: nil)
        let internet = try await goal(id, monica, kind: .family, child: nil, [.familyWellBeing],
            "Keep the family's phone and internet on", words: "We need the internet for Angel's class and to talk to the team.",
            target: yearStart.adding(months: 2), skills: ("Both parents use smartphones.", "Monica knows the Lifeline program."),
            strengths: "Organized with bills.", stressors: "Low data plans; one computer shared with Mr. Alvarez's sister.",
            strategies: "Loaner laptop from the program; apply for Lifeline; switch to an affordable provider.",
            supports: ("Monica", "Lifeline; local internet provider", "—"), progress: "Done when the family is online at an affordable price.",
            need: "Worried about paying the phone bill and losing internet")
        try await step(internet, id, monica, "Lend the family a laptop", staff: team.id("monica"), due: started.adding(days: 5), done: started.adding(days: 4))
        try await step(internet, id, monica, "Apply for Lifeline", member: member("Lucia"), due: started.adding(days: 20), done: started.adding(days: 18))
        try await note(internet, id, started.adding(days: 25), team.ctx("monica"), "Lifeline approved and an affordable provider connected. The family is online!", success: true)
        _ = try await AgreementCommands.changeState(internet.requireID(), family: id, GoalStateInput(change: "achieve"),
                                                    basedOn: .unknown, in: monica)
        var ack = AcknowledgementInput()
        ack.acknowledgedBy = "Lucia and Mateo Alvarez"
        ack.acknowledgedOn = started.description
        ack.method = AcknowledgementMethod.agreedByPhone.rawValue
        _ = try await AgreementCommands.acknowledge(ack, family: id, year: nil, in: monica)
    }

    private static func generated(_ family: Family, index: Int, instrument: InstrumentVersion, team: DemoTeam,
                                  yearStart: CalendarDate, today: CalendarDate, random: inout SeededRandom) async throws {
        let id = try family.requireID()
        let worker = team.contexts.values.first { $0.staff.staffID == family.$pointOfContact.id }!
        guard index % 7 != 3 else { return }  // A few enrolled families have neither: their agreements are late.
        let outcomeItems = Outcome.allCases.map(\.rawValue)
        let domains = ["housing", "food", "income", "physical_health", "mental_health", "safety", "transportation", "child_care", "education", "legal"]
        var answers: Answers = [:]
        for key in outcomeItems + domains { answers[key] = 1 + random.weighted([1, 3, 4, 3, 2]) }
        let intakeOn = min(today, yearStart.adding(days: 7 + random.next(25)))
        let needs = ((try? instrument.instrument) ?? .builtIn).proposedNeeds(answers).prefix(3).map {
            ($0.category, [Urgency.urgent, .soon, .routine][random.next(3)], [Intensity.light, .moderate, .intensive][random.next(3)], "\($0.item.text) (intake)")
        }
        try await assessment(id, instrument, period: "intake", on: intakeOn, mode: MeetingMode.allCases[random.next(4)], worker,
                             participants: "Parent and family service worker", answers: answers,
                             chosen: [Outcome.allCases[random.next(7)]], familyWords: nil, observations: nil, tags: "", needs: Array(needs))
        if index % 3 == 0, today > intakeOn.adding(days: 60) {
            for key in answers.keys { answers[key] = min(5, answers[key]! + random.next(2)) }
            try await assessment(id, instrument, period: "fall", on: intakeOn.adding(days: 60), mode: .home, worker,
                                 participants: "Parents and family service worker", answers: answers, chosen: [], familyWords: nil,
                                 observations: nil, tags: "", needs: [])
        }
        guard index % 5 != 1 else { return }  // Assessed, agreement not started yet.
        let started = min(today, intakeOn.adding(days: random.next(10)))
        try await agreement(id, started: started, worker)
        let child = family.members.first { $0.kind == .child }
        let ideas: [(String, [Outcome], Bool)] = [
            ("Read together every night", [.lifelongEducators, .parentChildRelationships], true),
            ("Finish the GED", [.learners], false), ("Find a bigger apartment", [.familyWellBeing], false),
            ("Join the parent committee", [.advocatesAndLeaders], false), ("Get to know other families at the center", [.peersAndCommunity], false),
            ("Potty training before summer", [.parentChildRelationships], true), ("Open a savings account", [.familyWellBeing], false),
        ]
        for n in 0..<(1 + random.next(3)) {
            let idea = ideas[(index + n * 3) % ideas.count]
            let goal = try await goal(id, worker, kind: idea.2 && child != nil ? .child : .family, child: idea.2 ? child?.id : nil, idea.1, idea.0,
                                      words: nil, target: started.adding(months: 4 + random.next(5)), skills: (nil, nil), strengths: nil,
                                      stressors: nil, strategies: nil, supports: (nil, nil, nil), progress: nil)
            let due = random.next(3) == 0 ? today.adding(days: random.next(6)) : started.adding(days: 14 + random.next(30))
            try await step(goal, id, worker, "First step towards: \(idea.0.lowercased())", staff: worker.staff.staffID, due: due,
                           done: due < today && random.next(2) == 0 ? due : nil)
            if random.next(3) != 0 {
                try await note(goal, id, min(today, started.adding(days: 10 + random.next(40))), worker, "Talked about progress at the check-in.", success: random.next(4) == 0)
            }
            let change: GoalStateInput? = switch random.next(10) {
            case 0, 1: GoalStateInput(change: "achieve")
            case 2: GoalStateInput(change: "discontinue", reason: "The family chose to focus on another goal.")
            default: nil
            }
            if let change {
                _ = try await AgreementCommands.changeState(goal.requireID(), family: id, change, basedOn: .unknown, in: worker)
            }
        }
    }

    // MARK: Builders: each runs the command a worker's form would

    private static func assessment(_ family: UUID, _ instrument: InstrumentVersion, period: String, on date: CalendarDate,
                                   mode: MeetingMode, _ ctx: Context, participants: String, answers: Answers, chosen: [Outcome],
                                   familyWords: String?, observations: String?, tags: String,
                                   needs: [(ServiceCategory, Urgency, Intensity, String)]) async throws {
        var input = AssessmentInput()
        input.instrumentVersionID = try instrument.requireID().uuidString
        input.period = period
        input.takenOn = date.description
        input.mode = mode.rawValue
        input.participants = participants
        input.answers = answers.mapValues(String.init)
        input.outcomesChosen = chosen.map(\.rawValue)
        input.familyStrengths = familyWords
        input.staffObservations = observations
        input.strengthTags = tags
        input.needs = needs.map { NeedInput(category: $0.0.rawValue, urgency: $0.1.rawValue, intensity: $0.2.rawValue, description: $0.3) }
        _ = try await AssessmentCommands.create(input, family: family, in: ctx)
    }

    private static func agreement(_ family: UUID, started: CalendarDate, _ ctx: Context) async throws {
        _ = try await AgreementCommands.start(StartInput(startedOn: started.description), family: family, in: ctx)
    }

    private static func goal(_ family: UUID, _ ctx: Context, kind: GoalKind, child: UUID?, _ outcomes: [Outcome], _ text: String,
                             words: String?, target: CalendarDate, skills: (String?, String?), strengths: String?, stressors: String?,
                             strategies: String?, supports: (String?, String?, String?), progress: String?,
                             need: String? = nil) async throws -> Goal {
        var input = GoalInput()
        if let need {
            input.needID = try await FamilyNeed.query(on: ctx.db).filter(\.$family.$id == family).filter(\.$description == need).first()?.id?.uuidString
        }
        input.kind = kind.rawValue
        input.childID = child?.uuidString
        input.outcomes = outcomes.map(\.rawValue)
        input.goal = text
        input.familyWords = words
        input.targetOn = target.description
        (input.familySkills, input.teamSkills) = skills
        input.strengths = strengths
        input.stressors = stressors
        input.strategies = strategies
        (input.teamSupports, input.partnerSupports, input.familySupports) = supports
        input.progress = progress
        return try await AgreementCommands.createGoal(input, family: family, in: ctx)
    }

    private static func step(_ goal: Goal, _ family: UUID, _ ctx: Context, _ what: String, member: UUID? = nil, staff: UUID? = nil,
                             due: CalendarDate, done: CalendarDate?) async throws {
        let who = member.map { "member:\($0.uuidString)" } ?? staff.map { "staff:\($0.uuidString)" }
        let step = try await AgreementCommands.addStep(StepInput(what: what, who: who, dueOn: due.description), goal: goal.requireID(),
                                                       family: family, in: ctx)
        if let done {
            _ = try await AgreementCommands.markStep(step.requireID(), goal: goal.requireID(), family: family,
                                                     StepDoneInput(done: true, doneOn: done.description), basedOn: .unknown, in: ctx)
        }
    }

    private static func note(_ goal: Goal, _ family: UUID, _ date: CalendarDate, _ author: Context, _ text: String,
                             success: Bool) async throws {
        _ = try await AgreementCommands.addNote(NoteInput(text: text, notedOn: date.description, isSuccess: success), goal: goal.requireID(),
                                                family: family, in: author)
    }
}
