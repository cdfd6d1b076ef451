import CustomerValue
import Foundation
import Testing

private func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool { abs(a - b) <= tolerance }

private func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-12) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { close($0, $1, tolerance) }
}

/// The entropy weight method (熵值法), worked by hand.
@Suite struct EntropyWeightTests {
    /// 4 customers × 3 indicators: revenue (+), purchases (+), recency days (−).
    ///
    ///           revenue  purchases  recency
    ///     A       100        2         10
    ///     B       300        6         40
    ///     C       200        4         20
    ///     D       500        8         70
    ///
    /// Min-max per column (recency reversed: (70 − x)/60):
    ///     revenue   0, 1/2, 1/4, 1      sum 7/4   p = 0, 2/7, 1/7, 4/7
    ///     purchases 0, 2/3, 1/3, 1      sum 2     p = 0, 1/3, 1/6, 1/2
    ///     recency   1, 1/2, 5/6, 0      sum 7/3   p = 3/7, 3/14, 5/14, 0
    /// e_j = −Σ p ln p / ln 4 (0 ln 0 = 0):
    ///     e = 0.6893917467430878, 0.7295739585136225, 0.7653094974242585
    ///     1 − e = 0.3106082532569122, 0.2704260414863775, 0.2346905025757415 (sum 0.8157248)
    ///     w = 0.3807757889397996, 0.3315162691819131, 0.2877079418782873
    /// Checked independently with numpy 2 (`np.where(P > 0, P * np.log(P), 0)`, float64).
    static let table = [
        Indicator("revenue", .benefit, values: [100, 300, 200, 500]),
        Indicator("purchases", .benefit, values: [2, 6, 4, 8]),
        Indicator("recency", .cost, values: [10, 40, 20, 70]),
    ]

    @Test func fourByThreeByHand() throws {
        let result = try EntropyWeights(Self.table)
        #expect(result.names == ["revenue", "purchases", "recency"])
        #expect(close(result.entropies, [0.6893917467430878, 0.7295739585136225, 0.7653094974242585]))
        #expect(close(result.weights, [0.3807757889397996, 0.3315162691819131, 0.2877079418782873]))
        #expect(close(result.weights.reduce(0, +), 1))
        #expect(result.warnings.isEmpty)
    }

    /// With recency taken as "+" by mistake, the column's p are 0, 3/10, 1/10, 6/10 (normalised
    /// 0, 1/2, 1/6, 1 of sum 5/3): e = −(0.3 ln 0.3 + 0.1 ln 0.1 + 0.6 ln 0.6)/ln 4 =
    /// 0.6477309221191608, so the direction matters: w = 0.33280524036207904, 0.2897514885497866,
    /// 0.37744327108813436 (numpy, as above).
    @Test func directionChangesTheWeights() throws {
        var table = Self.table
        table[2].direction = .benefit
        let result = try EntropyWeights(table)
        #expect(close(result.entropies[2], 0.6477309221191608))
        #expect(close(result.weights, [0.33280524036207904, 0.2897514885497866, 0.37744327108813436]))
    }

    /// A constant column carries no information: weight 0, a warning, and the other weights as
    /// without it.
    @Test func constantColumnGetsZeroWeight() throws {
        let result = try EntropyWeights(Self.table + [Indicator("region", values: [3, 3, 3, 3])])
        #expect(result.weights[3] == 0)
        #expect(close(Array(result.weights.prefix(3)), [0.3807757889397996, 0.3315162691819131, 0.2877079418782873]))
        #expect(result.warnings == ["indicator \"region\" has the same value (3.0) for every customer: weight 0"])
    }

