import Foundation

/// A small SVG writer: elements appended as text, every attribute and text node escaped.
///
/// Charts are drawn by the project's own code so the report is one self-contained file with no
/// scripts and no network; this type keeps the markup well-formed.
struct SVG {
    let width: Double
    let height: Double
    private(set) var body: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1, dash: String? = nil) {
        var attributes = "x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" y2=\"\(Self.number(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\""
        if let dash { attributes += " stroke-dasharray=\"\(dash)\"" }
        body.append("<line \(attributes)/>")
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, title: String? = nil) {
        let shape = "<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(max(w, 0)))\" height=\"\(Self.number(max(h, 0)))\" fill=\"\(fill)\""
        if let title {
            body.append(shape + "><title>\(Self.escape(title))</title></rect>")
        } else {
            body.append(shape + "/>")
        }
    }

    mutating func circle(_ x: Double, _ y: Double, r: Double, fill: String, opacity: Double = 1, title: String? = nil) {
        let shape = "<circle cx=\"\(Self.number(x))\" cy=\"\(Self.number(y))\" r=\"\(Self.number(r))\" fill=\"\(fill)\" fill-opacity=\"\(Self.number(opacity))\""
        if let title {
            body.append(shape + "><title>\(Self.escape(title))</title></circle>")
        } else {
            body.append(shape + "/>")
        }
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2, dash: String? = nil) {
        let list = points.map { "\(Self.number($0.0)),\(Self.number($0.1))" }.joined(separator: " ")
        var attributes = "points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\""
        if let dash { attributes += " stroke-dasharray=\"\(dash)\"" }
        body.append("<polyline \(attributes)/>")
    }

    enum Anchor: String { case start, middle, end }

    mutating func text(
        _ x: Double, _ y: Double, _ content: String, anchor: Anchor = .start, size: Double = 12, fill: String = "#333",
        bold: Bool = false, rotate: Double? = nil
    ) {
        var attributes = "x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" font-size=\"\(Self.number(size))\" text-anchor=\"\(anchor.rawValue)\" fill=\"\(fill)\""
        if bold { attributes += " font-weight=\"bold\"" }
        if let rotate { attributes += " transform=\"rotate(\(Self.number(rotate)) \(Self.number(x)) \(Self.number(y)))\"" }
        body.append("<text \(attributes)>\(Self.escape(content))</text>")
    }

    /// The finished `<svg>` element, sized to its container's width.
    func render(label: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" role=\"img\" aria-label=\"\(Self.escape(label))\" class=\"chart\">"
            + body.joined() + "</svg>"
    }
}

/// A linear map from data values to pixels, with "nice" tick values (1, 2 or 5 × 10ⁿ steps).
struct LinearScale {
    let domain: ClosedRange<Double>
    /// Pixels for the domain's lower and upper bound (the y axis runs downwards, so upper < lower).
    let range: (lower: Double, upper: Double)

    init(domain: ClosedRange<Double>, range: (lower: Double, upper: Double)) {
        let span = domain.upperBound - domain.lowerBound
        self.domain = span > 0 ? domain : (domain.lowerBound - 1)...(domain.upperBound + 1)
        self.range = range
    }

    func callAsFunction(_ value: Double) -> Double {
        let t = (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
        return range.lower + t * (range.upper - range.lower)
    }

    /// About `count` round tick values inside the domain.
    func ticks(_ count: Int = 5) -> [Double] {
        let span = domain.upperBound - domain.lowerBound
        let raw = span / Double(max(count, 1))
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var ticks: [Double] = []
        var value = (domain.lowerBound / step).rounded(.up) * step
        while value <= domain.upperBound + step * 1e-9 {
            ticks.append(abs(value) < step * 1e-9 ? 0 : value)
            value += step
        }
        return ticks
    }

    /// A domain from 0 (or the minimum when negative) to a rounded-up maximum.
    static func niceDomain(_ values: [Double], includeZero: Bool = true) -> ClosedRange<Double> {
        let finite = values.filter(\.isFinite)
        guard var low = finite.min(), var high = finite.max() else { return 0...1 }
        if includeZero {
            low = min(low, 0)
            high = max(high, 0)
        }
        if high == low { high = low + 1 }
        let magnitude = pow(10, (log10(high - low)).rounded(.down))
        return ((low / magnitude).rounded(.down) * magnitude)...((high / magnitude).rounded(.up) * magnitude)
    }
}

/// Short tick labels: 1.2K, 3.4M, 0.25.
func shortNumber(_ value: Double) -> String {
    let magnitude = abs(value)
    if magnitude >= 1e6 { return trimmed(value / 1e6) + "M" }
    if magnitude >= 1e4 { return trimmed(value / 1e3) + "K" }
    return trimmed(value)
}

private func trimmed(_ value: Double) -> String {
    if value == value.rounded() { return String(Int(value)) }
    var text = String(format: "%.2f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
}

/// A palette that stays readable in print and for common colour blindness (Okabe–Ito).
let palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000", "#999999", "#882255", "#44AA99"]
