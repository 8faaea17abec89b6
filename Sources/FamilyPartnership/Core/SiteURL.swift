import Foundation
import Vapor

/// Every page's URL, defined once: used to register its route and to build links to it.
enum SiteURL: Sendable, Equatable {
    case home
    case toDo(String)
    case signIn
    case signOut
    case health
    case metrics
    case familyNew
    case familyImport
    case familyImportFile(UUID)
    case family(UUID)
    case familyHistory(UUID, list: String)
    case familyEdit(UUID)
    case familyEnrollment(UUID)
    case familyTeam(UUID)
    case familyTeamRemove(UUID, staff: UUID)
    case memberNew(UUID)
    case memberEdit(UUID, member: UUID)
    case assessmentNew(UUID)
    case assessment(UUID, assessment: UUID)
    case assessmentNeeds(UUID, assessment: UUID)
    case agreement(UUID)
    case agreementPrint(UUID)
    case agreementReviews(UUID)
    case agreementAcknowledgements(UUID)
    case agreementSupervisorReviews(UUID)
    case familyMeetings(UUID)
    case supervision(UUID)
    case goalNew(UUID)
    case goal(UUID, goal: UUID)
    case goalEdit(UUID, goal: UUID)
    case goalState(UUID, goal: UUID)
    case goalSteps(UUID, goal: UUID)
    case goalStep(UUID, goal: UUID, step: UUID)
    case goalNotes(UUID, goal: UUID)
    case instruments
    case instrumentNew
    case instrument(UUID)
    case instrumentExport(UUID)
    case instrumentDetails(UUID)
    case instrumentCopy(UUID)
    case instrumentItemNew(UUID)
    case instrumentItem(UUID, key: String)
    case referralNew(UUID)
    case referral(UUID, referral: UUID)
    case referralStatus(UUID, referral: UUID)
    case serviceNew(UUID)
    case agencyPlanNew(UUID)
    case needMet(UUID, need: UUID)
    case familyPrivacy(UUID)
    case consentNew(UUID)
    case consentRevoke(UUID, consent: UUID)
    case familyShare(UUID)
    case disclosureNew(UUID)
    case recordRequestNew(UUID)
    case recordRequest(UUID, request: UUID)
    case familyExport(UUID)
    case visitNew(UUID)
    case visit(UUID, visit: UUID)
    case visitStatus(UUID, visit: UUID)
    case visitRecord(UUID, visit: UUID)
    case contactNew(UUID)
    case visitsDeclined(UUID)
    case visits
    case week
    case trainings
    case draws
    case draw(UUID)
    case timeReport
    case timeReportCSV
    case calendarFeed(String)
    case settingsCalendar
    case partners
    case partnerNew
    case partner(UUID)
    case partnerEdit(UUID)
    case partnerLevel(UUID)
    case partnerMeetings(UUID)
    case sharedFamilies
    case sharedFamily(UUID)
    case familyServicesReport
    case programSettings
    case programCategories
    case visitSettings
    case programSetUp
    case programDetails
    case sites
    case site(UUID)
    case classrooms
    case classroom(UUID)
    case visitTypeNew
    case visitType(UUID)
    case providers
    case providerNew
    case provider(UUID)
    case providerEdit(UUID)
    case providerVerify(UUID)
    case providersImport
    case providersExport
    case caseloads
    case caseloadsUnassigned
    case caseload(UUID)
    case caseloadExceptions(UUID)
    case caseloadAbsences(UUID)
    case absenceCover(UUID)
    case absenceReturn(UUID)
    case staffIndex
    case staffNew
    case staffImport
    case staffEdit(UUID)
    case settings
    case settingsPassword
    case settingsTokens
    case settingsTokenRevoke(UUID)

