// The shifted-beta-geometric (sBG) model of contract renewals (Fader & Hardie 2007, "How to project
// customer retention", Journal of Interactive Marketing 21(1); DERL from Fader & Hardie 2010,
// "Customer-base valuation in a contractual setting: the perils of ignoring heterogeneity",
// Marketing Science 29(1)).
//
// Each customer churns at the end of each period with probability θ ~ Beta(α, β), so the period
// T of churn has (FH 2007 eqs. 5–7)
//
//   P(T = t) = B(α+1, β+t−1)/B(α,β),   S(t) = B(α, β+t)/B(α,β),   r_t = S(t)/S(t−1) = (β+t−1)/(α+β+t−1).
//
// Approach: S and P(T = t) come from the exact recursion S(t) = S(t−1)·r_t, which needs no Γ and
// cannot overflow; the likelihood on cohort counts (FH 2007 eq. 8) is
// Σₜ (n_{t−1} − nₜ) log P(T = t) + n_last log S(last). DERL is the hypergeometric closed form of
// FH 2010 eq. 6, a series of positive terms that converges like (1+d)^−k.

import Foundation

/// The sBG model: contract customers who renew each period until they churn.
///
///     let model = ShiftedBetaGeometric(fitting: [1000, 869, 743, 653, 593, 551, 517, 491])
///     model.survival(through: 12)             // projected share still active, periods 0…12
public struct ShiftedBetaGeometric: Sendable, Equatable {
    public static let key = "sbg"
    public static let parameterNames = ["alpha", "beta"]

    public let fit: ModelFit
    public let alpha: Double
    public let beta: Double

    /// A model at given parameter values; its `fit` records no likelihood.
    public init(alpha: Double, beta: Double) {
        self.init(
            unchecked: ModelFit(
                model: Self.key, names: Self.parameterNames, values: [alpha, beta], standardErrors: nil,
                logLikelihood: .nan, customers: 0, iterations: 0, converged: true, message: "parameters given"))
    }

    /// Rebuilds a model from a saved fit; throws `ModelError` for another model or a bad parameter.
    public init(fit: ModelFit) throws {
        self.init(unchecked: try fit.ordered(Self.parameterNames, of: Self.key))
    }

    private init(unchecked fit: ModelFit) {
        self.fit = fit
        let value = { (name: String) in fit.names.firstIndex(of: name).map { fit.values[$0] } ?? .nan }
        alpha = value("alpha")
        beta = value("beta")
    }

    /// Fits by maximum likelihood to a cohort's survivors: `survivors[0]` customers started, and
    /// `survivors[t]` were still active after t periods (counts; non-increasing).
    ///
    /// The fit's `converged` is false, with advice in `message`, when the counts cannot identify the
    /// model (fewer than two periods, nobody churned, everybody churned at once) or are not valid.
    public init(fitting survivors: [Double], penalizer: Double = 0) {
        self.init(unchecked: Self.estimate(survivors, penalizer: penalizer))
    }

    public var parameters: [Double] { [alpha, beta] }

    // MARK: Survival

    /// S(t) = P(still active after t periods), t ≥ 0.
    public func survival(_ t: Int) -> Double {
        var s = 1.0
        if t >= 1 { for k in 1...t { s *= (beta + Double(k) - 1) / (alpha + beta + Double(k) - 1) } }
        return s
    }

    /// [S(0), S(1), …, S(t)]: the survival curve, projected as far as asked.
    public func survival(through t: Int) -> [Double] {
        var curve = [1.0]
        var s = 1.0
        if t >= 1 {
            for k in 1...t {
                s *= (beta + Double(k) - 1) / (alpha + beta + Double(k) - 1)
                curve.append(s)
            }
        }
        return curve
    }

    /// P(T = t): probability of churning at the end of period t ≥ 1.
    public func churnProbability(inPeriod t: Int) -> Double {
        guard t >= 1 else { return 0 }
        return survival(t - 1) * alpha / (alpha + beta + Double(t) - 1)
    }

    /// r_t = S(t)/S(t − 1): the share of period t − 1's survivors that renew into period t (t ≥ 1).
    /// Rises with t, because the customers most likely to churn leave first.
    public func retentionRate(_ t: Int) -> Double {
        (beta + Double(t) - 1) / (alpha + beta + Double(t) - 1)
    }

