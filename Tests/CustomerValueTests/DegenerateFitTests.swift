import Foundation
import Testing

@testable import CustomerValue

/// Bases a model cannot be fitted on: no repeat buyers, one customer, every purchase on one day.
/// Every model says it did not converge and what it would need, with no NaN anywhere, and no fit
/// runs past its budget.
@Suite struct DegenerateFitTests {
    static let noRepeatBuyers = Histories(frequency: [0, 0, 0], recency: [0, 0, 0], T: [10, 20, 30])
    static let oneCustomer = Histories(frequency: [2], recency: [5], T: [10])
    /// Everyone bought once on the last day of the data: T = 0.
    static let oneDay = Histories(frequency: [0, 0], recency: [0, 0], T: [0, 0])

    static func isClean(_ fit: ModelFit) -> Bool {
        fit.values.allSatisfy(\.isFinite) && (fit.logLikelihood?.isFinite ?? true) && (fit.aic?.isFinite ?? true)
            && (fit.bic?.isFinite ?? true) && (fit.standardErrors?.allSatisfy(\.isFinite) ?? true)
            && fit.customers.isFinite
    }

    static func fits(_ h: Histories) -> [ModelFit] {
        [h.fit(BGNBD.self).fit, h.fit(MBGNBD.self).fit, h.fit(ParetoNBD.self).fit]
    }

