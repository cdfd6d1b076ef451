/// Chart specifications: data plus labels, drawn to SVG by `svg()`.
///
/// Every chart has axis titles, tick labels and (for several series) a legend, so a printed
/// report can be read without the tool that made it.

/// One line of a line chart.
public struct Series: Sendable {
    public var name: String
    public var points: [(x: Double, y: Double)]
    public var dashed: Bool

    public init(name: String, points: [(x: Double, y: Double)], dashed: Bool = false) {
        self.name = name
        self.points = points
        self.dashed = dashed
    }
}

/// The plotting area and axes shared by the x–y charts.
struct Frame {
    static let width = 640.0
    static let height = 360.0
    let left = 70.0, right = 20.0, top = 36.0, bottom = 56.0
    var x: LinearScale
    var y: LinearScale

    init(x: ClosedRange<Double>, y: ClosedRange<Double>) {
        self.x = LinearScale(domain: x, range: (70, Frame.width - 20))
        self.y = LinearScale(domain: y, range: (Frame.height - 56, 36))
    }

    func axes(
        _ svg: inout SVG, xTitle: String, yTitle: String, xFormat: (Double) -> String = shortNumber,
        yFormat: (Double) -> String = shortNumber
    ) {
        let bottomY = Frame.height - bottom
        for tick in y.ticks() {
            svg.line(left, y(tick), Frame.width - right, y(tick), stroke: "#e5e5e5")
            svg.text(left - 6, y(tick) + 4, yFormat(tick), anchor: .end, size: 11, fill: "#555")
        }
        for tick in x.ticks(6) {
            svg.line(x(tick), bottomY, x(tick), bottomY + 4, stroke: "#888")
            svg.text(x(tick), bottomY + 17, xFormat(tick), anchor: .middle, size: 11, fill: "#555")
        }
        svg.line(left, bottomY, Frame.width - right, bottomY, stroke: "#888")
        svg.line(left, top, left, bottomY, stroke: "#888")
        svg.text((left + Frame.width - right) / 2, Frame.height - 12, xTitle, anchor: .middle, size: 12)
        svg.text(16, (top + bottomY) / 2, yTitle, anchor: .middle, size: 12, rotate: -90)
    }

    /// Legend entries left to right above the plot, each as wide as its text (Chinese names are
    /// twice as wide per character as Latin ones), wrapping to a second row rather than running
    /// into each other or off the chart.
    func legend(_ svg: inout SVG, _ names: [String], colors: [String]) {
        for (i, place) in Self.legendPlaces(names, from: left + 10, to: Frame.width - right).enumerated() {
            svg.rect(place.x, place.y - 10, 12, 12, fill: colors[i % colors.count])
            svg.text(place.x + 16, place.y, names[i], size: 11)
        }
    }

    /// Where each legend entry starts (x) and its text baseline (y): 12 px swatch, 4 px gap, the
    /// text, 12 px to the next entry; a new row 14 px lower when an entry would pass `maxX`.
    static func legendPlaces(_ names: [String], from minX: Double, to maxX: Double) -> [(x: Double, y: Double)] {
        var places: [(x: Double, y: Double)] = []
        var x = minX
        var y = 18.0
        for name in names {
            let width = 16 + SVG.textWidth(name, size: 11)
            if x > minX && x + width > maxX {
                x = minX
                y += 14
            }
            places.append((x, y))
            x += width + 12
        }
        return places
    }
}

public struct LineChart: Sendable {
    public var title: String
    public var xTitle: String
    public var yTitle: String
    public var series: [Series]
    /// Format the axes as percentages (values 0…1).
    public var percentAxes: Bool

    public init(title: String, xTitle: String, yTitle: String, series: [Series], percentAxes: Bool = false) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.series = series
        self.percentAxes = percentAxes
    }

    public var hasData: Bool { series.contains { $0.points.count > 1 } }

    public func svg() -> String {
        let xs = series.flatMap { $0.points.map(\.x) }
        let ys = series.flatMap { $0.points.map(\.y) }
        let frame = Frame(
            x: percentAxes ? 0...1 : LinearScale.niceDomain(xs, includeZero: false),
            y: percentAxes ? 0...1 : LinearScale.niceDomain(ys))
        var svg = SVG(width: Frame.width, height: Frame.height)
        let percent = { (v: Double) in percentLabel(v) }
        frame.axes(
            &svg, xTitle: xTitle, yTitle: yTitle, xFormat: percentAxes ? percent : shortNumber,
            yFormat: percentAxes ? percent : shortNumber)
        for (i, s) in series.enumerated() {
            // A point with a non-finite coordinate cannot be placed: it is left out of the line.
            let drawn = s.points.filter { $0.x.isFinite && $0.y.isFinite }
            svg.polyline(
                drawn.map { (frame.x($0.x), frame.y($0.y)) }, stroke: palette[i % palette.count],
                dash: s.dashed ? "6 4" : nil)
        }
        if series.count > 1 { frame.legend(&svg, series.map(\.name), colors: palette) }
        return svg.render(label: title)
    }
}

