/// RFM scores 1–5 per customer, by quintiles.
///
/// - R: days from the last purchase to the observation end; fewer days score higher.
/// - F: purchase periods (days with a purchase), i.e. `frequency + 1`.
/// - M: revenue in the period (sum of amounts, returns included).
///
/// Ties: a value scores by the share of customers strictly worse than it,
/// `score = 1 + ⌊5 · worse / n⌋`, so equal values always share one score and that score is the
/// lowest their block reaches. This equals quantile breakpoints with `[lower, upper)` bins (as
/// the R package `rfm` scores) and is deterministic: it never splits ties by row order, unlike
/// `NTILE(5)` or `qcut(rank(method="first"))`. With heavy ties a score can be empty: when 60 % of
/// customers bought once, they all have F = 1 and the next block starts at F = 4.
public struct RFMScores: Sendable, Equatable {
    /// Days since the last purchase, as of the observation end.
    public var recencyDays: [Int]
    /// Purchase periods in the observation window.
    public var purchases: [Int]
    public var revenue: [Double]
    public var r: [Int]
    public var f: [Int]
    public var m: [Int]

    public init(summary: SummaryTable) {
        recencyDays = zip(summary.lastDay, summary.ids).map { summary.observationEnd - $0.0 }
        purchases = summary.frequency.map { Int(saturating: $0) &+ 1 }
        revenue = summary.revenue
        r = Self.quintileScores(recencyDays.map { -Double($0) })
        f = Self.quintileScores(purchases.map(Double.init))
        m = Self.quintileScores(revenue)
    }

    public var count: Int { r.count }

    /// `1 + ⌊5 · (number of values strictly below) / n⌋` for each value (higher value, higher score).
    public static func quintileScores(_ values: [Double]) -> [Int] {
        let n = values.count
        guard n > 0 else { return [] }
        let order = values.indices.sorted { values[$0] < values[$1] }
        var scores = [Int](repeating: 1, count: n)
        var below = 0
        var start = 0
        while start < n {
            var end = start
            while end + 1 < n && values[order[end + 1]] == values[order[start]] { end += 1 }
            let score = 1 + (5 * below) / n
            for k in start...end { scores[order[k]] = min(score, 5) }
            below += end - start + 1
            start = end + 1
        }
        return scores
    }
}
