/// The composite customer value score (综合价值评估): a weighted sum of the customers'
/// min-max normalised indicators.
///
/// score_i = Σ_j w_j · x'_ij, where x'_ij is indicator j normalised over the customers in its
/// direction (`MinMaxNormalised`) and the weights sum to 1; so the score lies in 0…1 (shown ×100
/// as points), 1 for a customer who is best on every weighted indicator. The breakdown of a score
/// is its terms w_j · x'_ij, which add up to it.
///
/// ```swift
/// let score = try CompositeScore(ids: ids, indicators: indicators, weights: EntropyWeights(indicators).indicatorWeights)
/// let best = score.ranking.first!   // index of the highest score
/// ```
public struct CompositeScore: Sendable {
    /// Customer ids, in the input order.
    public var ids: [String]
    /// The weighted indicators, in the weights' order.
    public var indicators: [Indicator]
    /// Weights summing to 1, one per indicator.
    public var weights: [Double]
    /// Normalised values x'_ij per indicator (columns, each 0…1).
    public var normalised: [[Double]]
    /// Score per customer, 0…1.
    public var scores: [Double]
    /// Customer indices from the highest score to the lowest; ties keep the input order.
    public var ranking: [Int]
    /// Constant indicators (no spread: every customer gets 0 on them) and renormalised weights.
    public var warnings: [String]

    /// One term of a customer's score.
    public struct Term: Sendable, Equatable {
        public var indicator: String
        public var direction: Direction
        /// The raw value of the indicator for the customer.
        public var value: Double
        /// x'_ij, 0…1.
        public var normalised: Double
        public var weight: Double
        /// weight × normalised: this indicator's share of the score (0…1 scale).
        public var contribution: Double
    }

    /// - Parameters:
    ///   - ids: one per customer, the order of every indicator's values.
    ///   - indicators: at least the weighted ones; others are ignored.
    ///   - weights: ≥ 0; renormalised to sum 1 (with a warning) when they do not.
    /// - Throws: `ScoringError` when a weighted indicator is missing (`.badWeights`), a column's
    ///   length differs from `ids` or holds NaN/infinity (`.badValue`), or the weights are invalid.
    public init(ids: [String], indicators: [Indicator], weights: IndicatorWeights) throws {
        let checked = try weights.validated()
        var warnings: [String] = []
        if !checked.sumsToOne {
            let total = checked.weights.reduce(0, +)
            let sum = total.isFinite ? IndicatorWeights.format(total) : "more than the largest number"
            warnings.append("the weights sum to \(sum), not 1; they were renormalised")
        }
        let byName = Dictionary(indicators.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.ids = ids
        self.indicators = try checked.names.map { name in
            guard let indicator = byName[name] else {
                throw ScoringError(
                    .badWeights,
                    "no indicator \"\(name)\" to weigh; known: \(indicators.map(\.name).joined(separator: ", "))")
            }
            guard indicator.values.count == ids.count else {
                throw ScoringError(
                    .badValue, "indicator \"\(name)\" has \(indicator.values.count) values for \(ids.count) customers")
            }
            return indicator
        }
        // validated() guarantees finite weights ≥ 0 with one positive, so shares exist.
        self.weights = IndicatorWeights.shares(checked.weights) ?? checked.weights
        normalised = []
        for indicator in self.indicators {
            let column = try MinMaxNormalised(indicator)
            if column.isConstant && ids.count > 1 {
                warnings.append(
                    "indicator \"\(indicator.name)\" has the same value for every customer: it adds nothing to any score"
                )
            }
            normalised.append(column.values)
        }
        var scores = [Double](repeating: 0, count: ids.count)
        for (column, w) in zip(normalised, self.weights) {
            for i in scores.indices { scores[i] += w * column[i] }
        }
        self.scores = scores
        ranking = scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        self.warnings = warnings
    }

    public var count: Int { ids.count }

    /// The terms of customer `index`'s score, in the indicators' order; they sum to `scores[index]`.
    public func breakdown(_ index: Int) -> [Term] {
        indicators.indices.map { j in
            Term(
                indicator: indicators[j].name, direction: indicators[j].direction, value: indicators[j].values[index],
                normalised: normalised[j][index], weight: weights[j], contribution: weights[j] * normalised[j][index])
        }
    }

    /// Rank (1 = highest score) of every customer, in the input order.
    public var ranks: [Int] {
        var ranks = [Int](repeating: 0, count: count)
        for (position, index) in ranking.enumerated() { ranks[index] = position + 1 }
        return ranks
    }
}
