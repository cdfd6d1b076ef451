import Testing

@testable import CustomerValue

/// Gale's customer value map on a hand-built case of the firm and three competitors, against an
/// independent computation.
@Suite struct ValueMapTests {
    static let scale = SurveyScale(low: 1, high: 7)!
    static let day = Day(year: 2024, month: 1, day: 1)!

    /// Two responses rate the firm (F) and competitors A, B, C on a1, a2, a3 (quality, stated
    /// importance 5, 3, 2) and price (satisfaction with price). Means: a1 F 5.5 A 5 B 3.5 C 6.5; a2
    /// F 5.5 A 5.5 B 3.5 C 6.5; a3 F 4.5 A 3.5 B 4.5 C 5.5; price F 4.5 A 4.5 B 6.5 C 2.5. Values from
    /// a plain python3 script (float arithmetic, written out for this test): quality ratio
    /// Σ w·mean ÷ mean of the others, relative price 1 ÷ the price ratio, slope Σ(x−1)(y−1)/Σ(x−1)²,
    /// value (1 + b(x−1) − y)/√(1 + b²).
    static func answers() -> [SurveyAnswer] {
        let ratings: [(String, [String: [String: Double]])] = [
            (
                "R1",
                [
                    "a1": ["F": 6, "A": 5, "B": 4, "C": 7], "a2": ["F": 5, "A": 6, "B": 3, "C": 6],
                    "a3": ["F": 4, "A": 4, "B": 5, "C": 6], "price": ["F": 4, "A": 5, "B": 6, "C": 2],
                ]
            ),
            (
                "R2",
                [
                    "a1": ["F": 5, "A": 5, "B": 3, "C": 6], "a2": ["F": 6, "A": 5, "B": 4, "C": 7],
                    "a3": ["F": 5, "A": 3, "B": 4, "C": 5], "price": ["F": 5, "A": 4, "B": 7, "C": 3],
                ]
            ),
        ]
        let importance = ["a1": 5.0, "a2": 3, "a3": 2, "price": 4]
        var answers: [SurveyAnswer] = []
        for (response, byAttribute) in ratings {
            for attribute in ["a1", "a2", "a3", "price"] {
                let r = byAttribute[attribute]!
                for competitor in ["A", "B", "C"] {
                    answers.append(
                        SurveyAnswer(
                            wave: "w", response: response, customerID: nil, day: day, scale: scale,
                            attribute: attribute, importance: importance[attribute], performance: r["F"],
                            competitor: competitor, competitorPerformance: r[competitor]))
                }
            }
        }
        return answers
    }

    @Test func ratiosLineAndValueMatchAnIndependentComputation() throws {
        let map = try CustomerValueMap(
            Self.answers(), weights: ["a1": 5, "a2": 3, "a3": 2, "price": 4], priceAttributes: ["price"])
        #expect(map.slopeSource == .fitted)
        #expect(abs(map.slope - 2.178698268340022) < 1e-12)
        let expected: [(String, Double, Double, Double, Double)] = [
            ("", 1.0693548387096774, 1.0, 1.1511032669977757, 0.06303236516371068),
            ("A", 0.9480533926585095, 1.0, 0.8868240165389556, -0.047211089866002996),
            ("B", 0.6888235294117646, 0.5897435897435898, 0.3220403623812518, -0.11167175877709612),
            ("C", 1.3638768472906404, 2.066666666666667, 1.7927778570811448, -0.1142520595554217),
        ]
        #expect(map.providers.map(\.provider) == expected.map(\.0))
        for (p, e) in zip(map.providers, expected) {
            #expect(abs(p.relativeQuality - e.1) < 1e-12, "\(e.0)")
            #expect(abs(p.relativePrice - e.2) < 1e-12, "\(e.0)")
            #expect(abs(p.fairPrice - e.3) < 1e-12, "\(e.0)")
            #expect(abs(p.value - e.4) < 1e-12, "\(e.0)")
        }
        // The profile: quality weights 0.5, 0.3, 0.2; price alone weighs 1.
        #expect(map.attributes.map(\.attribute) == ["a1", "a2", "a3", "price"])
        #expect(map.attributes.map(\.weight) == [0.5, 0.3, 0.2, 1])
        #expect(map.attributes[0].ratings == [5.5, 5, 3.5, 6.5])
    }

