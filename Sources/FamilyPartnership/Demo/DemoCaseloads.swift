import Fluent
import Foundation
import PartnershipRules

/// The demo's caseloads as Luis Romero, their supervisor, keeps them: Keisha carries 41 families while the other
/// Eastside post is vacant (an attrition exception, dated), Monica's start-up exception ended ten days ago, and Hoa
/// is on family leave with her families covered by Monica as the solver proposed.
enum DemoCaseloads {
    static func exceptions(team: DemoTeam, today: CalendarDate) async throws {
        let keisha = ExceptionInput(kind: CaseloadExceptionKind.attrition.rawValue, startsOn: today.adding(days: -30).description,
                                    endsOn: today.adding(days: 60).description, upTo: "41",
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
}
