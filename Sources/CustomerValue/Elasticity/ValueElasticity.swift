import Foundation

/// What a value-elasticity analysis covers and how the budget suggestion is made.
public struct ElasticityOptions: Sendable {
    /// The last day of the window.
    public var asOf: Day
    /// The window is this many calendar months ending with the month of `asOf` (which is cut
    /// at `asOf`).
    public var windowMonths: Int
    /// The total to split over the groups; nil keeps the current total spend.
    public var budget: Double?
    /// The largest relative change of a group's spend in the suggestion (0.5 = ±50 %).
    public var maxChange: Double
    public var thresholds: ThinSpendThresholds

    public init(
        asOf: Day, windowMonths: Int = 12, budget: Double? = nil, maxChange: Double = 0.5,
        thresholds: ThinSpendThresholds = .standard
    ) {
        self.asOf = asOf
        self.windowMonths = max(1, windowMonths)
        self.budget = budget
        self.maxChange = maxChange
        self.thresholds = thresholds
    }
}

/// When spend data is too thin to lean on, the analysis says so (a caveat, not an error).
public struct ThinSpendThresholds: Sendable, Equatable {
    /// Fewer customers reached by spend than this → caveat.
    public var minCustomers: Int
    /// Fewer months with spend than this → caveat.
    public var minPeriods: Int
    /// One campaign holding more than this share of the spend → caveat.
    public var maxCampaignShare: Double

    public init(minCustomers: Int = 30, minPeriods: Int = 3, maxCampaignShare: Double = 0.8) {
        self.minCustomers = minCustomers
        self.minPeriods = minPeriods
        self.maxCampaignShare = maxCampaignShare
    }

    /// 30 customers, 3 months, 80 % in one campaign.
    public static let standard = ThinSpendThresholds()
}

/// A reason to distrust the result, with a stable code.
public struct SpendCaveat: Sendable, Equatable {
    public enum Code: String, Sendable {
        case noSpend = "no_spend"
        case fewCustomers = "few_customers"
        case fewPeriods = "few_periods"
        case concentratedCampaign = "concentrated_campaign"
        case unmatchedSegment = "unmatched_segment"
        case segmentWithoutCustomers = "segment_without_customers"
        case budgetNotReached = "budget_not_reached"
    }

    public var code: Code
    public var message: String
}

/// How customers are put in groups.
public enum ElasticityGrouping: Sendable {
    /// A group per customer given by the caller (e.g. RFM segments: `groupOf` customer id → group
    /// key, `names` group key → display name). Spend rows on a whole segment are matched to a
    /// group through `aliases` (a name in lower case → group key; keys match themselves).
    /// Customers not in `groupOf` (no purchases by the as-of day) form the group `no_purchases`.
    case assigned(groupOf: [String: String], names: [String: String], aliases: [String: String])
    /// The segment column of the marketing file: a customer belongs to the segment its spend
    /// rows name (the one with the most spend if they name several); rows without one form the
    /// group `unsegmented`.
    case marketingSegment
}

/// Value elasticity (客户价值弹性): revenue (or margin) per unit of marketing spend,
/// per customer and per group, over a window of months — "an elasticity of 2 means every yuan
/// invested brings two yuan of revenue".
///
/// - Customer: revenue of the customer in the window ÷ spend on the customer in the window.
/// - Group: revenue of the group's *reached* customers ÷ spend on the group, where spend on the
///   group is the spend on its customers plus the spend on the group as a whole, and the reached
///   customers are those with spend of their own — or every member, when the group as a whole
///   had spend. Revenue of customers no spend reached is not credited to marketing.
/// - Second measure, per group: the log-log slope `d ln revenue / d ln spend` across the months
///   of the window with spend and revenue (`LogLogSlope`), when there are 2 or more.
/// - A budget split (`BudgetAllocation`) over the groups with spend, and caveats when the spend
///   data is thin (`ThinSpendThresholds`).
///
/// The ratio is an average return that credits all revenue of reached customers to marketing;
/// it cannot tell what they would have bought anyway.
public struct ValueElasticity: Sendable {
    public struct Customer: Sendable, Equatable {
        public var id: String
        public var group: String
        public var spend: Double
        public var revenue: Double
        /// revenue ÷ spend; nil when spend is 0.
        public var elasticity: Double?
    }

