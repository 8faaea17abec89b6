import Fluent
import Foundation
import PartnershipRules
import Vapor

/// The demo program: two sites, staff in every role, about 60 families of realistic variety, and the
/// Alvarez family from the Family Partnership Process scenario. Loaded only into an empty database.
enum DemoProgram {
    static let password = "demo-password-2026"

    struct Person {
        let name: String
        let email: String
        let roles: Set<StaffRole>
        let languages: String
        let site: Int?
    }

    static let staff: [Person] = [
        Person(name: "Terry Okafor", email: "admin@demo.fpp.test", roles: [.admin], languages: "English", site: nil),
        Person(name: "Grace Whitfield", email: "director@demo.fpp.test", roles: [.director], languages: "English", site: nil),
        Person(name: "Luis Romero", email: "manager@demo.fpp.test", roles: [.manager], languages: "English, Spanish", site: 0),
        Person(name: "Monica Reyes", email: "monica@demo.fpp.test", roles: [.familyServiceWorker], languages: "English, Spanish", site: 0),
        Person(name: "Keisha Brown", email: "keisha@demo.fpp.test", roles: [.familyServiceWorker], languages: "English", site: 1),
        Person(name: "Hoa Nguyen", email: "hoa@demo.fpp.test", roles: [.familyServiceWorker], languages: "English, Vietnamese", site: 1),
        Person(name: "Jackie Morgan", email: "jackie@demo.fpp.test", roles: [.teacher], languages: "English", site: 0),
        Person(name: "Omar Haddad", email: "omar@demo.fpp.test", roles: [.teacher], languages: "English, Arabic", site: 1),
        Person(name: "Sabina Petrova", email: "sabina@demo.fpp.test", roles: [.homeVisitor], languages: "English", site: 0),
        Person(name: "Rosa Delgado", email: "rosa@demo.fpp.test", roles: [.homeVisitor], languages: "English, Spanish", site: 1),
        Person(name: "Dr. Renee Walker", email: "renee@demo.fpp.test", roles: [.specialist], languages: "English", site: nil),
        Person(name: "Sam Patel", email: "data@demo.fpp.test", roles: [.dataViewer], languages: "English", site: nil),
        Person(name: "Dana Brooks", email: "cps@demo.fpp.test", roles: [.partner], languages: "English", site: nil),
    ]

    /// Loads the demo program when the database has no program yet, and prints where to sign in.
    static func loadIfEmpty(_ app: Application, port: Int) async throws {
        if try await Program.query(on: app.db).count() == 0 {
            let hash = try await app.password.async.hash(password)
            try await app.db.transaction { db in try await load(on: db, passwordHash: hash, today: app.clock.today) }
            app.logger.notice("Loaded the demo program.")
        }
        var lines = ["", "Family Partnership demo: open http://localhost:\(port)/ and sign in with password \"\(password)\" as:"]
        for person in staff {
            lines.append("  \(person.email.padding(toLength: 26, withPad: " ", startingAt: 0)) \(person.name), \(person.roles.map(\.label).sorted().joined(separator: ", "))")
        }
        lines.append("")
        print(lines.joined(separator: "\n"))
    }

    static func load(on db: any Database, passwordHash: String, today: CalendarDate) async throws {
        let yearStart = CalendarDate(year: today.month >= 8 ? today.year : today.year - 1, month: 8, day: 15)!
        let program = Program(name: "Riverside Community Head Start", grantee: "Riverside Community Action Agency",
                              servesHeadStart: true, servesEarlyHeadStart: true,
                              options: [.centerBased, .homeBased, .familyChildCare], programYearStart: yearStart)
        try await program.createWithStarterSets(on: db)
        let programID = try program.requireID()
        let sites = [
            Site(programID: programID, name: "Maple Street Center", address: "410 Maple Street, Riverside"),
            Site(programID: programID, name: "Eastside Family Center", address: "88 Harbor Avenue, Riverside"),
        ]
        for site in sites { try await site.create(on: db) }

        var byEmail: [String: Staff] = [:]
        for person in staff {
            let member = Staff(programID: programID, siteID: person.site.map { sites[$0].id! }, name: person.name,
                               email: person.email, passwordHash: passwordHash, roles: person.roles, languages: person.languages)
            try await member.create(on: db)
            byEmail[person.email] = member
        }
        let manager = byEmail["manager@demo.fpp.test"]!
        for email in ["monica", "keisha", "hoa", "sabina", "rosa"].map({ "\($0)@demo.fpp.test" }) {
            byEmail[email]!.$supervisor.id = manager.id
            try await byEmail[email]!.save(on: db)
        }
        let team = DemoTeam(byEmail: byEmail, sites: sites)
        try await DemoFamilies.alvarez(programID: programID, team: team, yearStart: yearStart, today: today, on: db)
        try await DemoFamilies.generated(count: 59, programID: programID, team: team, yearStart: yearStart, today: today, on: db)
        try await DemoPartnership.load(programID: programID, team: team, yearStart: yearStart, today: today, on: db)
        try await DemoDirectory.load(programID: programID, today: today, on: db)
        try await DemoReferrals.load(programID: programID, yearStart: yearStart, today: today, on: db)
        try await DemoPrivacy.load(programID: programID, team: team, today: today, on: db)
        try await DemoVisits.load(programID: programID, team: team, yearStart: yearStart, today: today, on: db)
    }
}

/// The demo staff, as the family generator uses them.
struct DemoTeam {
    let byEmail: [String: Staff]
    let sites: [Site]

    func id(_ name: String) -> UUID { byEmail["\(name)@demo.fpp.test"]!.id! }
}
