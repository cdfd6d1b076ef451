import Foundation

/// Indicator weights by the entropy weight method (熵值法 / 熵权法, and P5): indicators whose
/// values spread more across customers carry more information and get more weight.
///
/// The steps, as in the Chinese evaluation literature (see docs/scores-and-weights.md and
/// reference/anchors-crm.md §3.11), for n customers i and indicators j:
/// 1. x'_ij: min-max normalisation per column in the indicator's direction (`MinMaxNormalised`);
/// 2. p_ij = x'_ij / Σ_i x'_ij;
/// 3. e_j = −(1 / ln n) Σ_i p_ij ln p_ij, with 0 · ln 0 = 0, so 0 ≤ e_j ≤ 1;
/// 4. d_j = 1 − e_j (the degree of diversification, 差异系数);
/// 5. w_j = d_j / Σ_k d_k.
///
/// Normalisation is per column, never over the whole matrix (a pitfall of some public code). A
/// constant column has Σ_i x'_ij = 0: it carries no information, so it gets weight 0 and a
/// warning instead of a division by zero. The sums are plain loops over contiguous columns; with
/// p ≤ 1 the terms p ln p lie in [−1/e, 0] and cannot overflow.
public struct EntropyWeights: Sendable, Equatable {
    /// Indicator names, in the input order.
    public var names: [String]
    public var directions: [Direction]
    /// Entropy e_j per indicator (1 for a constant column).
    public var entropies: [Double]
    /// Degree of diversification d_j = 1 − e_j.
    public var diversification: [Double]
    /// Weights w_j, summing to 1.
    public var weights: [Double]
    /// Things the caller should show: constant columns given weight 0.
    public var warnings: [String]

    /// - Throws: `ScoringError` when there are fewer than two customers (`.tooFewCustomers`), the
    ///   columns differ in length or hold NaN/infinity (`.badValue`), or every column is constant
    ///   (`.noVariation`).
    public init(_ indicators: [Indicator]) throws {
        guard !indicators.isEmpty else { throw ScoringError(.badValue, "no indicators to weigh") }
        let n = indicators[0].values.count
        for indicator in indicators where indicator.values.count != n {
            throw ScoringError(
                .badValue,
                "indicator \"\(indicator.name)\" has \(indicator.values.count) values, \"\(indicators[0].name)\" has \(n)"
            )
        }
        guard n >= 2 else {
            throw ScoringError(
                .tooFewCustomers,
                "the entropy weight method needs at least 2 customers (k = 1/ln n is undefined for n = \(n))")
        }
        let k = 1 / log(Double(n))
        names = indicators.map(\.name)
        directions = indicators.map(\.direction)
        entropies = []
        warnings = []
        for indicator in indicators {
            let normalised = try MinMaxNormalised(indicator)
            if normalised.isConstant {
                entropies.append(1)
                warnings.append(
                    "indicator \"\(indicator.name)\" has the same value (\(normalised.minimum)) for every customer: weight 0"
                )
                continue
            }
            let total = normalised.values.reduce(0, +)
            var sum = 0.0
            for x in normalised.values where x > 0 {
                let p = x / total
                sum += p * log(p)
            }
            entropies.append(min(1, max(0, -k * sum)))
        }
        diversification = entropies.map { 1 - $0 }
        let total = diversification.reduce(0, +)
        guard total > 0 else {
            throw ScoringError(
                .noVariation,
                "every indicator (\(names.joined(separator: ", "))) has the same value for every customer; there is no spread to weigh"
            )
        }
        weights = diversification.map { $0 / total }
    }

    /// The weights as `IndicatorWeights`, for a composite score.
    public var indicatorWeights: IndicatorWeights {
        IndicatorWeights(names: names, weights: weights)
    }
}
