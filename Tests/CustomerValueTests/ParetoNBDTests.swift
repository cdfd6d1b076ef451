import Foundation
import Testing
import _CVMTestSupport

@testable import CustomerValue

/// Pareto/NBD against the published CDNOW numbers (`../shared/reference/anchors-clv.md` §5.2) and
/// against lifetimes 0.11.3 run on the same file.
@Suite struct ParetoNBDTests {
    static func cdnow() throws -> Histories {
        let c = try Fixtures.numericColumns("cdnow_customers_summary.csv")
        return Histories(frequency: c["frequency"]!, recency: c["recency"]!, T: c["T"]!)
    }

    /// The BTYD walkthrough's parameters as quoted by lifetimes' tests (0.5534, 10.5802, 0.6061, 11.6562).
    static let btyd = ParetoNBD(r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562)

    static func close(_ a: Double, _ b: Double, rtol: Double) -> Bool { abs(a - b) <= rtol * abs(b) }

    /// Paper values r=0.553, α=10.578, s=0.606, β=11.669, LL=−9595.0 (Fader, Hardie & Lee 2005, via
    /// CLVTools `test_correctness_pnbd_nocovstaticcov.R`); CLVTools MLE r=0.55315, α=10.57633,
    /// s=0.60625, β=11.67150, LL=−9594.976. β is poorly identified (CLVTools SE 6.21, BTYD wanders
    /// 11.656–11.658 at the same LL), so it is compared loosely.
    @Test func fitsCDNOW() throws {
        let model = try Self.cdnow().fit(ParetoNBD.self)
        #expect(model.fit.converged, "\(model.fit.message)")
        #expect(
            abs((model.fit.logLikelihood ?? .nan) - -9594.976) < 0.01,
            "LL \(String(describing: model.fit.logLikelihood))")
        #expect(Self.close(model.r, 0.55315, rtol: 2e-3), "r \(model.r)")
        #expect(Self.close(model.alpha, 10.57633, rtol: 2e-3), "alpha \(model.alpha)")
        #expect(Self.close(model.s, 0.60625, rtol: 5e-3), "s \(model.s)")
        #expect(Self.close(model.beta, 11.67150, rtol: 2e-2), "beta \(model.beta)")
        // Paper values to their three decimals.
        #expect(abs(model.r - 0.553) < 1e-3 && abs(model.alpha - 10.578) < 2e-2 && abs(model.s - 0.606) < 2e-3)
        // CLVTools standard errors r 0.0476264, α 0.8427222, s 0.1872594, β 6.2105448.
        let se = try #require(model.fit.standardErrors)
        #expect(Self.close(se[0], 0.0476264, rtol: 0.02) && Self.close(se[1], 0.8427222, rtol: 0.02))
        #expect(Self.close(se[2], 0.1872594, rtol: 0.05) && Self.close(se[3], 6.2105448, rtol: 0.1), "\(se)")
    }

    /// LL at the paper's parameters on this file: −9594.974 (anchors §7, a cross-check computed with
    /// the note-009 formula; not a published number, but the published LL −9594.98 agrees).
    @Test func logLikelihoodAtPaperValues() throws {
        let ll = ParetoNBD(r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669).logLikelihood(try Self.cdnow())
        #expect(abs(ll - -9594.974) < 0.01, "\(ll)")
    }

    /// BTYD walkthrough: customer 1516 (x=26, tₓ=30.85714, T=31): P(alive)=0.997874, CET(52)=25.45647;
    /// lifetimes asserts 0.9979 (tol 1e-3) and 25.46 (tol 0.01) at these 4-decimal parameters. BTYD
    /// evaluated at its unrounded estimates, which moves CET by ~1e-4 relative, so CET gets rtol
    /// 2e-4 here; at exactly these parameters lifetimes 0.11.3 gives CET 25.453777498530677 and
    /// P(alive) 0.9978732310430952 (`Tests/Fixtures/scripts/lifetimes_pareto_probe.py`), checked to 1e-9.
    @Test func customer1516() {
        let alive = Self.btyd.probabilityAlive(frequency: 26, recency: 30.85714, T: 31)
        let cet = Self.btyd.expectedPurchases(in: 52, frequency: 26, recency: 30.85714, T: 31)
        #expect(abs(alive - 0.997874) < 1e-6, "\(alive)")
        #expect(Self.close(cet, 25.45647, rtol: 2e-4), "\(cet)")
        #expect(Self.close(alive, 0.9978732310430952, rtol: 1e-9) && Self.close(cet, 25.453777498530677, rtol: 1e-9))
        // lifetimes' own check: x=26, tₓ=30.86 → 0.9979 (tol 0.001).
        #expect(abs(Self.btyd.probabilityAlive(frequency: 26, recency: 30.86, T: 31) - 0.9979) < 1e-3)
    }

    /// BTYD walkthrough `pnbd.Expectation(t=52)` = 1.473434 (rtol 3e-4: BTYD's unrounded estimates);
    /// lifetimes 0.11.3 at these parameters: 1.4730669919019908 (1e-9).
    @Test func newCustomerExpectation() {
        let e = Self.btyd.expectedPurchasesNewCustomer(in: 52)
        #expect(Self.close(e, 1.473434, rtol: 3e-4), "\(e)")
        #expect(Self.close(e, 1.4730669919019908, rtol: 1e-9), "\(e)")
    }

    /// E[X(t)], t = 0…9: [0, 0.05077821, …, 0.38909211], asserted by lifetimes' test "returns same value
    /// as R BTYD". They are BTYD.pdf's example at params (0.55, 10.56, 0.61, 11.64): at those eight
    /// digits agree (lifetimes itself only checks atol 0.01 against its own fit).
    @Test func newCustomerExpectationList() throws {
        let expected = [
            0, 0.05077821, 0.09916088, 0.14542507, 0.18979930, 0.23247466, 0.27361274, 0.31335159,
            0.35181024, 0.38909211,
        ]
        let model = ParetoNBD(r: 0.55, alpha: 10.56, s: 0.61, beta: 11.64)
        for (t, e) in expected.enumerated() {
            let value = model.expectedPurchasesNewCustomer(in: Double(t))
            #expect(abs(value - e) < 1e-8, "t=\(t): \(value)")
        }
    }

    /// BTYD walkthrough, increasing-frequency paradox: tₓ=20, T=39, CET(52) for x = 10, 15, 20, 25:
    /// 0.7062289, 0.1442396, 0.02250658, 0.00309267 (rtol 6e-4: BTYD's unrounded estimates); lifetimes
    /// 0.11.3 at these parameters: 0.7059069544249721, 0.1441745353452826, 0.02249718341182578,
    /// 0.0030914999537651595 (1e-9).
    @Test func frequencyParadox() {
        let expected: [(Double, Double, Double)] = [
            (10, 0.7062289, 0.7059069544249721), (15, 0.1442396, 0.1441745353452826),
            (20, 0.02250658, 0.02249718341182578), (25, 0.00309267, 0.0030914999537651595),
        ]
        for (x, btyd, lifetimes) in expected {
            let value = Self.btyd.expectedPurchases(in: 52, frequency: x, recency: 20, T: 39)
            #expect(Self.close(value, btyd, rtol: 6e-4), "x=\(x): \(value)")
            #expect(Self.close(value, lifetimes, rtol: 1e-9), "x=\(x): \(value)")
        }
    }

    /// BTYD walkthrough, holdout conditional expectation (39 weeks) averaged by calibration frequency
    /// 0…7+: 0.138, 0.600, 1.196, 1.714, 2.399, 2.907, 3.819, 6.403 (three decimals).
    @Test func holdoutByFrequency() throws {
        let h = try Self.cdnow()
        let e = Self.btyd.expectedPurchases(in: 39, h)
        var sums = [Double](repeating: 0, count: 8), counts = sums
        for i in 0..<h.count {
            let bin = min(Int(h.frequency[i]), 7)
            sums[bin] += e[i]
            counts[bin] += 1
        }
        let expected = [0.138, 0.600, 1.196, 1.714, 2.399, 2.907, 3.819, 6.403]
        for bin in 0..<8 {
            let mean = sums[bin] / counts[bin]
            #expect(abs(mean - expected[bin]) < 1.5e-3, "bin \(bin): \(mean)")
        }
    }

    /// Per-customer P(alive) and CET(39), CET(52) against lifetimes 0.11.3 at its own fitted
    /// parameters (`Tests/Fixtures/scripts/lifetimes_pareto_cdnow.py` → `lifetimes_pareto_cdnow.csv`).
    @Test func agreesWithLifetimesPerCustomer() throws {
        let c = try Fixtures.numericColumns("lifetimes_pareto_cdnow.csv")
        let model = ParetoNBD(r: c["r"]![0], alpha: c["alpha"]![0], s: c["s"]![0], beta: c["beta"]![0])
        let h = Histories(frequency: c["frequency"]!, recency: c["recency"]!, T: c["T"]!)
        let alive = model.probabilityAlive(h)
        let e39 = model.expectedPurchases(in: 39, h)
        let e52 = model.expectedPurchases(in: 52, h)
        var worst = (alive: 0.0, e39: 0.0, e52: 0.0)
        for i in 0..<h.count {
            worst.alive = max(worst.alive, abs(alive[i] - c["p_alive"]![i]) / c["p_alive"]![i])
            worst.e39 = max(worst.e39, abs(e39[i] - c["expected_39"]![i]) / c["expected_39"]![i])
            worst.e52 = max(worst.e52, abs(e52[i] - c["expected_52"]![i]) / c["expected_52"]![i])
        }
        #expect(h.count == 2357)
        #expect(worst.alive < 1e-6 && worst.e39 < 1e-6 && worst.e52 < 1e-6, "\(worst)")
    }
}

