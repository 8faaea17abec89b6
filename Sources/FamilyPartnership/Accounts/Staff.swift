import Fluent
import Foundation
import PartnershipRules
import Vapor

/// A staff member's account.
final class Staff: Model, Versioned, Authenticatable, @unchecked Sendable {
    static let schema = "staff"

    @ID(key: .id) var id: UUID?
    @Parent(key: "program_id") var program: Program
    @OptionalParent(key: "site_id") var site: Site?
    @OptionalParent(key: "supervisor_id") var supervisor: Staff?
    /// Partner agency staff: the agency they work for.
    @OptionalParent(key: "partner_agency_id") var partnerAgency: PartnerAgency?
    @Field(key: "name") var name: String
    @Field(key: "email") var email: String
    @Field(key: "password_hash") var passwordHash: String
    /// Comma-separated `StaffRole` raw values.
    @Field(key: "roles") var rolesList: String
    /// Comma-separated, as typed ("English, Spanish").
    @Field(key: "languages") var languages: String
    @Field(key: "status") var status: StaffStatus
    @Field(key: "failed_sign_ins") var failedSignIns: Int
    @OptionalField(key: "last_failed_sign_in_at") var lastFailedSignInAt: Date?
    /// Contract hours ("08:00" to "16:30" on days "1,2,3,4,5"): visit and contact time outside them is marked for pay.
    @Field(key: "contract_start") var contractStart: String
    @Field(key: "contract_end") var contractEnd: String
    @Field(key: "contract_days") var contractDays: String
    /// The digest of the secret in the staff member's calendar feed address; nil when there is no feed.
    @OptionalField(key: "calendar_token_digest") var calendarTokenDigest: String?
    /// Goes up with every change; a change based on an older version is refused.
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {
        version = 1
    }

    init(id: UUID? = nil, programID: UUID, siteID: UUID?, supervisorID: UUID? = nil, name: String, email: String,
         passwordHash: String, roles: Set<StaffRole>, languages: String, status: StaffStatus = .active) {
        self.version = 1
        self.id = id
        self.$program.id = programID
        self.$site.id = siteID
        self.$supervisor.id = supervisorID
        self.name = name
        self.email = email
        self.passwordHash = passwordHash
        self.rolesList = StaffRole.formatList(roles)
        self.languages = languages
        self.status = status
        self.failedSignIns = 0
        self.contractHours = .standard
    }

    var contractHours: ContractHours {
        get {
            ContractHours(start: TimeOfDay(contractStart) ?? ContractHours.standard.start, end: TimeOfDay(contractEnd) ?? ContractHours.standard.end,
                          days: ContractHours.days(contractDays))
        }
        set {
            contractStart = newValue.start.description
            contractEnd = newValue.end.description
            contractDays = newValue.storedDays
        }
    }

    var roles: Set<StaffRole> {
        get { StaffRole.parseList(rolesList) }
        set { rolesList = StaffRole.formatList(newValue) }
    }
}

/// A personal access token for the JSON API. Only a SHA-256 digest is stored; the token itself is shown
/// once, when it is created.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "staff_id") var staff: Staff
    @Field(key: "name") var name: String
    @Field(key: "token_digest") var tokenDigest: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?

    init() {}

    init(staffID: UUID, name: String, tokenDigest: String) {
        self.$staff.id = staffID
        self.name = name
        self.tokenDigest = tokenDigest
    }

    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).hex
    }

    /// A new random token: a recognisable prefix and 32 random bytes.
    static func generate() -> String {
        "fpp_" + [UInt8].random(count: 32).base64String()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
