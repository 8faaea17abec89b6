import Foundation

/// The parts of a family's record a parent may agree to share (45 CFR 1303.20). A consent names some of them;
/// a share packet holds some of them; a partner sees only those a current consent covers.
public enum RecordCategory: String, CaseIterable, Codable, Sendable {
    case enrollment
    case attendance
    case assessment
    case agreement = "agreement_and_goals"
    case services = "referrals_and_services"
    case health
    /// Plans the family has with a child welfare agency: shared only when a consent names them.
    case childWelfare = "child_welfare_plans"

    public var label: String {
        switch self {
        case .enrollment: "Enrollment (household, members, program)"
        case .attendance: "Attendance"
        case .assessment: "Family assessment and needs"
        case .agreement: "Partnership agreement and goals"
        case .services: "Referrals and services"
        case .health: "Health (disability services, health-related needs and services)"
        case .childWelfare: "Child welfare plans (case plans with a child welfare agency)"
        }
    }

    /// Health-related service categories are shared only under a health consent, never as ordinary services.
    private static let healthServices: Set<String> = [
        ServiceCategory.mentalHealth, .substanceMisusePrevention, .substanceMisuseTreatment, .healthEducation,
        .preventiveHealth, .tobaccoEducation, .postpartumCare, .nutrition,
    ].reduce(into: []) { $0.insert($1.rawValue) }

    /// Whether a built-in service category is health-related (a program marks its own categories itself).
    public static func isHealthService(_ key: String) -> Bool { healthServices.contains(key) }

    /// Where a need, referral or service in `serviceCategory` belongs when records are shared; `healthRelated`
    /// says whether the category is health-related (built in, or marked so by the program).
    public static func of(serviceCategory key: String, healthRelated: Bool? = nil) -> RecordCategory {
        (healthRelated ?? healthServices.contains(key)) ? .health : .services
    }

    /// Categories stored as a comma-separated list; unknown names are dropped.
    public static func parseList(_ raw: String) -> Set<RecordCategory> {
        Set(raw.split(separator: ",").compactMap { RecordCategory(rawValue: $0.trimmingCharacters(in: .whitespaces)) })
    }

    public static func formatList(_ categories: Set<RecordCategory>) -> String {
        allCases.filter(categories.contains).map(\.rawValue).joined(separator: ",")
    }
}

/// How a parent gave consent.
public enum ConsentMethod: String, CaseIterable, Codable, Sendable {
    case signedForm = "signed_form"
    case electronicSignature = "electronic_signature"
    case inPerson = "in_person_witnessed"

    public var label: String {
        switch self {
        case .signedForm: "Signed and dated form"
        case .electronicSignature: "Electronic signature"
        case .inPerson: "In person, witnessed and written down"
        }
    }
}

/// What a consent allows, as plain values: which partner may see which categories of which family's records,
/// from when until when, unless revoked.
public struct ConsentTerms: Sendable, Equatable {
    public let partner: UUID
    public let family: UUID
    public let categories: Set<RecordCategory>
    public let startsOn: CalendarDate
    public let endsOn: CalendarDate
    public let revokedOn: CalendarDate?

    public init(partner: UUID, family: UUID, categories: Set<RecordCategory>, startsOn: CalendarDate, endsOn: CalendarDate,
                revokedOn: CalendarDate?) {
        self.partner = partner
        self.family = family
        self.categories = categories
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.revokedOn = revokedOn
    }

    /// In force on `day`: started, not yet past its end date, and not revoked on or before that day.
    /// A consent revoked today stops at once.
    public func isCurrent(on day: CalendarDate) -> Bool {
        startsOn <= day && day <= endsOn && revokedOn.map { day < $0 } != false
    }

    public func covers(partner: UUID, family: UUID, categories wanted: Set<RecordCategory>, on day: CalendarDate) -> Bool {
        self.partner == partner && self.family == family && isCurrent(on: day) && wanted.isSubset(of: categories)
    }

    /// Where a consent can be wrong before it is saved: no categories, or an end before the start.
    public static func problems(categories: Set<RecordCategory>, startsOn: CalendarDate, endsOn: CalendarDate) -> [String: String] {
        var problems: [String: String] = [:]
        if categories.isEmpty { problems["categories"] = "Choose at least one kind of record the parent agreed to share." }
        if endsOn < startsOn { problems["ends_on"] = "The end date cannot be before the start date." }
        return problems
    }
}

/// Who may see what, decided from consents alone. Nothing is shared with a partner unless one current
/// consent covers that partner, that family and every category asked for.
public enum ConsentRules {
    /// The index of a consent that allows sharing `categories` of `family` with `partner` on `day`, or nil.
    /// An empty request is never allowed: sharing nothing needs no packet.
    public static func covering(_ consents: [ConsentTerms], partner: UUID, family: UUID,
                                categories: Set<RecordCategory>, on day: CalendarDate) -> Int? {
        guard !categories.isEmpty else { return nil }
        return consents.firstIndex { $0.covers(partner: partner, family: family, categories: categories, on: day) }
    }

