import Fluent
import Foundation
import PartnershipRules
import Plot
import Vapor

/// What leaves the program when a family's records are shared: only the categories named, built fresh from
/// the record, with each parent's statement attached to the part of the record it concerns (1303.24).
/// The same packet is the partner's view, the share page and file, and (with every category) the parent's copy.
struct SharePacket: Content {
    struct Person: Content {
        let name: String
        let kind: String
        let relationship: String?
        let dateOfBirth: String?
        let programType: String?
        enum CodingKeys: String, CodingKey { case name, kind, relationship, dateOfBirth = "date_of_birth", programType = "program_type" }
    }

    struct Enrollment: Content {
        let status: String
        let programOption: String?
        let enrolledOn: String?
        let exitedOn: String?
        let preferredLanguage: String
        let members: [Person]
        enum CodingKeys: String, CodingKey {
            case status, programOption = "program_option", enrolledOn = "enrolled_on", exitedOn = "exited_on"
            case preferredLanguage = "preferred_language", members
        }
    }

    struct AssessmentSummary: Content {
        let takenOn: String
        let period: String
        let outcomesChosen: [String]
        let familyStrengths: String?
        enum CodingKeys: String, CodingKey { case takenOn = "taken_on", period, outcomesChosen = "outcomes_chosen", familyStrengths = "family_strengths" }
    }

    struct Need: Content {
        let category: String
        let description: String
        let identifiedOn: String
        let metOn: String?
        enum CodingKeys: String, CodingKey { case category, description, identifiedOn = "identified_on", metOn = "met_on" }
    }

    struct GoalSummary: Content {
        let goal: String
        let state: String
        let targetOn: String?
        let steps: [String]
        let progressNotes: [String]
        enum CodingKeys: String, CodingKey { case goal, state, targetOn = "target_on", steps, progressNotes = "progress_notes" }
    }

    struct ReferralSummary: Content {
        let category: String
        let provider: String?
        let status: String
        let statusOn: String
        let outcome: String?
        enum CodingKeys: String, CodingKey { case category, provider, status, statusOn = "status_on", outcome }
    }

    struct ServiceSummary: Content {
        let category: String
        let providedOn: String
        let provider: String?
        enum CodingKeys: String, CodingKey { case category, providedOn = "provided_on", provider }
    }

    /// Health records: children's disability services, and the needs, referrals and services in health categories.
    struct Health: Content {
        let childrenWithIFSPOrIEP: [String]
        let needs: [Need]
        let referrals: [ReferralSummary]
        let services: [ServiceSummary]
        enum CodingKeys: String, CodingKey { case childrenWithIFSPOrIEP = "children_with_ifsp_or_iep", needs, referrals, services }
    }

    struct Statement: Content {
        let category: RecordCategory
        let statement: String
        let receivedOn: String
        enum CodingKeys: String, CodingKey { case category, statement, receivedOn = "received_on" }
    }

    let family: String
    let recipient: String
    let preparedOn: String
    let categories: [RecordCategory]
    var enrollment: Enrollment?
    var attendance: String?
    var assessments: [AssessmentSummary]?
    var needs: [Need]?
    var goals: [GoalSummary]?
    var referrals: [ReferralSummary]?
    var services: [ServiceSummary]?
    var health: Health?
    /// Only under a consent that names child welfare plans.
    var childWelfarePlans: [AgencyPlanDTO]?
    var parentStatements: [Statement]

    enum CodingKeys: String, CodingKey {
        case family, recipient, preparedOn = "prepared_on", categories, enrollment, attendance, assessments, needs, goals
        case referrals, services, health, parentStatements = "parent_statements", childWelfarePlans = "child_welfare_plans"
    }

