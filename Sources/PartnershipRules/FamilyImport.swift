import Foundation

/// Families brought in from another system's export: each CSV row is one child with their household and one
/// adult; rows with the same family id (or, without one, the same household name and phone) are one household.
/// The checks are the app's own field rules; a row with a problem is left out and named by its line.
public enum FamilyImport {
    /// What a column can hold.
    public enum Field: String, CaseIterable, Sendable {
        case familyKey = "family_key", householdName = "household_name", addressLine = "address_line", city, state
        case postalCode = "postal_code", phone, email, preferredLanguage = "preferred_language", site
        case programOption = "program_option", enrollmentStatus = "enrollment_status", enrolledOn = "enrolled_on", appliedOn = "applied_on"
        case adultFirstName = "adult_first_name", adultLastName = "adult_last_name", adultName = "adult_name"
        case adultRelationship = "adult_relationship", adultPhone = "adult_phone"
        case childFirstName = "child_first_name", childLastName = "child_last_name", childName = "child_name"
        case childDateOfBirth = "child_date_of_birth", childProgram = "child_program", classroom

        public var label: String {
            switch self {
            case .familyKey: "Family id in the other system"
            case .householdName: "Household name"
            case .addressLine: "Street address"
            case .city: "City"
            case .state: "State"
            case .postalCode: "ZIP code"
            case .phone: "Household phone"
            case .email: "Email"
            case .preferredLanguage: "Preferred language"
            case .site: "Site"
            case .programOption: "Program option"
            case .enrollmentStatus: "Enrollment status"
            case .enrolledOn: "Enrollment date"
            case .appliedOn: "Application date"
            case .adultFirstName: "Parent's first name"
            case .adultLastName: "Parent's last name"
            case .adultName: "Parent's full name"
            case .adultRelationship: "Parent's relationship to the child"
            case .adultPhone: "Parent's phone"
            case .childFirstName: "Child's first name"
            case .childLastName: "Child's last name"
            case .childName: "Child's full name"
            case .childDateOfBirth: "Child's date of birth"
            case .childProgram: "Child's program (Head Start or Early Head Start)"
            case .classroom: "Classroom"
            }
        }
    }

    /// Column names as common exports write them, matched without case, spaces or punctuation. The mapping
    /// step shows what was matched, and staff change any column there.
    public enum Preset: String, CaseIterable, Sendable {
        case standard, childPlus = "childplus", copa

        public var label: String {
            switch self {
            case .standard: "This app's own column names"
            case .childPlus: "ChildPlus family and child export"
            case .copa: "COPA enrollment export"
            }
        }

        var names: [Field: [String]] {
            switch self {
            case .standard: Dictionary(uniqueKeysWithValues: Field.allCases.map { ($0, [$0.rawValue]) })
            case .childPlus: [
                .familyKey: ["Family ID"], .householdName: ["Family Name"], .addressLine: ["Address", "Street Address"], .city: ["City"],
                .state: ["State"], .postalCode: ["Zip", "Zip Code"], .phone: ["Home Phone", "Family Phone"], .email: ["Email", "Guardian Email"],
                .preferredLanguage: ["Primary Language", "Home Language"], .site: ["Site", "Site Name"], .programOption: ["Program Option"],
                .enrollmentStatus: ["Enrollment Status", "Status"], .enrolledOn: ["Enrollment Date", "Enrolled Date"], .appliedOn: ["Application Date"],
                .adultFirstName: ["Guardian First Name", "Parent First Name"], .adultLastName: ["Guardian Last Name", "Parent Last Name"],
                .adultRelationship: ["Guardian Relationship", "Relationship"], .adultPhone: ["Guardian Cell Phone", "Guardian Phone"],
                .childFirstName: ["Child First Name", "First Name"], .childLastName: ["Child Last Name", "Last Name"],
                .childDateOfBirth: ["Birth Date", "Date of Birth", "DOB"], .childProgram: ["Program", "Program Type"],
                .classroom: ["Classroom", "Class"],
            ]
            case .copa: [
                .familyKey: ["Household ID", "Family Number"], .householdName: ["Household Name"], .addressLine: ["Street", "Address 1"],
                .city: ["City"], .state: ["State"], .postalCode: ["ZIP Code", "Zip"], .phone: ["Phone", "Primary Phone"], .email: ["E-mail", "Email"],
                .preferredLanguage: ["Language", "Home Language"], .site: ["Center", "Site"], .programOption: ["Option", "Program Option"],
                .enrollmentStatus: ["Status"], .enrolledOn: ["Enroll Date", "Entry Date"], .appliedOn: ["App Date", "Application Date"],
                .adultFirstName: ["Parent First", "Parent/Guardian First"], .adultLastName: ["Parent Last", "Parent/Guardian Last"],
                .adultRelationship: ["Parent Relationship", "Relation"], .adultPhone: ["Parent Phone", "Parent Cell"],
                .childFirstName: ["Child First", "Child First Name"], .childLastName: ["Child Last", "Child Last Name"],
                .childDateOfBirth: ["DOB", "Child DOB"], .childProgram: ["Program Type", "Funding"], .classroom: ["Class", "Classroom"],
            ]
            }
        }

