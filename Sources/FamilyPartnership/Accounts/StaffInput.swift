import Fluent
import Foundation
import PartnershipRules
import Vapor

/// A staff account's details, from the staff administration form.
struct StaffInput: Content, Sendable {
    var name: String?
    var email: String?
    var roles: [String]?
    var languages: String?
    var status: String?
    var siteID: String?
    var supervisorID: String?
    var partnerAgencyID: String?
    var password: String?
    var contractStart: String?
    var contractEnd: String?
    var contractDays: [String]?
    /// The version of the account the form was filled in from.
    var version: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, email, roles, languages, status, siteID = "site_id", supervisorID = "supervisor_id", partnerAgencyID = "partner_agency_id", password
        case contractStart = "contract_start", contractEnd = "contract_end", contractDays = "contract_days", version
    }

    init() {}

    init(_ staff: Staff) {
        name = staff.name
        email = staff.email
        roles = staff.roles.map(\.rawValue)
        languages = staff.languages
        status = staff.status.rawValue
        siteID = staff.$site.id?.uuidString.lowercased()
        supervisorID = staff.$supervisor.id?.uuidString.lowercased()
        partnerAgencyID = staff.$partnerAgency.id?.uuidString.lowercased()
        let hours = staff.contractHours
        contractStart = hours.start.description
        contractEnd = hours.end.description
        contractDays = hours.days.sorted().map(String.init)
        version = staff.version
    }

    /// Checks every field and copies the values onto `staff`. A new account needs a password; an existing
    /// one keeps its password unless a new one is given. An administrator cannot take away their own
    /// administrator role, so a program is never left without one.
    func apply(to staff: Staff, program: UUID, editor: SignedIn, passwords: Application.Password,
               on db: any Database) async throws {
        var errors = FieldErrors()
        let name = errors.take("name", FieldRules.text(name, label: "Name", required: true, max: 120))
        let email = errors.take("email", FieldRules.email(email, required: true))
        if let email = email ?? nil,
           try await Staff.query(on: db).filter(\.$email == email).filter(\.$id != staff.id ?? UUID()).count() > 0 {
            errors["email"] = "Another account already uses this email."
        }
        let chosen = Set((roles ?? []).compactMap(StaffRole.init(rawValue:)))
        if chosen.isEmpty { errors["roles[]"] = "Choose at least one role." }
        if (roles ?? []).count != chosen.count { errors["roles[]"] = "One of the roles is not known." }
        if staff.id == editor.staffID, !chosen.contains(.admin) {
            errors["roles[]"] = "You cannot remove your own administrator role."
        }
        // A partner agency account is only that: it reaches families through consents, so it holds no
        // program role, and it names the agency whose consents decide what it sees.
        var partner: UUID?
        if chosen.contains(.partner) {
            if chosen.count > 1 { errors["roles[]"] = "A partner agency account holds no other role." }
            if let id = FieldRules.trimmed(partnerAgencyID).flatMap(UUID.init(uuidString:)),
               try await PartnerAgency.query(on: db).filter(\.$id == id).filter(\.$program.$id == program).count() > 0 {
                partner = id
            } else {
                errors["partner_agency_id"] = "Choose the partner agency this person works for."
            }
        } else if FieldRules.trimmed(partnerAgencyID) != nil {
            errors["partner_agency_id"] = "Only partner agency accounts name a partner agency."
        }
        let languages = errors.take("languages", FieldRules.text(languages, label: "Languages", required: false, max: 200))
        let status = errors.take("status", FieldRules.choice(status, StaffStatus.self, label: "Status", required: true))
        let site = try await FamilyInput.site(siteID, program: program, errors: &errors, on: db)
        let supervisor = try await FamilyInput.staff(supervisorID, field: "supervisor_id", program: program, errors: &errors, on: db)
        if supervisor != nil, supervisor == staff.id { errors["supervisor_id"] = "A staff member cannot supervise themselves." }
        let hours = contractHours(current: staff.id == nil ? .standard : staff.contractHours, errors: &errors)
        var password: String?
        if staff.id == nil || FieldRules.trimmed(self.password) != nil {
            password = errors.take("password", FieldRules.newPassword(self.password))
        }
        try errors.throwIfAny()

        staff.name = name!!
        staff.email = email!!
        staff.roles = chosen
        staff.languages = (languages ?? nil) ?? ""
        staff.status = status!!
        staff.$site.id = site
        staff.$supervisor.id = supervisor
        staff.$partnerAgency.id = partner
        staff.contractHours = hours
        if let password {
            staff.passwordHash = try await passwords.async.hash(password)
            staff.failedSignIns = 0
            staff.lastFailedSignInAt = nil
        }
    }

    /// Contract hours from the form; a field left out keeps what the account had.
    private func contractHours(current: ContractHours, errors: inout FieldErrors) -> ContractHours {
        var hours = current
        if let start = errors.take("contract_start", FieldRules.timeOfDay(contractStart, label: "Contract hours start", required: false)) ?? nil {
            hours.start = start
        }
        if let end = errors.take("contract_end", FieldRules.timeOfDay(contractEnd, label: "Contract hours end", required: false)) ?? nil {
            hours.end = end
        }
        if hours.end <= hours.start { errors["contract_end"] = "Contract hours must end after they start." }
        if let days = contractDays {
            let chosen = Set(days.compactMap { Int($0) }.filter { (0...6).contains($0) })
            if chosen.count != days.count { errors["contract_days[]"] = "One of the contract days is not a day of the week." }
            hours.days = chosen
        }
        return hours
    }
}
