import CVMStore
import CustomerValue
import Foundation

/// Service recovery at an as-of date.
public struct RecoveryRequest: Sendable, Equatable {
    /// Default: the last transaction day.
    public var asOf: Day?
    /// Default: `Defaults.recoveryWindowDays`.
    public var windowDays: Int?

    public init(asOf: Day? = nil, windowDays: Int? = nil) {
        self.asOf = asOf
        self.windowDays = windowDays
    }
}

/// Retention and CLV after a complaint by resolution-time band, beside customers who never complained.
public struct RecoveryResult: Sendable, Tabular {
    public var recovery: ServiceRecovery
    public var clvRun: Int64?

    /// The band's key: `h24` (resolved within 24 h), …, `later`, `unresolved`.
    public static func key(_ b: ServiceRecovery.Band) -> String {
        if b.unresolved { return "unresolved" }
        return b.upToHours.map { "h" + Number.exact($0) } ?? "later"
    }

    public static func name(_ b: ServiceRecovery.Band, in language: Language) -> String {
        if b.unresolved { return Text.recoveryUnresolved(language) }
        return b.upToHours.map { Text.recoveryUpTo(language, Number.readable($0, digits: 0)) }
            ?? Text.recoveryLater(language)
    }

    public var columns: [String] {
        [
            "band", "up_to_hours", "customers", "retained", "retention", "baseline_retention", "retention_difference",
            "mean_clv", "baseline_clv",
        ]
    }
    public var rowCount: Int { recovery.bands.count }
    public func fields(_ i: Int) -> [String] {
        let b = recovery.bands[i]
        func d(_ x: Double?) -> String { x.map { Number.exact($0) } ?? "" }
        return [
            Self.key(b), d(b.upToHours), String(b.customers), String(b.retained), d(b.retention),
            d(b.baselineRetention), d(b.retentionDifference), d(b.meanCLV), d(b.baselineCLV),
        ]
    }

    /// `{as_of, window_days, never_complained, clv_run, bands: [...]}`.
    public var document: Document { Document(self) }

    public struct Document: Encodable, Sendable {
        public struct Band: Encodable, Sendable {
            public let band: String
            public let upToHours: Double?
            public let customers, retained: Int
            public let retention, baselineRetention, retentionDifference, meanCLV, baselineCLV: Double?
        }
        public let asOf: String
        public let windowDays, neverComplained: Int
        public let clvRun: Int64?
        public let bands: [Band]

        init(_ r: RecoveryResult) {
            asOf = r.recovery.asOf.description
            windowDays = r.recovery.windowDays
            neverComplained = r.recovery.neverComplained
            clvRun = r.clvRun
            bands = r.recovery.bands.map {
                Band(
                    band: RecoveryResult.key($0), upToHours: $0.upToHours, customers: $0.customers,
                    retained: $0.retained, retention: $0.retention, baselineRetention: $0.baselineRetention,
                    retentionDifference: $0.retentionDifference, meanCLV: $0.meanCLV, baselineCLV: $0.baselineCLV)
            }
        }
    }
}

extension Workspace {
    /// Whether a fast resolution keeps the customer: retention (a purchase within the window after
    /// the customer's first complaint) and CLV by resolution-time band, against customers who never
    /// complained and were active at the same dates (see `ServiceRecovery`).
    ///
    /// - Throws: `AppError(.noData)` without transactions or without a complaint old enough.
    public func recovery(_ request: RecoveryRequest) async throws -> RecoveryResult {
        guard let range = try await run({ try await store.transactionDayRange() }) else {
            throw AppError(.noData, .acquisitionNoTransactions)
        }
        let asOf = request.asOf ?? range.upperBound
        let window = request.windowDays ?? defaults.recoveryWindowDays
        guard (1...3660).contains(window) else { throw AppError(.invalidRequest, .recoveryWindowRange, window) }
        let complaints = try await run { try await store.complaints() }
        guard complaints.contains(where: { $0.opened + window <= asOf }) else {
            throw AppError(.noData, .recoveryNoComplaints, window, asOf)
        }
        let history = try await run { try await store.purchaseHistory(through: asOf) }
        var clv: [String: Double]?
        var clvRun: Int64?
        if let latest = try await run({ try await store.analysisRuns() }).max(by: { $0.id < $1.id }) {
            let x = try await run { try await store.analysisResults(latest.id) }.results
            if let values = x.clv {
                clv = Dictionary(zip(x.ids, values), uniquingKeysWith: { a, _ in a })
                clvRun = latest.id
            }
        }
        return RecoveryResult(
            recovery: ServiceRecovery(
                history: history, complaints: complaints, clv: clv, asOf: asOf, windowDays: window,
                bandHours: defaults.recoveryBandHours),
            clvRun: clvRun)
    }
}
