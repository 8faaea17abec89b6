import Fluent
import Foundation
import PartnershipRules
import Plot

/// A family's page: household, members, team, enrollment, and (for managers) who has looked at it.
enum FamilyShow {
    struct Model {
        let family: Family
        let siteName: String?
        let pointOfContact: String?
        let adults: [FamilyMember]
        let children: [FamilyMember]
        let team: [TeamMember]
        let access: Access
        let accessHistory: [AuditEntry]?
        let outcomes: OutcomeHistory
        let needs: [FamilyNeed]
        let catalog: ServiceCatalog
        let referrals: [Referral]
        let services: [ServiceRecord]
        let plans: [AgencyPlan]
        let agreement: Agreement?
        let agreementDue: CalendarDate?
        let goals: [Goal]
        /// For staff who handle sharing: current consents and pending requests (nil for everyone else).
        let privacy: (consents: Int, pendingRequests: Int)?
        let visits: VisitFamilySection
        /// The children's moves still ahead, by the program's kindergarten dates.
        let transitions: [ChildTransition]
        let today: CalendarDate

        static func load(_ family: Family, staff: SignedIn, today: CalendarDate, on db: any Database) async throws -> Model {
            let id = try family.requireID()
            try await family.$site.load(on: db)
            try await family.$pointOfContact.load(on: db)
            let members = try await FamilyMember.query(on: db).filter(\.$family.$id == id).sort(\.$name).all()
            let team = try await TeamMember.query(on: db).filter(\.$family.$id == id).with(\.$staff).all()
                .sorted { $0.staff.name < $1.staff.name }
            let history = staff.access.maySeeAccessHistory ? try await AuditEntry.history(family: id, on: db) : nil
            let program = try await Program.find(staff.programID, on: db).orThrow()
            let agreement = try await AgreementCommands.agreement(for: id, year: program.year(containing: today), on: db)
            let goals = try await agreement.asyncMap { try await Goal.query(on: db).filter(\.$agreement.$id == $0.requireID()).sort(\.$createdAt).all() } ?? []
            let needs = try await FamilyNeed.query(on: db).filter(\.$family.$id == id).filter(\.$metOn == nil)
                .sort(\.$identifiedOn, .descending).all()
            let children = members.filter { $0.kind == .child }.sorted { ($0.dateOfBirth ?? "") < ($1.dateOfBirth ?? "") }
            let due = family.enrollmentStatus == .enrolled
                ? family.enrolledOn.flatMap(CalendarDate.init).map { program.agreementSchedule.startDeadline(enrolledOn: $0) } : nil
            return Model(family: family, siteName: family.site?.name, pointOfContact: family.pointOfContact?.name,
                         adults: members.filter { $0.kind == .adult },
                         children: children,
                         team: team, access: staff.access, accessHistory: history,
                         outcomes: try await OutcomeHistory.load(family: id, on: db), needs: needs,
                         catalog: try await ServiceCatalog.load(program: staff.programID, on: db),
                         referrals: try await Referral.query(on: db).filter(\.$family.$id == id).with(\.$provider)
                             .sort(\.$requestedOn, .descending).all(),
                         services: try await ServiceRecord.query(on: db).filter(\.$family.$id == id).sort(\.$providedOn, .descending).all(),
                         plans: try await AgencyPlan.visible(family: id, to: staff, on: db).sort(\.$agency).all(),
                         agreement: agreement, agreementDue: due, goals: goals,
                         privacy: try await privacySummary(family: id, staff: staff, today: today, on: db),
                         visits: try await VisitFamilySection.load(family, program: program, mayEdit: staff.access.mayEditFamilies, today: today, on: db),
                         transitions: ChildTransition.upcoming(children: children, goals: goals, today: today, kindergarten: program.kindergarten),
                         today: today)
        }

        private static func privacySummary(family: UUID, staff: SignedIn, today: CalendarDate, on db: any Database) async throws -> (Int, Int)? {
            guard staff.access.maySeePrivacyRecords else { return nil }
            let consents = try await Consent.query(on: db).filter(\.$family.$id == family).all().filter { $0.isCurrent(on: today) }
            let pending = try await RecordRequest.query(on: db).filter(\.$family.$id == family).filter(\.$answeredOn == nil).count()
            return (consents.count, pending)
        }
    }

    struct View {
        let model: Model
        let csrf: String

        private var family: Family { model.family }
        private var id: UUID { family.id! }