    /// The packet of `categories` of `family`'s records, for `recipient`. Nothing outside those categories is read.
    static func build(_ family: Family, categories: Set<RecordCategory>, recipient: String, today: CalendarDate,
                      on db: any Database) async throws -> SharePacket {
        let id = try family.requireID()
        let catalog = try await ServiceCatalog.load(program: family.$program.id, on: db)
        let ordered = RecordCategory.allCases.filter(categories.contains)
        let statements = try await RecordRequest.query(on: db).filter(\.$family.$id == id).filter(\.$kind == .amendment)
            .filter(\.$decision == .notAmended).all()
            .compactMap { request -> Statement? in
                guard let category = request.category, categories.contains(category), let text = request.parentStatement else { return nil }
                return Statement(category: category, statement: text, receivedOn: request.receivedOn)
            }
        var packet = SharePacket(family: family.householdName, recipient: recipient, preparedOn: today.description,
                                 categories: ordered, parentStatements: statements)
        let sharesHealth = categories.contains(.health)
        let members = categories.contains(.enrollment) || sharesHealth
            ? try await FamilyMember.query(on: db).filter(\.$family.$id == id).sort(\.$name).all() : []
        if categories.contains(.enrollment) {
            packet.enrollment = Enrollment(
                status: family.enrollmentStatus.rawValue, programOption: family.programOption?.rawValue, enrolledOn: family.enrolledOn,
                exitedOn: family.exitedOn, preferredLanguage: family.preferredLanguage,
                members: members.map { Person(name: $0.name, kind: $0.kind.rawValue, relationship: $0.relationship?.rawValue,
                                              dateOfBirth: $0.dateOfBirth, programType: $0.programType?.rawValue) })
        }
        if categories.contains(.attendance) {
            packet.attendance = "This system keeps no attendance records; ask the program's attendance records for them."
        }
        if categories.contains(.assessment) {
            packet.assessments = try await Assessment.query(on: db).filter(\.$family.$id == id).sort(\.$takenOn).all().map {
                AssessmentSummary(takenOn: $0.takenOn, period: $0.period, outcomesChosen: $0.outcomesChosen.map(\.label),
                                  familyStrengths: $0.familyStrengths)
            }
        }
        let needs = categories.contains(.assessment) || sharesHealth
            ? try await FamilyNeed.query(on: db).filter(\.$family.$id == id).sort(\.$identifiedOn).all() : []
        let needSummary = { (need: FamilyNeed) in
            Need(category: catalog.label(need.category), description: need.description, identifiedOn: need.identifiedOn, metOn: need.metOn)
        }
        if categories.contains(.assessment) {
            packet.needs = needs.filter { catalog.sharingCategory($0.category) != .health }.map(needSummary)
        }
        if categories.contains(.agreement) {
            let goals = try await Goal.query(on: db).filter(\.$familyID == id).sort(\.$createdAt).all()
            let goalIDs = goals.compactMap(\.id)
            let steps = goalIDs.isEmpty ? [] : try await ActionStep.query(on: db).filter(\.$goal.$id ~~ goalIDs).sort(\.$dueOn).all()
            let notes = goalIDs.isEmpty ? [] : try await ProgressNote.query(on: db).filter(\.$goal.$id ~~ goalIDs).sort(\.$notedOn).all()
            packet.goals = goals.map { goal in
                GoalSummary(goal: goal.goal, state: goal.state.rawValue, targetOn: goal.targetOn,
                            steps: steps.filter { $0.$goal.id == goal.id }.map { $0.what + ($0.doneOn.map { " (done \($0))" } ?? "") },
                            progressNotes: notes.filter { $0.$goal.id == goal.id }.map { "\($0.notedOn): \($0.text)" })
            }
        }
        if categories.contains(.services) || sharesHealth {
            let referrals = try await Referral.query(on: db).filter(\.$family.$id == id).with(\.$provider).sort(\.$requestedOn).all()
            let services = try await ServiceRecord.query(on: db).filter(\.$family.$id == id).with(\.$provider).sort(\.$providedOn).all()
            let referral = { (r: Referral) in
                ReferralSummary(category: catalog.label(r.category), provider: r.provider?.name, status: r.status.rawValue,
                                statusOn: r.statusOn, outcome: r.outcome?.rawValue)
            }
            let service = { (s: ServiceRecord) in
                ServiceSummary(category: catalog.label(s.category), providedOn: s.providedOn, provider: s.provider?.name ?? s.deliveredBy)
            }
            let isHealth = { (key: String) in catalog.sharingCategory(key) == .health }
            if categories.contains(.services) {
                packet.referrals = referrals.filter { !isHealth($0.category) }.map(referral)
                packet.services = services.filter { !isHealth($0.category) }.map(service)
            }
            if sharesHealth {
                packet.health = Health(
                    childrenWithIFSPOrIEP: members.filter { $0.kind == .child && $0.hasIFSPOrIEP }.map(\.name),
                    needs: needs.filter { isHealth($0.category) }.map(needSummary),
                    referrals: referrals.filter { isHealth($0.category) }.map(referral),
                    services: services.filter { isHealth($0.category) }.map(service))
            }
        }
        if categories.contains(.childWelfare) {
            packet.childWelfarePlans = try await AgencyPlan.query(on: db).filter(\.$family.$id == id).filter(\.$kind == .childWelfareCasePlan)
                .sort(\.$agency).all().map(AgencyPlanDTO.init)
        }
        return packet
    }
}

// MARK: View

