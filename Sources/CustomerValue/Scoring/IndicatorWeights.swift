/// Weights of named indicators for a composite score, in a fixed order.
///
/// Weights are never negative. `normalised()` divides them by their sum; `restricted(to:)` drops
/// the indicators the data does not have and renormalises the rest, with a note that says so.
public struct IndicatorWeights: Sendable, Equatable {
    public var names: [String]
    public var weights: [Double]

    public init(names: [String], weights: [Double]) {
        self.names = names
        self.weights = weights
    }

    /// From (name, weight) pairs, in their order.
    public init(_ pairs: KeyValuePairs<String, Double>) {
        names = pairs.map(\.key)
        weights = pairs.map(\.value)
    }

    public var count: Int { names.count }

    public subscript(name: String) -> Double? {
        names.firstIndex(of: name).map { weights[$0] }
    }

    /// Checks the weights: finite, ≥ 0, at least one positive, names unique.
    ///
    /// - Throws: `ScoringError(.badWeights)` naming the offending indicator.
    public func validated() throws -> IndicatorWeights {
        guard !names.isEmpty else { throw ScoringError(.badWeights, "no weights given") }
        guard names.count == weights.count else {
            throw ScoringError(.badWeights, "\(names.count) indicator names but \(weights.count) weights")
        }
        var seen = Set<String>()
        for (name, w) in zip(names, weights) {
            guard seen.insert(name).inserted else {
                throw ScoringError(.badWeights, "indicator \"\(name)\" is weighted twice")
            }
            guard w.isFinite, w >= 0 else {
                throw ScoringError(.badWeights, "the weight of \"\(name)\" is \(w); weights must be finite numbers ≥ 0")
            }
        }
        guard weights.contains(where: { $0 > 0 }) else {
            throw ScoringError(.badWeights, "all weights are 0; give at least one indicator a positive weight")
        }
        return self
    }

    /// True when the weights sum to 1 within 1e-9.
    public var sumsToOne: Bool { abs(weights.reduce(0, +) - 1) <= 1e-9 }

    /// The weights divided by their sum (unchanged when the sum is 0 or a weight is not finite).
    ///
    /// The weights are first divided by the largest, so the sum cannot overflow: weights of 1e308
    /// and 1e308 become ½ and ½, not 0 and 0 (1e308 + 1e308 is +∞ in floating point).
    public func normalised() -> IndicatorWeights {
        guard let shares = Self.shares(weights) else { return self }
        return IndicatorWeights(names: names, weights: shares)
    }

    /// `values` divided by their sum, computed as (vᵢ / max) / Σ (vⱼ / max) so that no sum
    /// overflows; nil when a value is negative or not finite, or all are 0.
    public static func shares(_ values: [Double]) -> [Double]? {
        guard values.allSatisfy({ $0.isFinite && $0 >= 0 }), let largest = values.max(), largest > 0 else {
            return nil
        }
        let scaled = values.map { $0 / largest }
        let total = scaled.reduce(0, +)
        return scaled.map { $0 / total }
    }

    /// Keeps only the indicators in `available` (in this order), renormalised to sum 1.
    ///
    /// - Returns: the weights and a note naming what was dropped (nil when nothing was).
    /// - Throws: `ScoringError(.badWeights)` when no indicator with a positive weight is left.
    public func restricted(to available: Set<String>) throws -> (weights: IndicatorWeights, note: String?) {
        var kept = IndicatorWeights(names: [], weights: [])
        var dropped: [String] = []
        for (name, w) in zip(names, weights) {
            if available.contains(name) {
                kept.names.append(name)
                kept.weights.append(w)
            } else {
                dropped.append("\(name) (\(Self.format(w)))")
            }
        }
        guard kept.weights.contains(where: { $0 > 0 }) else {
            throw ScoringError(
                .badWeights,
                "none of the weighted indicators (\(names.joined(separator: ", "))) can be computed from the data; available: \(available.sorted().joined(separator: ", "))"
            )
        }
        guard !dropped.isEmpty else { return (kept, nil) }
        let note =
            "weights dropped because the data has no such indicator yet: \(dropped.joined(separator: ", ")); "
            + "the remaining weights were renormalised to sum 1"
        return (kept.normalised(), note)
    }

    static func format(_ w: Double) -> String {
        guard w.isFinite else { return NumberText.plain(w) }
        let text = "\(w)"
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}
