import Fluent
import Foundation
import PartnershipRules
import Vapor

/// A Head Start / Early Head Start grantee's program: the boundary of everything a staff member may see.
final class Program: Model, Versioned, @unchecked Sendable {
    static let schema = "programs"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "grantee") var grantee: String
    @Field(key: "serves_head_start") var servesHeadStart: Bool
    @Field(key: "serves_early_head_start") var servesEarlyHeadStart: Bool
    /// Comma-separated `ProgramOption` raw values.
    @Field(key: "program_options") var programOptionsList: String
    /// First day of the current program year, `YYYY-MM-DD`.
    @Field(key: "program_year_start") var programYearStart: String
    /// Last day of the current program year; nil until the program's set-up gives it.
    @OptionalField(key: "program_year_end") var programYearEnd: String?
    /// The state's kindergarten age cutoff (`MonthDay`, "09-01"): children five by then start kindergarten that year.
    @Field(key: "kindergarten_cutoff") var kindergartenCutoff: String
    /// The first day of the local school year (`MonthDay`), when children start kindergarten.
    @Field(key: "kindergarten_starts") var kindergartenStarts: String
    /// The program's IANA time zone; nil for the server's (`FPP_TIME_ZONE`).
    @OptionalField(key: "time_zone") var timeZone: String?
    /// Days after enrollment by which a family's partnership agreement must be started.
    @Field(key: "agreement_start_days") var agreementStartDays: Int
    /// Days between reviews of an agreement.
    @Field(key: "agreement_review_days") var agreementReviewDays: Int
    /// Comma-separated names of the assessment periods of a program year, intake first.
    @Field(key: "assessment_periods") var assessmentPeriodsList: String
    /// Referrals are made only when the family asks (the Home Visit Partnerships way).
    @Field(key: "referrals_need_family_request") var referralsNeedFamilyRequest: Bool
    /// The longest a family may go without a contact, in days.
    @Field(key: "contact_gap_days") var contactGapDays: Int
    /// Comma-separated `StaffRole` raw values: who sees child welfare case plans.
    @Field(key: "restricted_plan_roles") var restrictedPlanRolesList: String
    /// Planned families per family-services staff member (at most 40, 1302.52(d)(2)).
    @Field(key: "caseload_limit") var caseloadFamilies: Int
    /// Comma-separated `StaffRole` raw values: the roles that carry a caseload.
    @Field(key: "caseload_roles") var caseloadRolesList: String
    /// Goes up with every change; a change based on an older version is refused.
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Children(for: \.$program) var sites: [Site]

    init() {
        version = 1
    }

    init(id: UUID? = nil, name: String, grantee: String, servesHeadStart: Bool, servesEarlyHeadStart: Bool,
         options: [ProgramOption], programYearStart: CalendarDate) {
        self.version = 1
        self.id = id
        self.name = name
        self.grantee = grantee
        self.servesHeadStart = servesHeadStart
        self.servesEarlyHeadStart = servesEarlyHeadStart
        self.programOptionsList = options.map(\.rawValue).joined(separator: ",")
        self.programYearStart = programYearStart.description
        self.kindergartenCutoff = KindergartenEntry.common.cutoff.description
        self.kindergartenStarts = KindergartenEntry.common.schoolStarts.description
        self.agreementStartDays = AgreementSchedule.standard.startWithinDays
        self.agreementReviewDays = AgreementSchedule.standard.reviewEveryDays
        self.assessmentPeriodsList = "intake,fall,winter,spring"
        self.referralsNeedFamilyRequest = false
        self.contactGapDays = ContactGap.sixWeeks.longestDays
        self.restrictedPlanRolesList = StaffRole.formatList(AgencyPlanKind.restrictedRolesByDefault)
        self.caseloadLimit = .standard
    }

    var caseloadLimit: CaseloadLimit {
        get { CaseloadLimit(families: min(caseloadFamilies, CaseloadLimit.regulatoryMaximum), roles: StaffRole.parseList(caseloadRolesList)) }
        set {
            caseloadFamilies = newValue.families
            caseloadRolesList = StaffRole.formatList(newValue.roles)
        }
    }

    /// The roles that see child welfare case plans.
    var restrictedPlanRoles: Set<StaffRole> {
        get { StaffRole.parseList(restrictedPlanRolesList) }
        set { restrictedPlanRolesList = StaffRole.formatList(newValue) }
    }

    var agreementSchedule: AgreementSchedule {
        AgreementSchedule(startWithinDays: agreementStartDays, reviewEveryDays: agreementReviewDays)
    }

    /// Creates the program with what every new program starts from: the starter visit types and trainings.
    func createWithStarterSets(on db: any Database) async throws {
        try await create(on: db)
        try await VisitType.addStarterSet(program: requireID(), on: db)
    }

    var contactGap: ContactGap { ContactGap(longestDays: contactGapDays) }

    /// When the program's children start kindergarten.
    var kindergarten: KindergartenEntry {
        KindergartenEntry(cutoff: MonthDay(kindergartenCutoff) ?? KindergartenEntry.common.cutoff,
                          schoolStarts: MonthDay(kindergartenStarts) ?? KindergartenEntry.common.schoolStarts)
    }

    /// The program's own time zone, when it has one.
    var zone: TimeZone? { timeZone.flatMap(TimeZone.init(identifier:)) }

    var assessmentPeriods: [String] {
        assessmentPeriodsList.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The start of a typical program year (15 August) that `today` falls in: the demo's and generated programs'.
    static func typicalYearStart(around today: CalendarDate) -> CalendarDate {
        CalendarDate(year: today.month >= 8 ? today.year : today.year - 1, month: 8, day: 15)!
    }

    /// The program year `date` falls in.
    func year(containing date: CalendarDate) -> ProgramYear {
        ProgramYear(containing: date, yearStartsLike: CalendarDate(programYearStart) ?? date)
    }

    /// The first day of the program year `date` falls in.
    func yearStart(containing date: CalendarDate) -> CalendarDate {
        let start = CalendarDate(programYearStart) ?? date
        let year = year(containing: date).startYear
        return CalendarDate(year: year, month: start.month, day: start.day) ?? CalendarDate(year: year, month: start.month, day: 28) ?? date
    }

    /// Head Start, Early Head Start, or both.
    var services: [ProgramType] {
        (servesHeadStart ? [.headStart] : []) + (servesEarlyHeadStart ? [.earlyHeadStart] : [])
    }

    var programOptions: [ProgramOption] {
        programOptionsList.split(separator: ",").compactMap { ProgramOption(rawValue: String($0)) }
    }
}

