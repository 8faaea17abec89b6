import Fluent
import Foundation
import PartnershipRules

/// The demo's partner agencies and consents: a child welfare partner with an MOU due for renewal and a partner
/// account, current consents (the foster family's case plan, Mrs. Alvarez's mental health services), an expired
/// and a revoked one, logged disclosures, and a parent's pending request to inspect records.
enum DemoPrivacy {
    static let childWelfare = "Riverside County Children's Services"

    static func load(programID: UUID, team: DemoTeam, today: CalendarDate, on db: any Database) async throws {
        var partners: [String: PartnerAgency] = [:]
        for (name, kind, levels, mou, covers, ours, theirs) in [
            (childWelfare, PartnerKind.childWelfare, [PartnershipLevel.networking, .coordination, .cooperation],
             Optional((today.adding(years: -1).adding(days: 45), today.adding(days: 45))),
             "Priority enrollment for children in foster care; joint case planning with parents' consent; shared training on trauma",
             "Luis Romero", "Dana Brooks, placement supervisor"),
            ("Riverside County Behavioral Health", .mentalHealth, [.coordination, .collaboration],
             (today.adding(months: -8), today.adding(months: 16)), "Mental health consultation and referrals for parents", "Dr. Renee Walker", "Intake coordinator"),
            ("Riverside Unified School District", .schoolDistrict, [.networking, .cooperation],
             (today.adding(months: -3), today.adding(months: 21)), "Kindergarten transition: records transfer with consent, joint transition nights",
             "Grace Whitfield", "Early learning office"),
            ("Inland Regional Center", .earlyIntervention, [.coordination], nil, "", "Sabina Petrova", "Service coordinator"),
            ("Riverside Housing Authority", .housing, [.networking], nil, "", "Monica Reyes", nil),
        ] as [(String, PartnerKind, [PartnershipLevel], (CalendarDate, CalendarDate)?, String, String, String?)] {
            let partner = PartnerAgency()
            partner.$program.id = programID
            partner.name = name
            partner.kind = kind
            partner.level = levels.last!
            partner.mouSignedOn = mou?.0.description
            partner.mouExpiresOn = mou?.1.description
            partner.mouCovers = covers.isEmpty ? nil : covers
            partner.ourPointPerson = ours
            partner.theirPointPerson = theirs
            try await partner.create(on: db)
            for (index, level) in levels.enumerated() {
                let change = PartnershipLevelChange()
                change.$partner.id = partner.id!
                change.level = level
                change.changedOn = today.adding(years: index - levels.count + 1).adding(months: -2).description
                change.note = index == 0 ? "First contact at the community resource fair" : "Agreed in the partnership meeting"
                change.recordedByName = "Luis Romero"
                try await change.create(on: db)
            }
            partners[name] = partner
        }
        let welfare = partners[childWelfare]!
        for (months, attendees, notes) in [(-5, "Luis Romero, Dana Brooks, two caseworkers", "Agreed a shared referral form for children in foster care."),
                                            (-2, "Luis Romero, Monica Reyes, Dana Brooks", "Reviewed the consent form in English and Spanish.")] {
            let meeting = PartnerMeeting()
            meeting.$partner.id = welfare.id!
            meeting.heldOn = today.adding(months: months).description
            meeting.attendees = attendees
            meeting.notes = notes
            meeting.recordedByName = "Luis Romero"
            try await meeting.create(on: db)
        }
        let dana = try await Staff.query(on: db).filter(\.$email == "cps@demo.fpp.test").first()
        dana?.$partnerAgency.id = welfare.id
        try await dana?.save(on: db)

        // Families and the adult who gives consent for each.
        let families = try await Family.query(on: db).filter(\.$program.$id == programID).filter(\.$enrollmentStatus == .enrolled)
            .sort(\.$createdAt).all()
        let adults = try await FamilyMember.query(on: db).filter(\.$kind == .adult).sort(\.$name).all()
        func parent(_ family: Family) -> String { adults.first { $0.$family.id == family.id }?.name ?? "Parent" }
        let alvarez = families.first { $0.householdName == "Alvarez family" }!
        let fostered = try await FamilyMember.query(on: db).filter(\.$inFosterCare == true).first().flatMap { child in
            families.first { $0.id == child.$family.id }
        } ?? families[5]
        let others = families.filter { $0.id != alvarez.id && $0.id != fostered.id }

        func consent(_ family: Family, _ partner: PartnerAgency, _ categories: Set<RecordCategory>, _ purpose: String,
                     from: CalendarDate, to: CalendarDate, revoked: CalendarDate? = nil) async throws -> Consent {
            let consent = Consent()
            consent.$family.id = family.id!
            consent.$partner.id = partner.id!
            consent.givenBy = family.id == alvarez.id ? "Lucia Alvarez" : parent(family)
            consent.categoriesList = RecordCategory.formatList(categories)
            consent.purpose = purpose
            consent.startsOn = from.description
            consent.endsOn = to.description
            consent.method = .signedForm
            consent.revokedOn = revoked?.description
            consent.recordedByName = "Monica Reyes"
            try await consent.create(on: db)
            return consent
        }
        let casePlan = try await consent(fostered, welfare, [.enrollment, .assessment, .agreement, .services],
                                         "Coordinate the child's case plan and developmental follow-up",
                                         from: today.adding(months: -3), to: today.adding(months: 9))
        _ = try await consent(alvarez, partners["Riverside County Behavioral Health"]!, [.health],
                              "Coordinate Mrs. Alvarez's mental health services with the program's consultant",
                              from: today.adding(months: -2), to: today.adding(months: 10))
        _ = try await consent(alvarez, partners["Riverside Unified School District"]!, [.enrollment, .assessment],
                              "Angel's move to kindergarten", from: today.adding(days: -7), to: today.adding(months: 11))
        _ = try await consent(others[0], welfare, [.enrollment, .services], "Reunification plan",
                              from: today.adding(years: -1), to: today.adding(months: -2))
        _ = try await consent(others[1], welfare, [.enrollment], "Family preservation services",
                              from: today.adding(months: -4), to: today.adding(months: 8), revoked: today.adding(days: -10))

        func disclose(_ family: Family, to partner: PartnerAgency?, recipient: String, _ categories: Set<RecordCategory>,
                      consent: Consent?, exception: DisclosureException?, reason: String?, daysAgo: Int) async throws {
            try await Disclosure(family: family.id!, partner: partner?.id, recipient: recipient, categories: categories, consent: consent?.id,
                                 exception: exception, reason: reason, channel: "share packet (page)", by: "Monica Reyes",
                                 at: Date().addingTimeInterval(Double(-daysAgo) * 86_400)).create(on: db)
        }
        try await disclose(fostered, to: welfare, recipient: welfare.name, [.enrollment, .services], consent: casePlan,
                           exception: nil, reason: nil, daysAgo: 30)
        try await disclose(others[2], to: welfare, recipient: "Riverside County child abuse hotline", [.enrollment],
                           consent: nil, exception: .childMaltreatmentReport, reason: "Mandated report: bruising seen at drop-off", daysAgo: 12)

        let inspection = RecordRequest()
        inspection.$family.id = others[3].id!
        inspection.kind = .inspection
        inspection.requestedBy = parent(others[3])
        inspection.receivedOn = today.adding(days: -10).description
        inspection.dueOn = PrivacyDates.inspectionDue(receivedOn: today.adding(days: -10)).description
        inspection.hearingOffered = false
        inspection.recordedByName = "Keisha Brown"
        try await inspection.create(on: db)
    }
}
