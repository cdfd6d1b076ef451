import Foundation
import Testing
import _CVMTestSupport

@testable import CustomerValue

/// lifetimes 0.11.3's fits on the CDNOW summary with tol 1e-10 (Tests/Fixtures/lifetimes_cdnow_parameters.csv).
enum LifetimesFit {
    static let bgnbd = BGNBD(
        r: 0.24259290718880555, alpha: 4.4135315608340235, a: 0.79288614834692728, b: 2.4257534373351359)
    static let mbgnbd = MBGNBD(
        r: 0.52483798365998813, alpha: 6.1829920199968544, a: 0.89135615530602863, b: 1.6139993347267594)
    static let gammaGamma = GammaGamma(p: 6.2488024896348948, q: 3.7445884532951652, v: 15.447748009698161)
}

@Suite struct MBGNBDTests {
    /// lifetimes `test_params_out_is_close_to_BTYDplus` (3 decimals).
    @Test func fitsCDNOW() {
        let model = CDNOW.histories.fit(MBGNBD.self)
        #expect(model.fit.converged, "\(model.fit.message)")
        for (name, value) in zip(MBGNBD.parameterNames, [0.525, 6.183, 0.891, 1.614]) {
            #expect(abs(model[name] - value) < 0.0005, "\(name) = \(model[name])")
        }
        // lifetimes: CET(39) of the Hardie customer within 0.05 of BG/NBD's 1.226.
        #expect(abs(model.expectedPurchases(in: 39, frequency: 2, recency: 30.43, T: 38.86) - 1.226) < 0.05)
        // btyd: P(X(2) = 10) = 2.247434e-08 (rtol 0.1).
        #expect(isClose(model.probabilityOfPurchases(10, in: 2), 2.247434e-08, relative: 0.1))
        // lifetimes: E[X(t)] within 5 % of BG/NBD's.
        for (t, value) in zip([1.0, 3, 31.8571, 32, 78], [0.0532, 0.1506, 1.0405, 1.0437, 1.8576]) {
            #expect(isClose(model.expectedPurchasesNewCustomer(in: t), value, relative: 0.05))
        }
    }

    /// pymc-marketing's single-customer values at a = 0.8, b = 2.5, r = 0.25, α = 4, T = 40.
    @Test func singleCustomerLogLikelihood() {
        let model = MBGNBD(r: 0.25, alpha: 4, a: 0.8, b: 2.5)
        #expect(abs(model.logLikelihood(frequency: 0, recency: 0, T: 40) - -0.41792826) < 1e-7)
        #expect(abs(model.logLikelihood(frequency: 200, recency: 38, T: 40) - 100.7869) < 1e-4)
    }

    @Test func agreesWithLifetimesPerCustomer() {
        let histories = CDNOW.histories
        let alive = LifetimesFit.mbgnbd.probabilityAlive(histories)
        let expected = LifetimesFit.mbgnbd.expectedPurchases(in: 52, histories)
        let referenceAlive = CDNOW.lifetimes["mbg_p_alive"]!
        let referenceExpected = CDNOW.lifetimes["mbg_expected_52"]!
        var worst = 0.0
        for i in 0..<histories.count {
            worst = max(worst, abs(alive[i] - referenceAlive[i]) / referenceAlive[i])
            worst = max(worst, abs(expected[i] - referenceExpected[i]) / referenceExpected[i])
        }
        #expect(worst < 1e-6, "largest relative difference \(worst)")
    }

    /// The pmf of a new customer sums to one (MBG/NBD has mass at 0 from the immediate dropout).
    @Test func probabilitiesSumToOne() {
        let model = LifetimesFit.mbgnbd
        let total = (0...3000).reduce(0.0) { $0 + model.probabilityOfPurchases($1, in: 39) }
        #expect(abs(total - 1) < 1e-9)
    }
}

@Suite struct GammaGammaTests {
    static let model = GammaGamma(fitting: CDNOW.columns["x"]!, monetary: CDNOW.monetary)

