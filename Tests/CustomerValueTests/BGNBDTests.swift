import Foundation
import Testing
import _CVMTestSupport

@testable import CustomerValue

/// The CDNOW calibration summary (2,357 customers, weeks) shipped by lifetimes.
enum CDNOW {
    static let columns: [String: [Double]] = try! Fixtures.numericColumns(
        "cdnow_customers_summary_with_transactions.csv")
    static var histories: Histories { Histories(frequency: columns["x"]!, recency: columns["t_x"]!, T: columns["T"]!) }
    static var monetary: [Double] { columns["zbar"]! }
    /// Per-customer predictions of lifetimes 0.11.3 (Tests/Fixtures/scripts/lifetimes_reference.py).
    static let lifetimes: [String: [Double]] = try! Fixtures.numericColumns("lifetimes_cdnow_reference.csv")
    /// The BG/NBD fit made once for the tests that need it.
    static let bgnbd = BGNBD(fitting: histories)
}

/// |actual − expected| ≤ tolerance · |expected|.
func isClose(_ actual: Double, _ expected: Double, relative tolerance: Double) -> Bool {
    abs(actual - expected) <= tolerance * abs(expected)
}

/// Rounds to `digits` significant digits.
func significant(_ value: Double, _ digits: Int) -> Double {
    guard value != 0 else { return 0 }
    let scale = pow(10, Double(digits) - ceil(log10(abs(value))))
    return (value * scale).rounded() / scale
}

@Suite struct BGNBDTests {
    /// The published parameters (FHL 2005, as CLVTools tests them) and lifetimes' Quickstart fit.
    @Test func fitsCDNOWAsPublished() throws {
        let fit = CDNOW.bgnbd.fit
        #expect(fit.converged, "\(fit.message)")
        #expect(fit.model == "bgnbd")
        // Paper: r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4.
        #expect(abs(fit["r"] - 0.243) < 0.0005)
        #expect(abs(fit["alpha"] - 4.414) < 0.0005)
        #expect(abs(fit["a"] - 0.793) < 0.0005)
        #expect(abs(fit["b"] - 2.426) < 0.0005)
        #expect(abs((fit.logLikelihood ?? .nan) - -9582.43) < 0.005)
        // lifetimes 0.11.3 fitted with tol 1e-10 (lifetimes_cdnow_parameters.csv), to 4 significant digits.
        let lifetimes = [0.24259290718880555, 4.4135315608340235, 0.79288614834692728, 2.4257534373351359]
        for (mine, theirs) in zip(fit.values, lifetimes) {
            #expect(significant(mine, 4) == significant(theirs, 4), "\(mine) vs \(theirs)")
        }
        // Delta-method standard errors of the lifetimes Quickstart summary.
        let errors = try #require(fit.standardErrors)
        for (mine, theirs) in zip(errors, [0.012557, 0.378221, 0.185719, 0.705345]) {
            #expect(isClose(mine, theirs, relative: 2e-3), "SE \(mine) vs \(theirs)")
        }
    }

    /// Hardie note 027 single-customer values (pymc-marketing and btyd tests).
    @Test func singleCustomerLogLikelihood() {
        let model = BGNBD(r: 0.25, alpha: 4, a: 0.8, b: 2.5)
        #expect(abs(model.logLikelihood(frequency: 0, recency: 0, T: 40) - -0.59947382) < 1e-7)
        #expect(abs(model.logLikelihood(frequency: 200, recency: 38, T: 40) - 100.7957) < 1e-4)
    }