        /// The columns of `headers` this preset recognises, by field.
        public func match(_ headers: [String]) -> [Field: Int] {
            let keys = headers.map(FamilyImport.headerKey)
            var mapping: [Field: Int] = [:]
            for (field, names) in names {
                if let index = names.lazy.compactMap({ keys.firstIndex(of: FamilyImport.headerKey($0)) }).first { mapping[field] = index }
            }
            return mapping
        }
    }

    static func headerKey(_ header: String) -> String {
        header.lowercased().filter { $0.isLetter || $0.isNumber }
    }

    /// What the program has that rows name: its sites and classrooms.
    public struct Program: Sendable {
        public let today: CalendarDate
        /// Site names.
        public let sites: [String]
        /// Classroom names; empty when the program has none yet (then any classroom name is taken as written).
        public let classrooms: [String]

        public init(today: CalendarDate, sites: [String], classrooms: [String]) {
            self.today = today
            self.sites = sites
            self.classrooms = classrooms
        }
    }

    public struct Problem: Equatable, Sendable {
        public let line: Int
        public let field: Field?
        public let message: String
    }

    public struct Adult: Equatable, Sendable {
        public let name: String
        public let relationship: Relationship
        public let phone: String?
    }

    public struct Child: Equatable, Sendable {
        public let line: Int
        public let name: String
        public let dateOfBirth: CalendarDate
        public let program: ProgramType
        public let classroom: String?
    }

    /// One household to add, from its first good row; its adults and children from all of them.
    public struct Household: Equatable, Sendable {
        public let line: Int
        public let key: String
        public let name: String
        public let addressLine: String?, city: String?, state: String?, postalCode: String?
        public let phone: String?, email: String?
        public let preferredLanguage: String
        public let site: String?
        public let programOption: ProgramOption?
        public let status: EnrollmentStatus
        public let appliedOn: CalendarDate
        public let enrolledOn: CalendarDate?
        public var adults: [Adult]
        public var children: [Child]
    }

    public struct Checked: Sendable {
        public let households: [Household]
        public let problems: [Problem]
        public let rows: Int
    }

    /// Checks every row under `mapping` (field to column) and gathers the good ones into households.
    public static func check(_ rows: [CSV.Row], mapping: [Field: Int], program: Program) -> Checked {
        var problems: [Problem] = []
        if mapping[.childName] == nil && mapping[.childFirstName] == nil {
            problems.append(Problem(line: rows.first?.line ?? 1, field: .childName, message: "Choose the column with the child's name."))
        }
        if mapping[.childDateOfBirth] == nil {
            problems.append(Problem(line: rows.first?.line ?? 1, field: .childDateOfBirth, message: "Choose the column with the child's date of birth."))
        }
        guard problems.isEmpty else { return Checked(households: [], problems: problems, rows: rows.count) }
        var households: [Household] = []
        var byKey: [String: Int] = [:]
        var children: [String: Int] = [:]
        for row in rows {
            switch checkRow(row, mapping: mapping, program: program) {
            case .bad(let rowProblems):
                problems += rowProblems
            case .good(var household):
                let child = household.children[0]
                let childKey = DuplicateCheck.nameKey(child.name) + "|" + child.dateOfBirth.description
                if let first = children[childKey] {
                    problems.append(Problem(line: row.line, field: .childName, message: "The same child as line \(first)."))
                    continue
                }
                children[childKey] = row.line
                if let index = byKey[household.key] {
                    for adult in household.adults where !households[index].adults.contains(where: { DuplicateCheck.nameKey($0.name) == DuplicateCheck.nameKey(adult.name) }) {
                        households[index].adults.append(adult)
                    }
                    households[index].children.append(child)
                } else {
                    household.children = [child]
                    byKey[household.key] = households.count
                    households.append(household)
                }
            }
        }
        return Checked(households: households, problems: problems.sorted { ($0.line, $0.field?.rawValue ?? "") < ($1.line, $1.field?.rawValue ?? "") }, rows: rows.count)
    }