/// Numerical edge cases: the overflow reports of lifetimes #25/#19/PR #117 and CLVTools' stable
/// P(alive) test (anchors §5.2), and histories a user can produce.
@Suite struct ParetoNBDEdgeCaseTests {
    /// lifetimes `test__log_A_0_is_finite_and_negative...`: params [10.465, 7.98565181e-03, 3.0516, 2.820],
    /// freq [400, 500, 500], rec [5, 1, 4], age [6, 37, 37]. Reference log A₀ from mpmath's hyp2f1 at 50
    /// digits (`Tests/Fixtures/scripts/pareto_log_a0_mpmath.py`): −667.991281270661558, −9.476588320489417191,
    /// −715.05979320430536491; lifetimes 0.11.3 prints −667.99128127, −9.47658832, −715.0597932.
    @Test func logA0AtHighFrequency() {
        let model = ParetoNBD(r: 10.465, alpha: 7.98565181e-03, s: 3.0516, beta: 2.820)
        let cases: [(Double, Double, Double, Double)] = [
            (400, 5, 6, -667.991281270661558), (500, 1, 37, -9.476588320489417191),
            (500, 4, 37, -715.05979320430536491),
        ]
        for (x, tx, T, expected) in cases {
            let logA0 = model.logDiedTerm(x, recency: tx, age: T) - log(model.s / (model.r + model.s + x))
            #expect(logA0.isFinite && logA0 < 0)
            #expect(abs(logA0 - expected) < 1e-11 * abs(expected), "x=\(x): \(logA0)")
            let ll = model.logLikelihood(frequency: x, recency: tx, T: T)
            let alive = model.probabilityAlive(frequency: x, recency: tx, T: T)
            #expect(ll.isFinite && alive >= 0 && alive <= 1)
        }
        // lifetimes: P(alive) finite and in [0, 1] for freq [40, 50, 50].
        for (x, tx, T) in [(40.0, 5.0, 6.0), (50, 1, 37), (50, 4, 37)] {
            let alive = model.probabilityAlive(frequency: x, recency: tx, T: T)
            #expect(alive.isFinite && alive >= 0 && alive <= 1)
        }
    }

