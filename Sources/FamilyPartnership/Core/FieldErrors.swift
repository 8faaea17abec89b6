import PartnershipRules
import Vapor

/// Problems with submitted input, keyed by field name (the form field and the JSON key are the same).
/// Validation collects all of them so a form comes back with every wrong field marked at once.
struct FieldErrors: Error, Sendable, Equatable {
    private(set) var messages: [String: String] = [:]
    /// A sentence for the top of the form in place of the count of fields (e.g. after someone else's change).
    var headline: String?

    var isEmpty: Bool { messages.isEmpty }

    subscript(field: String) -> String? {
        get { messages[field] }
        set { messages[field] = newValue }
    }

    /// The value when the check passed; otherwise records the message under `field` and returns nil.
    mutating func take<T>(_ field: String, _ result: Result<T, FieldProblem>) -> T? {
        switch result {
        case .success(let value): return value
        case .failure(let problem):
            if messages[field] == nil { messages[field] = problem.message }
            return nil
        }
    }

    /// A single problem, for checks that stop at the first one.
    static func one(_ field: String, _ message: String) -> FieldErrors {
        var errors = FieldErrors()
        errors[field] = message
        return errors
    }

    /// Throws when anything was wrong: the API answers 422 with the field map.
    func throwIfAny() throws {
        if !isEmpty { throw self }
    }
}

extension FieldErrors: AbortError {
    var status: HTTPResponseStatus { .unprocessableEntity }
    var reason: String {
        if let headline { return headline }
        return messages.count == 1 ? "One field needs attention." : "\(messages.count) fields need attention."
    }
}
