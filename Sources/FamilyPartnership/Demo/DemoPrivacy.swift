import Fluent
import Foundation
import PartnershipRules
import Vapor

/// The demo's partner agencies and consents: a child welfare partner with an MOU due for renewal and a partner
/// account, current consents (the foster family's case plan, Mrs. Alvarez's mental health services), an expired
/// and a revoked one, logged disclosures, and a parent's pending request to inspect records.
enum DemoPrivacy {
    static let childWelfare = "Riverside County Children's Services"

    static func load(team: DemoTeam, today: CalendarDate, passwords: Application.Password) async throws {
        let db = team.ctx("director").db, programID = team.ctx("director").programID
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
            let since = { (index: Int) in today.adding(years: index - levels.count + 1).adding(months: -2) }
            var input = PartnerInput()
            input.name = name
            input.kind = kind.rawValue
            input.level = levels[0].rawValue
            input.mouSignedOn = mou?.0.description
            input.mouExpiresOn = mou?.1.description
            input.mouCovers = covers.isEmpty ? nil : covers
            input.ourPointPerson = ours
            input.theirPointPerson = theirs
            var partner = try await PartnerCommands.add(input, in: team.ctx("manager", on: since(0)))
            for (index, level) in levels.enumerated().dropFirst() {
                let move = LevelInput(level: level.rawValue, changedOn: since(index).description, note: "Agreed in the partnership meeting")
                partner = try await PartnerCommands.changeLevel(partner.requireID(), move, basedOn: .unknown, in: team.ctx("manager"))
            }
            partners[name] = partner
        }
        let welfare = partners[childWelfare]!
        for (months, attendees, notes) in [(-5, "Luis Romero, Dana Brooks, two caseworkers", "Agreed a shared referral form for children in foster care."),
                                            (-2, "Luis Romero, Monica Reyes, Dana Brooks", "Reviewed the consent form in English and Spanish.")] {
            _ = try await PartnerCommands.addMeeting(welfare.requireID(), MeetingInput(heldOn: today.adding(months: months).description,
                                                                                       attendees: attendees, notes: notes), in: team.ctx("manager"))
        }
        let dana = DemoProgram.staff.first { $0.roles.contains(.partner) }!
        var account = StaffInput()
        account.name = dana.name
        account.email = dana.email
        account.roles = [StaffRole.partner.rawValue]
        account.languages = dana.languages
        account.status = StaffStatus.active.rawValue
        account.partnerAgencyID = welfare.id?.uuidString
        account.password = DemoProgram.password
        _ = try await AccountCommands.createStaff(account, passwords: passwords, in: team.ctx("admin"))

        // Families and the adult who gives consent for each.
        let families = try await Family.query(on: db).filter(\.$program.$id == programID).filter(\.$enrollmentStatus == .enrolled)
            .sort(\.$createdAt).all()
        let adults = try await FamilyMember.query(on: db).filter(\.$kind == .adult).sort(\.$name).all()
        func parent(_ family: Family) -> String { adults.first { $0.$family.id == family.id }?.name ?? "Parent" }
        func worker(_ family: Family) -> String { team.contexts.first { $0.value.staff.staffID == family.$pointOfContact.id }!.key }
        let alvarez = families.first { $0.householdName == "Alvarez family" }!
        let fostered = try await FamilyMember.query(on: db).filter(\.$inFosterCare == true).first().flatMap { child in
            families.first { $0.id == child.$family.id }
        } ?? families[5]
        let others = families.filter { $0.id != alvarez.id && $0.id != fostered.id }

        func consent(_ family: Family, _ partner: PartnerAgency, _ categories: Set<RecordCategory>, _ purpose: String,
                     from: CalendarDate, to: CalendarDate, revoked: CalendarDate? = nil) async throws -> Consent {
            let input = ConsentInput(partnerAgencyID: partner.id?.uuidString, givenBy: family.id == alvarez.id ? "Lucia Alvarez" : parent(family),
                                     categories: RecordCategory.allCases.filter(categories.contains).map(\.rawValue), purpose: purpose,
                                     startsOn: from.description, endsOn: to.description, method: ConsentMethod.signedForm.rawValue)
            let ctx = team.ctx(worker(family), on: from)
            let consent = try await PrivacyCommands.recordConsent(input, family: family.requireID(), in: ctx)
            guard let revoked else { return consent }
            return try await PrivacyCommands.revokeConsent(consent.requireID(), family: family.requireID(),
                                                           RevokeInput(revokedOn: revoked.description), basedOn: .unknown,
                                                           in: team.ctx(worker(family), on: revoked))
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

        // Shared with the child welfare partner under the case plan consent a month ago, and a mandated report.
        _ = try await PrivacyCommands.disclose(
            DisclosureInput(partnerAgencyID: welfare.id?.uuidString, categories: [RecordCategory.enrollment.rawValue, RecordCategory.services.rawValue]),
            family: fostered.requireID(), channel: "share packet (page)", in: team.ctx(worker(fostered), on: today.adding(days: -30)))
        _ = casePlan
        _ = try await PrivacyCommands.disclose(
            DisclosureInput(recipient: "Riverside County child abuse hotline", categories: [RecordCategory.enrollment.rawValue],
                            exception: DisclosureException.childMaltreatmentReport.rawValue, reason: "Mandated report: bruising seen at drop-off"),
            family: others[2].requireID(), channel: "share packet (page)", in: team.ctx(worker(others[2]), on: today.adding(days: -12)))

        // A parent's request to inspect the family's records, received ten days ago.
        _ = try await PrivacyCommands.recordRequest(
            RecordRequestInput(kind: RecordRequestKind.inspection.rawValue, requestedBy: parent(others[3]),
                               receivedOn: today.adding(days: -10).description),
            family: others[3].requireID(), in: team.ctx(worker(others[3])))
    }
}
