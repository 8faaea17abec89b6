import Fluent
import Foundation
import PartnershipRules

/// A recorded exception to the caseload limit for one staff member (1302.52(d)(2)(i)–(ii)).
final class CaseloadException: Model, Versioned, @unchecked Sendable {
    static let schema = "caseload_exceptions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "program_id") var program: Program
    @Parent(key: "staff_id") var staff: Staff
    @Field(key: "kind") var kind: CaseloadExceptionKind
    /// The waiver's reference, for a waiver.
    @OptionalField(key: "reference") var reference: String?
    @Field(key: "starts_on") var startsOn: String
    @Field(key: "ends_on") var endsOn: String
    @Field(key: "up_to") var upTo: Int
    @OptionalField(key: "note") var note: String?
    @Parent(key: "recorded_by_id") var recordedBy: Staff
    /// Goes up with every change; a change based on an older version is refused.
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {
        version = 1
    }

    /// The rule's view of it; nil only for a row whose dates were stored wrong.
    var rule: PartnershipRules.CaseloadException? {
        guard let start = CalendarDate(startsOn), let end = CalendarDate(endsOn) else { return nil }
        return .init(kind: kind, startsOn: start, endsOn: end, upTo: upTo)
    }
}

/// A staff member away from one day to another (leave, illness, training): their families get temporary cover.
final class StaffAbsence: Model, Versioned, @unchecked Sendable {
    static let schema = "staff_absences"

    @ID(key: .id) var id: UUID?
    @Parent(key: "program_id") var program: Program
    @Parent(key: "staff_id") var staff: Staff
    @Field(key: "starts_on") var startsOn: String
    /// The last day away, as planned.
    @Field(key: "ends_on") var endsOn: String
    @OptionalField(key: "reason") var reason: String?
    /// When the staff member's families went back to them: the cover ended.
    @OptionalField(key: "returned_on") var returnedOn: String?
    @Parent(key: "recorded_by_id") var recordedBy: Staff
    /// Goes up with every change; a change based on an older version is refused.
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Children(for: \.$absence) var covers: [Cover]

    init() {
        version = 1
    }
}

/// One family of an absent worker, served by another while they are away: the cover worker is the family's point
/// of contact (and on its team) until the absence ends, when the family goes back.
final class Cover: Model, @unchecked Sendable {
    static let schema = "covers"

    @ID(key: .id) var id: UUID?
    @Parent(key: "absence_id") var absence: StaffAbsence
    @Parent(key: "family_id") var family: Family
    @Parent(key: "away_staff_id") var awayStaff: Staff
    @Parent(key: "cover_staff_id") var coverStaff: Staff
    /// The cover worker was put on the team for the cover (and comes off it when it ends).
    @Field(key: "joined_team") var joinedTeam: Bool
    @OptionalField(key: "ended_on") var endedOn: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

extension Staff {
    /// Who may be a family's point of contact: current staff of the program whose roles carry a caseload.
    static func pointsOfContact(program: UUID, on db: any Database) async throws -> [Staff] {
        let limit = try await Program.find(program, on: db).orThrow().caseloadLimit
        return try await Staff.query(on: db).filter(\.$program.$id == program).filter(\.$status != .left).sort(\.$name).all()
            .filter { limit.applies(to: $0.roles) && !$0.roles.contains(.partner) }
    }

    /// Who may be on a family's team: current staff whose roles work on teams (`TeamRole.teamStaffRoles`).
    static func teamCandidates(program: UUID, on db: any Database) async throws -> [Staff] {
        try await Staff.query(on: db).filter(\.$program.$id == program).filter(\.$status == .active).sort(\.$name).all()
            .filter { TeamRole.other.fits($0.roles) }
    }
}
