import Fluent
import Foundation
import PartnershipRules

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
    static func upcoming(children: [FamilyMember], goals: [Goal], today: CalendarDate) -> [ChildTransition] {
        children.compactMap { child in
            guard child.kind == .child, let born = child.dateOfBirth.flatMap(CalendarDate.init), let program = child.programType,
                  let dates = TransitionDates.next(dateOfBirth: born, program: program), dates.moves > today else { return nil }
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
        return upcoming(children: children, goals: goals, today: today)
    }
}
