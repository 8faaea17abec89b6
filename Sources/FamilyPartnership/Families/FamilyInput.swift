import Fluent
import Foundation
import PartnershipRules
import Vapor

/// What the family form and `POST/PUT /api/v1/families` send. Everything arrives as optional text and is
/// checked here, so a wrong field is a message, never a server error.
struct FamilyInput: Content, Sendable {
    var householdName: String?
    var addressLine: String?
    var city: String?
    var state: String?
    var postalCode: String?
    var phone: String?
    var alternatePhone: String?
    var email: String?
    var preferredLanguage: String?
    var preferredChannel: String?
    var preferredTimes: String?
    var programOption: String?
    var siteID: String?
    var pointOfContactID: String?
    var appliedOn: String?
    /// Set when staff confirm that a family that looks like one on record is a different family.
    var confirmNew: Bool?
    /// The version of the family the form or request was based on.
    var version: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case householdName = "household_name", addressLine = "address_line", city, state
        case postalCode = "postal_code", phone, alternatePhone = "alternate_phone", email
        case preferredLanguage = "preferred_language", preferredChannel = "preferred_channel"
        case preferredTimes = "preferred_times", programOption = "program_option", siteID = "site_id"
        case pointOfContactID = "point_of_contact_id", appliedOn = "applied_on", confirmNew = "confirm_new", version
    }

    init() {}

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        householdName = try c.decodeIfPresent(String.self, forKey: .householdName)
        addressLine = try c.decodeIfPresent(String.self, forKey: .addressLine)
        city = try c.decodeIfPresent(String.self, forKey: .city)
        state = try c.decodeIfPresent(String.self, forKey: .state)
        postalCode = try c.decodeIfPresent(String.self, forKey: .postalCode)
        phone = try c.decodeIfPresent(String.self, forKey: .phone)
        alternatePhone = try c.decodeIfPresent(String.self, forKey: .alternatePhone)
        email = try c.decodeIfPresent(String.self, forKey: .email)
        preferredLanguage = try c.decodeIfPresent(String.self, forKey: .preferredLanguage)
        preferredChannel = try c.decodeIfPresent(String.self, forKey: .preferredChannel)
        preferredTimes = try c.decodeIfPresent(String.self, forKey: .preferredTimes)
        programOption = try c.decodeIfPresent(String.self, forKey: .programOption)
        siteID = try c.decodeIfPresent(String.self, forKey: .siteID)
        pointOfContactID = try c.decodeIfPresent(String.self, forKey: .pointOfContactID)
        appliedOn = try c.decodeIfPresent(String.self, forKey: .appliedOn)
        confirmNew = try c.decodeFlag(.confirmNew)
        version = try c.decodeVersion(.version)
    }

    /// The form's values for an existing family.
    init(_ family: Family) {
        householdName = family.householdName
        addressLine = family.addressLine
        city = family.city
        state = family.state
        postalCode = family.postalCode
        phone = family.phone
        alternatePhone = family.alternatePhone
        email = family.email
        preferredLanguage = family.preferredLanguage
        preferredChannel = family.preferredChannel?.rawValue
        preferredTimes = family.preferredTimes
        programOption = family.programOption?.rawValue
        siteID = family.$site.id?.uuidString.lowercased()
        pointOfContactID = family.$pointOfContact.id?.uuidString.lowercased()
        appliedOn = family.appliedOn
        version = family.version
    }
    /// Names of the fields that differ, for the audit entry (the values themselves stay out of the log).
    func changedFields(to b: FamilyInput) -> [String] {
        let a = self
        let pairs: [(String, String?, String?)] = [
            ("household_name", a.householdName, b.householdName), ("address_line", a.addressLine, b.addressLine),
            ("city", a.city, b.city), ("state", a.state, b.state), ("postal_code", a.postalCode, b.postalCode),
            ("phone", a.phone, b.phone), ("alternate_phone", a.alternatePhone, b.alternatePhone),
            ("email", a.email, b.email), ("preferred_language", a.preferredLanguage, b.preferredLanguage),
            ("preferred_channel", a.preferredChannel, b.preferredChannel),
            ("preferred_times", a.preferredTimes, b.preferredTimes), ("program_option", a.programOption, b.programOption),
            ("site_id", a.siteID, b.siteID), ("point_of_contact_id", a.pointOfContactID, b.pointOfContactID),
            ("applied_on", a.appliedOn, b.appliedOn),
        ]
        return pairs.filter { $0.1 != $0.2 }.map(\.0)
    }


    /// Checks every field and copies the values onto `family`; throws `FieldErrors` naming each wrong field.
    /// Site and point of contact must belong to the staff member's own program.
    func apply(to family: Family, program: UUID, today: CalendarDate, on db: any Database) async throws {
        var errors = FieldErrors()
        let name = errors.take("household_name", FieldRules.text(householdName, label: "Household name", required: true, max: 120))
        let address = errors.take("address_line", FieldRules.text(addressLine, label: "Street address", required: false, max: 200))
        let city = errors.take("city", FieldRules.text(city, label: "City", required: false, max: 100))
        let state = errors.take("state", FieldRules.text(state, label: "State", required: false, max: 40))
        let postal = errors.take("postal_code", FieldRules.text(postalCode, label: "ZIP code", required: false, max: 10))
        if let postal = postal ?? nil, !postal.allSatisfy({ $0.isNumber || $0 == "-" }) {
            errors["postal_code"] = "ZIP code may contain only digits and a dash."
        }
        let phone = errors.take("phone", FieldRules.phone(phone, label: "Phone"))
        let alternate = errors.take("alternate_phone", FieldRules.phone(alternatePhone, label: "Other phone"))
        let email = errors.take("email", FieldRules.email(email, required: false))
        let language = errors.take("preferred_language", FieldRules.text(preferredLanguage, label: "Preferred language", required: true, max: 60))
        let channel = errors.take("preferred_channel", FieldRules.choice(preferredChannel, ContactChannel.self, label: "Preferred way to be reached", required: false))
        let times = errors.take("preferred_times", FieldRules.text(preferredTimes, label: "Best times to reach", required: false, max: 200))
        let option = errors.take("program_option", FieldRules.choice(programOption, ProgramOption.self, label: "Program option", required: false))
        let applied = errors.take("applied_on", FieldRules.date(appliedOn, label: "Application date", required: false))
        if let applied = applied ?? nil, applied > today { errors["applied_on"] = "The application date cannot be in the future." }
        let site = try await Self.site(siteID, program: program, errors: &errors, on: db)
        let contact = try await Self.staff(pointOfContactID, field: "point_of_contact_id", program: program, errors: &errors, on: db)
        try errors.throwIfAny()

        family.householdName = name!!
        family.addressLine = address ?? nil
        family.city = city ?? nil
        family.state = state ?? nil
        family.postalCode = postal ?? nil
        family.phone = phone ?? nil
        family.alternatePhone = alternate ?? nil
        family.email = email ?? nil
        family.preferredLanguage = language!!
        family.preferredChannel = channel ?? nil
        family.preferredTimes = times ?? nil
        family.programOption = option ?? nil
        family.appliedOn = (applied ?? nil)?.description ?? family.appliedOn
        family.$site.id = site
        family.$pointOfContact.id = contact
    }

    static func site(_ raw: String?, program: UUID, errors: inout FieldErrors, on db: any Database) async throws -> UUID? {
        guard let text = FieldRules.trimmed(raw) else { return nil }
        guard let id = UUID(uuidString: text),
              try await Site.query(on: db).filter(\.$id == id).filter(\.$program.$id == program).count() == 1 else {
            errors["site_id"] = "Choose one of the program's sites."
            return nil
        }
        return id
    }

    static func staff(_ raw: String?, field: String, program: UUID, errors: inout FieldErrors,
                      on db: any Database) async throws -> UUID? {
        guard let text = FieldRules.trimmed(raw) else { return nil }
        guard let id = UUID(uuidString: text),
              let staff = try await Staff.query(on: db).filter(\.$id == id).filter(\.$program.$id == program).first(),
              staff.status != .left else {
            errors[field] = "Choose a current staff member of the program."
            return nil
        }
        return id
    }
}

