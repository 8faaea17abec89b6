import Fluent
import Foundation
import PartnershipRules
import Vapor

struct StaffDTO: Content {
    let id: UUID
    let name: String
    let email: String
    let roles: [StaffRole]
    let languages: String
    let status: StaffStatus
    let siteID: UUID?
    let supervisorID: UUID?

    enum CodingKeys: String, CodingKey {
        case id, name, email, roles, languages, status, siteID = "site_id", supervisorID = "supervisor_id"
    }

    init(_ s: Staff) {
        id = s.id!
        name = s.name
        email = s.email
        roles = StaffRole.allCases.filter(s.roles.contains)
        languages = s.languages
        status = s.status
        siteID = s.$site.id
        supervisorID = s.$supervisor.id
    }
}
