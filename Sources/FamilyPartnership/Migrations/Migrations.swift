import Fluent
import Vapor

/// Every migration, in the order it runs. Append only: a landed migration is never edited; a change to the
/// schema is a new migration at the end of this list.
enum Migrations {
    static let all: [any Migration] = [
        M001CreatePrograms(),
        M002CreateStaff(),
        M003CreateFamilies(),
        M004CreateAuditEntries(),
        SessionRecord.migration,
        M005AddAgreementSettings(),
        M006CreateAssessments(),
        M007CreateAgreements(),
        M008CreateServiceDirectory(),
        M009CreateReferrals(),
        M010CreateAgencyPlans(),
        M011CreatePartnersAndConsents(),
        M012CreateVisits(),
        M013AddDrawHistory(),
        M014AddVisitAttendance(),
        M015AddRecordVersions(),
        M016CreateSignInAttempts(),
        M017AddStarterVisitTypes(),
        M018AddRestrictedPlansAndHealthCategories(),
        M019AddCaseloadIndexes(),
        M020AddToDoIndexes(),
        M021AddSupervisorIndex(),
        M022AddDueDateIndexes(),
        M023AddLastContact(),
        M024CreateCaseloads(),
        M025AddSiteIndex(),
        M026CreateSupervision(),
        M027AddBirthDateAndCoverIndexes(),
        M028AddProgramSetUp(),
        M029CreateFamilyImports(),
        M030LinkNeedsGoalsAndFollowUps(),
    ]

    static func register(on app: Application) {
        for migration in all { app.migrations.add(migration) }
    }
}