        var body: [Node<HTML.BodyContext>] {
            [
                .h1(.text(family.householdName)),
                .p(.span(.class("tag"), .text(family.enrollmentStatus.label)),
                   .text(" · point of contact: \(model.pointOfContact ?? "none yet")")),
                .if(model.access.mayEditFamilies, .div(.class("actions"),
                    .a(.href(SiteURL.familyEdit(id).path), .text("Edit household")),
                    .a(.href(SiteURL.memberNew(id).path + "?kind=adult"), .text("Add an adult")),
                    .a(.href(SiteURL.memberNew(id).path + "?kind=child"), .text("Add a child")),
                    .if(model.access.mayChangeEnrollment, .a(.href(SiteURL.familyEnrollment(id).path), .text("Enroll or exit"))),
                    .if(model.access.mayManageTeams, .a(.href(SiteURL.familyTeam(id).path), .text("Change team")))
                )),
                .h2(.text("Partnership agreement")),
                agreementSummary,
                model.visits.view(csrf: csrf),
                .h2(.text("Outcomes")),
                .div(.class("actions"),
                     .if(model.access.mayEditFamilies, .a(.href(SiteURL.assessmentNew(id).path), .text("Assess the family")))),
                model.outcomes.table(),
                .if(!model.outcomes.points.isEmpty, .ul(.forEach(model.outcomes.points.reversed()) { point in
                    .li(.a(.href(SiteURL.assessment(id, assessment: point.assessment.id!).path),
                           .text("\(point.assessment.period.capitalized), \(Display.date(point.assessment.takenOn))")),
                        .text(" · \(point.instrumentName)"))
                })),
                .h2(.text("Open needs")),
                model.needs.isEmpty ? .p(.text("No open needs recorded.")) : .ul(.forEach(model.needs) { need in
                    .li(.strong(.text(model.catalog.label(need.category))), .text(" — \(need.description) (\(need.urgency.label.lowercased()), \(need.intensity.label.lowercased())) "),
                        .if(model.access.mayEditFamilies, .group(
                            .a(.href(SiteURL.referralNew(id).path + "?need=\(need.id!.uuidString.lowercased())"), .text("Refer")),
                            FormKit.form(action: SiteURL.needMet(id, need: need.id!).path, csrf: csrf, class: "inline", [
                                FormKit.submit("Mark met", secondary: true),
                            ]))))
                }),
                .h2(.id("services"), .text("Referrals and services")),
                .if(model.access.mayEditFamilies, .div(.class("actions"),
                    .a(.href(SiteURL.referralNew(id).path), .text("Make a referral")),
                    .a(.href(SiteURL.serviceNew(id).path), .text("Record a service received")))),
                model.referrals.isEmpty ? .p(.text("No referrals yet.")) : .ul(.forEach(model.referrals) { referral in
                    .li(.a(.href(SiteURL.referral(id, referral: referral.id!).path), .text(model.catalog.label(referral.category))),
                        .text(" — \(referral.provider?.name ?? "no provider yet") · \(referral.status.label.lowercased())"
                              + (referral.status.isClosed ? "" : " · follow up by \(Display.date(referral.followUpOn))")))
                }),
                .h3(.id("plans"), .text("Plans with other agencies")),
                model.plans.isEmpty ? .p(.text("None recorded.")) : AgencyPlanPages.list(model.plans),
                .if(model.access.mayEditFamilies, .p(.a(.href(SiteURL.agencyPlanNew(id).path), .text("Record a plan with another agency")))),
                .if(!model.services.isEmpty, .group(
                    .h3(.text("Services received")),
                    .ul(.forEach(model.services) { service in
                        .li(.text("\(Display.date(service.providedOn)) · \(model.catalog.label(service.category)) · \(service.deliveredBy)"))
                    })
                )),
                .unwrap(model.privacy) { privacy in
                    .group(.h2(.text("Privacy and sharing")),
                           .p(.text("\(privacy.consents) current consent\(privacy.consents == 1 ? "" : "s") to share"
                                    + (privacy.pendingRequests > 0 ? " · \(privacy.pendingRequests) request\(privacy.pendingRequests == 1 ? "" : "s") from the parent pending" : "")
                                    + " · "), .a(.href(SiteURL.familyPrivacy(id).path), .text("Consents, sharing and the disclosure log"))))
                },
                .h2(.text("Household")),
                .dl(
                    .detail("Address", [family.addressLine, family.city, family.state, family.postalCode].compactMap { $0 }.joined(separator: ", ")),
                    .detail("Phone", [family.phone, family.alternatePhone].compactMap { $0.map(Display.phone) }.joined(separator: " · ")),
                    .detail("Email", family.email),
                    .detail("Preferred language", family.preferredLanguage),
                    .detail("Best way to reach", family.preferredChannel?.label),
                    .detail("Best times", family.preferredTimes),
                    .detail("Program option", family.programOption?.label),
                    .detail("Site", model.siteName)
                ),
                .h2(.text("Adults")),
                model.adults.isEmpty ? .p(.text("No adults recorded yet.")) : .table(
                    .class("stack"),
                    .thead(.tr(.th(.text("Name")), .th(.text("Relationship")), .th(.text("Language")), .th(.text("Contact")))),
                    .tbody(.forEach(model.adults) { adult in
                        .tr(.td(memberLink(adult), .if(adult.isFatherFigure, .text(" (father / father figure)"))),
                            .td(.text(adult.relationship?.label ?? "—")),
                            .td(.text(adult.primaryLanguage ?? "—")),
                            .td(.text([adult.phone.map(Display.phone), adult.email].compactMap { $0 }.joined(separator: " · "))))
                    })
                ),
                .h2(.text("Children")),
                model.children.isEmpty ? .p(.text("No children recorded yet.")) : .table(
                    .class("stack"),
                    .thead(.tr(.th(.text("Name")), .th(.text("Date of birth")), .th(.text("Program")), .th(.text("Notes")))),
                    .tbody(.forEach(model.children) { child in
                        .tr(.td(memberLink(child)),
                            .td(.text(child.dateOfBirth.map { Display.birth($0, today: model.today) } ?? "—")),
                            .td(.text([child.programType?.label, child.classroom].compactMap { $0 }.joined(separator: " · "))),
                            .td(.text(childNotes(child))))
                    })
                ),
                transitions,
                .h2(.text("Team")),
                model.team.isEmpty ? .p(.text("No one is on this family's team yet.")) : .ul(.forEach(model.team) { member in
                    .li(.text("\(member.staff.name) — \(member.role.label)"),
                        .if(member.$staff.id == family.$pointOfContact.id, .strong(.text(" (point of contact)"))))
                }),
                .p(.a(.href(SiteURL.familyMeetings(family.id!).path), .text("Team meetings and case conferences →"))),
                .h2(.text("Enrollment")),
                .dl(
                    .detail("Status", family.enrollmentStatus.label),
                    .detail("Applied", family.appliedOn.map(Display.date)),
                    .detail("Enrolled", family.enrolledOn.map(Display.date)),
                    .detail("Exited", family.exitedOn.map(Display.date)),
                    .detail("Reason for leaving", family.exitReason?.label)
                ),
                .unwrap(model.accessHistory) { history in
                    .group(
                        .h2(.text("Access history")),
                        .p(.class("hint"), .text("Every time a staff member opened or changed this family's records (latest 50).")),
                        FamilyHistory.accessTable(history),
                        .p(.a(.href(SiteURL.familyHistory(family.id!, list: FamilyHistory.List.access.rawValue).path), .text("All access history →")))
                    )
                },
            ]
        }

