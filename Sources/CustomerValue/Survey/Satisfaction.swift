/// Satisfaction from survey answers: the expectation–performance gap per attribute, the
/// importance-weighted index, the weakest link, the zone of tolerance and NPS.
///
/// - Gap (SERVQUAL, Parasuraman, Zeithaml & Berry 1988): per answer P − E, performance minus
///   desired expectation; an attribute's gap is the mean over the answers that give both. The
///   unweighted score is the mean of the attribute gaps; the weighted one Σ wₐ·gapₐ with wₐ the
///   attribute's mean stated importance over the sum of them (equal weights when no importance
///   was asked, as `weights` says).
/// - Index: Σ wₐ·P̄ₐ put on 0–100 (0 the bottom of the scale, 100 the top), the importance-weighted
///   customer satisfaction index of IPA practice (ipacsi's CSI with the scale's bottom at 0).
/// - Weakest link (木桶效应): the attribute with the lowest gap (lowest performance when no
///   expectations were asked), the journey stage with the lowest mean gap (or performance), and
///   each respondent's own worst gap, averaged: the worst episode a customer had, beside the
///   average gap.
/// - Zone of tolerance (Zeithaml, Berry & Parasuraman 1993): between the adequate and the desired
///   expectation. Mean performance below the mean adequate level is unacceptable, inside the zone
///   acceptable, above the desired level delightful; the share of answers below their own
///   adequate level is given beside it.
///
/// Every rating must share one scale: the caller picks a wave when waves differ.
public struct SatisfactionAnalysis: Sendable, Equatable {
    /// Where the mean performance of an attribute lies against its zone of tolerance.
    public enum Zone: String, Sendable, Codable, LocalizedName {
        case below, within, above

        public func name(in language: Language) -> String {
            switch (self, language) {
            case (.below, .en): "below the zone (unacceptable)"
            case (.below, .zh): "低于容忍区（不可接受）"
            case (.within, .en): "inside the zone (acceptable)"
            case (.within, .zh): "容忍区内（可接受）"
            case (.above, .en): "above the desired level"
            case (.above, .zh): "高于理想期望"
            }
        }
    }

    public struct Attribute: Sendable, Equatable {
        public let attribute: String
        /// The journey stage most of its answers were tagged with.
        public let stage: JourneyStage?
        public let answers: Int
        public let importance: Double?
        public let expectation: Double?
        public let adequate: Double?
        public let performance: Double
        /// Mean P − E over the answers giving both.
        public let gap: Double?
        /// The weight in the index and the weighted gap (the weights sum to 1).
        public let weight: Double
        public let zone: Zone?
        /// Share of the answers with an adequate level whose performance lies below it.
        public let belowAdequateShare: Double?
    }

    public struct Stage: Sendable, Equatable {
        public let stage: JourneyStage
        public let answers: Int
        public let performance: Double
        public let gap: Double?
    }

    public let scale: SurveyScale
    public let attributes: [Attribute]
    public let stages: [Stage]
    /// Whether the weights are the stated importances (false: equal weights, none was asked).
    public let statedWeights: Bool
    public let unweightedGap: Double?
    public let weightedGap: Double?
    /// The importance-weighted index, 0–100.
    public let index: Double?
    public let weakestAttribute: String?
    public let weakestStage: JourneyStage?
    /// Each respondent's lowest attribute gap, averaged over respondents.
    public let worstEpisodeGap: Double?
    /// Responses (with any answer), and those without a customer id among them.
    public let responses: Int
    public let anonymous: Int
    public let meanSatisfaction: Double?
    public let nps: NetPromoterScore?