    @Test func allConstantOrOneCustomerIsAnError() {
        #expect(
            throws: ScoringError(
                .noVariation,
                "every indicator (a, b) has the same value for every customer; there is no spread to weigh")
        ) {
            try EntropyWeights([Indicator("a", values: [1, 1]), Indicator("b", .cost, values: [5, 5])])
        }
        #expect(
            throws: ScoringError(
                .tooFewCustomers,
                "the entropy weight method needs at least 2 customers (k = 1/ln n is undefined for n = 1)")
        ) {
            try EntropyWeights([Indicator("a", values: [1]), Indicator("b", values: [2])])
        }
        #expect(throws: ScoringError(.badValue, "indicator \"b\", customer 2: nan is not a finite number")) {
            try EntropyWeights([Indicator("a", values: [1, 2]), Indicator("b", values: [2, .nan])])
        }
    }

    /// Normalisation is per column and direction-aware: best = 1, worst = 0.
    @Test func minMaxNormalisation() throws {
        #expect(try MinMaxNormalised([10, 40, 20, 70], direction: .cost).values == [1, 0.5, 50.0 / 60, 0])
        #expect(try MinMaxNormalised([100, 300, 200, 500], direction: .benefit).values == [0, 0.5, 0.25, 1])
        let constant = try MinMaxNormalised([7, 7], direction: .benefit)
        #expect(constant.isConstant && constant.values == [0, 0])
    }
}

/// AHP weights and the consistency ratio against numpy's eigen-decomposition.
@Suite struct AHPTests {
    /// Saaty's textbook 3×3 example (A vs B 3, A vs C 5, B vs C 3). numpy.linalg.eig (float64):
    /// w = 0.6369855717447569, 0.2582849943744952, 0.10472943388074793, λmax = 3.0385110905581745,
    /// CI = 0.01925554527908724, CR = 0.033199215998426276 (RI 0.58) — the widely quoted
    /// 0.637 / 0.258 / 0.105 and CR 0.033.
    @Test func saatyThreeByThree() throws {
        let ahp = try AHP(names: ["A", "B", "C"], matrix: [[1, 3, 5], [1.0 / 3, 1, 3], [1.0 / 5, 1.0 / 3, 1]])
        #expect(close(ahp.weights, [0.6369855717447569, 0.2582849943744952, 0.10472943388074793]))
        #expect(close(ahp.lambdaMax, 3.0385110905581745))
        #expect(close(ahp.consistencyIndex, 0.01925554527908724))
        #expect(ahp.randomIndex == 0.58)
        #expect(close(ahp.consistencyRatio, 0.033199215998426276))
        #expect(ahp.isConsistent)
        #expect(try ahp.requireConsistency() == ahp)
    }

    /// A 4×4 matrix (numpy.linalg.eig, float64): w = 0.05759632435969315, 0.2663244163361677,
    /// 0.4546260746582325, 0.2214531846459067; λmax = 4.187346635584991, CI = 0.06244887852833022,
    /// CR = 0.0693876428092558 (RI 0.90).
    @Test func fourByFour() throws {
        let ahp = try AHP(
            names: ["a", "b", "c", "d"],
            matrix: [[1, 1.0 / 3, 1.0 / 9, 1.0 / 5], [3, 1, 1, 1], [9, 1, 1, 3], [5, 1, 1.0 / 3, 1]])
        #expect(close(ahp.weights, [0.05759632435969315, 0.2663244163361677, 0.4546260746582325, 0.2214531846459067]))
        #expect(close(ahp.lambdaMax, 4.187346635584991))
        #expect(close(ahp.consistencyRatio, 0.0693876428092558))
        #expect(ahp.isConsistent)
    }

