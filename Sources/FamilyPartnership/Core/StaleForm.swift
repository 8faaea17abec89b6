import Foundation

/// A form saved after someone else changed the same record: the form comes back with what was typed, and
/// beside each field that differs, what the other person saved. Saving again keeps what was typed.
enum StaleForm {
    /// A message per field whose saved value differs from the typed one, keyed by the field's name (the form's
    /// inputs and the JSON keys are the same names, so the messages land beside their fields).
    static func messages<Input: Encodable>(current: Input, typed: Input,
                                           describe: (String, String) -> String = { _, value in value }) -> FieldErrors {
        let theirs = fields(of: current), yours = fields(of: typed)
        var errors = FieldErrors()
        errors.headline = "Someone else saved this record while you were editing it. Nothing you typed was lost: "
            + "what they saved is shown beside each field that differs. Save again to keep your version."
        for (key, value) in theirs where key != "version" && !same(key, value, yours[key] ?? "") {
            let shown = isPhone(key) ? Display.phone(value) : describe(key, value)
            errors[key] = value.isEmpty ? "Saved meanwhile as empty." : "Saved meanwhile as: “\(shown)”."
        }
        if errors.isEmpty { errors["version"] = "Saved meanwhile with the same values as yours." }
        return errors
    }

    /// Phones are stored as digits and shown formatted, so they are compared by their digits.
    private static func isPhone(_ key: String) -> Bool { key.hasSuffix("phone") }

    private static func same(_ key: String, _ theirs: String, _ yours: String) -> Bool {
        isPhone(key) ? theirs.filter(\.isNumber) == yours.filter(\.isNumber) : theirs == yours
    }

    /// The input's fields as text, arrays joined: what a form shows.
    private static func fields(of input: some Encodable) -> [String: String] {
        guard let data = try? JSONEncoder().encode(input),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object.compactMapValues { value -> String? in
            switch value {
            case let list as [Any]: list.map { "\($0)" }.sorted().joined(separator: ", ")
            case is NSNull: ""
            default: "\(value)"
            }
        }
    }
}
