import Fluent
import Foundation
import PartnershipRules
import SQLKit

/// A child's next move — to preschool at three, to kindergarten at five — and whether this year's agreement has
/// a plan for it. The family page and the API read the same list: the children in order of birth, each still
/// ahead of their move.
struct ChildTransition: Sendable {
    let child: FamilyMember
    let dates: TransitionDates
    /// A goal in this year's agreement plans this child's move.
    let planned: Bool

    /// True when staff should start the plan now (less than a year to go) and none is in the agreement yet.
    func isPromptDue(today: CalendarDate) -> Bool { !planned && dates.isPromptDue(today: today) }

    /// The moves still ahead of `children`, planned when one of `goals` is for that child and that move.
    static func upcoming(children: [FamilyMember], goals: [Goal], today: CalendarDate, kindergarten: KindergartenEntry) -> [ChildTransition] {
        children.compactMap { child in
            guard child.kind == .child, let born = child.dateOfBirth.flatMap(CalendarDate.init), let program = child.programType,
                  let dates = TransitionDates.next(dateOfBirth: born, program: program, kindergarten: kindergarten), dates.moves > today else { return nil }
            let planned = goals.contains { $0.$child.id == child.id && $0.transitionKind == dates.kind }
            return ChildTransition(child: child, dates: dates, planned: planned)
        }
    }

    /// The family's upcoming transitions, against the goals of the program year containing `today`.
    static func load(family: UUID, program: Program, today: CalendarDate, on db: any Database) async throws -> [ChildTransition] {
        let children = try await FamilyMember.query(on: db).filter(\.$family.$id == family).filter(\.$kind == .child).all()
            .sorted { ($0.dateOfBirth ?? "") < ($1.dateOfBirth ?? "") }
        let agreement = try await AgreementCommands.agreement(for: family, year: program.year(containing: today), on: db)
        let goals = try await agreement.asyncMap { try await Goal.query(on: db).filter(\.$agreement.$id == $0.requireID()).all() } ?? []
        return upcoming(children: children, goals: goals, today: today, kindergarten: program.kindergarten)
    }

    /// The condition, in SQL, that the family member "m" is a child whose transition planning is
    /// overdue on `today` and has no plan in the agreement of program year `year`: a run of birth dates per program
    /// (`TransitionDates.planningOverdue`). The span from the first run's first day to the last's last leads, so
    /// that across a program the database walks its index on birth dates in order and stops at the page's end.
    static func planningOverdue(today: CalendarDate, year: String, kindergarten: KindergartenEntry) -> SQLQueryString {
        let births = ProgramType.allCases.compactMap { program in
            TransitionDates.planningOverdue(on: today, program: program, kindergarten: kindergarten).map { (program, $0) }
        }
        guard let first = births.map(\.1.lowerBound).min(), let last = births.map(\.1.upperBound).max() else { return "1 = 0" }
        let runs: [SQLQueryString] = births.compactMap { program, born in
            guard let kind = TransitionDates.next(dateOfBirth: born.lowerBound, program: program, kindergarten: kindergarten)?.kind else { return nil }
            return """
                ("m"."program_type" = \(bind: program.rawValue)
                 AND "m"."date_of_birth" BETWEEN \(bind: born.lowerBound.description) AND \(bind: born.upperBound.description)
                 AND NOT EXISTS (SELECT 1 FROM "goals" AS "plan" CROSS JOIN "agreements" AS "plan_year"
                   WHERE "plan"."family_id" = "m"."family_id" AND "plan"."child_id" = "m"."id"
                   AND "plan"."transition_kind" = \(bind: kind.rawValue) AND "plan_year"."id" = "plan"."agreement_id"
                   AND "plan_year"."program_year" = \(bind: year)))
                """
        }
        guard var condition = runs.first else { return "1 = 0" }
        for run in runs.dropFirst() { condition += " OR " + run }
        return "\"m\".\"kind\" = \(bind: MemberKind.child.rawValue) AND \"m\".\"date_of_birth\" BETWEEN \(bind: first.description) AND \(bind: last.description) AND ("
            + condition + ")"
    }
}
