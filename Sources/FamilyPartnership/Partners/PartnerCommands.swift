import Fluent
import Foundation
import PartnershipRules
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
    var version: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case version
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
        version = partner.version
    }
}

struct LevelInput: Content, Sendable {
    var level: String?
    var changedOn: String?
    var note: String?
    var version: Int?
    enum CodingKeys: String, CodingKey, CaseIterable { case level, changedOn = "changed_on", note, version }
}

struct MeetingInput: Content, Sendable {
    var heldOn: String?
    var attendees: String?
    var notes: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case heldOn = "held_on", attendees, notes }
}

extension PartnerInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
extension LevelInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
extension MeetingInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }

/// Every change to partner agencies, their level on the partnership continuum and their meetings: the one writer
/// of those records. Agencies are kept by managers and directors.
enum PartnerCommands {
    static func find(_ id: UUID, in ctx: Context) async throws -> PartnerAgency {
        try ctx.require(\.worksWithFamilies)
        return try await PartnerAgency.find(id, program: ctx.programID, on: ctx.db)
    }

    static func add(_ input: PartnerInput, in ctx: Context) async throws -> PartnerAgency {
        try ctx.require(\.mayManagePartners, "Partner agencies are kept by managers and directors.")
        return try await save(input, to: PartnerAgency(), expecting: nil, in: ctx)
    }

    static func update(_ id: UUID, _ input: PartnerInput, basedOn: BasedOn, in ctx: Context) async throws -> PartnerAgency {
        try ctx.require(\.mayManagePartners, "Partner agencies are kept by managers and directors.")
        let partner = try await find(id, in: ctx)
        return try await save(input, to: partner, expecting: try basedOn.required(), in: ctx)
    }

    /// Checks and saves an agency's details; a new agency, or a changed level, starts or extends its level history.
    private static func save(_ input: PartnerInput, to partner: PartnerAgency, expecting: Int?, in ctx: Context) async throws -> PartnerAgency {
        let staff = ctx.staff, db = ctx.db
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
        try await ctx.transaction { ctx in
            if let expecting { try await partner.save(expecting: expecting, in: ctx) } else { try await partner.create(on: ctx.db) }
            if levelChanged { try await record(level!, for: partner, on: ctx.today, note: nil, staff: staff, on: ctx.db) }
        }
        return partner
    }

    /// A new place on the partnership continuum, from a given day, added to the agency's level history.
    static func changeLevel(_ id: UUID, _ input: LevelInput, basedOn: BasedOn, in ctx: Context) async throws -> PartnerAgency {
        try ctx.require(\.mayManagePartners, "Partner agencies are kept by managers and directors.")
        let partner = try await find(id, in: ctx)
        let expected = try basedOn.or(partner)
        let staff = ctx.staff
        var errors = FieldErrors()
        let level = errors.take("level", FieldRules.choice(input.level, PartnershipLevel.self, label: "Partnership level", required: true)) ?? nil
        let on = errors.take("changed_on", FieldRules.date(input.changedOn, label: "Date", required: true)) ?? nil
        let note = errors.take("note", FieldRules.text(input.note, label: "Note", required: false, max: 2000)) ?? nil
        if let on, on > ctx.today { errors["changed_on"] = "The date cannot be in the future." }
        try errors.throwIfAny()
        partner.level = level!
        try await ctx.transaction { ctx in
            try await partner.save(expecting: expected, in: ctx)
            try await record(level!, for: partner, on: on!, note: note, staff: staff, on: ctx.db)
        }
        return partner
    }

    static func addMeeting(_ id: UUID, _ input: MeetingInput, in ctx: Context) async throws -> PartnerMeeting {
        try ctx.require(\.mayManagePartners, "Partner agencies are kept by managers and directors.")
        let partner = try await find(id, in: ctx)
        let staff = ctx.staff
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
        try await meeting.create(on: ctx.db)
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
