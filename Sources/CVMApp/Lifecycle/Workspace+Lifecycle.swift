import CVMStore
import CustomerValue
import Foundation

/// Which lifecycle, at which date, by which rules.
public struct LifecycleRequest: Sendable, Equatable {
    /// The as-of date (default: the last transaction day).
    public var asOf: Day?
    /// The stage rules (default: `Defaults.lifecycleRules`).
    public var rules: LifecycleRules?
    /// Whether to trace each customer's monthly journey for the patterns and the time in each stage.
    public var patterns: Bool

    public init(asOf: Day? = nil, rules: LifecycleRules? = nil, patterns: Bool = false) {
        self.asOf = asOf
        self.rules = rules
        self.patterns = patterns
    }
}

/// Every customer's lifecycle stage with its rule and facts, the counts and value per stage, and
/// with `patterns` the journeys.
public struct LifecycleResult: Sendable {
    public var asOf: Day
    public var ids: [String]
    public var assignments: [StageAssignment]
    /// Nil unless the patterns were asked for.
    public var journeys: [LifecycleJourney]?
    public var alive: AliveModel
    public var rules: LifecycleRules
    /// Revenue of each customer up to the as-of date.
    public var revenue: [Double]
    public var clv: [Double]?
    public var clvSource: CLVSource
    /// The complaints and interactions read beside the purchases, in `ids` order (empty columns
    /// where none were imported).
    public var signals = CustomerSignals()
    /// The customer base's rhythm (days) that customers with too few gaps of their own are judged
    /// by; nil when no customer has bought twice.
    public var baseRhythm: Double?

    /// Customers, revenue and CLV in one stage.
    public struct StageTotal: Sendable, Equatable {
        public var stage: LifecycleStage
        public var customers: Int
        public var share: Double
        public var revenue: Double
        public var clv: Double?
    }

    /// One row per stage, in the order of the life cycle.
    public var stages: [StageTotal] {
        var totals = LifecycleStage.allCases.map {
            StageTotal(stage: $0, customers: 0, share: 0, revenue: 0, clv: clv == nil ? nil : 0)
        }
        for (i, a) in assignments.enumerated() {
            let k = LifecycleStage.allCases.firstIndex(of: a.stage)!
            totals[k].customers += 1
            totals[k].revenue += revenue[i]
            if let clv { totals[k].clv! += clv[i] }
        }
        let n = Double(max(assignments.count, 1))
        for k in totals.indices { totals[k].share = Double(totals[k].customers) / n }
        return totals
    }

    /// Customers in each pattern and their mean months in each stage.
    public struct PatternTotal: Sendable, Equatable {
        public var pattern: LifecyclePattern
        public var customers: Int
        /// Mean months in each stage, in the order of `LifecycleStage.allCases`.
        public var meanMonths: [Double]
    }

    /// One row per pattern (nil without the journeys); prospects are not counted.
    public var patterns: [PatternTotal]? {
        guard let journeys else { return nil }
        var totals = LifecyclePattern.allCases.map {
            PatternTotal(pattern: $0, customers: 0, meanMonths: [Double](repeating: 0, count: 6))
        }
        for (i, j) in journeys.enumerated() where assignments[i].stage != .prospect {
            let k = LifecyclePattern.allCases.firstIndex(of: j.pattern)!
            totals[k].customers += 1
            for s in 0..<6 { totals[k].meanMonths[s] += Double(j.monthsInStage[s]) }
        }
        for k in totals.indices where totals[k].customers > 0 {
            totals[k].meanMonths = totals[k].meanMonths.map { $0 / Double(totals[k].customers) }
        }
        return totals
    }

    /// The position of customer `id`, matched in its normal form, or nil.
    public func index(of id: String) -> Int? {
        let normal = id.trimmingCharacters(in: .whitespacesAndNewlines.union(.init(charactersIn: "\u{FEFF}\u{200B}")))
        return ids.firstIndex(of: normal)
    }

    /// The facts a stage was decided from, as label–value pairs for people.
    public func facts(_ i: Int, in language: Language) -> [(label: String, value: String)] {
        let f = assignments[i].facts
        func n(_ x: Double?) -> String { x.map { Number.readable($0, digits: 2) } ?? "–" }
        var rows: [(String, String)] = [
            (Text.lifecycleFactPurchaseDays(language), String(f.purchaseDays)),
            (Text.lifecycleFactTenure(language), String(f.tenureDays)),
            (Text.lifecycleFactGap(language), String(f.daysSinceLastPurchase)),
            (
                Text.lifecycleFactRhythm(language),
                f.rhythmDays.map {
                    Number.readable($0, digits: 0) + " ("
                        + (f.rhythmIsOwn
                            ? Text.lifecycleOwn(language)
                            : f.rhythmIsAssumed ? Text.lifecycleAssumed(language) : Text.lifecycleBase(language))
                        + ")"
                } ?? "–"
            ),
            (Text.lifecycleFactWindow(language), String(f.recentWindowDays)),
            (Text.lifecycleFactRecentValue(language), n(f.recentValuePerPurchase)),
            (Text.lifecycleFactEarlierValue(language), n(f.earlierValuePerPurchase)),
            (Text.lifecycleFactPAlive(language, alive.name), n(f.probabilityAlive)),
            (Text.lifecycleFactComplaint(language), f.openComplaintDays.map(String.init) ?? "–"),
        ]
        if let journeys {
            rows.append((Text.lifecyclePattern(language), journeys[i].pattern.name(in: language)))
        }
        return rows
    }