    @Test func noRepeatBuyers() {
        for fit in Self.fits(Self.noRepeatBuyers) + Self.fits(Self.oneDay) {
            #expect(!fit.converged, "\(fit.model)")
            #expect(Self.isClean(fit), "\(fit)")
            #expect(fit.logLikelihood == nil && fit.aic == nil && fit.bic == nil, "\(fit.model)")
            #expect(
                fit.message.contains("it needs customers who bought more than once (more history, or repeat buyers)"))
        }
        let bg = Self.noRepeatBuyers.fit(BGNBD.self).fit
        #expect(
            bg.message
                == "not fitted: no customer has a repeat purchase, so purchase rates and dropout cannot be estimated; "
                + "it needs customers who bought more than once (more history, or repeat buyers); the parameters "
                + "shown are the starting values")
        // BG/BB on discrete histories without a second transaction.
        let bgbb = BGBB(fitting: Histories(frequency: [0, 0], recency: [0, 0], T: [5, 5])).fit
        #expect(!bgbb.converged && bgbb.logLikelihood == nil && Self.isClean(bgbb))
        #expect(bgbb.message.contains("it needs customers who transacted again (more history, or repeat buyers)"))
    }

    @Test func oneCustomer() {
        for fit in Self.fits(Self.oneCustomer) {
            #expect(!fit.converged, "\(fit.model)")
            #expect(Self.isClean(fit), "\(fit)")
            #expect(fit.logLikelihood == nil && fit.iterations == 0)
            #expect(
                fit.message
                    == "not fitted: only 1 customer has repeat purchases, too few to identify the model; it needs at "
                    + "least 2 customers who bought more than once (more history, or repeat buyers); the parameters "
                    + "shown are the starting values", "\(fit.model)")
        }
    }

    /// Gamma-Gamma on one customer: no likelihood, AIC or BIC (they were NaN), and what it needs.
    @Test func gammaGammaOnOneCustomer() throws {
        let model = GammaGamma(fitting: [3], monetary: [25])
        #expect(!model.fit.converged)
        #expect(model.fit.logLikelihood == nil && model.fit.aic == nil && model.fit.bic == nil)
        #expect(Self.isClean(model.fit))
        #expect(
            model.fit.message
                == "not fitted: the Gamma-Gamma model needs at least two customers with repeat purchases and a "
                + "positive mean spend (found 1); the parameters shown are the starting values")
        // JSON has null, never NaN.
        let json = String(decoding: try JSONEncoder().encode(model.fit), as: UTF8.self)
        #expect(json.contains("\"logLikelihood\":null") && json.contains("\"aic\":null"))
        #expect(GammaGamma(fitting: [], monetary: []).fit.logLikelihood == nil)
    }

    /// sBG on a cohort nobody left.
    @Test func shiftedBetaGeometricWithoutChurn() {
        let fit = ShiftedBetaGeometric(fitting: [100, 100, 100]).fit
        #expect(!fit.converged && Self.isClean(fit))
        #expect(fit.message.hasSuffix("nobody churned, so the churn rate is not identified"))
    }

    /// A date typed as 9999-12-31 makes every customer's T about 2.9 million days. The fits end
    /// within their budget with a finite result, and say when they ran out of it.
    @Test func extremeAgesEndWithinTheBudget() {
        var random = RandomSource(seed: 11)
        let n = 400
        var x = [Double](), tx = [Double](), T = [Double]()
        for _ in 0..<n {
            let frequency = (random.uniform() * 6).rounded(.down)
            let age = 2_900_000 + random.uniform() * 500
            x.append(frequency)
            tx.append(frequency > 0 ? random.uniform() * 500 : 0)
            T.append(age)
        }
        let h = Histories(frequency: x, recency: tx, T: T)
        let clock = ContinuousClock()
        // BG/NBD converges at once (0.2 s here).
        let bg = h.fit(BGNBD.self).fit
        #expect(Self.isClean(bg) && bg.converged, "\(bg)")
        // Pareto/NBD's likelihood is slow there (its series converge slowly as z → 1): with a 2 s
        // budget it stops, says so, and skips the standard errors.
        var pareto: ModelFit?
        let elapsed = clock.measure {
            let prepared = ParetoNBD.Prepared(h.compressed())
            pareto = MaximumLikelihood.fit(
                model: "pareto", names: ParetoNBD.parameterNames, start: [1, 2_900_000, 1, 2_900_000], customers: 400,
                logLikelihood: { p in prepared.logLikelihood(ParetoNBD(r: p[0], alpha: p[1], s: p[2], beta: p[3])) },
                gradient: { p in
                    let g = prepared.logLikelihoodWithGradient(ParetoNBD(r: p[0], alpha: p[1], s: p[2], beta: p[3]))
                    return [g.gradient[0], g.gradient[1], g.gradient[2], g.gradient[3]]
                },
                budget: FitBudget(maxIterations: 500, timeLimit: .seconds(2)))
        }
        let fit = try! #require(pareto)
        #expect(Self.isClean(fit))
        if !fit.converged {
            #expect(fit.message.hasPrefix("did not converge: stopped at the time budget of 2 s after "))
            #expect(fit.standardErrors == nil)
        }
        // The budget, one more pass for the log-likelihood, and one iteration in flight.
        #expect(elapsed < .seconds(20))
    }

    /// An objective that never settles (unbounded below) stops at the time budget with "did not
    /// converge", however many iterations it was allowed.
    @Test func timeBudgetStopsAFitThatNeverEnds() {
        let budget = FitBudget(maxIterations: 1_000_000, timeLimit: .milliseconds(200))
        let clock = ContinuousClock()
        var result: OptimizationResult?
        let elapsed = clock.measure {
            result = Optimizer.minimize(
                { x in
                    // Slow to evaluate (1 ms) and unbounded below along x₀: the gradient never vanishes.
                    usleep(1000)
                    return -x[0] + x[1] * x[1]
                }, start: [0.5, 1], budget: budget)
        }
        let outcome = try! #require(result)
        #expect(!outcome.converged)
        #expect(outcome.message.hasPrefix("did not converge: stopped at the time budget of 0.2 s after "))
        #expect(elapsed < .seconds(3))
    }
}

/// Expected purchases over far horizons: the closed form used past s = 999 agrees with the series
/// where both work, and stays finite and increasing to s = 10⁷ (a date typed as 9999-12-31).
@Suite struct FarHorizonTests {
    @Test(arguments: [(0.243, 0.793, 2.426), (0.525, 0.891, 1.614), (0.5, 1.7, 3.0)])
    func closedFormMatchesTheSeries(parameters: (r: Double, a: Double, b: Double)) {
        let (r, a, b) = parameters
        // The series itself at s = 600 (z = 0.99834), below the switch.
        let s = 600.0
        let series = BetaGeometricNBD.aliveExpectation(A: r, a: a, B: b, s: s)
        let f = Hypergeometric.logF21(r, a - 1, a + b - 1, -s)
        let closed = (a + b - 1) / (a - 1) * (1 - f.sign * exp(f.log))
        #expect(abs(series - closed) <= 1e-9 * abs(series), "\(series) vs \(closed)")
        var previous = 0.0
        for far in [1e3, 1e4, 1e5, 1e6, 1e7] {
            let value = BetaGeometricNBD.aliveExpectation(A: r, a: a, B: b, s: far)
            #expect(value.isFinite && value > previous, "s = \(far): \(value)")
            previous = value
        }
    }
}