    /// Analyses `answers` (every one on `scale`); the competitor rows are read for the firm's own
    /// ratings only, once per response and attribute.
    public init(_ answers: [SurveyAnswer], scale: SurveyScale) {
        self.scale = scale
        struct Sums {
            var answers = 0
            var importance = 0.0, importanceCount = 0
            var expectation = 0.0, expectationCount = 0
            var adequate = 0.0, adequateCount = 0
            var performance = 0.0
            var gap = 0.0, gapCount = 0
            var below = 0
            var stages: [JourneyStage: Int] = [:]
        }
        var sums: [String: Sums] = [:]
        var order: [String] = []
        var stageSums: [JourneyStage: (answers: Int, performance: Double, gap: Double, gapCount: Int)] = [:]
        var seen: Set<String> = []
        var responses: Set<String> = []
        var anonymous: Set<String> = []
        var worst: [String: Double] = [:]
        var satisfaction = 0.0
        var satisfactionCount = 0
        var recommendations: [Double] = []
        for answer in answers {
            let response = answer.wave + "\u{1F}" + answer.response
            responses.insert(response)
            if answer.customerID == nil { anonymous.insert(response) }
            guard let attribute = answer.attribute else {
                if let value = answer.satisfaction {
                    satisfaction += value
                    satisfactionCount += 1
                }
                if let value = answer.recommend { recommendations.append(value) }
                continue
            }
            guard let performance = answer.performance,
                seen.insert(response + "\u{1F}" + attribute).inserted
            else { continue }
            if sums[attribute] == nil { order.append(attribute) }
            var s = sums[attribute] ?? Sums()
            s.answers += 1
            s.performance += performance
            if let value = answer.importance {
                (s.importance, s.importanceCount) = (s.importance + value, s.importanceCount + 1)
            }
            if let value = answer.adequate {
                (s.adequate, s.adequateCount) = (s.adequate + value, s.adequateCount + 1)
                if performance < value { s.below += 1 }
            }
            var gap: Double?
            if let value = answer.expectation {
                (s.expectation, s.expectationCount) = (s.expectation + value, s.expectationCount + 1)
                gap = performance - value
                (s.gap, s.gapCount) = (s.gap + performance - value, s.gapCount + 1)
                worst[response] = min(worst[response] ?? .infinity, performance - value)
            }
            if let stage = answer.stage {
                s.stages[stage, default: 0] += 1
                var t = stageSums[stage] ?? (0, 0, 0, 0)
                t.answers += 1
                t.performance += performance
                if let gap { (t.gap, t.gapCount) = (t.gap + gap, t.gapCount + 1) }
                stageSums[stage] = t
            }
            sums[attribute] = s
        }
        let stated = !order.isEmpty && order.allSatisfy { (sums[$0]?.importanceCount ?? 0) > 0 }
        let importances = order.map { name -> Double in
            let s = sums[name]!
            return stated ? s.importance / Double(s.importanceCount) : 1
        }
        let total = importances.reduce(0, +)
        var list: [Attribute] = []
        for (i, name) in order.enumerated() {
            let s = sums[name]!
            let n = Double(s.answers)
            let performance = s.performance / n
            let expectation = s.expectationCount > 0 ? s.expectation / Double(s.expectationCount) : nil
            let adequate = s.adequateCount > 0 ? s.adequate / Double(s.adequateCount) : nil
            var zone: Zone?
            if let adequate, let expectation {
                zone = performance < adequate ? .below : performance > expectation ? .above : .within
            }
            let stage = s.stages.max {
                $0.value < $1.value || ($0.value == $1.value && $0.key.rawValue > $1.key.rawValue)
            }
            list.append(
                Attribute(
                    attribute: name, stage: stage?.key, answers: s.answers,
                    importance: s.importanceCount > 0 ? s.importance / Double(s.importanceCount) : nil,
                    expectation: expectation, adequate: adequate, performance: performance,
                    gap: s.gapCount > 0 ? s.gap / Double(s.gapCount) : nil,
                    weight: total > 0 ? importances[i] / total : 0, zone: zone,
                    belowAdequateShare: s.adequateCount > 0 ? Double(s.below) / Double(s.adequateCount) : nil))
        }
        attributes = list
        statedWeights = stated
        let gaps = list.compactMap(\.gap)
        let allGaps = !list.isEmpty && gaps.count == list.count
        unweightedGap = allGaps ? gaps.reduce(0, +) / Double(gaps.count) : nil
        weightedGap = allGaps ? list.reduce(0) { $0 + $1.weight * ($1.gap ?? 0) } : nil
        index = list.isEmpty ? nil : list.reduce(0) { $0 + $1.weight * scale.percent($1.performance) }
        weakestAttribute =
            (allGaps
            ? list.min { ($0.gap ?? 0, $0.attribute) < ($1.gap ?? 0, $1.attribute) }
            : list.min { ($0.performance, $0.attribute) < ($1.performance, $1.attribute) })?.attribute
        stages = JourneyStage.allCases.compactMap { stage in
            guard let t = stageSums[stage] else { return nil }
            return Stage(
                stage: stage, answers: t.answers, performance: t.performance / Double(t.answers),
                gap: t.gapCount > 0 ? t.gap / Double(t.gapCount) : nil)
        }
        let stageGaps = stages.allSatisfy { $0.gap != nil }
        weakestStage =
            (stageGaps
            ? stages.min { ($0.gap ?? 0) < ($1.gap ?? 0) } : stages.min { $0.performance < $1.performance })?.stage
        worstEpisodeGap = worst.isEmpty ? nil : worst.values.reduce(0, +) / Double(worst.count)
        self.responses = responses.count
        self.anonymous = anonymous.count
        meanSatisfaction = satisfactionCount > 0 ? satisfaction / Double(satisfactionCount) : nil
        nps = NetPromoterScore(recommendations)
    }
}
