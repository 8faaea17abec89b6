import Fluent
import Foundation
import PartnershipRules

/// The demo's families: the Alvarez family from the seed scenario, and generated households that vary in
/// language, shape, children's ages, program option and enrollment status. Deterministic, so every demo
/// start looks the same. Each family is added and enrolled by its family service worker, and its team is put
/// together by the manager.
enum DemoFamilies {
    static func load(team: DemoTeam, yearStart: CalendarDate, today: CalendarDate) async throws {
        try await alvarez(team: team, yearStart: yearStart, today: today)
        try await DemoCaseloads.exceptions(team: team, today: today)
        try await generated(count: 85, team: team, yearStart: yearStart, today: today)
    }

    static func alvarez(team: DemoTeam, yearStart: CalendarDate, today: CalendarDate) async throws {
        var input = FamilyInput()
        input.householdName = "Alvarez family"
        input.preferredLanguage = "Spanish and English"
        input.siteID = team.sites[0].id!.uuidString
        input.addressLine = "1207 Willow Court"
        input.city = "Riverside"
        input.state = "CA"
        input.postalCode = "92501"
        input.phone = "9515550142"
        input.preferredChannel = ContactChannel.videoCall.rawValue
        input.preferredTimes = "Weekly 15-minute check-in, Tuesday mornings; staying with Mr. Alvarez's sister"
        input.programOption = ProgramOption.centerBased.rawValue
        input.appliedOn = min(today, yearStart).description
        input.pointOfContactID = team.id("monica").uuidString
        input.confirmNew = true
        let family = try await enroll(input, on: min(today, yearStart), by: team.ctx("monica"))
        let id = try family.requireID()

        var father = MemberInput(kind: .adult)
        father.name = "Mateo Alvarez"
        father.relationship = Relationship.father.rawValue
        father.isFatherFigure = true
        father.primaryLanguage = "Spanish"
        father.phone = "9515550142"
        var mother = MemberInput(kind: .adult)
        mother.name = "Lucia Alvarez"
        mother.relationship = Relationship.mother.rawValue
        mother.primaryLanguage = "English and Spanish"
        mother.phone = "9515550187"
        var angel = MemberInput(kind: .child)
        angel.name = "Angel Alvarez"
        angel.dateOfBirth = months(before: today, 4 * 12 + 5).description
        angel.programType = ProgramType.headStart.rawValue
        angel.classroom = DemoVisits.kindergartenRoster
        var amaya = MemberInput(kind: .child)
        amaya.name = "Amaya Alvarez"
        amaya.dateOfBirth = months(before: today, 6).description
        amaya.programType = ProgramType.earlyHeadStart.rawValue
        amaya.homeVisitorID = team.id("sabina").uuidString
        for var member in [father, mother, angel, amaya] {
            member.confirmNew = true
            _ = try await FamilyCommands.addMember(to: id, member, in: team.ctx("monica"))
        }
        for (name, role) in [("jackie", TeamRole.teacher), ("sabina", .homeVisitor), ("renee", .mentalHealthConsultant)] {
            try await FamilyCommands.addToTeam(id, TeamInput(staffID: team.id(name).uuidString, role: role.rawValue), in: team.ctx("manager"))
        }
    }