        /// Each child's next transition, with a prompt to start the plan once the move is less than a year away.
        private var transitions: Node<HTML.BodyContext> {
            let today = model.today
            let upcoming = model.transitions
            guard !upcoming.isEmpty else { return .empty }
            return .group(.h2(.text("Transitions")), .ul(.forEach(upcoming) { transition in
                let child = transition.child, dates = transition.dates
                return .li(
                    .text("\(child.name): \(dates.kind.label), \(Display.date(dates.moves.description)); plan by \(Display.date(dates.planBy.description)). "),
                    transition.planned ? .strong(.text("Plan in the agreement.")) :
                        .if(transition.isPromptDue(today: today) && model.access.mayEditFamilies,
                            model.agreement == nil ? .text("Start this year's agreement to add the plan.") :
                                .a(.href(SiteURL.goalNew(id).path + "?transition=\(dates.kind.rawValue)&child=\(child.id!.uuidString.lowercased())"),
                                   .text("Start a transition plan")))
                )
            }))
        }

        private var agreementSummary: Node<HTML.BodyContext> {
            let link = SiteURL.agreement(id).path
            guard let agreement = model.agreement else {
                return .p(.text("Not started for this program year"),
                          .unwrap(model.agreementDue) { .text(" — due \(Display.date($0.description))") },
                          .text(". "), .a(.href(link), .text("Open the agreement")))
            }
            let active = model.goals.filter { $0.state == .active }.count
            let achieved = model.goals.filter { $0.state == .achieved }.count
            return .group(
                .p(.text("Started \(Display.date(agreement.startedOn)) · \(active) active, \(achieved) achieved · next review \(Display.date(agreement.nextReviewOn)).")),
                .div(.class("actions"),
                     .a(.href(link), .text("Open the agreement")),
                     .a(.href(SiteURL.agreementPrint(id).path), .text("Print it for the family"))))
        }

        private func memberLink(_ member: FamilyMember) -> Node<HTML.BodyContext> {
            model.access.mayEditFamilies
                ? .a(.href(SiteURL.memberEdit(id, member: member.id!).path), .text(member.name))
                : .text(member.name)
        }

        private func childNotes(_ child: FamilyMember) -> String {
            var notes: [String] = []
            if child.hasIFSPOrIEP { notes.append("IFSP/IEP") }
            if child.inFosterCare { notes.append("in foster care") }
            return notes.joined(separator: ", ")
        }
    }
}
