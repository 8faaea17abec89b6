import Fluent
import Foundation
import PartnershipRules
import Vapor

/// Supervision in JSON: a staff member's reflective supervision notes, a family's meetings, and supervisors'
/// reviews of its agreement, through the same commands as the pages.
struct SupervisionAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let id = UUID.routeParameter
        routes.get(APIURL.supervisionNotes(id).pattern, use: notes)
        routes.post(APIURL.supervisionNotes(id).pattern, use: addNote)
        routes.get(APIURL.meetings(id).pattern, use: meetings)
        routes.post(APIURL.meetings(id).pattern, use: recordMeeting)
        routes.get(APIURL.supervisorReviews(id).pattern, use: reviews)
        routes.post(APIURL.supervisorReviews(id).pattern, use: review)
    }

    /// The latest 100 sessions, newest first: a staff member's own record, not a list to page through.
    func notes(req: Request) async throws -> SupervisionNotesDTO {
        let (member, notes) = try await SupervisionCommands.notes(of: req.uuidParameter("staffID"), in: req.context())
        return SupervisionNotesDTO(staffID: try member.requireID(), name: member.name, notes: notes.map(SupervisionNoteDTO.init))
    }

    func addNote(req: Request) async throws -> Response {
        let input = try req.decodeJSON(SupervisionInput.self)
        let note = try await SupervisionCommands.addNote(for: req.uuidParameter("staffID"), input, in: req.context())
        return try SupervisionNoteDTO(note).response(version: note.version, status: .created)
    }

    func meetings(req: Request) async throws -> PageDTO<MeetingDTO> {
        let family = try await req.visibleFamily()
        let (meetings, next) = try await FamilyMeeting.query(on: req.db).filter(\.$family.$id == family.requireID())
            .page(PageRequest.checked(req), sortedBy: ["held_on", "created_at"], descending: true)
        try await req.audit(.list, .meeting, family: family.id, detail: "api shown=\(meetings.count)")
        return PageDTO(items: meetings.map(MeetingDTO.init), nextCursor: next)
    }

    func recordMeeting(req: Request) async throws -> Response {
        let input = try req.decodeJSON(FamilyMeetingInput.self)
        let meeting = try await SupervisionCommands.recordMeeting(family: req.uuidParameter("familyID"), input, in: req.context())
        return try MeetingDTO(meeting).response(version: meeting.version, status: .created)
    }

    func reviews(req: Request) async throws -> PageDTO<SupervisorReviewDTO> {
        let ctx = try req.context()
        let family = try await ctx.family(req.uuidParameter("familyID"))
        let agreement = try await AgreementCommands.agreement(for: family, year: req.chosenProgramYear(), in: ctx)
        let (reviews, next) = try await SupervisorReview.query(on: req.db).filter(\.$agreement.$id == agreement.requireID())
            .page(PageRequest.checked(req), sortedBy: ["reviewed_on", "created_at"], descending: true)
        try await req.audit(.list, .supervisorReview, family: family.id, detail: "api shown=\(reviews.count)")
        return PageDTO(items: reviews.map(SupervisorReviewDTO.init), nextCursor: next)
    }

    func review(req: Request) async throws -> Response {
        let input = try req.decodeJSON(SupervisorReviewInput.self)
        let review = try await SupervisionCommands.reviewAgreement(family: req.uuidParameter("familyID"), year: req.chosenProgramYear(),
                                                                   input, in: req.context())
        let response = Response(status: .created)
        try response.content.encode(SupervisorReviewDTO(review), as: .json)
        return response
    }
}

extension SupervisionInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
extension FamilyMeetingInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }
extension SupervisorReviewInput: APIInput { static let fields = Set(CodingKeys.allCases.map(\.stringValue)) }

struct SupervisionNotesDTO: Content {
    let staffID: UUID
    let name: String
    let notes: [SupervisionNoteDTO]

    enum CodingKeys: String, CodingKey { case staffID = "staff_id", name, notes }
}

struct SupervisionNoteDTO: Content {
    let id: UUID
    let staffID: UUID
    let supervisorID: UUID
    let heldOn: String
    let reflections: String
    let nextSteps: String?
    let version: Int

    enum CodingKeys: String, CodingKey {
        case id, staffID = "staff_id", supervisorID = "supervisor_id", heldOn = "held_on", reflections, nextSteps = "next_steps", version
    }

    init(_ n: SupervisionNote) {
        id = n.id!
        staffID = n.$staff.id
        supervisorID = n.$supervisor.id
        heldOn = n.heldOn
        reflections = n.reflections
        nextSteps = n.nextSteps
        version = n.version
    }
}

struct MeetingDTO: Content {
    let id: UUID
    let familyID: UUID
    let kind: MeetingKind
    let heldOn: String
    let participants: String
    let decisions: String
    let nextSteps: String?
    let recordedByID: UUID
    let version: Int

    enum CodingKeys: String, CodingKey {
        case id, familyID = "family_id", kind, heldOn = "held_on", participants, decisions, nextSteps = "next_steps"
        case recordedByID = "recorded_by_id", version
    }

    init(_ m: FamilyMeeting) {
        id = m.id!
        familyID = m.$family.id
        kind = m.kind
        heldOn = m.heldOn
        participants = m.participants
        decisions = m.decisions
        nextSteps = m.nextSteps
        recordedByID = m.$recordedBy.id
        version = m.version
    }
}

struct SupervisorReviewDTO: Content {
    let id: UUID
    let familyID: UUID
    let agreementID: UUID
    let reviewedOn: String
    let comment: String
    let reviewerID: UUID

    enum CodingKeys: String, CodingKey {
        case id, familyID = "family_id", agreementID = "agreement_id", reviewedOn = "reviewed_on", comment, reviewerID = "reviewer_id"
    }

    init(_ r: SupervisorReview) {
        id = r.id!
        familyID = r.familyID
        agreementID = r.$agreement.id
        reviewedOn = r.reviewedOn
        comment = r.comment
        reviewerID = r.$reviewer.id
    }
}
