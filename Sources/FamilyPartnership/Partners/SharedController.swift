import Fluent
import Foundation
import PartnershipRules
import Plot
import Vapor

/// What partner agency staff see: the families whose parents consented to share with their agency, and of
/// each only the categories a current consent covers. When the consent ends or is revoked, the family is gone
/// from these pages at once. Every look is written to the family's disclosure log and the audit log.
struct SharedController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.sharedFamilies.pattern, use: index)
        routes.get(SiteURL.sharedFamily(.routeParameter).pattern, use: show)
    }

    func index(req: Request) async throws -> Response {
        let (partner, families) = try await PrivacyCommands.sharedFamilies(in: req.context())
        return req.page(title: "Shared families", [
            .h1(.text("Families sharing records with \(partner.name)")),
            .p(.class("hint"), .text("Only families whose parent has a current consent to share with your agency, and only the records it names.")),
            families.isEmpty ? .p(.text("No family has a current consent to share with your agency.")) :
                .ul(.class("plain"), .forEach(families) { .li(.a(.href(SiteURL.sharedFamily($0.id!).path), .text($0.householdName))) }),
        ])
    }

    func show(req: Request) async throws -> Response {
        let (family, packet) = try await PrivacyCommands.partnerView(family: req.uuidParameter("familyID"), in: req.context())
        return req.page(title: family.householdName, [
            .p(.a(.href(SiteURL.sharedFamilies.path), .text("← Shared families"))),
            .h1(.text(family.householdName)),
        ] + packet.body)
    }
}