extension KeyedDecodingContainer {
    /// A yes/no value: JSON true/false, or a form checkbox's "on" (absent means no).
    func decodeFlag(_ key: Key) throws -> Bool? {
        if let bool = try? decodeIfPresent(Bool.self, forKey: key) { return bool }
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        return FieldRules.flag(text)
    }

    /// A record's version as a form sends it ("3") or as JSON does (3); anything else is refused by name.
    func decodeVersion(_ key: Key) throws -> Int? {
        if let number = try? decodeIfPresent(Int.self, forKey: key) { return number }
        guard let text = try? decodeIfPresent(String.self, forKey: key), !text.isEmpty else {
            if contains(key), !((try? decodeNil(forKey: key)) ?? true) {
                throw FieldErrors.one("version", "Must be the whole number of the version the change is based on.")
            }
            return nil
        }
        guard let number = Int(text), number > 0 else {
            throw FieldErrors.one("version", "Must be the whole number of the version the change is based on.")
        }
        return number
    }

    /// A number as a form sends it ("45") or as JSON sends it (45); anything else is kept as text for the
    /// field check to refuse by name.
    func decodeLooseNumber(_ key: Key) throws -> String? {
        if let number = try? decodeIfPresent(Int.self, forKey: key) { return String(number) }
        if let text = try? decodeIfPresent(String.self, forKey: key) { return text }
        return contains(key) && !((try? decodeNil(forKey: key)) ?? true) ? "not a number" : nil
    }
}

