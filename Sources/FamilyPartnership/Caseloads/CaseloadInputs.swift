import Foundation
import PartnershipRules
import Vapor

/// An exception to the caseload limit: why, the waiver's reference, from when to when, and up to how many families.
struct ExceptionInput: Content, Sendable {
    var kind: String?
    var reference: String?
    var startsOn: String?
    var endsOn: String?
    var upTo: String?
    var note: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, reference, startsOn = "starts_on", endsOn = "ends_on", upTo = "up_to", note
    }

    init(kind: String? = nil, reference: String? = nil, startsOn: String? = nil, endsOn: String? = nil, upTo: String? = nil, note: String? = nil) {
        self.kind = kind
        self.reference = reference
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.upTo = upTo
        self.note = note
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        reference = try c.decodeIfPresent(String.self, forKey: .reference)
        startsOn = try c.decodeIfPresent(String.self, forKey: .startsOn)
        endsOn = try c.decodeIfPresent(String.self, forKey: .endsOn)
        upTo = try c.decodeLooseNumber(.upTo)
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }

    struct Valid {
        let rule: PartnershipRules.CaseloadException
        let reference: String?
        let note: String?
    }

    func validated(limit: CaseloadLimit, today: CalendarDate) throws -> Valid {
        var errors = FieldErrors()
        let kind = errors.take("kind", FieldRules.choice(kind, CaseloadExceptionKind.self, label: "Why", required: true)) ?? nil
        let reference = errors.take("reference", FieldRules.text(reference, label: "Waiver reference", required: kind?.needsReference == true, max: 100))
        let start = errors.take("starts_on", FieldRules.date(startsOn, label: "From", required: true)) ?? nil
        let end = errors.take("ends_on", FieldRules.date(endsOn, label: "Until", required: true)) ?? nil
        let most = PartnershipRules.CaseloadException.mostFamilies
        let upTo = errors.take("up_to", FieldRules.wholeNumber(upTo, label: "Up to how many families", required: true,
                                                                in: (limit.families + 1)...most)) ?? nil
        let note = errors.take("note", FieldRules.text(note, label: "Note", required: false, max: 500))
        if let start, let end {
            if end < start {
                errors["ends_on"] = "Must be on or after the first day."
            } else if end < today {
                errors["ends_on"] = "Has already passed: an exception that has ended changes nothing."
            } else if kind != nil, kind != .waiver,
                      end > start.adding(months: PartnershipRules.CaseloadException.longestTemporaryMonths) {
                errors["ends_on"] = "A temporary exception may last at most \(PartnershipRules.CaseloadException.longestTemporaryMonths) months; "
                    + "for longer, the program needs a waiver."
            }
        }
        try errors.throwIfAny()
        return Valid(rule: .init(kind: kind!, startsOn: start!, endsOn: end!, upTo: upTo!), reference: reference ?? nil, note: note ?? nil)
    }
}

/// A staff member away: the first and last day, and why (leave, illness, training).
struct AbsenceInput: Content, Sendable {
    var startsOn: String?
    var endsOn: String?
    var reason: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case startsOn = "starts_on", endsOn = "ends_on", reason
    }

    /// Absences longer than this are not temporary: the families should be reassigned for good.
    static let longestMonths = 12

    func validated(today: CalendarDate) throws -> (start: CalendarDate, end: CalendarDate, reason: String?) {
        var errors = FieldErrors()
        let start = errors.take("starts_on", FieldRules.date(startsOn, label: "First day away", required: true)) ?? nil
        let end = errors.take("ends_on", FieldRules.date(endsOn, label: "Last day away", required: true)) ?? nil
        let reason = errors.take("reason", FieldRules.text(reason, label: "Reason", required: false, max: 200))
        if let start, let end {
            if end < start {
                errors["ends_on"] = "Must be on or after the first day away."
            } else if end < today {
                errors["ends_on"] = "Has already passed."
            } else if end > start.adding(months: Self.longestMonths) {
                errors["ends_on"] = "An absence may last at most \(Self.longestMonths) months; reassign the families instead."
            }
        }
        try errors.throwIfAny()
        return (start!, end!, reason ?? nil)
    }
}

/// Who serves which family: a proposal as the supervisor edited it. Forms send `assign[<family id>]=<staff id>`
/// (an empty choice leaves the family as it is); the API sends the same map as JSON.
struct AssignmentInput: Content, Sendable {
    var assign: [String: String]?
    /// The version of the absence the cover is for (covers only).
    var version: Int?

    enum CodingKeys: String, CodingKey, CaseIterable { case assign, version }

    init(assign: [String: String]?, version: Int? = nil) {
        self.assign = assign
        self.version = version
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        assign = try c.decodeIfPresent([String: String].self, forKey: .assign)
        version = try c.decodeVersion(.version)
    }

    /// The families and staff chosen, each a UUID; families left blank are left out.
    func validated() throws -> [UUID: UUID] {
        var chosen: [UUID: UUID] = [:]
        for (family, staff) in assign ?? [:] {
            guard let familyID = UUID(uuidString: family) else { throw FieldErrors.one("assign", "Names a family that is not in the list.") }
            guard let staff = FieldRules.trimmed(staff) else { continue }
            guard let staffID = UUID(uuidString: staff) else { throw FieldErrors.one("assign[\(family.lowercased())]", "Choose a staff member from the list.") }
            chosen[familyID] = staffID
        }
        guard !chosen.isEmpty else { throw FieldErrors.one("assign", "Choose a worker for at least one family.") }
        return chosen
    }
}
