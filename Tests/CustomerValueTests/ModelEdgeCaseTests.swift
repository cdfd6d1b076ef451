import Foundation
import Testing

@testable import CustomerValue

/// Histories at the edges a real base produces: no repeat purchase, one, 500; recency = T; T = 0;
/// twenty years in weeks (1043) and in days (7300).
let edgeHistories: [(x: Double, tx: Double, T: Double)] = [
    (0, 0, 0), (0, 0, 40), (1, 0, 0), (1, 40, 40), (1, 1, 40), (2, 30.43, 38.86), (500, 38, 40), (500, 40, 40),
    (500, 1, 1043), (500, 1043, 1043), (0, 0, 1043), (0, 0, 7300), (500, 7000, 7300), (500, 10, 7300), (1, 7300, 7300),
]

/// Parameter sets: the CDNOW fit, a week-scale fit in days, a = 1 exactly, extreme values.
let edgeModels: [(r: Double, alpha: Double, a: Double, b: Double)] = [
    (0.243, 4.414, 0.793, 2.426), (0.25, 28, 0.8, 2.5), (0.5, 10, 1, 3), (0.01, 0.01, 0.05, 0.05), (50, 1e4, 30, 0.2),
    (0.2, 1e-3, 5, 100),
]

@Suite struct ModelEdgeCaseTests {
    @Test(arguments: edgeModels)
    func bgnbdIsFiniteEverywhere(parameters: (r: Double, alpha: Double, a: Double, b: Double)) {
        let (r, alpha, a, b) = parameters
        let models: [any PurchaseModel] = [
            BGNBD(r: r, alpha: alpha, a: a, b: b), MBGNBD(r: r, alpha: alpha, a: a, b: b),
        ]
        for model in models {
            for h in edgeHistories {
                let alive = model.probabilityAlive(frequency: h.x, recency: h.tx, T: h.T)
                #expect(alive >= 0 && alive <= 1, "\(type(of: model)) \(parameters) \(h): P(alive) = \(alive)")
                for t in [0, 1, 52, 365, 1043, 7300.0] {
                    let e = model.expectedPurchases(in: t, frequency: h.x, recency: h.tx, T: h.T)
                    #expect(e.isFinite && e >= 0, "\(type(of: model)) \(parameters) \(h) t=\(t): E = \(e)")
                }
            }
            for t in [0, 1e-6, 1, 52, 1043, 7300.0] {
                let e = model.expectedPurchasesNewCustomer(in: t)
                #expect(e.isFinite && e >= 0, "\(type(of: model)) \(parameters) t=\(t): E[X] = \(e)")
            }
        }
        let bg = BGNBD(r: r, alpha: alpha, a: a, b: b)
        let mbg = MBGNBD(r: r, alpha: alpha, a: a, b: b)
        for h in edgeHistories {
            #expect(bg.logLikelihood(frequency: h.x, recency: h.tx, T: h.T).isFinite, "\(h)")
            #expect(mbg.logLikelihood(frequency: h.x, recency: h.tx, T: h.T).isFinite, "\(h)")
        }
        for n in [0, 1, 10, 500] {
            for t in [0, 1, 52, 7300.0] {
                let p = bg.probabilityOfPurchases(n, in: t)
                let q = mbg.probabilityOfPurchases(n, in: t)
                #expect(p >= 0 && p <= 1 && q >= 0 && q <= 1, "\(parameters) n=\(n) t=\(t): \(p), \(q)")
            }
        }
    }

    /// The likelihood at x = 500 and T = 20 years has no overflow: it equals the sum of the two
    /// terms computed separately in logs (Hardie note 027).
    @Test func likelihoodAtLargeFrequency() {
        let model = BGNBD(r: 0.25, alpha: 4, a: 0.8, b: 2.5)
        let value = model.logLikelihood(frequency: 500, recency: 1000, T: 1043)
        let (r, alpha, a, b, x) = (0.25, 4.0, 0.8, 2.5, 500.0)
        let c = logGamma(r + x) - logGamma(r) + r * log(alpha) - logBeta(a, b)
        let u1 = logBeta(a, b + x) - (r + x) * log(alpha + 1043)
        let u2 = logBeta(a + 1, b + x - 1) - (r + x) * log(alpha + 1000)
        let m = max(u1, u2)
        #expect(abs(value - (c + m + log(exp(u1 - m) + exp(u2 - m)))) < 1e-9 * abs(value))
    }