    /// One row per customer: customer_id, stage, rule, the facts, pattern (with the patterns),
    /// revenue, clv, explanation.
    public var customers: Customers { Customers(result: self, language: .en) }

    public func customers(in language: Language) -> Customers { Customers(result: self, language: language) }

    public struct Customers: Tabular, Sendable {
        let result: LifecycleResult
        let language: Language
        public var columns: [String] {
            [
                "customer_id", "stage", "rule", "purchase_days", "tenure_days", "days_since_last_purchase",
                "rhythm_days", "rhythm_is_own", "rhythm_is_assumed", "recent_window_days", "recent_value_per_purchase",
                "earlier_value_per_purchase", "p_alive", "open_complaint_days",
            ] + (result.journeys == nil ? [] : ["pattern"] + LifecycleStage.allCases.map { "months_\($0.rawValue)" })
                + ["revenue", "clv", "explanation"]
        }
        public var rowCount: Int { result.ids.count }
        public func fields(_ i: Int) -> [String] {
            let a = result.assignments[i]
            let f = a.facts
            func d(_ x: Double?) -> String { x.map { Number.exact($0) } ?? "" }
            var row = [
                result.ids[i], a.stage.rawValue, a.rule.rawValue, String(f.purchaseDays), String(f.tenureDays),
                String(f.daysSinceLastPurchase), d(f.rhythmDays),
                f.purchaseDays == 0 ? "" : (f.rhythmIsOwn ? "1" : "0"),
                f.purchaseDays == 0 ? "" : (f.rhythmIsAssumed ? "1" : "0"),
                String(f.recentWindowDays), d(f.recentValuePerPurchase), d(f.earlierValuePerPurchase),
                d(f.probabilityAlive), f.openComplaintDays.map(String.init) ?? "",
            ]
            if let journeys = result.journeys {
                row.append(journeys[i].pattern.rawValue)
                row += journeys[i].monthsInStage.map(String.init)
            }
            row += [Number.exact(result.revenue[i]), d(result.clv?[i]), a.explanation(in: language)]
            return row
        }
    }

    /// One row per stage: stage, name, name_zh, customers, share, revenue, clv.
    public var stageRows: StageRows { StageRows(totals: stages) }

    public struct StageRows: Tabular, Sendable {
        let totals: [StageTotal]
        public var columns: [String] { ["stage", "name", "name_zh", "customers", "share", "revenue", "clv"] }
        public var rowCount: Int { totals.count }
        public func fields(_ i: Int) -> [String] {
            let t = totals[i]
            return [
                t.stage.rawValue, t.stage.name(in: .en), t.stage.name(in: .zh), String(t.customers),
                Number.exact(t.share), Number.exact(t.revenue), t.clv.map { Number.exact($0) } ?? "",
            ]
        }
    }

    /// `{as_of, p_alive_model, clv_source, stages: [...], patterns: [...]?, customers: [...]}`.
    public func document(in language: Language = .en) -> Document { Document(self, language) }

    public struct Document: Encodable, Sendable {
        public struct Stage: Encodable, Sendable {
            public let stage, name, nameZh: String
            public let customers: Int
            public let share, revenue: Double
            public let clv: Double?
        }
        public struct Pattern: Encodable, Sendable {
            public let pattern, name, nameZh: String
            public let customers: Int
            public let meanMonths: [String: Double]
        }
        public struct Customer: Encodable, Sendable {
            public let customerID, stage, rule: String
            public let facts: LifecycleFacts
            public let pattern: String?
            public let monthsInStage: [String: Int]?
            public let revenue: Double
            public let clv: Double?
            public let explanation: String
        }
        public let asOf: String
        public let pAliveModel: String
        public let pAliveFit: ModelFit?
        public let clvSource: String
        public let stages: [Stage]
        public let patterns: [Pattern]?
        public let customers: [Customer]

