/// A community provider as staff enter it on the form or in a CSV row, before it is saved. The form and the
/// import use the same checks, so a row is refused for the same reasons a form would be.
public struct ProviderEntry: Equatable, Sendable {
    public var name: String?
    /// Category keys, or (from CSV) keys or labels, separated by `;` in a cell.
    public var categories: [String]
    public var languages: [String]
    public var eligibility, cost, address, hours, phone, email, website, contactName: String?
    public var verifiedOn: String?

    public init(name: String? = nil, categories: [String] = [], languages: [String] = [], eligibility: String? = nil,
                cost: String? = nil, address: String? = nil, hours: String? = nil, phone: String? = nil, email: String? = nil,
                website: String? = nil, contactName: String? = nil, verifiedOn: String? = nil) {
        self.name = name
        self.categories = categories
        self.languages = languages
        self.eligibility = eligibility
        self.cost = cost
        self.address = address
        self.hours = hours
        self.phone = phone
        self.email = email
        self.website = website
        self.contactName = contactName
        self.verifiedOn = verifiedOn
    }

    /// The entry cleaned, or the problems by field. `categories` maps what may be written (keys and labels,
    /// lower-cased) to category keys.
    public func checked(categories known: [String: String], today: CalendarDate) -> Result<ProviderEntry, FieldErrorsByName> {
        var problems: [String: String] = [:]
        var clean = ProviderEntry()
        func take<T>(_ field: String, _ result: Result<T, FieldProblem>) -> T? {
            switch result {
            case .success(let value): return value
            case .failure(let problem): problems[field] = problem.message; return nil
            }
        }
        clean.name = take("name", FieldRules.text(name, label: "Name", required: true, max: 200)) ?? nil
        var keys: [String] = []
        for written in categories.compactMap(FieldRules.trimmed) {
            if let key = known[written.lowercased()] { if !keys.contains(key) { keys.append(key) } } else {
                problems["categories"] = "\"\(written)\" is not one of the program's service categories."
            }
        }
        if keys.isEmpty, problems["categories"] == nil { problems["categories"] = "Choose at least one service category." }
        clean.categories = keys
        clean.languages = languages.compactMap(FieldRules.trimmed).map { String($0.prefix(60)) }
        if clean.languages.count > 20 { problems["languages"] = "List at most 20 languages." }
        clean.eligibility = take("eligibility", FieldRules.text(eligibility, label: "Eligibility", required: false, max: 1000)) ?? nil
        clean.cost = take("cost", FieldRules.text(cost, label: "Cost", required: false, max: 200)) ?? nil
        clean.address = take("address", FieldRules.text(address, label: "Address", required: false, max: 300)) ?? nil
        clean.hours = take("hours", FieldRules.text(hours, label: "Hours", required: false, max: 300)) ?? nil
        clean.phone = take("phone", FieldRules.phone(phone)) ?? nil
        clean.email = take("email", FieldRules.email(email, required: false)) ?? nil
        clean.contactName = take("contact_name", FieldRules.text(contactName, label: "Contact", required: false, max: 200)) ?? nil
        if let site = take("website", FieldRules.text(website, label: "Website", required: false, max: 300)) ?? nil {
            if site.lowercased().hasPrefix("http://") || site.lowercased().hasPrefix("https://") { clean.website = site } else {
                problems["website"] = "The website must start with http:// or https://."
            }
        }
        if let date = take("verified_on", FieldRules.date(verifiedOn, label: "Last verified", required: false)) ?? nil {
            if date > today { problems["verified_on"] = "The date it was last verified cannot be in the future." } else {
                clean.verifiedOn = date.description
            }
        }
        return problems.isEmpty ? .success(clean) : .failure(FieldErrorsByName(problems))
    }
}

/// Problems by field name, from the rules layer (the app turns them into its form errors).
public struct FieldErrorsByName: Error, Equatable, Sendable {
    public let messages: [String: String]
    public init(_ messages: [String: String]) { self.messages = messages }
}

public enum ProviderDirectory {
    /// An entry not verified in the last 12 months is marked stale.
    public static func isStale(verifiedOn: CalendarDate?, today: CalendarDate) -> Bool {
        guard let verifiedOn else { return true }
        return verifiedOn.adding(months: 12) < today
    }

    /// The CSV columns, in order, as export writes them and import reads them (by header name, any order).
    public static let columns = ["name", "categories", "languages", "eligibility", "cost", "address", "hours", "phone",
                                 "email", "website", "contact", "verified_on"]

    public struct ImportResult: Equatable, Sendable {
        public var entries: [(line: Int, entry: ProviderEntry)]
        public var problems: [CSV.Problem]

        public static func == (a: ImportResult, b: ImportResult) -> Bool {
            a.problems == b.problems && a.entries.map(\.line) == b.entries.map(\.line) && a.entries.map(\.entry) == b.entries.map(\.entry)
        }
    }

    /// Reads a CSV of providers: each good row becomes an entry; each bad row is reported by its line with
    /// every reason, and left out whole.
    public static func read(csv text: String, categories: [String: String], today: CalendarDate) -> ImportResult {
        let rows: [CSV.Row]
        switch CSV.parse(text) {
        case .success(let parsed): rows = parsed
        case .failure(let problem): return ImportResult(entries: [], problems: [problem])
        }
        guard let header = rows.first else {
            return ImportResult(entries: [], problems: [CSV.Problem(line: 1, message: "The file is empty.")])
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "_") }
        guard names.contains("name"), names.contains("categories") else {
            return ImportResult(entries: [], problems: [CSV.Problem(line: header.line, message: "The first line must name the columns, including name and categories: \(columns.joined(separator: ", ")).")])
        }
        let unknown = names.filter { !$0.isEmpty && !columns.contains($0) }
        var result = ImportResult(entries: [], problems: [])
        if !unknown.isEmpty {
            result.problems.append(CSV.Problem(line: header.line, message: "Unknown columns ignored: \(unknown.joined(separator: ", "))."))
        }
        for row in rows.dropFirst() {
            if row.fields.count > names.count {
                result.problems.append(CSV.Problem(line: row.line, message: "The row has \(row.fields.count) cells but the header names \(names.count) columns."))
                continue
            }
            var cell: [String: String] = [:]
            for (index, value) in row.fields.enumerated() { cell[names[index]] = value }
            let list = { (column: String) in (cell[column] ?? "").split(separator: ";").map(String.init) }
            let entry = ProviderEntry(name: cell["name"], categories: list("categories"), languages: list("languages"),
                                      eligibility: cell["eligibility"], cost: cell["cost"], address: cell["address"],
                                      hours: cell["hours"], phone: cell["phone"], email: cell["email"], website: cell["website"],
                                      contactName: cell["contact"], verifiedOn: cell["verified_on"])
            switch entry.checked(categories: categories, today: today) {
            case .success(let clean): result.entries.append((row.line, clean))
            case .failure(let problems):
                let reasons = problems.messages.sorted { $0.key < $1.key }.map { "\($0.key == "contact_name" ? "contact" : $0.key): \($0.value)" }
                result.problems.append(CSV.Problem(line: row.line, message: reasons.joined(separator: " ")))
            }
        }
        return result
    }
}
