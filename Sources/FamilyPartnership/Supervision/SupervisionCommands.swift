import Fluent
import Foundation
import PartnershipRules
import Vapor

/// Supervision's records: reflective supervision notes (the staff member and their supervisor only), a
/// supervisor's review of a family's agreement, and a family's team meetings and case conferences. Each command
/// checks who acts, validates, and writes the record with its audit entry in one transaction.
enum SupervisionCommands {
    static let notesAreTheirs = "Supervision notes are seen by the staff member and their supervisor only."

    /// Whether `staff` may read `member`'s supervision notes: they are the member, or the member's supervisor.
    static func mayRead(notesOf member: Staff, by staff: SignedIn) -> Bool {
        member.id == staff.staffID || member.$supervisor.id == staff.staffID
    }

    /// The staff member whose notes are asked for, if the acting staff member may read them; 403 (audited) if not.
    static func supervisee(_ staffID: UUID, in ctx: Context) async throws -> Staff {
        let member = try await CaseloadCommands.staffMember(staffID, in: ctx)
        guard mayRead(notesOf: member, by: ctx.staff) else {
            try await ctx.audit(.refused, .supervisionNote, family: nil, recordID: staffID, detail: "not their own or their supervisee's")
            throw Abort(.forbidden, reason: notesAreTheirs)
        }
        return member
    }

    /// A staff member's notes, newest first (the latest 100).
    static func notes(of staffID: UUID, in ctx: Context) async throws -> (Staff, [SupervisionNote]) {
        let member = try await supervisee(staffID, in: ctx)
        let notes = try await SupervisionNote.query(on: ctx.db).filter(\.$staff.$id == staffID).with(\.$supervisor)
            .sort(\.$heldOn, .descending).sort(\.$createdAt, .descending).range(..<100).all()
        try await ctx.audit(.list, .supervisionNote, family: nil, recordID: staffID, detail: "notes of \(member.name) shown=\(notes.count)")
        return (member, notes)
    }

    /// Records a session; only the staff member's supervisor writes them.
    static func addNote(for staffID: UUID, _ input: SupervisionInput, in ctx: Context) async throws -> SupervisionNote {
        let member = try await supervisee(staffID, in: ctx)
        guard member.$supervisor.id == ctx.staff.staffID else {
            try await ctx.audit(.refused, .supervisionNote, family: nil, recordID: staffID, detail: "only the supervisor writes notes")
            throw Abort(.forbidden, reason: "Supervision notes are written by the staff member's supervisor.")
        }
        let valid = try input.validated(today: ctx.today)
        let note = SupervisionNote()
        note.$program.id = ctx.programID
        note.$staff.id = staffID
        note.$supervisor.id = ctx.staff.staffID
        note.heldOn = valid.heldOn.description
        note.reflections = valid.reflections
        note.nextSteps = valid.nextSteps
        try await ctx.transaction { ctx in
            try await note.create(on: ctx.db)
            try await ctx.audit(.create, .supervisionNote, family: nil, recordID: note.id, detail: "for \(member.name)")
        }
        return note
    }

    /// A supervisor's review of the family's agreement (the year's, or `year`'s): by managers and directors, or
    /// the supervisor of the family's point of contact.
    static func reviewAgreement(family familyID: UUID, year: ProgramYear?, _ input: SupervisorReviewInput, in ctx: Context) async throws -> SupervisorReview {
        let family = try await ctx.family(familyID)
        guard try await maySuperviseAgreement(of: family, in: ctx) else {
            try await ctx.audit(.refused, .supervisorReview, family: familyID, detail: "not a supervisor of the family's worker")
            throw Abort(.forbidden, reason: "An agreement is reviewed by the worker's supervisor or a manager.")
        }
        let agreement = try await AgreementCommands.agreement(for: family, year: year, in: ctx)
        let valid = try input.validated(today: ctx.today)
        let review = SupervisorReview()
        review.$agreement.id = try agreement.requireID()
        review.familyID = familyID
        review.reviewedOn = valid.reviewedOn.description
        review.comment = valid.comment
        review.$reviewer.id = ctx.staff.staffID
        try await ctx.transaction { ctx in
            try await review.create(on: ctx.db)
            try await ctx.audit(.create, .supervisorReview, family: familyID, recordID: review.id)
        }
        return review
    }

    static func maySuperviseAgreement(of family: Family, in ctx: Context) async throws -> Bool {
        if ctx.staff.access.mayManageTeams { return true }
        guard let worker = family.$pointOfContact.id else { return false }
        return try await Staff.find(worker, on: ctx.db)?.$supervisor.id == ctx.staff.staffID
    }

    /// Records a team meeting or case conference about the family; whoever may change the family's records may.
    static func recordMeeting(family familyID: UUID, _ input: FamilyMeetingInput, in ctx: Context) async throws -> FamilyMeeting {
        _ = try await ctx.editableFamily(familyID)
        let valid = try input.validated(today: ctx.today)
        let meeting = FamilyMeeting()
        meeting.$family.id = familyID
        meeting.kind = valid.kind
        meeting.heldOn = valid.heldOn.description
        meeting.participants = valid.participants
        meeting.decisions = valid.decisions
        meeting.nextSteps = valid.nextSteps
        meeting.$recordedBy.id = ctx.staff.staffID
        try await ctx.transaction { ctx in
            try await meeting.create(on: ctx.db)
            try await ctx.audit(.create, .meeting, family: familyID, recordID: meeting.id, detail: valid.kind.rawValue)
        }
        return meeting
    }

    /// The family's meetings, newest first (the latest 50), read through the family's scope and audited.
    static func meetings(family familyID: UUID, in ctx: Context) async throws -> (Family, [FamilyMeeting]) {
        let family = try await ctx.family(familyID)
        let meetings = try await FamilyMeeting.query(on: ctx.db).filter(\.$family.$id == familyID).with(\.$recordedBy)
            .sort(\.$heldOn, .descending).sort(\.$createdAt, .descending).range(..<50).all()
        try await ctx.audit(.list, .meeting, family: familyID, detail: "shown=\(meetings.count)")
        return (family, meetings)
    }
}
