import Fluent
import Foundation
import PartnershipRules

/// A household enrolled in (or applying to) the program.
final class Family: Model, Versioned, @unchecked Sendable {
    static let schema = "families"

    @ID(key: .id) var id: UUID?
    @Parent(key: "program_id") var program: Program
    @OptionalParent(key: "site_id") var site: Site?
    /// The one staff member the family deals with first: usually its family service worker.
    @OptionalParent(key: "point_of_contact_id") var pointOfContact: Staff?
    @Field(key: "household_name") var householdName: String
    @OptionalField(key: "address_line") var addressLine: String?
    @OptionalField(key: "city") var city: String?
    @OptionalField(key: "state") var state: String?
    @OptionalField(key: "postal_code") var postalCode: String?
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "alternate_phone") var alternatePhone: String?
    @OptionalField(key: "email") var email: String?
    @Field(key: "preferred_language") var preferredLanguage: String
    @OptionalField(key: "preferred_channel") var preferredChannel: ContactChannel?
    @OptionalField(key: "preferred_times") var preferredTimes: String?
    @Field(key: "enrollment_status") var enrollmentStatus: EnrollmentStatus
    @OptionalField(key: "applied_on") var appliedOn: String?
    @OptionalField(key: "enrolled_on") var enrolledOn: String?
    @OptionalField(key: "exited_on") var exitedOn: String?
    @OptionalField(key: "exit_reason") var exitReason: ExitReason?
    @OptionalField(key: "program_option") var programOption: ProgramOption?
    /// The family said no to home visits (they are voluntary); the fair draw leaves it out.
    @OptionalField(key: "declined_home_visits_on") var declinedHomeVisitsOn: String?
    /// How the family said it, and what they said.
    @OptionalField(key: "declined_home_visits_how") var declinedHomeVisitsHow: ContactMedium?
    @OptionalField(key: "declined_home_visits_words") var declinedHomeVisitsWords: String?
    /// Goes up with every change; a change based on an older version is refused.
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Children(for: \.$family) var members: [FamilyMember]
    @Children(for: \.$family) var team: [TeamMember]

    init() {
        version = 1
    }

    init(id: UUID? = nil, programID: UUID, householdName: String, preferredLanguage: String,
         enrollmentStatus: EnrollmentStatus = .applied) {
        self.version = 1
        self.id = id
        self.$program.id = programID
        self.householdName = householdName
        self.preferredLanguage = preferredLanguage
        self.enrollmentStatus = enrollmentStatus
    }
}

/// An adult or a child of the household.
final class FamilyMember: Model, Versioned, @unchecked Sendable {
    static let schema = "family_members"

    @ID(key: .id) var id: UUID?
    @Parent(key: "family_id") var family: Family
    @Field(key: "kind") var kind: MemberKind
    @Field(key: "name") var name: String
    // Adults
    @OptionalField(key: "relationship") var relationship: Relationship?
    @OptionalField(key: "primary_language") var primaryLanguage: String?
    @Field(key: "is_father_figure") var isFatherFigure: Bool
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "email") var email: String?
    // Children
    @OptionalField(key: "date_of_birth") var dateOfBirth: String?
    @OptionalField(key: "program_type") var programType: ProgramType?
    @OptionalField(key: "classroom") var classroom: String?
    @OptionalParent(key: "home_visitor_id") var homeVisitor: Staff?
    @Field(key: "has_ifsp_or_iep") var hasIFSPOrIEP: Bool
    @Field(key: "in_foster_care") var inFosterCare: Bool
    /// Goes up with every change; a change based on an older version is refused.
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {
        version = 1
    }

    init(familyID: UUID, kind: MemberKind, name: String) {
        self.version = 1
        self.$family.id = familyID
        self.kind = kind
        self.name = name
        self.isFatherFigure = false
        self.hasIFSPOrIEP = false
        self.inFosterCare = false
    }
}

/// A staff member on a family's team, with the part they play for this family.
final class TeamMember: Model, @unchecked Sendable {
    static let schema = "family_team_members"

    @ID(key: .id) var id: UUID?
    @Parent(key: "family_id") var family: Family
    @Parent(key: "staff_id") var staff: Staff
    @Field(key: "role") var role: TeamRole
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(familyID: UUID, staffID: UUID, role: TeamRole) {
        self.$family.id = familyID
        self.$staff.id = staffID
        self.role = role
    }
}