    private var segments: [PathSegment] {
        switch self {
        case .home: []
        case .toDo(let section): ["to-do", .key("section", section)]
        case .signIn: ["sign-in"]
        case .signOut: ["sign-out"]
        case .health: ["health"]
        case .metrics: ["metrics"]
        case .familyNew: ["families", "new"]
        case .familyImport: ["families", "import"]
        case .familyImportFile(let id): ["families", "import", .id("importID", id)]
        case .family(let id): ["families", .id("familyID", id)]
        case .familyHistory(let id, let list): ["families", .id("familyID", id), "history", .key("list", list)]
        case .familyEdit(let id): ["families", .id("familyID", id), "edit"]
        case .familyEnrollment(let id): ["families", .id("familyID", id), "enrollment"]
        case .familyTeam(let id): ["families", .id("familyID", id), "team"]
        case .familyTeamRemove(let id, let staff): ["families", .id("familyID", id), "team", .id("staffID", staff), "remove"]
        case .memberNew(let id): ["families", .id("familyID", id), "members", "new"]
        case .memberEdit(let id, let member): ["families", .id("familyID", id), "members", .id("memberID", member), "edit"]
        case .assessmentNew(let id): ["families", .id("familyID", id), "assessments", "new"]
        case .assessment(let id, let a): ["families", .id("familyID", id), "assessments", .id("assessmentID", a)]
        case .assessmentNeeds(let id, let a): ["families", .id("familyID", id), "assessments", .id("assessmentID", a), "needs"]
        case .agreement(let id): ["families", .id("familyID", id), "agreement"]
        case .agreementPrint(let id): ["families", .id("familyID", id), "agreement", "print"]
        case .agreementReviews(let id): ["families", .id("familyID", id), "agreement", "reviews"]
        case .agreementAcknowledgements(let id): ["families", .id("familyID", id), "agreement", "acknowledgements"]
        case .agreementSupervisorReviews(let id): ["families", .id("familyID", id), "agreement", "supervisor-reviews"]
        case .familyMeetings(let id): ["families", .id("familyID", id), "meetings"]
        case .supervision(let id): ["staff", .id("staffID", id), "supervision"]
        case .goalNew(let id): ["families", .id("familyID", id), "goals", "new"]
        case .goal(let id, let goal): ["families", .id("familyID", id), "goals", .id("goalID", goal)]
        case .goalEdit(let id, let goal): ["families", .id("familyID", id), "goals", .id("goalID", goal), "edit"]
        case .goalState(let id, let goal): ["families", .id("familyID", id), "goals", .id("goalID", goal), "state"]
        case .goalSteps(let id, let goal): ["families", .id("familyID", id), "goals", .id("goalID", goal), "steps"]
        case .goalStep(let id, let goal, let step): ["families", .id("familyID", id), "goals", .id("goalID", goal), "steps", .id("stepID", step)]
        case .goalNotes(let id, let goal): ["families", .id("familyID", id), "goals", .id("goalID", goal), "notes"]
        case .instruments: ["instruments"]
        case .instrumentNew: ["instruments", "new"]
        case .instrument(let id): ["instruments", .id("instrumentID", id)]
        case .instrumentExport(let id): ["instruments", .id("instrumentID", id), "export"]
        case .instrumentDetails(let id): ["instruments", .id("instrumentID", id), "details"]
        case .instrumentCopy(let id): ["instruments", .id("instrumentID", id), "copy"]
        case .instrumentItemNew(let id): ["instruments", .id("instrumentID", id), "items", "new"]
        case .instrumentItem(let id, let key): ["instruments", .id("instrumentID", id), "items", .key("itemKey", key)]
        case .referralNew(let id): ["families", .id("familyID", id), "referrals", "new"]
        case .referral(let id, let r): ["families", .id("familyID", id), "referrals", .id("referralID", r)]
        case .referralStatus(let id, let r): ["families", .id("familyID", id), "referrals", .id("referralID", r), "status"]
        case .serviceNew(let id): ["families", .id("familyID", id), "services", "new"]
        case .agencyPlanNew(let id): ["families", .id("familyID", id), "agency-plans", "new"]
        case .needMet(let id, let need): ["families", .id("familyID", id), "needs", .id("needID", need), "met"]
        case .familyPrivacy(let id): ["families", .id("familyID", id), "privacy"]
        case .consentNew(let id): ["families", .id("familyID", id), "consents", "new"]
        case .consentRevoke(let id, let c): ["families", .id("familyID", id), "consents", .id("consentID", c), "revoke"]
        case .familyShare(let id): ["families", .id("familyID", id), "share"]
        case .disclosureNew(let id): ["families", .id("familyID", id), "disclosures", "new"]
        case .recordRequestNew(let id): ["families", .id("familyID", id), "record-requests", "new"]
        case .recordRequest(let id, let r): ["families", .id("familyID", id), "record-requests", .id("requestID", r)]
        case .familyExport(let id): ["families", .id("familyID", id), "export"]
        case .visitNew(let id): ["families", .id("familyID", id), "visits", "new"]
        case .visit(let id, let v): ["families", .id("familyID", id), "visits", .id("visitID", v)]
        case .visitStatus(let id, let v): ["families", .id("familyID", id), "visits", .id("visitID", v), "status"]
        case .visitRecord(let id, let v): ["families", .id("familyID", id), "visits", .id("visitID", v), "record"]
        case .contactNew(let id): ["families", .id("familyID", id), "contacts", "new"]
        case .visitsDeclined(let id): ["families", .id("familyID", id), "visits", "declined"]
        case .visits: ["visits"]
        case .week: ["visits", "week"]
        case .trainings: ["trainings"]
        case .draws: ["visit-draws"]
        case .draw(let id): ["visit-draws", .id("drawID", id)]
        case .timeReport: ["visit-hours"]
        case .timeReportCSV: ["visit-hours.csv"]
        case .calendarFeed(let token): ["calendar", .key("token", token)]
        case .settingsCalendar: ["settings", "calendar"]
        case .partners: ["partners"]
        case .partnerNew: ["partners", "new"]
        case .partner(let id): ["partners", .id("partnerID", id)]
        case .partnerEdit(let id): ["partners", .id("partnerID", id), "edit"]
        case .partnerLevel(let id): ["partners", .id("partnerID", id), "levels"]
        case .partnerMeetings(let id): ["partners", .id("partnerID", id), "meetings"]
        case .sharedFamilies: ["shared"]
        case .sharedFamily(let id): ["shared", .id("familyID", id)]
        case .familyServicesReport: ["reports", "family-services"]
        case .programSettings: ["settings", "program"]
        case .programCategories: ["settings", "program", "categories"]
        case .visitSettings: ["settings", "program", "visits"]
        case .programSetUp: ["set-up"]
        case .programDetails: ["set-up", "program"]
        case .sites: ["set-up", "sites"]
        case .site(let id): ["set-up", "sites", .id("siteID", id)]
        case .classrooms: ["set-up", "classrooms"]
        case .classroom(let id): ["set-up", "classrooms", .id("classroomID", id)]
        case .visitTypeNew: ["settings", "program", "visit-types", "new"]
        case .visitType(let id): ["settings", "program", "visit-types", .id("typeID", id)]
        case .providers: ["providers"]
        case .providerNew: ["providers", "new"]
        case .provider(let id): ["providers", .id("providerID", id)]
        case .providerEdit(let id): ["providers", .id("providerID", id), "edit"]
        case .providerVerify(let id): ["providers", .id("providerID", id), "verify"]
        case .providersImport: ["providers", "import"]
        case .providersExport: ["providers", "export.csv"]
        case .staffIndex: ["staff"]
        case .caseloads: ["caseloads"]
        case .caseloadsUnassigned: ["caseloads", "unassigned"]
        case .caseload(let id): ["caseloads", .id("staffID", id)]
        case .caseloadExceptions(let id): ["caseloads", .id("staffID", id), "exceptions"]
        case .caseloadAbsences(let id): ["caseloads", .id("staffID", id), "absences"]
        case .absenceCover(let id): ["absences", .id("absenceID", id), "cover"]
        case .absenceReturn(let id): ["absences", .id("absenceID", id), "return"]
        case .staffNew: ["staff", "new"]
        case .staffImport: ["staff", "import"]
        case .staffEdit(let id): ["staff", .id("staffID", id), "edit"]
        case .settings: ["settings"]
        case .settingsPassword: ["settings", "password"]
        case .settingsTokens: ["settings", "tokens"]
        case .settingsTokenRevoke(let id): ["settings", "tokens", .id("tokenID", id), "revoke"]
        }
    }

