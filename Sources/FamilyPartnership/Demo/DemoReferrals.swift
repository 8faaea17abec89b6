import Fluent
import Foundation
import PartnershipRules

/// The demo's referrals and services: the Alvarez family's follow the seed scenario (the mental health
/// services, the Lifeline phone and internet benefit, a loaner laptop); other families get a spread of
/// referrals in every state, some overdue, and services that fill the family services report. Each is made
/// and followed up by the family's point of contact, step by step, as the referral page would record it.
enum DemoReferrals {
    static func load(team: DemoTeam, yearStart: CalendarDate, today: CalendarDate) async throws {
        let db = team.ctx("director").db, programID = team.ctx("director").programID
        let providers = try await Provider.query(on: db).filter(\.$program.$id == programID).sort(\.$name).all()
        func provider(_ prefix: String) -> Provider { providers.first { $0.name.hasPrefix(prefix) }! }
        let families = try await Family.query(on: db).filter(\.$program.$id == programID).filter(\.$enrollmentStatus == .enrolled)
            .sort(\.$createdAt).all()
        func worker(_ family: Family) -> Context { team.contexts.values.first { $0.staff.staffID == family.$pointOfContact.id }! }
        let started = min(today, yearStart.adding(days: 21))
        // A foster family's child welfare case plan, and a family on a welfare-to-work plan.
        let fostered = try await FamilyMember.query(on: db).filter(\.$inFosterCare == true).first()
        for (familyID, agency, kind, summary) in [
            (fostered?.$family.id, DemoPrivacy.childWelfare, AgencyPlanKind.childWelfareCasePlan,
             "Placement stability, visits with the birth parent, developmental screening follow-up"),
            (families.last?.id, "Riverside County DPSS", .tanfWorkPlan, "20 hours a week of job search and ESL classes"),
        ] {
            guard let familyID, let family = families.first(where: { $0.id == familyID }) else { continue }
            _ = try await ReferralCommands.recordAgencyPlan(
                AgencyPlanInput(agency: agency, kind: kind.rawValue, contact: "Assigned caseworker", summary: summary,
                                startedOn: yearStart.description), family: familyID, in: worker(family))
        }
        for family in families {
            let id = try family.requireID()
            let ctx = worker(family)
            let needs = try await FamilyNeed.query(on: db).filter(\.$family.$id == id).all()
            if family.householdName == "Alvarez family" {
                let need = { (category: String) in needs.first { $0.category == category }?.id }
                try await refer(id, need: need("mental_health"), to: provider("Riverside County Behavioral Health"), "mental_health",
                                steps: [(.referred, started), (.connected, started.adding(days: 2)), (.receiving, started.adding(days: 9))],
                                outcome: nil, note: "Virtual sessions for Mrs. Alvarez, with the program's mental health consultant", ctx)
                try await refer(id, need: need("internet_phone"), to: provider("Lifeline"), "internet_phone",
                                steps: [(.referred, started), (.connected, started.adding(days: 5)), (.completed, started.adding(days: 18))],
                                outcome: .met, note: "Approved; switched to an affordable provider", ctx)
                try await refer(id, need: need("internet_phone"), to: provider("Digital Bridge"), "internet_phone",
                                steps: [(.referred, started), (.completed, started.adding(days: 4))], outcome: .met, note: "Loaner laptop for Angel's class", ctx)
                try await service(id, "mental_health", on: started.adding(days: 9), by: "Dr. Renee Walker, mental health consultant (in-house)", ctx)
                continue
            }
            guard let need = needs.first, let match = providers.first(where: { $0.categories.contains(need.category) }) else { continue }
            let path: [[ReferralStatus]] = [[.referred], [.referred, .connected], [.referred, .connected, .receiving],
                                            [.referred, .receiving, .completed], [.requested], [.referred, .couldNotConnect],
                                            [.referred, .declined]]
            let chosen = path[Int(id.uuid.0) % path.count]
            let first = min(today, CalendarDate(need.identifiedOn)?.adding(days: 3) ?? started)
            let steps = chosen.enumerated().map { ($0.element, min(today, first.adding(days: $0.offset * 6))) }
            try await refer(id, need: need.id, to: match, need.category, steps: steps,
                            outcome: chosen.last == .completed ? .met : chosen.last == .couldNotConnect ? .notMet : nil, note: nil, ctx)
            if Int(id.uuid.1) % 3 == 0 {
                try await service(id, "parenting_education", on: min(today, first.adding(days: 20)), by: "Parent group at the center (in-house)", ctx)
            }
        }
    }

    /// A referral made on the first step's day, then each later step on its day; reaching "receiving" records the
    /// service received.
    private static func refer(_ family: UUID, need: UUID?, to provider: Provider, _ category: String,
                              steps: [(ReferralStatus, CalendarDate)], outcome: ReferralOutcome?, note: String?,
                              _ ctx: Context) async throws {
        var input = ReferralInput()
        input.category = category
        input.providerID = provider.id?.uuidString
        input.needID = need?.uuidString
        input.familyAsked = true
        input.status = steps[0].0.rawValue
        input.requestedOn = steps[0].1.description
        input.notes = note
        let referral = try await ReferralCommands.create(input, family: family, in: ctx)
        for (status, date) in steps.dropFirst() {
            let step = ReferralStatusInput(status: status.rawValue, date: date.description, note: nil,
                                           outcome: status.isClosed ? (outcome ?? .notMet).rawValue : nil)
            _ = try await ReferralCommands.changeStatus(referral.requireID(), family: family, step, basedOn: .unknown, in: ctx)
        }
    }

    private static func service(_ family: UUID, _ category: String, on date: CalendarDate, by: String, _ ctx: Context) async throws {
        let input = ServiceInput(category: category, providedOn: date.description, providerID: nil, deliveredBy: by, notes: nil)
        _ = try await ReferralCommands.recordService(input, family: family, in: ctx)
    }
}
