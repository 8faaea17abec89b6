import Fluent
import Foundation
import PartnershipRules
import Vapor

/// `/api/v1/sites`: the program's sites, as the family form and the lists' filters offer them.
struct ProgramAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(APIURL.sites.pattern, use: sites)
    }

    func sites(req: Request) async throws -> PageDTO<SiteDTO> {
        let me = try req.staff(allowedTo: \.maySeeStaffList)
        let (sites, next) = try await Site.query(on: req.db).filter(\.$program.$id == me.programID)
            .page(PageRequest.checked(req), sortedBy: ["name"])
        return PageDTO(items: sites.map(SiteDTO.init), nextCursor: next)
    }
}

struct SiteDTO: Content {
    let id: UUID
    let name: String
    let address: String?

    init(_ site: Site) {
        id = site.id!
        name = site.name
        address = site.address
    }
}
