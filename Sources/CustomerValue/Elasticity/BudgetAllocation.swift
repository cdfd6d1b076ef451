/// A suggested split of a marketing budget over groups, moving spend toward the groups that
/// return more per unit spent (对价值弹性高的客户加大资源投入).
///
/// Rule: each group's suggested spend is proportional to its current spend times its elasticity
/// (so a group at the spend-weighted mean elasticity keeps its share, one above it gains, one
/// below it loses), clamped to `current × (1 ± maxChange)` (never below 0), with the common scale
/// chosen so that the clamped amounts add up to the budget. When every group is at its bound
/// and the budget still is not reached (or is exceeded), the bounds win and `isBudgetReached`
/// is false. Expected revenue assumes each group keeps returning its current ratio per unit —
/// an average, not a marginal return: treat it as a direction, not a forecast.
///
/// When no group returned anything (all elasticities 0) spend is scaled in proportion to the
/// current spend.
public struct BudgetAllocation: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public var key: String
        public var currentSpend: Double
        public var elasticity: Double
        public var suggestedSpend: Double
        /// `currentSpend × elasticity`.
        public var currentRevenue: Double { currentSpend * elasticity }
        /// `suggestedSpend × elasticity`.
        public var expectedRevenue: Double { suggestedSpend * elasticity }
        /// `suggested / current − 1`.
        public var change: Double { currentSpend > 0 ? suggestedSpend / currentSpend - 1 : 0 }
    }

    public var budget: Double
    public var maxChange: Double
    public var lines: [Line]
    public var isBudgetReached: Bool

    public var currentTotal: Double { lines.reduce(0) { $0 + $1.currentSpend } }
    public var suggestedTotal: Double { lines.reduce(0) { $0 + $1.suggestedSpend } }
    public var currentRevenue: Double { lines.reduce(0) { $0 + $1.currentRevenue } }
    public var expectedRevenue: Double { lines.reduce(0) { $0 + $1.expectedRevenue } }

    /// - Parameters:
    ///   - groups: each group's key, current spend (> 0) and elasticity (revenue ÷ spend, ≥ 0).
    ///   - budget: the total to split; nil keeps the current total.
    ///   - maxChange: the largest relative change per group, e.g. 0.5 for ±50 %.
    public init(
        groups: [(key: String, spend: Double, elasticity: Double)], budget: Double? = nil, maxChange: Double = 0.5
    ) {
        let spend = groups.map { max(0, $0.spend) }
        let total = spend.reduce(0, +)
        let budget = budget ?? total
        self.budget = budget
        self.maxChange = maxChange
        var weight = groups.indices.map { spend[$0] * max(0, groups[$0].elasticity) }
        if weight.reduce(0, +) <= 0 { weight = spend }
        let low = spend.map { max(0, $0 * (1 - maxChange)) }
        let high = spend.map { $0 * (1 + maxChange) }
        func allocation(_ scale: Double) -> [Double] {
            weight.indices.map { min(high[$0], max(low[$0], scale * weight[$0])) }
        }
        // The clamped sum grows with the scale; it is flat beyond the scale where every group
        // with weight is at its upper bound.
        let top = weight.indices.filter { weight[$0] > 0 }.map { high[$0] / weight[$0] }.max() ?? 0
        var suggested: [Double]
        if budget <= allocation(0).reduce(0, +) {
            suggested = allocation(0)
        } else if budget >= allocation(top).reduce(0, +) {
            suggested = allocation(top)
        } else {
            var lower = 0.0
            var upper = top
            for _ in 0..<200 {
                let middle = (lower + upper) / 2
                if middle <= lower || middle >= upper { break }
                if allocation(middle).reduce(0, +) < budget { lower = middle } else { upper = middle }
            }
            suggested = allocation((lower + upper) / 2)
            // Scale the groups strictly inside their bounds so the total is the budget to the last digit.
            let free = suggested.indices.filter { suggested[$0] > low[$0] && suggested[$0] < high[$0] }
            let fixed = suggested.indices.filter { !free.contains($0) }.reduce(0) { $0 + suggested[$1] }
            let freeTotal = free.reduce(0) { $0 + suggested[$1] }
            if freeTotal > 0 {
                let factor = (budget - fixed) / freeTotal
                for i in free { suggested[i] = min(high[i], max(low[i], suggested[i] * factor)) }
            }
        }
        let reached = abs(suggested.reduce(0, +) - budget) <= 1e-9 * max(1, abs(budget))
        lines = groups.indices.map {
            Line(
                key: groups[$0].key, currentSpend: spend[$0], elasticity: groups[$0].elasticity,
                suggestedSpend: suggested[$0])
        }
        isBudgetReached = reached
    }
}