    static func generated(count: Int, team: DemoTeam, yearStart: CalendarDate, today: CalendarDate) async throws {
        var random = SeededRandom(seed: 2026)
        let workers = ["monica", "keisha", "hoa"]
        let plan = caseloads(count: count - 5, &random)
        for index in 0..<count {
            // The first five families have left the program; the others are served as `caseloads` plans.
            let worker = index < 5 ? workers[index % workers.count] : plan[index - 5]
            // Keisha's Eastside families speak English, a few Spanish; the others are of every culture.
            let culture = worker == "keisha" ? cultures[index % 14 == 0 ? 1 : 0] : cultures[random.weighted(cultures.map(\.weight))]
            let surname = culture.surnames[random.next(culture.surnames.count)]
            let status: EnrollmentStatus = index < 5 ? .exited : index < 12 ? .applied : .enrolled
            let site = worker == "keisha" ? 1 : worker == "hoa" ? index % 2 : index % 3 == 2 ? 1 : 0
            let option: ProgramOption = index % 5 == 0 ? .homeBased : index % 11 == 0 ? .familyChildCare : .centerBased
            var input = FamilyInput()
            input.householdName = "\(surname) family"
            input.preferredLanguage = culture.language
            input.siteID = team.sites[site].id!.uuidString
            input.addressLine = "\(100 + random.next(8900)) \(streets[random.next(streets.count)])"
            input.city = "Riverside"
            input.state = "CA"
            input.postalCode = ["92501", "92503", "92504", "92507"][random.next(4)]
            input.phone = "951555" + String(format: "%04d", 1000 + index * 37)
            input.preferredChannel = ContactChannel.allCases[random.next(ContactChannel.allCases.count)].rawValue
            input.programOption = option.rawValue
            input.appliedOn = min(today, yearStart).description
            input.pointOfContactID = team.id(worker).uuidString
            input.confirmNew = true
            let ctx = team.ctx(worker)
            let family: Family
            if status == .applied {
                family = try await FamilyCommands.create(input, in: ctx)
            } else {
                family = try await enroll(input, on: min(today, yearStart), by: ctx)
            }
            let id = try family.requireID()
            if status == .exited {
                var exit = EnrollmentInput()
                exit.action = "exit"
                exit.date = min(today, yearStart.adding(days: 12 + index * 9)).description
                exit.reason = [ExitReason.movedAway, .needsBetterMetElsewhere, .noLongerInterested, .couldNotBeContacted, .other][index].rawValue
                _ = try await FamilyCommands.changeEnrollment(id, exit, basedOn: .unknown, in: ctx)
            }

            let shape = random.next(10)
            let caregivers: [(Relationship, Bool)] = switch shape {
            case 0...4: [(.mother, false), (.father, true)]
            case 5, 6: [(.mother, false)]
            case 7: [(.father, true)]
            case 8: [(.grandparent, random.next(2) == 0)]
            default: [(random.next(2) == 0 ? .fosterParent : .kinCaregiver, false)]
            }
            for (relationship, fatherFigure) in caregivers {
                var adult = MemberInput(kind: .adult)
                adult.name = "\(culture.given(relationship, &random)) \(surname)"
                adult.relationship = relationship.rawValue
                adult.isFatherFigure = fatherFigure
                adult.primaryLanguage = culture.language
                adult.confirmNew = true
                _ = try await FamilyCommands.addMember(to: id, adult, in: ctx)
            }
            let home = option == .homeBased
            for childIndex in 0..<(1 + random.next(random.next(4) == 0 ? 3 : 2)) {
                let ageMonths = childIndex == 0 ? 36 + random.next(24) : 2 + random.next(32)
                var child = MemberInput(kind: .child)
                child.name = "\(culture.childNames[random.next(culture.childNames.count)]) \(surname)"
                child.dateOfBirth = months(before: today, ageMonths).description
                child.programType = (ageMonths >= 36 ? ProgramType.headStart : .earlyHeadStart).rawValue
                if ageMonths >= 36, !home { child.classroom = site == 0 ? DemoVisits.kindergartenRoster : "Blue Herons" }
                if home || ageMonths < 36 { child.homeVisitorID = team.id(site == 0 ? "sabina" : "rosa").uuidString }
                child.hasIFSPOrIEP = random.next(8) == 0
                child.inFosterCare = caregivers.first?.0 == .fosterParent
                child.confirmNew = true
                _ = try await FamilyCommands.addMember(to: id, child, in: ctx)
            }
            var joining = [home ? (site == 0 ? "sabina" : "rosa", TeamRole.homeVisitor) : (site == 0 ? "jackie" : "omar", .teacher)]
            if index % 9 == 4 { joining.append(("renee", .mentalHealthConsultant)) }
            for (name, role) in joining {
                try await FamilyCommands.addToTeam(id, TeamInput(staffID: team.id(name).uuidString, role: role.rawValue), in: team.ctx("manager"))
            }
        }
    }

    /// Adds a family and enrolls it on `day`, as the staff member in `ctx`.
    private static func enroll(_ input: FamilyInput, on day: CalendarDate, by ctx: Context) async throws -> Family {
        let family = try await FamilyCommands.create(input, in: ctx)
        var enrollment = EnrollmentInput()
        enrollment.action = "enroll"
        enrollment.date = day.description
        return try await FamilyCommands.changeEnrollment(family.requireID(), enrollment, basedOn: .unknown, in: ctx)
    }