    public struct Group: Sendable, Equatable {
        public var key: String
        public var name: String
        /// Customers reached by the spend.
        public var customers: Int
        public var spend: Double
        public var revenue: Double
        /// revenue ÷ spend; nil when spend is 0.
        public var elasticity: Double?
        /// Across months, when there are 2 or more with spend and revenue.
        public var slope: LogLogSlope?
        /// Spend and revenue per month of the window, oldest first.
        public var monthlySpend: [Double]
        public var monthlyRevenue: [Double]
    }

    public var start: Day
    public var end: Day
    public var months: [CalendarMonth]
    /// Customers with spend in the window, highest elasticity first.
    public var customers: [Customer]
    /// Groups with spend in the window, highest elasticity first.
    public var groups: [Group]
    public var allocation: BudgetAllocation
    public var caveats: [SpendCaveat]

    public var totalSpend: Double { groups.reduce(0) { $0 + $1.spend } }
    public var totalRevenue: Double { groups.reduce(0) { $0 + $1.revenue } }
    /// totalRevenue ÷ totalSpend; nil without spend.
    public var elasticity: Double? { totalSpend > 0 ? totalRevenue / totalSpend : nil }

    /// - Parameters:
    ///   - spend: spend rows (any dates; those outside the window are left out).
    ///   - revenue: revenue (or margin) per customer and month (those outside the window are left out).
    public init(
        spend: [SpendRecord], revenue: [RevenueRecord], grouping: ElasticityGrouping, options: ElasticityOptions
    ) {
        let last = CalendarMonth(options.asOf)
        let first = last.adding(1 - options.windowMonths)
        start = first.firstDay
        end = options.asOf
        months = (0..<options.windowMonths).map { first.adding($0) }
        let monthCount = months.count
        let (start, end) = (self.start, self.end)
        let inWindow = spend.filter { $0.day >= start && $0.day <= end }

        // Spend per customer (total and per month), and per segment named by segment rows.
        var customerSpend: [String: [Double]] = [:]
        var customerOrder: [String] = []
        var customerSegmentSpend: [String: [String: Double]] = [:]
        var segmentSpend: [String: [Double]] = [:]
        var segmentOrder: [String] = []
        var campaignSpend: [String: Double] = [:]
        var monthsWithSpend = Set<Int>()
        for row in inWindow {
            let m = CalendarMonth(row.day).index - first.index
            if row.amount > 0 { monthsWithSpend.insert(m) }
            if let campaign = row.campaign { campaignSpend[campaign, default: 0] += row.amount }
            if let id = row.customerID {
                if customerSpend[id] == nil {
                    customerSpend[id] = [Double](repeating: 0, count: monthCount)
                    customerOrder.append(id)
                }
                customerSpend[id]![m] += row.amount
                if let segment = row.segment {
                    customerSegmentSpend[id, default: [:]][segment, default: 0] += row.amount
                }
            } else if let segment = row.segment {
                if segmentSpend[segment] == nil {
                    segmentSpend[segment] = [Double](repeating: 0, count: monthCount)
                    segmentOrder.append(segment)
                }
                segmentSpend[segment]![m] += row.amount
            }
        }

        // The group of each customer with spend, and the group of each segment row.
        var groupNames: [String: String] = [:]
        var groupOfSpender: [String: String] = [:]
        var groupSpend: [String: [Double]] = [:]
        var unmatched: [(String, Double)] = []
        /// Groups with spend on the group as a whole: every member counts as reached.
        var wholeGroups = Set<String>()
        switch grouping {
        case .assigned(let groupOf, let names, let aliases):
            groupNames = names
            groupNames["no_purchases"] = groupNames["no_purchases"] ?? "No purchases yet"
            for id in customerOrder { groupOfSpender[id] = groupOf[id] ?? "no_purchases" }
            let keys = Set(groupOf.values).union(names.keys)
            for segment in segmentOrder {
                let name = segment.trimmingCharacters(in: .whitespaces).lowercased()
                if let key = aliases[name] ?? (keys.contains(segment) ? segment : nil) {
                    wholeGroups.insert(key)
                    Self.add(
                        segmentSpend[segment]!, to: &groupSpend[key, default: Array(repeating: 0, count: monthCount)])
                } else {
                    unmatched.append((segment, segmentSpend[segment]!.reduce(0, +)))
                }
            }
        case .marketingSegment:
            for id in customerOrder {
                let bySegment = customerSegmentSpend[id] ?? [:]
                let best = bySegment.max { a, b in a.value < b.value || (a.value == b.value && a.key > b.key) }
                groupOfSpender[id] = best?.key ?? "unsegmented"
            }
            for segment in segmentOrder {
                wholeGroups.insert(segment)
                Self.add(
                    segmentSpend[segment]!, to: &groupSpend[segment, default: Array(repeating: 0, count: monthCount)])
            }
            groupNames["unsegmented"] = "(no segment)"
        }
        for id in customerOrder {
            Self.add(
                customerSpend[id]!,
                to: &groupSpend[groupOfSpender[id]!, default: Array(repeating: 0, count: monthCount)])
        }

        // Reached customers of each group.
        var reached: [String: Set<String>] = [:]
        for id in customerOrder where customerSpend[id]!.reduce(0, +) > 0 {
            reached[groupOfSpender[id]!, default: []].insert(id)
        }
        if !wholeGroups.isEmpty {
            switch grouping {
            case .assigned(let groupOf, _, _):
                for (id, key) in groupOf where wholeGroups.contains(key) { reached[key, default: []].insert(id) }
            case .marketingSegment:
                for (id, key) in groupOfSpender where wholeGroups.contains(key) { reached[key, default: []].insert(id) }
            }
        }

        // Revenue per customer in the window.
        var customerRevenue: [String: [Double]] = [:]
        for record in revenue {
            let m = record.month.index - first.index
            guard m >= 0 && m < monthCount else { continue }
            customerRevenue[record.customerID, default: Array(repeating: 0, count: monthCount)][m] += record.amount
        }

        var customers: [Customer] = []
        for id in customerOrder {
            let spend = customerSpend[id]!.reduce(0, +)
            guard spend > 0 else { continue }
            let revenue = customerRevenue[id]?.reduce(0, +) ?? 0
            customers.append(
                Customer(
                    id: id, group: groupOfSpender[id]!, spend: spend, revenue: revenue, elasticity: revenue / spend))
        }
        self.customers = customers.sorted { a, b in
            a.elasticity! != b.elasticity!
                ? a.elasticity! > b.elasticity! : a.spend != b.spend ? a.spend > b.spend : a.id < b.id
        }

        var groups: [Group] = []
        for (key, monthly) in groupSpend {
            let spend = monthly.reduce(0, +)
            guard spend > 0 else { continue }
            var monthlyRevenue = [Double](repeating: 0, count: monthCount)
            for id in reached[key] ?? [] { if let r = customerRevenue[id] { Self.add(r, to: &monthlyRevenue) } }
            let revenue = monthlyRevenue.reduce(0, +)
            groups.append(
                Group(
                    key: key, name: groupNames[key] ?? key, customers: reached[key]?.count ?? 0, spend: spend,
                    revenue: revenue, elasticity: revenue / spend,
                    slope: LogLogSlope(spend: monthly, revenue: monthlyRevenue), monthlySpend: monthly,
                    monthlyRevenue: monthlyRevenue))
        }
        self.groups = groups.sorted { a, b in
            a.elasticity! != b.elasticity!
                ? a.elasticity! > b.elasticity! : a.spend != b.spend ? a.spend > b.spend : a.key < b.key
        }
        allocation = BudgetAllocation(
            groups: self.groups.map { ($0.key, $0.spend, $0.elasticity ?? 0) }, budget: options.budget,
            maxChange: options.maxChange)

        // Caveats, with the thresholds spelled out.
        var caveats: [SpendCaveat] = []
        let total = self.groups.reduce(0) { $0 + $1.spend }
        let period = "between \(start) and \(end)"
        if total <= 0 {
            caveats.append(
                SpendCaveat(code: .noSpend, message: "no marketing spend \(period): nothing to compare revenue with"))
        } else {
            let t = options.thresholds
            let reachedCount = self.groups.reduce(0) { $0 + $1.customers }
            if reachedCount < t.minCustomers {
                caveats.append(
                    SpendCaveat(
                        code: .fewCustomers,
                        message:
                            "only \(reachedCount) customer\(reachedCount == 1 ? "" : "s") reached by spend \(period) "
                            + "(fewer than \(t.minCustomers)): the ratios rest on few people"))
            }
            if monthsWithSpend.count < t.minPeriods {
                caveats.append(
                    SpendCaveat(
                        code: .fewPeriods,
                        message: "spend in only \(monthsWithSpend.count) month\(monthsWithSpend.count == 1 ? "" : "s") "
                            + "(fewer than \(t.minPeriods)): the ratio is a snapshot, and log-log slopes (2 or more months "
                            + "with spend) are weak or missing"))
            }
            let campaignTotal = inWindow.reduce(0) { $0 + $1.amount }
            if let top = campaignSpend.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }),
                campaignTotal > 0, top.value / campaignTotal > t.maxCampaignShare
            {
                caveats.append(
                    SpendCaveat(
                        code: .concentratedCampaign,
                        message: "\(Self.percent(top.value / campaignTotal)) of the spend is campaign \"\(top.key)\" "
                            + "(more than \(Self.percent(t.maxCampaignShare))): the ratios describe that campaign "
                            + "more than marketing in general"))
            }
        }
        for (segment, amount) in unmatched {
            let known = Set(groupNames.keys).subtracting(["no_purchases"]).sorted().joined(separator: ", ")
            caveats.append(
                SpendCaveat(
                    code: .unmatchedSegment,
                    message: "spend of \(Self.amount(amount)) on segment \"\(segment)\" matches no group "
                        + "(the groups are \(known)) and is left out"))
        }
        for group in self.groups where group.customers == 0 {
            caveats.append(
                SpendCaveat(
                    code: .segmentWithoutCustomers,
                    message: "\(group.name) had spend of \(Self.amount(group.spend)) but no known customers, so its "
                        + "elasticity reads 0: group by RFM segments or add customer rows with this segment"))
        }
        if total > 0 && !allocation.isBudgetReached {
            caveats.append(
                SpendCaveat(
                    code: .budgetNotReached,
                    message: "the budget \(Self.amount(allocation.budget)) cannot be split within "
                        + "±\(Self.percent(options.maxChange)) of each group's current spend: the suggestion adds up "
                        + "to \(Self.amount(allocation.suggestedTotal))"))
        }
        self.caveats = caveats
    }

    private static func add(_ values: [Double], to sum: inout [Double]) {
        for i in values.indices { sum[i] += values[i] }
    }

    static func percent(_ share: Double) -> String {
        let text = String(format: "%.1f", share * 100)
        return (text.hasSuffix(".0") ? String(text.dropLast(2)) : text) + "%"
    }

    static func amount(_ value: Double) -> String {
        NumberText.plain(value)
    }
}
