/// Children's transitions (1302.70–1302.72), computed from the date of birth and the program they are in.
public enum TransitionKind: String, CaseIterable, Codable, Sendable {
    /// From Early Head Start to Head Start or another preschool: planning due at least six months before age three.
    case toPreschool = "to_preschool"
    /// From Head Start to kindergarten.
    case toKindergarten = "to_kindergarten"

    public var label: String {
        switch self {
        case .toPreschool: "Transition from Early Head Start to preschool"
        case .toKindergarten: "Transition to kindergarten"
        }
    }
}

public struct TransitionDates: Sendable, Equatable {
    public let kind: TransitionKind
    /// The day the child moves on: the third birthday, or the first day of the kindergarten school year.
    public let moves: CalendarDate
    /// The last day by which transition planning must be under way.
    public let planBy: CalendarDate

    /// The transition ahead of a child, or nil when none applies.
    /// - Early Head Start: the move is the third birthday; planning is due six months before it.
    /// - Head Start: the move is the first day of kindergarten where the program is (`KindergartenEntry`: the
    ///   state's age cutoff and the local school year); planning is due six months before, as for the move to preschool.
    public static func next(dateOfBirth born: CalendarDate, program: ProgramType,
                            kindergarten: KindergartenEntry = .common) -> TransitionDates? {
        switch program {
        case .earlyHeadStart:
            let third = born.adding(years: 3)
            return TransitionDates(kind: .toPreschool, moves: third, planBy: third.adding(months: -6))
        case .headStart:
            let starts = kindergarten.firstDay(born: born)
            return TransitionDates(kind: .toKindergarten, moves: starts, planBy: starts.adding(months: -6))
        }
    }

    /// True when staff should start the plan now: the move is less than a year away and still ahead.
    public func isPromptDue(today: CalendarDate) -> Bool {
        today >= moves.adding(months: -12) && today < moves
    }
}

extension TransitionDates {
    /// The birth dates of the children in `program` whose transition planning is overdue on `today`: the day to plan
    /// by has passed and the move is still ahead. Both days only grow with the birth date, so these children are
    /// one run of birth dates, found by bisecting `next` itself; nil when there are none.
    public static func planningOverdue(on today: CalendarDate, program: ProgramType,
                                       kindergarten: KindergartenEntry = .common) -> ClosedRange<CalendarDate>? {
        let oldest = today.adding(years: -7)
        let span = oldest.days(until: today)
        func dates(_ offset: Int) -> TransitionDates? {
            next(dateOfBirth: oldest.adding(days: offset), program: program, kindergarten: kindergarten)
        }
        /// The first offset in 0...span + 1 at which `holds` becomes true (it stays true after).
        func first(_ holds: (Int) -> Bool) -> Int {
            var low = 0, high = span + 1
            while low < high {
                let middle = (low + high) / 2
                if holds(middle) { high = middle } else { low = middle + 1 }
            }
            return low
        }
        let stillAhead = first { dates($0).map { $0.moves > today } ?? true }
        let notYetDue = first { dates($0).map { $0.planBy >= today } ?? true }
        guard stillAhead < notYetDue else { return nil }
        return oldest.adding(days: stillAhead)...oldest.adding(days: notYetDue - 1)
    }
}
