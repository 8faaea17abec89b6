import Fluent
import Foundation
import PartnershipRules
import Plot
import Vapor

/// A family's lists that grow for years, each on pages of its own: its visits still to come (soonest first), its
/// visits, contacts, referrals and services received (newest first), and (for managers and directors) who opened
/// or changed its records. The family page shows the latest few of each and links here.
enum FamilyHistory {
    enum List: String, CaseIterable, Sendable {
        case upcoming, visits, contacts, referrals, services, access

        var heading: String {
            switch self {
            case .upcoming: "Upcoming visits"
            case .referrals: "Referrals"
            case .services: "Services received"
            case .visits: "Visits"
            case .contacts: "Contacts"
            case .access: "Access history"
            }
        }
    }

    static let perPage = 50

    /// "Changed the status · goal": the action and the record in words (an entry from an older version keeps its keys, spaced).
    static func what(_ entry: AuditEntry) -> String {
        let action = AuditAction(rawValue: entry.action)?.label ?? entry.action.replacingOccurrences(of: "_", with: " ")
        let record = AuditRecord(rawValue: entry.recordType)?.label ?? entry.recordType.replacingOccurrences(of: "_", with: " ")
        return "\(action) · \(record)"
    }

    /// The access history as a table: when, who, what, and from where.
    static func accessTable(_ entries: [AuditEntry]) -> Node<HTML.BodyContext> {
        .table(
            .class("stack"),
            .thead(.tr(.th(.text("When")), .th(.text("Who")), .th(.text("What")), .th(.text("From")))),
            .tbody(.forEach(entries) { entry in
                .tr(.td(.text(Display.timestamp(entry.occurredAt))),
                    .td(.text(entry.staffName)),
                    .td(.text(Self.what(entry))),
                    .td(.text("\(entry.channel), \(entry.clientAddress)")))
            })
        )
    }
}

struct FamilyHistoryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.familyHistory(UUID(), list: "").pattern, use: show)
    }

    func show(req: Request) async throws -> Response {
        guard let list = req.parameters.get("list").flatMap(FamilyHistory.List.init(rawValue:)) else { throw Abort(.notFound) }
        let pager = try Pager(req), page = pager.page
        let ctx = try req.context()
        let familyID = try req.uuidParameter("familyID")
        let family = list == .access
            ? try await ctx.family(familyID, allowedTo: \.maySeeAccessHistory, "The access history is for managers and directors.")
            : try await ctx.family(familyID)
        let id = try family.requireID()
        let offset = pager.offset(perPage: FamilyHistory.perPage), limit = FamilyHistory.perPage + 1
        var shown = 0
        let content: Node<HTML.BodyContext>
        switch list {
        case .visits:
            let visits = try await Visit.query(on: req.db).filter(\.$family.$id == id)
                .sort(\.$scheduledOn, .descending).sort(\.$startsAt, .descending).sort(\.$id, .descending)
                .range(offset..<(offset + limit)).all()
            let names = Dictionary(uniqueKeysWithValues: try await VisitTypes.all(program: ctx.staff.programID, on: req.db).map { ($0.id!, $0.name) })
            shown = visits.count
            content = .ul(.forEach(visits.prefix(FamilyHistory.perPage)) { VisitFamilySection.item($0, family: id, typeName: names[$0.$type.id]) })
            try await req.audit(.list, .visit, family: id, detail: "history page=\(page) shown=\(min(shown, FamilyHistory.perPage))")
        case .upcoming:
            let visits = try await Visit.query(on: req.db).filter(\.$family.$id == id).filter(\.$status == .scheduled)
                .filter(\.$scheduledOn >= req.clock.today.description)
                .sort(\.$scheduledOn).sort(\.$startsAt).sort(\.$id)
                .range(offset..<(offset + limit)).all()
            let going = try await VisitFamilySection.attendees(of: visits, on: req.db)
            let names = Dictionary(uniqueKeysWithValues: try await VisitTypes.all(program: ctx.staff.programID, on: req.db).map { ($0.id!, $0.name) })
            shown = visits.count
            content = .ul(.forEach(visits.prefix(FamilyHistory.perPage)) { visit in
                VisitFamilySection.item(visit, family: id, typeName: names[visit.$type.id],
                                        staff: going.filter { $0.$visit.id == visit.id }.map(\.staff.name).sorted())
            })
            try await req.audit(.list, .visit, family: id, detail: "upcoming page=\(page) shown=\(min(shown, FamilyHistory.perPage))")
        case .referrals:
            let referrals = try await Referral.query(on: req.db).filter(\.$family.$id == id).with(\.$provider)
                .sort(\.$requestedOn, .descending).sort(\.$id, .descending)
                .range(offset..<(offset + limit)).all()
            let catalog = try await ServiceCatalog.load(program: ctx.staff.programID, on: req.db)
            shown = referrals.count
            content = .ul(.forEach(referrals.prefix(FamilyHistory.perPage)) { ReferralPages.item($0, family: id, catalog: catalog) })
            try await req.audit(.list, .referral, family: id, detail: "history page=\(page) shown=\(min(shown, FamilyHistory.perPage))")
        case .services:
            let services = try await ServiceRecord.query(on: req.db).filter(\.$family.$id == id)
                .sort(\.$providedOn, .descending).sort(\.$id, .descending)
                .range(offset..<(offset + limit)).all()
            let catalog = try await ServiceCatalog.load(program: ctx.staff.programID, on: req.db)
            shown = services.count
            content = .ul(.forEach(services.prefix(FamilyHistory.perPage)) { .li(.text(ReferralPages.line($0, catalog: catalog))) })
            try await req.audit(.list, .service, family: id, detail: "history page=\(page) shown=\(min(shown, FamilyHistory.perPage))")
        case .contacts:
            let contacts = try await Contact.query(on: req.db).filter(\.$family.$id == id)
                .sort(\.$contactedOn, .descending).sort(\.$createdAt, .descending).sort(\.$id, .descending)
                .range(offset..<(offset + limit)).all()
            shown = contacts.count
            content = .ul(.forEach(contacts.prefix(FamilyHistory.perPage)) { .li(.text(VisitFamilySection.line($0))) })
            try await req.audit(.list, .contact, family: id, detail: "history page=\(page) shown=\(min(shown, FamilyHistory.perPage))")
        case .access:
            let entries = try await AuditEntry.query(on: req.db).filter(\.$familyID == id)
                .sort(\.$occurredAt, .descending).sort(\.$id, .descending)
                .range(offset..<(offset + limit)).all()
            shown = entries.count
            content = FamilyHistory.accessTable(Array(entries.prefix(FamilyHistory.perPage)))
            try await req.audit(.viewAccessHistory, .accessHistory, family: id, detail: "history page=\(page)")
        }
        let hasNext = shown > FamilyHistory.perPage
        return req.page(title: "\(list.heading) · \(family.householdName)", [
            .p(.a(.href(SiteURL.family(id).path), .text("← \(family.householdName)"))),
            .h1(.text("\(list.heading): \(family.householdName)")),
            shown == 0 ? .p(.text(page == 1 ? "Nothing recorded yet." : "No more on this page.")) : content,
            pager.links(path: SiteURL.familyHistory(id, list: list.rawValue).path, hasNext: hasNext, earlier: list == .upcoming ? "← Sooner" : "← Newer", later: list == .upcoming ? "Later →" : "Older →"),
        ])
    }
}