/// Vertical bars in groups: one group per category, one bar per series.
public struct BarChart: Sendable {
    public var title: String
    public var xTitle: String
    public var yTitle: String
    public var categories: [String]
    public var series: [(name: String, values: [Double])]
    public var percentValues: Bool

    public init(
        title: String, xTitle: String, yTitle: String, categories: [String], series: [(name: String, values: [Double])],
        percentValues: Bool = false
    ) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.categories = categories
        self.series = series
        self.percentValues = percentValues
    }

    public var hasData: Bool { !categories.isEmpty && series.contains { $0.values.contains { $0 != 0 } } }

    public func svg() -> String {
        let values = series.flatMap(\.values)
        var frame = Frame(x: 0...1, y: LinearScale.niceDomain(values))
        frame.x = LinearScale(domain: 0...Double(max(categories.count, 1)), range: frame.x.range)
        var svg = SVG(width: Frame.width, height: Frame.height)
        let bottomY = Frame.height - frame.bottom
        for tick in frame.y.ticks() {
            svg.line(frame.left, frame.y(tick), Frame.width - frame.right, frame.y(tick), stroke: "#e5e5e5")
            svg.text(
                frame.left - 6, frame.y(tick) + 4, percentValues ? percentLabel(tick) : shortNumber(tick), anchor: .end,
                size: 11, fill: "#555")
        }
        svg.line(frame.left, bottomY, Frame.width - frame.right, bottomY, stroke: "#888")
        let slot = frame.x(1) - frame.x(0)
        let barWidth = slot * 0.8 / Double(max(series.count, 1))
        for (c, category) in categories.enumerated() {
            let start = frame.x(Double(c)) + slot * 0.1
            for (s, item) in series.enumerated() where c < item.values.count {
                let value = item.values[c]
                let top = frame.y(max(value, 0))
                let base = frame.y(min(value, 0))
                let label = percentValues ? percentLabel(value, decimals: 1) : shortNumber(value)
                svg.rect(
                    start + Double(s) * barWidth, top, barWidth - 1, base - top, fill: palette[s % palette.count],
                    title: "\(category), \(item.name): \(label)")
            }
            let rotate = categories.count > 8
            svg.text(
                start + slot * 0.4, bottomY + 15, category, anchor: rotate ? .end : .middle, size: 10, fill: "#444",
                rotate: rotate ? -30 : nil)
        }
        svg.text(16, (frame.top + bottomY) / 2, yTitle, anchor: .middle, size: 12, rotate: -90)
        if !xTitle.isEmpty {
            svg.text((frame.left + Frame.width - frame.right) / 2, Frame.height - 4, xTitle, anchor: .middle, size: 12)
        }
        if series.count > 1 { frame.legend(&svg, series.map(\.name), colors: palette) }
        return svg.render(label: title)
    }
}

/// A histogram of one variable, with equal-width bins between the minimum (or 0) and the `clip`
/// quantile. Values above the quantile (the long right tail of CLV) are counted in the last bin,
/// which is then open: its label reads "≥ lower edge", so every bar covers the data it counts.
public struct Histogram: Sendable {
    public var title: String
    public var xTitle: String
    public var yTitle: String
    public var values: [Double]
    public var bins: Int
    public var clipQuantile: Double

    /// One bar: values in lower ..< upper (the last closed bar includes its upper edge); an open
    /// last bar (`upper == nil`) holds every value ≥ lower.
    public struct Bin: Sendable, Equatable {
        public var lower: Double
        public var upper: Double?
        public var count: Int
        /// "10–20", or "≥ 20" for an open bin, with the chart's short numbers.
        public var label: String {
            upper.map { "\(shortNumber(lower))–\(shortNumber($0))" } ?? "≥ \(shortNumber(lower))"
        }
    }

