/// An assessment tool as data: sections of items, each rated on a scale and tagged with the family engagement
/// outcomes it speaks to. Programs bring their own (a self-sufficiency matrix, the Family Map, their own
/// questionnaires) as JSON; no code changes are needed to use one.
public struct Instrument: Codable, Equatable, Sendable {
    public var key: String
    public var name: String
    public var description: String?
    public var sections: [Section]

    public struct Section: Codable, Equatable, Sendable {
        public var title: String
        public var items: [Item]
        public init(title: String, items: [Item]) {
            self.title = title
            self.items = items
        }
    }

    public struct Item: Codable, Equatable, Sendable {
        public var key: String
        public var text: String
        public var outcomes: [Outcome]
        public var scale: Scale
        /// When set, an answer at or worse than `atOrWorseThan` proposes a need in `category`.
        public var proposesNeed: NeedTrigger?

        enum CodingKeys: String, CodingKey {
            case key, text, outcomes, scale, proposesNeed = "proposes_need"
        }

        public init(key: String, text: String, outcomes: [Outcome], scale: Scale, proposesNeed: NeedTrigger? = nil) {
            self.key = key
            self.text = text
            self.outcomes = outcomes
            self.scale = scale
            self.proposesNeed = proposesNeed
        }
    }

    public struct Scale: Codable, Equatable, Sendable {
        public var levels: [Level]
        /// Whether a higher value is the better place to be. Some tools count problems, where lower is better.
        public var higherIsBetter: Bool

        enum CodingKeys: String, CodingKey { case levels, higherIsBetter = "higher_is_better" }

        public init(levels: [Level], higherIsBetter: Bool = true) {
            self.levels = levels
            self.higherIsBetter = higherIsBetter
        }

        public func level(_ value: Int) -> Level? { levels.first { $0.value == value } }

        /// Where `value` sits between the worst level (0) and the best (1), whichever way the scale runs.
        public func standing(_ value: Int) -> Double? {
            guard level(value) != nil, let low = levels.map(\.value).min(), let high = levels.map(\.value).max(),
                  high > low else { return nil }
            let up = (Double(value) - Double(low)) / (Double(high) - Double(low))
            return higherIsBetter ? up : 1 - up
        }

        /// True when `value` is `threshold` or further towards the worst end.
        public func isAtOrWorse(_ value: Int, than threshold: Int) -> Bool {
            higherIsBetter ? value <= threshold : value >= threshold
        }
    }

    public struct Level: Codable, Equatable, Sendable {
        public var value: Int
        public var label: String
        public var description: String?
        public init(_ value: Int, _ label: String, _ description: String? = nil) {
            self.value = value
            self.label = label
            self.description = description
        }
    }

    public struct NeedTrigger: Codable, Equatable, Sendable {
        public var category: ServiceCategory
        public var atOrWorseThan: Int
        enum CodingKeys: String, CodingKey { case category, atOrWorseThan = "at_or_worse_than" }
        public init(category: ServiceCategory, atOrWorseThan: Int) {
            self.category = category
            self.atOrWorseThan = atOrWorseThan
        }
    }

    public init(key: String, name: String, description: String? = nil, sections: [Section]) {
        self.key = key
        self.name = name
        self.description = description
        self.sections = sections
    }

    public var items: [Item] { sections.flatMap(\.items) }

    public func item(_ key: String) -> Item? { items.first { $0.key == key } }
}

// MARK: - Checking a definition

extension Instrument {
    /// What is wrong with this definition, in words for the person who wrote it; empty when it can be used.
    public var problems: [String] {
        var problems: [String] = []
        if FieldRules.trimmed(key) == nil || !key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
            problems.append("The key must be letters, digits, - or _ (for example \"ssm-10\").")
        }
        if key.count > 60 { problems.append("The key must be at most 60 characters.") }
        if FieldRules.trimmed(name) == nil { problems.append("The instrument needs a name.") }
        if name.count > 120 { problems.append("The name must be at most 120 characters.") }
        if sections.isEmpty { problems.append("The instrument needs at least one section.") }
        var seen = Set<String>()
        for section in sections {
            if FieldRules.trimmed(section.title) == nil { problems.append("Every section needs a title.") }
            if section.items.isEmpty { problems.append("Section \"\(section.title)\" has no items.") }
            for item in section.items {
                let name = "Item \"\(item.key)\""
                if FieldRules.trimmed(item.key) == nil { problems.append("Every item needs a key.") }
                if !seen.insert(item.key).inserted { problems.append("\(name) is used twice; item keys must be unique.") }
                if FieldRules.trimmed(item.text) == nil { problems.append("\(name) needs its question or text.") }
                if item.outcomes.isEmpty { problems.append("\(name) must be tagged with at least one family engagement outcome.") }
                let values = item.scale.levels.map(\.value)
                if values.count < 2 { problems.append("\(name) needs a scale of at least two levels.") }
                if Set(values).count != values.count { problems.append("\(name) has two levels with the same value.") }
                if item.scale.levels.contains(where: { FieldRules.trimmed($0.label) == nil }) {
                    problems.append("\(name) has a level without a label.")
                }
                if let trigger = item.proposesNeed, !values.contains(trigger.atOrWorseThan) {
                    problems.append("\(name) proposes a need at level \(trigger.atOrWorseThan), which is not on its scale.")
                }
            }
        }
        if items.count > 200 { problems.append("An instrument may have at most 200 items.") }
        if items.contains(where: { $0.scale.levels.count > 20 || $0.scale.levels.contains { !Self.levelValues.contains($0.value) } }) {
            problems.append("Scales have at most 20 levels, with values from -1000 to 1000.")
        }
        if !texts.allSatisfy({ text, max in text.count <= max && !text.unicodeScalars.contains { $0.properties.generalCategory == .control } }) {
            problems.append("Keys, names and labels must be at most 60 to 1000 characters (see the format) with no control characters.")
        }
        return problems
    }
}

