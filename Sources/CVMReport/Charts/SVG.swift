import CustomerValue
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

    /// A chart's text is escaped as the page's is: it is part of the same HTML document.
    static func escape(_ text: String) -> String { HTML.escape(text) }

    /// A coordinate or size with at most two decimals. Non-finite values become 0 and finite ones
    /// are clamped to ±10⁷ (far outside any viewBox), so no attribute reads `nan` and no
    /// conversion can trap, whatever the data.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let clamped = min(max(value, -1e7), 1e7)
        let rounded = (clamped * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// The width of `text` at font size `size`, estimated without a font: CJK and other wide
    /// characters take a full em, the rest about 0.6 em. Enough to keep legend entries apart.
    static func textWidth(_ text: String, size: Double) -> Double {
        var ems = 0.0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let wide =
                (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            ems += wide ? 1 : 0.6
        }
        return ems * size
    }

    mutating func line(
        _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1, dash: String? = nil
    ) {
        var attributes =
            "x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" y2=\"\(Self.number(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\""
        if let dash { attributes += " stroke-dasharray=\"\(dash)\"" }
        body.append("<line \(attributes)/>")
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, title: String? = nil) {
        let shape =
            "<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(max(w, 0)))\" height=\"\(Self.number(max(h, 0)))\" fill=\"\(fill)\""
        if let title {
            body.append(shape + "><title>\(Self.escape(title))</title></rect>")
        } else {
            body.append(shape + "/>")
        }
    }

    mutating func circle(_ x: Double, _ y: Double, r: Double, fill: String, opacity: Double = 1, title: String? = nil) {
        let shape =
            "<circle cx=\"\(Self.number(x))\" cy=\"\(Self.number(y))\" r=\"\(Self.number(r))\" fill=\"\(fill)\" fill-opacity=\"\(Self.number(opacity))\""
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
        var attributes =
            "x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" font-size=\"\(Self.number(size))\" text-anchor=\"\(anchor.rawValue)\" fill=\"\(fill)\""
        if bold { attributes += " font-weight=\"bold\"" }
        if let rotate {
            attributes += " transform=\"rotate(\(Self.number(rotate)) \(Self.number(x)) \(Self.number(y)))\""
        }
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

    /// Any domain is accepted: infinite bounds are clamped to the largest finite doubles, and an
    /// empty or degenerate one (a single value, or a span lost below the values' precision) is
    /// widened around its centre, so the scale never divides by zero or yields NaN.
    init(domain: ClosedRange<Double>, range: (lower: Double, upper: Double)) {
        let big = Double.greatestFiniteMagnitude
        var low = domain.lowerBound.isNaN ? 0 : min(max(domain.lowerBound, -big), big)
        var high = domain.upperBound.isNaN ? 0 : min(max(domain.upperBound, -big), big)
        if !(Self.span(low, high) > 0) || high.nextDown <= low {
            let pad = max(1, abs(low) * 1e-6)
            low = max(low - pad, -big)
            high = min(high + pad, big)
        }
        self.domain = low...high
        self.range = range
    }

    /// upper − lower without overflow (the halves are subtracted and the result doubled only when
    /// it fits; an overflowing span is returned as the largest finite double).
    static func span(_ lower: Double, _ upper: Double) -> Double {
        let half = upper / 2 - lower / 2
        return half * 2 <= .greatestFiniteMagnitude ? half * 2 : .greatestFiniteMagnitude
    }

    func callAsFunction(_ value: Double) -> Double {
        // Halves are exact in binary floating point, so for ordinary domains this is
        // (value − lower) / (upper − lower) exactly, and it cannot overflow for extreme ones.
        let t = (value / 2 - domain.lowerBound / 2) / (domain.upperBound / 2 - domain.lowerBound / 2)
        return range.lower + t * (range.upper - range.lower)
    }

    /// About `count` round tick values inside the domain (at most 4 × count + 2 of them).
    func ticks(_ count: Int = 5) -> [Double] {
        let span = Self.span(domain.lowerBound, domain.upperBound)
        let raw = span / Double(max(count, 1))
        guard raw.isFinite, raw > 0 else { return [] }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw && $0.isFinite } ?? raw
        var ticks: [Double] = []
        let first = (domain.lowerBound / step).rounded(.up)
        // Ticks by index, not by repeated addition: near huge values `value += step` can stop
        // changing the value, which would loop forever.
        for k in 0...(4 * max(count, 1) + 1) {
            let value = (first + Double(k)) * step
            guard value.isFinite, value <= domain.upperBound + step * 1e-9 else { break }
            ticks.append(abs(value) < step * 1e-9 ? 0 : value)
        }
        return ticks
    }

    /// A domain from 0 (or the minimum when negative) to a rounded-up maximum; only finite values
    /// count, and the rounding never overflows to infinity.
    static func niceDomain(_ values: [Double], includeZero: Bool = true) -> ClosedRange<Double> {
        let finite = values.filter(\.isFinite)
        guard var low = finite.min(), var high = finite.max() else { return 0...1 }
        if includeZero {
            low = min(low, 0)
            high = max(high, 0)
        }
        if high == low { high = low + max(1, abs(low) * 1e-6) }
        let magnitude = pow(10, (log10(span(low, high))).rounded(.down))
        let niceLow = (low / magnitude).rounded(.down) * magnitude
        let niceHigh = (high / magnitude).rounded(.up) * magnitude
        return (niceLow.isFinite ? niceLow : low)...(niceHigh.isFinite ? niceHigh : high)
    }
}

/// Short tick labels: 1.2K, 3.4M, 5.6B, 0.25; from 10¹⁵ on scientific (1.2e+300); total: NaN and
/// infinities get `NumberText`'s marks, and no value traps.
func shortNumber(_ value: Double) -> String {
    let magnitude = abs(value)
    if !value.isFinite || magnitude >= 1e15 { return NumberText.trimmed(value) }
    if magnitude >= 1e9 { return NumberText.trimmed(value / 1e9) + "B" }
    if magnitude >= 1e6 { return NumberText.trimmed(value / 1e6) + "M" }
    if magnitude >= 1e4 { return NumberText.trimmed(value / 1e3) + "K" }
    return NumberText.trimmed(value)
}

/// A share as a whole percentage (`0.25` → `25%`); total.
func percentLabel(_ share: Double, decimals: Int = 0) -> String { NumberText.percent(share, decimals: decimals) }

/// A palette that stays readable in print and for common colour blindness (Okabe–Ito).
let palette = [
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000", "#999999", "#882255",
    "#44AA99",
]
