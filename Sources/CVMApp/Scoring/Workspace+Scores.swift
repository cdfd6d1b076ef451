import CVMStore
import CustomerValue
import Foundation

/// Where a composite score's weights come from.
public enum ScoreWeights: Equatable, Sendable {
    /// The seeds' preset (`IndicatorWeights.seeds`).
    case seeds
    /// A TOML weights file, read by `WeightsFile`.
    case file(String, WeightsFile)
    /// The entropy weight method over these indicators (nil: every computed one).
    case entropy(indicators: [String]?)
    /// AHP from a pairwise comparison matrix file (CSV).
    case ahp(pairwise: String)
}

/// Where the `clv` indicator comes from.
public enum ScoreCLVSource: String, CaseIterable, Codable, Sendable {
    /// BG/NBD + Gamma-Gamma fitted on the data to the score's as-of date with the defaults
    /// (`Defaults.horizonMonths`, `.discountRate`, `.margin`, in `.modelUnit`): the same CLV
    /// however and whenever other commands ran.
    case fit
    /// No CLV indicator.
    case none
}

/// What a composite score covers.
public struct ScoresRequest: Equatable, Sendable {
    /// Default: the seeds' preset.
    public var weights: ScoreWeights?
    /// End of observation (default: the last transaction day).
    public var asOf: Day?
    /// Length of the current window in calendar months (default: `Defaults.currentWindowMonths`).
    public var currentWindowMonths: Int?
    /// A customer whose breakdown to return.
    public var explain: String?
    /// Default: `Defaults.scoresCLV`.
    public var clv: ScoreCLVSource?

    public init(
        weights: ScoreWeights? = nil, asOf: Day? = nil, currentWindowMonths: Int? = nil, explain: String? = nil,
        clv: ScoreCLVSource? = nil
    ) {
        self.weights = weights
        self.asOf = asOf
        self.currentWindowMonths = currentWindowMonths
        self.explain = explain
        self.clv = clv
    }
}