    private enum RowResult { case good(Household), bad([Problem]) }

    private static func checkRow(_ row: CSV.Row, mapping: [Field: Int], program: Program) -> RowResult {
        var problems: [Problem] = []
        func value(_ field: Field) -> String? {
            guard let index = mapping[field], index < row.fields.count else { return nil }
            return FieldRules.trimmed(row.fields[index])
        }
        func take<T>(_ field: Field, _ result: Result<T, FieldProblem>) -> T? {
            switch result {
            case .success(let v): return v
            case .failure(let p): problems.append(Problem(line: row.line, field: field, message: p.message)); return nil
            }
        }
        func problem(_ field: Field, _ message: String) { problems.append(Problem(line: row.line, field: field, message: message)) }
        func name(first: Field, last: Field, whole: Field) -> String? {
            value(whole) ?? [value(first), value(last)].compactMap { $0 }.joined(separator: " ").nilIfEmpty
        }
        func date(_ field: Field, label: String) -> CalendarDate? {
            guard let text = value(field) else { return nil }
            guard let day = parseDate(text) else { problem(field, "\(label) must be a date like 2026-09-15 or 9/15/2026."); return nil }
            if day > program.today { problem(field, "\(label) cannot be in the future."); return nil }
            return day
        }

        let childName = take(.childName, FieldRules.text(name(first: .childFirstName, last: .childLastName, whole: .childName),
                                                         label: "Child's name", required: true, max: 120)) ?? nil
        let born = date(.childDateOfBirth, label: "Child's date of birth")
        if born == nil, value(.childDateOfBirth) == nil { problem(.childDateOfBirth, "Child's date of birth is required.") }
        let childProgram = parseProgram(value(.childProgram))
        if childProgram == nil { problem(.childProgram, "Child's program must be Head Start (HS) or Early Head Start (EHS).") }
        if let born, let childProgram, let message = ChildAge.problem(dateOfBirth: born, program: childProgram, today: program.today) {
            problem(.childDateOfBirth, message)
        }
        var classroom = take(.classroom, FieldRules.text(value(.classroom), label: "Classroom", required: false, max: 80)) ?? nil
        if let room = classroom, !program.classrooms.isEmpty {
            if let known = program.classrooms.first(where: { headerKey($0) == headerKey(room) }) { classroom = known } else {
                problem(.classroom, "\(room) is not one of the program's classrooms.")
            }
        }
        let adultName = take(.adultName, FieldRules.text(name(first: .adultFirstName, last: .adultLastName, whole: .adultName),
                                                         label: "Parent's name", required: false, max: 120)) ?? nil
        let relationship = parseRelationship(value(.adultRelationship))
        let adultPhone = take(.adultPhone, FieldRules.phone(value(.adultPhone), label: "Parent's phone")) ?? nil
        let lastName = value(.adultLastName) ?? value(.childLastName) ?? childName.flatMap { $0.split(separator: " ").last.map(String.init) }
        let household = take(.householdName, FieldRules.text(value(.householdName) ?? lastName.map { "\($0) family" },
                                                             label: "Household name", required: true, max: 120)) ?? nil
        let address = take(.addressLine, FieldRules.text(value(.addressLine), label: "Street address", required: false, max: 200)) ?? nil
        let city = take(.city, FieldRules.text(value(.city), label: "City", required: false, max: 100)) ?? nil
        let state = take(.state, FieldRules.text(value(.state), label: "State", required: false, max: 40)) ?? nil
        let postal = take(.postalCode, FieldRules.text(value(.postalCode), label: "ZIP code", required: false, max: 10)) ?? nil
        if let postal, !postal.allSatisfy({ $0.isNumber || $0 == "-" }) { problem(.postalCode, "ZIP code may contain only digits and a dash.") }
        let phone = take(.phone, FieldRules.phone(value(.phone), label: "Household phone")) ?? nil
        let email = take(.email, FieldRules.email(value(.email), required: false)) ?? nil
        let language = take(.preferredLanguage, FieldRules.text(value(.preferredLanguage) ?? "English", label: "Preferred language", required: true, max: 60)) ?? nil
        var site: String?
        if let raw = value(.site) {
            site = program.sites.first { headerKey($0) == headerKey(raw) }
            if site == nil { problem(.site, "\(raw) is not one of the program's sites.") }
        }
        var option: ProgramOption?
        if let raw = value(.programOption) {
            option = parseOption(raw)
            if option == nil { problem(.programOption, "Program option must be center-based, home-based, family child care or combination.") }
        }
        let enrolledOn = date(.enrolledOn, label: "Enrollment date")
        let appliedOn = date(.appliedOn, label: "Application date")
        var status: EnrollmentStatus = enrolledOn == nil ? .applied : .enrolled
        if let raw = value(.enrollmentStatus) {
            switch headerKey(raw) {
            case "enrolled", "active", "enroll", "e": status = .enrolled
            case "applied", "applicant", "waitlist", "waitlisted", "accepted", "pending", "a", "w": status = .applied
            default: problem(.enrollmentStatus, "Enrollment status must be enrolled or applied (a waiting list counts as applied).")
            }
        }
        if status == .enrolled, enrolledOn == nil, value(.enrolledOn) == nil { problem(.enrolledOn, "An enrolled family needs its enrollment date.") }
        if let enrolledOn, let appliedOn, appliedOn > enrolledOn { problem(.appliedOn, "The application date is after the enrollment date.") }
        guard problems.isEmpty, let childName, let born, let childProgram, let household, let language else { return .bad(problems) }

        let key = value(.familyKey).map { "id:" + $0 } ?? "name:" + DuplicateCheck.nameKey(household) + "|" + (phone ?? adultPhone ?? address ?? "")
        return .good(Household(
            line: row.line, key: key, name: household, addressLine: address, city: city, state: state, postalCode: postal,
            phone: phone ?? adultPhone, email: email, preferredLanguage: language, site: site, programOption: option,
            status: status, appliedOn: appliedOn ?? enrolledOn ?? program.today, enrolledOn: status == .enrolled ? enrolledOn : nil,
            adults: adultName.map { [Adult(name: $0, relationship: relationship, phone: adultPhone)] } ?? [],
            children: [Child(line: row.line, name: childName, dateOfBirth: born, program: childProgram, classroom: classroom)]))
    }

