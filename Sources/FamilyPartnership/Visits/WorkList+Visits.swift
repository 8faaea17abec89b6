import Fluent
import Foundation
import PartnershipRules

extension WorkList {
    /// The home page's visit and contact lists: the staff member's visits this week, families past or near the
    /// contact gap, and families behind on the visits their program option requires.
    mutating func addVisitWork(staff: SignedIn, families: [Family], program: Program, today: CalendarDate, on db: any Database) async throws {
        let mine = try await Visit.attended(by: staff, from: today, through: today.adding(days: 6), on: db)
            .filter(\.$status == .scheduled).limit(100).all()
        visitsThisWeek = mine.map { visit in
            Item(family: visit.family.householdName, text: "\(visit.type.name), \(VisitPages.when(visit))",
                 link: SiteURL.visit(visit.$family.id, visit: visit.id!).path)
        }
        let ids = families.compactMap(\.id)
        guard !ids.isEmpty else { return }
        let last = try await VisitStanding.lastContacts(families: ids, today: today, on: db)
        var overdue: [(CalendarDate, Item)] = [], soon: [(CalendarDate, Item)] = []
        for family in families {
            let enrolled = family.enrolledOn.flatMap(CalendarDate.init) ?? today
            let link = SiteURL.family(family.id!).path + "#visits"
            let lastText = last[family.id!].map { "last contact \(Display.date($0.description))" } ?? "no contact logged"
            switch program.contactGap.standing(lastContact: last[family.id!], enrolledOn: enrolled, today: today) {
            case .fine: break
            case .dueSoon(let due): soon.append((due, Item(family: family.householdName, text: "\(lastText); due by \(Display.date(due.description))", link: link)))
            case .overdue(let since): overdue.append((since, Item(family: family.householdName, text: "\(lastText); was due \(Display.date(since.description))", link: link)))
            }
        }
        contactOverdue = overdue.sorted { $0.0 < $1.0 }.map(\.1)
        contactDueSoon = soon.sorted { $0.0 < $1.0 }.map(\.1)

        let requirements = try await ProgramVisitRequirement.all(program: program.requireID(), on: db)
        let yearStart = program.yearStart(containing: today)
        let done = try await VisitStanding.visitsDone(families: ids, from: yearStart, through: yearStart.adding(years: 1).adding(days: -1), on: db)
        behindOnVisits = families.compactMap { family in
            guard let option = family.programOption, let requirement = requirements[option] else { return nil }
            let span = VisitStanding.span(year: yearStart, enrolledOn: family.enrolledOn.flatMap(CalendarDate.init))
            let behind = VisitStanding.behind(done: done[family.id!] ?? (0, 0), requirement: requirement, span: span, today: today)
            return behind.isBehind ? Item(family: family.householdName, text: behind.text, link: SiteURL.family(family.id!).path + "#visits") : nil
        }
    }
}
