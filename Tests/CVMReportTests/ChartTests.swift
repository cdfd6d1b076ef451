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