    /// Who serves each generated family still in the program, in a shuffled order: Keisha carries 41 (under the
    /// attrition exception of `DemoCaseloads`), Monica 31 besides the Alvarez family, Hoa 8.
    static func caseloads(count: Int, _ random: inout SeededRandom) -> [String] {
        var plan = Array(repeating: "keisha", count: 41) + Array(repeating: "monica", count: 31) + Array(repeating: "hoa", count: 8)
        plan = Array(plan.prefix(count))
        for i in stride(from: plan.count - 1, to: 0, by: -1) { plan.swapAt(i, random.next(i + 1)) }
        return plan
    }

    static func months(before date: CalendarDate, _ months: Int) -> CalendarDate {
        let total = date.year * 12 + (date.month - 1) - months
        return CalendarDate(year: total / 12, month: total % 12 + 1, day: min(date.day, 28))!
    }

    struct Culture {
        let language: String
        let weight: Int
        let surnames: [String]
        let women: [String]
        let men: [String]
        let childNames: [String]

        func given(_ relationship: Relationship, _ random: inout SeededRandom) -> String {
            let man = relationship == .father || (relationship != .mother && random.next(3) == 0)
            let names = man ? men : women
            return names[random.next(names.count)]
        }
    }

    static let cultures: [Culture] = [
        Culture(language: "English", weight: 50,
                surnames: ["Johnson", "Williams", "Miller", "Davis", "Thompson", "Jackson", "White", "Harris", "Clark", "Lewis", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Campbell"],
                women: ["Ashley", "Brittany", "Jasmine", "Kayla", "Amber", "Tiffany", "Crystal", "Destiny"],
                men: ["Marcus", "Tyler", "Brandon", "Jamal", "Cody", "Derrick", "Travis", "Andre"],
                childNames: ["Liam", "Ava", "Noah", "Mia", "Elijah", "Harper", "Aiden", "Zoe", "Caleb", "Aaliyah"]),
        Culture(language: "Spanish", weight: 28,
                surnames: ["Garcia", "Hernandez", "Lopez", "Martinez", "Gonzalez", "Ramirez", "Torres", "Flores", "Rivera", "Morales", "Castillo", "Ortiz"],
                women: ["Maria", "Guadalupe", "Rosa", "Veronica", "Adriana", "Claudia", "Yesenia"],
                men: ["Jose", "Juan", "Miguel", "Alejandro", "Ricardo", "Fernando", "Jesus"],
                childNames: ["Sofia", "Mateo", "Valentina", "Santiago", "Camila", "Diego", "Isabella", "Emiliano"]),
        Culture(language: "Vietnamese", weight: 8,
                surnames: ["Tran", "Le", "Pham", "Hoang", "Vo"],
                women: ["Linh", "Thao", "Mai", "Huong"], men: ["Minh", "Tuan", "Duc", "Quang"],
                childNames: ["An", "Bao", "Khanh", "Ngoc", "Vy"]),
        Culture(language: "Arabic", weight: 6,
                surnames: ["Haddad", "Khalil", "Nasser", "Saleh"],
                women: ["Fatima", "Layla", "Noor", "Amal"], men: ["Ahmed", "Yusuf", "Khaled", "Omar"],
                childNames: ["Zain", "Maryam", "Adam", "Lina"]),
        Culture(language: "Somali", weight: 4,
                surnames: ["Abdi", "Farah", "Hassan", "Warsame"],
                women: ["Hodan", "Amina", "Sahra"], men: ["Abdirahman", "Mohamed", "Ismail"],
                childNames: ["Hamza", "Ayaan", "Ilhan", "Bilal"]),
        Culture(language: "Haitian Creole", weight: 4,
                surnames: ["Joseph", "Pierre", "Jean-Baptiste", "Charles"],
                women: ["Widline", "Marie", "Nadège"], men: ["Jean", "Wilner", "Fritz"],
                childNames: ["Kervens", "Daphnée", "Stanley", "Mikaëlla"]),
    ]

    static let streets = ["Orange Street", "Magnolia Avenue", "Lime Street", "Palm Drive", "Chicago Avenue",
                          "Jurupa Avenue", "Arlington Avenue", "Victoria Avenue", "Cypress Lane", "Mission Boulevard"]
}

/// A small deterministic random number generator (SplitMix64), so the demo is the same on every start.
struct SeededRandom {
    private var generator: SeededGenerator

    init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    mutating func next(_ upperBound: Int) -> Int {
        Int(generator.next() % UInt64(max(upperBound, 1)))
    }

    mutating func weighted(_ weights: [Int]) -> Int {
        var pick = next(weights.reduce(0, +))
        for (index, weight) in weights.enumerated() {
            if pick < weight { return index }
            pick -= weight
        }
        return weights.count - 1
    }
}