    /// Paper values p = 6.25, q = 3.74, γ = 15.44 (lifetimes tests them to 2 decimals) and
    /// CLVTools' LL −4055.9177.
    @Test func fitsTheRepeatCustomers() throws {
        let model = Self.model
        #expect(model.fit.converged, "\(model.fit.message)")
        #expect(model.fit.customers == 946)
        #expect(abs(model.p - 6.25) < 0.01)
        #expect(abs(model.q - 3.74) < 0.01)
        #expect(abs(model.v - 15.44) < 0.01)
        #expect(abs((model.fit.logLikelihood ?? .nan) - -4055.9177) < 0.01)
        #expect(model.skippedNonPositive == 0)
        // lifetimes' parameters to 4 significant digits.
        for (mine, theirs) in zip(model.fit.values, LifetimesFit.gammaGamma.fit.values) {
            #expect(significant(mine, 4) == significant(theirs, 4), "\(mine) vs \(theirs)")
        }
        #expect(model.fit.standardErrors != nil)
    }

    /// Hardie note 025 sheet (lifetimes, atol 0.1) and the Quickstart's full-precision values.
    @Test func conditionalExpectedSpend() {
        let spend = Self.model.expectedAverageSpend(frequency: CDNOW.columns["x"]!, monetary: CDNOW.monetary)
        let sheet = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17]
        for i in 0..<10 { #expect(abs(spend[i] - sheet[i]) < 0.1) }
        for (i, value) in [(0, 24.658619), (1, 18.911489), (2, 35.170981), (5, 71.462843), (8, 27.282408)] {
            #expect(isClose(spend[i], value, relative: 1e-5), "customer \(i + 1)")
        }
        // Every customer against lifetimes at its parameters.
        let theirs = LifetimesFit.gammaGamma.expectedAverageSpend(
            frequency: CDNOW.columns["x"]!, monetary: CDNOW.monetary)
        let reference = CDNOW.lifetimes["gg_expected_spend"]!
        for i in reference.indices { #expect(isClose(theirs[i], reference[i], relative: 1e-9)) }
        // Population mean of the conditional expectations (lifetimes docs: 35.2529588256).
        #expect(abs(spend.reduce(0, +) / Double(spend.count) - 35.2529588256) < 0.01)
    }

    /// q ≤ 1: no finite mean; predictions stay finite and positive, the message says why.
    @Test func heavyTailedSpendNeverGoesNegative() {
        let model = GammaGamma(p: 2, q: 0.5, v: 10)
        #expect(model.populationMeanSpend == nil)
        for (x, m) in [(0.0, 0.0), (1, 20), (0.2, 20), (3, 15), (1, -5), (1, .nan)] {
            let value = model.expectedAverageSpend(frequency: x, monetary: m)
            #expect(value.isFinite && value >= 0, "x = \(x), m = \(m): \(value)")
        }
        #expect(model.expectedAverageSpend(frequency: 0.2, monetary: 20) == 20)
    }

    @Test func skipsNonPositiveSpendAndChecksIndependence() {
        var x = CDNOW.columns["x"]!
        var m = CDNOW.monetary
        x += [2, 3, 1]
        m += [0, -10, .nan]
        let model = GammaGamma(fitting: x, monetary: m)
        #expect(model.skippedNonPositive == 3)
        #expect(model.fit.message.contains("left out 3 customers"))
        #expect(model.fit.customers == 946)
        // CDNOW: frequency and spend are nearly uncorrelated (FHL report 0.11).
        let rho = try! #require(model.frequencySpendCorrelation)
        #expect(abs(rho) < 0.3 && model.independenceWarning == nil)
        // A base where spend grows with frequency gets the warning.
        let correlated = GammaGamma(fitting: [1, 2, 3, 4, 5, 6], monetary: [10, 12, 15, 19, 22, 30])
        #expect(correlated.independenceWarning != nil)
    }

    @Test func constrainedQStaysAboveOne() {
        // Heavy-tailed spend, where the unconstrained fit may put q near or below 1.
        let x = [Double](repeating: 1, count: 40) + [Double](repeating: 3, count: 20)
        let m = (0..<60).map { i in 5 * pow(1.4, Double(i % 12)) }
        let model = GammaGamma(fitting: x, monetary: m, constrainQ: true)
        #expect(model.q > 1)
        #expect(model.populationMeanSpend != nil)
    }

    @Test func noRepeatCustomers() {
        let model = GammaGamma(fitting: [0, 0, 0], monetary: [0, 0, 0])
        #expect(!model.fit.converged)
        #expect(model.fit.message.contains("not fitted"))
        #expect(model.expectedAverageSpend(frequency: 0, monetary: 0).isFinite)
    }
}

@Suite struct CustomerLifetimeValueTests {
    /// lifetimes' Quickstart CLV (BG/NBD + Gamma-Gamma, time = 12, discount 0.01) of customers 1…10.
    ///
    /// The Quickstart calls `customer_lifetime_value` with the default freq="D" on this weekly data,
    /// so each of its 12 "months" is 30 time units, here 30 *weeks* (lifetimes' factor: W 4.345,
    /// M 1, D 30). We reproduce that with `Horizon(periods: 12, periodLength: 30)`. A real 12-month
    /// horizon in cvm is `Horizon(periods: 12, unit: .month, modelUnit: .week)`: steps of
    /// 30.436875/7 = 4.348125 weeks, close to lifetimes' freq="W" (4.345 weeks), checked below.
    @Test func reproducesTheQuickstart() {
        let histories = CDNOW.histories
        let bg = CDNOW.bgnbd
        let gg = GammaGammaTests.model
        let spend = gg.expectedAverageSpend(frequency: histories.frequency, monetary: CDNOW.monetary)
        let clv = CustomerLifetimeValue.values(
            model: bg, histories: histories, spend: spend, horizon: Horizon(periods: 12, periodLength: 30),
            discountRate: 0.01)
        let quickstart = [
            140.096211, 18.943467, 38.180574, 38.180574, 38.180574, 1003.868107, 28.109683, 38.180574, 167.418216,
            38.180574,
        ]
        for i in 0..<10 { #expect(isClose(clv[i], quickstart[i], relative: 1e-5), "customer \(i + 1): \(clv[i])") }
    }

    /// Every customer at lifetimes' parameters: freq="D" (30-unit steps) and freq="W" (4.345 weeks).
    @Test func agreesWithLifetimesPerCustomer() {
        let histories = CDNOW.histories
        let spend = LifetimesFit.gammaGamma.expectedAverageSpend(
            frequency: histories.frequency, monetary: CDNOW.monetary)
        for (length, column) in [(30.0, "clv_quickstart"), (4.345, "clv_12_months")] {
            let clv = CustomerLifetimeValue.values(
                model: LifetimesFit.bgnbd, histories: histories, spend: spend,
                horizon: Horizon(periods: 12, periodLength: length), discountRate: 0.01)
            let reference = CDNOW.lifetimes[column]!
            var worst = 0.0
            for i in reference.indices { worst = max(worst, abs(clv[i] - reference[i]) / reference[i]) }
            #expect(worst < 1e-6, "\(column): largest relative difference \(worst)")
        }
        // cvm's month is 4.348125 weeks: slightly more than lifetimes' 4.345.
        let horizon = Horizon(periods: 12, unit: .month, modelUnit: .week)
        #expect(abs(horizon.periodLength - 4.348125) < 1e-12)
    }

    /// lifetimes' discounting semantics: d = 1 halves a one-period value; two periods at d = 1 give
    /// v₁/2 + v₂/4; two periods at d = 0 give the cumulative two-period expectation.
    @Test func discounting() {
        let model = LifetimesFit.bgnbd
        let (x, tx, T) = ([3.0], [20.0], [38.0])
        func clv(_ periods: Int, _ d: Double) -> Double {
            CustomerLifetimeValue.values(
                model: model, frequency: x, recency: tx, T: T, spend: [1],
                horizon: Horizon(periods: periods, periodLength: 4), discountRate: d)[0]
        }
        let e1 = model.expectedPurchases(in: 4, frequency: 3, recency: 20, T: 38)
        let e2 = model.expectedPurchases(in: 8, frequency: 3, recency: 20, T: 38)
        #expect(isClose(clv(1, 0), e1, relative: 1e-12))
        #expect(isClose(clv(1, 1), e1 / 2, relative: 1e-12))
        #expect(isClose(clv(2, 0), e2, relative: 1e-12))
        #expect(isClose(clv(2, 1), e1 / 2 + (e2 - e1) / 4, relative: 1e-12))
    }
}