extension SharePacket {
    /// The packet as a standalone page that prints cleanly ("PDF-ready": print to PDF from any browser).
    func document(title: String) -> HTML {
        HTML(
            .attribute(named: "lang", value: "en"),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .title("\(title) · \(family)"),
                .style(AgreementPrint.css)
            ),
            .body(.element(named: "main", nodes: [.h1(.text(title))] + body))
        )
    }

    /// The packet's contents, for the standalone page and for pages inside the app's layout.
    var body: [Node<HTML.BodyContext>] {
        [
            .dl(
                .detail("Family", family),
                .detail("Shared with", recipient),
                .detail("Prepared", Display.date(preparedOn)),
                .detail("Records included", categories.map(\.label).joined(separator: "; "))
            ),
            .p(.class("hint"), .text("Confidential: shared under 45 CFR 1303 Subpart C. Do not pass on without the parent's consent.")),
            .unwrap(enrollment) { e in
                .section(.h2(.text("Enrollment")), statementsFor(.enrollment),
                         .p(.text("Status: \(label(EnrollmentStatus.self, e.status))" + (e.programOption.map { " · \(label(ProgramOption.self, $0))" } ?? "")
                                  + (e.enrolledOn.map { " · enrolled \(Display.date($0))" } ?? "") + " · language: \(e.preferredLanguage)")),
                         .ul(.forEach(e.members) { p in
                             .li(.text([p.name, p.kind, p.relationship.map { label(Relationship.self, $0) }, p.dateOfBirth.map { "born \(Display.date($0))" },
                                        p.programType.map { label(ProgramType.self, $0) }]
                                 .compactMap { $0 }.joined(separator: " · ")))
                         }))
            },
            .unwrap(attendance) { .section(.h2(.text("Attendance")), statementsFor(.attendance), .p(.text($0))) },
            .unwrap(assessments) { list in
                .section(.h2(.text("Family assessment and needs")), statementsFor(.assessment),
                         .ul(.forEach(list) { a in
                             .li(.text("\(Display.date(a.takenOn)) (\(a.period)): wants to work on \(a.outcomesChosen.joined(separator: ", "))"
                                       + (a.familyStrengths.map { ". Strengths in the family's words: \($0)" } ?? "")))
                         }),
                         needList(needs ?? []))
            },
            .unwrap(goals) { list in
                .section(.h2(.text("Partnership agreement and goals")), statementsFor(.agreement),
                         list.isEmpty ? .p(.text("No goals.")) : .ul(.forEach(list) { g in
                             .li(.strong(.text(g.goal)), .text(" — \(label(GoalState.self, g.state).lowercased())" + (g.targetOn.map { ", by \(Display.date($0))" } ?? "")),
                                 .if(!g.steps.isEmpty, .ul(.forEach(g.steps) { .li(.text($0)) })),
                                 .if(!g.progressNotes.isEmpty, .ul(.forEach(g.progressNotes) { .li(.class("hint"), .text($0)) })))
                         }))
            },
            .if(referrals != nil, .section(.h2(.text("Referrals and services")), statementsFor(.services),
                                           referralList(referrals ?? []), serviceList(services ?? []))),
            .unwrap(health) { h in
                .section(.h2(.text("Health")), statementsFor(.health),
                         .p(.text(h.childrenWithIFSPOrIEP.isEmpty ? "No child has an IFSP or IEP on record."
                                  : "Children with an IFSP or IEP: \(h.childrenWithIFSPOrIEP.joined(separator: ", ")).")),
                         needList(h.needs), referralList(h.referrals), serviceList(h.services))
            },
            .unwrap(childWelfarePlans) { plans in
                .section(.h2(.text("Child welfare plans")), statementsFor(.childWelfare),
                         plans.isEmpty ? .p(.text("None on record.")) : .ul(.forEach(plans) { plan in
                             .li(.strong(.text(plan.agency)), .text(plan.summary.map { ": \($0)" } ?? ""))
                         }))
            },
        ]
    }

    /// A stored code as people read it; the JSON keeps the code.
    private func label<T: RawRepresentable & HasLabel>(_ type: T.Type, _ raw: String) -> String where T.RawValue == String {
        T(rawValue: raw)?.label ?? raw
    }

    private func statementsFor(_ category: RecordCategory) -> Node<HTML.BodyContext> {
        .forEach(parentStatements.filter { $0.category == category }) { s in
            .p(.class("warning"), .strong(.text("Parent's statement (\(Display.date(s.receivedOn))): ")), .text(s.statement))
        }
    }

    private func needList(_ needs: [Need]) -> Node<HTML.BodyContext> {
        needs.isEmpty ? .p(.text("No needs recorded.")) : .ul(.forEach(needs) { n in
            .li(.text("\(n.category): \(n.description) (identified \(Display.date(n.identifiedOn))"
                      + (n.metOn.map { ", met \(Display.date($0))" } ?? "") + ")"))
        })
    }

    private func referralList(_ referrals: [ReferralSummary]) -> Node<HTML.BodyContext> {
        referrals.isEmpty ? .p(.text("No referrals.")) : .ul(.forEach(referrals) { r in
            .li(.text("Referral: \(r.category)" + (r.provider.map { " to \($0)" } ?? "") + " — \(label(ReferralStatus.self, r.status).lowercased()) \(Display.date(r.statusOn))"
                      + (r.outcome.map { ", \(label(ReferralOutcome.self, $0).lowercased())" } ?? "")))
        })
    }

    private func serviceList(_ services: [ServiceSummary]) -> Node<HTML.BodyContext> {
        services.isEmpty ? .p(.text("No services received.")) : .ul(.forEach(services) { s in
            .li(.text("Service received: \(s.category), \(Display.date(s.providedOn))" + (s.provider.map { " (\($0))" } ?? "")))
        })
    }
}

/// The field's enums that say themselves in words.
protocol HasLabel { var label: String { get } }
extension EnrollmentStatus: HasLabel {}
extension ProgramOption: HasLabel {}
extension ProgramType: HasLabel {}
extension Relationship: HasLabel {}
extension GoalState: HasLabel {}
extension ReferralStatus: HasLabel {}
extension ReferralOutcome: HasLabel {}
