import CustomerValue
import Testing

/// The seeds' composite value model as a tree.
@Suite struct WeightTreeTests {
    private func close(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-15 }
    }

    /// historical 0.2, current 0.55, influence 0.05, future 0.2 split in three equal parts.
    @Test func seedsLeaves() {
        let leaves = WeightTree.seeds.leaves
        let names: [String] = leaves.map(\.name)
        let expected = ["historical", "current", "influence", "credit_value", "loyalty_value", "elasticity_value"]
        #expect(names == expected)
        let third: Double = 0.2 / 3
        let weights: [Double] = leaves.map(\.weight)
        #expect(close(weights, [0.2, 0.55, 0.05, third, third, third]))
    }

    /// Data without influence, credit or elasticity: future's 0.2 stays with loyalty value (the one
    /// part of future left) and influence's 0.05 is shared by the three branches left:
    /// 0.2/0.95, 0.55/0.95, 0.2/0.95.
    @Test func missingLeavesGiveTheirWeightToTheirBranch() throws {
        let (weights, note) = try WeightTree.seeds.weights(
            available: ["historical", "current", "clv", "loyalty", "loyalty_value"])
        #expect(weights.names == ["historical", "current", "loyalty_value"])
        #expect(close(weights.weights, [0.2 / 0.95, 0.55 / 0.95, 0.2 / 0.95]))
        #expect(
            note
                == "weights dropped because the data has no such indicator yet: influence (0.05), credit_value (0.0667), "
                + "elasticity_value (0.0667); their weight went to the other indicators of the same branch (or, when a "
                + "whole branch was missing, to the other branches), renormalised to sum 1")
        // Nothing missing: no note, the leaves' weights.
        let all = Set(WeightTree.seeds.leaves.map(\.name))
        let (full, none) = try WeightTree.seeds.weights(available: all)
        #expect(none == nil && full.names.count == 6)
        #expect(throws: ScoringError.self) { try WeightTree.seeds.weights(available: ["recency"]) }
    }

    /// loyalty_value = CLV × loyalty′ with loyalty (¼, ½, 1) normalised to (0, ⅓, 1): (0, 200/3, 300). Without a credit or
    /// elasticity column the other two products are not made.
    @Test func productIndicators() {
        let derived = WeightTree.seeds.derivedIndicators(from: [
            Indicator("clv", .benefit, values: [100, 200, 300]),
            Indicator("loyalty", .benefit, values: [0.25, 0.5, 1]),
        ])
        #expect(derived.map(\.name) == ["loyalty_value"])
        #expect(derived[0].values == [0, 200 * (0.25 / 0.75), 300])
    }

    @Test func flatForm() {
        #expect(IndicatorWeights.seedsFlat.names == ["historical", "current", "influence", "clv"])
        #expect(IndicatorWeights.seedsFlat.weights == [0.2, 0.55, 0.05, 0.2])
    }
}