    /// CLVTools "numerically stable PAlive that produced NaNs": r=0.5143, α=2.8845, s=0.2856, β=14.1087.
    @Test func clvToolsStablePAlive() {
        let model = ParetoNBD(r: 0.5143, alpha: 2.8845, s: 0.2856, beta: 14.1087)
        let x = [221.0, 254, 161, 204]
        let tx = [103.42857, 97.14286, 94.71429, 98.57143]
        let T = [103.57143, 97.28571, 98.0, 99.42857]
        for i in 0..<4 {
            let alive = model.probabilityAlive(frequency: x[i], recency: tx[i], T: T[i])
            let cet = model.expectedPurchases(in: 52, frequency: x[i], recency: tx[i], T: T[i])
            #expect(alive.isFinite && alive > 0 && alive <= 1, "\(alive)")
            #expect(cet.isFinite && cet >= 0, "\(cet)")
        }
    }

    /// Frequency 0, 1, 500; recency = T; T = 0; T of 20 years (in weeks and in days); both α ≥ β and α < β.
    @Test(arguments: [
        ParetoNBD(r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669), ParetoNBD(r: 0.553, alpha: 20, s: 0.606, beta: 2),
        ParetoNBD(r: 2, alpha: 0.01, s: 3, beta: 500), ParetoNBD(r: 1, alpha: 1, s: 1, beta: 1),
    ])
    func neverNaN(_ model: ParetoNBD) {
        let rows: [(Double, Double, Double)] = [
            (0, 0, 0), (0, 0, 38.86), (1, 0.5, 38.86), (1, 38.86, 38.86), (500, 30, 38.86), (500, 38.86, 38.86),
            (500, 0.01, 38.86), (0, 0, 1043), (50, 1000, 1043), (3, 7300, 7300), (0, 0, 7300), (1, 1e-9, 7300),
        ]
        for (x, tx, T) in rows {
            let ll = model.logLikelihood(frequency: x, recency: tx, T: T)
            let alive = model.probabilityAlive(frequency: x, recency: tx, T: T)
            let cet = model.expectedPurchases(in: 52, frequency: x, recency: tx, T: T)
            // A probability for x = 0; a density in tₓ otherwise, which may exceed 1.
            #expect(ll.isFinite && (x > 0 || ll <= 1e-12), "\(model.parameters) \((x, tx, T)): LL \(ll)")
            #expect(alive.isFinite && alive >= 0 && alive <= 1, "\((x, tx, T)): \(alive)")
            #expect(cet.isFinite && cet >= 0, "\((x, tx, T)): \(cet)")
        }
        #expect(model.logLikelihood(frequency: 0, recency: 0, T: 0) == 0)  // nothing observed yet: probability 1
        #expect(model.probabilityAlive(frequency: 3, recency: 20, T: 20) == 1)
        #expect(model.expectedPurchasesNewCustomer(in: 7300).isFinite)
    }

