import Foundation
import Plot

/// A line chart as inline SVG, for numbers that change over a few dated points (an outcome's level at each
/// assessment, a count per month). Read in black and white: each series has its own marker and dash, every point
/// carries its value as text, and both axes are labelled. It is a picture of a table shown beside it, so it is
/// one image with a title for screen readers; the table has the numbers.
struct LineChart {
    struct Series {
        let name: String
        /// One value per x label; nil where there is none (the line breaks).
        let values: [Double?]
    }

    let title: String
    let xLabels: [String]
    let xAxis: String
    let yAxis: String
    /// The y scale's whole-number ticks, each with its label ("1" or "1 crisis").
    let yTicks: [(value: Int, label: String)]
    let series: [Series]
    var format = "%.1f"

    // The drawing's own units; CSS scales it to the width it is given.
    private static let width = 340.0, height = 160.0
    private static let left = 40.0, right = 8.0, top = 16.0, bottom = 40.0
    /// Room at each end of the x axis for the first and last labels.
    private static let inset = 30.0
    private static let dashes = ["", "6 4", "2 3", "8 3 2 3"]

    var node: Node<HTML.BodyContext> {
        let low = Double(yTicks.map(\.value).min() ?? 0), high = Double(yTicks.map(\.value).max() ?? 1)
        let plotWidth = Self.width - Self.left - Self.right, plotHeight = Self.height - Self.top - Self.bottom
        func x(_ index: Int) -> Double {
            xLabels.count > 1 ? Self.left + Self.inset + (plotWidth - 2 * Self.inset) * Double(index) / Double(xLabels.count - 1)
                : Self.left + plotWidth / 2
        }
        func y(_ value: Double) -> Double { Self.top + plotHeight * (1 - (value - low) / max(high - low, 1)) }
        // Styled by attributes the parts inherit, so the chart needs no style sheet of its own.
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\" role=\"img\" aria-label=\"\(Self.escaped(title))\""
            + " font-size=\"11\" font-family=\"system-ui,sans-serif\" fill=\"#1b1b1b\">"
        // Grid and y labels.
        svg += "<g stroke=\"#c8c8c8\">" + yTicks.map { tick in
            let ty = Self.number(y(Double(tick.value)))
            return "<line x1=\"\(Self.number(Self.left))\" x2=\"\(Self.number(Self.width - Self.right))\" y1=\"\(ty)\" y2=\"\(ty)\"/>"
        }.joined() + "</g><g text-anchor=\"end\" dominant-baseline=\"middle\">" + yTicks.map { tick in
            "<text x=\"\(Self.number(Self.left - 6))\" y=\"\(Self.number(y(Double(tick.value))))\">\(Self.escaped(tick.label))</text>"
        }.joined() + "</g><g text-anchor=\"middle\">"
        // X labels: every one when they fit, else the first, the last and every few between.
        let every = max(1, Int((Double(xLabels.count) / 5).rounded(.up)))
        for (index, label) in xLabels.enumerated() where index % every == 0 || index == xLabels.count - 1 {
            svg += "<text x=\"\(Self.number(x(index)))\" y=\"\(Self.number(Self.height - Self.bottom + 15))\">\(Self.escaped(label))</text>"
        }
        svg += "<text x=\"\(Self.number(Self.left + plotWidth / 2))\" y=\"\(Self.number(Self.height - 4))\" font-style=\"italic\">\(Self.escaped(xAxis))</text>"
        svg += "<text transform=\"translate(11 \(Self.number(Self.top + plotHeight / 2))) rotate(-90)\" font-style=\"italic\">\(Self.escaped(yAxis))</text></g>"
        for (number, line) in series.enumerated() {
            let dash = Self.dashes[number % Self.dashes.count]
            // Runs of consecutive values are joined; a missing value breaks the line.
            var runs: [[(Double, Double)]] = [[]]
            for (index, value) in line.values.enumerated() {
                if let value { runs[runs.count - 1].append((x(index), y(value))) } else if !runs[runs.count - 1].isEmpty { runs.append([]) }
            }
            svg += "<g fill=\"none\" stroke=\"#0b4f9c\" stroke-width=\"2.5\"" + (dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"") + ">"
            for run in runs where run.count > 1 {
                svg += "<polyline points=\"\(run.map { "\(Self.number($0.0)),\(Self.number($0.1))" }.joined(separator: " "))\"/>"
            }
            var dots = "", values = ""
            for (index, value) in line.values.enumerated() {
                guard let value else { continue }
                let px = Self.number(x(index)), py = Self.number(y(value))
                dots += Self.marker(number, x: px, y: py)
                values += "<text x=\"\(px)\" y=\"\(Self.number(y(value) - 8))\">\(String(format: format, value))</text>"
            }
            svg += "</g><g fill=\"#0b4f9c\">\(dots)</g><g text-anchor=\"middle\" font-weight=\"700\">\(values)</g>"
        }
        svg += "</svg>"
        return .element(named: "figure", nodes: [
            .class("chart"),
            .element(named: "figcaption", nodes: [
                .strong(.text(title)),
                .if(series.count > 1, .text(" — " + series.enumerated().map { "\($0.element.name) (\(Self.markerNames[$0.offset % Self.markerNames.count]))" }
                    .joined(separator: ", "))),
            ]),
            .raw(svg),
        ])
    }

    private static let markerNames = ["circles, solid line", "squares, dashed line", "diamonds, dotted line", "triangles, dash-dot line"]

    /// Circle, square, diamond, triangle: told apart without colour.
    private static func marker(_ series: Int, x: String, y: String) -> String {
        switch series % 4 {
        case 0: return "<circle cx=\"\(x)\" cy=\"\(y)\" r=\"4\"/>"
        case 1: return "<rect x=\"\(x)\" y=\"\(y)\" width=\"8\" height=\"8\" transform=\"translate(-4 -4)\"/>"
        case 2: return "<rect x=\"\(x)\" y=\"\(y)\" width=\"8\" height=\"8\" transform=\"rotate(45 \(x) \(y)) translate(-4 -4)\"/>"
        default: return "<path d=\"M\(x) \(y)m0 -5l5 9h-10z\"/>"
        }
    }

    private static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
