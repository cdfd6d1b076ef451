import CVMStore
import CustomerValue
import Foundation

/// How respondents are grouped: by the RFM segment or the value-matrix group each customer has
/// in the latest stored analysis run. Anonymous answers belong to no group.
public enum SurveySegmentation: String, CaseIterable, Sendable, Codable {
    case rfm
    case value
}

/// `satisfaction`: what to analyse.
public struct SatisfactionRequest: Sendable, Equatable {
    /// One survey wave; nil: every wave (which must then share one scale).
    public var wave: String?
    /// Also analyse each group of respondents.
    public var segment: SurveySegmentation?

    public init(wave: String? = nil, segment: SurveySegmentation? = nil) {
        self.wave = wave
        self.segment = segment
    }
}

/// The satisfaction of all respondents and, with a segmentation, of each group.
public struct SatisfactionResult: Sendable, Tabular {
    public struct Group: Sendable {
        /// The group's key (`all` for every respondent).
        public let group: String
        public let analysis: SatisfactionAnalysis
    }

    public let wave: String?
    public let segment: SurveySegmentation?
    /// The analysis run the groups come from.
    public let run: Int64?
    /// Every respondent first, then each group.
    public let groups: [Group]

    public var all: SatisfactionAnalysis { groups[0].analysis }

    public var columns: [String] {
        [
            "group", "attribute", "stage", "answers", "importance", "expectation", "adequate", "performance", "gap",
            "weight", "zone", "below_adequate_share",
        ]
    }

    private var rows: [(String, SatisfactionAnalysis.Attribute)] {
        groups.flatMap { g in g.analysis.attributes.map { (g.group, $0) } }
    }

    public var rowCount: Int { rows.count }

    public func fields(_ i: Int) -> [String] {
        let (group, a) = rows[i]
        let number = { (value: Double?) in value.map(Number.exact) ?? "" }
        return [
            group, a.attribute, a.stage?.rawValue ?? "", String(a.answers), number(a.importance),
            number(a.expectation), number(a.adequate), Number.exact(a.performance), number(a.gap),
            Number.exact(a.weight), a.zone?.rawValue ?? "", number(a.belowAdequateShare),
        ]
    }

    public var document: Document { Document(self) }

    public struct Document: Encodable, Sendable {
        public struct NPS: Encodable, Sendable {
            public let respondents, promoters, passives, detractors: Int
            public let score, standardError, ciLow, ciHigh: Double
            public let interval: String
        }

        public struct Attribute: Encodable, Sendable {
            public let attribute: String
            public let stage: String?
            public let answers: Int
            public let importance, expectation, adequate: Double?
            public let performance: Double
            public let gap: Double?
            public let weight: Double
            public let zone: String?
            public let belowAdequateShare: Double?
        }

        public struct Stage: Encodable, Sendable {
            public let stage: String
            public let answers: Int
            public let performance: Double
            public let gap: Double?
        }

        public struct Group: Encodable, Sendable {
            public let group: String
            public let responses, anonymous: Int
            public let scale: String
            public let meanSatisfaction: Double?
            public let index: Double?
            public let weights: String
            public let unweightedGap, weightedGap: Double?
            public let weakestAttribute: String?
            public let weakestStage: String?
            public let worstEpisodeGap: Double?
            public let nps: NPS?
            public let attributes: [Attribute]
            public let stages: [Stage]
        }

        public let wave: String?
        public let segment: String?
        public let run: Int64?
        public let groups: [Group]

        init(_ result: SatisfactionResult) {
            wave = result.wave
            segment = result.segment?.rawValue
            run = result.run
            groups = result.groups.map { g in
                let a = g.analysis
                return Group(
                    group: g.group, responses: a.responses, anonymous: a.anonymous, scale: a.scale.description,
                    meanSatisfaction: a.meanSatisfaction, index: a.index,
                    weights: a.statedWeights ? "stated importance" : "equal (no importance asked)",
                    unweightedGap: a.unweightedGap, weightedGap: a.weightedGap, weakestAttribute: a.weakestAttribute,
                    weakestStage: a.weakestStage?.rawValue, worstEpisodeGap: a.worstEpisodeGap,
                    nps: a.nps.map { n in
                        NPS(
                            respondents: n.respondents, promoters: n.promoters, passives: n.passives,
                            detractors: n.detractors, score: n.score, standardError: n.standardError,
                            ciLow: n.interval.lowerBound, ciHigh: n.interval.upperBound,
                            interval: "95% Wald: score ± 1.96·SE, SE² = ((p+ + p−) − (p+ − p−)²)/n")
                    },
                    attributes: a.attributes.map { x in
                        Attribute(
                            attribute: x.attribute, stage: x.stage?.rawValue, answers: x.answers,
                            importance: x.importance, expectation: x.expectation, adequate: x.adequate,
                            performance: x.performance, gap: x.gap, weight: x.weight, zone: x.zone?.rawValue,
                            belowAdequateShare: x.belowAdequateShare)
                    },
                    stages: a.stages.map {
                        Stage(stage: $0.stage.rawValue, answers: $0.answers, performance: $0.performance, gap: $0.gap)
                    })
            }
        }
    }
}

