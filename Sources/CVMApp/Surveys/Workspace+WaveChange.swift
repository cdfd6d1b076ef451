import CVMStore
import CustomerValue
import Foundation

/// `wave-change`: what changed between two survey waves.
public struct WaveChangeRequest: Sendable, Equatable {
    /// The earlier wave; nil: the next-to-last wave (waves ordered by their first answer's date).
    public var from: String?
    /// The later wave; nil: the last wave.
    public var to: String?

    public init(from: String? = nil, to: String? = nil) {
        self.from = from
        self.to = to
    }
}

/// Overall satisfaction, NPS and each attribute's performance and gap in two waves, each change
/// with its standard error, test statistic and two-sided p-value.
public struct WaveChangeResult: Sendable, Tabular {
    public let change: WaveChange
    /// Responses in each wave.
    public let fromResponses, toResponses: Int
    public let fromScale, toScale: SurveyScale
    /// The level below which a change counts as significant (two-sided).
    public let significance: Double

    /// One compared measure: `satisfaction`, `nps`, or an attribute's `performance` or `gap`.
    public struct Row: Sendable {
        public let measure: String
        public let attribute: String
        public let from, to: Double
        public let fromCount, toCount: Int
        public let difference, standardError, statistic: Double
        /// Welch's degrees of freedom (nil for NPS, a normal test).
        public let degreesOfFreedom: Double?
        public let p: Double
    }

    public var rows: [Row] {
        var rows: [Row] = []
        func add(_ measure: String, _ attribute: String, _ d: MeanDifference?) {
            guard let d else { return }
            rows.append(
                Row(
                    measure: measure, attribute: attribute, from: d.fromMean, to: d.toMean, fromCount: d.fromCount,
                    toCount: d.toCount, difference: d.difference, standardError: d.standardError, statistic: d.t,
                    degreesOfFreedom: d.degreesOfFreedom, p: d.p))
        }
        add("satisfaction", "", change.satisfaction)
        if let n = change.nps {
            rows.append(
                Row(
                    measure: "nps", attribute: "", from: n.from.score, to: n.to.score, fromCount: n.from.respondents,
                    toCount: n.to.respondents, difference: n.difference, standardError: n.standardError,
                    statistic: n.z, degreesOfFreedom: nil, p: n.p))
        }
        for a in change.attributes {
            add("performance", a.attribute, a.performance)
            add("gap", a.attribute, a.gap)
        }
        return rows
    }

    public var columns: [String] {
        [
            "measure", "attribute", "from_wave", "to_wave", "from", "to", "from_n", "to_n", "change", "se",
            "statistic", "df", "p", "significant",
        ]
    }

    public var rowCount: Int { rows.count }

    public func fields(_ i: Int) -> [String] {
        let r = rows[i]
        return [
            r.measure, r.attribute, change.from, change.to, Number.exact(r.from), Number.exact(r.to),
            String(r.fromCount), String(r.toCount), Number.exact(r.difference), Number.exact(r.standardError),
            Number.exact(r.statistic), r.degreesOfFreedom.map(Number.exact) ?? "", Number.exact(r.p),
            r.p < significance ? "true" : "false",
        ]
    }

    public var document: Document { Document(self) }

    public struct Document: Encodable, Sendable {
        public struct Change: Encodable, Sendable {
            public let measure, attribute: String
            public let from, to: Double
            public let fromN, toN: Int
            public let change, se, statistic: Double
            public let df: Double?
            public let p: Double
            public let significant: Bool
        }

        public let fromWave, toWave: String
        public let fromResponses, toResponses: Int
        public let fromScale, toScale: String
        public let sameScale: Bool
        public let significanceLevel: Double
        public let note: String
        public let changes: [Change]

        init(_ r: WaveChangeResult) {
            fromWave = r.change.from
            toWave = r.change.to
            fromResponses = r.fromResponses
            toResponses = r.toResponses
            fromScale = r.fromScale.description
            toScale = r.toScale.description
            sameScale = r.change.sameScale
            significanceLevel = r.significance
            note = Text.waveChangeNote.en
            changes = r.rows.map {
                Change(
                    measure: $0.measure, attribute: $0.attribute, from: $0.from, to: $0.to, fromN: $0.fromCount,
                    toN: $0.toCount, change: $0.difference, se: $0.standardError, statistic: $0.statistic,
                    df: $0.degreesOfFreedom, p: $0.p, significant: $0.p < r.significance)
            }
        }
    }
}

extension Workspace {
    /// The change in overall satisfaction (Welch's t), NPS (two-sample Wald z) and each attribute's
    /// mean performance and gap (Welch's t) from one survey wave to another.
    ///
    /// - Throws: `AppError` `.noData` (no survey answers; fewer than two waves), `.notFound` (an
    ///   unknown wave), `.invalidRequest` (the same wave twice).
    public func waveChange(_ request: WaveChangeRequest = WaveChangeRequest()) async throws -> WaveChangeResult {
        let all = try await run { try await store.surveyAnswers() }
        guard !all.isEmpty else { throw AppError(.noData, .noSurveys, store.path) }
        var first: [String: Day] = [:]
        for answer in all { first[answer.wave] = min(first[answer.wave] ?? answer.day, answer.day) }
        let waves = first.keys.sorted { (first[$0]!, $0) < (first[$1]!, $1) }
        let shown = waves.map { $0.isEmpty ? "\"\"" : $0 }.joined(separator: ", ")
        for wave in [request.from, request.to].compactMap({ $0 }) where first[wave] == nil {
            throw AppError(.notFound, .surveyUnknownWave, wave, shown)
        }
        guard waves.count >= 2 else {
            throw AppError(.noData, .waveChangeTooFew, waves.count, shown)
        }
        // Without a wave named: the last two. With one: its neighbour (the next one after `from`,
        // the one before `to`), or the nearest other wave at the end of the order.
        let from: String
        let to: String
        switch (request.from, request.to) {
        case (let f?, let t?): (from, to) = (f, t)
        case (let f?, nil):
            let i = waves.firstIndex(of: f)!
            (from, to) = (f, i + 1 < waves.count ? waves[i + 1] : waves[i - 1])
        case (nil, let t?):
            let i = waves.firstIndex(of: t)!
            (from, to) = (i > 0 ? waves[i - 1] : waves[i + 1], t)
        case (nil, nil): (from, to) = (waves[waves.count - 2], waves[waves.count - 1])
        }
        guard from != to else { throw AppError(.invalidRequest, .waveChangeSame, from) }
        let a = all.filter { $0.wave == from }
        let b = all.filter { $0.wave == to }
        func responses(_ x: [SurveyAnswer]) -> Int { Set(x.map(\.response)).count }
        return WaveChangeResult(
            change: WaveChange(from: from, a, to: to, b), fromResponses: responses(a), toResponses: responses(b),
            fromScale: a[0].scale, toScale: b[0].scale, significance: defaults.significanceLevel)
    }
}
