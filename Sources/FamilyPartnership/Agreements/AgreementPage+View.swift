import Fluent
import Foundation
import PartnershipRules
import Plot

/// The agreement page: when it was started and is next reviewed, its goals, the family's acknowledgements,
/// reviews, and links to print it.
enum AgreementPage {
    struct GoalSummary {
        let goal: Goal
        let childName: String?
        let steps: [ActionStep]
        let stepOwners: [UUID: String]
        let notes: [ProgressNote]
    }

    struct Model {
        let family: Family
        let agreement: Agreement?
        let deadline: CalendarDate?
        let goals: [GoalSummary]
        let reviews: [AgreementReview]
        let acknowledgements: [Acknowledgement]
        let years: [String]
        let pointOfContact: String?
        let mayEdit: Bool
        let today: CalendarDate
        /// Supervisors' reviews of the agreement, newest first, and whether this staff member may add one.
        var supervisorReviews: [SupervisorReview] = []
        var maySupervise = false

        static func load(family: Family, agreement: Agreement?, program: Program?, staff: SignedIn, today: CalendarDate,
                         on db: any Database) async throws -> Model {
            let familyID = try family.requireID()
            var goals: [GoalSummary] = []
            var reviews: [AgreementReview] = [], acks: [Acknowledgement] = []
            if let agreement {
                let id = try agreement.requireID()
                let goalRecords = try await Goal.query(on: db).filter(\.$agreement.$id == id).with(\.$child)
                    .sort(\.$createdAt).all()
                let goalIDs = goalRecords.compactMap(\.id)
                let steps = goalIDs.isEmpty ? [] : try await ActionStep.query(on: db).filter(\.$goal.$id ~~ goalIDs)
                    .with(\.$member).with(\.$staff).sort(\.$dueOn).sort(\.$createdAt).all()
                let notes = goalIDs.isEmpty ? [] : try await ProgressNote.query(on: db).filter(\.$goal.$id ~~ goalIDs)
                    .sort(\.$notedOn, .descending).all()
                goals = goalRecords.map { goal in
                    let mine = steps.filter { $0.$goal.id == goal.id }
                    var owners: [UUID: String] = [:]
                    for step in mine { owners[step.id!] = step.member?.name ?? step.staff?.name ?? "" }
                    return GoalSummary(goal: goal, childName: goal.child?.name, steps: mine, stepOwners: owners,
                                       notes: notes.filter { $0.$goal.id == goal.id })
                }
                reviews = try await AgreementReview.query(on: db).filter(\.$agreement.$id == id).sort(\.$reviewedOn, .descending).all()
                acks = try await Acknowledgement.query(on: db).filter(\.$agreement.$id == id).sort(\.$acknowledgedOn, .descending).all()
            }
            let years = try await Agreement.query(on: db).filter(\.$family.$id == familyID).sort(\.$programYear, .descending)
                .all().map(\.programYear)
            try await family.$pointOfContact.load(on: db)
            let deadline = program.flatMap { p in family.enrolledOn.flatMap(CalendarDate.init).map { p.agreementSchedule.startDeadline(enrolledOn: $0) } }
            var model = Model(family: family, agreement: agreement, deadline: deadline, goals: goals, reviews: reviews,
                              acknowledgements: acks, years: years, pointOfContact: family.pointOfContact?.name, mayEdit: staff.access.mayEditFamilies,
                              today: today)
            if let agreement {
                model.supervisorReviews = try await SupervisorReview.query(on: db).filter(\.$agreement.$id == agreement.requireID())
                    .with(\.$reviewer).sort(\.$reviewedOn, .descending).all()
            }
            model.maySupervise = staff.access.mayManageTeams || (family.pointOfContact.map { $0.$supervisor.id == staff.staffID } ?? false)
            return model
        }
    }

    struct View {
        let model: Model
        let year: ProgramYear
        let isCurrentYear: Bool
        let errors: FieldErrors
        let review: ReviewInput?
        let acknowledgement: AcknowledgementInput?
        let csrf: String

        private var familyID: UUID { model.family.id! }

        var body: [Node<HTML.BodyContext>] {
            [
                .p(.a(.href(SiteURL.family(familyID).path), .text("← \(model.family.householdName)"))),
                .h1(.text("Family partnership agreement \(year)")),
                FormKit.summary(errors),
                .unwrap(model.agreement, agreementBody, else: notStarted),
                .if(model.years.count > 1, .group(
                    .h2(.text("Other years")),
                    .ul(.forEach(model.years.filter { $0 != year.stored }) { stored in
                        .li(.a(.href(SiteURL.agreement(familyID).path + "?year=" + stored),
                               .text(ProgramYear(stored).map { "\($0)" } ?? stored)))
                    })
                )),
            ]
        }

        private var notStarted: Node<HTML.BodyContext> {
            .group(
                .p(.text("No agreement has been started for this program year.")),
                .unwrap(model.deadline) { .p(.text("It is due by \(Display.date($0.description)), counted from enrollment.")) },
                .if(model.mayEdit && isCurrentYear, FormKit.form(action: SiteURL.agreement(familyID).path, csrf: csrf, [
                    FormKit.field("started_on", "Started on", value: model.today.description, errors: errors, type: .date, required: true),
                    FormKit.submit("Start the agreement"),
                ]))
            )
        }

