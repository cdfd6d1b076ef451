import Foundation
import Testing

@testable import CVMReport

@Suite struct ChartTests {
    @Test func textIsEscaped() {
        #expect(SVG.escape("a < b & \"c\" > d") == "a &lt; b &amp; &quot;c&quot; &gt; d")
        let chart = BarChart(title: "<script>", xTitle: "", yTitle: "y", categories: ["A&B"], series: [("s", [1])])
        let svg = chart.svg()
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("A&amp;B"))
    }

    /// Ticks are round numbers covering the domain: 0, 20, …, 100 for 0…100.
    @Test func niceTicks() {
        let scale = LinearScale(domain: 0...100, range: (0, 500))
        #expect(scale.ticks(5) == [0, 20, 40, 60, 80, 100])
        #expect(scale(50) == 250)
        let flipped = LinearScale(domain: 0...10, range: (300, 20))
        #expect(flipped(10) == 20)
        #expect(LinearScale.niceDomain([3, 87]) == 0...90)
        #expect(LinearScale.niceDomain([]) == 0...1)
    }

    @Test func histogramCountsEveryValue() {
        let values = (0..<1000).map { Double($0 % 100) }
        let svg = Histogram(title: "h", xTitle: "x", yTitle: "n", values: values, bins: 10, clipQuantile: 1).svg()
        // Ten bins of 100 values each, each drawn with its count in the tooltip.
        #expect(svg.components(separatedBy: ": 100</title>").count - 1 == 10)
    }

    @Test func emptyDataDoesNotCrash() {
        #expect(!LineChart(title: "t", xTitle: "x", yTitle: "y", series: []).hasData)
        _ = LineChart(title: "t", xTitle: "x", yTitle: "y", series: []).svg()
        _ = Histogram(title: "h", xTitle: "x", yTitle: "y", values: []).svg()
        _ = ScatterChart(title: "s", xTitle: "x", yTitle: "y", x: [], y: [], group: [], groupNames: []).svg()
        _ = BarChart(title: "b", xTitle: "", yTitle: "y", categories: [], series: []).svg()
    }

    @Test func reportPageIsSelfContained() {
        let report = Report(
            language: .zh, title: "报告 <1>", subtitle: "s",
            figures: [.init("客户数", "10")],
            sections: [
                .init(
                    id: "a", title: "A", intro: "i", charts: [("<svg></svg>", "c")],
                    tables: [.init(headers: ["h"], rows: [["<b>"]])], notes: ["n"])
            ])
        let html = report.html()
        #expect(html.contains("<html lang=\"zh-CN\">"))
        #expect(html.contains("报告 &lt;1&gt;"))
        #expect(html.contains("<td>&lt;b&gt;</td>"))
        #expect(html.contains("<figure><svg></svg>"))
        #expect(!html.contains("<script"))
    }
}

/// The labelled point map of the IPA quadrants and the value map.
@Suite struct PointMapTests {
    /// Every point is drawn with its label, the crosshairs and the corner texts are there, and the
    /// line y = 1 + 2(x − 1) over x in the plot is clipped to the plot's y range.
    @Test func pointsLabelsCrosshairsAndLine() {
        let chart = PointMap(
            title: "Value map", xTitle: "relative quality", yTitle: "relative price",
            points: [.init(label: "the firm", x: 1.1, y: 1.05), .init(label: "rival", x: 0.9, y: 0.95, colour: 1)],
            crosshairs: (1, 1), line: .init(name: "fair-value line", through: (1, 1), slope: 2),
            corners: ["worse value", "", "", "better value"])
        let svg = chart.svg()
        #expect(svg.contains(">the firm</text>") && svg.contains(">rival</text>"))
        #expect(svg.contains(">fair-value line</text>") && svg.contains(">better value</text>"))
        #expect(!svg.contains("></text>"))
        #expect(svg.components(separatedBy: "<circle").count == 3)
        #expect(svg.components(separatedBy: "stroke-dasharray=\"4 3\"").count == 3)
        // Every drawn coordinate lies inside the 640 × 360 view box.
        let numbers = svg.matches(of: /\s(?:cx|cy|x1|y1|x2|y2|x|y)="(-?[0-9.]+)"/).compactMap { Double($0.output.1) }
        #expect(numbers.count > 20)
        let outside = numbers.filter { $0 < 0 || $0 > 640 }
        #expect(outside.isEmpty, "\(outside) in \(svg)")
    }
}
