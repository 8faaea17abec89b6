import Fluent
import Foundation
import PartnershipRules
import Plot
import Vapor

/// An agency's details as a form or the API sends them.
struct PartnerInput: Content, Sendable {
    var name: String?
    var kind: String?
    var level: String?
    var mouSignedOn: String?
    var mouExpiresOn: String?
    var mouCovers: String?
    var ourPointPerson: String?
    var theirPointPerson: String?
    var notes: String?

    enum CodingKeys: String, CodingKey {
        case name, kind, level, mouSignedOn = "mou_signed_on", mouExpiresOn = "mou_expires_on", mouCovers = "mou_covers"
        case ourPointPerson = "our_point_person", theirPointPerson = "their_point_person", notes
    }

    init() {}

    init(_ partner: PartnerAgency) {
        name = partner.name
        kind = partner.kind.rawValue
        level = partner.level.rawValue
        mouSignedOn = partner.mouSignedOn
        mouExpiresOn = partner.mouExpiresOn
        mouCovers = partner.mouCovers
        ourPointPerson = partner.ourPointPerson
        theirPointPerson = partner.theirPointPerson
        notes = partner.notes
    }
}

struct LevelInput: Content, Sendable {
    var level: String?
    var changedOn: String?
    var note: String?
    enum CodingKeys: String, CodingKey { case level, changedOn = "changed_on", note }
}

struct MeetingInput: Content, Sendable {
    var heldOn: String?
    var attendees: String?
    var notes: String?
    enum CodingKeys: String, CodingKey { case heldOn = "held_on", attendees, notes }
}

