import Fluent
import Foundation
import PartnershipRules

/// The demo's referrals and services: the Alvarez family's follow the seed scenario (the mental health
/// services, the Lifeline phone and internet benefit, a loaner laptop); other families get a spread of
/// referrals in every state, some overdue, and services that fill the family services report.
enum DemoReferrals {
    static func load(programID: UUID, yearStart: CalendarDate, today: CalendarDate, on db: any Database) async throws {
        let providers = try await Provider.query(on: db).filter(\.$program.$id == programID).sort(\.$name).all()
        func provider(_ prefix: String) -> Provider { providers.first { $0.name.hasPrefix(prefix) }! }
        let families = try await Family.query(on: db).filter(\.$program.$id == programID).filter(\.$enrollmentStatus == .enrolled)
            .sort(\.$createdAt).all()
        let started = min(today, yearStart.adding(days: 21))
        // A foster family's child welfare case plan, and a family on a welfare-to-work plan.
        let fostered = try await FamilyMember.query(on: db).filter(\.$inFosterCare == true).first()
        for (familyID, agency, kind, summary) in [
            (fostered?.$family.id, "Riverside County Children's Services", AgencyPlanKind.childWelfareCasePlan,
             "Placement stability, visits with the birth parent, developmental screening follow-up"),
            (families.last?.id, "Riverside County DPSS", .tanfWorkPlan, "20 hours a week of job search and ESL classes"),
        ] {
            guard let familyID else { continue }
            let plan = AgencyPlan()
            plan.$family.id = familyID
            plan.agency = agency
            plan.kind = kind
            plan.contact = "Assigned caseworker"
            plan.summary = summary
            plan.startedOn = yearStart.description
            plan.recordedByName = "Family service worker"
            try await plan.create(on: db)
        }
        for family in families {
            let id = try family.requireID()
            let needs = try await FamilyNeed.query(on: db).filter(\.$family.$id == id).all()
            if family.householdName == "Alvarez family" {
                let need = { (category: String) in needs.first { $0.category == category }?.id }
                try await refer(id, need: need("mental_health"), to: provider("Riverside County Behavioral Health"), "mental_health",
                                steps: [(.referred, started), (.connected, started.adding(days: 2)), (.receiving, started.adding(days: 9))],
                                outcome: nil, note: "Virtual sessions for Mrs. Alvarez, with the program's mental health consultant", db)
                try await refer(id, need: need("internet_phone"), to: provider("Lifeline"), "internet_phone",
                                steps: [(.referred, started), (.connected, started.adding(days: 5)), (.completed, started.adding(days: 18))],
                                outcome: .met, note: "Approved; switched to an affordable provider", db)
                try await refer(id, need: need("internet_phone"), to: provider("Digital Bridge"), "internet_phone",
                                steps: [(.referred, started), (.completed, started.adding(days: 4))], outcome: .met, note: "Loaner laptop for Angel's class", db)
                try await service(id, "mental_health", on: started.adding(days: 9), provider: nil, by: "Dr. Renee Walker, mental health consultant (in-house)", db)
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
                            outcome: chosen.last == .completed ? .met : chosen.last == .couldNotConnect ? .notMet : nil, note: nil, db)
            if Int(id.uuid.1) % 3 == 0 {
                try await service(id, "parenting_education", on: min(today, first.adding(days: 20)), provider: nil, by: "Parent group at the center (in-house)", db)
            }
        }
    }

    private static func refer(_ family: UUID, need: UUID?, to provider: Provider, _ category: String,
                              steps: [(ReferralStatus, CalendarDate)], outcome: ReferralOutcome?, note: String?,
                              _ db: any Database) async throws {
        let referral = Referral()
        referral.$family.id = family
        referral.$need.id = need
        referral.$provider.id = provider.id
        referral.category = category
        referral.familyAsked = true
        referral.status = steps.last!.0
        referral.statusOn = steps.last!.1.description
        referral.requestedOn = steps[0].1.description
        let followUp = ServiceCategory(rawValue: category)?.defaultFollowUp ?? .months(1)
        referral.followUpOn = followUp.due(from: steps[0].1).description
        referral.outcome = outcome
        referral.notes = note
        try await referral.create(on: db)
        for (status, date) in steps {
            let event = ReferralEvent()
            event.$referral.id = referral.id!
            event.familyID = family
            event.status = status
            event.happenedOn = date.description
            event.recordedByName = "Family service worker"
            try await event.create(on: db)
        }
        if let received = steps.first(where: { $0.0.meansServiceReceived }) {
            try await service(family, category, on: received.1, provider: provider, by: provider.name, referral: referral.id, db)
        }
    }

    private static func service(_ family: UUID, _ category: String, on date: CalendarDate, provider: Provider?, by: String,
                                referral: UUID? = nil, _ db: any Database) async throws {
        let service = ServiceRecord()
        service.$family.id = family
        service.category = category
        service.providedOn = date.description
        service.$provider.id = provider?.id
        service.deliveredBy = by
        service.$referral.id = referral
        service.recordedByName = "Family service worker"
        try await service.create(on: db)
    }
}
