import Fluent
import Foundation
import PartnershipRules
import Vapor

/// Adding and editing a family's adults and children.
struct MemberController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.memberNew(.routeParameter).pattern, use: new)
        routes.post(SiteURL.memberNew(.routeParameter).pattern, use: create)
        routes.get(SiteURL.memberEdit(.routeParameter, member: .routeParameter).pattern, use: edit)
        routes.post(SiteURL.memberEdit(.routeParameter, member: .routeParameter).pattern, use: update)
    }

    func new(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let kind = (try? req.query.get(String.self, at: "kind")).flatMap(MemberKind.init(rawValue:)) ?? .adult
        var input = MemberInput(kind: kind)
        if kind == .adult { input.primaryLanguage = family.preferredLanguage }
        return try await render(req, family: family, member: nil, input: input)
    }

    func create(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let input = try req.content.decode(MemberInput.self)
        do {
            _ = try await MemberChanges.create(input, family: family, req: req)
            req.flash("Saved.")
            return req.redirect(to: SiteURL.family(family.id!).path)
        } catch let errors as FieldErrors {
            return try await render(req, family: family, member: nil, input: input, errors: errors)
        } catch let duplicates as FamilyChanges.LooksLikeExisting {
            return try await render(req, family: family, member: nil, input: input, duplicates: duplicates.matches)
        }
    }

    func edit(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let member = try await MemberChanges.find(req.uuidParameter("memberID"), in: family, on: req.db)
        try await req.audit(.view, .member, family: family.id, recordID: member.id, detail: "edit form")
        return try await render(req, family: family, member: member, input: MemberInput(member))
    }

    func update(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let member = try await MemberChanges.find(req.uuidParameter("memberID"), in: family, on: req.db)
        let input = try req.content.decode(MemberInput.self)
        do {
            try await MemberChanges.update(member, with: input, req: req)
            req.flash("Saved.")
            return req.redirect(to: SiteURL.family(family.id!).path)
        } catch let errors as FieldErrors {
            return try await render(req, family: family, member: member, input: input, errors: errors)
        }
    }

    private func render(_ req: Request, family: Family, member: FamilyMember?, input: MemberInput,
                        errors: FieldErrors = FieldErrors(), duplicates: [PossibleDuplicate] = []) async throws -> Response {
        let staff = try req.staff()
        let visitors = try await Staff.query(on: req.db).filter(\.$program.$id == staff.programID)
            .filter(\.$status != .left).filter(\.$rolesList ~~ StaffRole.homeVisitor.rawValue).sort(\.$name).all()
        let model = MemberForm.Model(family: family, member: member, input: input, errors: errors,
                                     duplicates: duplicates, homeVisitors: visitors)
        let status: HTTPResponseStatus = errors.isEmpty && duplicates.isEmpty ? .ok : .unprocessableEntity
        return req.page(title: model.title, MemberForm.View(model: model, csrf: req.csrfToken).body, status: status)
    }
}

/// Changes to family members, shared by the pages and the API; each in one transaction with its audit entry.
enum MemberChanges {
    static func find(_ id: UUID, in family: Family, on db: any Database) async throws -> FamilyMember {
        guard let member = try await FamilyMember.query(on: db).filter(\.$id == id)
            .filter(\.$family.$id == family.requireID()).first() else { throw Abort(.notFound) }
        return member
    }

    static func create(_ input: MemberInput, family: Family, req: Request) async throws -> FamilyMember {
        let staff = try req.staff()
        let member = FamilyMember(familyID: try family.requireID(), kind: try input.validatedKind(), name: "")
        try await input.apply(to: member, program: staff.programID, today: .today(), on: req.db)
        if member.kind == .child, input.confirmNew != true, let born = member.dateOfBirth {
            let matches = try await PossibleDuplicate.children(named: member.name, born: born, excluding: nil, staff: staff, on: req.db)
            if !matches.isEmpty { throw FamilyChanges.LooksLikeExisting(matches: matches) }
        }
        try await req.db.transaction { db in
            try await member.create(on: db)
            try await req.audit(.create, .member, family: family.id, recordID: member.id, detail: member.kind.rawValue, on: db)
        }
        return member
    }

    static func update(_ member: FamilyMember, with input: MemberInput, req: Request) async throws {
        let staff = try req.staff()
        try await input.apply(to: member, program: staff.programID, today: .today(), on: req.db)
        try await req.db.transaction { db in
            try await member.save(on: db)
            try await req.audit(.update, .member, family: member.$family.id, recordID: member.id, on: db)
        }
    }
}