    /// The link to this page.
    var path: String { PathSegment.path(segments) }

    /// The route pattern: parameters become `:name` (the UUID in the case is ignored).
    var pattern: [PathComponent] { PathSegment.pattern(segments) }
}

/// A piece of a URL path: fixed text, or a named UUID parameter.
enum PathSegment: Sendable, Equatable, ExpressibleByStringLiteral {
    case text(String)
    case id(String, UUID)
    /// A named text parameter, such as an instrument item's key (letters, digits, - and _ only).
    case key(String, String)

    init(stringLiteral value: String) { self = .text(value) }

    var text: String {
        switch self {
        case .text(let t): t
        case .id(_, let id): id.uuidString.lowercased()
        case .key(_, let key): key.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? key
        }
    }

    static func path(_ segments: [PathSegment]) -> String {
        "/" + segments.map(\.text).joined(separator: "/")
    }

    static func pattern(_ segments: [PathSegment]) -> [PathComponent] {
        segments.map {
            switch $0 {
            case .text(let t): .constant(t)
            case .id(let name, _), .key(let name, _): .parameter(name)
            }
        }
    }
}

extension UUID {
    /// Stands in for a parameter when a URL is used only for its route pattern.
    static let routeParameter = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
}

extension Request {
    /// "https://fpp.example.org", for links used outside the app (a calendar feed's address): `FPP_PUBLIC_URL`
    /// when set, otherwise the scheme and host this request came to.
    var siteAddress: String {
        application.settings.publicURL
            ?? "\(headers.first(name: "X-Forwarded-Proto") ?? "http")://\(headers.first(name: .host) ?? "localhost")"
    }

    /// A UUID path parameter; a malformed one is a page that does not exist, not a server error.
    func uuidParameter(_ name: String) throws -> UUID {
        guard let raw = parameters.get(name), let id = UUID(uuidString: raw) else { throw Abort(.notFound) }
        return id
    }
}