extension Workspace {
    /// The composite value score: each indicator min-max normalised in its direction, weighted and
    /// summed, customers ranked (docs/scores-and-weights.md).
    ///
    /// - Throws: `AppError(.invalidRequest)` for a bad window, unknown or unavailable indicators
    ///   and a customer to explain that was not scored; `.invalidFile` for a bad weights or
    ///   pairwise file; `.noData` without transactions.
    public func scores(_ request: ScoresRequest) async throws -> ScoresResult {
        let window = request.currentWindowMonths ?? defaults.currentWindowMonths
        guard window >= 1 else {
            throw AppError(.invalidRequest, "the current window must be at least 1 month, not \(window)")
        }
        // One summary in the models' unit serves the indicators (their durations are in days) and
        // the CLV fit.
        let summary = try await run {
            try await store.summary(SummaryOptions(unit: defaults.modelUnit, asOf: request.asOf))
        }
        let windows = try await run {
            try await store.valueWindows(
                asOf: summary.observationEnd, currentWindowDays: ValueWindows.days(inMonths: Double(window)))
        }
        let source = request.clv ?? defaults.scoresCLV
        var clv: FittedCLV?
        var clvNote: String?
        switch source {
        case .none: clvNote = "clv left out: not asked for"
        case .fit:
            switch FittedCLV.fit(
                summary, horizonMonths: defaults.horizonMonths, discountRate: defaults.discountRate,
                margin: defaults.margin)
            {
            case .success(let fitted): clv = fitted
            case .failure(let error): clvNote = "clv left out: \(error.message)"
            }
        }
        var data = CustomerIndicators(
            summary: summary, windows: windows,
            clv: clv.map { Dictionary(uniqueKeysWithValues: zip(summary.ids, $0.values)) }, clvSource: clv?.source)
        if let clvNote {
            data.notes.removeAll { $0.hasPrefix("clv left out") }
            data.notes.insert(clvNote, at: 0)
        }
        if case .seeds = request.weights ?? .seeds {
            // The seeds' tree: future value's parts are CLV × credit / loyalty / elasticity.
            data.indicators += WeightTree.seeds.derivedIndicators(from: data.indicators)
        }
        let available = Set(data.names)
        var notes = data.notes
        var warnings: [String] = []
        let chosen: IndicatorWeights
        let label: String
        switch request.weights ?? .seeds {
        case .file(let path, let file):
            for (j, indicator) in data.indicators.enumerated() {
                if let direction = file.directions[indicator.name] { data.indicators[j].direction = direction }
            }
            let (kept, note) = try Self.restrict(file.weights, to: available)
            chosen = kept
            if let note { notes.append(note) }
            label = "from \(path)"
        case .entropy(let indicators):
            let names = try Self.selected(indicators, available: data.names)
            do {
                let result = try EntropyWeights(data.indicators.filter { names.contains($0.name) })
                chosen = result.indicatorWeights
                warnings += result.warnings
            } catch let error as ScoringError {
                throw AppError(.invalidRequest, error.message)
            }
            label = "entropy weight method"
        case .ahp(let pairwise):
            let ahp = try ScoringFiles.pairwise(pairwise)
            let known = ValueIndicator.allCases.map(\.rawValue)
            for name in ahp.names where !known.contains(name) {
                throw AppError(
                    .invalidFile,
                    "\(pairwise): unknown indicator \"\(name)\"; known indicators: \(known.joined(separator: ", "))")
            }
            let (kept, note) = try Self.restrict(ahp.indicatorWeights, to: available)
            chosen = kept
            if let note { notes.append(note) }
            label = String(
                format: "AHP from %@ (λmax = %.4f, CR = %.4f)", pairwise, ahp.lambdaMax, ahp.consistencyRatio)
        case .seeds:
            let (kept, note) = try WeightTree.seeds.weights(available: available)
            chosen = kept
            if let note { notes.append(note) }
            label = "preset seeds"
        }
        let score: CompositeScore
        do {
            score = try CompositeScore(ids: data.ids, indicators: data.indicators, weights: chosen)
        } catch let error as ScoringError {
            throw AppError(.invalidRequest, error.message)
        }
        warnings += score.warnings
        let explained = try request.explain.map { id in
            guard let index = score.ids.firstIndex(of: id) else {
                throw AppError(
                    .notFound,
                    "customer \"\(id)\" is not among the \(score.count) customers scored as of \(data.asOf) "
                        + "(unknown id, or first purchase after the as-of date)",
                    facts: [.init("customer_id", id)])
            }
            return index
        }
        return ScoresResult(
            score: score, indicators: data, method: label, notes: notes, warnings: warnings,
            currentWindowMonths: window, clv: clv, explained: explained)
    }

    /// Drops weighted indicators the data lacks; unknown names are errors.
    static func restrict(_ weights: IndicatorWeights, to available: Set<String>) throws -> (IndicatorWeights, String?) {
        do {
            return try weights.validated().restricted(to: available)
        } catch let error as ScoringError {
            throw AppError(.invalidRequest, error.message)
        }
    }

    static func selected(_ indicators: [String]?, available: [String]) throws -> [String] {
        guard let indicators else { return available }
        let known = ValueIndicator.allCases.map(\.rawValue)
        for name in indicators where !available.contains(name) {
            throw AppError(
                .invalidRequest,
                known.contains(name)
                    ? "indicator \"\(name)\" cannot be computed from this database; available: "
                        + "\(available.joined(separator: ", "))"
                    : "unknown indicator \"\(name)\"; known indicators: \(known.joined(separator: ", "))")
        }
        return indicators
    }
}

/// A composite score with its CSV rows (customers in rank order) and JSON document.
public struct ScoresResult: Sendable, Tabular {
    public let score: CompositeScore
    public let indicators: CustomerIndicators
    /// How the weights were chosen, for people.
    public let method: String
    public let notes: [String]
    public let warnings: [String]
    public let currentWindowMonths: Int
    /// The CLV behind the `clv` indicator, when there is one.
    public let clv: FittedCLV?
    /// The index of the customer to explain.
    public let explained: Int?

