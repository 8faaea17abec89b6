import Foundation
import NIOConcurrencyHelpers
import PartnershipRules
import Vapor

/// What time it is for the program, and where its days begin and end. Everything that needs "now" or
/// "today" asks the clock it was given (`Context.clock`, `Request.clock`), never the wall clock directly, so
/// tests run at fixed moments (a daylight-saving change, a program-year boundary) whatever day they run.
struct ProgramClock: Sendable {
    /// The program's time zone: "today" begins at midnight here, and visit times in calendar feeds are here.
    let zone: TimeZone
    private let reading: @Sendable () -> Date

    init(zone: TimeZone, now: @escaping @Sendable () -> Date = { Date() }) {
        self.zone = zone
        self.reading = now
    }

    var now: Date { reading() }
    var today: CalendarDate { day(of: now) }

    /// The calendar day a moment falls on, in the program's zone.
    func day(of moment: Date) -> CalendarDate {
        let parts = calendar.dateComponents([.year, .month, .day], from: moment)
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// The moment a day and a time in the program's zone fall on.
    func moment(_ day: CalendarDate, _ time: TimeOfDay = TimeOfDay(minutes: 0)!) -> Date? {
        calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day,
                                           hour: time.minutes / 60, minute: time.minutes % 60))
    }

    /// The same time, read in `zone` (a program's own zone).
    func inZone(_ zone: TimeZone) -> ProgramClock {
        ProgramClock(zone: zone, now: reading)
    }

    /// The same zone, with time standing still at `moment` (tests, and the demo writing its history).
    func stopped(at moment: Date) -> ProgramClock {
        ProgramClock(zone: zone, now: { moment })
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    static let defaultZone = "America/Chicago"

    /// `FPP_TIME_ZONE` (an IANA name such as "America/Los_Angeles"), America/Chicago when unset. A server on
    /// UTC would otherwise move "today" forward in the evening.
    static func fromEnvironment() -> ProgramClock {
        let name = Environment.get("FPP_TIME_ZONE").flatMap { $0.isEmpty ? nil : $0 } ?? defaultZone
        return ProgramClock(zone: TimeZone(identifier: name) ?? TimeZone(identifier: defaultZone)!)
    }
}

/// A clock that tests move by hand.
final class ManualTime: Sendable {
    private let moment: NIOLockedValueBox<Date>

    init(_ start: Date) { moment = NIOLockedValueBox(start) }

    var now: Date { moment.withLockedValue { $0 } }
    func advance(by seconds: TimeInterval) { moment.withLockedValue { $0 += seconds } }
    func clock(zone: TimeZone) -> ProgramClock { ProgramClock(zone: zone, now: { [self] in now }) }
}

extension Application {
    /// The program's clock, set from `AppSettings.clock` when the app is configured.
    var clock: ProgramClock { settings.clock }
}

extension Request {
    /// The clock of the signed-in staff member's program: the server's, read in the program's own time zone when
    /// it has one.
    var clock: ProgramClock {
        guard let zone = signedIn?.programZone else { return application.clock }
        return application.clock.inZone(zone)
    }
}
