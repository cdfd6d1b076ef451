import CVMStore
import CustomerValue

/// The groups an elasticity compares.
public enum ElasticityGroupBy: String, CaseIterable, Codable, Sendable {
    /// RFM segments as of the window's end.
    case rfm
    /// The segment column of the marketing file.
    case marketing
}

/// What a value-elasticity analysis covers.
public struct ElasticityRequest: Equatable, Sendable {
    /// Last day of the window (default: the last transaction day).
    public var asOf: Day?
    /// Calendar months in the window, ending with the as-of month (default:
    /// `Defaults.elasticityWindowMonths`).
    public var windowMonths: Int?
    /// Total budget to split (default: the current total spend).
    public var budget: Double?
    /// Largest change of a group's spend in the split (default: `Defaults.elasticityMaxChange`).
    public var maxChange: Double?
    /// Margin (amount − cost) instead of revenue.
    public var margin: Bool
    public var groupBy: ElasticityGroupBy
    /// The RFM rule table with `.rfm`.
    public var scheme: SegmentScheme
    /// Language of the RFM segment names.
    public var language: Language

    public init(
        asOf: Day? = nil, windowMonths: Int? = nil, budget: Double? = nil, maxChange: Double? = nil,
        margin: Bool = false, groupBy: ElasticityGroupBy = .rfm, scheme: SegmentScheme = .grid,
        language: Language = .en
    ) {
        self.asOf = asOf
        self.windowMonths = windowMonths
        self.budget = budget
        self.maxChange = maxChange
        self.margin = margin
        self.groupBy = groupBy
        self.scheme = scheme
        self.language = language
    }
}

extension Workspace {
    /// Value elasticity: revenue (or margin) per unit of marketing spend, per group and customer,
    /// and a budget split (docs/credit-and-elasticity.md). The report calls it too.
    ///
    /// - Throws: `AppError(.noData)` without transactions or without spend in the window (the
    ///   message says where the stored spend lies); `.invalidRequest` for settings out of range.
    public func elasticity(_ request: ElasticityRequest) async throws -> ElasticityResult {
        let windowMonths = request.windowMonths ?? defaults.elasticityWindowMonths
        guard Defaults.Bounds.currentWindowMonths.contains(windowMonths) else {
            throw AppError(
                .invalidRequest,
                "the window must be 1 to \(Defaults.Bounds.currentWindowMonths.upperBound) months, not \(windowMonths)")
        }
        let maxChange = request.maxChange ?? defaults.elasticityMaxChange
        guard maxChange >= 0, maxChange.isFinite else {
            throw AppError(.invalidRequest, "the largest change is a share of 0 or more, e.g. 0.5 for ±50 %")
        }
        if let budget = request.budget, budget < 0 || !budget.isFinite {
            throw AppError(.invalidRequest, "the budget must be an amount of 0 or more")
        }
        guard let days = try await run({ try await store.transactionDayRange() }) else {
            throw AppError(.noData, "the database has no transactions yet", facts: [.init("needs", "transactions")])
        }
        let options = ElasticityOptions(
            asOf: request.asOf ?? days.upperBound, windowMonths: windowMonths, budget: request.budget,
            maxChange: maxChange)
        let start = CalendarMonth(options.asOf).adding(1 - windowMonths).firstDay
        let spend = try await run { try await store.marketingSpend(from: start, through: options.asOf) }
        guard spend.contains(where: { $0.amount > 0 }) else {
            var message = "no marketing spend between \(start) and \(options.asOf)"
            var facts = [AppError.Fact("needs", "marketing")]
            if let stored = try await run({ try await store.marketingDayRange() }) {
                message +=
                    ": the stored spend runs from \(stored.lowerBound) to \(stored.upperBound); "
                    + "choose an as-of date and window that cover it"
                facts = [
                    .init("spend_from", stored.lowerBound.description),
                    .init("spend_to", stored.upperBound.description),
                ]
            }
            throw AppError(.noData, message, facts: facts)
        }
        let revenue = try await run {
            try await store.monthlyRevenue(from: start, through: options.asOf, margin: request.margin)
        }
        let grouping: ElasticityGrouping
        switch request.groupBy {
        case .marketing:
            grouping = .marketingSegment
        case .rfm:
            let summary = try await run { try await store.summary(SummaryOptions(asOf: options.asOf)) }
            let segmentation = Segmentation(scores: RFMScores(summary: summary), scheme: request.scheme)
            var groupOf: [String: String] = [:]
            for (id, key) in zip(summary.ids, segmentation.keys) { groupOf[id] = key }
            var names: [String: String] = [:]
            var aliases: [String: String] = [:]
            for group in segmentation.groups {
                names[group.key] = group.name(in: request.language)
                for alias in [group.key, group.name(in: .en), group.name(in: .zh)] {
                    aliases[alias.lowercased()] = group.key
                }
            }
            grouping = .assigned(groupOf: groupOf, names: names, aliases: aliases)
        }
        return ElasticityResult(
            elasticity: ValueElasticity(spend: spend, revenue: revenue, grouping: grouping, options: options),
            request: request)
    }
}