/// A center or other site of a program.
final class Site: Model, Versioned, @unchecked Sendable {
    static let schema = "sites"

    @ID(key: .id) var id: UUID?
    @Parent(key: "program_id") var program: Program
    @Field(key: "name") var name: String
    @OptionalField(key: "address") var address: String?
    /// Digits, as `FieldRules.phone` keeps them.
    @OptionalField(key: "phone") var phone: String?
    @Field(key: "version") var version: Int

    init() { version = 1 }

    init(id: UUID? = nil, programID: UUID, name: String, address: String?, phone: String? = nil) {
        self.id = id
        self.$program.id = programID
        self.name = name
        self.address = address
        self.phone = phone
        self.version = 1
    }
}

/// A classroom at a site: its program option and its teachers. Children are placed in it by its name.
final class Classroom: Model, Versioned, @unchecked Sendable {
    static let schema = "classrooms"

    @ID(key: .id) var id: UUID?
    @Parent(key: "program_id") var program: Program
    @Parent(key: "site_id") var site: Site
    @Field(key: "name") var name: String
    @Field(key: "program_option") var programOption: ProgramOption
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Siblings(through: ClassroomTeacher.self, from: \.$classroom, to: \.$staff) var teachers: [Staff]

    init() { version = 1 }
}

/// A teacher of a classroom.
final class ClassroomTeacher: Model, @unchecked Sendable {
    static let schema = "classroom_teachers"

    @ID(key: .id) var id: UUID?
    @Parent(key: "classroom_id") var classroom: Classroom
    @Parent(key: "staff_id") var staff: Staff

    init() {}
}

extension Request {
    /// The `year` query parameter, a program year by the year it starts (`?year=2025`); nil when not given,
    /// 422 naming `year` when it is not a year.
    func chosenProgramYear() throws -> ProgramYear? {
        guard let raw = FieldRules.trimmed(try? query.get(String.self, at: "year")) else { return nil }
        guard let year = ProgramYear(raw) else {
            throw FieldErrors.one("year", "Must be the year the program year starts, like 2026.")
        }
        return year
    }
}
