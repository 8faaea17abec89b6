/// Where a goal of the family partnership agreement stands.
public enum GoalState: String, CaseIterable, Codable, Sendable {
    case active
    case achieved
    /// Replaced by a new goal that carries the work on; the old one links to it.
    case revised
    case discontinued

    public var label: String {
        switch self {
        case .active: "Active"
        case .achieved: "Achieved"
        case .revised: "Revised"
        case .discontinued: "Discontinued"
        }
    }

    /// The states a goal may move to from this one. An active goal may be achieved, revised or set aside;
    /// a discontinued goal may be taken up again; achieved and revised goals are history and stay as they are.
    public var next: [GoalState] {
        switch self {
        case .active: [.achieved, .revised, .discontinued]
        case .discontinued: [.active]
        case .achieved, .revised: []
        }
    }
}

/// A change of a goal's state, with what that change needs.
public enum GoalChange: Sendable, Equatable {
    case achieve
    case revise
    case discontinue(reason: String?)
    case resume

    public var target: GoalState {
        switch self {
        case .achieve: .achieved
        case .revise: .revised
        case .discontinue: .discontinued
        case .resume: .active
        }
    }

    /// The problem with making this change, keyed by the field it concerns, or nil when it may be made.
    public func problem(from state: GoalState) -> (field: String, message: String)? {
        guard state.next.contains(target) else {
            return ("state", "A goal that is \(state.label.lowercased()) cannot become \(target.label.lowercased()).")
        }
        if case .discontinue(let reason) = self, FieldRules.trimmed(reason) == nil {
            return ("reason", "Say why the goal is being discontinued.")
        }
        return nil
    }
}

/// Whose goal it is: the family's as a whole, or one child's.
public enum GoalKind: String, CaseIterable, Codable, Sendable {
    case family
    case child

    public var label: String {
        switch self {
        case .family: "Family goal"
        case .child: "Child goal"
        }
    }
}

/// How the family acknowledged its agreement.
public enum AcknowledgementMethod: String, CaseIterable, Codable, Sendable {
    case signedOnPaper = "signed_on_paper"
    case signedOnScreen = "signed_on_screen"
    case agreedByPhone = "agreed_by_phone"

    public var label: String {
        switch self {
        case .signedOnPaper: "Signed on paper"
        case .signedOnScreen: "Signed on screen, in person"
        case .agreedByPhone: "Agreed by phone"
        }
    }
}
