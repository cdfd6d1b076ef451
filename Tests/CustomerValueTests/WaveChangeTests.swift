import Testing

@testable import CustomerValue

/// Wave-to-wave change against scipy 1.17.1 and numpy 2.4.6: `scipy.stats.ttest_ind(second, first,
/// equal_var=False)` (Welch) for the satisfaction, performance and gap, and the two-sample Wald
/// test of NPS, 2·norm.sf(|z|) with SE = √(SE₁² + SE₂²).
@Suite struct WaveChangeTests {
    static let scale = SurveyScale(low: 1, high: 7)!
    static let day = Day(year: 2024, month: 1, day: 1)!

    static func wave(
        _ name: String, satisfaction: [Double], recommend: [Double], performance: [Double], expectation: [Double]
    ) -> [SurveyAnswer] {
        satisfaction.indices.flatMap { i in
            [
                SurveyAnswer(
                    wave: name, response: "R\(i)", customerID: nil, day: day, scale: scale,
                    satisfaction: satisfaction[i], recommend: recommend[i]),
                SurveyAnswer(
                    wave: name, response: "R\(i)", customerID: nil, day: day, scale: scale, attribute: "a",
                    expectation: expectation[i], performance: performance[i]),
            ]
        }
    }

    @Test func welchAndNPSMatchScipy() throws {
        let first = Self.wave(
            "W1", satisfaction: [5, 6, 4, 7, 5, 6, 3, 5], recommend: [9, 10, 6, 8, 3, 9, 7, 10],
            performance: [4, 5, 3, 6, 4, 5, 3, 4], expectation: [5, 5, 5, 6, 5, 5, 4, 5])
        let second = Self.wave(
            "W2", satisfaction: [6, 7, 6, 7, 5, 6, 7, 6, 5, 7], recommend: [10, 9, 9, 8, 10, 6, 9, 10, 9, 7],
            performance: [5, 6, 5, 6, 4, 6, 6, 5, 5, 6], expectation: [5, 6, 5, 6, 5, 6, 6, 6, 5, 6])
        let change = WaveChange(from: "W1", first, to: "W2", second)
        #expect(change.sameScale)
        let s = try #require(change.satisfaction)
        #expect(abs(s.difference - 1.075) < 1e-12)
        #expect(abs(s.t - 2.1229201483525455) < 1e-12)
        #expect(abs(s.degreesOfFreedom - 11.301918014602096) < 1e-9)
        #expect(abs(s.p - 0.05662669528348802) < 1e-10)
        let a = try #require(change.attributes.first)
        #expect(a.attribute == "a" && change.attributes.count == 1)
        let p = try #require(a.performance)
        #expect(abs(p.t - 2.6896081037359747) < 1e-12)
        #expect(abs(p.p - 0.01991175580505866) < 1e-10)
        let g = try #require(a.gap)
        #expect(abs(g.difference - 0.55) < 1e-12)
        #expect(abs(g.t - 1.9411764705882355) < 1e-12)
        #expect(abs(g.p - 0.07861269287724891) < 1e-10)
        let nps = try #require(change.nps)
        #expect(nps.from.score == 25 && nps.to.score == 60)
        #expect(abs(nps.standardError - 36.04684452209375) < 1e-10)
        #expect(abs(nps.z - 0.9709587750058921) < 1e-12)
        #expect(abs(nps.p - 0.3315688078727216) < 1e-12)
    }

    /// The t tail at a small and a large ν: scipy `2*t.sf(2.1, 3.5)`, `2*t.sf(0.3, 120)`.
    @Test func studentTailMatchesScipy() {
        #expect(abs(StudentT.twoSidedP(2.1, degreesOfFreedom: 3.5) - 0.11352582522079814) < 1e-12)
        #expect(abs(StudentT.twoSidedP(-0.3, degreesOfFreedom: 120) - 0.7646962111751864) < 1e-12)
        #expect(StudentT.twoSidedP(0, degreesOfFreedom: 5) == 1)
    }

    /// Waves on different scales compare only NPS; a wave with one answer has no test.
    @Test func differentScalesCompareOnlyNPS() {
        var second = Self.wave(
            "W2", satisfaction: [6, 7], recommend: [10, 9], performance: [5, 6], expectation: [5, 6])
        for i in second.indices { second[i].scale = SurveyScale(low: 1, high: 5)! }
        let first = Self.wave("W1", satisfaction: [5], recommend: [3], performance: [4], expectation: [5])
        let change = WaveChange(from: "W1", first, to: "W2", second)
        #expect(!change.sameScale && change.satisfaction == nil && change.attributes.isEmpty)
        #expect(change.nps?.difference == 200)
        let same = WaveChange(from: "W1", first, to: "W1", first)
        #expect(same.satisfaction == nil && same.attributes.first?.performance == nil)
    }
}