    public init(
        title: String, xTitle: String, yTitle: String, values: [Double], bins: Int = 30, clipQuantile: Double = 0.99
    ) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.values = values
        self.bins = bins
        self.clipQuantile = clipQuantile
    }

    public var hasData: Bool { values.contains { $0.isFinite } }

    /// The bars, left to right, counting every finite value once (NaN and ±∞ are left out).
    ///
    /// The bins span [min(minimum, 0), q] in `bins` equal widths, q the `clipQuantile` quantile
    /// (type 1: the ⌊n·p⌋-th smallest). When the maximum lies above q, the last bin is open.
    public func binned() -> [Bin] {
        let finite = values.filter(\.isFinite).sorted()
        let count = max(1, min(bins, 1000))
        guard let smallest = finite.first, let largest = finite.last else { return [] }
        let quantile = clipQuantile.isNaN ? 1 : min(max(clipQuantile, 0), 1)
        let low = min(smallest, 0)
        let clip = finite[min(finite.count - 1, Int(Double(finite.count) * quantile))]
        var high = max(clip, low)
        // The width is computed from halves so that a range of ±1e308 does not overflow.
        var width = (high / 2 - low / 2) / Double(count) * 2
        if !(width > 0) || !width.isFinite || low + width * Double(count) <= low {
            high = low + max(1, abs(low) * 1e-6)
            width = (high - low) / Double(count)
        }
        let open = largest > high
        var counts = [Int](repeating: 0, count: count)
        for v in finite {
            let position = (v / 2 - low / 2) / width * 2
            counts[min(count - 1, max(0, Int(saturating: position)))] += 1
        }
        return counts.indices.map { i in
            let lower = low + Double(i) * width
            let upper = i == count - 1 ? (open ? nil : high) : low + Double(i + 1) * width
            return Bin(lower: lower, upper: upper, count: counts[i])
        }
    }

    public func svg() -> String {
        let bars = binned()
        let low = bars.first?.lower ?? 0
        let high =
            bars.last.map { $0.upper ?? ($0.lower + (bars.count > 1 ? $0.lower - bars[bars.count - 2].lower : 1)) } ?? 1
        let frame = Frame(x: low...max(high, low), y: LinearScale.niceDomain(bars.map { Double($0.count) }))
        var svg = SVG(width: Frame.width, height: Frame.height)
        frame.axes(&svg, xTitle: xTitle, yTitle: yTitle)
        for (i, bar) in bars.enumerated() where bar.count > 0 {
            let x0 = frame.x(bar.lower)
            let x1 = frame.x(bar.upper ?? high)
            let count = Double(bar.count)
            svg.rect(
                x0, frame.y(count), x1 - x0 - 1, frame.y(0) - frame.y(count), fill: palette[0],
                title: "\(bar.label): \(bar.count)")
            if bar.upper == nil && i == bars.count - 1 {
                svg.text((x0 + x1) / 2, frame.y(count) - 4, "≥", anchor: .middle, size: 10, fill: "#555")
            }
        }
        return svg.render(label: title)
    }
}

/// Points coloured by group, with optional threshold lines (the value matrix).
public struct ScatterChart: Sendable {
    public var title: String
    public var xTitle: String
    public var yTitle: String
    public var x: [Double]
    public var y: [Double]
    public var group: [Int]
    public var groupNames: [String]
    public var thresholds: (x: Double, y: Double)?
    /// At most this many points are drawn (an even sample), so a page with a million customers stays light.
    public var maxPoints: Int

    public init(
        title: String, xTitle: String, yTitle: String, x: [Double], y: [Double], group: [Int], groupNames: [String],
        thresholds: (x: Double, y: Double)? = nil, maxPoints: Int = 4000
    ) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.x = x
        self.y = y
        self.group = group
        self.groupNames = groupNames
        self.thresholds = thresholds
        self.maxPoints = maxPoints
    }

    public var hasData: Bool { !x.isEmpty }

    public func svg() -> String {
        let frame = Frame(x: LinearScale.niceDomain(x), y: LinearScale.niceDomain(y))
        var svg = SVG(width: Frame.width, height: Frame.height)
        frame.axes(&svg, xTitle: xTitle, yTitle: yTitle)
        let step = max(1, x.count / max(maxPoints, 1))
        let count = min(x.count, y.count)
        for i in stride(from: 0, to: count, by: step) where x[i].isFinite && y[i].isFinite {
            let colour = i < group.count ? (group[i] % palette.count + palette.count) % palette.count : 0
            svg.circle(frame.x(x[i]), frame.y(y[i]), r: 2.5, fill: palette[colour], opacity: 0.6)
        }
        if let t = thresholds {
            svg.line(frame.x(t.x), frame.top, frame.x(t.x), Frame.height - frame.bottom, stroke: "#444", dash: "4 3")
            svg.line(frame.left, frame.y(t.y), Frame.width - frame.right, frame.y(t.y), stroke: "#444", dash: "4 3")
        }
        frame.legend(&svg, groupNames, colors: palette)
        return svg.render(label: title)
    }
}

