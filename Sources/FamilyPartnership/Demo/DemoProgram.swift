import Fluent
import Foundation
import PartnershipRules
import Vapor

/// The demo program: two sites, staff in every role, about 85 families of realistic variety, and the
/// Alvarez family from the Family Partnership Process scenario. Loaded only into an empty database, and
/// entered the way staff would enter it: every record through the same commands, checks and audit as the
/// pages and the API, each by the staff member who would have made it.
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
            try await app.db.transaction { db in try await load(on: db, clock: app.clock, passwords: app.password) }
            app.logger.notice("Loaded the demo program.")
        }
        var lines = ["", "Family Partnership demo: open http://localhost:\(port)/ and sign in with password \"\(password)\" as:"]
        for person in staff {
            lines.append("  \(person.email.padding(toLength: 26, withPad: " ", startingAt: 0)) \(person.name), \(person.roles.map(\.label).sorted().joined(separator: ", "))")
        }
        lines.append("")
        print(lines.joined(separator: "\n"))
    }

    static func load(on db: any Database, clock: ProgramClock, passwords: Application.Password) async throws {
        let today = clock.today
        let yearStart = Program.typicalYearStart(around: today)
        let program = try await ProgramCommands.createProgram(
            Program(name: "Riverside Community Head Start", grantee: "Riverside Community Action Agency",
                    servesHeadStart: true, servesEarlyHeadStart: true,
                    options: [.centerBased, .homeBased, .familyChildCare], programYearStart: yearStart), on: db)
        let admin = staff[0]
        let (first, _) = try await AccountCommands.createAdmin(email: admin.email, name: admin.name, program: nil, for: program,
                                                               password: password, passwords: passwords, clock: clock, on: db)
        var team = DemoTeam(sites: [], contexts: [:], clock: clock)
        try await team.add(first, on: db)
        for person in staff.dropFirst() where !person.roles.contains(.partner) {
            var input = StaffInput()
            input.name = person.name
            input.email = person.email
            input.roles = person.roles.map(\.rawValue)
            input.languages = person.languages
            input.status = StaffStatus.active.rawValue
            input.password = password
            try await team.add(AccountCommands.createStaff(input, passwords: passwords, in: team.ctx("admin")), on: db)
            if person.roles.contains(.director) {
                for (name, address, phone) in [("Maple Street Center", "410 Maple Street, Riverside", "9515550140"),
                                                ("Eastside Family Center", "88 Harbor Avenue, Riverside", "9515550188")] {
                    team.sites.append(try await SetUpCommands.addSite(SiteInput(name: name, address: address, phone: phone), in: team.ctx("director")))
                }
            }
        }
        // Sites and supervisors, now that both exist.
        for person in staff.dropFirst() where !person.roles.contains(.partner) {
            let key = DemoTeam.key(person.email)
            let member = try await AccountCommands.findStaff(team.id(key), in: team.ctx("admin"))
            var input = StaffInput(member)
            input.siteID = person.site.map { team.sites[$0].id!.uuidString.lowercased() }
            if ["monica", "keisha", "hoa", "sabina", "rosa"].contains(key) { input.supervisorID = team.id("manager").uuidString.lowercased() }
            _ = try await AccountCommands.updateStaff(member.requireID(), input, basedOn: .version(member.version),
                                                      passwords: passwords, in: team.ctx("admin"))
        }
        try await team.reload(on: db)
        try await setUp(program, team: team, yearStart: yearStart)
        try await DemoFamilies.load(team: team, yearStart: yearStart, today: today)
        try await DemoPartnership.load(team: team, yearStart: yearStart, today: today)
        try await DemoDirectory.load(team: team, today: today)
        try await DemoReferrals.load(team: team, yearStart: yearStart, today: today)
        try await DemoPrivacy.load(team: team, today: today, passwords: passwords)
        try await DemoVisits.load(team: team, yearStart: yearStart, today: today)
        try await DemoCaseloads.leave(team: team, today: today)
        try await DemoCaseloads.supervision(team: team, today: today)
    }
}

extension DemoProgram {
    /// The program year's end and the classrooms, as a director sets them up: each center's classroom with its teacher.
    static func setUp(_ program: Program, team: DemoTeam, yearStart: CalendarDate) async throws {
        var details = ProgramProfileInput(program)
        details.programYearEnd = yearStart.adding(years: 1).adding(days: -1).description
        _ = try await SetUpCommands.updateProfile(details, basedOn: .version(program.version), in: team.ctx("director"))
        for (name, site, teacher) in [(DemoVisits.kindergartenRoster, 0, "jackie"), ("Blue Herons", 1, "omar")] {
            _ = try await SetUpCommands.addClassroom(ClassroomInput(name: name, siteID: team.sites[site].id!.uuidString, programOption: ProgramOption.centerBased.rawValue,
                                                                    teacherIDs: [team.id(teacher).uuidString]), in: team.ctx("director"))
        }
    }
}

/// The demo's staff, each with the context their commands run in, by the part of their email before the @
/// ("monica", "manager"), and the program's sites.
struct DemoTeam {
    var sites: [Site]
    var contexts: [String: Context]
    let clock: ProgramClock

    static func key(_ email: String) -> String { String(email.prefix { $0 != "@" }) }

    func ctx(_ name: String) -> Context { contexts[name]! }

    /// The staff member's context with the clock stopped on `day` (at ten in the morning), for records whose
    /// time is written by the clock, such as a disclosure made some days ago.
    func ctx(_ name: String, on day: CalendarDate) -> Context {
        let context = ctx(name)
        let moment = clock.moment(day, TimeOfDay("10:00")!) ?? clock.now
        return Context(staff: context.staff, db: context.db, clock: clock.stopped(at: moment), auditor: context.auditor)
    }

    func id(_ name: String) -> UUID { ctx(name).staff.staffID }

    func name(_ name: String) -> String { ctx(name).staff.name }

    mutating func add(_ staff: Staff, on db: any Database) async throws {
        guard let signedIn = try await StaffAuthenticator().load(staffID: staff.requireID(), on: db, viaAPIToken: false) else { return }
        contexts[Self.key(staff.email)] = Context(staff: signedIn, db: db, clock: clock, auditor: .system(signedIn, channel: "demo"))
    }

    /// Everyone's context again, after supervisors changed who sees whose families.
    mutating func reload(on db: any Database) async throws {
        for key in Array(contexts.keys) {
            let staff = try await Staff.find(contexts[key]!.staff.staffID, on: db).orThrow()
            try await add(staff, on: db)
        }
    }
}
