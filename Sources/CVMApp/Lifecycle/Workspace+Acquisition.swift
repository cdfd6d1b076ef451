import CVMStore
import CustomerValue
import Foundation

/// Acquisition against retention cost at an as-of date.
public struct AcquisitionRequest: Sendable, Equatable {
    /// Default: the last transaction day.
    public var asOf: Day?
    /// The margin on revenue the payback is counted in (default: `Defaults.margin`).
    public var margin: Double?

    public init(asOf: Day? = nil, margin: Double? = nil) {
        self.asOf = asOf
        self.margin = margin
    }
}

/// Cost per acquired customer by channel and cohort, CLV : cost, payback months, and the cost of
/// keeping a customer beside the cost of winning one.
public struct AcquisitionResult: Sendable, Tabular {
    public var economics: AcquisitionEconomics
    /// Where the CLV came from: the latest analysis run (its id), or nil without one.
    public var clvRun: Int64?
    public var clvHorizonMonths: Int?

    /// One row per cohort and channel, then one per channel (`cohort` = `all`).
    public var columns: [String] {
        [
            "cohort", "channel", "customers", "acquisition_spend", "cost_per_customer", "mean_clv", "clv_to_cost",
            "payback_months",
        ]
    }
    public var rowCount: Int { economics.cells.count }
    public func fields(_ i: Int) -> [String] {
        let c = economics.cells[i]
        func d(_ x: Double?) -> String { x.map { Number.exact($0) } ?? "" }
        return [
            c.cohort?.description ?? "all", c.channel ?? "", String(c.customers), Number.exact(c.spend),
            d(c.costPerCustomer), d(c.meanCLV), d(c.clvToCost), c.paybackMonths.map(String.init) ?? "",
        ]
    }

    /// `{as_of, margin, clv_run, clv_horizon_months, acquisition: {…}, retention: {…}, cells: […]}`.
    public var document: Document { Document(self) }

    public struct Document: Encodable, Sendable {
        public struct Totals: Encodable, Sendable {
            public let spend: Double
            public let customers: Int
            public let costPerCustomer: Double?
        }
        public struct Cell: Encodable, Sendable {
            public let cohort: String
            public let channel: String?
            public let customers: Int
            public let acquisitionSpend: Double
            public let costPerCustomer, meanCLV, clvToCost: Double?
            public let paybackMonths: Int?
            public let cumulativeMargin: [Double]
        }
        public let asOf: String
        public let margin: Double
        public let clvRun: Int64?
        public let clvHorizonMonths: Int?
        public let acquisition, retention: Totals
        public let acquisitionToRetention: Double?
        public let cells: [Cell]

        init(_ r: AcquisitionResult) {
            let e = r.economics
            asOf = e.asOf.description
            margin = e.margin
            clvRun = r.clvRun
            clvHorizonMonths = r.clvHorizonMonths
            acquisition = Totals(
                spend: e.acquisitionSpend, customers: e.acquiredInSpendMonths, costPerCustomer: e.costPerAcquired)
            retention = Totals(
                spend: e.retentionSpend, customers: e.retainedCustomers, costPerCustomer: e.costPerRetained)
            acquisitionToRetention = e.acquisitionToRetention
            cells = e.cells.map {
                Cell(
                    cohort: $0.cohort?.description ?? "all", channel: $0.channel, customers: $0.customers,
                    acquisitionSpend: $0.spend, costPerCustomer: $0.costPerCustomer, meanCLV: $0.meanCLV,
                    clvToCost: $0.clvToCost, paybackMonths: $0.paybackMonths, cumulativeMargin: $0.cumulativeMargin)
            }
        }
    }
}

extension Workspace {
    /// What winning a customer cost by acquisition channel and cohort month (spend tagged
    /// acquisition ÷ customers acquired), their CLV against it, the months their margin took to
    /// pay it back, and the retention spend per customer kept (see `AcquisitionEconomics` for the
    /// definitions). CLV comes from the latest analysis run.
    ///
    /// - Throws: `AppError(.noData)` without transactions, or without marketing spend tagged with a purpose.
    public func acquisition(_ request: AcquisitionRequest) async throws -> AcquisitionResult {
        guard let range = try await run({ try await store.transactionDayRange() }) else {
            throw AppError(.noData, .acquisitionNoTransactions)
        }
        let asOf = request.asOf ?? range.upperBound
        let margin = request.margin ?? defaults.margin
        guard margin > 0, margin <= 1 else {
            throw AppError(.invalidRequest, .acquisitionMarginRange, Number.exact(margin))
        }
        let tagged = try await run { try await store.taggedSpend(through: asOf) }
        guard !tagged.isEmpty else { throw AppError(.noData, .acquisitionNoSpend) }
        let spend = tagged.compactMap { s in
            AcquisitionEconomics.Purpose(rawValue: s.purpose).map {
                AcquisitionEconomics.Spend(
                    month: CalendarMonth(s.day), channel: s.channel, purpose: $0, amount: s.amount)
            }
        }
        var acquired: [String: Day] = [:]
        var channel: [String: String] = [:]
        for f in try await run({ try await store.acquisitionFacts() }) {
            if let day = f.acquired { acquired[f.id] = day }
            if let c = f.channel { channel[f.id] = c }
        }
        let history = try await run { try await store.purchaseHistory(through: asOf) }
        var clv: [String: Double]?
        var clvRun: Int64?
        var horizon: Int?
        if let latest = try await run({ try await store.analysisRuns() }).max(by: { $0.id < $1.id }) {
            let x = try await run { try await store.analysisResults(latest.id) }.results
            if let values = x.clv {
                clv = Dictionary(zip(x.ids, values), uniquingKeysWith: { a, _ in a })
                clvRun = latest.id
                horizon = (try? AnalysisSettings.decode(latest.settings, run: latest.id))?.horizonMonths
            }
        }
        return AcquisitionResult(
            economics: AcquisitionEconomics(
                history: history, acquired: acquired, channel: channel, clv: clv, spend: spend, margin: margin,
                asOf: asOf),
            clvRun: clvRun, clvHorizonMonths: horizon)
    }
}
