import CVMStore
import CustomerValue

/// What a concentration (Pareto) analysis covers.
public struct ParetoRequest: Equatable, Sendable {
    /// Evaluation date (default: the last transaction day).
    public var asOf: Day?
    /// Profit share of revenue on rows without a cost (default: `Defaults.margin`).
    public var margin: Double?

    public init(asOf: Day? = nil, margin: Double? = nil) {
        self.asOf = asOf
        self.margin = margin
    }
}

/// What a profitability-tier analysis covers.
public struct TiersRequest: Equatable, Sendable {
    public var asOf: Day?
    public var margin: Double?
    /// Shares of customers in the high and medium tiers (default: `Defaults.tierShares`).
    public var shares: TierShares?
    /// Length of the key-account list (default: `Defaults.keyAccounts`).
    public var keyAccounts: Int?
    /// Default: `Defaults.keyAccountsBy`.
    public var keyAccountsBy: KeyAccountMeasure?

    public init(
        asOf: Day? = nil, margin: Double? = nil, shares: TierShares? = nil, keyAccounts: Int? = nil,
        keyAccountsBy: KeyAccountMeasure? = nil
    ) {
        self.asOf = asOf
        self.margin = margin
        self.shares = shares
        self.keyAccounts = keyAccounts
        self.keyAccountsBy = keyAccountsBy
    }
}

extension Workspace {
    /// Concentration of revenue and profit: the Pareto curve at every 1 % of customers, Gini,
    /// who makes 80 % (docs/value-and-profitability.md).
    public func pareto(_ request: ParetoRequest) async throws -> ParetoResult {
        let margin = try checkedMargin(request.margin)
        let windows = try await valueWindows(
            asOf: request.asOf, currentWindowMonths: Double(defaults.currentWindowMonths))
        let p = try await run { try Profitability(windows: windows, margin: margin) }
        return ParetoResult(profitability: p, asOf: windows.asOf, database: store.path)
    }

    /// Profit tiers, key accounts and large-but-unprofitable customers.
    public func tiers(_ request: TiersRequest) async throws -> TiersResult {
        let margin = try checkedMargin(request.margin)
        let shares = request.shares ?? defaults.tierShares
        try await run { try shares.validate() }
        let keyAccounts = request.keyAccounts ?? defaults.keyAccounts
        guard keyAccounts >= 0 else {
            throw AppError(.invalidRequest, "the key-account list must have 0 or more customers, not \(keyAccounts)")
        }
        let windows = try await valueWindows(
            asOf: request.asOf, currentWindowMonths: Double(defaults.currentWindowMonths))
        let p = try await run {
            try Profitability(
                windows: windows, margin: margin, shares: shares, keyAccounts: keyAccounts,
                keyAccountsBy: request.keyAccountsBy ?? defaults.keyAccountsBy)
        }
        return TiersResult(profitability: p, asOf: windows.asOf, database: store.path)
    }
}

extension Profitability {
    /// How profit was counted.
    public var basis: ProfitBasis { ProfitBasis(margin: margin, costCoverage: costCoverage) }
}

/// Revenue and profit concentration, with CSV rows (the curve) and the JSON document.
public struct ParetoResult: Sendable, Tabular {
    public let profitability: Profitability
    public let asOf: Day
    public let database: String

    public var columns: [String] { ["customer_share", "revenue_share", "profit_share"] }
    public var rowCount: Int { profitability.revenueConcentration.pareto.count }

    public func fields(_ k: Int) -> [String] {
        let p = profitability
        return [
            Number.exact(Double(k) / 100), Number.exact(p.revenueConcentration.pareto[k]),
            Number.exact(p.profitConcentration.pareto[k]),
        ]
    }

    /// `{customers, as_of, profit_assumption?, revenue: {…}, profit: {…}, points: [{customer_share,
    /// revenue_share, profit_share}]}`.
    public var document: Document { Document(self) }

    public struct Document: Encodable, Sendable {
        public struct Measure: Encodable, Sendable {
            public let total: Double
            public let gini, shareMaking80, top20Share: Double?
            public let customersMaking80: Int?
            init(_ c: Concentration) {
                total = c.total
                gini = c.gini
                shareMaking80 = c.shareMaking80
                top20Share = c.top20Share
                customersMaking80 = c.customersMaking80
            }
        }
        public struct Point: Encodable, Sendable {
            public let customerShare, revenueShare, profitShare: Double
        }
        public let customers: Int
        public let asOf: String
        public let profitAssumption: String?
        public let revenue, profit: Measure
        public let points: [Point]

