import PartnershipRules
import Testing

@Suite struct AccessTests {
    @Test(arguments: [StaffRole.director, .manager, .dataViewer])
    func programWideRolesSeeTheWholeProgram(role: StaffRole) {
        #expect(Access(roles: [role]).familyReach == .wholeProgram)
    }

    @Test(arguments: [StaffRole.familyServiceWorker, .homeVisitor, .teacher, .specialist])
    func caseworkRolesSeeTheirTeams(role: StaffRole) {
        #expect(Access(roles: [role]).familyReach == .teamsAndSupervisees)
    }

    @Test func anAccountAdministratorAloneSeesNoFamilies() {
        let admin = Access(roles: [.admin])
        #expect(admin.familyReach == .none)
        #expect(!admin.mayEditFamilies)
        #expect(admin.mayManageAccounts)
        #expect(Access(roles: [.admin, .director]).familyReach == .wholeProgram)
    }

    @Test func aDataViewerReadsButNeverChanges() {
        let viewer = Access(roles: [.dataViewer])
        #expect(!viewer.mayEditFamilies)
        #expect(!viewer.mayCreateFamilies)
        #expect(!viewer.mayChangeEnrollment)
        #expect(!viewer.maySeeAccessHistory)
        // A data viewer who also visits homes may edit the families on their teams.
        #expect(Access(roles: [.dataViewer, .homeVisitor]).mayEditFamilies)
    }

    @Test func onlyManagersAndDirectorsAssignTeamsAndSeeAccessHistory() {
        for role in StaffRole.allCases {
            let access = Access(roles: [role])
            #expect(access.mayManageTeams == [.director, .manager].contains(role))
            #expect(access.maySeeAccessHistory == [.director, .manager].contains(role))
        }
    }

    @Test func teachersAndSpecialistsDoNotEnrollOrRecruit() {
        for role in [StaffRole.teacher, .specialist] {
            #expect(!Access(roles: [role]).mayChangeEnrollment)
            #expect(!Access(roles: [role]).mayCreateFamilies)
        }
        #expect(Access(roles: [.homeVisitor]).mayCreateFamilies)
        #expect(!Access(roles: [.homeVisitor]).mayChangeEnrollment)
    }

    @Test func rolesRoundTripThroughTheirStoredList() {
        let roles: Set<StaffRole> = [.teacher, .homeVisitor]
        #expect(StaffRole.parseList(StaffRole.formatList(roles)) == roles)
        #expect(StaffRole.parseList("teacher, nonsense,,admin") == [.teacher, .admin])
    }
}
