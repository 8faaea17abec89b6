import Foundation

/// Recognising a family or child that is probably already on record, so staff link to it instead of
/// creating a second record of the same people.
public enum DuplicateCheck {
    /// Names compared without case, accents, punctuation or extra spaces: "José  Álvarez" matches "jose alvarez".
    public static func nameKey(_ name: String) -> String {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        let letters = folded.map { $0.isLetter || $0.isNumber ? $0 : " " }
        return String(letters).split(separator: " ").joined(separator: " ")
    }

    /// Street addresses compared on their letters and digits only, with common abbreviations unified.
    public static func addressKey(_ address: String) -> String {
        let words = nameKey(address).split(separator: " ").map { word -> String in
            switch word {
            case "street": "st"
            case "avenue": "ave"
            case "road": "rd"
            case "drive": "dr"
            case "apartment", "apt", "unit", "#": "apt"
            case "boulevard": "blvd"
            case "lane": "ln"
            default: String(word)
            }
        }
        return words.joined(separator: " ")
    }
}
