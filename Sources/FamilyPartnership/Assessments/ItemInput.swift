import Foundation
import PartnershipRules
import Vapor

/// One instrument item as the editor writes it: its key and text, the section it sits in, the outcomes it is
/// tagged with, its levels one per line, which way the scale runs, and the need a low answer proposes.
struct ItemInput: Content, Sendable {
    var key: String?
    var text: String?
    var section: String?
    var newSection: String?
    var outcomes: [String]?
    var levels: String?
    var higherIsBetter: Bool?
    var needCategory: String?
    var needAt: String?
    var remove: Bool?

    enum CodingKeys: String, CodingKey {
        case key, text, section, newSection = "new_section", outcomes, levels, higherIsBetter = "higher_is_better"
        case needCategory = "need_category", needAt = "need_at", remove
    }

    init() {}

    init(_ item: Instrument.Item, section: String?) {
        key = item.key
        text = item.text
        self.section = section
        outcomes = item.outcomes.map(\.rawValue)
        levels = item.scale.levelLines
        higherIsBetter = item.scale.higherIsBetter
        needCategory = item.proposesNeed?.category.rawValue
        needAt = item.proposesNeed.map { String($0.atOrWorseThan) }
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        key = try c.decodeIfPresent(String.self, forKey: .key)
        text = try c.decodeIfPresent(String.self, forKey: .text)
        section = try c.decodeIfPresent(String.self, forKey: .section)
        newSection = try c.decodeIfPresent(String.self, forKey: .newSection)
        outcomes = try c.decodeIfPresent([String].self, forKey: .outcomes)
        levels = try c.decodeIfPresent(String.self, forKey: .levels)
        higherIsBetter = try c.decodeFlag(.higherIsBetter)
        needCategory = try c.decodeIfPresent(String.self, forKey: .needCategory)
        needAt = try c.decodeIfPresent(String.self, forKey: .needAt)
        remove = try c.decodeFlag(.remove)
    }

    /// The instrument with this item saved (or removed); throws `FieldErrors` naming the wrong fields.
    func applied(to instrument: Instrument, replacing existing: String?) throws -> Instrument {
        if remove == true, let existing {
            let remaining = instrument.removing(existing)
            if remaining.items.isEmpty {
                var errors = FieldErrors()
                errors["remove"] = "An instrument needs at least one item."
                throw errors
            }
            return remaining
        }
        var errors = FieldErrors()
        let key = existing ?? errors.take("key", FieldRules.text(self.key, label: "Key", required: true, max: 60)) ?? nil
        if existing == nil, let key {
            if instrument.item(key) != nil { errors["key"] = "Another item already has the key \"\(key)\"." }
            if !key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
                errors["key"] = "The key is letters, digits, - or _ (for example \"housing\")."
            }
        }
        let text = errors.take("text", FieldRules.text(self.text, label: "Question or text", required: true, max: 500))
        let newSection = errors.take("new_section", FieldRules.text(newSection, label: "New section", required: false, max: 200)) ?? nil
        let section = newSection ?? FieldRules.trimmed(self.section)
        if section == nil { errors["section"] = "Choose a section or name a new one." }
        var outcomes: [Outcome] = []
        for raw in self.outcomes ?? [] where FieldRules.trimmed(raw) != nil {
            if let outcome = Outcome(rawValue: raw) { outcomes.append(outcome) } else { errors["outcomes"] = "\"\(raw)\" is not an outcome." }
        }
        if outcomes.isEmpty, errors["outcomes"] == nil { errors["outcomes"] = "Tag the item with at least one family engagement outcome." }
        let levels = errors.take("levels", Instrument.Scale.parseLevels(self.levels))
        var trigger: Instrument.NeedTrigger?
        let category = errors.take("need_category", FieldRules.choice(needCategory, ServiceCategory.self, label: "Service category", required: false)) ?? nil
        if let category {
            if let at = Int(FieldRules.trimmed(needAt) ?? ""), levels?.contains(where: { $0.value == at }) ?? true {
                trigger = .init(category: category, atOrWorseThan: at)
            } else {
                errors["need_at"] = "Give the level value at or below which a need is proposed; it must be one of the levels."
            }
        }
        try errors.throwIfAny()
        let item = Instrument.Item(key: key!, text: text!!, outcomes: outcomes,
                                   scale: .init(levels: levels!, higherIsBetter: higherIsBetter ?? false), proposesNeed: trigger)
        return instrument.saving(item, in: section!, replacing: existing)
    }
}