        init(_ r: ParetoResult) {
            let p = r.profitability
            customers = p.ids.count
            asOf = r.asOf.description
            profitAssumption = p.basis.assumption(in: .en)
            revenue = Measure(p.revenueConcentration)
            profit = Measure(p.profitConcentration)
            points = p.revenueConcentration.pareto.indices.map {
                Point(
                    customerShare: Double($0) / 100, revenueShare: p.revenueConcentration.pareto[$0],
                    profitShare: p.profitConcentration.pareto[$0])
            }
        }
    }
}

/// Profit tiers with CSV rows (one per customer) and the JSON document.
public struct TiersResult: Sendable, Tabular {
    public let profitability: Profitability
    public let asOf: Day
    public let database: String

    public var columns: [String] {
        ["customer_id", "revenue", "cost_of_goods", "discounts", "profit", "tier", "key_account", "large_unprofitable"]
    }
    public var rowCount: Int { profitability.ids.count }

    public var keyAccountSet: Set<Int> { Set(profitability.keyAccounts) }
    public var unprofitableSet: Set<Int> { Set(profitability.largeButUnprofitable) }

    public func fields(_ i: Int) -> [String] { fields(i, key: keyAccountSet, unprofitable: unprofitableSet) }

    func fields(_ i: Int, key: Set<Int>, unprofitable: Set<Int>) -> [String] {
        let p = profitability
        return [
            p.ids[i], Number.exact(p.revenue[i]), Number.exact(p.costOfGoods[i]), Number.exact(p.discounts[i]),
            Number.exact(p.profit[i]), p.tiers[i].rawValue, key.contains(i) ? "1" : "0",
            unprofitable.contains(i) ? "1" : "0",
        ]
    }

    /// The CSV without rebuilding the flag sets for every row.
    public func writeCSV(_ write: (String) -> Void) {
        let key = keyAccountSet
        let unprofitable = unprofitableSet
        write(CSV.row(columns) + "\n")
        for i in 0..<rowCount { write(CSV.row(fields(i, key: key, unprofitable: unprofitable)) + "\n") }
    }

    /// `{settings, profit_assumption?, tiers: [...], key_accounts: [ids], large_unprofitable: [ids],
    /// customers: [...]}`.
    public var document: Document { Document(self) }

    public struct Document: Encodable, Sendable {
        public struct Settings: Encodable, Sendable {
            public let asOf: String
            public let margin, highShare, mediumShare, costCoverage: Double
            public let keyAccountsBy: String
        }
        public struct Tier: Encodable, Sendable {
            public let tier, name, nameZh: String
            public let customers: Int
            public let revenue, revenueShare, profit, profitShare: Double
        }
        public struct Customer: Encodable, Sendable {
            public let customerID: String
            public let revenue, costOfGoods, discounts, profit: Double
            public let tier: String
        }
        public let settings: Settings
        public let profitAssumption: String?
        public let tiers: [Tier]
        public let keyAccounts: [String]
        public let largeUnprofitable: [String]
        public let customers: [Customer]

        init(_ r: TiersResult) {
            let p = r.profitability
            settings = Settings(
                asOf: r.asOf.description, margin: p.margin, highShare: p.shares.high, mediumShare: p.shares.medium,
                costCoverage: p.costCoverage, keyAccountsBy: p.keyAccountMeasure.rawValue)
            profitAssumption = p.basis.assumption(in: .en)
            tiers = p.tierSummaries.map {
                Tier(
                    tier: $0.tier.rawValue, name: $0.tier.name(in: .en), nameZh: $0.tier.name(in: .zh),
                    customers: $0.customers, revenue: $0.revenue, revenueShare: $0.revenueShare, profit: $0.profit,
                    profitShare: $0.profitShare)
            }
            keyAccounts = p.keyAccounts.map { p.ids[$0] }
            largeUnprofitable = p.largeButUnprofitable.map { p.ids[$0] }
            customers = p.ids.indices.map {
                Customer(
                    customerID: p.ids[$0], revenue: p.revenue[$0], costOfGoods: p.costOfGoods[$0],
                    discounts: p.discounts[$0], profit: p.profit[$0], tier: p.tiers[$0].rawValue)
            }
        }
    }
}