/// Enroll or exit: from the enrollment form and `POST /api/v1/families/{id}/enrollment`.
struct EnrollmentInput: Content, Sendable {
    var action: String?
    var date: String?
    var reason: String?
    /// The version of the family the change is based on (optional: the change is checked against the current status).
    var version: Int?

    enum CodingKeys: String, CodingKey, CaseIterable { case action, date, reason, version }

    init() {}

    func validated() throws -> EnrollmentChange {
        var errors = FieldErrors()
        let date = errors.take("date", FieldRules.date(date, label: "Date", required: true))
        switch FieldRules.trimmed(action) {
        case "enroll":
            try errors.throwIfAny()
            return .enroll(on: date!!)
        case "exit":
            let reason = errors.take("reason", FieldRules.choice(reason, ExitReason.self, label: "Reason", required: true))
            try errors.throwIfAny()
            return .exit(on: date!!, reason: reason!!)
        default:
            errors["action"] = "Choose enroll or exit."
            throw errors
        }
    }
}

/// The family said no to home visits (or is open to them again): how they said it, their words, and whether the
/// visits still scheduled are cancelled (the user chooses).
struct HomeVisitsDeclinedInput: Content, Sendable, APIInput {
    static let fields = Set(CodingKeys.allCases.map(\.stringValue))

    var declined: Bool?
    var how: String?
    var words: String?
    var cancelScheduled: Bool?
    var version: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case declined, how, words, cancelScheduled = "cancel_scheduled", version
    }

    init(declined: Bool?, how: String? = nil, words: String? = nil, cancelScheduled: Bool? = nil, version: Int? = nil) {
        (self.declined, self.how, self.words, self.cancelScheduled, self.version) = (declined, how, words, cancelScheduled, version)
    }

    /// From a form ("on") or JSON (true).
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        declined = try c.decodeFlag(.declined)
        how = try c.decodeIfPresent(String.self, forKey: .how)
        words = try c.decodeIfPresent(String.self, forKey: .words)
        cancelScheduled = try c.decodeFlag(.cancelScheduled)
        version = try c.decodeVersion(.version)
    }
}
