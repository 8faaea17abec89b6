/// The planned number of families a family-services staff member serves (45 CFR 1302.52(d)(2)): no more than
/// 40, except under a waiver or during temporary absence, attrition, start-up or transition, or emergency response.
public struct CaseloadLimit: Sendable, Equatable {
    /// The regulation's ratio: a program may set a lower limit, never a higher one.
    public static let regulatoryMaximum = 40
    public static let standard = CaseloadLimit(families: regulatoryMaximum, roles: [.familyServiceWorker])
    public static let rule = "45 CFR 1302.52(d)(2)"

    /// Families per staff member.
    public let families: Int
    /// The roles whose holders carry a family-services caseload: the staff the limit applies to, and the only
    /// staff who may be a family's point of contact.
    public let roles: Set<StaffRole>

    public init(families: Int, roles: Set<StaffRole>) {
        self.families = families
        self.roles = roles
    }

    /// Whether a staff member with `staffRoles` carries a caseload.
    public func applies(to staffRoles: Set<StaffRole>) -> Bool { !staffRoles.isDisjoint(with: roles) }

    /// The most families the staff member may have on `day`: the limit, or more under an exception in force.
    public func allowed(on day: CalendarDate, exceptions: [CaseloadException]) -> Int {
        exceptions.filter { $0.isInForce(on: day) }.map(\.upTo).reduce(families, max)
    }

    /// Why `name` may not take `adding` more families on top of `current`, or nil when they may.
    public func refusal(name: String, current: Int, adding: Int = 1, on day: CalendarDate,
                        exceptions: [CaseloadException]) -> String? {
        let allowed = allowed(on: day, exceptions: exceptions)
        guard current + adding > allowed else { return nil }
        let under = allowed > families ? " under the exception in force" : ""
        return "\(name) has \(current) famil\(current == 1 ? "y" : "ies"); \(current + adding) would be over the "
            + "\(allowed) allowed\(under) (\(Self.rule): at most \(families) a staff member unless an exception is recorded)."
    }

    /// The program's setting for families per staff member, checked: a whole number from 1 to 40.
    public static func families(_ raw: String?) -> Result<Int, FieldProblem> {
        FieldRules.wholeNumber(raw, label: "Families per staff member", required: true, in: 1...regulatoryMaximum).map { $0! }
    }

    /// The program's setting for the roles that carry a caseload, checked: at least one, and only staff who work
    /// with families.
    public static func roles(_ raw: [String]) -> Result<Set<StaffRole>, FieldProblem> {
        let roles = Set(raw.compactMap(StaffRole.init(rawValue:)))
        guard roles.count == Set(raw).count else { return .failure(FieldProblem("Choose roles from the list.")) }
        guard !roles.isEmpty else { return .failure(FieldProblem("Choose at least one role that carries a caseload.")) }
        guard roles.isDisjoint(with: [.partner, .dataViewer, .admin]) else {
            return .failure(FieldProblem("Partner agency staff, data viewers and administrators do not carry caseloads."))
        }
        return .success(roles)
    }
}

/// The circumstances under which a caseload may go over the limit (45 CFR 1302.52(d)(2)(i) and (ii)).
public enum CaseloadExceptionKind: String, CaseIterable, Codable, Sendable {
    case waiver
    case staffAbsence = "staff_absence"
    case attrition
    case startUpOrTransition = "start_up_or_transition"
    case emergencyResponse = "emergency_response"

    public var label: String {
        switch self {
        case .waiver: "Waiver granted by the responsible HHS official"
        case .staffAbsence: "Temporary staff absence"
        case .attrition: "Staff attrition"
        case .startUpOrTransition: "Start-up or transition"
        case .emergencyResponse: "Emergency response and recovery"
        }
    }

    /// A waiver is granted in writing and cited by its reference; the temporary circumstances need none.
    public var needsReference: Bool { self == .waiver }
}

/// A recorded exception to the caseload limit for one staff member, from one day to another.
public struct CaseloadException: Sendable, Equatable {
    public let kind: CaseloadExceptionKind
    public let startsOn: CalendarDate
    public let endsOn: CalendarDate
    /// The most families allowed while it is in force.
    public let upTo: Int

    public init(kind: CaseloadExceptionKind, startsOn: CalendarDate, endsOn: CalendarDate, upTo: Int) {
        self.kind = kind
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.upTo = upTo
    }

    public func isInForce(on day: CalendarDate) -> Bool { startsOn <= day && day <= endsOn }

    /// Temporary circumstances are meant to pass: an exception for them may run at most this long.
    public static let longestTemporaryMonths = 6
    /// However many families an exception allows, not more than this.
    public static let mostFamilies = 60
}

/// How much work a family's open needs make: the weight a caseload is balanced by (1302.52(d)(1): "the urgency,
/// and intensity of identified family needs"). A family counts 1, and each open need adds for its urgency and
/// its intensity, up to `heaviest`.
public enum Workload {
    public static let urgencyPoints: [Urgency: Int] = [.urgent: 2, .soon: 1, .routine: 0]
    public static let intensityPoints: [Intensity: Int] = [.intensive: 2, .moderate: 1, .light: 0]
    public static let heaviest = 10

    public static func points(_ urgency: Urgency, _ intensity: Intensity) -> Int {
        urgencyPoints[urgency, default: 0] + intensityPoints[intensity, default: 0]
    }

    /// The weight of a family with these open needs.
    public static func weight(needPoints: Int) -> Int { min(heaviest, 1 + needPoints) }

    public static func weight(of needs: [(Urgency, Intensity)]) -> Int {
        weight(needPoints: needs.reduce(0) { $0 + points($1.0, $1.1) })
    }
}