    /// The analytic gradient against central differences of the likelihood, for both models.
    @Test(arguments: [0.0, 1.0])
    func gradientMatchesFiniteDifferences(shift: Double) {
        let histories = CDNOW.histories.compressed()
        let likelihood = BetaGeometricNBDLikelihood(histories, shift: shift)
        let p = [0.3, 5.0, 0.9, 2.1]
        let gradient = likelihood.evaluate(p).gradient
        for k in 0..<4 {
            var up = p
            var down = p
            let h = 1e-6 * p[k]
            up[k] += h
            down[k] -= h
            let numeric = (likelihood.evaluate(up).value - likelihood.evaluate(down).value) / (2 * h)
            #expect(abs(gradient[k] - numeric) < 1e-5 * max(1, abs(numeric)), "∂/∂p\(k): \(gradient[k]) vs \(numeric)")
        }
        let gg = GammaGammaLikelihood(
            frequency: CDNOW.columns["x"]!.filter { $0 > 0 },
            monetary: zip(CDNOW.columns["x"]!, CDNOW.monetary).filter { $0.0 > 0 }.map(\.1))
        let q = [6.0, 3.5, 15.0]
        let ggGradient = gg.evaluate(q).gradient
        for k in 0..<3 {
            var up = q
            var down = q
            let h = 1e-6 * q[k]
            up[k] += h
            down[k] -= h
            let numeric = (gg.evaluate(up).value - gg.evaluate(down).value) / (2 * h)
            #expect(abs(ggGradient[k] - numeric) < 1e-5 * max(1, abs(numeric)), "GG ∂/∂p\(k)")
        }
    }

    /// Bases a model cannot identify: a result that says so, never a crash or NaN predictions.
    @Test(arguments: [
        ("no repeat buyers", Histories(frequency: [0, 0, 0], recency: [0, 0, 0], T: [10, 20, 30])),
        ("one customer", Histories(frequency: [3], recency: [20], T: [30])),
        ("one repeat buyer", Histories(frequency: [0, 0, 2], recency: [0, 0, 5], T: [10, 20, 30])),
        ("empty", Histories(frequency: [], recency: [], T: [])),
        ("everyone new", Histories(frequency: [0, 0], recency: [0, 0], T: [0, 0])),
    ])
    func degenerateBases(name: String, histories: Histories) {
        let models: [any PurchaseModel] = [histories.fit(BGNBD.self), histories.fit(MBGNBD.self)]
        for model in models {
            #expect(!model.fit.converged, "\(name): \(model.fit.message)")
            #expect(!model.fit.message.isEmpty)
            #expect(model.fit.values.allSatisfy { $0.isFinite && $0 > 0 })
            for h in edgeHistories {
                let alive = model.probabilityAlive(frequency: h.x, recency: h.tx, T: h.T)
                let e = model.expectedPurchases(in: 52, frequency: h.x, recency: h.tx, T: h.T)
                #expect(alive.isFinite && e.isFinite && e >= 0, "\(name) \(h)")
            }
            #expect(model.expectedPurchasesNewCustomer(in: 52).isFinite)
        }
    }

    /// The fit is the same whether customers come one row each or compressed with weights.
    /// Customers with equal (x, tₓ, T) share one likelihood term: the weighted sum over the distinct
    /// rows equals the sum over every customer one by one, for each model that fits on histories.
    @Test func compressionDoesNotChangeTheLikelihood() {
        let raw = CDNOW.histories
        let compressed = raw.compressed()
        #expect(compressed.count < raw.count && compressed.customers == 2357)
        let bgnbd = BGNBD(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        let pareto = ParetoNBD(r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67)
        for (name, term, total) in [
            ("BG/NBD", bgnbd.logLikelihood(frequency:recency:T:), bgnbd.logLikelihood(compressed)),
            ("Pareto/NBD", pareto.logLikelihood(frequency:recency:T:), pareto.logLikelihood(compressed)),
        ] {
            let oneByOne = (0..<raw.count).reduce(0.0) { $0 + term(raw.frequency[$1], raw.recency[$1], raw.T[$1]) }
            #expect(isClose(total, oneByOne, relative: 1e-12), "\(name)")
        }
    }

    /// Saved fits round-trip through JSON, with the parameter order restored.
    @Test func savedFitRoundTrips() throws {
        let data = try JSONEncoder().encode(CDNOW.bgnbd.fit)
        let decoded = try JSONDecoder().decode(ModelFit.self, from: data)
        let model = try BGNBD(fit: decoded)
        #expect(model.fit.values == CDNOW.bgnbd.fit.values)
        #expect(throws: ModelError.self) { try MBGNBD(fit: decoded) }
    }

    @Test func validationSummaries() {
        let calibration = Histories(frequency: [0, 0, 1, 9], recency: [0, 0, 3, 9], T: [10, 10, 10, 10])
        let check = HoldoutValidation(
            calibration: calibration, predicted: [0.5, 0.5, 1, 4], actual: [0, 1, 2, 4], lastBucket: 7)
        #expect(check.buckets.map(\.label) == ["0", "1", "7+"])
        #expect(check.buckets.map(\.customers) == [2, 1, 1])
        #expect(check.buckets[0].meanActual == 0.5 && check.buckets[0].meanPredicted == 0.5)
        #expect(abs(check.meanAbsoluteError - 0.5) < 1e-15)
        // Pearson correlation of (0.5, 0.5, 1, 4) and (0, 1, 2, 4), from Python's statistics.correlation.
        #expect(abs(check.correlation! - 0.9276336570439175) < 1e-12)
    }
}
