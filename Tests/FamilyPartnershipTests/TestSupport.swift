@testable import FamilyPartnership
import Fluent
import Foundation
import PartnershipRules
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Runs `body` against a fresh app on a fresh database: in-memory SQLite by default, or a new schema of the
/// PostgreSQL database named by `FPP_TEST_DATABASE_URL` (dropped afterwards), so tests can run in parallel.
func withTestApp(configure adjust: (inout AppSettings) -> Void = { _ in },
                 _ body: (Application, Fixture) async throws -> Void) async throws {
    try await withApp { app in
        let settings = testSettings(adjust)
        try await start(app, settings: settings)
        let fixture = try await Fixture.make(on: app.db, password: app.password)
        do {
            try await body(app, fixture)
        } catch {
            try? await dropSchema(app, settings)
            throw error
        }
        try await dropSchema(app, settings)
    }
}

/// The moment every test runs at, whatever day it really is: a Sunday morning in Chicago, in the program year
/// that started on 2026-08-15. Tests about other moments (a daylight-saving change, a year's turn) set their own.
let testNow = Date(timeIntervalSince1970: 1_795_968_000) // 2026-11-29 16:00 UTC, 10:00 in Chicago
let testZone = TimeZone(identifier: "America/Chicago")!
let testToday = CalendarDate("2026-11-29")!

