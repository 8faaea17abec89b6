/// The seven family engagement outcomes of the Parent, Family, and Community Engagement Framework
/// (45 CFR 1302.52(b)). Assessments, goals and services are all tagged with them, which is how scores from
/// different instruments are compared and how a program sees its results whole.
public enum Outcome: String, CaseIterable, Codable, Sendable, Comparable {
    case familyWellBeing = "family_well_being"
    case parentChildRelationships = "parent_child_relationships"
    case lifelongEducators = "lifelong_educators"
    case learners = "learners"
    case transitions = "transitions"
    case peersAndCommunity = "peers_and_community"
    case advocatesAndLeaders = "advocates_and_leaders"

    public var label: String {
        switch self {
        case .familyWellBeing: "Family well-being"
        case .parentChildRelationships: "Positive parent-child relationships"
        case .lifelongEducators: "Families as lifelong educators"
        case .learners: "Families as learners"
        case .transitions: "Family engagement in transitions"
        case .peersAndCommunity: "Family connections to peers and community"
        case .advocatesAndLeaders: "Families as advocates and leaders"
        }
    }

    public static func < (a: Outcome, b: Outcome) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// A comma-separated list of raw values, as stored; unknown values are dropped.
    public static func list(_ stored: String) -> [Outcome] {
        stored.split(separator: ",").compactMap { Outcome(rawValue: String($0)) }.sorted()
    }

    public static func stored(_ outcomes: [Outcome]) -> String {
        Set(outcomes).sorted().map(\.rawValue).joined(separator: ",")
    }
}

/// What kind of help a need calls for: the built-in service categories. Needs, referrals, services and the PIR
/// family services counts use the same list, plus any categories a program adds (`CustomCategory` in the app).
/// Which PIR item each counts under is data per PIR edition (`PIRFamilyServices`), not part of the category.
public enum ServiceCategory: String, CaseIterable, Codable, Sendable {
    case emergencyCrisis = "emergency_crisis"
    case housing
    case assetBuilding = "asset_building"
    case mentalHealth = "mental_health"
    case substanceMisusePrevention = "substance_misuse_prevention"
    case substanceMisuseTreatment = "substance_misuse_treatment"
    case englishLanguage = "english_language"
    case educationJobTraining = "education_job_training"
    case parentingEducation = "parenting_education"
    case screeningResults = "screening_results"
    case transitions
    case healthEducation = "health_education"
    case preventiveHealth = "preventive_health"
    case tobaccoEducation = "tobacco_education"
    case postpartumCare = "postpartum_care"
    case adultEducation = "adult_education"
    case jobTraining = "job_training"
    case childAbuseNeglect = "child_abuse_neglect"
    case domesticViolence = "domestic_violence"
    case childSupport = "child_support"
    case nutrition
    case relationshipEducation = "relationship_education"
    case familiesOfIncarcerated = "families_of_incarcerated"
    case food
    case employment
    case publicBenefits = "public_benefits"
    case transportation
    case childCare = "child_care"
    case legal
    case internetPhone = "internet_phone"
    case other

    public var label: String {
        switch self {
        case .emergencyCrisis: "Emergency or crisis intervention"
        case .housing: "Housing assistance"
        case .assetBuilding: "Asset building (financial education, savings)"
        case .mentalHealth: "Mental health services"
        case .substanceMisusePrevention: "Substance misuse prevention"
        case .substanceMisuseTreatment: "Substance misuse treatment"
        case .englishLanguage: "English as a second language"
        case .educationJobTraining: "Adult education or job training"
        case .parentingEducation: "Parenting education"
        case .screeningResults: "Discussing the child's screening and assessment results"
        case .transitions: "Support for transitions"
        case .healthEducation: "Health education"
        case .preventiveHealth: "Education on preventive medical and oral health"
        case .tobaccoEducation: "Education on the health effects of tobacco use"
        case .postpartumCare: "Education on postpartum care"
        case .adultEducation: "Adult education (GED, college)"
        case .jobTraining: "Job training"
        case .childAbuseNeglect: "Child abuse and neglect services"
        case .domesticViolence: "Domestic violence services"
        case .childSupport: "Child support assistance"
        case .nutrition: "Nutrition education"
        case .relationshipEducation: "Relationship or marriage education"
        case .familiesOfIncarcerated: "Support for families of incarcerated individuals"
        case .food: "Food"
        case .employment: "Employment"
        case .publicBenefits: "Public benefits (TANF, SNAP, WIC, Medicaid)"
        case .transportation: "Transportation"
        case .childCare: "Child care"
        case .legal: "Legal help"
        case .internetPhone: "Phone or internet access"
        case .other: "Other"
        }
    }
}

extension ServiceCategory {
    /// How soon a referral in this category is followed up unless staff choose otherwise: three business days
    /// where a family may be in danger or crisis, a month otherwise.
    public var defaultFollowUp: FollowUpTime {
        switch self {
        case .emergencyCrisis, .mentalHealth, .domesticViolence, .substanceMisusePrevention, .substanceMisuseTreatment,
             .childAbuseNeglect:
            .businessDays(3)
        default:
            .months(1)
        }
    }
}

/// A span of time to a follow-up date.
public enum FollowUpTime: Equatable, Sendable {
    case businessDays(Int)
    case days(Int)
    case months(Int)

    /// The follow-up date for something started on `date`. Business days skip Saturdays and Sundays.
    public func due(from date: CalendarDate) -> CalendarDate {
        switch self {
        case .days(let n): return date.adding(days: n)
        case .months(let n): return date.adding(months: n)
        case .businessDays(let n):
            var day = date, left = n
            while left > 0 {
                day = day.adding(days: 1)
                if !day.isWeekend { left -= 1 }
            }
            return day
        }
    }

    public var label: String {
        switch self {
        case .businessDays(let n): "\(n) business day\(n == 1 ? "" : "s")"
        case .days(let n): "\(n) day\(n == 1 ? "" : "s")"
        case .months(let n): "\(n) month\(n == 1 ? "" : "s")"
        }
    }
}

/// How soon a need must be met.
public enum Urgency: String, CaseIterable, Codable, Sendable {
    case urgent, soon, routine

    public var label: String {
        switch self {
        case .urgent: "Urgent"
        case .soon: "Soon"
        case .routine: "Routine"
        }
    }
}

/// How much support meeting a need will take.
public enum Intensity: String, CaseIterable, Codable, Sendable {
    case light, moderate, intensive

    public var label: String {
        switch self {
        case .light: "Light"
        case .moderate: "Moderate"
        case .intensive: "Intensive"
        }
    }
}

/// Where and how staff and family met for an assessment or review.
public enum MeetingMode: String, CaseIterable, Codable, Sendable {
    case home, center, phone, video

    public var label: String {
        switch self {
        case .home: "At home"
        case .center: "At the center"
        case .phone: "By phone"
        case .video: "By video"
        }
    }
}
