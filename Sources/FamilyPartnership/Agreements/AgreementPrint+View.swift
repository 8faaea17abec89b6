import Foundation
import PartnershipRules
import Plot

/// The agreement as the family keeps it: one page per goal when printed, in the family's language. What the
/// system writes comes from the message catalog; what the family and staff wrote is shown as written.
enum AgreementPrint {
    static func document(_ model: AgreementPage.Model, language: FamilyLanguage) -> HTML {
        let t = { (message: Message) in Messages.text(message, language) }
        let date = { (stored: String) in CalendarDate(stored).map { Messages.date($0, language) } ?? stored }
        let agreement = model.agreement!
        let year = agreement.year.map { "\($0)" } ?? agreement.programYear
        let household = Messages.household(model.family.householdName, language)
        return HTML(
            .attribute(named: "lang", value: language.rawValue),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .title("\(t(.agreementTitle)) · \(household)"),
                .style(css)
            ),
            .body(
                .element(named: "main", nodes: [
                    .h1(.text(t(.agreementTitle))),
                    .dl(
                        .dt(.text(t(.family))), .dd(.text(household)),
                        .dt(.text(t(.programYear))), .dd(.text(year)),
                        .dt(.text(t(.started))), .dd(.text(date(agreement.startedOn))),
                        .dt(.text(t(.nextReview))), .dd(.text(date(agreement.nextReviewOn))),
                        .unwrap(model.pointOfContact) { .group(.dt(.text(t(.pointOfContact))), .dd(.text($0))) }
                    ),
                    .h2(.text(t(.goals))),
                    .if(model.goals.isEmpty, .p(.text(t(.noGoals)))),
                    .forEach(model.goals.filter { $0.goal.state != .revised }) { summary in goal(summary, t: t, date: date, language: language) },
                    .section(
                        .class("ack"),
                        .h2(.text(t(.acknowledgement))),
                        .p(.text(t(.noAcknowledgement))),
                        .forEach(model.acknowledgements) { ack in
                            .p(.text("\(t(.acknowledgedBy)): \(ack.acknowledgedBy) · \(date(ack.acknowledgedOn)) · \(Messages.method(ack.method, language))"))
                        },
                        signature(t(.familySignature), name: nil, t: t),
                        signature(t(.staffSignature), name: model.pointOfContact, t: t)
                    ),
                    .p(.class("printed"), .text("\(t(.printed)) \(Messages.date(model.today, language))")),
                ])
            )
        )
    }

    private static func goal(_ summary: AgreementPage.GoalSummary, t: (Message) -> String, date: (String) -> String,
                             language: FamilyLanguage) -> Node<HTML.BodyContext> {
        let goal = summary.goal
        let successes = summary.notes.filter(\.isSuccess)
        return .section(
            .class("goal"),
            .h3(.text(goal.goal)),
            .p(.text([
                summary.childName.map { "\(t(.childGoalFor)) \($0)" } ?? t(.familyGoal),
                "\(t(.state)): \(Messages.state(goal.state, language))",
                goal.targetOn.map { "\(t(.targetDate)): \(date($0))" },
            ].compactMap { $0 }.joined(separator: " · "))),
            .p(.text("\(t(.outcomes)): " + goal.outcomes.map { Messages.outcome($0, language) }.joined(separator: "; "))),
            .dl(
                step(t(.step1), [(t(.inFamilysWords), goal.familyWords)]),
                step(t(.step2), [(t(.familySkills), goal.familySkills), (t(.teamSkills), goal.teamSkills)]),
                step(t(.step3), [(nil, goal.strengths)]),
                step(t(.step4), [(nil, goal.stressors)]),
                step(t(.step5), [(nil, goal.strategies)]),
                step(t(.step6), [(t(.teamSupports), goal.teamSupports), (t(.partnerSupports), goal.partnerSupports),
                                 (t(.familySupports), goal.familySupports)]),
                step(t(.step7), [(nil, goal.progress)])
            ),
            .if(!summary.steps.isEmpty, .group(
                .h4(.text(t(.actionSteps))),
                .table(
                    .thead(.tr(.th(.text(t(.what))), .th(.text(t(.who))), .th(.text(t(.byWhen))), .th(.text(t(.done))))),
                    .tbody(.forEach(summary.steps) { step in
                        .tr(.td(.text(step.what)), .td(.text(summary.stepOwners[step.id!] ?? "")),
                            .td(.text(step.dueOn.map(date) ?? "")),
                            .td(.text(step.doneOn.map(date) ?? t(.notDone))))
                    })
                )
            )),
            .if(!successes.isEmpty, .group(
                .h4(.text(t(.successes))),
                .ul(.forEach(successes) { .li(.text("\(date($0.notedOn)): \($0.text)")) })
            ))
        )
    }

    /// A line to sign on paper, with who signs and the date.
    private static func signature(_ who: String, name: String?, t: (Message) -> String) -> Node<HTML.BodyContext> {
        .div(.class("sign"),
             .p(.strong(.text(who)), .text(name.map { " — \($0)" } ?? "")),
             .p(.span(.class("line"), .text(t(.signature))), .span(.class("line short"), .text(t(.date)))),
             .if(name == nil, .p(.span(.class("line"), .text(t(.name))))))
    }

    private static func step(_ title: String, _ parts: [(String?, String?)]) -> Node<HTML.DescriptionListContext> {
        let filled = parts.filter { $0.1 != nil }
        guard !filled.isEmpty else { return .empty }
        return .group(.dt(.text(title)), .forEach(filled) { label, text in
            .dd(.unwrap(label) { .strong(.text($0 + ": ")) }, .text(text ?? ""))
        })
    }

    static let css = """
    body{font:15px/1.45 Georgia,serif;color:#000;margin:0}main{max-width:48rem;margin:0 auto;padding:16px}
    h1{font-size:1.5rem}h2{font-size:1.2rem;border-bottom:1px solid #000}h3{font-size:1.1rem;margin-bottom:4px}h4{margin:8px 0 4px}
    dl{margin:0}dt{font-weight:700;margin-top:6px}dd{margin:0 0 0 1rem}table{border-collapse:collapse;width:100%}
    th,td{border:1px solid #444;padding:4px 6px;text-align:left;vertical-align:top}.goal{margin-bottom:16px}
    .sign{margin-top:28px;break-inside:avoid}.sign p{margin:4px 0}.line{display:inline-block;width:60%;border-top:1px solid #000;padding-top:2px;margin:28px 4% 0 0;font-size:12px}.line.short{width:30%}.printed{font-size:12px;color:#333;margin-top:24px}
    @media print{@page{margin:18mm}main{padding:0}.goal{break-inside:avoid-page}a{color:#000;text-decoration:none}}
    """
}