    /// The firm against one competitor at the same ratings lies on (1, 1) with it: no spread in
    /// quality, so the line is the diagonal; with one competitor rated differently, too; a given
    /// slope is used as given.
    @Test func slopeFallsBackToTheDiagonalAndCanBeGiven() throws {
        var answers: [SurveyAnswer] = []
        for (attribute, rating) in [("q", 5.0), ("price", 4.0)] {
            answers.append(
                SurveyAnswer(
                    wave: "w", response: "R1", customerID: nil, day: Self.day, scale: Self.scale, attribute: attribute,
                    performance: rating, competitor: "A", competitorPerformance: rating))
        }
        let map = try CustomerValueMap(answers, weights: [:], priceAttributes: ["price"])
        #expect(map.slopeSource == .diagonal && map.slope == 1)
        #expect(map.providers.allSatisfy { $0.relativeQuality == 1 && $0.relativePrice == 1 && $0.value == 0 })
        // One competitor rated differently: two points, still the diagonal. Quality 6 against 4 gives
        // 1.5 and 2/3; price satisfaction 3 against 6 gives relative prices 2 and 1/2; values
        // (1.5 − 2)/√2 and (2/3 − 1/2)/√2.
        var two: [SurveyAnswer] = []
        for (attribute, firm, rival) in [("q", 6.0, 4.0), ("price", 3.0, 6.0)] {
            two.append(
                SurveyAnswer(
                    wave: "w", response: "R1", customerID: nil, day: Self.day, scale: Self.scale, attribute: attribute,
                    performance: firm, competitor: "A", competitorPerformance: rival))
        }
        let pair = try CustomerValueMap(two, weights: [:], priceAttributes: ["price"])
        #expect(pair.slopeSource == .diagonal && pair.slope == 1)
        #expect(pair.providers.map(\.relativeQuality) == [1.5, 4.0 / 6])
        #expect(pair.providers.map(\.relativePrice) == [2, 0.5])
        #expect(abs(pair.providers[0].value - (1.5 - 2) / 2.0.squareRoot()) < 1e-15)
        #expect(abs(pair.providers[1].value - (4.0 / 6 - 0.5) / 2.0.squareRoot()) < 1e-15)
        let given = try CustomerValueMap(Self.answers(), weights: [:], priceAttributes: ["price"], slope: 0.5)
        #expect(given.slopeSource == .given && given.slope == 0.5)
    }

    @Test func whatIsMissingIsNamed() {
        let answers = Self.answers()
        #expect(throws: CustomerValueMap.Problem.noPriceRating(priceAttributes: ["cost"])) {
            try CustomerValueMap(answers, weights: [:], priceAttributes: ["cost"])
        }
        #expect(throws: CustomerValueMap.Problem.noQualityRating) {
            try CustomerValueMap(answers, weights: [:], priceAttributes: ["a1", "a2", "a3", "price"])
        }
        let own = answers.map { a -> SurveyAnswer in
            var a = a
            a.competitor = nil
            a.competitorPerformance = nil
            return a
        }
        #expect(throws: CustomerValueMap.Problem.noCompetitor) {
            try CustomerValueMap(own, weights: [:], priceAttributes: ["price"])
        }
    }
}

/// The competitors' relative customer value is the same Gale ratio as the value map's.
@Suite struct RelativeValueTests {
    /// Two attributes weighted 3 and 1 (0.75 and 0.25 once rescaled): the firm rates 6 and 4, the
    /// rival 3 and 5, so the ratio is 0.75 · 6/3 + 0.25 · 4/5 = 1.5 + 0.2 = 1.7; with weights that
    /// sum to 0 they weigh equally, 0.5 · 2 + 0.5 · 0.8 = 1.4.
    @Test func galeRatioByHand() throws {
        let scale = SurveyScale(low: 1, high: 7)!
        let day = Day(year: 2024, month: 1, day: 1)!
        let answers = [("a", 6.0, 3.0), ("b", 4.0, 5.0)].map { attribute, firm, rival in
            SurveyAnswer(
                wave: "w", response: "R1", customerID: nil, day: day, scale: scale, attribute: attribute,
                performance: firm, competitor: "rival", competitorPerformance: rival)
        }
        let weighted = try #require(CompetitorComparison.all(answers, weights: ["a": 3, "b": 1]).first)
        #expect(abs((weighted.relativeValue ?? 0) - 1.7) < 1e-12)
        let zero = try #require(CompetitorComparison.all(answers, weights: ["a": 0, "b": -2]).first)
        #expect(abs((zero.relativeValue ?? 0) - 1.4) < 1e-12)
    }
}
