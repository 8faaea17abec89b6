@testable import FamilyPartnership
import Foundation
import Plot
import Testing

/// The line chart reads without colour: labelled axes, every point's value written beside it, a line broken where a
/// value is missing, and a marker shape per series.
@Suite struct ChartTests {
    @Test func everyPointCarriesItsValueAndAMissingValueBreaksTheLine() {
        let chart = LineChart(title: "Family well-being", xLabels: ["Sep 2025", "Jan 2026", "May 2026", "Sep 2026"], xAxis: "Assessment",
                              yAxis: "Level", yTicks: (1...5).map { ($0, String($0)) },
                              series: [LineChart.Series(name: "Family well-being", values: [2, 3, nil, 4])])
        let svg = chart.node.render()
        #expect(svg.contains("role=\"img\" aria-label=\"Family well-being\""))
        #expect(svg.contains("<figcaption><strong>Family well-being</strong></figcaption>"))
        for label in ["Sep 2025", "Jan 2026", "May 2026", "Sep 2026", "Assessment", "Level", ">1<", ">5<"] { #expect(svg.contains(label), "\(label)") }
        for value in [">2.0<", ">3.0<", ">4.0<"] { #expect(svg.contains(value)) }
        // Sep 2025 to Jan 2026 is joined; Sep 2026 stands alone after the gap.
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 1)
        #expect(svg.components(separatedBy: "<circle").count - 1 == 3)
        // Level 4 is drawn higher (a smaller y) than level 2.
        let ys = svg.components(separatedBy: "<circle").dropFirst().compactMap { part -> Double? in
            guard let start = part.range(of: "cy=\""), let end = part[start.upperBound...].firstIndex(of: "\"") else { return nil }
            return Double(part[start.upperBound..<end])
        }
        #expect(ys.count == 3 && ys[2] < ys[1] && ys[1] < ys[0])
    }

    @Test func seriesAreToldApartByMarkerAndDashAndNamedInTheCaption() {
        let chart = LineChart(title: "Referrals", xLabels: ["Oct", "Nov"], xAxis: "Month", yAxis: "Families", yTicks: [(0, "0"), (10, "10")],
                              series: [LineChart.Series(name: "Made", values: [4, 6]), LineChart.Series(name: "Completed", values: [1, 5])],
                              format: "%.0f")
        let svg = chart.node.render()
        #expect(svg.contains("<circle") && svg.contains("<rect") && svg.contains("stroke-dasharray=\"6 4\""))
        #expect(svg.contains("Made (circles, solid line), Completed (squares, dashed line)"))
        #expect(svg.contains(">6<") && !svg.contains(">6.0<"))
    }
}
