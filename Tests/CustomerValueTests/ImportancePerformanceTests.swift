import Testing

@testable import CustomerValue

/// OLS against numpy, and IPA quadrants on a hand-worked case.
@Suite struct ImportancePerformanceTests {
    /// numpy 2.4.6 here, `np.linalg.solve(X.T@X, X.T@y)` with X = [1, x1, x2], SE =
    /// √diag(RSS/(n−3)·(XᵀX)⁻¹) (the classical errors statsmodels' OLS reports):
    /// β = 0.5950266429840165, 0.678507992895203, 0.3392539964476027;
    /// SE = 0.31484705252023387, 0.10050613693219554, 0.09178719289268528; R² 0.9671270644998807.
    @Test func olsMatchesNumpy() throws {
        let y: [Double] = [4, 5, 3, 6, 7, 5, 4, 6, 2, 5]
        let x1: [Double] = [3, 4, 2, 5, 6, 4, 4, 5, 1, 3]
        let x2: [Double] = [5, 4, 3, 6, 7, 6, 3, 5, 2, 6]
        let fit = try #require(LinearRegression(y, on: [x1, x2]))
        #expect(abs(fit.intercept - 0.5950266429840165) < 1e-12)
        #expect(abs(fit.slopes[0] - 0.678507992895203) < 1e-12)
        #expect(abs(fit.slopes[1] - 0.3392539964476027) < 1e-12)
        #expect(abs(fit.interceptStandardError - 0.31484705252023387) < 1e-12)
        #expect(abs(fit.standardErrors[0] - 0.10050613693219554) < 1e-12)
        #expect(abs(fit.standardErrors[1] - 0.09178719289268528) < 1e-12)
        #expect(abs(fit.rSquared - 0.9671270644998807) < 1e-12)
        #expect(fit.observations == 10)
    }

    @Test func olsRefusesTooFewRowsAndConstantPredictors() {
        #expect(LinearRegression([1, 2, 3], on: [[1, 2, 3], [2, 1, 2]]) == nil)
        #expect(LinearRegression([1, 2, 3, 4], on: [[5, 5, 5, 5]]) == nil)
    }

    /// Four attributes at stated importance 6, 6, 3, 3 and performance 3, 6, 3, 6: the crosshairs lie at
    /// 4.5 and 4.5, so A is "concentrate here", B "keep up the good work", C "low priority", D "possible
    /// overkill" (Martilla & James's four quadrants).
    @Test func ipaQuadrantsOfAHandWorkedCase() throws {
        let scale = SurveyScale(low: 1, high: 7)!
        let day = Day(year: 2024, month: 1, day: 1)!
        let points: [(String, Double, Double)] = [("A", 6, 3), ("B", 6, 6), ("C", 3, 3), ("D", 3, 6)]
        var answers: [SurveyAnswer] = []
        for (name, importance, performance) in points {
            // Two respondents, ±1 around the point: the means are the point.
            answers.append(
                SurveyAnswer(
                    wave: "", response: "r1", customerID: nil, day: day, scale: scale, attribute: name,
                    importance: importance + 1, performance: performance - 1))
            answers.append(
                SurveyAnswer(
                    wave: "", response: "r2", customerID: nil, day: day, scale: scale, attribute: name,
                    importance: importance - 1, performance: performance + 1))
        }
        let ipa = try #require(ImportancePerformance(answers, importance: .stated))
        #expect(ipa.importanceCrosshair == 4.5 && ipa.performanceCrosshair == 4.5)
        #expect(
            ipa.attributes.map(\.quadrant) == [.concentrateHere, .keepUpTheGoodWork, .lowPriority, .possibleOverkill])
        #expect(ipa.attributes.map(\.importance) == [6, 6, 3, 3])
        // Derived importance needs an overall satisfaction and more responses than coefficients.
        #expect(ImportancePerformance(answers, importance: .derived) == nil)
    }
}

/// Pearson's r and its Fisher-z interval against numpy.
@Suite struct CorrelationTests {
    /// numpy 2.4.6: `np.corrcoef(x, y)[0, 1]` = 0.9502487562189054; tanh(atanh r ± 1.959964/√7) =
    /// 0.7981671373943474 … 0.9884711672042238 (python3 math).
    @Test func pearsonAndFisherInterval() throws {
        let x: [Double] = [3, 4, 2, 5, 6, 4, 4, 5, 1, 3]
        let y: [Double] = [4, 5, 3, 6, 7, 5, 4, 6, 2, 5]
        let c = try #require(Correlation(x, y))
        #expect(abs(c.r - 0.9502487562189054) < 1e-12)
        #expect(abs(c.interval.lowerBound - 0.7981671373943474) < 1e-12)
        #expect(abs(c.interval.upperBound - 0.9884711672042238) < 1e-12)
        #expect(Correlation([1, 2, 3], [1, 2, 3]) == nil)
        #expect(Correlation([1, 1, 1, 1], [1, 2, 3, 4]) == nil)
    }
}
