import Foundation

/// What a staff member does in the program. A person may hold several roles (a family service worker who
/// is also a home visitor, a director who also administers accounts).
public enum StaffRole: String, CaseIterable, Codable, Sendable {
    case admin
    case director
    case manager
    case familyServiceWorker = "family_service_worker"
    case homeVisitor = "home_visitor"
    case teacher
    case specialist
    case dataViewer = "data_viewer"
    /// Staff of a partner agency: they see only what parents consented to share with their agency.
    case partner

    public var label: String {
        switch self {
        case .admin: "Administrator (accounts)"
        case .director: "Program director"
        case .manager: "Family services manager / supervisor"
        case .familyServiceWorker: "Family service worker"
        case .homeVisitor: "Home visitor"
        case .teacher: "Teacher"
        case .specialist: "Specialist (e.g. mental health consultant)"
        case .dataViewer: "Data viewer (read only)"
        case .partner: "Partner agency staff (consented records only)"
        }
    }

    /// Roles are stored as a comma-separated list; unknown names are dropped rather than trusted.
    public static func parseList(_ raw: String) -> Set<StaffRole> {
        Set(raw.split(separator: ",").compactMap { StaffRole(rawValue: $0.trimmingCharacters(in: .whitespaces)) })
    }

    public static func formatList(_ roles: Set<StaffRole>) -> String {
        allCases.filter(roles.contains).map(\.rawValue).joined(separator: ",")
    }
}

/// The role a staff member plays on one family's team.
public enum TeamRole: String, CaseIterable, Codable, Sendable {
    case familyServiceWorker = "family_service_worker"
    case teacher
    case homeVisitor = "home_visitor"
    case mentalHealthConsultant = "mental_health_consultant"
    case disabilityCoordinator = "disability_coordinator"
    case healthCoordinator = "health_coordinator"
    case other

    public var label: String {
        switch self {
        case .familyServiceWorker: "Family service worker"
        case .teacher: "Teacher"
        case .homeVisitor: "Home visitor"
        case .mentalHealthConsultant: "Mental health consultant"
        case .disabilityCoordinator: "Disability coordinator"
        case .healthCoordinator: "Health coordinator"
        case .other: "Other"
        }
    }

    /// Staff whose roles work on families' teams: not partner agency staff, read-only data viewers or account
    /// administrators (unless they also hold one of these roles).
    public static let teamStaffRoles: Set<StaffRole> = [.familyServiceWorker, .homeVisitor, .teacher, .specialist, .manager, .director]

    /// Whether a staff member with `roles` may take this part on a family's team.
    public func fits(_ roles: Set<StaffRole>) -> Bool {
        guard !roles.contains(.partner) else { return false }
        switch self {
        case .familyServiceWorker: return roles.contains(.familyServiceWorker)
        case .teacher: return roles.contains(.teacher)
        case .homeVisitor: return roles.contains(.homeVisitor)
        case .mentalHealthConsultant, .disabilityCoordinator, .healthCoordinator: return !roles.isDisjoint(with: [.specialist, .manager, .director])
        case .other: return !roles.isDisjoint(with: Self.teamStaffRoles)
        }
    }
}

public enum StaffStatus: String, CaseIterable, Codable, Sendable {
    case active
    case onLeave = "on_leave"
    case left

    public var label: String {
        switch self {
        case .active: "Active"
        case .onLeave: "On leave"
        case .left: "Left the program"
        }
    }

    /// Staff on leave keep their account so they can come back; staff who left cannot sign in.
    public var maySignIn: Bool { self != .left }
}
