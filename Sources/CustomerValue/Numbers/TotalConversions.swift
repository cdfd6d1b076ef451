// Conversions from Double that never trap.
//
// `Int(someDouble)` traps on NaN, on ±infinity and on any value outside Int's range (|x| ≥ 2⁶³),
// and data that passed import can still produce such values downstream (an amount near 1e308
// summed twice, a date millennia away turned into days). Every conversion of a computed Double
// to an integer or to text goes through these, so no figure can crash a report.

import Foundation

extension Int {
    /// `value` rounded toward zero, saturated to `Int.min…Int.max`; NaN becomes 0.
    ///
    /// Unlike `Int(_:)` this never traps: `Int(saturating: 1e300) == Int.max`.
    public init(saturating value: Double) {
        if value.isNaN {
            self = 0
        } else if value >= 9_223_372_036_854_775_807.0 {
            // 2⁶³ is the first Double not representable as Int (Int.max rounds up to it).
            self = .max
        } else if value <= -9_223_372_036_854_775_808.0 {
            self = .min
        } else {
            self = Int(value)
        }
    }
}

/// Plain-text renderings of numbers for messages, labels and tables that are total: every Double,
/// including NaN, ±infinity and values beyond Int's range, gives readable text and never traps.
public enum NumberText {
    /// What a non-finite value is shown as: it never appears as `nan` or `inf`.
    public static let notANumber = "–"

    /// Integers without a decimal point (`1000`), other values with `decimals` places (`12.50`);
    /// magnitudes of 10¹⁵ and above in scientific notation (`1.23e+300`), where the digits would
    /// be noise; NaN and ±infinity as `–`, `∞`, `−∞`.
    public static func plain(_ value: Double, decimals: Int = 2) -> String {
        if let special = nonFinite(value) { return special }
        if abs(value) >= 1e15 { return String(format: "%.3g", value) }
        if value == value.rounded() { return String(Int(value)) }
        return String(format: "%.\(max(0, decimals))f", value)
    }

    /// `value` with at most `decimals` places and no trailing zeros (`0.25`, `3`, `1.5`), large
    /// magnitudes in scientific notation; total like `plain`.
    public static func trimmed(_ value: Double, decimals: Int = 2) -> String {
        if let special = nonFinite(value) { return special }
        if abs(value) >= 1e15 { return String(format: "%.3g", value) }
        var text = String(format: "%.\(max(0, decimals))f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// A share 0…1 as a percentage with at most `decimals` places (`0.954` → `95.4%`); total.
    public static func percent(_ share: Double, decimals: Int = 1) -> String {
        if let special = nonFinite(share) { return special }
        return trimmed(share * 100, decimals: decimals) + "%"
    }

    /// The text for NaN and ±infinity, nil for a finite value.
    static func nonFinite(_ value: Double) -> String? {
        if value.isNaN { return notANumber }
        if value == .infinity { return "∞" }
        if value == -.infinity { return "−∞" }
        return nil
    }
}

/// Group shares of a total that stay finite when the sums overflow.
///
/// share_g = Σ_{i ∈ g} vᵢ / Σᵢ vᵢ. With ordinary values this is computed as written (so results do
/// not change by a bit); when a sum is not finite (amounts near 1e308), every value is divided by
/// the largest magnitude first, which leaves the ratios unchanged and the sums finite. A total of
/// 0 gives shares of 0.
enum GroupShares {
    /// - Parameters:
    ///   - values: one per member.
    ///   - group: the group index (0..<count) of member i.
    static func shares(_ values: [Double], count: Int, group: (Int) -> Int) -> [Double] {
        var sums = [Double](repeating: 0, count: count)
        var total = 0.0
        for i in values.indices {
            sums[group(i)] += values[i]
            total += values[i]
        }
        if total.isFinite && sums.allSatisfy(\.isFinite) {
            return sums.map { total != 0 ? $0 / total : 0 }
        }
        let scale = values.reduce(0.0) { $1.isFinite ? max($0, abs($1)) : $0 }
        guard scale > 0 else { return sums.map { _ in 0 } }
        var scaled = [Double](repeating: 0, count: count)
        var scaledTotal = 0.0
        for i in values.indices where values[i].isFinite {
            scaled[group(i)] += values[i] / scale
            scaledTotal += values[i] / scale
        }
        return scaled.map { scaledTotal != 0 && scaledTotal.isFinite ? $0 / scaledTotal : 0 }
    }
}