    /// Projected number of active customers of a cohort of `size` after 0…t periods.
    public func projectedSurvivors(cohort size: Double, through t: Int) -> [Double] {
        survival(through: t).map { $0 * size }
    }

    /// Discounted expected lifetime of a new customer, Σ_{t≥1} S(t−1)/(1+d)^(t−1) (FH 2010 eq. 4):
    /// the number of payments they make, discounted, with the first paid now.
    public func discountedExpectedLifetime(discount d: Double) -> Double {
        Hypergeometric.f21(1, beta, alpha + beta, 1 / (1 + d))
    }

    /// DERL: discounted expected residual lifetime of a customer who has made `renewals` renewals
    /// and is in period n = renewals + 1, evaluated at the end of period n just before the renewal
    /// decision (FH 2010 eq. 6):
    ///
    ///   DERL(d | n − 1 renewals) = Σ_{t≥n} S(t)/S(n−1) (1+d)^−(t−n)
    ///                            = (β+n−1)/(α+β+n−1) · ₂F₁(1, β+n; α+β+n; 1/(1+d)).
    ///
    /// Multiplied by the margin per period it is the customer's residual value. FH 2010 Table 3
    /// lists it for n = 1…5, that is `renewals` 0…4. `d` > 0 (at d = 0 it is the undiscounted
    /// residual lifetime, infinite when α ≤ 1).
    public func discountedExpectedResidualLifetime(renewals: Int, discount d: Double) -> Double {
        let n = Double(max(renewals, 0) + 1)
        return (beta + n - 1) / (alpha + beta + n - 1) * Hypergeometric.f21(1, beta + n, alpha + beta + n, 1 / (1 + d))
    }

    // MARK: Fitting

    /// log-likelihood of cohort survivor counts (FH 2007 eq. 8).
    public func logLikelihood(survivors: [Double]) -> Double {
        guard survivors.count >= 2 else { return 0 }
        var total = 0.0
        var s = 1.0
        for t in 1..<survivors.count {
            let churnRate = alpha / (alpha + beta + Double(t) - 1)
            let churned = survivors[t - 1] - survivors[t]
            if churned > 0 { total += churned * log(s * churnRate) }
            s *= 1 - churnRate
        }
        if let last = survivors.last, last > 0 { total += last * log(s) }
        return total
    }

    static func estimate(_ survivors: [Double], penalizer: Double) -> ModelFit {
        let start = [1.0, 1.0]
        func failure(_ message: String) -> ModelFit {
            ModelFit(
                model: key, names: parameterNames, values: start, standardErrors: nil, logLikelihood: .nan,
                customers: survivors.first ?? 0, iterations: 0, converged: false, message: message)
        }
        guard survivors.count >= 2 else {
            return failure("an sBG fit needs the cohort size and at least one later period's survivors")
        }
        for (t, n) in survivors.enumerated() {
            guard n.isFinite, n >= 0 else {
                return failure("period \(t): survivors must be a non-negative count (got \(n))")
            }
            if t > 0 && n > survivors[t - 1] {
                return failure(
                    "period \(t): \(n) survivors is more than the \(survivors[t - 1]) of period \(t - 1); "
                        + "give the customers of one starting cohort still active after each period")
            }
        }
        guard survivors[0] > 0 else { return failure("the cohort is empty (period 0 has no customers)") }
        var fit = MaximumLikelihood.fit(
            model: key, names: parameterNames, start: start, customers: survivors[0], penalizer: penalizer,
            logLikelihood: { p in
                guard p.allSatisfy({ $0 > 0 && $0.isFinite }) else { return -.infinity }
                return ShiftedBetaGeometric(alpha: p[0], beta: p[1]).logLikelihood(survivors: survivors)
            })
        if survivors.last == survivors[0] {
            fit.converged = false
            fit.message += "; nobody churned, so the churn rate is not identified"
        } else if survivors.dropFirst().allSatisfy({ $0 == 0 }) {
            fit.converged = false
            fit.message += "; everybody churned in the first period, so the model is not identified"
        }
        return fit
    }
}