/// An elasticity with its two CSV views (groups, customers) and the JSON document.
public struct ElasticityResult: Sendable, Tabular {
    public let elasticity: ValueElasticity
    public let request: ElasticityRequest

    /// "revenue" or "margin".
    public var measure: String { request.margin ? "margin" : "revenue" }

    /// Budget lines by group key.
    public var allocationByGroup: [String: BudgetAllocation.Line] {
        Dictionary(elasticity.allocation.lines.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public var columns: [String] {
        [
            "rank", "group", "name", "customers", "spend", "revenue", "elasticity", "loglog_slope", "loglog_months",
            "suggested_spend", "change", "expected_revenue",
        ]
    }
    public var rowCount: Int { elasticity.groups.count }

    /// Group `rank + 1`'s row; absent figures are empty fields.
    public func fields(_ rank: Int) -> [String] {
        let g = elasticity.groups[rank]
        let line = allocationByGroup[g.key]
        return [
            String(rank + 1), g.key, g.name, String(g.customers), Number.exact(g.spend), Number.exact(g.revenue),
            g.elasticity.map(Number.exact) ?? "", g.slope.map { Number.exact($0.value) } ?? "",
            g.slope.map { String($0.periods) } ?? "", line.map { Number.exact($0.suggestedSpend) } ?? "",
            line.map { Number.exact($0.change) } ?? "", line.map { Number.exact($0.expectedRevenue) } ?? "",
        ]
    }

    /// One row per customer reached, by elasticity.
    public var customers: Customers { Customers(elasticity: elasticity) }

    public struct Customers: Sendable, Tabular {
        public let elasticity: ValueElasticity
        public var columns: [String] { ["rank", "customer_id", "group", "spend", "revenue", "elasticity"] }
        public var rowCount: Int { elasticity.customers.count }
        public func fields(_ rank: Int) -> [String] {
            let c = elasticity.customers[rank]
            return [
                String(rank + 1), c.id, c.group, Number.exact(c.spend), Number.exact(c.revenue),
                c.elasticity.map(Number.exact) ?? "",
            ]
        }
    }

    /// `{as_of, window_start, measure, grouping, window_months, months, total_spend, total_revenue,
    /// elasticity, groups: […], customers: […], budget: {…}, caveats: [{code, message}]}`.
    public var document: Document { Document(self) }

    public struct Document: Encodable, Sendable {
        public struct Group: Encodable, Sendable {
            public let rank: Int
            public let group, name: String
            public let customers: Int
            public let spend, revenue: Double
            public let elasticity, loglogSlope: Double?
            public let loglogMonths: Int?
            public let suggestedSpend, change, expectedRevenue: Double?
            public let monthlySpend, monthlyRevenue: [Double]
        }
        public struct Customer: Encodable, Sendable {
            public let rank: Int
            public let customerID, group: String
            public let spend, revenue: Double
            public let elasticity: Double?
        }
        public struct Budget: Encodable, Sendable {
            public let budget, maxChange, currentTotal, suggestedTotal, currentRevenue, expectedRevenue: Double
            public let reached: Bool
        }
        public struct Caveat: Encodable, Sendable {
            public let code, message: String
        }

        public let asOf, windowStart, measure, grouping: String
        public let windowMonths: Int
        public let months: [String]
        public let totalSpend, totalRevenue: Double
        public let elasticity: Double?
        public let groups: [Group]
        public let customers: [Customer]
        public let budget: Budget
        public let caveats: [Caveat]

        init(_ result: ElasticityResult) {
            let r = result.elasticity
            asOf = r.end.description
            windowStart = r.start.description
            measure = result.measure
            grouping = result.request.groupBy.rawValue
            windowMonths = r.months.count
            months = r.months.map(\.description)
            totalSpend = r.totalSpend
            totalRevenue = r.totalRevenue
            elasticity = r.elasticity
            let lines = result.allocationByGroup
            groups = r.groups.enumerated().map { rank, g in
                let line = lines[g.key]
                return Group(
                    rank: rank + 1, group: g.key, name: g.name, customers: g.customers, spend: g.spend,
                    revenue: g.revenue, elasticity: g.elasticity, loglogSlope: g.slope?.value,
                    loglogMonths: g.slope?.periods, suggestedSpend: line?.suggestedSpend, change: line?.change,
                    expectedRevenue: line?.expectedRevenue, monthlySpend: g.monthlySpend,
                    monthlyRevenue: g.monthlyRevenue)
            }
            customers = r.customers.enumerated().map { rank, c in
                Customer(
                    rank: rank + 1, customerID: c.id, group: c.group, spend: c.spend, revenue: c.revenue,
                    elasticity: c.elasticity)
            }
            let a = r.allocation
            budget = Budget(
                budget: a.budget, maxChange: a.maxChange, currentTotal: a.currentTotal,
                suggestedTotal: a.suggestedTotal, currentRevenue: a.currentRevenue,
                expectedRevenue: a.expectedRevenue, reached: a.isBudgetReached)
            caveats = r.caveats.map { Caveat(code: $0.code.rawValue, message: $0.message) }
        }
    }
}