        init(_ r: LifecycleResult, _ language: Language) {
            asOf = r.asOf.description
            pAliveModel = r.alive.model ?? "none"
            pAliveFit = r.alive.fit
            clvSource = r.clvSource.describe(in: language)
            stages = r.stages.map {
                Stage(
                    stage: $0.stage.rawValue, name: $0.stage.name(in: .en), nameZh: $0.stage.name(in: .zh),
                    customers: $0.customers, share: $0.share, revenue: $0.revenue, clv: $0.clv)
            }
            patterns = r.patterns?.map { p in
                Pattern(
                    pattern: p.pattern.rawValue, name: p.pattern.name(in: .en), nameZh: p.pattern.name(in: .zh),
                    customers: p.customers,
                    meanMonths: Dictionary(
                        uniqueKeysWithValues: zip(LifecycleStage.allCases.map(\.rawValue), p.meanMonths)))
            }
            customers = r.ids.indices.map { i in
                let a = r.assignments[i]
                let j = r.journeys?[i]
                return Customer(
                    customerID: r.ids[i], stage: a.stage.rawValue, rule: a.rule.rawValue, facts: a.facts,
                    pattern: j?.pattern.rawValue,
                    monthsInStage: j.map {
                        Dictionary(uniqueKeysWithValues: zip(LifecycleStage.allCases.map(\.rawValue), $0.monthsInStage))
                    }, revenue: r.revenue[i], clv: r.clv?[i], explanation: a.explanation(in: language))
            }
        }
    }
}

extension Workspace {
    /// Every customer's lifecycle stage at the as-of date, decided by the rules from their own
    /// purchases and P(alive) from MBG/NBD (Pareto/NBD when MBG/NBD does not converge); with
    /// `patterns`, each customer's monthly journey and pattern.
    public func lifecycle(_ request: LifecycleRequest) async throws -> LifecycleResult {
        let rules = request.rules ?? defaults.lifecycleRules
        try Self.checkRules(rules)
        let inputs = try await lifecycleInputs(asOf: request.asOf)
        return try await lifecycle(inputs, rules: rules, patterns: request.patterns)
    }

    func lifecycle(
        _ inputs: LifecycleInputs, rules: LifecycleRules, patterns: Bool,
        clv given: (values: [Double]?, source: CLVSource)? = nil
    ) async throws -> LifecycleResult {
        let classifier = LifecycleClassifier(rules: rules)
        let h = inputs.history
        // Open complaints decide a decline; poorly resolved ones and fewer contacts than usual
        // are warning reasons. One pass over each table, in the history's customer order.
        let signals = try await run {
            try await store.customerSignals(
                ids: h.ids, asOf: inputs.asOf, recentDays: defaults.interactionWindowDays,
                poorSatisfactionShare: defaults.poorResolutionShare)
        }
        let base = classifier.baseRhythm(h, asOf: inputs.asOf)
        let assignments = classifier.stages(
            h, asOf: inputs.asOf, baseRhythm: base, probabilityAlive: inputs.probabilityColumn,
            openComplaintSince: signals.openComplaintSince)
        let journeys = patterns ? classifier.journeys(h, asOf: inputs.asOf, finalStages: assignments) : nil
        let revenue = (0..<h.count).map { i in h.values[h.range(i)].reduce(0, +) }
        let (clv, source): (values: [Double]?, source: CLVSource)
        if let given { (clv, source) = given } else { (clv, source) = try await lifecycleCLV(inputs) }
        return LifecycleResult(
            asOf: inputs.asOf, ids: h.ids, assignments: assignments, journeys: journeys, alive: inputs.alive,
            rules: rules, revenue: revenue, clv: clv, clvSource: source, signals: signals, baseRhythm: base)
    }

    /// Rules a program built by hand (not read from a file) are checked too.
    static func checkRules(_ r: LifecycleRules) throws {
        let fine =
            r.explorationPurchases >= 0 && r.explorationDays >= 0 && r.stabilityPurchases >= 0 && r.stabilityDays >= 0
            && r.rhythmQuantile > 0 && r.rhythmQuantile < 1 && r.ownRhythmGaps >= 1 && r.minimumRhythmDays >= 1
            && r.minimumRhythmDays.isFinite && r.terminationGapFactor >= 1 && r.terminationGapFactor.isFinite
            && (0...1).contains(r.terminationProbability) && (0...1).contains(r.declineProbability)
            && (0...1).contains(r.declineValueRatio) && r.recentWindowRhythms > 0 && r.recentWindowRhythms.isFinite
            && r.recentWindowDays.lowerBound >= 1 && r.openComplaintDays >= 0 && r.longKeptMonths >= 1
            && (r.assumedRhythmDays.map { $0 >= 1 && $0.isFinite } ?? true)
        guard fine else {
            throw AppError(
                .invalidRequest, "the lifecycle rules have a threshold out of its range (see the rules file)")
        }
    }
}