/// A grid of cells shaded by value (the RFM recency × frequency grid).
public struct HeatGrid: Sendable {
    public var title: String
    public var rowTitle: String
    public var columnTitle: String
    public var rows: [String]
    public var columns: [String]
    /// values[row][column]
    public var values: [[Double]]
    /// Text in each cell (e.g. the segment name and the count).
    public var labels: [[String]]

    public init(
        title: String, rowTitle: String, columnTitle: String, rows: [String], columns: [String], values: [[Double]],
        labels: [[String]]
    ) {
        self.title = title
        self.rowTitle = rowTitle
        self.columnTitle = columnTitle
        self.rows = rows
        self.columns = columns
        self.values = values
        self.labels = labels
    }

    public var hasData: Bool { values.contains { $0.contains { $0 > 0 } } }

    public func svg() -> String {
        let width = 640.0, height = 360.0, left = 70.0, top = 20.0, bottom = 50.0
        let cellW = (width - left - 20) / Double(max(columns.count, 1))
        let cellH = (height - top - bottom) / Double(max(rows.count, 1))
        let high = values.flatMap { $0 }.filter(\.isFinite).max() ?? 1
        var svg = SVG(width: width, height: height)
        for (r, row) in rows.enumerated() {
            svg.text(left - 8, top + (Double(r) + 0.5) * cellH + 4, row, anchor: .end, size: 11)
            for (c, _) in columns.enumerated() {
                let v = r < values.count && c < values[r].count ? values[r][c] : 0
                let label = r < labels.count && c < labels[r].count ? labels[r][c] : ""
                // Only finite, non-negative values shade: NaN or ±∞ give an empty cell.
                let ratio = high > 0 && v.isFinite ? v / high : 0
                let shade = ratio.isFinite ? min(max(ratio, 0), 1) : 0
                // shade is clamped to 0…1 above, so these are always 55…255.
                let fill = "rgb(\(Int(255 - 200 * shade)),\(Int(255 - 120 * shade)),\(Int(255 - 40 * shade)))"
                svg.rect(
                    left + Double(c) * cellW, top + Double(r) * cellH, cellW - 2, cellH - 2, fill: fill, title: label)
                let lines = label.split(separator: "\n")
                for (k, text) in lines.enumerated() {
                    svg.text(
                        left + (Double(c) + 0.5) * cellW,
                        top + (Double(r) + 0.5) * cellH + Double(k) * 13 - Double(lines.count - 1) * 6 + 4,
                        String(text), anchor: .middle, size: 10, fill: shade > 0.6 ? "#fff" : "#222")
                }
            }
        }
        for (c, column) in columns.enumerated() {
            svg.text(left + (Double(c) + 0.5) * cellW, height - bottom + 16, column, anchor: .middle, size: 11)
        }
        svg.text((left + width - 20) / 2, height - 10, columnTitle, anchor: .middle, size: 12)
        svg.text(16, (top + height - bottom) / 2, rowTitle, anchor: .middle, size: 12, rotate: -90)
        return svg.render(label: title)
    }
}

/// A few named points (the IPA quadrants, the customer value map): each point labelled beside
/// it, with optional crosshairs, a reference line and a text in each corner of the plot.
public struct PointMap: Sendable {
    public struct Point: Sendable {
        public var label: String
        public var x: Double
        public var y: Double
        /// Index into the palette (the firm and its competitors, or one colour for all).
        public var colour: Int

        public init(label: String, x: Double, y: Double, colour: Int = 0) {
            self.label = label
            self.x = x
            self.y = y
            self.colour = colour
        }
    }

    /// A straight line y = y₀ + slope · (x − x₀), dashed, named in the legend.
    public struct Line: Sendable {
        public var name: String
        public var through: (x: Double, y: Double)
        public var slope: Double

