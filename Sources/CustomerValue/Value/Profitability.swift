// Customer profitability (客户盈利性): profit per customer after the cost to serve, value
// tiers, key accounts, and the large customers who do not pay.
//
//   profit = revenue − cost of goods − cost to serve,
//   cost of goods = the `cost` column where a row has one, revenue × (1 − margin) where not,
//   cost to serve = discounts (the `discount` column).
//
// Service and interaction costs belong to the cost to serve too, but the database does not record
// them yet; when it does they are subtracted here. Everything covers the transactions up to the
// evaluation date.

/// A value tier (高/中/低价值客户).
public enum ValueTier: String, CaseIterable, Sendable, Codable {
    case high, medium, low

}

/// The shares of customers in the high and medium tiers (the rest are low).
public struct TierShares: Sendable, Equatable, Codable {
    public var high: Double
    public var medium: Double

    /// Top 20 % high, next 30 % medium, the other 50 % low.
    public static let standard = TierShares(high: 0.2, medium: 0.3)

    public init(high: Double, medium: Double) {
        self.high = high
        self.medium = medium
    }

    /// Throws `ValueError(.badOption)` unless both are in [0, 1] and their sum is at most 1.
    public func validate() throws {
        guard (0...1).contains(high), (0...1).contains(medium), high + medium <= 1 + 1e-12 else {
            throw ValueError(
                .badOption,
                "tier shares \(high),\(medium) do not fit: give the high and medium shares of customers, each between 0 and 1 and together at most 1 (e.g. 0.2,0.3)"
            )
        }
    }
}

/// What ranks the key accounts.
public enum KeyAccountMeasure: String, CaseIterable, Sendable, Codable {
    case profit, revenue
}

/// Every customer's profit after the cost to serve, with tiers and the lists built on them.
public struct Profitability: Sendable {
    public var ids: [String]
    public var revenue: [Double]
    public var costOfGoods: [Double]
    /// The cost to serve that the data records: discounts.
    public var discounts: [Double]
    /// revenue − cost of goods − discounts.
    public var profit: [Double]
    /// The tier of every customer by profit.
    public var tiers: [ValueTier]
    /// Customers (indices) in the key-account list, best first.
    public var keyAccounts: [Int]
    /// Customers in the top revenue tier whose profit is in the low tier or negative, by revenue, largest first.
    public var largeButUnprofitable: [Int]
    public var revenueConcentration: Concentration
    public var profitConcentration: Concentration
    public var shares: TierShares
    public var keyAccountMeasure: KeyAccountMeasure
    /// Share of transaction rows that had a cost; the others used the margin.
    public var costCoverage: Double
    public var margin: Double

    /// Computes the profitability view of `windows` (all transactions up to its evaluation date).
    ///
    /// - Parameters:
    ///   - margin: share of revenue that is profit on rows without a cost.
    ///   - shares: the high and medium tier shares (default 20 % / 30 %).
    ///   - keyAccounts: length of the key-account list.
    /// - Throws: `ValueError(.badOption)` for tier shares that do not fit or a margin outside 0…1.
    public init(
        windows w: ValueWindows, margin: Double = 1, shares: TierShares = .standard,
        keyAccounts keyAccountCount: Int = 20,
        keyAccountsBy measure: KeyAccountMeasure = .profit
    ) throws {
        try shares.validate()
        guard (0...1).contains(margin) else { throw ValueError(.badOption, "the margin must be between 0 and 1") }
        ids = w.ids
        let revenue = w.totalRevenue
        self.revenue = revenue
        let historicalCost = w.historical.costOfGoods(margin: margin)
        let currentCost = w.current.costOfGoods(margin: margin)
        let costOfGoods = zip(historicalCost, currentCost).map(+)
        let discounts = zip(w.historical.discount, w.current.discount).map(+)
        let profit = revenue.indices.map { i in revenue[i] - costOfGoods[i] - discounts[i] }
        self.costOfGoods = costOfGoods
        self.discounts = discounts
        self.profit = profit
        self.shares = shares
        self.margin = margin
        keyAccountMeasure = measure
        costCoverage = w.rows > 0 ? Double(w.rowsWithCost) / Double(w.rows) : 0
        revenueConcentration = Concentration(revenue)
        profitConcentration = Concentration(profit)

        let n = ids.count
        let byProfit = Self.ranking(profit)
        let byRevenue = Self.ranking(revenue)
        let highCount = max(0, Int(saturating: (shares.high * Double(n)).rounded()))
        let highOrMedium = Int(saturating: ((shares.high + shares.medium) * Double(n)).rounded())
        var tiers = [ValueTier](repeating: .low, count: n)
        for (rank, i) in byProfit.enumerated() {
            tiers[i] = rank < highCount ? .high : rank < highOrMedium ? .medium : .low
        }
        self.tiers = tiers
        self.largeButUnprofitable = byRevenue.prefix(highCount).filter { tiers[$0] == .low || profit[$0] < 0 }
        self.keyAccounts = Array((measure == .profit ? byProfit : byRevenue).prefix(max(keyAccountCount, 0)))
    }

    /// Indices by value, largest first; ties keep the store's order.
    static func ranking(_ values: [Double]) -> [Int] {
        values.indices.sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
    }

    /// One tier's size and value.
    public struct TierSummary: Sendable, Equatable {
        public var tier: ValueTier
        public var customers: Int
        public var revenue: Double
        public var profit: Double
        /// Share of the total profit (outside 0…1 when some customers lose money).
        public var profitShare: Double
        public var revenueShare: Double
    }

    /// The three tiers, high first.
    public var tierSummaries: [TierSummary] {
        let all = ValueTier.allCases
        let tierIndex = tiers.map { tier in all.firstIndex(of: tier)! }
        let revenueShares = GroupShares.shares(revenue, count: all.count) { tierIndex[$0] }
        let profitShares = GroupShares.shares(profit, count: all.count) { tierIndex[$0] }
        return all.enumerated().map { t, tier in
            var s = TierSummary(tier: tier, customers: 0, revenue: 0, profit: 0, profitShare: 0, revenueShare: 0)
            for i in ids.indices where tiers[i] == tier {
                s.customers += 1
                s.revenue += revenue[i]
                s.profit += profit[i]
            }
            s.profitShare = profitShares[t]
            s.revenueShare = revenueShares[t]
            return s
        }
    }
}
