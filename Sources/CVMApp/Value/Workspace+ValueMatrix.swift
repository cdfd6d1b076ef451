import CVMStore
import CustomerValue

/// What a value matrix covers and how it splits the customers.
public struct ValueMatrixRequest: Equatable, Sendable {
    /// Evaluation date (default: the last transaction day).
    public var asOf: Day?
    /// Profit share of revenue on rows without a cost (default: `Defaults.margin`).
    public var margin: Double?
    /// Months in the current window (default: `Defaults.currentWindowMonths`); fractions allowed.
    public var currentWindowMonths: Double?
    /// Months of future profit in the potential value (default: `Defaults.horizonMonths`).
    public var horizonMonths: Int?
    /// Discount rate per month (default: `Defaults.discountRate`).
    public var discountRate: Double?
    /// Default: `.model` (BG/NBD + Gamma-Gamma CLV), falling back to the present value.
    public var potential: PotentialMethod?
    /// Annual retention for the present value (default: measured on the data).
    public var retention: Double?
    /// The rule of both axes (default: the domain's, `ValueMatrix`'s default).
    public var threshold: Threshold?
    /// Fixed thresholds that override `threshold` on one axis.
    public var currentThreshold: Double?
    public var potentialThreshold: Double?
    /// Behaviour clusters per cell (the value cube); 0 or nil for none.
    public var clusters: Int?
    /// Seed of the k-means++ draws (default: `Defaults.clusterSeed`).
    public var seed: UInt64?
    /// Strategies that replace the built-in ones of some groups.
    public var strategies: [ValueGroup: ValueStrategy]

    public init(
        asOf: Day? = nil, margin: Double? = nil, currentWindowMonths: Double? = nil, horizonMonths: Int? = nil,
        discountRate: Double? = nil, potential: PotentialMethod? = nil, retention: Double? = nil,
        threshold: Threshold? = nil, currentThreshold: Double? = nil, potentialThreshold: Double? = nil,
        clusters: Int? = nil, seed: UInt64? = nil, strategies: [ValueGroup: ValueStrategy] = [:]
    ) {
        self.asOf = asOf
        self.margin = margin
        self.currentWindowMonths = currentWindowMonths
        self.horizonMonths = horizonMonths
        self.discountRate = discountRate
        self.potential = potential
        self.retention = retention
        self.threshold = threshold
        self.currentThreshold = currentThreshold
        self.potentialThreshold = potentialThreshold
        self.clusters = clusters
        self.seed = seed
        self.strategies = strategies
    }
}

extension Workspace {
    /// The customer value matrix: current × potential value into retain, develop, maintain and
    /// nurture, optionally with behaviour clusters per cell (docs/value-and-profitability.md).
    ///
    /// - Throws: `AppError(.invalidRequest)` for settings out of range; `.noData` without
    ///   transactions; the domain's `ValueError` (as `.invalidRequest`) when the present value has
    ///   no retention rate.
    public func valueMatrix(_ request: ValueMatrixRequest) async throws -> ValueMatrixResult {
        let margin = try checkedMargin(request.margin)
        let months = request.currentWindowMonths ?? Double(defaults.currentWindowMonths)
        let horizon = request.horizonMonths ?? defaults.horizonMonths
        guard Defaults.Bounds.horizonMonths.contains(horizon) else {
            throw AppError(
                .invalidRequest,
                "the horizon must be a whole number of months, "
                    + "\(Defaults.Bounds.horizonMonths.lowerBound)…\(Defaults.Bounds.horizonMonths.upperBound), not \(horizon)"
            )
        }
        let discountRate = request.discountRate ?? defaults.discountRate
        guard discountRate >= 0, discountRate.isFinite else {
            throw AppError(.invalidRequest, "the discount rate must be 0 or more, not \(discountRate)")
        }
        if let retention = request.retention, !(0...1).contains(retention) {
            throw AppError(.invalidRequest, "the retention rate must be between 0 and 1 (an annual rate, e.g. 0.6)")
        }
        for case let x? in [request.currentThreshold, request.potentialThreshold] where !x.isFinite {
            throw AppError(.invalidRequest, "a fixed threshold must be a number")
        }
        let clusters = request.clusters ?? 0
        guard Defaults.Bounds.clusters.contains(clusters) else {
            throw AppError(
                .invalidRequest,
                "the clusters per group must be between \(Defaults.Bounds.clusters.lowerBound) and "
                    + "\(Defaults.Bounds.clusters.upperBound)"
            )
        }
        let potential = request.potential ?? defaults.potentialMethod
        let windows = try await valueWindows(asOf: request.asOf, currentWindowMonths: months)
        let summary =
            potential == .model
            ? try await run { try await store.summary(SummaryOptions(unit: defaults.modelUnit, asOf: windows.asOf)) }
            : nil
        let values = try await run {
            try CustomerValues(
                windows: windows, summary: summary,
                settings: ValueSettings(
                    currentWindowMonths: months, margin: margin, horizonMonths: horizon, discountRate: discountRate,
                    retention: request.retention, method: potential))
        }
        let rule = request.threshold ?? defaults.valueThreshold
        let matrix = ValueMatrix(
            current: values.current, potential: values.potential,
            currentThreshold: request.currentThreshold.map(Threshold.fixed) ?? rule,
            potentialThreshold: request.potentialThreshold.map(Threshold.fixed) ?? rule, strategies: request.strategies)
        let cube =
            clusters > 0
            ? ValueCube(
                matrix: matrix, features: BehaviourFeatures(windows: windows), k: clusters,
                seed: request.seed ?? defaults.clusterSeed)
            : nil
        return ValueMatrixResult(
            values: values, windows: windows, matrix: matrix, cube: cube,
            profit: ProfitBasis(margin: margin, windows: windows), database: store.path)
    }
}

