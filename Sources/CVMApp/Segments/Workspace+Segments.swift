import CVMStore
import CustomerValue
import Foundation

/// Which segmentation, over which period.
public struct SegmentsRequest: Sendable, Equatable {
    /// Rule table (default: grid).
    public var scheme: SegmentScheme?
    public var unit: TimeUnit?
    public var asOf: Day?
    public var calibrationEnd: Day?
    /// Strategies that replace the built-in ones, by segment key (see `StrategyFile`).
    public var strategies: [String: ValueStrategy]

    public init(
        scheme: SegmentScheme? = nil, unit: TimeUnit? = nil, asOf: Day? = nil, calibrationEnd: Day? = nil,
        strategies: [String: ValueStrategy] = [:]
    ) {
        self.scheme = scheme
        self.unit = unit
        self.asOf = asOf
        self.calibrationEnd = calibrationEnd
        self.strategies = strategies
    }
}

extension Workspace {
    /// RFM scores (1–5 by quintiles) and the named segments with their sizes and value shares.
    public func segments(_ request: SegmentsRequest) async throws -> SegmentsResult {
        let scheme = request.scheme ?? .grid
        let builtIn = StrategyFile.builtIn(scheme)
        for key in request.strategies.keys where builtIn[key] == nil {
            throw AppError(.invalidRequest, .strategyUnknownSegment, key, builtIn.keys.sorted().joined(separator: ", "))
        }
        let options = SummaryOptions(
            unit: request.unit ?? defaults.summaryUnit, asOf: request.asOf, calibrationEnd: request.calibrationEnd)
        let summary = try await run { try await store.summary(options) }
        let segmentation = Segmentation(
            scores: RFMScores(summary: summary), scheme: scheme, strategies: request.strategies)
        return SegmentsResult(summary: summary, segmentation: segmentation)
    }
}

/// Every customer's scores and segment, and the segments.
public struct SegmentsResult: Sendable {
    public let summary: SummaryTable
    public let segmentation: Segmentation

    public init(summary: SummaryTable, segmentation: Segmentation) {
        self.summary = summary
        self.segmentation = segmentation
    }

    /// One row per customer: customer_id,recency_days,purchases,revenue,r,f,m,rfm,segment.
    public var customers: Customers { Customers(result: self) }
    /// One row per segment: segment,name,name_zh,customers,…,reason_zh.
    public var groups: Groups { Groups(segmentation: segmentation) }

    public struct Customers: Tabular, Sendable {
        let result: SegmentsResult
        public var columns: [String] {
            ["customer_id", "recency_days", "purchases", "revenue", "r", "f", "m", "rfm", "segment"]
        }
        public var rowCount: Int { result.summary.count }
        public func fields(_ i: Int) -> [String] {
            let s = result.segmentation
            let sc = s.scores
            return [
                result.summary.ids[i], String(sc.recencyDays[i]), String(sc.purchases[i]), Number.exact(sc.revenue[i]),
                String(sc.r[i]), String(sc.f[i]), String(sc.m[i]), "\(sc.r[i])\(sc.f[i])\(sc.m[i])", s.keys[i],
            ]
        }
    }

    public struct Groups: Tabular, Sendable {
        let segmentation: Segmentation
        public init(segmentation: Segmentation) { self.segmentation = segmentation }
        public var columns: [String] {
            [
                "segment", "name", "name_zh", "customers", "customer_share", "revenue", "revenue_share", "strategy",
                "strategy_zh", "reason", "reason_zh",
            ]
        }
        public var rowCount: Int { segmentation.groups.count }
        public func fields(_ i: Int) -> [String] {
            let g = segmentation.groups[i]
            return [
                g.key, g.name(in: .en), g.name(in: .zh), String(g.customers), Number.exact(g.customerShare),
                Number.exact(g.revenue), Number.exact(g.revenueShare), g.strategy, g.chineseStrategy, g.reason,
                g.chineseReason,
            ]
        }
    }

    /// `{scheme, observation_end, segments: [{segment, name, name_zh, …}], customers: [{customer_id, …}]}`.
    public var document: Document { Document(self) }

    public struct Document: Encodable, Sendable {
        public struct Group: Encodable, Sendable {
            public let segment, name, nameZh: String
            public let customers: Int
            public let customerShare, revenue, revenueShare: Double
            public let strategy, strategyZh, reason, reasonZh: String
        }
        public struct Customer: Encodable, Sendable {
            public let customerID: String
            public let recencyDays, purchases: Int
            public let revenue: Double
            public let r, f, m: Int
            public let segment: String
        }
        public let scheme: String
        public let observationEnd: String
        public let segments: [Group]
        public let customers: [Customer]

        init(_ result: SegmentsResult) {
            let s = result.segmentation
            scheme = s.scheme.rawValue
            observationEnd = result.summary.observationEnd.description
            segments = s.groups.map {
                Group(
                    segment: $0.key, name: $0.name(in: .en), nameZh: $0.name(in: .zh), customers: $0.customers,
                    customerShare: $0.customerShare, revenue: $0.revenue, revenueShare: $0.revenueShare,
                    strategy: $0.strategy, strategyZh: $0.chineseStrategy, reason: $0.reason, reasonZh: $0.chineseReason
                )
            }
            let sc = s.scores
            customers = (0..<result.summary.count).map {
                Customer(
                    customerID: result.summary.ids[$0], recencyDays: sc.recencyDays[$0], purchases: sc.purchases[$0],
                    revenue: sc.revenue[$0], r: sc.r[$0], f: sc.f[$0], m: sc.m[$0], segment: s.keys[$0])
            }
        }
    }
}
