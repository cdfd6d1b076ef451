import CustomerValue
import Testing

/// Weights and normalisation that span the whole range of Double: sums and spreads that overflow
/// are scaled first, so the results are the hand-worked ones.
@Suite struct OverflowSafeScoringTests {
    /// 1e308 + 1e308 is +∞: dividing by that sum made every weight 0. Scaled by the largest first,
    /// (1, 1) / 2 gives ½ each, and (1, 1, ½) / 2.5 gives 0.4, 0.4, 0.2.
    @Test func hugeWeightsNormaliseToTheirShares() throws {
        let two = IndicatorWeights(names: ["a", "b"], weights: [1e308, 1e308])
        #expect(two.normalised().weights == [0.5, 0.5])
        let three = IndicatorWeights(names: ["a", "b", "c"], weights: [1e308, 1e308, 0.5e308])
        #expect(three.normalised().weights == [0.4, 0.4, 0.2])
        #expect(IndicatorWeights.shares([0, 0]) == nil)
        #expect(IndicatorWeights.shares([1, .infinity]) == nil)
        // A composite score with those weights weighs both indicators equally and says it renormalised.
        let score = try CompositeScore(
            ids: ["x", "y"],
            indicators: [
                Indicator("a", .benefit, values: [0, 1]),
                Indicator("b", .benefit, values: [1, 0]),
            ],
            weights: two)
        #expect(score.weights == [0.5, 0.5])
        #expect(score.scores == [0.5, 0.5])
        #expect(score.warnings == ["the weights sum to more than the largest number, not 1; they were renormalised"])
    }

    /// max − min of (−1e308, 0, 1e308) overflows; dividing by 1e308 first gives (−1, 0, 1) and the
    /// normalised values 0, ½, 1 (benefit) or 1, ½, 0 (cost).
    @Test func minMaxSpanningTheWholeRange() throws {
        let benefit = try MinMaxNormalised([-1e308, 0, 1e308], direction: .benefit)
        #expect(benefit.values == [0, 0.5, 1])
        let cost = try MinMaxNormalised([-1e308, 0, 1e308], direction: .cost)
        #expect(cost.values == [1, 0.5, 0])
        let extreme = try MinMaxNormalised([-.greatestFiniteMagnitude, .greatestFiniteMagnitude], direction: .benefit)
        #expect(extreme.values == [0, 1])
    }

    /// Two columns that normalise to the same values (0, ½, 1) carry the same information, so the
    /// entropy method gives each exactly half the weight, whatever their scale. Before, the
    /// ±1e308 column's overflowing spread gave it about 70 %.
    @Test func entropyWeightsOfAnExtremeColumn() throws {
        let weights = try EntropyWeights([
            Indicator("huge", .benefit, values: [-1e308, 0, 1e308]),
            Indicator("small", .benefit, values: [1, 2, 3]),
        ])
        #expect(weights.weights == [0.5, 0.5])
    }
}

/// Shares of groups whose sums overflow: revenue 1e308 + 1e308 in one group and 1e308 in the
/// other is +∞ in floating point, so the shares were ∞/∞ = NaN; scaled by 1e308 they are ⅔ and ⅓.
@Suite struct OverflowSafeShareTests {
    @Test func valueMatrixShares() {
        let matrix = ValueMatrix(
            current: [1e308, 1e308, 1e308, 0], potential: [1, 1, 0, 0], currentThreshold: .fixed(1),
            potentialThreshold: .fixed(0.5))
        #expect(matrix.cell(.retain).currentShare == 2.0 / 3)
        #expect(matrix.cell(.maintain).currentShare == 1.0 / 3)
        #expect(matrix.cell(.nurture).currentShare == 0)
        #expect(matrix.cell(.retain).potentialShare == 1)
    }
}
