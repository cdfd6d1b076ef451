import CVMStore
import CustomerValue
import Foundation

/// Which warnings: at which date, by which rules, how many.
public struct WarningsRequest: Sendable, Equatable {
    public var asOf: Day?
    public var rules: LifecycleRules?
    public var warning: WarningRules?
    /// Warnings kept, best ranked first (default: all).
    public var top: Int?

    public init(asOf: Day? = nil, rules: LifecycleRules? = nil, warning: WarningRules? = nil, top: Int? = nil) {
        self.asOf = asOf
        self.rules = rules
        self.warning = warning
        self.top = top
    }
}

/// The churn warnings ranked by value at risk, with the lifecycle they were read from.
public struct WarningsResult: Sendable {
    public var lifecycle: LifecycleResult
    public var warnings: [ChurnWarning]
    /// Warnings before `top` cut the list.
    public var total: Int
    public var totalValueAtRisk: Double?

    public func id(_ w: ChurnWarning) -> String { lifecycle.ids[w.index] }
    public func sentence(_ w: ChurnWarning, in language: Language) -> String {
        w.sentence(lifecycle.assignments[w.index].facts, in: language)
    }

    /// One row per warning: rank, customer_id, stage, reasons, p_churn, clv, value_at_risk, gap_ratio, sentence.
    public func rows(in language: Language) -> Rows { Rows(result: self, language: language) }

    public struct Rows: Tabular, Sendable {
        let result: WarningsResult
        let language: Language
        public var columns: [String] {
            [
                "rank", "customer_id", "stage", "reasons", "p_churn", "clv", "value_at_risk", "gap_ratio",
                "reason_text",
            ]
        }
        public var rowCount: Int { result.warnings.count }
        public func fields(_ i: Int) -> [String] {
            let w = result.warnings[i]
            func d(_ x: Double?) -> String { x.map { Number.exact($0) } ?? "" }
            return [
                String(i + 1), result.id(w), result.lifecycle.assignments[w.index].stage.rawValue,
                w.reasons.map(\.rawValue).joined(separator: ";"), d(w.churnProbability),
                d(result.lifecycle.clv?[w.index]), d(w.valueAtRisk), d(w.gapRatio), result.sentence(w, in: language),
            ]
        }
    }

    /// `{as_of, p_alive_model, clv_source, warnings_total, value_at_risk_total, warnings: [...]}`.
    public func document(in language: Language) -> Document { Document(self, language) }

    public struct Document: Encodable, Sendable {
        public struct Warning: Encodable, Sendable {
            public let rank: Int
            public let customerID, stage: String
            public let reasons: [String]
            public let pChurn, clv, valueAtRisk, gapRatio: Double?
            public let reasonText: String
        }
        public let asOf, pAliveModel, clvSource: String
        public let warningsTotal: Int
        public let valueAtRiskTotal: Double?
        public let warnings: [Warning]

        init(_ r: WarningsResult, _ language: Language) {
            asOf = r.lifecycle.asOf.description
            pAliveModel = r.lifecycle.alive.model ?? "none"
            clvSource = r.lifecycle.clvSource.describe(in: language)
            warningsTotal = r.total
            valueAtRiskTotal = r.totalValueAtRisk
            warnings = r.warnings.enumerated().map { k, w in
                Warning(
                    rank: k + 1, customerID: r.id(w), stage: r.lifecycle.assignments[w.index].stage.rawValue,
                    reasons: w.reasons.map(\.rawValue), pChurn: w.churnProbability, clv: r.lifecycle.clv?[w.index],
                    valueAtRisk: w.valueAtRisk, gapRatio: w.gapRatio, reasonText: r.sentence(w, in: language))
            }
        }
    }
}

extension Workspace {
    /// The customers who are slipping away, ranked by value at risk = CLV × (1 − P(alive)), each
    /// with its reasons. P(alive) is the lifecycle's (MBG/NBD or Pareto/NBD, never BG/NBD); CLV
    /// comes from the latest stored run at the same as-of date, else it is computed.
    public func warnings(_ request: WarningsRequest) async throws -> WarningsResult {
        if let top = request.top, top < 1 {
            throw AppError(
                .invalidRequest, "the number of warnings must be at least 1", facts: [.init("top", "\(top)")])
        }
        let rules = request.rules ?? defaults.lifecycleRules
        try Self.checkRules(rules)
        let inputs = try await lifecycleInputs(asOf: request.asOf)
        let lifecycle = try await lifecycle(inputs, rules: rules, patterns: false)
        return warnings(lifecycle, rules: request.warning ?? defaults.warningRules, top: request.top)
    }

    func warnings(
        _ lifecycle: LifecycleResult, rules: WarningRules, top: Int?
    ) -> WarningsResult {
        let all = churnWarnings(
            stages: lifecycle.assignments, lifecycle: lifecycle.rules, warning: rules, clv: lifecycle.clv,
            signals: lifecycle.signals)
        let total = lifecycle.clv == nil ? nil : all.reduce(0) { $0 + ($1.valueAtRisk ?? 0) }
        return WarningsResult(
            lifecycle: lifecycle, warnings: top.map { Array(all.prefix($0)) } ?? all, total: all.count,
            totalValueAtRisk: total)
    }
}
