import CustomerValue
import Foundation
import Testing

@testable import CVMReport

/// Every chart and label is total: any Double, however extreme, renders without a trap, a hang,
/// or a `nan`/`inf` in the SVG.
@Suite struct ChartTotalityTests {
    /// Doubles a user's data can produce downstream: the extremes of the type, non-finite values,
    /// values beyond Int's range, and random magnitudes from 1e-300 to 1e308 of either sign.
    static func oddDoubles(count: Int, seed: UInt64) -> [Double] {
        let extremes: [Double] = [
            0, -0.0, 1, -1, .nan, .infinity, -.infinity, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
            .leastNonzeroMagnitude, 1e308, -1e308, 9.3e18, -9.3e18, 1e15, 99_999.5, -90_000,
        ]
        var random = RandomSource(seed: seed)
        return (0..<count).map { i in
            if i % 3 == 0 { return extremes[Int(random.uniform() * Double(extremes.count)) % extremes.count] }
            let magnitude = pow(10, random.uniform() * 608 - 300)
            return random.uniform() < 0.5 ? -magnitude : magnitude
        }
    }

    static func isClean(_ svg: String) -> Bool {
        let lower = svg.lowercased()
        return !lower.contains("nan") && !lower.contains("inf") && svg.hasPrefix("<svg") && svg.hasSuffix("</svg>")
    }

    @Test(arguments: 0..<40) func everyChartRendersAnyData(seed: Int) {
        let values = Self.oddDoubles(count: 1 + seed % 13, seed: UInt64(seed))
        let other = Self.oddDoubles(count: values.count, seed: UInt64(seed) + 1000)
        let points = zip(values, other).map { (x: $0, y: $1) }
        let charts = [
            LineChart(title: "l", xTitle: "x", yTitle: "y", series: [Series(name: "a", points: points)]).svg(),
            LineChart(
                title: "l", xTitle: "x", yTitle: "y", series: [Series(name: "a", points: points)], percentAxes: true
            )
            .svg(),
            BarChart(title: "b", xTitle: "x", yTitle: "y", categories: values.map { _ in "c" }, series: [("s", values)])
                .svg(),
            BarChart(
                title: "b", xTitle: "x", yTitle: "y", categories: ["c"], series: [("s", values)], percentValues: true
            )
            .svg(),
            Histogram(title: "h", xTitle: "x", yTitle: "n", values: values, bins: 1 + seed % 31).svg(),
            ScatterChart(
                title: "s", xTitle: "x", yTitle: "y", x: values, y: other, group: values.map { _ in seed - 20 },
                groupNames: ["g"], thresholds: (values[0], other[0])
            ).svg(),
            HeatGrid(
                title: "g", rowTitle: "r", columnTitle: "c", rows: ["1"], columns: values.map { _ in "c" },
                values: [values], labels: [values.map { _ in "x" }]
            ).svg(),
            PointMap(
                title: "p", xTitle: "x", yTitle: "y",
                points: points.map { PointMap.Point(label: "a", x: $0.x, y: $0.y, colour: seed - 20) },
                crosshairs: (values[0], other[0]),
                line: .init(name: "line", through: (other[0], values[0]), slope: values[values.count - 1]),
                corners: ["tl", "", "bl", "br"]
            ).svg(),
        ]
        for svg in charts { #expect(Self.isClean(svg), "\(values) → \(svg)") }
    }

    @Test(arguments: oddDoubles(count: 200, seed: 7)) func labelsAreTotal(value: Double) {
        let labels = [shortNumber(value), percentLabel(value), NumberText.plain(value), SVG.number(value)]
        for label in labels { #expect(!label.lowercased().contains("nan") && !label.lowercased().contains("inf")) }
    }

    /// The labels a reader sees, written out.
    @Test func shortNumbersAreExact() {
        #expect(shortNumber(0.25) == "0.25")
        #expect(shortNumber(3) == "3")
        #expect(shortNumber(12_500) == "12.5K")
        #expect(shortNumber(2_500_000) == "2.5M")
        #expect(shortNumber(1.5e9) == "1.5B")
        // Beyond Int's range (this trapped in `Int(_:)` before).
        #expect(shortNumber(9.3e18) == "9.3e+18")
        #expect(shortNumber(-1e300) == "-1e+300")
        #expect(shortNumber(.nan) == "–")
        #expect(shortNumber(.infinity) == "∞")
        #expect(SVG.number(1e300) == "10000000")
        #expect(SVG.number(.nan) == "0")
        #expect(percentLabel(0.254) == "25%")
        #expect(percentLabel(.infinity) == "∞")
    }

    /// A degenerate domain far from zero (1e20 … 1e20) is widened, and its ticks end (stepping by
    /// addition would never pass 1e20 + step when step is below the values' precision).
    @Test func degenerateHugeDomainHasFiniteTicks() {
        let scale = LinearScale(domain: 1e20...1e20, range: (0, 100))
        #expect(scale(1e20) == 50)
        let ticks = scale.ticks(5)
        #expect(!ticks.isEmpty && ticks.count <= 22 && ticks.allSatisfy(\.isFinite))
        let wide = LinearScale(domain: -1e308...1e308, range: (0, 100))
        #expect(wide(0) == 50 && wide(1e308) == 100)
        #expect(LinearScale.niceDomain([-1.7e308, 1.7e308]) == -1.7e308...1.7e308)
    }

    /// The last bar of a clipped histogram is open and says so: 199 values 1…199 and one of 1000,
    /// clipped at the 99 % quantile (the 198th smallest, 199), 10 bins of width 19.9 from 0. The
    /// last bin holds 180…199 and 1000: 21 values, labelled "≥ 179.1", not "179.1–199".
    @Test func openLastBinCoversTheTail() {
        let values = (1...199).map(Double.init) + [1000]
        let bins = Histogram(title: "h", xTitle: "x", yTitle: "n", values: values, bins: 10).binned()
        #expect(bins.count == 10)
        #expect(bins.map(\.count).reduce(0, +) == 200)
        #expect(bins[0].label == "0–19.9" && bins[0].count == 19)
        let last = bins[9]
        #expect(last.upper == nil && last.count == 21)
        #expect(last.label == "≥ 179.1")
        let svg = Histogram(title: "h", xTitle: "x", yTitle: "n", values: values, bins: 10).svg()
        #expect(svg.contains("<title>≥ 179.1: 21</title>"))
        // Without a tail beyond the clip the last bin is closed.
        let closed = Histogram(title: "h", xTitle: "x", yTitle: "n", values: [0, 5, 10], bins: 2, clipQuantile: 1)
        #expect(closed.binned() == [.init(lower: 0, upper: 5, count: 1), .init(lower: 5, upper: 10, count: 2)])
    }

    /// Chinese legend entries are laid out by their width (11 px per character at size 11), so
    /// they do not run together: 保留型 is 16 + 33 px wide, then a 12 px gap.
    @Test func legendEntriesDoNotOverlap() {
        let names = ValueGroup.allCases.map { $0.name(in: .zh) }
        let places = Frame.legendPlaces(names, from: 80, to: 620)
        #expect(places.map(\.x) == [80, 141, 202, 263])
        #expect(places.allSatisfy { $0.y == 18 })
        // Eight names of 6 characters (82 px each, 94 px apart) wrap after the fifth.
        let long = Frame.legendPlaces(Array(repeating: "需要关注客户", count: 8), from: 80, to: 620)
        #expect(long.map(\.x) == [80, 174, 268, 362, 456, 80, 174, 268])
        #expect(long.map(\.y) == [18, 18, 18, 18, 18, 32, 32, 32])
    }
}