extension Instrument {
    static let levelValues = -1000...1000

    /// Every piece of text in the definition with its longest allowed length.
    private var texts: [(String, Int)] {
        var all: [(String, Int)] = [(key, 60), (name, 120), (description ?? "", 1000)]
        for section in sections {
            all.append((section.title, 200))
            for item in section.items {
                all += [(item.key, 60), (item.text, 500)]
                all += item.scale.levels.flatMap { [($0.label, 120), ($0.description ?? "", 500)] }
            }
        }
        return all
    }
}

// MARK: - Scoring

/// Answers to an instrument's items, by item key.
public typealias Answers = [String: Int]

extension Instrument {
    /// Problems with a set of answers, keyed by item: a value that is not on the item's scale, or an unknown item.
    public func answerProblems(_ answers: Answers) -> [String: String] {
        var problems: [String: String] = [:]
        for (key, value) in answers {
            guard let item = item(key) else { problems[key] = "There is no item \"\(key)\" on this instrument."; continue }
            if item.scale.level(value) == nil {
                let allowed = item.scale.levels.map { String($0.value) }.joined(separator: ", ")
                problems[key] = "\(item.text): choose one of \(allowed)."
            }
        }
        return problems
    }

    /// Each outcome's standing from 0 (worst) to 1 (best): the mean standing of the answered items tagged with it.
    /// Outcomes with no answered item are absent. This is the only way scores from different instruments meet.
    public func outcomeStandings(_ answers: Answers) -> [Outcome: Double] {
        var sums: [Outcome: (total: Double, count: Int)] = [:]
        for item in items {
            guard let value = answers[item.key], let standing = item.scale.standing(value) else { continue }
            for outcome in Set(item.outcomes) {
                let sum = sums[outcome] ?? (0, 0)
                sums[outcome] = (sum.total + standing, sum.count + 1)
            }
        }
        return sums.mapValues { $0.total / Double($0.count) }
    }

    /// The needs the answers propose: items flagged to do so whose answer is at or worse than the trigger level.
    public func proposedNeeds(_ answers: Answers) -> [(item: Item, category: ServiceCategory)] {
        items.compactMap { item in
            guard let trigger = item.proposesNeed, let value = answers[item.key],
                  item.scale.isAtOrWorse(value, than: trigger.atOrWorseThan) else { return nil }
            return (item, trigger.category)
        }
    }
}

/// A standing from 0 to 1 shown on the five-level scale staff know: 1 in crisis … 5 thriving.
public enum OutcomeLevel {
    public static func score(_ standing: Double) -> Double { 1 + 4 * standing }

    public static func label(_ standing: Double) -> String {
        let labels = ["In crisis", "Vulnerable", "Safe", "Stable", "Thriving"]
        return labels[min(4, max(0, Int((standing * 4).rounded())))]
    }
}

// MARK: - Editing

extension Instrument.Scale {
    /// Levels written one per line as `value | label | description` (the description may be left out), the way
    /// the instrument editor shows them.
    public static func parseLevels(_ text: String?) -> Result<[Instrument.Level], FieldProblem> {
        let lines = (text ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard lines.count >= 2 else { return .failure(FieldProblem("Write at least two levels, one per line.")) }
        var levels: [Instrument.Level] = []
        for (number, line) in lines.enumerated() {
            let parts = line.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count >= 2, let value = Int(parts[0]), !parts[1].isEmpty else {
                return .failure(FieldProblem("Line \(number + 1) must read: value | label | description (for example 1 | In crisis | No safe place to stay)."))
            }
            levels.append(.init(value, parts[1], parts.count == 3 && !parts[2].isEmpty ? parts[2] : nil))
        }
        return .success(levels)
    }

    /// The levels as the editor writes them.
    public var levelLines: String {
        levels.map { level in
            ["\(level.value)", level.label, level.description].compactMap { $0 }.joined(separator: " | ")
        }.joined(separator: "\n")
    }
}

extension Instrument {
    /// Puts `item` in the section titled `section` (added at the end when new), replacing the item with key
    /// `replacing` wherever it was. Empty sections are dropped.
    public func saving(_ item: Item, in section: String, replacing key: String?) -> Instrument {
        var copy = self
        if let key {
            for index in copy.sections.indices {
                if let position = copy.sections[index].items.firstIndex(where: { $0.key == key }),
                   copy.sections[index].title == section {
                    copy.sections[index].items[position] = item
                    return copy
                }
                copy.sections[index].items.removeAll { $0.key == key }
            }
        }
        if let index = copy.sections.firstIndex(where: { $0.title == section }) {
            copy.sections[index].items.append(item)
        } else {
            copy.sections.append(Section(title: section, items: [item]))
        }
        copy.sections.removeAll { $0.items.isEmpty }
        return copy
    }

    public func removing(_ key: String) -> Instrument {
        var copy = self
        for index in copy.sections.indices { copy.sections[index].items.removeAll { $0.key == key } }
        copy.sections.removeAll { $0.items.isEmpty }
        return copy
    }
}
