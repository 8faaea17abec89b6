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

    static func make(on db: any Database, password: Application.Password) async throws -> Fixture {
        let hash = try await password.async.hash(Self.password)
        let program = Program(name: "Test Head Start", grantee: "Test Agency", servesHeadStart: true,
                              servesEarlyHeadStart: true, options: [.centerBased, .homeBased], programYearStart: CalendarDate("2026-08-15")!)
        try await program.createWithStarterSets(on: db)
        let sites = [Site(programID: program.id!, name: "North Center", address: nil),
                     Site(programID: program.id!, name: "South Center", address: nil)]
        for site in sites { try await site.create(on: db) }
        let partner = PartnerAgency()
        partner.$program.id = program.id!
        partner.name = "County Child Welfare"
        partner.kind = .childWelfare
        partner.level = .coordination
        try await partner.create(on: db)
        var staff: [StaffRole: Staff] = [:]
        for role in StaffRole.allCases {
            let member = Staff(programID: program.id!, siteID: sites[0].id, name: "Test \(role.rawValue)",
                               email: "\(role.rawValue)@test.example", passwordHash: hash, roles: [role], languages: "English")
            if role == .partner { member.$partnerAgency.id = partner.id }
            try await member.create(on: db)
            staff[role] = member
        }
        let other = Program(name: "Other Program", grantee: "Other", servesHeadStart: true, servesEarlyHeadStart: false,
                            options: [.centerBased], programYearStart: CalendarDate("2026-08-15")!)
        try await other.createWithStarterSets(on: db)
        let otherWorker = Staff(programID: other.id!, siteID: nil, name: "Other Worker", email: "other@test.example",
                                passwordHash: hash, roles: [.familyServiceWorker, .director], languages: "English")
        try await otherWorker.create(on: db)

        let family = try await Family.make(on: db, program: program.id!, name: "Rivera family", phone: "5551230001",
                                           team: [(staff[.familyServiceWorker]!, .familyServiceWorker), (staff[.specialist]!, .mentalHealthConsultant)])
        let child = FamilyMember(familyID: family.id!, kind: .child, name: "Lucia Rivera")
        child.dateOfBirth = "2022-03-04"
        child.programType = .headStart
        try await child.create(on: db)
        let adult = FamilyMember(familyID: family.id!, kind: .adult, name: "Ana Rivera")
        adult.relationship = .mother
        try await adult.create(on: db)
        let teacherFamily = try await Family.make(on: db, program: program.id!, name: "Chen family", phone: "5551230002",
                                                  team: [(staff[.teacher]!, .teacher)])
        let otherFamily = try await Family.make(on: db, program: other.id!, name: "Outside family", phone: "5551230003",
                                                team: [(otherWorker, .familyServiceWorker)])
        return Fixture(programID: program.id!, sites: sites, staff: staff, otherProgramStaff: otherWorker,
                       family: family, teacherFamily: teacherFamily, otherProgramFamily: otherFamily, child: child,
                       partner: partner)
    }
}

extension Consent {
    /// A consent for `family` to share `categories` with `partner`, current from today for a year unless dates are given.
    static func make(family: UUID, partner: UUID, categories: Set<RecordCategory>, startsOn: CalendarDate = testToday,
                     endsOn: CalendarDate? = nil, on db: any Database) async throws -> Consent {
        let consent = Consent()
        consent.$family.id = family
        consent.$partner.id = partner
        consent.givenBy = "Ana Rivera"
        consent.categoriesList = RecordCategory.formatList(categories)
        consent.purpose = "Coordinate the family's case plan"
        consent.startsOn = startsOn.description
        consent.endsOn = (endsOn ?? startsOn.adding(years: 1)).description
        consent.method = .signedForm
        consent.recordedByName = "Test"
        try await consent.create(on: db)
        return consent
    }
}

extension Family {
    /// A realistic enrolled family in one line; the first team member is the point of contact.
    static func make(on db: any Database, program: UUID, name: String, phone: String? = nil,
                     team: [(Staff, TeamRole)] = []) async throws -> Family {
        let family = Family(programID: program, householdName: name, preferredLanguage: "English", enrollmentStatus: .enrolled)
        family.phone = phone
        family.appliedOn = "2026-08-01"
        family.enrolledOn = "2026-08-20"
        family.$pointOfContact.id = team.first?.0.id
        try await family.create(on: db)
        for (staff, role) in team {
            try await TeamMember(familyID: family.id!, staffID: staff.id!, role: role).create(on: db)
        }
        return family
    }
}

/// A browser in miniature: keeps the session cookie and the form token, signs in through the real form.
final class TestClient {
    let app: Application
    private(set) var cookie: String?
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
        if let cookie { headers.add(name: .cookie, value: "fpp_session=\(cookie)") }
        if let bearer { headers.bearerAuthorization = BearerAuthorization(token: bearer) }
        if let contentType { headers.add(name: .contentType, value: contentType) }
        let response = try await app.testing().sendRequest(method, path, headers: headers,
                                                            body: body.map { ByteBuffer(string: $0) })
        if let set = response.headers.setCookie?["fpp_session"] {
            cookie = set.string.isEmpty ? nil : set.string
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
    /// This program year's agreement for `family`, started today.
    static func make(family: UUID, program: UUID, nextReview: CalendarDate = testToday.adding(days: 90),
                     on db: any Database) async throws -> Agreement {
        let agreement = Agreement()
        agreement.$family.id = family
        agreement.programYear = try await Program.find(program, on: db)!.year(containing: testToday).stored
        agreement.startedOn = testToday.description
        agreement.nextReviewOn = nextReview.description
        try await agreement.create(on: db)
        return agreement
    }
}

extension Goal {
    /// An active family goal serving `outcome`.
    static func make(in agreement: Agreement, _ text: String, outcome: Outcome = .learners, on db: any Database) async throws -> Goal {
        let goal = Goal()
        goal.$agreement.id = try agreement.requireID()
        goal.familyID = agreement.$family.id
        goal.kind = .family
        goal.outcomesList = outcome.rawValue
        goal.goal = text
        goal.state = .active
        goal.version = 1
        try await goal.create(on: db)
        return goal
    }
}

extension Visit {
    /// A visit of the program's type named `type`, scheduled for `day` at 10:00 with `staff` attending.
    static func make(family: UUID, program: UUID, type: String, day: CalendarDate = testToday, status: VisitStatus = .scheduled,
                     staff: [UUID] = [], on db: any Database) async throws -> Visit {
        let visitType = try await VisitType.query(on: db).filter(\.$program.$id == program).filter(\.$name == type).first()!
        let visit = Visit()
        visit.$family.id = family
        visit.$type.id = visitType.id!
        visit.status = status
        visit.scheduledOn = day.description
        visit.startsAt = "10:00"
        visit.plannedMinutes = 45
        visit.place = .home
        visit.familyAgreed = true
        visit.agreementWay = .phone
        if status == .completed { visit.actualMinutes = 45 }
        try await visit.create(on: db)
        for person in staff { try await VisitStaff(visit: visit.id!, staff: person).create(on: db) }
        return visit
    }
}

/// The context commands run in for `staff`, as the app builds it for their requests.
func context(_ app: Application, _ staff: UUID) async throws -> Context {
    let signedIn = try #require(try await StaffAuthenticator().load(staffID: staff, on: app.db, viaAPIToken: false))
    return Context(staff: signedIn, db: app.db, clock: app.clock, auditor: .system(signedIn, channel: "test"))
}
