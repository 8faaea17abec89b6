import Fluent
import FluentSQL
import SQLKit
import Foundation
import PartnershipRules

/// A kind of visit a program makes, with its rules (see `VisitTypeRules`).
final class VisitType: Model, Versioned, @unchecked Sendable {
    static let schema = "visit_types"

    @ID(key: .id) var id: UUID?
    @Parent(key: "program_id") var program: Program
    @Field(key: "name") var name: String
    @Field(key: "minimum_minutes") var minimumMinutes: Int
    @Field(key: "staff_required") var staffRequired: Int
    @OptionalParent(key: "required_course_id") var requiredCourse: TrainingCourse?
    @Field(key: "family_agreement_required") var familyAgreementRequired: Bool
    /// Comma-separated `VisitPlace` raw values.
    @Field(key: "places") var placesList: String
    @Field(key: "counts_as") var countsAs: VisitCountsAs
    /// Goes up with every change; a change based on an older version is refused.
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {
        version = 1
    }

    var places: [VisitPlace] { placesList.split(separator: ",").compactMap { VisitPlace(rawValue: String($0)) } }

    /// The rules, with the required course named (`courses` maps course IDs to names).
    func rules(courses: [UUID: String]) -> VisitTypeRules {
        VisitTypeRules(name: name, minimumMinutes: minimumMinutes, staffRequired: staffRequired,
                       requiredCourse: $requiredCourse.id.flatMap { courses[$0] }, familyAgreementRequired: familyAgreementRequired,
                       places: places, countsAs: countsAs)
    }

    /// Gives a program the starter visit types and the trainings they name. Run when a program is created.
    static func addStarterSet(program: UUID, on db: any Database) async throws {
        var courses: [String: UUID] = [:]
        for name in [VisitTypeRules.hvpCourse, "Mandated reporter training"] {
            let course = TrainingCourse()
            course.$program.id = program
            course.name = name
            try await course.create(on: db)
            courses[name] = course.id
        }
        for rules in VisitTypeRules.starterSet {
            let type = VisitType()
            type.$program.id = program
            type.name = rules.name
            type.minimumMinutes = rules.minimumMinutes
            type.staffRequired = rules.staffRequired
            type.$requiredCourse.id = rules.requiredCourse.flatMap { courses[$0] }
            type.familyAgreementRequired = rules.familyAgreementRequired
            type.placesList = rules.places.map(\.rawValue).joined(separator: ",")
            type.countsAs = rules.countsAs
            try await type.create(on: db)
        }
    }
}

/// A course staff take, such as HVP home-visit training.
final class TrainingCourse: Model, @unchecked Sendable {
    static let schema = "training_courses"

    @ID(key: .id) var id: UUID?
    @Parent(key: "program_id") var program: Program
    @Field(key: "name") var name: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A staff member's completion of a course.
final class StaffTraining: Model, @unchecked Sendable {
    static let schema = "staff_trainings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "staff_id") var staff: Staff
    @Parent(key: "course_id") var course: TrainingCourse
    @Field(key: "completed_on") var completedOn: String
    @OptionalField(key: "expires_on") var expiresOn: String?
    @Field(key: "recorded_by_name") var recordedByName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(staff: UUID, course: UUID, completedOn: CalendarDate, expiresOn: CalendarDate?, recordedBy: String) {
        self.$staff.id = staff
        self.$course.id = course
        self.completedOn = completedOn.description
        self.expiresOn = expiresOn?.description
        self.recordedByName = recordedBy
    }

    var terms: TrainingTerms? {
        CalendarDate(completedOn).map { TrainingTerms(completedOn: $0, expiresOn: expiresOn.flatMap(CalendarDate.init)) }
    }
}

/// A visit with a family: scheduled with its plan, then completed with what the family shared, or closed
/// another way.
final class Visit: Model, Versioned, @unchecked Sendable {
    static let schema = "visits"

    @ID(key: .id) var id: UUID?
    @Parent(key: "family_id") var family: Family
    @Parent(key: "visit_type_id") var type: VisitType
    @Field(key: "status") var status: VisitStatus
    @Field(key: "scheduled_on") var scheduledOn: String
    /// "HH:MM" in the program's time zone.
    @Field(key: "starts_at") var startsAt: String
    @Field(key: "planned_minutes") var plannedMinutes: Int
    @Field(key: "place") var place: VisitPlace
    @OptionalField(key: "place_note") var placeNote: String?
    @Field(key: "family_agreed") var familyAgreed: Bool
    @OptionalField(key: "agreement_way") var agreementWay: ContactMedium?
    /// Visits scheduled together as a recurring series share this.
    @OptionalField(key: "series_id") var seriesID: UUID?
    @OptionalParent(key: "rescheduled_from_id") var rescheduledFrom: Visit?
    /// Why it was cancelled, missed or moved.
    @OptionalField(key: "status_note") var statusNote: String?
    @OptionalField(key: "actual_minutes") var actualMinutes: Int?
    @OptionalField(key: "family_participants") var familyParticipants: String?
    @OptionalField(key: "concerns") var concerns: String?
    @OptionalField(key: "family_requests") var familyRequests: String?
    @OptionalField(key: "next_steps") var nextSteps: String?
    @OptionalParent(key: "created_by_id") var createdBy: Staff?
    /// Goes up with every change; a change based on an older version is refused.
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {
        version = 1
    }