        private func agreementBody(_ agreement: Agreement) -> Node<HTML.BodyContext> {
            let print = SiteURL.agreementPrint(familyID).path + (isCurrentYear ? "" : "?year=\(year.stored)")
            let join = isCurrentYear ? "?" : "&"
            return .group(
                .p(.text("Started \(Display.date(agreement.startedOn)) · next review \(Display.date(agreement.nextReviewOn))")),
                .div(.class("actions"),
                     .if(model.mayEdit && isCurrentYear, .a(.href(SiteURL.goalNew(familyID).path), .text("Add a goal"))),
                     .a(.href(print), .text("Print")),
                     .a(.href(print + join + "lang=en"), .text("Print in English")),
                     .a(.href(print + join + "lang=es"), .attribute(named: "hreflang", value: "es"), .text("Imprimir en español"))),
                .h2(.text("Goals")),
                model.goals.isEmpty ? .p(.text("No goals yet.")) : .ul(.class("goals"), .forEach(model.goals) { summary in
                    let goal = summary.goal
                    let done = summary.steps.filter { $0.doneOn != nil }.count
                    return .li(
                        .a(.href(SiteURL.goal(familyID, goal: goal.id!).path), .text(goal.goal)),
                        .text(" "), .span(.class("tag"), .text(goal.state.label)),
                        .br(),
                        .span(.class("hint"), .text([
                            summary.childName.map { "For \($0)" } ?? goal.kind.label,
                            goal.outcomes.map(\.label).joined(separator: "; "),
                            "\(done) of \(summary.steps.count) steps done",
                            goal.targetOn.map { "target \(Display.date($0))" },
                        ].compactMap { $0 }.joined(separator: " · ")))
                    )
                }),
                .h2(.text("Acknowledged by the family")),
                model.acknowledgements.isEmpty ? .p(.text("Not yet acknowledged.")) : .ul(.forEach(model.acknowledgements) { ack in
                    .li(.text("\(ack.acknowledgedBy), \(Display.date(ack.acknowledgedOn)) — \(ack.method.label) (recorded by \(ack.recordedByName))"))
                }),
                .if(model.mayEdit, FormKit.form(action: SiteURL.agreementAcknowledgements(familyID).path + (isCurrentYear ? "" : "?year=\(year.stored)"), csrf: csrf, [
                    FormKit.fieldset("Record the family's acknowledgement", [
                        FormKit.field("acknowledged_by", "Who", value: acknowledgement?.acknowledgedBy, errors: errors, required: true),
                        FormKit.field("acknowledged_on", "Date", value: acknowledgement?.acknowledgedOn ?? model.today.description,
                                      errors: errors, type: .date, required: true),
                        FormKit.select("method", "How", options: AcknowledgementMethod.allCases.map { ($0.rawValue, $0.label) },
                                       selected: acknowledgement?.method, errors: errors, required: true),
                        FormKit.submit("Record acknowledgement", secondary: true),
                    ]),
                ])),
                .h2(.text("Reviews")),
                model.reviews.isEmpty ? .p(.text("No reviews yet.")) : .ul(.forEach(model.reviews) { review in
                    .li(.strong(.text(Display.date(review.reviewedOn))), .text(" with \(review.reviewers): \(review.changes) Next review \(Display.date(review.nextReviewOn)).")
                    )
                }),
                .if(model.mayEdit, FormKit.form(action: SiteURL.agreementReviews(familyID).path + (isCurrentYear ? "" : "?year=\(year.stored)"), csrf: csrf, [
                    FormKit.fieldset("Record a review", [
                        FormKit.field("reviewed_on", "Date of the review", value: review?.reviewedOn ?? model.today.description,
                                      errors: errors, type: .date, required: true),
                        FormKit.field("reviewers", "Who reviewed", value: review?.reviewers, errors: errors, required: true),
                        FormKit.textArea("changes", "What changed", value: review?.changes, errors: errors),
                        FormKit.field("next_review_on", "Next review", value: review?.nextReviewOn ?? agreement.nextReviewOn,
                                      errors: errors, type: .date, required: true),
                        FormKit.submit("Record review", secondary: true),
                    ]),
                ])),
                .h2(.text("Supervisor's review")),
                model.supervisorReviews.isEmpty ? .p(.text("Not reviewed by a supervisor yet.")) : .ul(.forEach(model.supervisorReviews) { review in
                    .li(.strong(.text(Display.date(review.reviewedOn))), .text(" \(review.reviewer.name): \(review.comment)"))
                }),
                .if(model.maySupervise, FormKit.form(action: SiteURL.agreementSupervisorReviews(familyID).path + (isCurrentYear ? "" : "?year=\(year.stored)"), csrf: csrf, [
                    FormKit.fieldset("Review as supervisor", [
                        FormKit.field("reviewed_on", "Date of the review", value: model.today.description, errors: errors, type: .date, required: true,
                                      idSuffix: "-supervisor"),
                        FormKit.textArea("comment", "Comment", value: nil, errors: errors, hint: "What is going well, what to look at next."),
                        FormKit.submit("Record supervisor's review", secondary: true),
                    ]),
                ]))
            )
        }
    }
}
