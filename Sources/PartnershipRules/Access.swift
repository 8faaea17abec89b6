/// Who may see and do what with families' records. The app applies `familyReach` inside every family query;
/// the other answers gate actions. Plain values in, plain values out, so the policy is tested without a database.
public enum FamilyReach: Equatable, Sendable {
    /// Every family of the staff member's own program (never another program's).
    case wholeProgram
    /// Families whose team the staff member is on, and those of the staff they supervise.
    case teamsAndSupervisees
    /// No family records at all (e.g. an account administrator who holds no other role).
    case none
}

public struct Access: Sendable, Equatable {
    public let roles: Set<StaffRole>

    public init(roles: Set<StaffRole>) {
        self.roles = roles
    }

    private static let wholeProgramRoles: Set<StaffRole> = [.director, .manager, .dataViewer]
    private static let caseworkRoles: Set<StaffRole> = [.familyServiceWorker, .homeVisitor, .teacher, .specialist]
    private static let recruitingRoles: Set<StaffRole> = [.director, .manager, .familyServiceWorker, .homeVisitor]
    private static let enrollmentRoles: Set<StaffRole> = [.director, .manager, .familyServiceWorker]

    public var familyReach: FamilyReach {
        if isPartnerStaff { return .none }
        if !roles.isDisjoint(with: Self.wholeProgramRoles) { return .wholeProgram }
        if !roles.isDisjoint(with: Self.caseworkRoles) { return .teamsAndSupervisees }
        return .none
    }

    /// Staff who work with families (every role but a pure account administrator) use the program's shared
    /// lists: instruments, the provider directory.
    public var worksWithFamilies: Bool { familyReach != .none }

    /// Everyone who may see a family may correct its records, except a read-only data viewer
    /// who holds no other role.
    public var mayEditFamilies: Bool {
        familyReach != .none && !(roles.subtracting([.dataViewer, .admin]).isEmpty)
    }

    /// Staff who recruit and enroll families may add a new one.
    public var mayCreateFamilies: Bool { !roles.isDisjoint(with: Self.recruitingRoles) }

    /// Enrollment and exit decisions are made by family services staff and their managers.
    public var mayChangeEnrollment: Bool { !roles.isDisjoint(with: Self.enrollmentRoles) }

    /// Assigning staff to a family's team is caseload management: managers and directors.
    public var mayManageTeams: Bool { !roles.isDisjoint(with: [.director, .manager]) }

    /// Program-wide reports (the PIR family services count) are for those who see the whole program.
    public var maySeeProgramReports: Bool { familyReach == .wholeProgram }

    /// A family's access history is shown to directors and managers.
    public var maySeeAccessHistory: Bool { !roles.isDisjoint(with: [.director, .manager]) }

    /// Assessment instruments are chosen and written by managers and directors.
    public var mayManageInstruments: Bool { !roles.isDisjoint(with: [.director, .manager]) }

    /// The community provider directory is kept up to date by the staff who refer families, and their managers.
    public var mayMaintainDirectory: Bool { !roles.isDisjoint(with: [.director, .manager, .familyServiceWorker, .homeVisitor]) }

    /// Whole-directory imports replace many entries at once: managers and directors.
    public var mayImportDirectory: Bool { !roles.isDisjoint(with: [.director, .manager]) }

    /// The program's own settings (agreement deadlines, assessment periods) are the director's.
    public var mayChangeProgramSettings: Bool { roles.contains(.director) }

    /// Bringing in families from another system's export: managers and directors.
    public var mayImportFamilies: Bool { !roles.isDisjoint(with: [.director, .manager]) }

    /// The program's set-up (its name, options, program year, time zone, sites and classrooms): the director, or the
    /// administrator who starts a new program before it has a director.
    public var maySetUpProgram: Bool { !roles.isDisjoint(with: [.director, .admin]) }

    /// Partner agency staff reach families only through consents, never through the program's own rules.
    public var isPartnerStaff: Bool { roles.contains(.partner) }

    /// Partner agencies and their MOUs are kept by managers and directors.
    public var mayManagePartners: Bool { !isPartnerStaff && !roles.isDisjoint(with: [.director, .manager]) }

    /// Recording consents, sharing records with partners and logging disclosures: family services staff and
    /// their managers (not teachers, specialists or data viewers).
    public var mayShareRecords: Bool {
        !isPartnerStaff && !roles.isDisjoint(with: [.director, .manager, .familyServiceWorker, .homeVisitor])
    }

    /// Deciding on a parent's request to inspect or amend records, and exporting everything held: managers and directors.
    public var mayAnswerRecordRequests: Bool { !isPartnerStaff && !roles.isDisjoint(with: [.director, .manager]) }

    /// The family's privacy page (consents, disclosure log, requests): whoever shares records or answers requests.
    public var maySeePrivacyRecords: Bool { mayShareRecords || mayAnswerRecordRequests }

    /// The program's staff list is for its own staff, not for partner agencies' accounts.
    public var maySeeStaffList: Bool { !isPartnerStaff }

    /// Recording staff trainings, running the fair draw of families for visits, and seeing everyone's visit and
    /// contact hours: managers and directors.
    public var mayManageVisits: Bool { !isPartnerStaff && !roles.isDisjoint(with: [.director, .manager]) }

    /// Staff accounts are managed by administrators only.
    public var mayManageAccounts: Bool { roles.contains(.admin) }
}
