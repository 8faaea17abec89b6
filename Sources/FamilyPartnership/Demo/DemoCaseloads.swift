import Fluent
import Foundation
import PartnershipRules

/// The demo's caseloads as Luis Romero, their supervisor, keeps them: Keisha carries 41 families while the other
/// Eastside post is vacant (an attrition exception ending in three weeks, on Luis's to-do), Monica's start-up exception ended ten days ago, and Hoa
/// is on family leave with her families covered by Monica as the solver proposed; Luis's supervision of Monica and
/// the Alvarez family's meetings.
enum DemoCaseloads {
    static func exceptions(team: DemoTeam, today: CalendarDate) async throws {
        let keisha = ExceptionInput(kind: CaseloadExceptionKind.attrition.rawValue, startsOn: today.adding(days: -30).description,
                                    endsOn: today.adding(days: 21).description, upTo: "41",
                                    note: "The second Eastside family service worker post is vacant; interviews in December.")
        _ = try await CaseloadCommands.recordException(for: team.id("keisha"), keisha, in: team.ctx("manager", on: today.adding(days: -30)))
        let monica = ExceptionInput(kind: CaseloadExceptionKind.startUpOrTransition.rawValue, startsOn: today.adding(days: -70).description,
                                    endsOn: today.adding(days: -10).description, upTo: "44",
                                    note: "Families moved from the closed Lincoln site.")
        _ = try await CaseloadCommands.recordException(for: team.id("monica"), monica, in: team.ctx("manager", on: today.adding(days: -70)))
    }

    /// Hoa's leave, and the cover applied as proposed.
    static func leave(team: DemoTeam, today: CalendarDate) async throws {
        let luis = team.ctx("manager", on: today.adding(days: -3))
        let absence = try await CaseloadCommands.markAbsence(
            of: team.id("hoa"), AbsenceInput(startsOn: today.adding(days: -2).description, endsOn: today.adding(days: 12).description,
                                             reason: "Family leave"), in: luis)
        let program = try await Program.find(luis.programID, on: luis.db).orThrow()
        let proposal = try await CaseloadProposal.forAbsence(absence, program: program, today: luis.today, on: luis.db)
        var assign: [String: String] = [:]
        for line in proposal.lines { if let worker = line.proposed { assign[line.familyID.uuidString] = worker.uuidString } }
        try await CaseloadCommands.applyCover(absence.requireID(), AssignmentInput(assign: assign, version: absence.version), in: luis)
    }

    /// Luis's reflective supervision with Monica, the Alvarez family's monthly team meetings and a case conference,
    /// and his review of their agreement.
    static func supervision(team: DemoTeam, today: CalendarDate) async throws {
        for (daysAgo, reflections, next) in [
            (35, "Monica's caseload is full since the Lincoln families came over; we talked about which families need weekly contact and which monthly.",
             "Ask the Alvarez family whether the Tuesday video check-ins still suit them."),
            (7, "The Alvarez family's housing goal stalled after the landlord did not answer; Monica felt stuck. We looked at what the family can do themselves this week.",
             "Monica to bring the housing authority's new list to the next team meeting; Luis to join the next home visit."),
        ] {
            let luis = team.ctx("manager", on: today.adding(days: -daysAgo))
            _ = try await SupervisionCommands.addNote(for: team.id("monica"), SupervisionInput(heldOn: luis.today.description, reflections: reflections,
                                                                                              nextSteps: next), in: luis)
        }
        guard let alvarez = try await Family.query(on: team.ctx("manager").db).filter(\.$householdName == "Alvarez family").first()?.id else { return }
        for (daysAgo, kind, participants, decisions, next) in [
            (56, MeetingKind.teamMeeting, "Lucia and Mateo Alvarez; Monica Reyes; Jackie Morgan",
             "Keep the weekly 15-minute video check-ins; Mateo's job search comes first this month.", "Monica to send the workforce center's schedule."),
            (28, .teamMeeting, "Lucia and Mateo Alvarez; Monica Reyes; Jackie Morgan; Dr. Renee Walker",
             "Angel's sleep routine chart goes home; the family will try it for two weeks.", "Jackie to check in at pick-up on Fridays."),
            (14, .caseConference, "Monica Reyes; Luis Romero; Dr. Renee Walker",
             "The family's stress about housing is showing in Angel's days; Renee to offer the parents a consultation.", "Luis to join the next home visit."),
        ] {
            let luis = team.ctx("manager", on: today.adding(days: -daysAgo))
            _ = try await SupervisionCommands.recordMeeting(family: alvarez, FamilyMeetingInput(kind: kind.rawValue, heldOn: luis.today.description,
                                                                                         participants: participants, decisions: decisions, nextSteps: next), in: luis)
        }
        let luis = team.ctx("manager", on: today.adding(days: -6))
        _ = try await SupervisionCommands.reviewAgreement(family: alvarez, year: nil, SupervisorReviewInput(
            reviewedOn: luis.today.description,
            comment: "Goals are the family's own and in their words. The housing goal needs a smaller first step; the internet goal is nearly met."), in: luis)
    }
}
