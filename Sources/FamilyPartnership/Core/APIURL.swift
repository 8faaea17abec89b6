import Foundation
import Vapor

/// The JSON API's URLs, under `/api/v1`. The OpenAPI document's paths are built from the same list.
enum APIURL: Sendable, Equatable {
    case openAPI
    case me
    case families
    case family(UUID)
    case familyEnrollment(UUID)
    case members(UUID)
    case member(UUID, member: UUID)
    case team(UUID)
    case teamMember(UUID, staff: UUID)
    case instruments
    case instrument(UUID)
    case assessments(UUID)
    case assessment(UUID, assessment: UUID)
    case agreement(UUID)
    case agreementReviews(UUID)
    case agreementAcknowledgements(UUID)
    case goals(UUID)
    case goal(UUID, goal: UUID)
    case goalState(UUID, goal: UUID)
    case goalSteps(UUID, goal: UUID)
    case goalStep(UUID, goal: UUID, step: UUID)
    case goalNotes(UUID, goal: UUID)
    case serviceCategories
    case providers
    case provider(UUID)
    case referrals(UUID)
    case referral(UUID, referral: UUID)
    case referralStatus(UUID, referral: UUID)
    case services(UUID)
    case needMet(UUID, need: UUID)
    case agencyPlans(UUID)
    case consents(UUID)
    case consentRevoke(UUID, consent: UUID)
    case disclosures(UUID)
    case recordRequests(UUID)
    case recordRequestAnswer(UUID, request: UUID)
    case familyExport(UUID)
    case partners
    case partner(UUID)
    case partnerLevels(UUID)
    case partnerMeetings(UUID)
    case staffList
    case staff(UUID)
    case visitTypes
    case visits(UUID)
    case visit(UUID, visit: UUID)
    case visitStatus(UUID, visit: UUID)
    case visitRecord(UUID, visit: UUID)
    case contacts(UUID)
    case visitsDeclined(UUID)
    case trainings
    case draws
    case draw(UUID)
    case visitHours
    case caseloads
    case caseloadsUnassigned
    case caseload(UUID)
    case caseloadExceptions(UUID)
    case caseloadAbsences(UUID)
    case absenceCover(UUID)
    case absenceReturn(UUID)
    case supervisionNotes(UUID)
    case meetings(UUID)
    case supervisorReviews(UUID)
    case transitions(UUID)
    case accessHistory(UUID)
    case program
    case sites
    case site(UUID)
    case classrooms
    case classroom(UUID)
    case familyServicesReport
    case familyImports