/// A value matrix with its settings, CSV rows and JSON document.
public struct ValueMatrixResult: Sendable, Tabular {
    public let values: CustomerValues
    public let windows: ValueWindows
    public let matrix: ValueMatrix
    public let cube: ValueCube?
    public let profit: ProfitBasis
    /// The database read, to name it in a heading.
    public let database: String

    /// Notes that are warnings: the model could not be used, or a summary did not match.
    public var warnings: [String] {
        values.notes.filter { $0.hasPrefix("the model") || $0.hasPrefix("no purchase") }
    }

    public var columns: [String] {
        ["customer_id", "current_value", "potential_value", "group"] + (cube != nil ? ["cluster"] : [])
    }
    public var rowCount: Int { values.count }

    public func fields(_ i: Int) -> [String] {
        let v = values
        var row = [v.ids[i], Number.exact(v.current[i]), Number.exact(v.potential[i]), matrix.groups[i].rawValue]
        if let cube { row.append(String(cube.assignments[i] + 1)) }
        return row
    }

    /// `{settings, profit_assumption?, notes, fits, retention?, thresholds: [{axis, rule, value,
    /// explanation, explanation_zh}], groups, clusters?, customers}`.
    public var document: Document { Document(self) }

    public struct Document: Encodable, Sendable {
        public struct Settings: Encodable, Sendable {
            public let asOf, windowStart: String
            public let currentWindowMonths: Double
            public let currentWindowDays: Int
            public let margin: Double
            public let costCoverage: Double
            public let horizonMonths: Int
            public let discountRate: Double
            public let potentialMethod: String
        }
        public struct Axis: Encodable, Sendable {
            public let axis, rule: String
            public let value: Double
            public let explanation, explanationZh: String
        }
        public struct Group: Encodable, Sendable {
            public let group, name, nameZh: String
            public let customers: Int
            public let customerShare, currentValue, currentShare, potentialValue, potentialShare: Double
            public let strategy, strategyZh, reason, reasonZh: String
        }
        public struct Cluster: Encodable, Sendable {
            public let group: String
            public let cluster, customers: Int
            public let frequency, recencyDays, monetary, tenureDays: Double
            public let description, descriptionZh: String
        }
        public struct Customer: Encodable, Sendable {
            public let customerID: String
            public let historicalValue, currentValue, potentialValue: Double
            public let group: String
            public let cluster: Int?
        }

        public let settings: Settings
        public let profitAssumption: String?
        public let notes: [String]
        public let fits: [ModelFit]
        public let retention: RetentionEstimate?
        public let thresholds: [Axis]
        public let groups: [Group]
        public let clusters: [Cluster]?
        public let customers: [Customer]

        init(_ r: ValueMatrixResult) {
            let v = r.values
            let m = r.matrix
            settings = Settings(
                asOf: v.asOf.description, windowStart: v.windowStart.description,
                currentWindowMonths: v.settings.currentWindowMonths, currentWindowDays: r.windows.windowDays,
                margin: v.settings.margin, costCoverage: r.profit.costCoverage, horizonMonths: v.settings.horizonMonths,
                discountRate: v.settings.discountRate, potentialMethod: v.method.rawValue)
            profitAssumption = r.profit.assumption(in: .en)
            notes = v.notes
            fits = v.fits
            retention = v.retention
            thresholds = [
                Axis(
                    axis: "current", rule: m.currentRule.description, value: m.currentThreshold,
                    explanation: m.thresholdExplanation(.current, in: .en),
                    explanationZh: m.thresholdExplanation(.current, in: .zh)),
                Axis(
                    axis: "potential", rule: m.potentialRule.description, value: m.potentialThreshold,
                    explanation: m.thresholdExplanation(.potential, in: .en),
                    explanationZh: m.thresholdExplanation(.potential, in: .zh)),
            ]
            groups = m.cells.map {
                Group(
                    group: $0.group.rawValue, name: $0.group.name(in: .en), nameZh: $0.group.name(in: .zh),
                    customers: $0.customers, customerShare: $0.customerShare, currentValue: $0.currentValue,
                    currentShare: $0.currentShare, potentialValue: $0.potentialValue,
                    potentialShare: $0.potentialShare, strategy: $0.strategy.strategy,
                    strategyZh: $0.strategy.chineseStrategy, reason: $0.strategy.reason,
                    reasonZh: $0.strategy.chineseReason)
            }
            clusters = r.cube?.clusters.map {
                Cluster(
                    group: $0.group.rawValue, cluster: $0.index + 1, customers: $0.customers, frequency: $0.centre[0],
                    recencyDays: $0.centre[1], monetary: $0.centre[2], tenureDays: $0.centre[3],
                    description: $0.description, descriptionZh: $0.chineseDescription)
            }
            customers = v.ids.indices.map { i in
                Customer(
                    customerID: v.ids[i], historicalValue: v.historical[i], currentValue: v.current[i],
                    potentialValue: v.potential[i], group: m.groups[i].rawValue,
                    cluster: r.cube.map { $0.assignments[i] + 1 })
            }
        }
    }
}