    /// The consistent matrix of weights 8:4:2:1 with one judgement reversed (historical vs
    /// current 1/3 instead of 2). numpy: w = 0.34816077, 0.45677055, 0.13004579, 0.06502289,
    /// λmax = 4.425495479955897, CR = 0.15759091850218407. The worst judgement is that pair:
    /// 1/3 where w₁/w₂ = 0.762 (deviation ×2.29; the next is current vs recency, ×1.76).
    @Test func inconsistentJudgementsAreRejectedNamingThePair() throws {
        let ahp = try AHP(
            names: ["historical", "current", "frequency", "recency"],
            matrix: [[1, 1.0 / 3, 4, 8], [3, 1, 2, 4], [1.0 / 4, 1.0 / 2, 1, 2], [1.0 / 8, 1.0 / 4, 1.0 / 2, 1]])
        #expect(close(ahp.consistencyRatio, 0.15759091850218407, 1e-10))
        #expect(close(ahp.weights, [0.34816077, 0.45677055, 0.13004579, 0.06502289], 5e-9))
        #expect(!ahp.isConsistent)
        #expect(
            throws: ScoringError(
                .inconsistent,
                "inconsistent judgements: CR = 0.16 > 0.10; revise the comparisons, e.g. \"historical\" vs \"current\" is 1/3 where the other judgements imply about 0.76",
                cell: .init(row: 0, column: 1))
        ) { try ahp.requireConsistency() }
    }

    @Test func badMatricesAreRejectedNamingTheCell() {
        #expect(
            throws: ScoringError(
                .badMatrix,
                "row \"b\", column \"a\" is 1/2 but must be the reciprocal of row \"a\", column \"b\" = 3, i.e. 1/3",
                cell: .init(row: 1, column: 0))
        ) { try AHP(names: ["a", "b", "c"], matrix: [[1, 3, 5], [0.5, 1, 3], [0.2, 1.0 / 3, 1]]) }
        #expect(
            throws: ScoringError(
                .badMatrix,
                "row \"b\", column \"b\": the diagonal must be 1 (a criterion is as important as itself), not 2",
                cell: .init(row: 1, column: 1))
        ) { try AHP(names: ["a", "b"], matrix: [[1, 3], [1.0 / 3, 2]]) }
        #expect(
            throws: ScoringError(
                .badMatrix, "row \"a\", column \"b\": -3 is not a positive number (use 1–9 or a fraction like 1/3)",
                cell: .init(row: 0, column: 1))
        ) { try AHP(names: ["a", "b"], matrix: [[1, -3], [1.0 / 3, 1]]) }
        #expect(throws: ScoringError(.badMatrix, "the comparison matrix has 1 rows for 2 criteria; it must be square"))
        {
            try AHP(names: ["a", "b"], matrix: [[1, 3]])
        }
        // Rounded decimals pass the 5 % reciprocity tolerance: 0.33 · 3 = 0.99, 0.14 · 7 = 0.98.
        #expect(throws: Never.self) {
            try AHP(names: ["a", "b", "c"], matrix: [[1, 3, 7], [0.33, 1, 2], [0.14, 0.5, 1]])
        }
    }

    /// n ≤ 2 is always consistent (RI = 0, CR 0 by definition); 2×2 weights are a/(1+a), 1/(1+a).
    @Test func twoCriteriaAreAlwaysConsistent() throws {
        let ahp = try AHP(names: ["a", "b"], matrix: [[1, 4], [0.25, 1]])
        #expect(close(ahp.weights, [0.8, 0.2]))
        #expect(close(ahp.lambdaMax, 2))
        #expect(ahp.consistencyRatio == 0 && ahp.isConsistent)
        let one = try AHP(names: ["a"], matrix: [[1]])
        #expect(one.weights == [1] && one.consistencyRatio == 0)
    }

    /// Saaty's RI row (reference/anchors-crm.md §3.12).
    @Test func randomIndexTable() {
        #expect(
            AHP.randomIndexTable == [
                0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
            ])
    }
}

