import Fluent
import Foundation
import PartnershipRules

/// The demo's families: the Alvarez family from the seed scenario, and generated households that vary in
/// language, shape, children's ages, program option and enrollment status. Deterministic, so every demo
/// start looks the same.
enum DemoFamilies {
    static func alvarez(programID: UUID, team: DemoTeam, yearStart: CalendarDate, today: CalendarDate,
                        on db: any Database) async throws {
        let family = Family(programID: programID, householdName: "Alvarez family", preferredLanguage: "Spanish and English",
                            enrollmentStatus: .enrolled)
        family.$site.id = team.sites[0].id
        family.addressLine = "1207 Willow Court"
        family.city = "Riverside"
        family.state = "CA"
        family.postalCode = "92501"
        family.phone = "9515550142"
        family.preferredChannel = .videoCall
        family.preferredTimes = "Weekly 15-minute check-in, Tuesday mornings; staying with Mr. Alvarez's sister"
        family.programOption = .centerBased
        family.appliedOn = yearStart.description
        family.enrolledOn = yearStart.description
        family.$pointOfContact.id = team.id("monica")
        try await family.create(on: db)
        let id = try family.requireID()

        let father = FamilyMember(familyID: id, kind: .adult, name: "Mateo Alvarez")
        father.relationship = .father
        father.isFatherFigure = true
        father.primaryLanguage = "Spanish"
        father.phone = "9515550142"
        let mother = FamilyMember(familyID: id, kind: .adult, name: "Lucia Alvarez")
        mother.relationship = .mother
        mother.primaryLanguage = "English and Spanish"
        mother.phone = "9515550187"
        let angel = FamilyMember(familyID: id, kind: .child, name: "Angel Alvarez")
        angel.dateOfBirth = months(before: today, 4 * 12 + 5).description
        angel.programType = .headStart
        angel.classroom = DemoVisits.kindergartenRoster
        let amaya = FamilyMember(familyID: id, kind: .child, name: "Amaya Alvarez")
        amaya.dateOfBirth = months(before: today, 6).description
        amaya.programType = .earlyHeadStart
        amaya.$homeVisitor.id = team.id("sabina")
        for member in [father, mother, angel, amaya] { try await member.create(on: db) }

        let roles: [(String, TeamRole)] = [("monica", .familyServiceWorker), ("jackie", .teacher),
                                           ("sabina", .homeVisitor), ("renee", .mentalHealthConsultant)]
        for (name, role) in roles { try await TeamMember(familyID: id, staffID: team.id(name), role: role).create(on: db) }
    }

    static func generated(count: Int, programID: UUID, team: DemoTeam, yearStart: CalendarDate,
                          today: CalendarDate, on db: any Database) async throws {
        var random = SeededRandom(seed: 2026)
        let workers = ["monica", "keisha", "hoa"]
        for index in 0..<count {
            let culture = cultures[random.weighted(cultures.map(\.weight))]
            let surname = culture.surnames[random.next(culture.surnames.count)]
            let status: EnrollmentStatus = index < 5 ? .exited : index < 12 ? .applied : .enrolled
            let site = index % 3 == 2 ? 1 : index % 2
            let option: ProgramOption = index % 5 == 0 ? .homeBased : index % 11 == 0 ? .familyChildCare : .centerBased
            let family = Family(programID: programID, householdName: "\(surname) family", preferredLanguage: culture.language,
                                enrollmentStatus: status)
            family.$site.id = team.sites[site].id
            family.addressLine = "\(100 + random.next(8900)) \(streets[random.next(streets.count)])"
            family.city = "Riverside"
            family.state = "CA"
            family.postalCode = ["92501", "92503", "92504", "92507"][random.next(4)]
            family.phone = "951555" + String(format: "%04d", 1000 + index * 37)
            family.preferredChannel = ContactChannel.allCases[random.next(ContactChannel.allCases.count)]
            family.programOption = option
            family.appliedOn = yearStart.adding(years: 0).description
            if status != .applied { family.enrolledOn = yearStart.description }
            if status == .exited {
                family.exitedOn = months(before: today, 1 + index).description
                family.exitReason = [ExitReason.movedAway, .needsBetterMetElsewhere, .noLongerInterested, .couldNotBeContacted, .other][index]
            }
            let worker = workers[index % workers.count]
            family.$pointOfContact.id = team.id(worker)
            try await family.create(on: db)
            let id = try family.requireID()

            let shape = random.next(10)
            let caregivers: [(Relationship, Bool)] = switch shape {
            case 0...4: [(.mother, false), (.father, true)]
            case 5, 6: [(.mother, false)]
            case 7: [(.father, true)]
            case 8: [(.grandparent, random.next(2) == 0)]
            default: [(random.next(2) == 0 ? .fosterParent : .kinCaregiver, false)]
            }
            for (relationship, fatherFigure) in caregivers {
                let adult = FamilyMember(familyID: id, kind: .adult,
                                         name: "\(culture.given(relationship, &random)) \(surname)")
                adult.relationship = relationship
                adult.isFatherFigure = fatherFigure
                adult.primaryLanguage = culture.language
                try await adult.create(on: db)
            }
            let home = option == .homeBased
            for childIndex in 0..<(1 + random.next(random.next(4) == 0 ? 3 : 2)) {
                let ageMonths = childIndex == 0 ? 36 + random.next(24) : 2 + random.next(32)
                let child = FamilyMember(familyID: id, kind: .child, name: "\(culture.childNames[random.next(culture.childNames.count)]) \(surname)")
                child.dateOfBirth = months(before: today, ageMonths).description
                child.programType = ageMonths >= 36 ? .headStart : .earlyHeadStart
                if ageMonths >= 36, !home { child.classroom = site == 0 ? DemoVisits.kindergartenRoster : "Blue Herons" }
                if home || ageMonths < 36 { child.$homeVisitor.id = team.id(site == 0 ? "sabina" : "rosa") }
                child.hasIFSPOrIEP = random.next(8) == 0
                child.inFosterCare = caregivers.first?.0 == .fosterParent
                try await child.create(on: db)
            }
            try await TeamMember(familyID: id, staffID: team.id(worker), role: .familyServiceWorker).create(on: db)
            if home {
                try await TeamMember(familyID: id, staffID: team.id(site == 0 ? "sabina" : "rosa"), role: .homeVisitor).create(on: db)
            } else {
                try await TeamMember(familyID: id, staffID: team.id(site == 0 ? "jackie" : "omar"), role: .teacher).create(on: db)
            }
            if index % 9 == 4 {
                try await TeamMember(familyID: id, staffID: team.id("renee"), role: .mentalHealthConsultant).create(on: db)
            }
        }
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