    /// lifetimes' tests: the Hardie spreadsheet customer and the unconditional E[X(t)].
    @Test func predictionsAtTheFit() {
        let model = CDNOW.bgnbd
        #expect(abs(model.expectedPurchases(in: 39, frequency: 2, recency: 30.43, T: 38.86) - 1.226) < 0.001)
        let t = [0.1429, 1, 3, 31.8571, 32, 78]
        let expected = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576]
        for (time, value) in zip(t, expected) {
            #expect(abs(model.expectedPurchasesNewCustomer(in: time) - value) < 0.0005, "E[X(\(time))]")
        }
    }

    /// lifetimes' pmf tests with the parameters "same as R BTYD".
    @Test func probabilityOfPurchases() {
        let model = BGNBD(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        #expect(isClose(model.probabilityOfPurchases(10, in: 2), 1.07869e-07, relative: 1e-4))
        #expect(abs(model.probabilityOfPurchases(0, in: 39) - 0.5737864) < 1e-6)
        let p30 = [
            0.0019995214, 0.0015170236, 0.0011633150, 0.0009003148, 0.0007023638, 0.0005517902, 0.0004361913,
            0.0003467171, 0.0002769613, 0.0002222260,
        ]
        for (n, value) in zip(11...20, p30) {
            #expect(abs(model.probabilityOfPurchases(n, in: 30) - value) < 1e-8, "P(X(30) = \(n))")
        }
        // The pmf sums to one.
        let total = (0...2000).reduce(0.0) { $0 + model.probabilityOfPurchases($1, in: 30) }
        #expect(abs(total - 1) < 1e-9)
    }

    /// lifetimes: P(alive)(0, 1, 1) = 1 and P(alive)(1000, 10, 100) = 0 without NaN.
    @Test func probabilityAliveLimits() {
        let model = CDNOW.bgnbd
        #expect(model.probabilityAlive(frequency: 0, recency: 1, T: 1) == 1)
        #expect(model.probabilityAlive(frequency: 1000, recency: 10, T: 100) == 0)
    }

    /// BTYD walkthrough (its own fit r 0.2425982, α 4.4136842, a 0.7929899, b 2.4261667). The
    /// walkthrough computed its values at the unrounded parameters; at the printed 7 digits lifetimes
    /// gives 25.756536 and 0.34746025, 0.042833954, 0.0041589857, 0.00035837044 (agreeing with us to
    /// 1e-12), hence 1e-5 here.
    @Test func btydWalkthrough() {
        let model = BGNBD(r: 0.2425982, alpha: 4.4136842, a: 0.7929899, b: 2.4261667)
        #expect(isClose(model.expectedPurchasesNewCustomer(in: 52), 1.444004, relative: 1e-6))
        #expect(
            isClose(model.expectedPurchases(in: 52, frequency: 26, recency: 30.85714, T: 31), 25.75659, relative: 1e-5))
        #expect(isClose(model.probabilityAlive(frequency: 26, recency: 30.85714, T: 31), 0.9688523, relative: 1e-6))
        // The increasing-frequency paradox: t.x = 20, T.cal = 39, T.star = 52.
        for (x, value) in [(10.0, 0.3474606), (15, 0.04283391), (20, 0.004158973), (25, 0.0003583685)] {
            #expect(isClose(model.expectedPurchases(in: 52, frequency: x, recency: 20, T: 39), value, relative: 1e-5))
        }
        #expect(
            isClose(
                model.expectedPurchases(in: 52, frequency: 25, recency: 20, T: 39), 0.0003583704401264087,
                relative: 1e-9))
    }

    /// Every customer's P(alive) and E[Y(52)] against lifetimes at lifetimes' own parameters.
    @Test func agreesWithLifetimesPerCustomer() {
        let model = BGNBD(
            r: 0.24259290718880555, alpha: 4.4135315608340235, a: 0.79288614834692728, b: 2.4257534373351359)
        let histories = CDNOW.histories
        let alive = model.probabilityAlive(histories)
        let expected = model.expectedPurchases(in: 52, histories)
        let referenceAlive = CDNOW.lifetimes["bg_p_alive"]!
        let referenceExpected = CDNOW.lifetimes["bg_expected_52"]!
        var worst = 0.0
        for i in 0..<histories.count {
            worst = max(worst, abs(alive[i] - referenceAlive[i]) / referenceAlive[i])
            worst = max(worst, abs(expected[i] - referenceExpected[i]) / referenceExpected[i])
        }
        #expect(worst < 1e-6, "largest relative difference \(worst)")
    }

    /// BTYD walkthrough: holdout (39 weeks) conditional expectation by calibration frequency 0…7+,
    /// from the 2-decimal summary (hence the 1e-3 tolerance).
    @Test func holdoutExpectationByFrequency() {
        let model = BGNBD(r: 0.2425982, alpha: 4.4136842, a: 0.7929899, b: 2.4261667)
        let histories = CDNOW.histories
        let predicted = model.expectedPurchases(in: 39, histories)
        let validation = HoldoutValidation(
            calibration: histories, predicted: predicted, actual: [Double](repeating: 0, count: histories.count))
        let expected = [0.2250893, 0.5231364, 1.044126, 1.520256, 2.163824, 2.653789, 3.503957, 6.157036]
        let counts = [1411.0, 439, 214, 100, 62, 38, 29, 64]
        #expect(validation.buckets.map(\.customers) == counts)
        for (bucket, value) in zip(validation.buckets, expected) {
            #expect(isClose(bucket.meanPredicted, value, relative: 1e-3), "bucket \(bucket.label)")
        }
    }

    /// BTYD walkthrough tracking: cumulative expected repeat purchases at weeks 20…25, with each
    /// customer's first purchase at 38.857 − T weeks (T has 2 decimals, hence the tolerance).
    @Test func trackingCurve() {
        let model = BGNBD(r: 0.2425982, alpha: 4.4136842, a: 0.7929899, b: 2.4261667)
        let T = CDNOW.histories.T
        let end = T.max()!
        let firstPurchase = T.map { end - $0 }
        let curve = model.expectedCumulativePurchases(firstPurchase: firstPurchase, at: [20, 21, 22, 23, 24, 25])
        let expected = [1312.458, 1387.346, 1460.392, 1531.713, 1601.418, 1669.6]
        for (value, reference) in zip(curve, expected) {
            #expect(isClose(value, reference, relative: 5e-4), "\(value) vs \(reference)")
        }
    }
}