    var day: CalendarDate? { CalendarDate(scheduledOn) }
    var start: TimeOfDay? { TimeOfDay(startsAt) }

    /// The visits `staff` is scheduled for between two days, of the families they may see now: someone taken off
    /// a family's team no longer sees its visits, on their pages or in their calendar feed.
    static func attended(by staff: SignedIn, from: CalendarDate, through: CalendarDate, on db: any Database) -> QueryBuilder<Visit> {
        attended(by: staff.staffID, seenBy: staff, from: from, through: through, on: db)
    }

    /// The visits `attendee` is scheduled for between two days, in time order with family and type loaded, of the
    /// families `viewer` may see (a supervisor looking at a worker's week sees what they may see of it).
    static func attended(by attendee: UUID, seenBy viewer: SignedIn, from: CalendarDate, through: CalendarDate,
                         on db: any Database) -> QueryBuilder<Visit> {
        let query = Visit.query(on: db).join(VisitStaff.self, on: \Visit.$id == \VisitStaff.$visit.$id)
            .filter(VisitStaff.self, \.$staff.$id == attendee)
            .join(Family.self, on: \Visit.$family.$id == \Family.$id).filter(Family.self, \.$program.$id == viewer.programID)
            .filter(\.$scheduledOn >= from.description).filter(\.$scheduledOn <= through.description)
            .sort(\.$scheduledOn).sort(\.$startsAt).with(\.$family).with(\.$type)
        return Family.reach(of: viewer, column: SQLColumn("family_id", table: Visit.schema)).map { query.filter($0) } ?? query
    }
}

/// A staff member scheduled for a visit, and whether they took part once it is recorded.
final class VisitStaff: Model, @unchecked Sendable {
    static let schema = "visit_staff"

    @ID(key: .id) var id: UUID?
    @Parent(key: "visit_id") var visit: Visit
    @Parent(key: "staff_id") var staff: Staff
    /// True until the visit's record says this person did not come; only those who came are paid for it.
    @Field(key: "attended") var attended: Bool

    init() {}

    init(visit: UUID, staff: UUID) {
        self.$visit.id = visit
        self.$staff.id = staff
        self.attended = true
    }
}

/// What a family shared about one child at a visit.
final class VisitChild: Model, @unchecked Sendable {
    static let schema = "visit_children"

    @ID(key: .id) var id: UUID?
    @Parent(key: "visit_id") var visit: Visit
    @Parent(key: "member_id") var child: FamilyMember
    @OptionalField(key: "hopes_and_dreams") var hopesAndDreams: String?
    @OptionalField(key: "interests_and_strengths") var interestsAndStrengths: String?

    init() {}
}

/// One contact with a family outside a visit: a call, a text, a note home.
final class Contact: Model, @unchecked Sendable {
    static let schema = "contacts"

    @ID(key: .id) var id: UUID?
    @Parent(key: "family_id") var family: Family
    @OptionalParent(key: "staff_id") var staff: Staff?
    @Field(key: "contacted_on") var contactedOn: String
    @OptionalField(key: "starts_at") var startsAt: String?
    @Field(key: "medium") var medium: ContactMedium
    @Field(key: "started_by") var startedBy: ContactStarter
    @Field(key: "language") var language: String
    @Field(key: "interpreter") var interpreter: Bool
    @Field(key: "minutes") var minutes: Int
    @Field(key: "summary") var summary: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// How many home visits and conferences a program's families in one program option are due each year, when the
/// program sets more than the standards' minimum.
final class ProgramVisitRequirement: Model, @unchecked Sendable {
    static let schema = "visit_requirements"

    @ID(key: .id) var id: UUID?
    @Parent(key: "program_id") var program: Program
    @Field(key: "program_option") var programOption: ProgramOption
    @Field(key: "home_visits") var homeVisits: Int
    @Field(key: "conferences") var conferences: Int

    init() {}

    /// Each option's requirement: the program's own where it set one, the standard otherwise.
    static func all(program: UUID, on db: any Database) async throws -> [ProgramOption: VisitRequirement] {
        var result = Dictionary(uniqueKeysWithValues: ProgramOption.allCases.map { ($0, VisitRequirement.standard(for: $0)) })
        for row in try await query(on: db).filter(\.$program.$id == program).all() {
            result[row.programOption] = VisitRequirement(homeVisits: row.homeVisits, conferences: row.conferences)
        }
        return result
    }
}

/// A program's visit types and training courses.
enum VisitTypes {
    static func all(program: UUID, on db: any Database) async throws -> [VisitType] {
        try await VisitType.query(on: db).filter(\.$program.$id == program).sort(\.$name).all()
    }

    /// The program's visit type with the ID in `raw`, or nil.
    static func find(_ raw: String?, program: UUID, on db: any Database) async throws -> VisitType? {
        guard let id = FieldRules.trimmed(raw).flatMap(UUID.init(uuidString:)) else { return nil }
        return try await VisitType.query(on: db).filter(\.$id == id).filter(\.$program.$id == program).first()
    }

    static func courses(program: UUID, on db: any Database) async throws -> [TrainingCourse] {
        try await TrainingCourse.query(on: db).filter(\.$program.$id == program).sort(\.$name).all()
    }

    static func courseNames(program: UUID, on db: any Database) async throws -> [UUID: String] {
        Dictionary(uniqueKeysWithValues: try await courses(program: program, on: db).map { ($0.id!, $0.name) })
    }
}
