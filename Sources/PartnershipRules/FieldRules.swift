import Foundation

/// Checks on single fields, shared by every form and API endpoint. Each returns the cleaned value or a
/// message that names what is wrong in words a family service worker would use.
public enum FieldRules {
    public static func trimmed(_ raw: String?) -> String? {
        guard let t = raw?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
        return t
    }

    public static func text(_ raw: String?, label: String, required: Bool, max: Int) -> Result<String?, FieldProblem> {
        guard let value = trimmed(raw) else {
            return required ? .failure(FieldProblem("\(label) is required.")) : .success(nil)
        }
        if value.count > max { return .failure(FieldProblem("\(label) must be at most \(max) characters.")) }
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" }) {
            return .failure(FieldProblem("\(label) contains characters that are not allowed."))
        }
        return .success(value)
    }

    /// A plain address check: one @, something before it, a dotted domain after it, no spaces.
    public static func email(_ raw: String?, required: Bool) -> Result<String?, FieldProblem> {
        guard let value = trimmed(raw)?.lowercased() else {
            return required ? .failure(FieldProblem("Email is required.")) : .success(nil)
        }
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard value.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !value.contains(where: \.isWhitespace) else {
            return .failure(FieldProblem("Enter an email address like name@example.org."))
        }
        return .success(value)
    }

    /// Phone numbers are kept as the digits (with a leading + for international numbers) so that the same
    /// number typed two ways is recognised as one.
    public static func phone(_ raw: String?, label: String = "Phone", required: Bool = false) -> Result<String?, FieldProblem> {
        guard let value = trimmed(raw) else {
            return required ? .failure(FieldProblem("\(label) is required.")) : .success(nil)
        }
        let allowed = Set("0123456789+-(). ")
        guard value.allSatisfy(allowed.contains) else {
            return .failure(FieldProblem("\(label) may contain only digits, spaces and + - ( ) ."))
        }
        let digits = value.filter(\.isNumber)
        let international = value.hasPrefix("+")
        if international {
            guard (8...15).contains(digits.count) else {
                return .failure(FieldProblem("\(label) must have 8 to 15 digits after the +."))
            }
            return .success("+" + digits)
        }
        let national = digits.count == 11 && digits.hasPrefix("1") ? String(digits.dropFirst()) : digits
        guard national.count == 10 else {
            return .failure(FieldProblem("\(label) must have 10 digits, area code first."))
        }
        return .success(national)
    }

    public static func date(_ raw: String?, label: String, required: Bool) -> Result<CalendarDate?, FieldProblem> {
        guard let value = trimmed(raw) else {
            return required ? .failure(FieldProblem("\(label) is required.")) : .success(nil)
        }
        guard let date = CalendarDate(value) else {
            return .failure(FieldProblem("\(label) must be a date written YYYY-MM-DD."))
        }
        return .success(date)
    }

    /// A whole number between `range`'s bounds.
    public static func wholeNumber(_ raw: String?, label: String, required: Bool, in range: ClosedRange<Int>) -> Result<Int?, FieldProblem> {
        guard let value = trimmed(raw) else {
            return required ? .failure(FieldProblem("\(label) is required.")) : .success(nil)
        }
        guard let number = Int(value), range.contains(number) else {
            return .failure(FieldProblem("\(label) must be a whole number from \(range.lowerBound) to \(range.upperBound)."))
        }
        return .success(number)
    }

    /// A time of day written HH:MM (24-hour), as a browser's time field sends it; seconds are dropped.
    public static func timeOfDay(_ raw: String?, label: String, required: Bool) -> Result<TimeOfDay?, FieldProblem> {
        guard let value = trimmed(raw) else {
            return required ? .failure(FieldProblem("\(label) is required.")) : .success(nil)
        }
        guard let time = TimeOfDay(value) else {
            return .failure(FieldProblem("\(label) must be a time written HH:MM, like 16:30."))
        }
        return .success(time)
    }

    public static func choice<T: RawRepresentable & CaseIterable>(_ raw: String?, _ type: T.Type, label: String,
                                                                  required: Bool) -> Result<T?, FieldProblem>
    where T.RawValue == String {
        guard let value = trimmed(raw) else {
            return required ? .failure(FieldProblem("Choose a \(label.lowercased()).")) : .success(nil)
        }
        guard let choice = T(rawValue: value) else {
            let options = T.allCases.map(\.rawValue).joined(separator: ", ")
            return .failure(FieldProblem("\(label) must be one of: \(options)."))
        }
        return .success(choice)
    }

    /// HTML checkboxes send "on" when ticked and nothing when not; the API sends true/false.
    public static func flag(_ raw: String?) -> Bool {
        guard let v = trimmed(raw)?.lowercased() else { return false }
        return ["on", "true", "1", "yes"].contains(v)
    }

    /// A password must be long enough to resist guessing; length matters more than symbols.
    public static func newPassword(_ raw: String?) -> Result<String, FieldProblem> {
        guard let value = raw, !value.isEmpty else { return .failure(FieldProblem("Choose a password.")) }
        if value.count < 10 { return .failure(FieldProblem("The password must be at least 10 characters.")) }
        if value.count > 200 { return .failure(FieldProblem("The password must be at most 200 characters.")) }
        return .success(value)
    }
}

public struct FieldProblem: Error, Equatable, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}
