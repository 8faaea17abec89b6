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
    let version: Int

    enum CodingKeys: String, CodingKey {
        case id, name, email, roles, languages, status, siteID = "site_id", supervisorID = "supervisor_id", version
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
        version = s.version
    }
}

extension Staff: APIRepresentable {
    func apiRepresentation(today: CalendarDate) -> any Encodable & Sendable { StaffDTO(self) }
}

extension StaffInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