    /// Scores are shown in points, 0–100.
    public static func points(_ x: Double) -> Double { x * 100 }

    public var columns: [String] { ["customer_id", "score"] + score.indicators.map(\.name) }
    public var rowCount: Int { score.count }

    /// The row of the customer ranked `i + 1`: score and each indicator's contribution, in points.
    public func fields(_ i: Int) -> [String] {
        let c = score.ranking[i]
        return [score.ids[c], Number.exact(Self.points(score.scores[c]))]
            + score.breakdown(c).map { Number.exact(Self.points($0.contribution)) }
    }

    /// The explained customer's breakdown, one row per indicator.
    public var breakdown: Breakdown? { explained.map { Breakdown(score: score, index: $0) } }

    public struct Breakdown: Sendable, Tabular {
        public let score: CompositeScore
        public let index: Int
        public var columns: [String] { ["indicator", "direction", "value", "normalised", "weight", "contribution"] }
        public var rowCount: Int { score.indicators.count }
        public func fields(_ i: Int) -> [String] {
            let t = score.breakdown(index)[i]
            return [
                t.indicator, t.direction.symbol, Number.exact(t.value), Number.exact(t.normalised),
                Number.exact(t.weight), Number.exact(ScoresResult.points(t.contribution)),
            ]
        }
    }

    /// `{as_of, window_start, current_window_months, method, clv_source, weights: [{name, direction,
    /// weight}], notes, warnings, customers: [{customer_id, rank, score, contributions: [{indicator,
    /// points}]}], explain?}`; lists keep the weights' order.
    public var document: Document { Document(self) }

    public struct Document: Encodable, Sendable {
        public struct Weight: Encodable, Sendable {
            public let name, direction: String
            public let weight: Double
        }
        public struct Contribution: Encodable, Sendable {
            public let indicator: String
            public let points: Double
        }
        public struct Customer: Encodable, Sendable {
            public let customerID: String
            public let rank: Int
            public let score: Double
            public let contributions: [Contribution]
        }
        public struct Term: Encodable, Sendable {
            public let indicator, direction: String
            public let value, normalised, weight, contribution: Double
        }
        public struct Explain: Encodable, Sendable {
            public let customerID: String
            public let rank: Int
            public let score: Double
            public let terms: [Term]
        }

        public let asOf, windowStart: String
        public let currentWindowMonths: Int
        public let method: String
        public let clvSource: String?
        public let weights: [Weight]
        public let notes, warnings: [String]
        public let customers: [Customer]
        public let explain: Explain?

        init(_ r: ScoresResult) {
            let score = r.score
            let ranks = score.ranks
            asOf = r.indicators.asOf.description
            windowStart = (r.indicators.windowStart + 1).description
            currentWindowMonths = r.currentWindowMonths
            method = r.method
            clvSource = r.clv?.source
            weights = zip(score.indicators, score.weights).map {
                Weight(name: $0.name, direction: $0.direction.symbol, weight: $1)
            }
            notes = r.notes
            warnings = r.warnings
            customers = score.ranking.map { i in
                Customer(
                    customerID: score.ids[i], rank: ranks[i], score: ScoresResult.points(score.scores[i]),
                    contributions: score.breakdown(i).map {
                        Contribution(indicator: $0.indicator, points: ScoresResult.points($0.contribution))
                    })
            }
            explain = r.explained.map { i in
                Explain(
                    customerID: score.ids[i], rank: ranks[i], score: ScoresResult.points(score.scores[i]),
                    terms: score.breakdown(i).map {
                        Term(
                            indicator: $0.indicator, direction: $0.direction.symbol, value: $0.value,
                            normalised: $0.normalised, weight: $0.weight,
                            contribution: ScoresResult.points($0.contribution))
                    })
            }
        }
    }
}
