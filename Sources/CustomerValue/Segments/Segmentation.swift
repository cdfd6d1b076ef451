/// A rule table that names groups of customers from their RFM scores.
public enum SegmentScheme: String, CaseIterable, Sendable, Codable {
    /// The 5×5 recency × frequency grid with eleven named segments (`RFMSegment.grid`).
    case grid
    /// The Chinese eight-class model against the means (`ImportanceClass`).
    case importance
}

/// Every customer's segment, and the size and value of each segment.
public struct Segmentation: Sendable {
    public struct Group: Sendable, Equatable {
        /// Stable key (`champions`, `important_value`, …); the name is `name(in:)`.
        public var key: String
        public var strategy: String
        public var chineseStrategy: String
        public var reason: String
        public var chineseReason: String

        /// The strategy and its reason in `language` (a strategies file may replace both pairs).
        public func strategy(in language: Language) -> String { language == .zh ? chineseStrategy : strategy }
        public func reason(in language: Language) -> String { language == .zh ? chineseReason : reason }
        public var customers: Int
        public var revenue: Double
        /// Share of all customers, 0…1.
        public var customerShare: Double
        /// Share of total revenue, 0…1 (can exceed the range when returns make some revenue negative).
        public var revenueShare: Double
        public var meanRecencyDays: Double
        public var meanPurchases: Double
        public var meanRevenue: Double
    }

    public var scheme: SegmentScheme
    public var scores: RFMScores
    /// Segment key per customer, in the summary's order.
    public var keys: [String]
    /// Segments in the rule table's order, including empty ones.
    public var groups: [Group]

    /// - Parameter strategies: replacements for the built-in strategies of some segments, by
    ///   segment key (editable by the business).
    public init(scores: RFMScores, scheme: SegmentScheme = .grid, strategies: [String: ValueStrategy] = [:]) {
        self.scheme = scheme
        self.scores = scores
        let n = scores.count
        var names: [(key: String, strategy: ValueStrategy)]
        switch scheme {
        case .grid:
            keys = (0..<n).map { RFMSegment.grid(r: scores.r[$0], f: scores.f[$0]).rawValue }
            names = RFMSegment.allCases.map { ($0.rawValue, $0.defaultStrategy) }
        case .importance:
            let meanRecency = scores.recencyDays.reduce(0.0) { $0 + Double($1) } / Double(max(n, 1))
            let meanPurchases = scores.purchases.reduce(0.0) { $0 + Double($1) } / Double(max(n, 1))
            let meanRevenue = scores.revenue.reduce(0, +) / Double(max(n, 1))
            keys = (0..<n).map {
                ImportanceClass.classify(
                    near: Double(scores.recencyDays[$0]) < meanRecency,
                    frequent: Double(scores.purchases[$0]) > meanPurchases,
                    bigSpender: scores.revenue[$0] > meanRevenue
                ).rawValue
            }
            names = ImportanceClass.allCases.map { ($0.rawValue, $0.defaultStrategy) }
        }
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() { index[name.key] = i }
        let keys = keys
        let revenueShares = GroupShares.shares(scores.revenue, count: names.count) { index[keys[$0]]! }
        var count = [Int](repeating: 0, count: names.count)
        var revenue = [Double](repeating: 0, count: names.count)
        var recency = [Double](repeating: 0, count: names.count)
        var purchases = [Double](repeating: 0, count: names.count)
        for i in 0..<n {
            let g = index[keys[i]]!
            count[g] += 1
            revenue[g] += scores.revenue[i]
            recency[g] += Double(scores.recencyDays[i])
            purchases[g] += Double(scores.purchases[i])
        }
        groups = names.indices.map { g in
            let c = Double(max(count[g], 1))
            let strategy = strategies[names[g].key] ?? names[g].strategy
            return Group(
                key: names[g].key, strategy: strategy.strategy,
                chineseStrategy: strategy.chineseStrategy, reason: strategy.reason,
                chineseReason: strategy.chineseReason,
                customers: count[g], revenue: revenue[g], customerShare: n > 0 ? Double(count[g]) / Double(n) : 0,
                revenueShare: revenueShares[g],
                meanRecencyDays: count[g] > 0 ? recency[g] / c : 0, meanPurchases: count[g] > 0 ? purchases[g] / c : 0,
                meanRevenue: count[g] > 0 ? revenue[g] / c : 0)
        }
    }
}
