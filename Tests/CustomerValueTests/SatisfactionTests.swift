import Testing

@testable import CustomerValue

/// NPS, SERVQUAL gaps, the weighted index, the weakest link and the zone of tolerance, against
/// published and hand-worked numbers.
@Suite struct SatisfactionTests {
    static let day = Day(year: 2024, month: 3, day: 1)!
    static let seven = SurveyScale(low: 1, high: 7)!

    /// 50 promoters, 30 passives, 20 detractors: NPS 30; Var = (0.5 + 0.2) − 0.3² = 0.61, SE =
    /// 100·√(0.61/100) = 7.810249675906654 (the hand-computed check of anchors on Rocks's R package
    /// `NPS`); 95% CI 30 ± 1.959964·SE = 14.69219180421129 … 45.30780819578871 (python3, by hand).
    @Test func npsOfAKnownSetWithItsInterval() throws {
        let answers =
            Array(repeating: 10.0, count: 50) + Array(repeating: 8.0, count: 30)
            + Array(repeating: 3.0, count: 20)
        let nps = try #require(NetPromoterScore(answers))
        #expect((nps.promoters, nps.passives, nps.detractors, nps.respondents) == (50, 30, 20, 100))
        #expect(abs(nps.score - 30) < 1e-12)
        #expect(abs(nps.standardError - 7.810249675906654) < 1e-9)
        #expect(abs(nps.interval.lowerBound - 14.69219180421129) < 1e-9)
        #expect(abs(nps.interval.upperBound - 45.30780819578871) < 1e-9)
    }

    /// `calc_nps(c(1, 8, 8, 10, 5, NA, 9))` is 0 (NateByers/IUHhelpers): 2 detractors, 2 passives,
    /// 2 promoters; an out-of-range answer is not counted, and no answer gives no score.
    @Test func npsOfThePublishedVectorAndEdges() throws {
        let nps = try #require(NetPromoterScore([1, 8, 8, 10, 5, 9, 11]))
        #expect(nps.score == 0 && nps.respondents == 6)
        #expect(NetPromoterScore([]) == nil)
        let all = try #require(NetPromoterScore([10, 9]))
        #expect(all.score == 100 && all.standardError == 0 && all.interval == 100...100)
    }

    static func answer(
        _ response: String, _ attribute: String, importance: Double? = nil, expectation: Double? = nil,
        adequate: Double? = nil, performance: Double, stage: JourneyStage? = nil
    ) -> SurveyAnswer {
        SurveyAnswer(
            wave: "", response: response, customerID: response, day: day, scale: seven, attribute: attribute,
            stage: stage, importance: importance, expectation: expectation, adequate: adequate,
            performance: performance)
    }

    /// The 12manage SERVQUAL example: gaps T −0.65, Rel −1.10, Resp −0.83, A −0.70, E −1.01; the
    /// unweighted score is their mean, −0.858. With the weights 11/32/22/19/16 (stated as
    /// importances 1.1, 3.2, 2.2, 1.9, 1.6) the weighted score is −0.9007 (by hand). Two respondents
    /// per dimension at gap ± 0.1: each one's worst gap is −1.0 and −1.2, averaged −1.1. Index:
    /// Σ w·P̄ = 5 − 0.9007 = 4.0993, on 0–100 of 1–7: 3.0993/6·100 = 51.655.
    @Test func servqualGapsAndTheWeightedIndex() throws {
        let dimensions: [(String, Double, Double, JourneyStage)] = [
            ("tangibles", -0.65, 1.1, .use), ("reliability", -1.10, 3.2, .use),
            ("responsiveness", -0.83, 2.2, .afterSales), ("assurance", -0.70, 1.9, .afterSales),
            ("empathy", -1.01, 1.6, .purchase),
        ]
        var answers: [SurveyAnswer] = []
        for (name, gap, importance, stage) in dimensions {
            for (response, shift) in [("r1", 0.1), ("r2", -0.1)] {
                answers.append(
                    Self.answer(
                        response, name, importance: importance, expectation: 5, performance: 5 + gap + shift,
                        stage: stage))
            }
        }
        let s = SatisfactionAnalysis(answers, scale: Self.seven)
        #expect(abs(try #require(s.unweightedGap) - -0.858) < 1e-12)
        #expect(abs(try #require(s.weightedGap) - -0.9007) < 1e-12)
        #expect(abs(try #require(s.worstEpisodeGap) - -1.1) < 1e-12)
        #expect(abs(try #require(s.index) - 51.655) < 1e-9)
        #expect(s.statedWeights)
        #expect(s.weakestAttribute == "reliability")
        // Stage gaps: use (−0.65 −1.10)/2 = −0.875, after-sales −0.765, purchase −1.01: the purchase is weakest.
        #expect(s.weakestStage == .purchase)
        #expect(s.stages.map(\.stage) == [.purchase, .use, .afterSales])
        #expect(abs(s.stages[1].gap! - -0.875) < 1e-12)
        #expect(s.responses == 2 && s.nps == nil)
    }

    /// Zone of tolerance: adequate 3, desired 5. Performance 2 and 3 (mean 2.5) lies below it, one
    /// answer of two below its adequate level; 4 inside; 6 above. Without importance, equal weights.
    @Test func zoneOfTolerance() {
        let answers = [
            Self.answer("a", "delivery", expectation: 5, adequate: 3, performance: 2),
            Self.answer("b", "delivery", expectation: 5, adequate: 3, performance: 3),
            Self.answer("a", "price", expectation: 5, adequate: 3, performance: 4),
            Self.answer("a", "service", expectation: 5, adequate: 3, performance: 6),
        ]
        let s = SatisfactionAnalysis(answers, scale: Self.seven)
        #expect(s.attributes.map(\.zone) == [.below, .within, .above])
        #expect(s.attributes[0].belowAdequateShare == 0.5)
        #expect(s.attributes[1].belowAdequateShare == 0)
        #expect(!s.statedWeights && s.attributes.allSatisfy { abs($0.weight - 1.0 / 3) < 1e-15 })
        #expect(s.weakestAttribute == "delivery" && s.weakestStage == nil)
    }

    /// A competitor row repeats the firm's own ratings: they count once; anonymous responses are
    /// counted; the overall row gives NPS and satisfaction.
    @Test func competitorRowsCountOnceAndAnonymousAnswersCount() {
        var rival = Self.answer("a", "delivery", expectation: 4, performance: 3)
        rival.competitor = "rival"
        rival.competitorPerformance = 5
        var overall = SurveyAnswer(
            wave: "", response: "b", customerID: nil, day: Self.day, scale: Self.seven, satisfaction: 6, recommend: 9)
        overall.referrals = 2
        let s = SatisfactionAnalysis(
            [Self.answer("a", "delivery", expectation: 4, performance: 3), rival, overall], scale: Self.seven)
        #expect(s.attributes.count == 1 && s.attributes[0].answers == 1)
        #expect(s.responses == 2 && s.anonymous == 1)
        #expect(s.meanSatisfaction == 6 && s.nps?.score == 100)
    }
}