/// Partner agencies: the list with MOUs due for renewal, each agency's page with its level history and
/// meetings, and the forms that keep them. Staff who work with families read; managers and directors write.
struct PartnerController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.partners.pattern, use: index)
        routes.get(SiteURL.partnerNew.pattern, use: new)
        routes.post(SiteURL.partnerNew.pattern, use: create)
        routes.get(SiteURL.partner(.routeParameter).pattern, use: show)
        routes.get(SiteURL.partnerEdit(.routeParameter).pattern, use: edit)
        routes.post(SiteURL.partnerEdit(.routeParameter).pattern, use: update)
        routes.post(SiteURL.partnerLevel(.routeParameter).pattern, use: changeLevel)
        routes.post(SiteURL.partnerMeetings(.routeParameter).pattern, use: addMeeting)
    }

    func index(req: Request) async throws -> Response {
        let staff = try req.staff(allowedTo: \.worksWithFamilies)
        let partners = try await PartnerAgency.query(on: req.db).filter(\.$program.$id == staff.programID).sort(\.$name).all()
        return req.page(title: "Partner agencies", PartnerPages.index(partners, mayEdit: staff.access.mayManagePartners))
    }

    func show(req: Request) async throws -> Response {
        let staff = try req.staff(allowedTo: \.worksWithFamilies)
        let partner = try await PartnerAgency.find(req.uuidParameter("partnerID"), program: staff.programID, on: req.db)
        return try await render(req, partner, staff: staff)
    }

    private func render(_ req: Request, _ partner: PartnerAgency, staff: SignedIn, errors: FieldErrors = FieldErrors()) async throws -> Response {
        let levels = try await PartnershipLevelChange.query(on: req.db).filter(\.$partner.$id == partner.id!)
            .sort(\.$changedOn, .descending).sort(\.$createdAt, .descending).all()
        let meetings = try await PartnerMeeting.query(on: req.db).filter(\.$partner.$id == partner.id!).sort(\.$heldOn, .descending).all()
        return req.page(title: partner.name, PartnerPages.show(partner, levels: levels, meetings: meetings,
                                                               mayEdit: staff.access.mayManagePartners, errors: errors, csrf: req.csrfToken),
                        status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    func new(req: Request) async throws -> Response {
        _ = try Self.editor(req)
        var input = PartnerInput()
        input.level = PartnershipLevel.networking.rawValue
        return req.page(title: "Add a partner agency", PartnerPages.form(nil, input: input, errors: FieldErrors(), csrf: req.csrfToken))
    }

    func create(req: Request) async throws -> Response {
        let staff = try Self.editor(req)
        let input = try req.content.decode(PartnerInput.self)
        do {
            let partner = try await Self.save(input, to: PartnerAgency(), staff: staff, on: req.db)
            req.flash("Partner agency added.")
            return req.redirect(to: SiteURL.partner(partner.id!).path)
        } catch let errors as FieldErrors {
            return req.page(title: "Add a partner agency", PartnerPages.form(nil, input: input, errors: errors, csrf: req.csrfToken),
                            status: .unprocessableEntity)
        }
    }

    func edit(req: Request) async throws -> Response {
        let staff = try Self.editor(req)
        let partner = try await PartnerAgency.find(req.uuidParameter("partnerID"), program: staff.programID, on: req.db)
        return req.page(title: "Edit \(partner.name)", PartnerPages.form(partner, input: PartnerInput(partner), errors: FieldErrors(), csrf: req.csrfToken))
    }

    func update(req: Request) async throws -> Response {
        let staff = try Self.editor(req)
        let partner = try await PartnerAgency.find(req.uuidParameter("partnerID"), program: staff.programID, on: req.db)
        let input = try req.content.decode(PartnerInput.self)
        do {
            _ = try await Self.save(input, to: partner, staff: staff, on: req.db)
            req.flash("Saved.")
            return req.redirect(to: SiteURL.partner(partner.id!).path)
        } catch let errors as FieldErrors {
            return req.page(title: "Edit \(partner.name)", PartnerPages.form(partner, input: input, errors: errors, csrf: req.csrfToken),
                            status: .unprocessableEntity)
        }
    }

    func changeLevel(req: Request) async throws -> Response {
        let staff = try Self.editor(req)
        let partner = try await PartnerAgency.find(req.uuidParameter("partnerID"), program: staff.programID, on: req.db)
        do {
            try await Self.changeLevel(partner, try req.content.decode(LevelInput.self), staff: staff, on: req.db)
            req.flash("Partnership level recorded.")
            return req.redirect(to: SiteURL.partner(partner.id!).path)
        } catch let errors as FieldErrors {
            return try await render(req, partner, staff: staff, errors: errors)
        }
    }

    func addMeeting(req: Request) async throws -> Response {
        let staff = try Self.editor(req)
        let partner = try await PartnerAgency.find(req.uuidParameter("partnerID"), program: staff.programID, on: req.db)
        do {
            _ = try await Self.addMeeting(partner, try req.content.decode(MeetingInput.self), staff: staff, on: req.db)
            req.flash("Meeting logged.")
            return req.redirect(to: SiteURL.partner(partner.id!).path + "#meetings")
        } catch let errors as FieldErrors {
            return try await render(req, partner, staff: staff, errors: errors)
        }
    }

    // MARK: Changes (pages and API)

    static func editor(_ req: Request) throws -> SignedIn {
        try req.staff(allowedTo: \.mayManagePartners, "Partner agencies are kept by managers and directors.")
    }

    /// Checks and saves an agency's details; a new agency, or a changed level, starts or extends its level history.
    static func save(_ input: PartnerInput, to partner: PartnerAgency, staff: SignedIn, on db: any Database) async throws -> PartnerAgency {
        var errors = FieldErrors()
        let name = errors.take("name", FieldRules.text(input.name, label: "Name", required: true, max: 200)) ?? nil
        let kind = errors.take("kind", FieldRules.choice(input.kind, PartnerKind.self, label: "Kind of agency", required: true)) ?? nil
        let level = errors.take("level", FieldRules.choice(input.level, PartnershipLevel.self, label: "Partnership level", required: true)) ?? nil
        let signed = errors.take("mou_signed_on", FieldRules.date(input.mouSignedOn, label: "MOU signed", required: false)) ?? nil
        let expires = errors.take("mou_expires_on", FieldRules.date(input.mouExpiresOn, label: "MOU expires", required: false)) ?? nil
        if let signed, let expires, expires < signed { errors["mou_expires_on"] = "The MOU cannot expire before it was signed." }
        let covers = errors.take("mou_covers", FieldRules.text(input.mouCovers, label: "What the MOU covers", required: false, max: 2000)) ?? nil
        let ours = errors.take("our_point_person", FieldRules.text(input.ourPointPerson, label: "Our point person", required: false, max: 200)) ?? nil
        let theirs = errors.take("their_point_person", FieldRules.text(input.theirPointPerson, label: "Their point person", required: false, max: 200)) ?? nil
        let notes = errors.take("notes", FieldRules.text(input.notes, label: "Notes", required: false, max: 4000)) ?? nil
        if let name, try await PartnerAgency.query(on: db).filter(\.$program.$id == staff.programID).filter(\.$name == name)
            .filter(\.$id != partner.id ?? UUID()).count() > 0 {
            errors["name"] = "A partner agency with this name is already on record."
        }
        try errors.throwIfAny()
        let levelChanged = partner.id == nil || partner.level != level!
        partner.$program.id = staff.programID
        partner.name = name!
        partner.kind = kind!
        partner.level = level!
        partner.mouSignedOn = signed?.description
        partner.mouExpiresOn = expires?.description
        partner.mouCovers = covers
        partner.ourPointPerson = ours
        partner.theirPointPerson = theirs
        partner.notes = notes
        try await db.transaction { db in
            try await partner.save(on: db)
            if levelChanged { try await record(level!, for: partner, on: .today(), note: nil, staff: staff, on: db) }
        }
        return partner
    }

    static func changeLevel(_ partner: PartnerAgency, _ input: LevelInput, staff: SignedIn, on db: any Database) async throws {
        var errors = FieldErrors()
        let level = errors.take("level", FieldRules.choice(input.level, PartnershipLevel.self, label: "Partnership level", required: true)) ?? nil
        let on = errors.take("changed_on", FieldRules.date(input.changedOn, label: "Date", required: true)) ?? nil
        let note = errors.take("note", FieldRules.text(input.note, label: "Note", required: false, max: 2000)) ?? nil
        try errors.throwIfAny()
        partner.level = level!
        try await db.transaction { db in
            try await partner.save(on: db)
            try await record(level!, for: partner, on: on!, note: note, staff: staff, on: db)
        }
    }

    static func addMeeting(_ partner: PartnerAgency, _ input: MeetingInput, staff: SignedIn, on db: any Database) async throws -> PartnerMeeting {
        var errors = FieldErrors()
        let held = errors.take("held_on", FieldRules.date(input.heldOn, label: "Meeting date", required: true)) ?? nil
        let attendees = errors.take("attendees", FieldRules.text(input.attendees, label: "Who attended", required: true, max: 1000)) ?? nil
        let notes = errors.take("notes", FieldRules.text(input.notes, label: "Notes", required: false, max: 4000)) ?? nil
        try errors.throwIfAny()
        let meeting = PartnerMeeting()
        meeting.$partner.id = try partner.requireID()
        meeting.heldOn = held!.description
        meeting.attendees = attendees!
        meeting.notes = notes
        meeting.recordedByName = staff.name
        try await meeting.create(on: db)
        return meeting
    }

    private static func record(_ level: PartnershipLevel, for partner: PartnerAgency, on day: CalendarDate, note: String?,
                               staff: SignedIn, on db: any Database) async throws {
        let change = PartnershipLevelChange()
        change.$partner.id = try partner.requireID()
        change.level = level
        change.changedOn = day.description
        change.note = note
        change.recordedByName = staff.name
        try await change.create(on: db)
    }
}

enum PartnerPages {
    static func index(_ partners: [PartnerAgency], mayEdit: Bool) -> [Node<HTML.BodyContext>] {
        let today = CalendarDate.today()
        return [
            .h1(.text("Partner agencies")),
            .if(mayEdit, .p(.a(.class("button"), .href(SiteURL.partnerNew.path), .text("Add a partner agency")))),
            partners.isEmpty ? .p(.text("No partner agencies yet.")) : .ul(.class("plain"), .forEach(partners) { partner in
                .li(.a(.href(SiteURL.partner(partner.id!).path), .text(partner.name)),
                    .text(" — \(partner.kind.label), \(partner.level.rawValue)"),
                    .if(partner.isMOURenewalDue(today: today),
                        .strong(.class("warning"), .text(" · MOU expires \(Display.date(partner.mouExpiresOn ?? "")): renew"))))
            }),
        ]
    }

    static func show(_ partner: PartnerAgency, levels: [PartnershipLevelChange], meetings: [PartnerMeeting], mayEdit: Bool,
                     errors: FieldErrors, csrf: String) -> [Node<HTML.BodyContext>] {
        let id = partner.id!
        return [
            .p(.a(.href(SiteURL.partners.path), .text("← Partner agencies"))),
            .h1(.text(partner.name)),
            .if(partner.isMOURenewalDue(today: .today()),
                .p(.class("warning"), .text("The MOU expires \(Display.date(partner.mouExpiresOn ?? "")). Start its renewal now."))),
            .if(mayEdit, .p(.a(.href(SiteURL.partnerEdit(id).path), .text("Edit details and MOU")))),
            FormKit.summary(errors),
            .dl(
                .detail("Kind", partner.kind.label),
                .detail("Partnership level", partner.level.label),
                .detail("MOU signed", partner.mouSignedOn.map(Display.date)),
                .detail("MOU expires", partner.mouExpiresOn.map(Display.date)),
                .detail("The MOU covers", partner.mouCovers),
                .detail("Our point person", partner.ourPointPerson),
                .detail("Their point person", partner.theirPointPerson),
                .detail("Notes", partner.notes)
            ),
            .h2(.text("Partnership level over time")),
            .ul(.forEach(levels) { change in
                .li(.text("\(Display.date(change.changedOn)): \(change.level.rawValue)"
                          + (change.note.map { " — \($0)" } ?? "") + " (\(change.recordedByName))"))
            }),
            .if(mayEdit, FormKit.form(action: SiteURL.partnerLevel(id).path, csrf: csrf, [
                FormKit.select("level", "New level", options: PartnershipLevel.allCases.map { ($0.rawValue, $0.label) },
                               selected: partner.level.rawValue, errors: errors, required: true, blank: nil),
                FormKit.field("changed_on", "Since", value: CalendarDate.today().description, errors: errors, type: .date, required: true),
                FormKit.field("note", "What changed", value: nil, errors: errors),
                FormKit.submit("Record level", secondary: true),
            ])),
            .h2(.id("meetings"), .text("Meetings")),
            meetings.isEmpty ? .p(.text("No meetings logged.")) : .ul(.forEach(meetings) { meeting in
                .li(.strong(.text(Display.date(meeting.heldOn))), .text(" — \(meeting.attendees)"),
                    .unwrap(meeting.notes) { .p(.class("hint"), .text($0)) })
            }),
            .if(mayEdit, FormKit.form(action: SiteURL.partnerMeetings(id).path, csrf: csrf, [
                FormKit.field("held_on", "Meeting date", value: CalendarDate.today().description, errors: errors, type: .date, required: true),
                FormKit.field("attendees", "Who attended", value: nil, errors: errors, required: true),
                FormKit.textArea("notes", "Notes", value: nil, errors: errors),
                FormKit.submit("Log meeting", secondary: true),
            ])),
        ]
    }

    static func form(_ partner: PartnerAgency?, input: PartnerInput, errors: FieldErrors, csrf: String) -> [Node<HTML.BodyContext>] {
        let action = partner.map { SiteURL.partnerEdit($0.id!).path } ?? SiteURL.partnerNew.path
        return [
            .p(.a(.href(partner.map { SiteURL.partner($0.id!).path } ?? SiteURL.partners.path), .text("← Back"))),
            .h1(.text(partner.map { "Edit \($0.name)" } ?? "Add a partner agency")),
            FormKit.summary(errors),
            FormKit.form(action: action, csrf: csrf, [
                FormKit.field("name", "Name", value: input.name, errors: errors, required: true),
                FormKit.select("kind", "Kind of agency", options: PartnerKind.allCases.map { ($0.rawValue, $0.label) },
                               selected: input.kind, errors: errors, required: true),
                FormKit.select("level", "Partnership level", options: PartnershipLevel.allCases.map { ($0.rawValue, $0.label) },
                               selected: input.level, errors: errors, required: true, blank: nil),
                FormKit.field("mou_signed_on", "MOU signed", value: input.mouSignedOn, errors: errors, type: .date),
                FormKit.field("mou_expires_on", "MOU expires", value: input.mouExpiresOn, errors: errors, type: .date,
                              hint: "Its renewal is flagged 60 days before."),
                FormKit.textArea("mou_covers", "What the MOU covers", value: input.mouCovers, errors: errors),
                FormKit.field("our_point_person", "Our point person", value: input.ourPointPerson, errors: errors),
                FormKit.field("their_point_person", "Their point person", value: input.theirPointPerson, errors: errors),
                FormKit.textArea("notes", "Notes", value: input.notes, errors: errors),
                FormKit.submit("Save"),
            ]),
        ]
    }
}