/// The composite score, worked by hand.
@Suite struct CompositeScoreTests {
    /// 3 customers; weights revenue 0.5, purchases 0.3, recency 0.2.
    ///
    ///         revenue (+)  purchases (+)  recency (−)   normalised          score
    ///     A      100            1             10        0,   0,   1         0.2 · 1 = 0.2
    ///     B      200            3             30        1/3, 1/2, 1/2       0.5/3 + 0.15 + 0.1 = 0.4166…
    ///     C      400            5             50        1,   1,   0         0.5 + 0.3 = 0.8
    /// Ranking C, B, A.
    @Test func threeCustomersByHand() throws {
        let score = try CompositeScore(
            ids: ["A", "B", "C"],
            indicators: [
                Indicator("recency", .cost, values: [10, 30, 50]),
                Indicator("revenue", values: [100, 200, 400]),
                Indicator("purchases", values: [1, 3, 5]),
                Indicator("unused", values: [1, 2, 3]),
            ],
            weights: IndicatorWeights(["revenue": 0.5, "purchases": 0.3, "recency": 0.2]))
        #expect(score.indicators.map(\.name) == ["revenue", "purchases", "recency"])
        #expect(close(score.scores, [0.2, 0.5 / 3 + 0.25, 0.8]))
        #expect(score.ranking == [2, 1, 0])
        #expect(score.ranks == [3, 2, 1])
        #expect(score.warnings.isEmpty)
        let b = score.breakdown(1)
        #expect(b.map(\.indicator) == ["revenue", "purchases", "recency"])
        #expect(close(b.map(\.normalised), [1.0 / 3, 0.5, 0.5]))
        #expect(close(b.map(\.contribution), [0.5 / 3, 0.15, 0.1]))
        #expect(b[2].value == 30 && b[2].direction == .cost)
    }

    /// Weights not summing to 1 are renormalised with a warning; ties keep the input order.
    @Test func renormalisedWeightsAndTies() throws {
        let score = try CompositeScore(
            ids: ["A", "B", "C"],
            indicators: [Indicator("x", values: [0, 1, 2]), Indicator("y", .cost, values: [0, 1, 2])],
            weights: IndicatorWeights(["x": 2, "y": 2]))
        #expect(score.weights == [0.5, 0.5])
        #expect(score.scores == [0.5, 0.5, 0.5])
        #expect(score.ranking == [0, 1, 2])
        #expect(score.warnings == ["the weights sum to 4, not 1; they were renormalised"])
    }

    @Test func badWeights() {
        let x = [Indicator("x", values: [0, 1])]
        #expect(throws: ScoringError(.badWeights, "the weight of \"x\" is -1.0; weights must be finite numbers ≥ 0")) {
            try CompositeScore(ids: ["a", "b"], indicators: x, weights: IndicatorWeights(["x": -1]))
        }
        #expect(throws: ScoringError(.badWeights, "no indicator \"z\" to weigh; known: x")) {
            try CompositeScore(ids: ["a", "b"], indicators: x, weights: IndicatorWeights(["z": 1]))
        }
        #expect(throws: ScoringError(.badWeights, "all weights are 0; give at least one indicator a positive weight")) {
            try CompositeScore(ids: ["a", "b"], indicators: x, weights: IndicatorWeights(["x": 0]))
        }
    }

    /// The seeds' preset without influence and future value (no CLV): 0.2/0.75 and 0.55/0.75.
    @Test func seedsPresetDropsWhatTheDataLacks() throws {
        let (weights, note) = try WeightTree.seeds.weights(available: ["historical", "current", "recency"])
        #expect(weights.names == ["historical", "current"])
        #expect(close(weights.weights, [0.2 / 0.75, 0.55 / 0.75]))
        #expect(
            note
                == "weights dropped because the data has no such indicator yet: influence (0.05), credit_value (0.0667), "
                + "loyalty_value (0.0667), elasticity_value (0.0667); their weight went to the other indicators of the "
                + "same branch (or, when a whole branch was missing, to the other branches), renormalised to sum 1"
        )
        // The flat form, restricted as flat weights are.
        let (flat, flatNote) = try IndicatorWeights.seedsFlat.restricted(to: ["historical", "current", "clv"])
        #expect(flat.names == ["historical", "current", "clv"])
        #expect(close(flat.weights, [0.2 / 0.95, 0.55 / 0.95, 0.2 / 0.95]))
        #expect(
            flatNote?.hasPrefix("weights dropped because the data has no such indicator yet: influence (0.05)") == true)
    }
}
