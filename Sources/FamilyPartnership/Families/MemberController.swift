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
        try await req.audit(.view, .member, family: family.id, detail: "new member form")
        return try await render(req, family: family, member: nil, input: input)
    }

    func create(req: Request) async throws -> Response {
        let input = try req.content.decode(MemberInput.self)
        do {
            _ = try await FamilyCommands.addMember(to: req.uuidParameter("familyID"), input, in: req.context())
            req.flash("Saved.")
            return req.redirect(to: SiteURL.family(try req.uuidParameter("familyID")).path)
        } catch let errors as FieldErrors {
            return try await render(req, family: try await req.editableFamily(), member: nil, input: input, errors: errors)
        } catch let duplicates as FamilyCommands.LooksLikeExisting {
            return try await render(req, family: try await req.editableFamily(), member: nil, input: input, duplicates: duplicates.matches)
        }
    }

    func edit(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        let member = try await FamilyCommands.member(req.uuidParameter("memberID"), of: family, on: req.db)
        try await req.audit(.view, .member, family: family.id, recordID: member.id, detail: "edit form")
        return try await render(req, family: family, member: member, input: MemberInput(member))
    }

    func update(req: Request) async throws -> Response {
        var input = try req.content.decode(MemberInput.self)
        let familyID = try req.uuidParameter("familyID")
        do {
            _ = try await FamilyCommands.updateMember(req.uuidParameter("memberID"), of: familyID, input,
                                                      basedOn: BasedOn(input.version), in: req.context())
            req.flash("Saved.")
            return req.redirect(to: SiteURL.family(familyID).path)
        } catch let errors as FieldErrors {
            let family = try await req.editableFamily()
            let member = try await FamilyCommands.member(req.uuidParameter("memberID"), of: family, on: req.db)
            return try await render(req, family: family, member: member, input: input, errors: errors)
        } catch let stale as StaleRecord {
            let current = stale.current as! FamilyMember
            let errors = StaleForm.messages(current: MemberInput(current), typed: input)
            input.version = current.version
            return try await render(req, family: try await req.editableFamily(), member: current, input: input, errors: errors,
                                    status: .conflict)
        }
    }

    private func render(_ req: Request, family: Family, member: FamilyMember?, input: MemberInput,
                        errors: FieldErrors = FieldErrors(), duplicates: [PossibleDuplicate] = [],
                        status: HTTPResponseStatus? = nil) async throws -> Response {
        let staff = try req.staff()
        let visitors = try await Staff.query(on: req.db).filter(\.$program.$id == staff.programID)
            .filter(\.$status != .left).filter(\.$rolesList ~~ StaffRole.homeVisitor.rawValue).sort(\.$name).all()
        let classrooms = try await Classroom.query(on: req.db).filter(\.$program.$id == staff.programID).sort(\.$name).all().map(\.name)
        let model = MemberForm.Model(family: family, member: member, input: input, errors: errors,
                                     duplicates: duplicates, homeVisitors: visitors, classrooms: classrooms)
        return req.page(title: model.title, MemberForm.View(model: model, csrf: req.csrfToken).body,
                        status: status ?? (errors.isEmpty && duplicates.isEmpty ? .ok : .unprocessableEntity))
    }
}