    /// The categories of `family` that `partner`'s staff may see on `day`.
    public static func visibleCategories(_ consents: [ConsentTerms], partner: UUID, family: UUID,
                                         on day: CalendarDate) -> Set<RecordCategory> {
        consents.filter { $0.partner == partner && $0.family == family && $0.isCurrent(on: day) }
            .reduce(into: []) { $0.formUnion($1.categories) }
    }

    /// The families whose records `partner`'s staff may see on `day`.
    public static func visibleFamilies(_ consents: [ConsentTerms], partner: UUID, on day: CalendarDate) -> Set<UUID> {
        Set(consents.filter { $0.partner == partner && $0.isCurrent(on: day) && !$0.categories.isEmpty }.map(\.family))
    }
}

/// The disclosures 45 CFR 1303.22 allows without a parent's consent. Staff pick one and give a reason;
/// the disclosure is logged like any other.
public enum DisclosureException: String, CaseIterable, Codable, Sendable {
    case healthOrSafetyEmergency = "health_or_safety_emergency"
    case childMaltreatmentReport = "child_maltreatment_report"
    case courtOrderOrSubpoena = "court_order_or_subpoena"
    case fosterCareCaseworker = "foster_care_caseworker"
    case auditOrEvaluation = "audit_or_evaluation"
    case programOfficials = "program_officials"
    case disasterResponse = "disaster_response"
    case researchStudy = "research_study"

    public var label: String {
        switch self {
        case .healthOrSafetyEmergency: "Health or safety emergency (to appropriate parties)"
        case .childMaltreatmentReport: "Report of suspected child abuse or neglect, as state law requires"
        case .courtOrderOrSubpoena: "Judicial order or lawfully issued subpoena"
        case .fosterCareCaseworker: "Caseworker of a child in foster care, under a written agreement"
        case .auditOrEvaluation: "Federal, state, local or tribal officials auditing or evaluating the program"
        case .programOfficials: "Officials, contractors or consultants acting for the program"
        case .disasterResponse: "Parties addressing a disaster"
        case .researchStudy: "A study for the program, under a written agreement"
        }
    }
}

/// The continuum of partnership with another agency, from the child welfare partnering guide.
public enum PartnershipLevel: String, CaseIterable, Codable, Sendable {
    case networking, coordination, cooperation, collaboration

    public var label: String {
        switch self {
        case .networking: "Networking — exchanging information"
        case .coordination: "Coordination — altering activities for mutual benefit"
        case .cooperation: "Cooperation — sharing resources"
        case .collaboration: "Collaboration — enhancing each other's capacity"
        }
    }

    /// The level's name alone, for lists: "Networking".
    public var name: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

public enum PartnerKind: String, CaseIterable, Codable, Sendable {
    case childWelfare = "child_welfare"
    case health
    case mentalHealth = "mental_health"
    case housing
    case workforce
    case schoolDistrict = "school_district"
    case earlyIntervention = "early_intervention"
    case other

    public var label: String {
        switch self {
        case .childWelfare: "Child welfare"
        case .health: "Health"
        case .mentalHealth: "Mental health"
        case .housing: "Housing"
        case .workforce: "Workforce development"
        case .schoolDistrict: "School district"
        case .earlyIntervention: "Early intervention (Part C)"
        case .other: "Other"
        }
    }
}

/// Dates a program must keep to with partners and parents.
public enum PrivacyDates {
    /// An MOU's renewal is flagged this many days before it expires.
    public static let mouReminderDays = 60
    /// A parent's request to inspect records is answered within 45 days (1303.23).
    public static let inspectionDays = 45

    public static func mouRenewalDue(expiresOn: CalendarDate, today: CalendarDate) -> Bool {
        today >= expiresOn.adding(days: -mouReminderDays)
    }

    /// `mouRenewalDue` as a threshold: MOUs expiring on or before this day are due for renewal.
    public static func mouRenewalsDue(through today: CalendarDate) -> CalendarDate {
        today.adding(days: mouReminderDays)
    }

    public static func inspectionDue(receivedOn: CalendarDate) -> CalendarDate {
        receivedOn.adding(days: inspectionDays)
    }
}

/// A parent's request about their records (1303.23, 1303.24).
public enum RecordRequestKind: String, CaseIterable, Codable, Sendable {
    case inspection
    case amendment

    public var label: String {
        switch self {
        case .inspection: "Inspect and review records"
        case .amendment: "Amend a record"
        }
    }
}

public enum AmendmentDecision: String, CaseIterable, Codable, Sendable {
    case amended
    case notAmended = "not_amended"

    public var label: String {
        switch self {
        case .amended: "Record amended as asked"
        case .notAmended: "Record not changed"
        }
    }
}
