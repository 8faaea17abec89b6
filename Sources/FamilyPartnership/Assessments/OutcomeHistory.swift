import Fluent
import Foundation
import PartnershipRules
import Plot

/// Each family engagement outcome across all of a family's assessments, oldest first, whatever instrument each
/// was taken on: scores meet only through the outcome tags. Program years never reset it.
struct OutcomeHistory {
    struct Point {
        let assessment: Assessment
        let instrumentName: String
        let standings: [Outcome: Double]
    }

    let points: [Point]

    static func load(family: UUID, on db: any Database) async throws -> OutcomeHistory {
        let assessments = try await Assessment.query(on: db).filter(\.$family.$id == family)
            .with(\.$instrumentVersion).sort(\.$takenOn).sort(\.$createdAt).all()
        return OutcomeHistory(points: assessments.map { assessment in
            let instrument = try? assessment.instrumentVersion.instrument
            return Point(assessment: assessment, instrumentName: assessment.instrumentVersion.name,
                         standings: instrument?.outcomeStandings(assessment.answers) ?? [:])
        })
    }

    /// The baseline: the intake assessment, or the first one when none was called intake.
    var intake: Point? { points.first { $0.assessment.period == "intake" } ?? points.first }

    /// Change in level (1–5 scale) from intake to the latest assessment that rated the outcome.
    func change(_ outcome: Outcome) -> Double? {
        guard let start = intake?.standings[outcome],
              let latest = points.last(where: { $0.standings[outcome] != nil }),
              latest.assessment.id != intake?.assessment.id,
              let end = latest.standings[outcome] else { return nil }
        return OutcomeLevel.score(end) - OutcomeLevel.score(start)
    }

    // MARK: View

    /// The level of `outcome` at every assessment, 1 to 5; nil where the assessment did not rate it.
    func levels(_ outcome: Outcome) -> [Double?] { points.map { $0.standings[outcome].map(OutcomeLevel.score) } }

    /// One small chart per outcome rated at least once: its level at every assessment, on the same 1–5 scale.
    func charts() -> Node<HTML.BodyContext> {
        let rated = Outcome.allCases.filter { outcome in levels(outcome).contains { $0 != nil } }
        guard !rated.isEmpty else { return .empty }
        let dates = points.map { Display.monthYear($0.assessment.takenOn) }
        return .group(
            .p(.class("hint"), .text("Each outcome's level at every assessment, from 1 (in crisis) to 5 (thriving). The numbers are in the table.")),
            .div(.class("charts"), .forEach(rated) { outcome in
                LineChart(title: outcome.label, xLabels: dates, xAxis: "Assessment", yAxis: "Level",
                          yTicks: (1...5).map { ($0, String($0)) }, series: [LineChart.Series(name: outcome.label, values: levels(outcome))]).node
            }))
    }

    /// A table of levels per outcome and assessment.
    func table() -> Node<HTML.BodyContext> {
        guard !points.isEmpty else { return .p(.text("No assessments yet.")) }
        return .div(.class("scroll"), .table(
            .class("outcomes"),
            .caption(.text("Level of each outcome, 1 (in crisis) to 5 (thriving)")),
            .thead(.tr(
                .th(.text("Outcome")),
                .forEach(points) { point in
                    .th(.text(point.assessment.period.capitalized), .br(), .span(.class("hint"), .text(Display.date(point.assessment.takenOn))))
                },
                .th(.text("Change since intake"))
            )),
            .tbody(.forEach(Outcome.allCases) { outcome in
                .tr(
                    .th(.attribute(named: "scope", value: "row"), .text(outcome.label)),
                    .forEach(levels(outcome)) { level in .td(.text(level.map { String(format: "%.1f", $0) } ?? "—")) },
                    .td(.text(change(outcome).map { String(format: "%+.1f", $0) } ?? "—"))
                )
            })
        ))
    }
}