func testSettings(_ adjust: (inout AppSettings) -> Void = { _ in }) -> AppSettings {
    let url = ProcessInfo.processInfo.environment["FPP_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    var settings = AppSettings(databaseURL: url)
    settings.passwordCost = 4
    settings.clock = ProgramClock(zone: testZone, now: { testNow })
    if url != nil {
        settings.postgresSchema = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
    } else {
        settings.sqlitePath = ":memory:"
    }
    adjust(&settings)
    return settings
}

func start(_ app: Application, settings: AppSettings) async throws {
    try FamilyPartnership.configure(app, settings: settings)
    app.logger.logLevel = .warning
    if let schema = settings.postgresSchema {
        try await (app.db as! any SQLDatabase).raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run()
    }
    try await prepareDatabase(app)
    try await app.autoMigrate()
}

func dropSchema(_ app: Application, _ settings: AppSettings) async throws {
    if let schema = settings.postgresSchema {
        try await (app.db as! any SQLDatabase).raw("DROP SCHEMA \(ident: schema) CASCADE").run()
    }
}

var isPostgres: Bool { ProcessInfo.processInfo.environment["FPP_TEST_DATABASE_URL"].map { !$0.isEmpty } ?? false }

/// A program with a staff member in every role, a second program, and families on known teams:
/// `family` has the family service worker (point of contact) and the specialist on its team;
/// `teacherFamily` has the teacher; `otherProgramFamily` belongs to the other program.
struct Fixture {
    static let password = "correct horse battery"

    let programID: UUID
    let sites: [Site]
    let staff: [StaffRole: Staff]
    let otherProgramStaff: Staff
    let family: Family
    let teacherFamily: Family
    let otherProgramFamily: Family
    let child: FamilyMember
    /// The program's child welfare partner; the partner role's account works for it.
    let partner: PartnerAgency

    func email(_ role: StaffRole) -> String { staff[role]!.email }
    func id(_ role: StaffRole) -> UUID { staff[role]!.id! }

    /// The fixture, made as a program's people would make it: through the commands, each by the role that may.
    static func make(on db: any Database, password: Application.Password, clock: ProgramClock = testClock) async throws -> Fixture {
        let program = try await ProgramCommands.createProgram(
            Program(name: "Test Head Start", grantee: "Test Agency", servesHeadStart: true, servesEarlyHeadStart: true,
                    options: [.centerBased, .homeBased], programYearStart: CalendarDate("2026-08-15")!), on: db)
        let (admin, _) = try await AccountCommands.createAdmin(email: "admin@test.example", name: "Test admin", program: nil, for: program,
                                                               password: Self.password, passwords: password, clock: clock, on: db)
        var staff: [StaffRole: Staff] = [.admin: admin]
        var contexts: [StaffRole: Context] = [.admin: try await context(admin, db: db, clock: clock)]
        var sites: [Site] = []
        var partner: PartnerAgency?
        for role in [StaffRole.director, .manager, .familyServiceWorker, .homeVisitor, .teacher, .specialist, .dataViewer, .partner] {
            if role == .partner {
                var input = PartnerInput()
                input.name = "County Child Welfare"
                input.kind = PartnerKind.childWelfare.rawValue
                input.level = PartnershipLevel.coordination.rawValue
                partner = try await PartnerCommands.add(input, in: contexts[.manager]!)
            }
            var input = StaffInput()
            input.name = "Test \(role.rawValue)"
            input.email = "\(role.rawValue)@test.example"
            input.roles = [role.rawValue]
            input.languages = "English"
            input.status = StaffStatus.active.rawValue
            input.password = Self.password
            input.siteID = role == .director || role == .partner ? nil : sites.first?.id?.uuidString
            input.partnerAgencyID = role == .partner ? partner?.id?.uuidString : nil
            let member = try await AccountCommands.createStaff(input, passwords: password, in: contexts[.admin]!)
            staff[role] = member
            contexts[role] = try await context(member, db: db, clock: clock)
            if role == .director {
                for name in ["North Center", "South Center"] {
                    sites.append(try await SetUpCommands.addSite(SiteInput(name: name), in: contexts[.director]!))
                }
            }
        }
        let other = try await ProgramCommands.createProgram(
            Program(name: "Other Program", grantee: "Other", servesHeadStart: true, servesEarlyHeadStart: false,
                    options: [.centerBased], programYearStart: CalendarDate("2026-08-15")!), on: db)
        let (otherAdmin, _) = try await AccountCommands.createAdmin(email: "otheradmin@test.example", name: "Other admin", program: nil,
                                                                    for: other, password: Self.password, passwords: password, clock: clock, on: db)
        var otherInput = StaffInput()
        otherInput.name = "Other Worker"
        otherInput.email = "other@test.example"
        otherInput.roles = [StaffRole.familyServiceWorker.rawValue, StaffRole.director.rawValue]
        otherInput.languages = "English"
        otherInput.status = StaffStatus.active.rawValue
        otherInput.password = Self.password
        let otherWorker = try await AccountCommands.createStaff(otherInput, passwords: password,
                                                                in: context(otherAdmin, db: db, clock: clock))

        let family = try await Family.make(on: db, program: program.id!, name: "Rivera family", phone: "5551230001",
                                           team: [(staff[.familyServiceWorker]!, .familyServiceWorker), (staff[.specialist]!, .mentalHealthConsultant)])
        let worker = contexts[.familyServiceWorker]!
        var child = MemberInput(kind: .child)
        child.name = "Lucia Rivera"
        child.dateOfBirth = "2022-03-04"
        child.programType = ProgramType.headStart.rawValue
        let lucia = try await FamilyCommands.addMember(to: family.requireID(), child, in: worker)
        var adult = MemberInput(kind: .adult)
        adult.name = "Ana Rivera"
        adult.relationship = Relationship.mother.rawValue
        _ = try await FamilyCommands.addMember(to: family.requireID(), adult, in: worker)
        let teacherFamily = try await Family.make(on: db, program: program.id!, name: "Chen family", phone: "5551230002",
                                                  team: [(staff[.teacher]!, .teacher)])
        let otherFamily = try await Family.make(on: db, program: other.id!, name: "Outside family", phone: "5551230003",
                                                team: [(otherWorker, .familyServiceWorker)])
        return Fixture(programID: program.id!, sites: sites, staff: staff, otherProgramStaff: otherWorker,
                       family: try await Family.find(family.id, on: db).orThrow(), teacherFamily: teacherFamily,
                       otherProgramFamily: otherFamily, child: lucia, partner: partner!)
    }

    private static func context(_ staff: Staff, db: any Database, clock: ProgramClock) async throws -> Context {
        let signedIn = try #require(try await StaffAuthenticator().load(staffID: staff.requireID(), on: db, viaAPIToken: false))
        return Context(staff: signedIn, db: db, clock: clock, auditor: .system(signedIn, channel: "test"))
    }
}

/// The clock every test runs on unless it sets its own.
let testClock = ProgramClock(zone: testZone, now: { testNow })

/// The context a program's director (or, for a program without one, its administrator) works in: what the
/// factories below use to make records the way staff would.
func directorContext(program: UUID, on db: any Database) async throws -> Context {
    let director = try await Staff.query(on: db).filter(\.$program.$id == program).all()
        .first { $0.roles.contains(.director) }.orThrow()
    let signedIn = try #require(try await StaffAuthenticator().load(staffID: director.requireID(), on: db, viaAPIToken: false))
    return Context(staff: signedIn, db: db, clock: testClock, auditor: .system(signedIn, channel: "test"))
}

extension Consent {
    /// A consent for `family` to share `categories` with `partner`, current from today for a year unless dates are given.
    static func make(family: UUID, partner: UUID, categories: Set<RecordCategory>, startsOn: CalendarDate = testToday,
                     endsOn: CalendarDate? = nil, on db: any Database) async throws -> Consent {
        let record = try await Family.find(family, on: db).orThrow()
        let adults = try await FamilyMember.query(on: db).filter(\.$family.$id == family).filter(\.$kind == .adult).all()
        let input = ConsentInput(partnerAgencyID: partner.uuidString, givenBy: adults.first?.name ?? "Ana Rivera",
                                 categories: categories.map(\.rawValue), purpose: "Coordinate the family's case plan",
                                 startsOn: startsOn.description, endsOn: (endsOn ?? startsOn.adding(years: 1)).description,
                                 method: ConsentMethod.signedForm.rawValue)
        return try await PrivacyCommands.recordConsent(input, family: family, in: directorContext(program: record.$program.id, on: db))
    }
}

extension Family {
    /// A realistic enrolled family in one line, added, enrolled and given its team by the program's director;
    /// the first family service worker of the team is the point of contact.
    static func make(on db: any Database, program: UUID, name: String, phone: String? = nil,
                     team: [(Staff, TeamRole)] = []) async throws -> Family {
        let ctx = try await directorContext(program: program, on: db)
        var input = FamilyInput()
        input.householdName = name
        input.preferredLanguage = "English"
        input.phone = phone
        input.appliedOn = "2026-08-01"
        input.pointOfContactID = team.first { $0.1 == .familyServiceWorker }?.0.id?.uuidString
        input.confirmNew = true
        let family = try await FamilyCommands.create(input, in: ctx)
        var enrollment = EnrollmentInput()
        enrollment.action = "enroll"
        enrollment.date = "2026-08-20"
        let enrolled = try await FamilyCommands.changeEnrollment(family.requireID(), enrollment, basedOn: .unknown, in: ctx)
        for (staff, role) in team {
            try await FamilyCommands.addToTeam(enrolled.requireID(), TeamInput(staffID: staff.id!.uuidString, role: role.rawValue), in: ctx)
        }
        return enrolled
    }
}

/// A browser in miniature: keeps the site's cookies (the session, and the form token's before sign-in) and the
/// form token, signs in through the real form.
final class TestClient {
    let app: Application
    private(set) var cookies: [String: String] = [:]
    /// The session cookie, if there is a session.
    var cookie: String? { cookies["fpp_session"] }
    private(set) var csrf: String?
    var bearer: String?

    init(_ app: Application) { self.app = app }

    @discardableResult
    func signIn(_ email: String, password: String = Fixture.password) async throws -> TestingHTTPResponse {
        _ = try await get("/sign-in")
        return try await post("/sign-in", ["email": email, "password": password])
    }

    func get(_ path: String) async throws -> TestingHTTPResponse {
        try await send(.GET, path, body: nil, contentType: nil)
    }

    /// A form post with the session's token added (unless `csrf: false`).
    func post(_ path: String, _ form: [String: String] = [:], csrf includeToken: Bool = true) async throws -> TestingHTTPResponse {
        var fields = form
        if includeToken, let csrf { fields["csrf"] = csrf }
        return try await send(.POST, path, body: formEncode(fields), contentType: "application/x-www-form-urlencoded")
    }

    /// A form post whose fields may repeat (checkbox lists such as `outcomes[]`).
    func post(_ path: String, pairs: [(String, String)]) async throws -> TestingHTTPResponse {
        var fields = pairs
        if let csrf { fields.append(("csrf", csrf)) }
        return try await send(.POST, path, body: formEncode(fields), contentType: "application/x-www-form-urlencoded")
    }

    func json(_ method: HTTPMethod, _ path: String, _ body: String? = nil) async throws -> TestingHTTPResponse {
        try await send(method, path, body: body, contentType: body == nil ? nil : "application/json")
    }

    func send(_ method: HTTPMethod, _ path: String, body: String?, contentType: String?,
              headers extra: [String: String] = [:]) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        for (name, value) in extra { headers.add(name: name, value: value) }
        if !cookies.isEmpty {
            headers.add(name: .cookie, value: cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        if let bearer { headers.bearerAuthorization = BearerAuthorization(token: bearer) }
        if let contentType { headers.add(name: .contentType, value: contentType) }
        let response = try await app.testing().sendRequest(method, path, headers: headers,
                                                            body: body.map { ByteBuffer(string: $0) })
        for name in ["fpp_session", "fpp_csrf"] {
            if let set = response.headers.setCookie?[name] { cookies[name] = set.string.isEmpty ? nil : set.string }
        }
        if let token = Self.csrfToken(in: response.body.string) { csrf = token }
        // Every id the app writes is in lower case, in JSON as in pages.
        if let upper = response.body.string.range(of: "[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}", options: .regularExpression),
           response.body.string[upper].contains(where: { $0.isLetter }) {
            Issue.record("\(method) \(path) wrote an upper-case id: \(response.body.string[upper])")
        }
        return response
    }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: "name=\"csrf\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    private func formEncode(_ fields: [String: String]) -> String {
        formEncode(fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    private func formEncode(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { key, value in
            "\(key.addingPercentEncoding(withAllowedCharacters: allowed)!)=\(value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
    }
}

extension TestingHTTPResponse {
    var text: String { body.string }
    var location: String? { headers.first(name: .location) }
    func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) }
}

extension UUID {
    var path: String { uuidString.lowercased() }
}

extension Agreement {
    /// This program year's agreement for `family`, started by the program's director on `started` (today).
    static func make(family: UUID, program: UUID, started: CalendarDate = testToday, on db: any Database) async throws -> Agreement {
        try await AgreementCommands.start(StartInput(startedOn: started.description), family: family,
                                          in: directorContext(program: program, on: db))
    }
}

extension Goal {
    /// An active family goal serving `outcome`.
    static func make(in agreement: Agreement, _ text: String, outcome: Outcome = .learners, on db: any Database) async throws -> Goal {
        let family = try await Family.find(agreement.$family.id, on: db).orThrow()
        var input = GoalInput()
        input.kind = GoalKind.family.rawValue
        input.outcomes = [outcome.rawValue]
        input.goal = text
        return try await AgreementCommands.createGoal(input, family: family.requireID(), in: directorContext(program: family.$program.id, on: db))
    }
}

extension Visit {
    /// A visit of the program's type named `type`, scheduled for `day` at 10:00 with `staff` attending (the family's
    /// point of contact when none are named), and recorded when `status` is completed.
    static func make(family: UUID, program: UUID, type: String, day: CalendarDate = testToday, status: VisitStatus = .scheduled,
                     staff: [UUID] = [], on db: any Database) async throws -> Visit {
        let ctx = try await directorContext(program: program, on: db)
        let visitType = try await VisitType.query(on: db).filter(\.$program.$id == program).filter(\.$name == type).first()!
        let pointOfContact = try await Family.find(family, on: db)?.$pointOfContact.id
        var input = VisitInput()
        input.typeID = visitType.id!.uuidString
        input.date = day.description
        input.startsAt = "10:00"
        input.plannedMinutes = "45"
        input.place = VisitPlace.home.rawValue
        input.familyAgreed = true
        input.agreementWay = ContactMedium.phone.rawValue
        input.staff = (staff.isEmpty ? [pointOfContact ?? ctx.staff.staffID] : staff).map(\.uuidString)
        input.despiteClash = true  // tests place visits where they need them
        var visit = try await VisitCommands.schedule(input, family: family, in: ctx)[0]
        switch status {
        case .scheduled: break
        case .completed:
            var record = VisitRecordInput()
            record.actualMinutes = "45"
            visit = try await VisitCommands.record(visit.requireID(), family: family, record, basedOn: .unknown, in: ctx).0
        default:
            visit = try await VisitCommands.changeStatus(visit.requireID(), family: family, VisitStatusInput(status: status.rawValue),
                                                         basedOn: .unknown, in: ctx).visit
        }
        return visit
    }
}

/// The context commands run in for `staff`, as the app builds it for their requests.
func context(_ app: Application, _ staff: UUID) async throws -> Context {
    let signedIn = try #require(try await StaffAuthenticator().load(staffID: staff, on: app.db, viaAPIToken: false))
    return Context(staff: signedIn, db: app.db, clock: app.clock, auditor: .system(signedIn, channel: "test"))
}

/// Logs a phone contact with the family `daysAgo` days before the test day, through the command.
@discardableResult
func logContact(_ family: UUID, daysAgo: Int, summary: String = "Called", by ctx: Context) async throws -> Contact {
    var contact = ContactInput()
    contact.date = testToday.adding(days: -daysAgo).description
    contact.medium = ContactMedium.phone.rawValue
    contact.startedBy = ContactStarter.staff.rawValue
    contact.minutes = "5"
    contact.summary = summary
    return try await VisitCommands.logContact(contact, family: family, in: ctx)
}