    /// s = 1 exactly: the conditional expectation's (s − 1) division has its log limit.
    @Test func expectationThroughSEqualsOne() {
        let a = ParetoNBD(r: 0.5, alpha: 10, s: 1, beta: 12).expectedPurchasesNewCustomer(in: 52)
        let b = ParetoNBD(r: 0.5, alpha: 10, s: 1 + 1e-7, beta: 12).expectedPurchasesNewCustomer(in: 52)
        #expect(abs(a - 0.5 * 12 / 10 * log1p(52.0 / 12)) < 1e-14)
        #expect(abs(a - b) < 1e-6)
    }

    @Test func baseWithoutRepeatBuyers() {
        let h = Histories(frequency: [0, 0, 0, 0], recency: [0, 0, 0, 0], T: [10, 20, 30, 40])
        let model = h.fit(ParetoNBD.self)
        #expect(!model.fit.converged)
        #expect(model.fit.message.contains("repeat purchase"))
        #expect(model.parameters.allSatisfy { $0.isFinite })
    }

    @Test func oneCustomer() {
        let model = Histories(frequency: [3], recency: [20], T: [30]).fit(ParetoNBD.self)
        #expect(model.fit.logLikelihood != nil || !model.fit.converged)
        #expect(!model.fit.message.isEmpty)
        let alive = model.probabilityAlive(frequency: 3, recency: 20, T: 30)
        #expect(!alive.isNaN)
    }

