/// Where a referral stands, from the family's request to the service's end.
public enum ReferralStatus: String, CaseIterable, Codable, Sendable {
    case requested
    case referred
    case connected
    case receiving
    case completed
    case declined
    case couldNotConnect = "could_not_connect"

    public var label: String {
        switch self {
        case .requested: "Requested by the family"
        case .referred: "Referred"
        case .connected: "Connected with the provider"
        case .receiving: "Receiving the service"
        case .completed: "Completed"
        case .declined: "Declined"
        case .couldNotConnect: "Could not connect"
        }
    }

    /// The open steps, in order.
    static let path: [ReferralStatus] = [.requested, .referred, .connected, .receiving, .completed]

    public var isClosed: Bool { [.completed, .declined, .couldNotConnect].contains(self) }

    /// Moves forward along the path (steps may be skipped: a family may be connected the day it is referred),
    /// or to declined or could-not-connect from any open status. A closed referral stays closed.
    public var next: [ReferralStatus] {
        guard !isClosed, let index = Self.path.firstIndex(of: self) else { return [] }
        return Array(Self.path[(index + 1)...]) + [.declined, .couldNotConnect]
    }

    /// True once the family is getting the service: only then does it count as received.
    public var meansServiceReceived: Bool { self == .receiving || self == .completed }
}

/// Whether the referral met the need.
public enum ReferralOutcome: String, CaseIterable, Codable, Sendable {
    case met
    case partlyMet = "partly_met"
    case notMet = "not_met"

    public var label: String {
        switch self {
        case .met: "Need met"
        case .partlyMet: "Need partly met"
        case .notMet: "Need not met"
        }
    }
}

public enum ReferralRules {
    /// Problems with starting a referral, by field. Programs following the Home Visit Partnerships model refer
    /// only when the family asks.
    public static func startProblem(familyAsked: Bool, programRequiresRequest: Bool) -> (field: String, message: String)? {
        if programRequiresRequest && !familyAsked {
            return ("family_asked", "Your program makes referrals only when the family asks for one. Tick the box once they have.")
        }
        return nil
    }

    /// Problems with moving a referral from `current` to `target` on `date`.
    public static func changeProblem(from current: ReferralStatus, to target: ReferralStatus, on date: CalendarDate,
                                     lastChange: CalendarDate, outcome: ReferralOutcome?, today: CalendarDate) -> (field: String, message: String)? {
        guard current.next.contains(target) else {
            return ("status", current.isClosed
                ? "This referral is closed (\(current.label.lowercased())); start a new one if the family needs more help."
                : "A referral that is \(current.label.lowercased()) cannot become \(target.label.lowercased()).")
        }
        if date > today { return ("date", "The date cannot be in the future.") }
        if date < lastChange { return ("date", "The date cannot be before the referral's last change (\(lastChange)).") }
        if target == .completed && outcome == nil { return ("outcome", "Say whether the need was met.") }
        return nil
    }

    /// True when a follow-up date has passed on an open referral.
    public static func isFollowUpOverdue(status: ReferralStatus, followUpOn: CalendarDate, today: CalendarDate) -> Bool {
        !status.isClosed && followUpOn < today
    }
}

/// A plan the family already has with another agency (1302.52(e)), recorded so staff coordinate with it
/// instead of duplicating it.
public enum AgencyPlanKind: String, CaseIterable, Codable, Sendable {
    case childWelfareCasePlan = "child_welfare_case_plan"
    case ifsp
    case iep
    case tanfWorkPlan = "tanf_work_plan"
    case housingPlan = "housing_plan"
    case healthCarePlan = "health_care_plan"
    case other

    public var label: String {
        switch self {
        case .childWelfareCasePlan: "Child welfare case plan"
        case .ifsp: "IFSP (Early Intervention)"
        case .iep: "IEP (special education)"
        case .tanfWorkPlan: "TANF / welfare-to-work plan"
        case .housingPlan: "Housing or shelter case plan"
        case .healthCarePlan: "Health or behavioral health care plan"
        case .other: "Other plan"
        }
    }
}

extension AgencyPlanKind {
    /// A child welfare case plan (placement, visits with a birth parent, reunification) is among the most
    /// sensitive records a program holds: only the roles the program allows see it, and it is shared only under a
    /// consent that names child welfare plans.
    public var isRestricted: Bool { self == .childWelfareCasePlan }

    /// Who sees child welfare case plans unless the program says otherwise: family services staff and their managers.
    public static let restrictedRolesByDefault: Set<StaffRole> = [.director, .manager, .familyServiceWorker, .homeVisitor]

    /// Whether someone with `roles` sees a plan of this kind, in a program that lets `allowed` see restricted plans.
    public func isVisible(to roles: Set<StaffRole>, allowed: Set<StaffRole>) -> Bool {
        !isRestricted || !roles.isDisjoint(with: allowed)
    }
}

extension ReferralRules {
    /// True when a provider looks like the agency a family already has a plan with: one name contains the other,
    /// ignoring case and punctuation ("Riverside County DPSS" and "DPSS").
    public static func sameAgency(_ provider: String, _ agency: String) -> Bool {
        func words(_ s: String) -> String { s.lowercased().filter { $0.isLetter || $0.isNumber || $0 == " " } }
        let a = words(provider), b = words(agency)
        guard !a.isEmpty, !b.isEmpty else { return false }
        return a.contains(b) || b.contains(a)
    }
}
