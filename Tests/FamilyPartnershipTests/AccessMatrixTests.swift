@testable import FamilyPartnership
import Fluent
import Foundation
import PartnershipRules
import Testing
import Vapor
import VaporTesting

/// Walks every route as every role and signed out, and checks who is let in. The fixture's `family` has
/// the family service worker and the specialist on its team; the teacher and home visitor are not on it.
@Suite struct AccessMatrixTests {
    struct Case {
        let method: HTTPMethod
        let path: String
        let pattern: String
        var form: [String: String]? = nil
        var json: String? = nil
        let allowed: Set<StaffRole>
    }

    static let everyone = Set(StaffRole.allCases)
    static let seeFamily: Set<StaffRole> = [.director, .manager, .dataViewer, .familyServiceWorker, .specialist]
    static let editFamily: Set<StaffRole> = [.director, .manager, .familyServiceWorker, .specialist]
    static let changeEnrollment: Set<StaffRole> = [.director, .manager, .familyServiceWorker]
    static let manageTeams: Set<StaffRole> = [.director, .manager]
    static let createFamilies: Set<StaffRole> = [.director, .manager, .familyServiceWorker, .homeVisitor]

    /// Routes anyone may use, tested in `SignInTests` and `APITests`.
    static let publicRoutes: Set<String> = ["GET /sign-in", "POST /sign-in", "POST /sign-out", "GET /api/v1/openapi.json", "GET /calendar/:token",
                                                    "GET /health", "GET /metrics", "GET " + Layout.stylesheet]

    static let familyRoles = everyone.subtracting([.admin, .partner])
    /// Consents, sharing and parents' requests for the fixture family (the home visitor is not on its team).
    static let privacy: Set<StaffRole> = [.director, .manager, .familyServiceWorker]
    static let maintainDirectory: Set<StaffRole> = [.director, .manager, .familyServiceWorker, .homeVisitor]

    /// Records under the fixture family for the routes that name them.
    struct Records {
        let adminToken: UUID
        let provider: UUID
        let referral: UUID
        let instrument: UUID
        let assessment: UUID
        let goal: UUID
        let step: UUID
        let need: UUID
        let consentToRevoke: UUID
        let request: UUID
        let visit: UUID
        let draw: UUID
        let visitType: UUID
        let absence: UUID
        let classroom: UUID
        let importFile: UUID

        /// Every record made through the commands, as the fixture's staff would make them.
        static func make(_ f: Fixture, on db: any Database) async throws -> Records {
            let (token, _) = try await AccountCommands.createToken(name: "admin's", in: adminContext(f, on: db))
            let worker = try await context(f, .familyServiceWorker, on: db)
            let manager = try await context(f, .manager, on: db)
            let provider = try await DirectoryCommands.addProvider(ProviderInput(ProviderEntry(name: "Riverside Food Bank", categories: ["food"])),
                                                                   in: worker)
            let version = try await InstrumentLibrary.current(program: f.programID, on: db).first!
            var input = AssessmentInput()
            input.instrumentVersionID = version.id!.uuidString
            input.period = "intake"
            input.takenOn = "2026-09-15"
            input.mode = MeetingMode.home.rawValue
            input.participants = "Ana"
            input.answers = ["housing": "2"]
            let assessment = try await AssessmentCommands.create(input, family: f.family.id!, in: worker)
            let agreement = try await Agreement.make(family: f.family.id!, program: f.programID, on: db)
            let goal = try await Goal.make(in: agreement, "Finish the GED", on: db)
            let step = try await AgreementCommands.addStep(StepInput(what: "Sign up for classes", who: "staff:\(f.id(.familyServiceWorker).path)"),
                                                           goal: goal.requireID(), family: f.family.id!, in: worker)
            var referral = ReferralInput()
            referral.category = "food"
            referral.familyAsked = true
            let made = try await ReferralCommands.create(referral, family: f.family.id!, in: worker)
            let need = try await AssessmentCommands.addNeed(NeedInput(category: "food", urgency: Urgency.soon.rawValue, intensity: Intensity.light.rawValue,
                                                                      description: "Groceries until payday"),
                                                            family: f.family.id!, assessment: nil, itemKey: nil, in: worker)
            _ = try await Consent.make(family: f.family.id!, partner: f.partner.id!, categories: [.enrollment, .services], on: db)
            let second = try await Consent.make(family: f.family.id!, partner: f.partner.id!, categories: [.health], on: db)
            let request = try await PrivacyCommands.recordRequest(
                RecordRequestInput(kind: RecordRequestKind.amendment.rawValue, requestedBy: "Ana Rivera", receivedOn: "2026-10-01",
                                   category: RecordCategory.assessment.rawValue, requestedChange: "Remove the note about housing"),
                family: f.family.id!, in: worker)
            let visit = try await Visit.make(family: f.family.id!, program: f.programID, type: "Home visit", on: db)
            let draw = try await VisitCommands.draw(DrawInput(roster: "site:\(f.sites[0].id!.path)", places: "1"), seed: 7, in: manager)
            // The family service worker reports to the manager: the one who writes her supervision notes.
            let fswRecord = try await Staff.find(f.id(.familyServiceWorker), on: db).orThrow()
            fswRecord.$supervisor.id = f.id(.manager)
            try await fswRecord.save(on: db)
            let absence = try await CaseloadCommands.markAbsence(of: f.id(.familyServiceWorker),
                                                                 AbsenceInput(startsOn: "2026-12-01", endsOn: "2026-12-10"), in: manager)
            let classroom = try await SetUpCommands.addClassroom(ClassroomInput(name: "Robins", siteID: f.sites[0].id!.uuidString,
                                                                                programOption: "center_based"), in: context(f, .director, on: db))
            let importFile = try await FamilyImportCommands.upload(fileName: "families.csv", content: "child_name,child_date_of_birth\nAda,2022-01-01\n",
                                                                   preset: .standard, in: context(f, .director, on: db))
            return Records(adminToken: token.id!, provider: provider.id!, referral: made.id!, instrument: version.id!,
                           assessment: assessment.id!, goal: goal.id!, step: step.id!, need: need.id!, consentToRevoke: second.id!,
                           request: request.id!, visit: visit.id!, draw: draw.id!, visitType: visit.$type.id, absence: absence.id!,
                           classroom: classroom.id!, importFile: importFile.id!)
        }

        private static func context(_ f: Fixture, _ role: StaffRole, on db: any Database) async throws -> Context {
            let signedIn = try #require(try await StaffAuthenticator().load(staffID: f.id(role), on: db, viaAPIToken: false))
            return Context(staff: signedIn, db: db, clock: testClock, auditor: .system(signedIn, channel: "test"))
        }

        private static func adminContext(_ f: Fixture, on db: any Database) async throws -> Context {
            try await context(f, .admin, on: db)
        }
    }