extension Workspace {
    /// One customer's survey answers (every wave), for the customer's page; empty when they answered none.
    public func surveyAnswers(customer id: String) async throws -> [SurveyAnswer] {
        try await run { try await store.surveyAnswers(customer: id) }
    }

    /// The stored survey answers of `wave` (every wave when nil), all on one scale.
    ///
    /// - Throws: `AppError` `.noData` when there are none, `.notFound` for an unknown wave,
    ///   `.invalidRequest` when the selected answers use several scales.
    func surveyAnswers(wave: String?) async throws -> (answers: [SurveyAnswer], scale: SurveyScale) {
        let all = try await run { try await store.surveyAnswers() }
        guard !all.isEmpty else { throw AppError(.noData, .noSurveys, store.path) }
        var answers = all
        if let wave {
            answers = all.filter { $0.wave == wave }
            guard !answers.isEmpty else {
                let waves = Array(Set(all.map(\.wave))).sorted().map { $0.isEmpty ? "\"\"" : $0 }
                throw AppError(.notFound, .surveyUnknownWave, wave, waves.joined(separator: ", "))
            }
        }
        let scales = Set(answers.map(\.scale))
        guard scales.count == 1, let scale = scales.first else {
            let names = scales.map(\.description).sorted().joined(separator: ", ")
            throw AppError(
                .invalidRequest,
                "the survey answers use several scales (\(names)); analyse one wave at a time",
                facts: [.init("scales", names)])
        }
        return (answers, scale)
    }

    /// Each customer's group under `segmentation` in the latest stored analysis run, and the run.
    func surveyGroups(_ segmentation: SurveySegmentation) async throws -> (groups: [String: String], run: Int64) {
        guard let latest = try await run({ try await store.analysisRuns() }).last else {
            throw AppError(.noData, .surveyNoRun)
        }
        let results = try await run { try await store.analysisResults(latest.id) }.results
        var groups: [String: String] = [:]
        for i in 0..<results.count {
            switch segmentation {
            case .rfm: groups[results.ids[i]] = results.segment[i]
            case .value: if let value = results.valueGroup?[i] { groups[results.ids[i]] = value }
            }
        }
        return (groups, latest.id)
    }

    /// Expectation–performance gaps per attribute (SERVQUAL), the importance-weighted index, the
    /// weakest attribute and journey stage beside the averages, the zone of tolerance, and NPS
    /// with its 95% interval; per group of respondents too with `request.segment`.
    ///
    /// - Throws: `AppError` `.noData` (no survey answers; a segment without a stored analysis
    ///   run), `.notFound` (an unknown wave), `.invalidRequest` (several scales).
    public func satisfaction(_ request: SatisfactionRequest = SatisfactionRequest()) async throws
        -> SatisfactionResult
    {
        let (answers, scale) = try await surveyAnswers(wave: request.wave)
        var groups = [SatisfactionResult.Group(group: "all", analysis: SatisfactionAnalysis(answers, scale: scale))]
        var runID: Int64?
        if let segmentation = request.segment {
            let (byCustomer, id) = try await surveyGroups(segmentation)
            runID = id
            var split: [String: [SurveyAnswer]] = [:]
            for answer in answers {
                guard let customer = answer.customerID, let group = byCustomer[customer] else { continue }
                split[group, default: []].append(answer)
            }
            for key in split.keys.sorted() {
                groups.append(.init(group: key, analysis: SatisfactionAnalysis(split[key]!, scale: scale)))
            }
        }
        return SatisfactionResult(wave: request.wave, segment: request.segment, run: runID, groups: groups)
    }
}