    private var segments: [PathSegment] {
        let base: [PathSegment] = ["api", "v1"]
        switch self {
        case .openAPI: return base + ["openapi.json"]
        case .me: return base + ["me"]
        case .families: return base + ["families"]
        case .family(let id): return base + ["families", .id("familyID", id)]
        case .familyEnrollment(let id): return base + ["families", .id("familyID", id), "enrollment"]
        case .members(let id): return base + ["families", .id("familyID", id), "members"]
        case .member(let id, let member): return base + ["families", .id("familyID", id), "members", .id("memberID", member)]
        case .team(let id): return base + ["families", .id("familyID", id), "team"]
        case .teamMember(let id, let staff): return base + ["families", .id("familyID", id), "team", .id("staffID", staff)]
        case .instruments: return base + ["instruments"]
        case .instrument(let id): return base + ["instruments", .id("instrumentID", id)]
        case .assessments(let id): return base + ["families", .id("familyID", id), "assessments"]
        case .assessment(let id, let a): return base + ["families", .id("familyID", id), "assessments", .id("assessmentID", a)]
        case .agreement(let id): return base + ["families", .id("familyID", id), "agreement"]
        case .agreementReviews(let id): return base + ["families", .id("familyID", id), "agreement", "reviews"]
        case .agreementAcknowledgements(let id): return base + ["families", .id("familyID", id), "agreement", "acknowledgements"]
        case .goals(let id): return base + ["families", .id("familyID", id), "goals"]
        case .goal(let id, let g): return base + ["families", .id("familyID", id), "goals", .id("goalID", g)]
        case .goalState(let id, let g): return base + ["families", .id("familyID", id), "goals", .id("goalID", g), "state"]
        case .goalSteps(let id, let g): return base + ["families", .id("familyID", id), "goals", .id("goalID", g), "steps"]
        case .goalStep(let id, let g, let s): return base + ["families", .id("familyID", id), "goals", .id("goalID", g), "steps", .id("stepID", s)]
        case .goalNotes(let id, let g): return base + ["families", .id("familyID", id), "goals", .id("goalID", g), "notes"]
        case .serviceCategories: return base + ["service-categories"]
        case .referrals(let id): return base + ["families", .id("familyID", id), "referrals"]
        case .referral(let id, let r): return base + ["families", .id("familyID", id), "referrals", .id("referralID", r)]
        case .referralStatus(let id, let r): return base + ["families", .id("familyID", id), "referrals", .id("referralID", r), "status"]
        case .services(let id): return base + ["families", .id("familyID", id), "services"]
        case .needMet(let id, let n): return base + ["families", .id("familyID", id), "needs", .id("needID", n), "met"]
        case .agencyPlans(let id): return base + ["families", .id("familyID", id), "agency-plans"]
        case .consents(let id): return base + ["families", .id("familyID", id), "consents"]
        case .consentRevoke(let id, let c): return base + ["families", .id("familyID", id), "consents", .id("consentID", c), "revoke"]
        case .disclosures(let id): return base + ["families", .id("familyID", id), "disclosures"]
        case .recordRequests(let id): return base + ["families", .id("familyID", id), "record-requests"]
        case .recordRequestAnswer(let id, let r): return base + ["families", .id("familyID", id), "record-requests", .id("requestID", r), "answer"]
        case .familyExport(let id): return base + ["families", .id("familyID", id), "export"]
        case .partners: return base + ["partners"]
        case .partner(let id): return base + ["partners", .id("partnerID", id)]
        case .partnerLevels(let id): return base + ["partners", .id("partnerID", id), "levels"]
        case .partnerMeetings(let id): return base + ["partners", .id("partnerID", id), "meetings"]
        case .providers: return base + ["providers"]
        case .provider(let id): return base + ["providers", .id("providerID", id)]
        case .staffList: return base + ["staff"]
        case .staff(let id): return base + ["staff", .id("staffID", id)]
        case .visitTypes: return base + ["visit-types"]
        case .visits(let id): return base + ["families", .id("familyID", id), "visits"]
        case .visit(let id, let v): return base + ["families", .id("familyID", id), "visits", .id("visitID", v)]
        case .visitStatus(let id, let v): return base + ["families", .id("familyID", id), "visits", .id("visitID", v), "status"]
        case .visitRecord(let id, let v): return base + ["families", .id("familyID", id), "visits", .id("visitID", v), "record"]
        case .contacts(let id): return base + ["families", .id("familyID", id), "contacts"]
        case .visitsDeclined(let id): return base + ["families", .id("familyID", id), "visits", "declined"]
        case .trainings: return base + ["trainings"]
        case .draws: return base + ["visit-draws"]
        case .draw(let id): return base + ["visit-draws", .id("drawID", id)]
        case .visitHours: return base + ["visit-hours"]
        case .caseloads: return base + ["caseloads"]
        case .caseloadsUnassigned: return base + ["caseloads", "unassigned"]
        case .caseload(let id): return base + ["caseloads", .id("staffID", id)]
        case .caseloadExceptions(let id): return base + ["caseloads", .id("staffID", id), "exceptions"]
        case .caseloadAbsences(let id): return base + ["caseloads", .id("staffID", id), "absences"]
        case .absenceCover(let id): return base + ["absences", .id("absenceID", id), "cover"]
        case .absenceReturn(let id): return base + ["absences", .id("absenceID", id), "return"]
        case .supervisionNotes(let id): return base + ["staff", .id("staffID", id), "supervision-notes"]
        case .meetings(let id): return base + ["families", .id("familyID", id), "meetings"]
        case .supervisorReviews(let id): return base + ["families", .id("familyID", id), "agreement", "supervisor-reviews"]
        case .transitions(let id): return base + ["families", .id("familyID", id), "transitions"]
        case .accessHistory(let id): return base + ["families", .id("familyID", id), "access-history"]
        case .program: return base + ["program"]
        case .sites: return base + ["sites"]
        case .site(let id): return base + ["sites", .id("siteID", id)]
        case .classrooms: return base + ["classrooms"]
        case .classroom(let id): return base + ["classrooms", .id("classroomID", id)]
        case .familyServicesReport: return base + ["reports", "family-services"]
        case .familyImports: return base + ["family-imports"]
        }
    }

    var path: String { PathSegment.path(segments) }
    var pattern: [PathComponent] { PathSegment.pattern(segments) }
    /// The path as OpenAPI writes it: `/api/v1/families/{familyID}`.
    var openAPIPath: String {
        "/" + segments.map { if case .id(let name, _) = $0 { "{\(name)}" } else { $0.text } }.joined(separator: "/")
    }
}