    @Test func invalidAndEmptyHistories() {
        let empty = Histories(frequency: [], recency: [], T: []).fit(ParetoNBD.self)
        #expect(!empty.fit.converged && empty.fit.message.contains("no customers"))
        let bad = Histories(frequency: [2, 1], recency: [5, 40], T: [30, 30]).fit(ParetoNBD.self)
        #expect(!bad.fit.converged && bad.fit.message.contains("row 2"), "\(bad.fit.message)")
    }
}

/// The analytic gradient used by the fit against central differences of the likelihood, on CDNOW
/// and on extreme rows, in both branches (α ≥ β and α < β).
@Suite struct ParetoNBDGradientTests {
    @Test(arguments: [
        ParetoNBD(r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669), ParetoNBD(r: 0.8, alpha: 20, s: 0.4, beta: 3),
        ParetoNBD(r: 2, alpha: 0.05, s: 3, beta: 40), ParetoNBD(r: 1, alpha: 7, s: 1, beta: 7),
    ])
    func matchesCentralDifferences(_ model: ParetoNBD) throws {
        let cdnow = try ParetoNBDTests.cdnow()
        let extra = Histories(
            frequency: [0, 1, 500, 40, 3, 7], recency: [0, 0.5, 30, 38.86, 1e-6, 500],
            T: [38.86, 38.86, 38.86, 38.86, 1040, 1043])
        for h in [cdnow, extra] {
            let prepared = ParetoNBD.Prepared(h)
            let (value, gradient) = prepared.logLikelihoodWithGradient(model)
            #expect(abs(value - prepared.logLikelihood(model)) < 1e-9 * abs(value))
            let p = model.parameters
            for i in 0..<4 {
                let step = 1e-5 * p[i]
                var up = p, down = p
                up[i] += step
                down[i] -= step
                let numeric =
                    (prepared.logLikelihood(ParetoNBD(r: up[0], alpha: up[1], s: up[2], beta: up[3]))
                        - prepared.logLikelihood(ParetoNBD(r: down[0], alpha: down[1], s: down[2], beta: down[3])))
                    / (2 * step)
                #expect(abs(gradient[i] - numeric) <= 1e-5 * max(1, abs(numeric)), "\(i): \(gradient[i]) vs \(numeric)")
            }
        }
    }

    /// The derivative series of ₂F₁(1, b; c; z) agrees with the general ₂F₁ (value) up to z = 0.99,
    /// and declines beyond (the general function's 1 − z transformation takes over).
    @Test func seriesMatchesGeneralFunction() throws {
        for (b, c, z) in [(3.5, 5.2, 0.3), (500.6, 502.2, 0.9), (1.6, 503.0, 0.99), (0.7, 2.1, 0.99)] {
            let f = try #require(ParetoNBD.logF21One(b: b, c: c, z: z))
            #expect(abs(f.value - Hypergeometric.logF21(1, b, c, z).log) < 1e-13 * max(1, abs(f.value)))
        }
        #expect(ParetoNBD.logF21One(b: 0.7, c: 2.1, z: 0.999) == nil)
    }
}
