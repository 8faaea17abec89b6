import Fluent
import Foundation
import PartnershipRules
import Vapor

/// The family pages: my families, a family's page, and adding, editing, enrolling and exiting families.
struct FamilyController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.home.pattern, use: index)
        routes.get(SiteURL.familyNew.pattern, use: new)
        routes.post(SiteURL.familyNew.pattern, use: create)
        routes.get(SiteURL.family(.routeParameter).pattern, use: show)
        routes.get(SiteURL.familyEdit(.routeParameter).pattern, use: edit)
        routes.post(SiteURL.familyEdit(.routeParameter).pattern, use: update)
        routes.get(SiteURL.familyEnrollment(.routeParameter).pattern, use: enrollmentForm)
        routes.post(SiteURL.familyEnrollment(.routeParameter).pattern, use: changeEnrollment)
    }

    struct IndexQuery: Content {
        var q: String?
        var status: String?
        var site: String?
        var after: String?
        var sort: String?
    }

    func index(req: Request) async throws -> Response {
        let staff = try req.staff()
        if staff.access.isPartnerStaff { return req.redirect(to: SiteURL.sharedFamilies.path) }
        // A new program's set-up comes first for whoever sets it up, until every step is done.
        let program = try await Program.find(staff.programID, on: req.db).orThrow()
        let setUp = staff.access.maySetUpProgram ? try await SetUpChecklist.load(program: program, for: staff.access, on: req.db) : nil
        guard staff.access.familyReach != .none else {
            // An account administrator without a family role starts at the set-up, then at staff administration.
            if setUp?.isComplete == false { return req.redirect(to: SiteURL.programSetUp.path) }
            return req.redirect(to: staff.access.mayManageAccounts ? SiteURL.staffIndex.path : SiteURL.settings.path)
        }
        let input = try req.query.decode(IndexQuery.self)
        let filters = FamilyIndex.Filters(
            search: FieldRules.trimmed(input.q).map { String($0.prefix(100)) },
            status: input.status.flatMap(EnrollmentStatus.init(rawValue:)),
            siteID: input.site.flatMap(UUID.init(uuidString:)))
        let page = try await FamilyIndex.query(staff: staff, filters: filters,
                                               after: input.after.flatMap(FamilyIndex.Cursor.init(token:)),
                                               limit: 50, on: req.db)
        let sites = try await Site.query(on: req.db).filter(\.$program.$id == staff.programID).sort(\.$name).all()
        // The to-do lists belong on the first page of the plain list, not on searches or later pages.
        let isFirstPage = input.after == nil && filters == FamilyIndex.Filters()
        let work = isFirstPage ? try await WorkList.load(staff: staff, clock: req.clock, on: req.db) : nil
        // A worker who carries a caseload finds it first: the families they serve, and where each stands.
        var caseload: CaseloadTable?
        if isFirstPage, program.caseloadLimit.applies(to: staff.roles) {
            caseload = try await CaseloadTable.load(staffID: staff.staffID, program: program, today: req.clock.today, on: req.db)
            try await req.audit(.list, .caseload, families: caseload!.rows.map(\.familyID), detail: "own caseload")
        }
        try await req.audit(.list, .familyList, family: nil,
                            detail: "search=\(filters.search ?? "") status=\(filters.status?.rawValue ?? "any") shown=\(page.families.count) to_do=\(work?.count ?? 0)")
        let model = FamilyIndex.Model(filters: filters, families: page.families, next: page.next, sites: sites,
                                      canCreate: staff.access.mayCreateFamilies, work: work, caseload: caseload,
                                      sort: input.sort.flatMap(CaseloadTable.Sort.init(rawValue:)) ?? .family,
                                      setUp: isFirstPage && setUp?.isComplete == false ? setUp : nil,
                                      canImport: staff.access.mayImportFamilies)
        return req.page(title: "My families", FamilyIndex.View(model: model).body)
    }

    func show(req: Request) async throws -> Response {
        let staff = try req.staff()
        let family = try await req.visibleFamily()
        let model = try await FamilyShow.Model.load(family, staff: staff, today: req.clock.today, on: req.db)
        try await req.audit(.view, .family, family: family.id, recordID: family.id)
        return req.page(title: family.householdName, FamilyShow.View(model: model, csrf: req.csrfToken).body)
    }

    func new(req: Request) async throws -> Response {
        try req.context().require(\.mayCreateFamilies, "Your role cannot add families.")
        var input = FamilyInput()
        input.preferredLanguage = "English"
        input.appliedOn = req.clock.today.description
        return try await renderForm(req, input: input, family: nil)
    }

    func create(req: Request) async throws -> Response {
        let input = try req.content.decode(FamilyInput.self)
        do {
            let family = try await FamilyCommands.create(input, in: req.context())
            req.flash("Family added. Add its members next.")
            return req.redirect(to: SiteURL.family(family.id!).path)
        } catch let errors as FieldErrors {
            return try await renderForm(req, input: input, family: nil, errors: errors)
        } catch let duplicates as FamilyCommands.LooksLikeExisting {
            return try await renderForm(req, input: input, family: nil, duplicates: duplicates.matches)
        }
    }

    func edit(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        try await req.audit(.view, .family, family: family.id, recordID: family.id, detail: "edit form")
        return try await renderForm(req, input: FamilyInput(family), family: family)
    }

    func update(req: Request) async throws -> Response {
        var input = try req.content.decode(FamilyInput.self)
        let id = try req.uuidParameter("familyID")
        do {
            let family = try await FamilyCommands.update(id, input, basedOn: BasedOn(input.version), in: req.context())
            req.flash("Saved.")
            return req.redirect(to: SiteURL.family(family.id!).path)
        } catch let errors as FieldErrors {
            return try await renderForm(req, input: input, family: try await req.editableFamily(), errors: errors)
        } catch let stale as StaleRecord {
            let current = stale.current as! Family
            let errors = StaleForm.messages(current: FamilyInput(current), typed: input)
            input.version = current.version
            return try await renderForm(req, input: input, family: current, errors: errors, status: .conflict)
        }
    }

    private func renderForm(_ req: Request, input: FamilyInput, family: Family?, errors: FieldErrors = FieldErrors(),
                            duplicates: [PossibleDuplicate] = [], status: HTTPResponseStatus? = nil) async throws -> Response {
        let staff = try req.staff()
        let options = try await FamilyForm.Options.load(program: staff.programID, on: req.db)
        let model = FamilyForm.Model(family: family, input: input, errors: errors, duplicates: duplicates, options: options)
        return req.page(title: family == nil ? "New family" : "Edit \(family!.householdName)",
                        FamilyForm.View(model: model, csrf: req.csrfToken).body,
                        status: status ?? (errors.isEmpty && duplicates.isEmpty ? .ok : .unprocessableEntity))
    }

    func enrollmentForm(req: Request) async throws -> Response {
        let family = try await req.editableFamily()
        try req.context().require(\.mayChangeEnrollment, "Your role cannot enroll or exit families.")
        try await req.audit(.view, .family, family: family.id, recordID: family.id, detail: "enrollment form")
        return req.page(title: "Enrollment", EnrollmentForm.View(family: family, input: .init(), errors: .init(),
                                                                 today: req.clock.today, csrf: req.csrfToken).body)
    }

    func changeEnrollment(req: Request) async throws -> Response {
        let input = try req.content.decode(EnrollmentInput.self)
        do {
            let family = try await FamilyCommands.changeEnrollment(req.uuidParameter("familyID"), input, basedOn: .unknown,
                                                                   in: req.context())
            req.flash(family.enrollmentStatus == .enrolled ? "Family enrolled." : "Family exited.")
            return req.redirect(to: SiteURL.family(family.id!).path)
        } catch let errors as FieldErrors {
            let family = try await req.editableFamily()
            return req.page(title: "Enrollment", EnrollmentForm.View(family: family, input: input, errors: errors,
                                                                     today: req.clock.today, csrf: req.csrfToken).body,
                            status: .unprocessableEntity)
        }
    }
}
