import Fluent
import Foundation
import PartnershipRules
import Vapor

/// Every change to a family record, shared by the pages and the API. Each runs in one transaction with
/// its audit entry: the change and its record are saved together or not at all.
enum FamilyChanges {
    /// The family looks like one already on record; the caller shows the matches and asks to confirm.
    struct LooksLikeExisting: Error {
        let matches: [PossibleDuplicate]
    }

    static func create(_ input: FamilyInput, staff: SignedIn, req: Request) async throws -> Family {
        let family = Family(programID: staff.programID, householdName: "", preferredLanguage: "")
        family.enrollmentStatus = .applied
        try await input.apply(to: family, program: staff.programID, today: .today(), on: req.db)
        if family.appliedOn == nil { family.appliedOn = CalendarDate.today().description }
        // Whoever recruits the family is its first point of contact unless someone else was chosen.
        if family.$pointOfContact.id == nil, staff.access.familyReach == .teamsAndSupervisees {
            family.$pointOfContact.id = staff.staffID
        }
        if input.confirmNew != true {
            let matches = try await PossibleDuplicate.families(like: family, staff: staff, on: req.db)
            if !matches.isEmpty { throw LooksLikeExisting(matches: matches) }
        }
        try await req.db.transaction { db in
            try await family.create(on: db)
            try await ensureOnTeam(family.$pointOfContact.id, family: family.id!, on: db)
            try await req.audit(.create, .family, family: family.id, recordID: family.id, on: db)
        }
        return family
    }

    static func update(_ family: Family, with input: FamilyInput, req: Request) async throws {
        let staff = try req.staff()
        let before = FamilyInput(family)
        try await input.apply(to: family, program: staff.programID, today: .today(), on: req.db)
        try await req.db.transaction { db in
            try await family.save(on: db)
            try await ensureOnTeam(family.$pointOfContact.id, family: family.id!, on: db)
            try await req.audit(.update, .family, family: family.id, recordID: family.id,
                                detail: "changed: " + changedFields(before, FamilyInput(family)).joined(separator: ", "), on: db)
        }
    }

    static func changeEnrollment(_ family: Family, _ input: EnrollmentInput, req: Request) async throws {
        let change = try input.validated()
        let today = CalendarDate.today()
        if let problem = change.problem(from: family.enrollmentStatus, appliedOn: family.appliedOn.flatMap(CalendarDate.init),
                                        enrolledOn: family.enrolledOn.flatMap(CalendarDate.init), today: today) {
            var errors = FieldErrors()
            errors[problem.field] = problem.message
            throw errors
        }
        switch change {
        case .enroll(let date):
            family.enrolledOn = date.description
            family.exitedOn = nil
            family.exitReason = nil
        case .exit(let date, let reason):
            family.exitedOn = date.description
            family.exitReason = reason
        }
        family.enrollmentStatus = change.resultingStatus
        try await req.db.transaction { db in
            try await family.save(on: db)
            let action: AuditAction = change.resultingStatus == .enrolled ? .enroll : .exit
            try await req.audit(action, .family, family: family.id, recordID: family.id,
                                detail: family.exitReason.map { "reason: \($0.rawValue)" } ?? "", on: db)
        }
    }

    /// The point of contact is always on the family's team, so they can always see the family.
    static func ensureOnTeam(_ staffID: UUID?, family: UUID, on db: any Database) async throws {
        guard let staffID else { return }
        let already = try await TeamMember.query(on: db).filter(\.$family.$id == family)
            .filter(\.$staff.$id == staffID).count()
        if already == 0 {
            let staff = try await Staff.find(staffID, on: db)
            let role: TeamRole = staff?.roles.contains(.homeVisitor) == true && staff?.roles.contains(.familyServiceWorker) != true
                ? .homeVisitor : .familyServiceWorker
            try await TeamMember(familyID: family, staffID: staffID, role: role).create(on: db)
        }
    }

    /// Names of the fields that differ, for the audit entry (the values themselves stay out of the log).
    private static func changedFields(_ a: FamilyInput, _ b: FamilyInput) -> [String] {
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
}

/// Enroll or exit: from the enrollment form and `POST /api/v1/families/{id}/enrollment`.
struct EnrollmentInput: Content, Sendable {
    var action: String?
    var date: String?
    var reason: String?

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
