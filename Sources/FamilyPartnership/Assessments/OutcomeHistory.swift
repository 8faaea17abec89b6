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

    /// A table of levels per outcome and assessment, each outcome with a small line chart of the same numbers.
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
                    .th(.attribute(named: "scope", value: "row"), .text(outcome.label), .br(), sparkline(points.map { $0.standings[outcome] })),
                    .forEach(points) { point in
                        .td(.text(point.standings[outcome].map { String(format: "%.1f", OutcomeLevel.score($0)) } ?? "—"))
                    },
                    .td(.text(change(outcome).map { String(format: "%+.1f", $0) } ?? "—"))
                )
            })
        ))
    }

    /// A 96×24 line through the levels; gaps where an assessment did not rate the outcome. Decorative: the
    /// numbers are in the same row.
    private func sparkline(_ values: [Double?]) -> Node<HTML.BodyContext> {
        let width = 96.0, height = 24.0
        let step = values.count > 1 ? width / Double(values.count - 1) : 0
        let points = values.enumerated().compactMap { index, value in
            value.map { String(format: "%.0f,%.0f", Double(index) * step, height - 2 - $0 * (height - 4)) }
        }
        let dots = points.map { point -> String in
            let xy = point.split(separator: ",")
            return "<circle cx=\"\(xy[0])\" cy=\"\(xy[1])\" r=\"2\"/>"
        }.joined()
        let svg = "<svg width=\"96\" height=\"24\" viewBox=\"-3 -1 102 26\" aria-hidden=\"true\" focusable=\"false\" class=\"spark\">"
            + "<polyline fill=\"none\" stroke=\"#0b4f9c\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>"
            + "<g fill=\"#0b4f9c\">\(dots)</g></svg>"
        return .raw(svg)
    }
}
