/// Which threshold a value-matrix axis used, on what basis, and why, in words a person reads.
///
/// `Threshold.automatic` is the default: the median, unless at least half the customers share the
/// smallest value (typically 0: most customers bought nothing in the current window). Then the
/// median is that smallest value, "high" would only mean "more than nothing", and one quadrant
/// would hold almost everyone, so the median of the values above the smallest is used instead:
/// high current value then means the better half of the customers who bought at all. (The mean
/// was the other candidate; it is pulled up by a few big customers, the reason cvm prefers the
/// median in the first place.)
public struct ThresholdChoice: Sendable, Equatable {
    /// How the value was found.
    public enum Basis: String, Sendable, Codable {
        /// The median of all values.
        case median
        /// The median of the values above the smallest (used when the plain median is the smallest).
        case medianAboveMinimum = "median_above_minimum"
        case mean
        case quantile
        /// Given by the business.
        case fixed
    }

    /// The rule asked for.
    public var rule: Threshold
    public var basis: Basis
    /// The threshold: high means strictly above it.
    public var value: Double
    /// The number of (finite) values the threshold was computed over.
    public var customers: Int
    /// The number at the smallest value, counted when it decided the basis (else 0).
    public var atMinimum: Int
    /// The smallest value (meaningful with `.medianAboveMinimum`).
    public var minimum: Double

    /// The choice of `rule` on `values` (NaN and ±∞ are left out).
    public init(_ rule: Threshold, values: [Double]) {
        self.rule = rule
        let finite = values.filter(\.isFinite).sorted()
        customers = finite.count
        let minimum = finite.first ?? 0
        self.minimum = minimum
        atMinimum = 0
        switch rule {
        case .fixed(let x):
            basis = .fixed
            value = x
        case .mean:
            basis = .mean
            // The plain sum first; only when it overflows, the sum of the shares (never ±∞).
            let sum = finite.reduce(0, +)
            let n = Double(max(finite.count, 1))
            value = sum.isFinite ? sum / n : finite.reduce(0) { $0 + $1 / n }
        case .quantile(let q):
            basis = .quantile
            value = Threshold.quantile(q, of: finite)
        case .median:
            basis = .median
            value = Threshold.quantile(0.5, of: finite)
        case .automatic:
            let median = Threshold.quantile(0.5, of: finite)
            let above = finite.filter { $0 > minimum }
            if !finite.isEmpty && median == minimum && !above.isEmpty {
                basis = .medianAboveMinimum
                atMinimum = finite.count - above.count
                value = Threshold.quantile(0.5, of: above)
            } else {
                basis = .median
                value = median
            }
        }
    }

    /// Why this threshold, in one sentence: "median of the 2357 customers' values: 12.5"; for the
    /// automatic fallback, that the median was the smallest value and which median replaced it.
    public func explanation(in language: Language) -> String {
        let v = NumberText.plain(value)
        switch (basis, language) {
        case (.fixed, .en): return "fixed at \(v)"
        case (.fixed, .zh): return "固定为 \(v)"
        case (.mean, .en): return "mean of the \(customers) customers' values: \(v)"
        case (.mean, .zh): return "\(customers) 位客户的平均值：\(v)"
        case (.quantile, .en): return "\(rule) of the \(customers) customers' values: \(v)"
        case (.quantile, .zh): return "\(customers) 位客户的分位数（\(rule)）：\(v)"
        case (.median, .en): return "median of the \(customers) customers' values: \(v)"
        case (.median, .zh): return "\(customers) 位客户的中位数：\(v)"
        case (.medianAboveMinimum, .en):
            return "the median of all \(customers) customers' values is their smallest value, "
                + "\(NumberText.plain(minimum)) (\(atMinimum) customers have it), so high would mean more than that; "
                + "the median of the \(customers - atMinimum) values above it is used: \(v)"
        case (.medianAboveMinimum, .zh):
            return "全部 \(customers) 位客户的中位数等于最小值 \(NumberText.plain(minimum))（\(atMinimum) 位客户为此值），"
                + "“高”将只表示高于该值；改用高于最小值的 \(customers - atMinimum) 个值的中位数：\(v)"
        }
    }
}