    /// 2026-09-15, 9/15/2026 or 09/15/26 (two-digit years are this century).
    public static func parseDate(_ text: String) -> CalendarDate? {
        if let date = CalendarDate(text) { return date }
        let parts = text.split(separator: "/").map { Int($0) }
        guard parts.count == 3, let month = parts[0], let day = parts[1], var year = parts[2] else { return nil }
        if year < 100 { year += 2000 }
        return CalendarDate(year: year, month: month, day: day)
    }

    static func parseProgram(_ raw: String?) -> ProgramType? {
        switch raw.map(headerKey) {
        case "hs", "headstart", "preschool": .headStart
        case "ehs", "earlyheadstart", "infanttoddler", "ehsccp": .earlyHeadStart
        default: nil
        }
    }

    static func parseOption(_ raw: String) -> ProgramOption? {
        switch headerKey(raw) {
        case "centerbased", "center", "cb", "centerbasedoption": .centerBased
        case "homebased", "home", "hb": .homeBased
        case "familychildcare", "fcc", "familychildcareoption": .familyChildCare
        case "combination", "combo", "combinationoption": .combination
        default: nil
        }
    }

    static func parseRelationship(_ raw: String?) -> Relationship {
        switch raw.map(headerKey) {
        case "mother", "mom", "mum", "stepmother": .mother
        case "father", "dad", "stepfather": .father
        case "grandparent", "grandmother", "grandfather": .grandparent
        case "fosterparent", "foster": .fosterParent
        case "kincaregiver", "kin", "aunt", "uncle", "relative": .kinCaregiver
        case "guardian", "legalguardian": .guardian
        default: .other
        }
    }
}

private extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