    static func cases(_ f: Fixture, _ r: Records) -> [Case] {
        let fam = f.family.id!.path, child = f.child.id!.path, fsw = f.id(.familyServiceWorker).path
        let staffID = f.id(.teacher).path, adminToken = r.adminToken
        let goal = "/families/\(fam)/goals/\(r.goal.path)", goalPattern = "/families/:familyID/goals/:goalID"
        let site = f.sites[0].id!.path, room = r.classroom.path
        let setUp: Set<StaffRole> = [.director, .admin]
        return [
            Case(method: .GET, path: "/", pattern: "/", allowed: everyone),
            Case(method: .GET, path: "/to-do/contact-overdue", pattern: "/to-do/:section", allowed: familyRoles.subtracting([.specialist])),
            Case(method: .GET, path: "/to-do/late-agreements", pattern: "/to-do/:section", allowed: [.director, .manager, .dataViewer, .familyServiceWorker]),
            Case(method: .GET, path: "/to-do/steps-due", pattern: "/to-do/:section", allowed: familyRoles),
            Case(method: .GET, path: "/to-do/mou-renewals", pattern: "/to-do/:section", allowed: manageTeams),
            Case(method: .GET, path: "/families/new", pattern: "/families/new", allowed: createFamilies),
            Case(method: .GET, path: "/families/import", pattern: "/families/import", allowed: [.director, .manager]),
            Case(method: .POST, path: "/families/import", pattern: "/families/import", form: [:], allowed: [.director, .manager]),
            Case(method: .GET, path: "/families/import/\(r.importFile.path)", pattern: "/families/import/:importID", allowed: [.director, .manager]),
            Case(method: .POST, path: "/families/import/\(r.importFile.path)", pattern: "/families/import/:importID", form: ["action": "check"],
                 allowed: [.director, .manager]),
            Case(method: .POST, path: "/families/new", pattern: "/families/new", form: [:], allowed: createFamilies),
            Case(method: .GET, path: "/families/\(fam)", pattern: "/families/:familyID", allowed: seeFamily),
            Case(method: .GET, path: "/families/\(fam)/history/contacts", pattern: "/families/:familyID/history/:list", allowed: seeFamily),
            Case(method: .GET, path: "/families/\(fam)/history/upcoming", pattern: "/families/:familyID/history/:list", allowed: seeFamily),
            Case(method: .GET, path: "/families/\(fam)/history/referrals", pattern: "/families/:familyID/history/:list", allowed: seeFamily),
            Case(method: .GET, path: "/families/\(fam)/history/services", pattern: "/families/:familyID/history/:list", allowed: seeFamily),
            Case(method: .GET, path: "/families/\(fam)/history/access", pattern: "/families/:familyID/history/:list", allowed: manageTeams),
            Case(method: .GET, path: "/families/\(f.otherProgramFamily.id!.path)", pattern: "/families/:familyID", allowed: []),
            Case(method: .GET, path: "/families/\(fam)/edit", pattern: "/families/:familyID/edit", allowed: editFamily),
            Case(method: .POST, path: "/families/\(fam)/edit", pattern: "/families/:familyID/edit", form: ["household_name": ""], allowed: editFamily),
            Case(method: .POST, path: "/families/\(f.otherProgramFamily.id!.path)/edit", pattern: "/families/:familyID/edit", form: ["household_name": "X"], allowed: []),
            Case(method: .GET, path: "/families/\(fam)/enrollment", pattern: "/families/:familyID/enrollment", allowed: changeEnrollment),
            Case(method: .POST, path: "/families/\(fam)/enrollment", pattern: "/families/:familyID/enrollment", form: [:], allowed: changeEnrollment),
            Case(method: .GET, path: "/families/\(fam)/team", pattern: "/families/:familyID/team", allowed: manageTeams),
            Case(method: .GET, path: "/caseloads", pattern: "/caseloads", allowed: manageTeams),
            Case(method: .GET, path: "/staff/\(fsw)/supervision", pattern: "/staff/:staffID/supervision", allowed: [.familyServiceWorker, .manager]),
            Case(method: .POST, path: "/staff/\(fsw)/supervision", pattern: "/staff/:staffID/supervision", form: [:], allowed: [.manager]),
            Case(method: .GET, path: "/families/\(fam)/meetings", pattern: "/families/:familyID/meetings", allowed: seeFamily),
            Case(method: .POST, path: "/families/\(fam)/meetings", pattern: "/families/:familyID/meetings", form: [:], allowed: editFamily),
            Case(method: .POST, path: "/families/\(fam)/agreement/supervisor-reviews", pattern: "/families/:familyID/agreement/supervisor-reviews", form: [:], allowed: manageTeams),
            Case(method: .GET, path: "/caseloads/unassigned", pattern: "/caseloads/unassigned", allowed: manageTeams),
            Case(method: .POST, path: "/caseloads/unassigned", pattern: "/caseloads/unassigned", form: [:], allowed: manageTeams),
            Case(method: .GET, path: "/caseloads/\(fsw)", pattern: "/caseloads/:staffID", allowed: manageTeams.union([.familyServiceWorker])),
            Case(method: .GET, path: "/caseloads/\(f.otherProgramStaff.id!.path)", pattern: "/caseloads/:staffID", allowed: []),
            Case(method: .GET, path: "/caseloads/\(fsw)/exceptions", pattern: "/caseloads/:staffID/exceptions", allowed: manageTeams),
            Case(method: .POST, path: "/caseloads/\(fsw)/exceptions", pattern: "/caseloads/:staffID/exceptions", form: [:], allowed: manageTeams),
            Case(method: .GET, path: "/caseloads/\(fsw)/absences", pattern: "/caseloads/:staffID/absences", allowed: manageTeams),
            Case(method: .POST, path: "/caseloads/\(fsw)/absences", pattern: "/caseloads/:staffID/absences", form: [:], allowed: manageTeams),
            Case(method: .GET, path: "/absences/\(r.absence.path)/cover", pattern: "/absences/:absenceID/cover", allowed: manageTeams),
            Case(method: .POST, path: "/absences/\(r.absence.path)/cover", pattern: "/absences/:absenceID/cover", form: [:], allowed: manageTeams),
            Case(method: .POST, path: "/absences/\(r.absence.path)/return", pattern: "/absences/:absenceID/return", form: [:], allowed: manageTeams),
            Case(method: .POST, path: "/families/\(fam)/team", pattern: "/families/:familyID/team", form: [:], allowed: manageTeams),
            Case(method: .POST, path: "/families/\(fam)/team/\(fsw)/remove", pattern: "/families/:familyID/team/:staffID/remove", form: [:], allowed: manageTeams),
            Case(method: .GET, path: "/families/\(fam)/members/new", pattern: "/families/:familyID/members/new", allowed: editFamily),
            Case(method: .POST, path: "/families/\(fam)/members/new", pattern: "/families/:familyID/members/new", form: ["kind": "child"], allowed: editFamily),
            Case(method: .GET, path: "/families/\(fam)/members/\(child)/edit", pattern: "/families/:familyID/members/:memberID/edit", allowed: editFamily),
            Case(method: .POST, path: "/families/\(fam)/members/\(child)/edit", pattern: "/families/:familyID/members/:memberID/edit", form: ["name": ""], allowed: editFamily),
            Case(method: .GET, path: "/families/\(fam)/assessments/new", pattern: "/families/:familyID/assessments/new", allowed: editFamily),
            Case(method: .POST, path: "/families/\(fam)/assessments/new", pattern: "/families/:familyID/assessments/new", form: [:], allowed: editFamily),
            Case(method: .GET, path: "/families/\(fam)/assessments/\(r.assessment.path)", pattern: "/families/:familyID/assessments/:assessmentID", allowed: seeFamily),
            Case(method: .GET, path: "/families/\(f.teacherFamily.id!.path)/assessments/\(r.assessment.path)", pattern: "/families/:familyID/assessments/:assessmentID", allowed: []),
            Case(method: .POST, path: "/families/\(fam)/assessments/\(r.assessment.path)/needs", pattern: "/families/:familyID/assessments/:assessmentID/needs", form: [:], allowed: editFamily),
            Case(method: .GET, path: "/families/\(fam)/agreement", pattern: "/families/:familyID/agreement", allowed: seeFamily),
            Case(method: .POST, path: "/families/\(fam)/agreement", pattern: "/families/:familyID/agreement", form: [:], allowed: editFamily),
            Case(method: .GET, path: "/families/\(fam)/agreement/print", pattern: "/families/:familyID/agreement/print", allowed: seeFamily),
            Case(method: .POST, path: "/families/\(fam)/agreement/reviews", pattern: "/families/:familyID/agreement/reviews", form: [:], allowed: editFamily),
            Case(method: .POST, path: "/families/\(fam)/agreement/acknowledgements", pattern: "/families/:familyID/agreement/acknowledgements", form: [:], allowed: editFamily),
            Case(method: .GET, path: "/families/\(fam)/goals/new", pattern: "/families/:familyID/goals/new", allowed: editFamily),
            Case(method: .POST, path: "/families/\(fam)/goals/new", pattern: "/families/:familyID/goals/new", form: [:], allowed: editFamily),
            Case(method: .GET, path: goal, pattern: goalPattern, allowed: seeFamily),
            Case(method: .GET, path: "/families/\(f.teacherFamily.id!.path)/goals/\(r.goal.path)", pattern: goalPattern, allowed: []),
            Case(method: .GET, path: "\(goal)/edit", pattern: "\(goalPattern)/edit", allowed: editFamily),
            Case(method: .POST, path: "\(goal)/edit", pattern: "\(goalPattern)/edit", form: [:], allowed: editFamily),
            Case(method: .POST, path: "\(goal)/state", pattern: "\(goalPattern)/state", form: [:], allowed: editFamily),
            Case(method: .GET, path: "\(goal)/state?change=achieve", pattern: "\(goalPattern)/state", allowed: editFamily),
            Case(method: .POST, path: "\(goal)/steps", pattern: "\(goalPattern)/steps", form: [:], allowed: editFamily),
            Case(method: .POST, path: "\(goal)/steps/\(r.step.path)", pattern: "\(goalPattern)/steps/:stepID", form: [:], allowed: editFamily),
            Case(method: .POST, path: "\(goal)/notes", pattern: "\(goalPattern)/notes", form: [:], allowed: editFamily),
            Case(method: .GET, path: "/instruments", pattern: "/instruments", allowed: familyRoles),
            Case(method: .GET, path: "/instruments/\(r.instrument.path)", pattern: "/instruments/:instrumentID", allowed: familyRoles),
            Case(method: .GET, path: "/instruments/\(r.instrument.path)/export", pattern: "/instruments/:instrumentID/export", allowed: familyRoles),
            Case(method: .GET, path: "/instruments/new", pattern: "/instruments/new", allowed: manageTeams),
            Case(method: .GET, path: "/instruments/\(r.instrument.path)/items/new", pattern: "/instruments/:instrumentID/items/new", allowed: manageTeams),
            Case(method: .POST, path: "/instruments/\(r.instrument.path)/items/new", pattern: "/instruments/:instrumentID/items/new", form: [:], allowed: manageTeams),
            Case(method: .GET, path: "/instruments/\(r.instrument.path)/items/housing", pattern: "/instruments/:instrumentID/items/:itemKey", allowed: manageTeams),
            Case(method: .POST, path: "/instruments/\(r.instrument.path)/items/housing", pattern: "/instruments/:instrumentID/items/:itemKey", form: [:], allowed: manageTeams),
            Case(method: .POST, path: "/instruments/\(r.instrument.path)/details", pattern: "/instruments/:instrumentID/details", form: [:], allowed: manageTeams),
            Case(method: .POST, path: "/instruments/\(r.instrument.path)/copy", pattern: "/instruments/:instrumentID/copy", form: [:], allowed: manageTeams),
            Case(method: .POST, path: "/instruments/new", pattern: "/instruments/new", form: [:], allowed: manageTeams),
            Case(method: .GET, path: "/settings/program", pattern: "/settings/program", allowed: [.director]),
            Case(method: .GET, path: "/set-up", pattern: "/set-up", allowed: setUp),
            Case(method: .GET, path: "/set-up/program", pattern: "/set-up/program", allowed: setUp),
            Case(method: .POST, path: "/set-up/program", pattern: "/set-up/program", form: [:], allowed: setUp),
            Case(method: .GET, path: "/set-up/sites", pattern: "/set-up/sites", allowed: setUp),
            Case(method: .POST, path: "/set-up/sites", pattern: "/set-up/sites", form: [:], allowed: setUp),
            Case(method: .GET, path: "/set-up/sites/\(site)", pattern: "/set-up/sites/:siteID", allowed: setUp),
            Case(method: .POST, path: "/set-up/sites/\(site)", pattern: "/set-up/sites/:siteID", form: [:], allowed: setUp),
            Case(method: .GET, path: "/set-up/classrooms", pattern: "/set-up/classrooms", allowed: setUp),
            Case(method: .POST, path: "/set-up/classrooms", pattern: "/set-up/classrooms", form: [:], allowed: setUp),
            Case(method: .GET, path: "/set-up/classrooms/\(room)", pattern: "/set-up/classrooms/:classroomID", allowed: setUp),
            Case(method: .POST, path: "/set-up/classrooms/\(room)", pattern: "/set-up/classrooms/:classroomID", form: [:], allowed: setUp),
            Case(method: .POST, path: "/settings/program/categories", pattern: "/settings/program/categories", form: [:], allowed: [.director]),
            Case(method: .GET, path: "/families/\(fam)/referrals/new", pattern: "/families/:familyID/referrals/new", allowed: editFamily),
            Case(method: .POST, path: "/families/\(fam)/referrals/new", pattern: "/families/:familyID/referrals/new", form: [:], allowed: editFamily),
            Case(method: .GET, path: "/families/\(fam)/referrals/\(r.referral.path)", pattern: "/families/:familyID/referrals/:referralID", allowed: seeFamily),
            Case(method: .GET, path: "/families/\(f.teacherFamily.id!.path)/referrals/\(r.referral.path)", pattern: "/families/:familyID/referrals/:referralID", allowed: []),
            Case(method: .POST, path: "/families/\(fam)/referrals/\(r.referral.path)/status", pattern: "/families/:familyID/referrals/:referralID/status", form: [:], allowed: editFamily),
            Case(method: .GET, path: "/families/\(fam)/services/new", pattern: "/families/:familyID/services/new", allowed: editFamily),
            Case(method: .GET, path: "/families/\(fam)/agency-plans/new", pattern: "/families/:familyID/agency-plans/new", allowed: editFamily),
            Case(method: .POST, path: "/families/\(fam)/agency-plans/new", pattern: "/families/:familyID/agency-plans/new", form: [:], allowed: editFamily),
            Case(method: .POST, path: "/families/\(fam)/services/new", pattern: "/families/:familyID/services/new", form: [:], allowed: editFamily),
            Case(method: .GET, path: "/reports/family-services", pattern: "/reports/family-services", allowed: [.director, .manager, .dataViewer]),
            Case(method: .GET, path: "/providers", pattern: "/providers", allowed: familyRoles),
            Case(method: .GET, path: "/providers/export.csv", pattern: "/providers/export.csv", allowed: familyRoles),
            Case(method: .GET, path: "/providers/\(r.provider.path)", pattern: "/providers/:providerID", allowed: familyRoles),
            Case(method: .GET, path: "/providers/new", pattern: "/providers/new", allowed: maintainDirectory),
            Case(method: .POST, path: "/providers/new", pattern: "/providers/new", form: [:], allowed: maintainDirectory),
            Case(method: .GET, path: "/providers/\(r.provider.path)/edit", pattern: "/providers/:providerID/edit", allowed: maintainDirectory),
            Case(method: .POST, path: "/providers/\(r.provider.path)/edit", pattern: "/providers/:providerID/edit", form: [:], allowed: maintainDirectory),
            Case(method: .POST, path: "/providers/\(r.provider.path)/verify", pattern: "/providers/:providerID/verify", form: [:], allowed: maintainDirectory),
            Case(method: .GET, path: "/providers/import", pattern: "/providers/import", allowed: manageTeams),
            Case(method: .POST, path: "/providers/import", pattern: "/providers/import", form: ["csv": "name,categories"], allowed: manageTeams),
            Case(method: .POST, path: "/settings/program", pattern: "/settings/program", form: [:], allowed: [.director]),
            Case(method: .GET, path: "/settings/program/visits", pattern: "/settings/program/visits", allowed: [.director]),
            Case(method: .POST, path: "/settings/program/visits", pattern: "/settings/program/visits", form: [:], allowed: [.director]),
            Case(method: .GET, path: "/settings/program/visit-types/new", pattern: "/settings/program/visit-types/new", allowed: [.director]),
            Case(method: .POST, path: "/settings/program/visit-types/new", pattern: "/settings/program/visit-types/new", form: [:], allowed: [.director]),
            Case(method: .GET, path: "/settings/program/visit-types/\(r.visitType.path)", pattern: "/settings/program/visit-types/:typeID", allowed: [.director]),
            Case(method: .POST, path: "/settings/program/visit-types/\(r.visitType.path)", pattern: "/settings/program/visit-types/:typeID", form: [:], allowed: [.director]),
            Case(method: .POST, path: "/families/\(fam)/needs/\(r.need.path)/met", pattern: "/families/:familyID/needs/:needID/met", form: [:], allowed: editFamily),
            Case(method: .GET, path: "/partners", pattern: "/partners", allowed: familyRoles),
            Case(method: .GET, path: "/partners/\(f.partner.id!.path)", pattern: "/partners/:partnerID", allowed: familyRoles),
            Case(method: .GET, path: "/partners/new", pattern: "/partners/new", allowed: manageTeams),
            Case(method: .POST, path: "/partners/new", pattern: "/partners/new", form: [:], allowed: manageTeams),
            Case(method: .GET, path: "/partners/\(f.partner.id!.path)/edit", pattern: "/partners/:partnerID/edit", allowed: manageTeams),
            Case(method: .POST, path: "/partners/\(f.partner.id!.path)/edit", pattern: "/partners/:partnerID/edit", form: [:], allowed: manageTeams),
            Case(method: .POST, path: "/partners/\(f.partner.id!.path)/levels", pattern: "/partners/:partnerID/levels", form: [:], allowed: manageTeams),
            Case(method: .POST, path: "/partners/\(f.partner.id!.path)/meetings", pattern: "/partners/:partnerID/meetings", form: [:], allowed: manageTeams),
            Case(method: .GET, path: "/families/\(fam)/privacy", pattern: "/families/:familyID/privacy", allowed: privacy),
            Case(method: .GET, path: "/families/\(f.teacherFamily.id!.path)/privacy", pattern: "/families/:familyID/privacy", allowed: manageTeams),
            Case(method: .GET, path: "/families/\(fam)/consents/new", pattern: "/families/:familyID/consents/new", allowed: privacy),
            Case(method: .POST, path: "/families/\(fam)/consents/new", pattern: "/families/:familyID/consents/new", form: [:], allowed: privacy),
            Case(method: .POST, path: "/families/\(fam)/consents/\(r.consentToRevoke.path)/revoke", pattern: "/families/:familyID/consents/:consentID/revoke", form: [:], allowed: privacy),
            Case(method: .GET, path: "/families/\(fam)/share", pattern: "/families/:familyID/share", allowed: privacy),
            Case(method: .POST, path: "/families/\(fam)/share", pattern: "/families/:familyID/share", form: [:], allowed: privacy),
            Case(method: .GET, path: "/families/\(fam)/disclosures/new", pattern: "/families/:familyID/disclosures/new", allowed: privacy),
            Case(method: .POST, path: "/families/\(fam)/disclosures/new", pattern: "/families/:familyID/disclosures/new", form: [:], allowed: privacy),
            Case(method: .GET, path: "/families/\(fam)/record-requests/new", pattern: "/families/:familyID/record-requests/new", allowed: privacy),
            Case(method: .POST, path: "/families/\(fam)/record-requests/new", pattern: "/families/:familyID/record-requests/new", form: [:], allowed: privacy),
            Case(method: .GET, path: "/families/\(fam)/record-requests/\(r.request.path)", pattern: "/families/:familyID/record-requests/:requestID", allowed: privacy),
            Case(method: .POST, path: "/families/\(fam)/record-requests/\(r.request.path)", pattern: "/families/:familyID/record-requests/:requestID", form: [:], allowed: manageTeams),
            Case(method: .GET, path: "/families/\(fam)/export", pattern: "/families/:familyID/export", allowed: manageTeams),
            Case(method: .GET, path: "/families/\(fam)/visits/new", pattern: "/families/:familyID/visits/new", allowed: editFamily),
            Case(method: .POST, path: "/families/\(fam)/visits/new", pattern: "/families/:familyID/visits/new", form: [:], allowed: editFamily),
            Case(method: .GET, path: "/families/\(fam)/visits/\(r.visit.path)", pattern: "/families/:familyID/visits/:visitID", allowed: seeFamily),
            Case(method: .GET, path: "/families/\(f.teacherFamily.id!.path)/visits/\(r.visit.path)", pattern: "/families/:familyID/visits/:visitID", allowed: []),
            Case(method: .POST, path: "/families/\(fam)/visits/\(r.visit.path)/status", pattern: "/families/:familyID/visits/:visitID/status", form: [:], allowed: editFamily),
            Case(method: .POST, path: "/families/\(fam)/visits/\(r.visit.path)/record", pattern: "/families/:familyID/visits/:visitID/record", form: [:], allowed: editFamily),
            Case(method: .GET, path: "/families/\(fam)/contacts/new", pattern: "/families/:familyID/contacts/new", allowed: editFamily),
            Case(method: .POST, path: "/families/\(fam)/contacts/new", pattern: "/families/:familyID/contacts/new", form: [:], allowed: editFamily),
            Case(method: .GET, path: "/trainings", pattern: "/trainings", allowed: everyone.subtracting([.partner])),
            Case(method: .GET, path: "/visits", pattern: "/visits", allowed: everyone.subtracting([.partner])),
            Case(method: .GET, path: "/visits/week", pattern: "/visits/week", allowed: everyone.subtracting([.partner])),
            Case(method: .GET, path: "/visits/week?staff=\(fsw)", pattern: "/visits/week", allowed: manageTeams.union([.familyServiceWorker])),
            Case(method: .GET, path: "/visits/week?staff=\(f.otherProgramStaff.id!.path)", pattern: "/visits/week", allowed: []),
            Case(method: .GET, path: "/visit-hours", pattern: "/visit-hours", allowed: everyone.subtracting([.partner])),
            Case(method: .GET, path: "/visit-hours.csv", pattern: "/visit-hours.csv", allowed: everyone.subtracting([.partner])),
            Case(method: .GET, path: "/visit-draws", pattern: "/visit-draws", allowed: manageTeams),
            Case(method: .POST, path: "/visit-draws", pattern: "/visit-draws", form: [:], allowed: manageTeams),
            Case(method: .GET, path: "/visit-draws/\(r.draw.path)", pattern: "/visit-draws/:drawID", allowed: manageTeams),
            Case(method: .POST, path: "/families/\(fam)/visits/declined", pattern: "/families/:familyID/visits/declined", form: [:], allowed: editFamily),
            Case(method: .GET, path: "/families/\(fam)/visits/declined", pattern: "/families/:familyID/visits/declined", allowed: editFamily),
            Case(method: .POST, path: "/settings/calendar", pattern: "/settings/calendar", form: ["action": "off"], allowed: everyone.subtracting([.partner])),
            Case(method: .POST, path: "/trainings", pattern: "/trainings", form: [:], allowed: manageTeams),
            Case(method: .GET, path: "/shared", pattern: "/shared", allowed: [.partner]),
            Case(method: .GET, path: "/shared/\(fam)", pattern: "/shared/:familyID", allowed: [.partner]),
            Case(method: .GET, path: "/shared/\(f.teacherFamily.id!.path)", pattern: "/shared/:familyID", allowed: []),
            Case(method: .GET, path: "/staff", pattern: "/staff", allowed: [.admin]),
            Case(method: .GET, path: "/staff/new", pattern: "/staff/new", allowed: [.admin]),
            Case(method: .GET, path: "/staff/import", pattern: "/staff/import", allowed: [.admin]),
            Case(method: .POST, path: "/staff/import", pattern: "/staff/import", form: ["csv": "name,email,roles\n"], allowed: [.admin]),
            Case(method: .POST, path: "/staff/new", pattern: "/staff/new", form: [:], allowed: [.admin]),
            Case(method: .GET, path: "/staff/\(staffID)/edit", pattern: "/staff/:staffID/edit", allowed: [.admin]),
            Case(method: .POST, path: "/staff/\(staffID)/edit", pattern: "/staff/:staffID/edit", form: [:], allowed: [.admin]),
            Case(method: .GET, path: "/settings", pattern: "/settings", allowed: everyone),
            Case(method: .POST, path: "/settings/password", pattern: "/settings/password", form: [:], allowed: everyone),
            Case(method: .POST, path: "/settings/tokens", pattern: "/settings/tokens", form: [:], allowed: everyone),
            // Only the token's owner may revoke it.
            Case(method: .POST, path: "/settings/tokens/\(adminToken.path)/revoke", pattern: "/settings/tokens/:tokenID/revoke", form: [:], allowed: [.admin]),

            Case(method: .GET, path: "/api/v1/me", pattern: "/api/v1/me", allowed: everyone),
            Case(method: .GET, path: "/api/v1/families", pattern: "/api/v1/families", allowed: everyone),
            Case(method: .POST, path: "/api/v1/families", pattern: "/api/v1/families", json: "{}", allowed: createFamilies),
            Case(method: .GET, path: "/api/v1/families/\(fam)", pattern: "/api/v1/families/:familyID", allowed: seeFamily),
            Case(method: .GET, path: "/api/v1/families/\(f.otherProgramFamily.id!.path)", pattern: "/api/v1/families/:familyID", allowed: []),
            Case(method: .PUT, path: "/api/v1/families/\(fam)", pattern: "/api/v1/families/:familyID", json: "{}", allowed: editFamily),
            Case(method: .PATCH, path: "/api/v1/families/\(fam)", pattern: "/api/v1/families/:familyID", json: "{}", allowed: editFamily),
            Case(method: .POST, path: "/api/v1/families/\(fam)/enrollment", pattern: "/api/v1/families/:familyID/enrollment", json: "{}", allowed: changeEnrollment),
            Case(method: .GET, path: "/api/v1/families/\(fam)/members", pattern: "/api/v1/families/:familyID/members", allowed: seeFamily),
            Case(method: .POST, path: "/api/v1/families/\(fam)/members", pattern: "/api/v1/families/:familyID/members", json: "{}", allowed: editFamily),
            Case(method: .GET, path: "/api/v1/families/\(fam)/members/\(child)", pattern: "/api/v1/families/:familyID/members/:memberID", allowed: seeFamily),
            Case(method: .PUT, path: "/api/v1/families/\(fam)/members/\(child)", pattern: "/api/v1/families/:familyID/members/:memberID", json: "{}", allowed: editFamily),
            Case(method: .PATCH, path: "/api/v1/families/\(fam)/members/\(child)", pattern: "/api/v1/families/:familyID/members/:memberID", json: "{}", allowed: editFamily),
            Case(method: .GET, path: "/api/v1/families/\(fam)/team", pattern: "/api/v1/families/:familyID/team", allowed: seeFamily),
            Case(method: .POST, path: "/api/v1/families/\(fam)/team", pattern: "/api/v1/families/:familyID/team", json: "{}", allowed: manageTeams),
            Case(method: .DELETE, path: "/api/v1/families/\(fam)/team/\(fsw)", pattern: "/api/v1/families/:familyID/team/:staffID", allowed: manageTeams),
            Case(method: .GET, path: "/api/v1/instruments", pattern: "/api/v1/instruments", allowed: familyRoles),
            Case(method: .POST, path: "/api/v1/instruments", pattern: "/api/v1/instruments", json: "{}", allowed: manageTeams),
            Case(method: .GET, path: "/api/v1/instruments/\(r.instrument.path)", pattern: "/api/v1/instruments/:instrumentID", allowed: familyRoles),
            Case(method: .GET, path: "/api/v1/families/\(fam)/assessments", pattern: "/api/v1/families/:familyID/assessments", allowed: seeFamily),
            Case(method: .POST, path: "/api/v1/families/\(fam)/assessments", pattern: "/api/v1/families/:familyID/assessments", json: "{}", allowed: editFamily),
            Case(method: .GET, path: "/api/v1/families/\(fam)/assessments/\(r.assessment.path)", pattern: "/api/v1/families/:familyID/assessments/:assessmentID", allowed: seeFamily),
            Case(method: .GET, path: "/api/v1/families/\(fam)/agreement", pattern: "/api/v1/families/:familyID/agreement", allowed: seeFamily),
            Case(method: .POST, path: "/api/v1/families/\(fam)/agreement", pattern: "/api/v1/families/:familyID/agreement", json: "{}", allowed: editFamily),
            Case(method: .POST, path: "/api/v1/families/\(fam)/agreement/reviews", pattern: "/api/v1/families/:familyID/agreement/reviews", json: "{}", allowed: editFamily),
            Case(method: .POST, path: "/api/v1/families/\(fam)/agreement/acknowledgements", pattern: "/api/v1/families/:familyID/agreement/acknowledgements", json: "{}", allowed: editFamily),
            Case(method: .GET, path: "/api/v1/families/\(fam)/goals", pattern: "/api/v1/families/:familyID/goals", allowed: seeFamily),
            Case(method: .POST, path: "/api/v1/families/\(fam)/goals", pattern: "/api/v1/families/:familyID/goals", json: "{}", allowed: editFamily),
            Case(method: .GET, path: "/api/v1\(goal)", pattern: "/api/v1\(goalPattern)", allowed: seeFamily),
            Case(method: .PUT, path: "/api/v1\(goal)", pattern: "/api/v1\(goalPattern)", json: "{}", allowed: editFamily),
            Case(method: .PATCH, path: "/api/v1\(goal)", pattern: "/api/v1\(goalPattern)", json: "{}", allowed: editFamily),
            Case(method: .POST, path: "/api/v1\(goal)/state", pattern: "/api/v1\(goalPattern)/state", json: "{}", allowed: editFamily),
            Case(method: .POST, path: "/api/v1\(goal)/steps", pattern: "/api/v1\(goalPattern)/steps", json: "{}", allowed: editFamily),
            Case(method: .PUT, path: "/api/v1\(goal)/steps/\(r.step.path)", pattern: "/api/v1\(goalPattern)/steps/:stepID", json: "{}", allowed: editFamily),
            Case(method: .POST, path: "/api/v1\(goal)/notes", pattern: "/api/v1\(goalPattern)/notes", json: "{}", allowed: editFamily),
            Case(method: .GET, path: "/api/v1/families/\(f.teacherFamily.id!.path)/goals/\(r.goal.path)", pattern: "/api/v1\(goalPattern)", allowed: []),
            Case(method: .GET, path: "/api/v1/service-categories", pattern: "/api/v1/service-categories", allowed: familyRoles),
            Case(method: .GET, path: "/api/v1/families/\(fam)/referrals", pattern: "/api/v1/families/:familyID/referrals", allowed: seeFamily),
            Case(method: .POST, path: "/api/v1/families/\(fam)/referrals", pattern: "/api/v1/families/:familyID/referrals", json: "{}", allowed: editFamily),
            Case(method: .GET, path: "/api/v1/families/\(fam)/referrals/\(r.referral.path)", pattern: "/api/v1/families/:familyID/referrals/:referralID", allowed: seeFamily),
            Case(method: .POST, path: "/api/v1/families/\(fam)/referrals/\(r.referral.path)/status", pattern: "/api/v1/families/:familyID/referrals/:referralID/status", json: "{}", allowed: editFamily),
            Case(method: .GET, path: "/api/v1/families/\(fam)/services", pattern: "/api/v1/families/:familyID/services", allowed: seeFamily),
            Case(method: .POST, path: "/api/v1/families/\(fam)/services", pattern: "/api/v1/families/:familyID/services", json: "{}", allowed: editFamily),
            Case(method: .GET, path: "/api/v1/providers", pattern: "/api/v1/providers", allowed: familyRoles),
            Case(method: .POST, path: "/api/v1/providers", pattern: "/api/v1/providers", json: "{}", allowed: maintainDirectory),
            Case(method: .GET, path: "/api/v1/providers/\(r.provider.path)", pattern: "/api/v1/providers/:providerID", allowed: familyRoles),
            Case(method: .PUT, path: "/api/v1/providers/\(r.provider.path)", pattern: "/api/v1/providers/:providerID", json: "{}", allowed: maintainDirectory),
            Case(method: .PATCH, path: "/api/v1/providers/\(r.provider.path)", pattern: "/api/v1/providers/:providerID", json: "{}", allowed: maintainDirectory),
            Case(method: .GET, path: "/api/v1/partners", pattern: "/api/v1/partners", allowed: familyRoles),
            Case(method: .POST, path: "/api/v1/partners", pattern: "/api/v1/partners", json: "{}", allowed: manageTeams),
            Case(method: .GET, path: "/api/v1/partners/\(f.partner.id!.path)", pattern: "/api/v1/partners/:partnerID", allowed: familyRoles),
            Case(method: .PUT, path: "/api/v1/partners/\(f.partner.id!.path)", pattern: "/api/v1/partners/:partnerID", json: "{}", allowed: manageTeams),
            Case(method: .PATCH, path: "/api/v1/partners/\(f.partner.id!.path)", pattern: "/api/v1/partners/:partnerID", json: "{}", allowed: manageTeams),
            Case(method: .POST, path: "/api/v1/partners/\(f.partner.id!.path)/levels", pattern: "/api/v1/partners/:partnerID/levels", json: "{}", allowed: manageTeams),
            Case(method: .POST, path: "/api/v1/partners/\(f.partner.id!.path)/meetings", pattern: "/api/v1/partners/:partnerID/meetings", json: "{}", allowed: manageTeams),
            Case(method: .GET, path: "/api/v1/families/\(fam)/agency-plans", pattern: "/api/v1/families/:familyID/agency-plans", allowed: seeFamily),
            Case(method: .POST, path: "/api/v1/families/\(fam)/agency-plans", pattern: "/api/v1/families/:familyID/agency-plans", json: "{}", allowed: editFamily),
            Case(method: .POST, path: "/api/v1/families/\(fam)/needs/\(r.need.path)/met", pattern: "/api/v1/families/:familyID/needs/:needID/met", json: "{}", allowed: editFamily),
            Case(method: .GET, path: "/api/v1/families/\(fam)/consents", pattern: "/api/v1/families/:familyID/consents", allowed: privacy),
            Case(method: .POST, path: "/api/v1/families/\(fam)/consents", pattern: "/api/v1/families/:familyID/consents", json: "{}", allowed: privacy),
            Case(method: .POST, path: "/api/v1/families/\(fam)/consents/\(r.consentToRevoke.path)/revoke", pattern: "/api/v1/families/:familyID/consents/:consentID/revoke", json: "{}", allowed: privacy),
            Case(method: .GET, path: "/api/v1/families/\(fam)/disclosures", pattern: "/api/v1/families/:familyID/disclosures", allowed: privacy),
            Case(method: .POST, path: "/api/v1/families/\(fam)/disclosures", pattern: "/api/v1/families/:familyID/disclosures", json: "{}", allowed: privacy),
            Case(method: .GET, path: "/api/v1/families/\(fam)/record-requests", pattern: "/api/v1/families/:familyID/record-requests", allowed: privacy),
            Case(method: .POST, path: "/api/v1/families/\(fam)/record-requests", pattern: "/api/v1/families/:familyID/record-requests", json: "{}", allowed: privacy),
            Case(method: .POST, path: "/api/v1/families/\(fam)/record-requests/\(r.request.path)/answer", pattern: "/api/v1/families/:familyID/record-requests/:requestID/answer", json: "{}", allowed: manageTeams),
            Case(method: .GET, path: "/api/v1/families/\(fam)/export", pattern: "/api/v1/families/:familyID/export", allowed: manageTeams),
            Case(method: .GET, path: "/api/v1/visit-types", pattern: "/api/v1/visit-types", allowed: everyone.subtracting([.partner])),
            Case(method: .GET, path: "/api/v1/families/\(fam)/visits", pattern: "/api/v1/families/:familyID/visits", allowed: seeFamily),
            Case(method: .POST, path: "/api/v1/families/\(fam)/visits", pattern: "/api/v1/families/:familyID/visits", json: "{}", allowed: editFamily),
            Case(method: .GET, path: "/api/v1/families/\(fam)/visits/\(r.visit.path)", pattern: "/api/v1/families/:familyID/visits/:visitID", allowed: seeFamily),
            Case(method: .GET, path: "/api/v1/families/\(f.teacherFamily.id!.path)/visits/\(r.visit.path)", pattern: "/api/v1/families/:familyID/visits/:visitID", allowed: []),
            Case(method: .POST, path: "/api/v1/families/\(fam)/visits/\(r.visit.path)/status", pattern: "/api/v1/families/:familyID/visits/:visitID/status", json: "{}", allowed: editFamily),
            Case(method: .POST, path: "/api/v1/families/\(fam)/visits/\(r.visit.path)/record", pattern: "/api/v1/families/:familyID/visits/:visitID/record", json: "{}", allowed: editFamily),
            Case(method: .GET, path: "/api/v1/families/\(fam)/contacts", pattern: "/api/v1/families/:familyID/contacts", allowed: seeFamily),
            Case(method: .POST, path: "/api/v1/families/\(fam)/visits/declined", pattern: "/api/v1/families/:familyID/visits/declined", json: "{}", allowed: editFamily),
            Case(method: .POST, path: "/api/v1/families/\(fam)/contacts", pattern: "/api/v1/families/:familyID/contacts", json: "{}", allowed: editFamily),
            Case(method: .GET, path: "/api/v1/trainings", pattern: "/api/v1/trainings", allowed: everyone.subtracting([.partner])),
            Case(method: .POST, path: "/api/v1/trainings", pattern: "/api/v1/trainings", json: "{}", allowed: manageTeams),
            Case(method: .GET, path: "/api/v1/visit-draws", pattern: "/api/v1/visit-draws", allowed: manageTeams),
            Case(method: .POST, path: "/api/v1/visit-draws", pattern: "/api/v1/visit-draws", json: "{}", allowed: manageTeams),
            Case(method: .GET, path: "/api/v1/visit-draws/\(r.draw.path)", pattern: "/api/v1/visit-draws/:drawID", allowed: manageTeams),
            Case(method: .GET, path: "/api/v1/visit-hours", pattern: "/api/v1/visit-hours", allowed: everyone.subtracting([.partner])),
            Case(method: .GET, path: "/api/v1/staff", pattern: "/api/v1/staff", allowed: everyone.subtracting([.partner])),
            Case(method: .GET, path: "/api/v1/staff/\(staffID)", pattern: "/api/v1/staff/:staffID", allowed: everyone.subtracting([.partner])),
            Case(method: .GET, path: "/api/v1/staff/\(f.otherProgramStaff.id!.path)", pattern: "/api/v1/staff/:staffID", allowed: []),
            Case(method: .POST, path: "/api/v1/staff", pattern: "/api/v1/staff", json: "{}", allowed: [.admin]),
            Case(method: .PATCH, path: "/api/v1/staff/\(staffID)", pattern: "/api/v1/staff/:staffID", json: #"{"version": 1, "name": ""}"#, allowed: [.admin]),
            Case(method: .PATCH, path: "/api/v1/staff/\(f.otherProgramStaff.id!.path)", pattern: "/api/v1/staff/:staffID", json: #"{"version": 1, "name": ""}"#, allowed: []),
            Case(method: .GET, path: "/api/v1/families/\(fam)/transitions", pattern: "/api/v1/families/:familyID/transitions", allowed: seeFamily),
            Case(method: .GET, path: "/api/v1/families/\(f.teacherFamily.id!.path)/transitions", pattern: "/api/v1/families/:familyID/transitions",
                 allowed: [.director, .manager, .dataViewer, .teacher]),
            Case(method: .GET, path: "/api/v1/families/\(fam)/access-history", pattern: "/api/v1/families/:familyID/access-history", allowed: manageTeams),
            Case(method: .GET, path: "/api/v1/families/\(f.otherProgramFamily.id!.path)/access-history", pattern: "/api/v1/families/:familyID/access-history", allowed: []),
            Case(method: .GET, path: "/api/v1/sites", pattern: "/api/v1/sites", allowed: everyone.subtracting([.partner])),
            Case(method: .GET, path: "/api/v1/sites/\(site)", pattern: "/api/v1/sites/:siteID", allowed: everyone.subtracting([.partner])),
            Case(method: .POST, path: "/api/v1/sites", pattern: "/api/v1/sites", json: "{}", allowed: setUp),
            Case(method: .PATCH, path: "/api/v1/sites/\(site)", pattern: "/api/v1/sites/:siteID", json: #"{"version": 1}"#, allowed: setUp),
            Case(method: .GET, path: "/api/v1/program", pattern: "/api/v1/program", allowed: everyone.subtracting([.partner])),
            Case(method: .POST, path: "/api/v1/family-imports", pattern: "/api/v1/family-imports", json: #"{"csv": "child_name\nAda\n", "dry_run": true}"#,
                 allowed: [.director, .manager]),
            Case(method: .PATCH, path: "/api/v1/program", pattern: "/api/v1/program", json: #"{"version": 1, "name": ""}"#, allowed: setUp),
            Case(method: .GET, path: "/api/v1/classrooms", pattern: "/api/v1/classrooms", allowed: everyone.subtracting([.partner])),
            Case(method: .GET, path: "/api/v1/classrooms/\(room)", pattern: "/api/v1/classrooms/:classroomID", allowed: everyone.subtracting([.partner])),
            Case(method: .POST, path: "/api/v1/classrooms", pattern: "/api/v1/classrooms", json: "{}", allowed: setUp),
            Case(method: .PATCH, path: "/api/v1/classrooms/\(room)", pattern: "/api/v1/classrooms/:classroomID", json: #"{"version": 1, "name": ""}"#, allowed: setUp),
            Case(method: .GET, path: "/api/v1/caseloads", pattern: "/api/v1/caseloads", allowed: manageTeams),
            Case(method: .GET, path: "/api/v1/staff/\(fsw)/supervision-notes", pattern: "/api/v1/staff/:staffID/supervision-notes", allowed: [.familyServiceWorker, .manager]),
            Case(method: .POST, path: "/api/v1/staff/\(fsw)/supervision-notes", pattern: "/api/v1/staff/:staffID/supervision-notes", json: "{}", allowed: [.manager]),
            Case(method: .GET, path: "/api/v1/families/\(fam)/meetings", pattern: "/api/v1/families/:familyID/meetings", allowed: seeFamily),
            Case(method: .POST, path: "/api/v1/families/\(fam)/meetings", pattern: "/api/v1/families/:familyID/meetings", json: "{}", allowed: editFamily),
            Case(method: .GET, path: "/api/v1/families/\(fam)/agreement/supervisor-reviews", pattern: "/api/v1/families/:familyID/agreement/supervisor-reviews", allowed: seeFamily),
            Case(method: .POST, path: "/api/v1/families/\(fam)/agreement/supervisor-reviews", pattern: "/api/v1/families/:familyID/agreement/supervisor-reviews", json: "{}", allowed: manageTeams),
            Case(method: .GET, path: "/api/v1/caseloads/unassigned", pattern: "/api/v1/caseloads/unassigned", allowed: manageTeams),
            Case(method: .POST, path: "/api/v1/caseloads/unassigned", pattern: "/api/v1/caseloads/unassigned", json: "{}", allowed: manageTeams),
            Case(method: .GET, path: "/api/v1/caseloads/\(fsw)", pattern: "/api/v1/caseloads/:staffID", allowed: manageTeams.union([.familyServiceWorker])),
            Case(method: .GET, path: "/api/v1/caseloads/\(f.otherProgramStaff.id!.path)", pattern: "/api/v1/caseloads/:staffID", allowed: []),
            Case(method: .POST, path: "/api/v1/caseloads/\(fsw)/exceptions", pattern: "/api/v1/caseloads/:staffID/exceptions", json: "{}", allowed: manageTeams),
            Case(method: .POST, path: "/api/v1/caseloads/\(fsw)/absences", pattern: "/api/v1/caseloads/:staffID/absences", json: "{}", allowed: manageTeams),
            Case(method: .GET, path: "/api/v1/absences/\(r.absence.path)/cover", pattern: "/api/v1/absences/:absenceID/cover", allowed: manageTeams),
            Case(method: .POST, path: "/api/v1/absences/\(r.absence.path)/cover", pattern: "/api/v1/absences/:absenceID/cover", json: "{}", allowed: manageTeams),
            Case(method: .POST, path: "/api/v1/absences/\(r.absence.path)/return", pattern: "/api/v1/absences/:absenceID/return", json: "{}", allowed: manageTeams),
            Case(method: .GET, path: "/api/v1/reports/family-services", pattern: "/api/v1/reports/family-services", allowed: [.director, .manager, .dataViewer]),
        ]
    }

    /// Denied: sent to sign in, 401, 403, or a 404 that hides a record outside the staff member's reach.
    static func denied(_ response: TestingHTTPResponse) -> Bool {
        [.unauthorized, .forbidden, .notFound].contains(response.status)
            || (response.status == .seeOther && (response.location ?? "").hasPrefix("/sign-in"))
    }

    @Test func everyRouteAsEveryRole() async throws {
        try await withTestApp { app, f in
            let cases = Self.cases(f, try await Records.make(f, on: app.db))

            let registered = Set(app.routes.all.map { "\($0.method.rawValue) /" + $0.path.map(\.description).joined(separator: "/") })
            let covered = Set(cases.map { "\($0.method.rawValue) \($0.pattern)" }).union(Self.publicRoutes)
            #expect(registered.subtracting(covered).isEmpty, "routes missing from the access matrix: \(registered.subtracting(covered).sorted())")

            for role in [nil] + StaffRole.allCases {
                let client = TestClient(app)
                if let role {
                    try await client.signIn(f.email(role))
                    let token = APIToken.generate()
                    try await APIToken(staffID: f.id(role), name: "matrix", tokenDigest: APIToken.digest(token)).create(on: app.db)
                    client.bearer = token
                } else {
                    _ = try await client.get("/sign-in")
                }
                for c in cases {
                    let response: TestingHTTPResponse
                    if let form = c.form {
                        response = try await client.post(c.path, form)
                    } else if c.path.hasPrefix("/api/") {
                        response = try await client.json(c.method, c.path, c.json)
                    } else {
                        response = try await client.get(c.path)
                    }
                    let expectAllowed = role.map(c.allowed.contains) ?? false
                    #expect(response.status.code < 500, "\(c.method) \(c.path) as \(role?.rawValue ?? "signed out") gave \(response.status)")
                    #expect(Self.denied(response) == !expectAllowed,
                            "\(c.method) \(c.path) as \(role?.rawValue ?? "signed out"): expected \(expectAllowed ? "allowed" : "denied"), got \(response.status) \(response.location ?? "")")
                }
            }
        }
    }
}
