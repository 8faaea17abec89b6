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
        let (staff, partner) = try await Self.partnerStaff(req)
        let consents = try await Self.currentConsents(partner: partner.id!, family: nil, on: req.db)
        let ids = ConsentRules.visibleFamilies(consents.map(\.terms), partner: partner.id!, on: .today())
        let families = ids.isEmpty ? [] : try await Family.query(on: req.db).filter(\.$id ~~ Array(ids))
            .filter(\.$program.$id == staff.programID).sort(\.$householdName).all()
        try await req.audit(.list, .familyList, family: nil, detail: "shared with \(partner.name): shown=\(families.count)")
        return req.page(title: "Shared families", [
            .h1(.text("Families sharing records with \(partner.name)")),
            .p(.class("hint"), .text("Only families whose parent has a current consent to share with your agency, and only the records it names.")),
            families.isEmpty ? .p(.text("No family has a current consent to share with your agency.")) :
                .ul(.class("plain"), .forEach(families) { .li(.a(.href(SiteURL.sharedFamily($0.id!).path), .text($0.householdName))) }),
        ])
    }

    func show(req: Request) async throws -> Response {
        let (staff, partner) = try await Self.partnerStaff(req)
        let familyID = try req.uuidParameter("familyID")
        let consents = try await Self.currentConsents(partner: partner.id!, family: familyID, on: req.db)
        let categories = ConsentRules.visibleCategories(consents.map(\.terms), partner: partner.id!, family: familyID, on: .today())
        guard !categories.isEmpty,
              let family = try await Family.query(on: req.db).filter(\.$id == familyID).filter(\.$program.$id == staff.programID).first()
        else { throw Abort(.notFound) }
        let disclosure = Disclosure(family: familyID, partner: partner.id, recipient: "\(staff.name), \(partner.name)", categories: categories,
                                    consent: consents.first { $0.isCurrent(on: .today()) }?.id, channel: "partner account", by: staff.name)
        try await Sharing.log(disclosure, family: family, req: req)
        let packet = try await SharePacket.build(family, categories: categories, recipient: partner.name, on: req.db)
        return req.page(title: family.householdName, [
            .p(.a(.href(SiteURL.sharedFamilies.path), .text("← Shared families"))),
            .h1(.text(family.householdName)),
        ] + packet.body)
    }

    /// The signed-in partner staff member and their agency; anyone else is turned away.
    static func partnerStaff(_ req: Request) async throws -> (SignedIn, PartnerAgency) {
        let staff = try req.staff(allowedTo: \.isPartnerStaff, "These pages are for partner agency staff.")
        guard let id = staff.partnerAgencyID else { throw Abort(.forbidden, reason: "Your account is not linked to a partner agency.") }
        return (staff, try await PartnerAgency.find(id, program: staff.programID, on: req.db))
    }

    /// Consents that may be current today for the partner (and family); the rules decide exactly.
    private static func currentConsents(partner: UUID, family: UUID?, on db: any Database) async throws -> [Consent] {
        let today = CalendarDate.today().description
        var query = Consent.query(on: db).filter(\.$partner.$id == partner).filter(\.$startsOn <= today).filter(\.$endsOn >= today)
            .group(.or) { $0.filter(\.$revokedOn == nil).filter(\.$revokedOn > today) }
        if let family { query = query.filter(\.$family.$id == family) }
        return try await query.all()
    }
}