        public init(name: String, through: (x: Double, y: Double), slope: Double) {
            self.name = name
            self.through = through
            self.slope = slope
        }
    }

    public var title: String
    public var xTitle: String
    public var yTitle: String
    public var points: [Point]
    public var crosshairs: (x: Double, y: Double)?
    public var line: Line?
    /// Texts in the plot's corners: top left, top right, bottom left, bottom right.
    public var corners: [String]

    public init(
        title: String, xTitle: String, yTitle: String, points: [Point], crosshairs: (x: Double, y: Double)? = nil,
        line: Line? = nil, corners: [String] = []
    ) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.points = points
        self.crosshairs = crosshairs
        self.line = line
        self.corners = corners
    }

    public var hasData: Bool { points.contains { $0.x.isFinite && $0.y.isFinite } }

    /// The domain of `values` and the crosshair, padded by a tenth of the span on each side so
    /// that no point sits on the frame.
    static func domain(_ values: [Double]) -> ClosedRange<Double> {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return 0...1 }
        let pad = max((high - low) * 0.1, max(abs(high), abs(low), 1e-9) * 0.02)
        return LinearScale.niceDomain([low - pad, high + pad], includeZero: false)
    }

    public func svg() -> String {
        let drawn = points.filter { $0.x.isFinite && $0.y.isFinite }
        var xs = drawn.map(\.x)
        var ys = drawn.map(\.y)
        if let c = crosshairs {
            xs.append(c.x)
            ys.append(c.y)
        }
        let frame = Frame(x: Self.domain(xs), y: Self.domain(ys))
        var svg = SVG(width: Frame.width, height: Frame.height)
        frame.axes(&svg, xTitle: xTitle, yTitle: yTitle)
        let left = frame.left
        let right = Frame.width - frame.right
        let top = frame.top
        let bottom = Frame.height - frame.bottom
        if let c = crosshairs, c.x.isFinite, c.y.isFinite {
            svg.line(frame.x(c.x), top, frame.x(c.x), bottom, stroke: "#444", dash: "4 3")
            svg.line(left, frame.y(c.y), right, frame.y(c.y), stroke: "#444", dash: "4 3")
        }
        if let line, line.slope.isFinite, line.through.x.isFinite, line.through.y.isFinite {
            // Clip the line to the plot: evaluate it at both x edges, then pull each end inside
            // the y range along the line.
            let x0 = frame.x.domain.lowerBound
            let x1 = frame.x.domain.upperBound
            let y = { (x: Double) in line.through.y + line.slope * (x - line.through.x) }
            let yLow = frame.y.domain.lowerBound
            let yHigh = frame.y.domain.upperBound
            var ends = [(x0, y(x0)), (x1, y(x1))]
            if line.slope != 0 {
                ends = ends.map { end in
                    let clamped = min(max(end.1, yLow), yHigh)
                    return clamped == end.1 ? end : (line.through.x + (clamped - line.through.y) / line.slope, clamped)
                }
            }
            if ends.allSatisfy({ $0.1 >= yLow && $0.1 <= yHigh }) {
                svg.line(
                    frame.x(ends[0].0), frame.y(ends[0].1), frame.x(ends[1].0), frame.y(ends[1].1), stroke: "#c0392b",
                    width: 1.5, dash: "6 4")
                svg.text(
                    frame.x(ends[1].0) - 4, frame.y(ends[1].1) + (line.slope >= 0 ? 14 : -6), line.name, anchor: .end,
                    size: 11, fill: "#c0392b")
            }
        }
        let places: [(Double, Double, SVG.Anchor)] = [
            (left + 6, top + 14, .start), (right - 6, top + 14, .end), (left + 6, bottom - 8, .start),
            (right - 6, bottom - 8, .end),
        ]
        for (text, place) in zip(corners, places) where !text.isEmpty {
            svg.text(place.0, place.1, text, anchor: place.2, size: 11, fill: "#777")
        }
        for p in drawn {
            let colour = palette[(p.colour % palette.count + palette.count) % palette.count]
            svg.circle(frame.x(p.x), frame.y(p.y), r: 5, fill: colour, title: p.label)
            // Labels go right of the point, or left of it in the right fifth of the plot.
            let nearRight = frame.x(p.x) > right - (right - left) / 5
            svg.text(
                frame.x(p.x) + (nearRight ? -8 : 8), frame.y(p.y) - 6, p.label, anchor: nearRight ? .end : .start,
                size: 11)
        }
        return svg.render(label: title)
    }
}
