// The beta-geometric/beta-Bernoulli model of discrete-opportunity purchasing (Fader, Hardie &
// Shang 2010, "Customer-base analysis in a discrete-time noncontractual setting", Marketing
// Science 29(6)).
//
// At each of n opportunities an alive customer transacts with probability p ~ Beta(α, β), and
// before each next opportunity dies with probability θ ~ Beta(γ, δ). The likelihood of (x, tₓ, n)
// (FHS eq. 5) is
//
//   L = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
//       + Σ_{i=0}^{n−tₓ−1} B(α+x, β+tₓ−x+i)/B(α,β) · B(γ+1, δ+tₓ+i)/B(γ,δ).
//
// Approach: the first term and the first summand are formed from log Γ; the later summands follow
// from exact ratios, B(a, b+1)/B(a, b) = b/(a+b), so the sum is 1 + Σ of products of ratios below 1
// (no cancellation, no overflow), and log L is one log-sum-exp. The same ratios give the sums over
// future opportunities in the predictions: Σ_{i=1}^{n*} B(γ, δ+n+i)/B(γ,δ) is the expected number
// of the next n* opportunities the customer is alive for.

import Foundation

/// The BG/BB model for customers with n discrete purchase opportunities (yearly donations,
/// annual events). Histories hold (x, tₓ, n): x transactions, the last at opportunity tₓ, out of n.
///
///     let model = BGBB(fitting: donations)       // donations.T holds the opportunities n
///     model.probabilityAlive(frequency: 2, recency: 4, opportunities: 6)
public struct BGBB: Sendable, Equatable {
    public static let key = "bgbb"
    public static let parameterNames = ["alpha", "beta", "gamma", "delta"]

    public let fit: ModelFit
    public let alpha: Double
    public let beta: Double
    public let gamma: Double
    public let delta: Double

    /// A model at given parameter values; its `fit` records no likelihood.
    public init(alpha: Double, beta: Double, gamma: Double, delta: Double) {
        self.init(
            unchecked: ModelFit(
                model: Self.key, names: Self.parameterNames, values: [alpha, beta, gamma, delta],
                standardErrors: nil, logLikelihood: .nan, customers: 0, iterations: 0, converged: true,
                message: "parameters given"))
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
        gamma = value("gamma")
        delta = value("delta")
    }

    /// Fits by maximum likelihood on (x, tₓ, n) histories, n in the `T` column, with weights.
    ///
    /// The fit's `converged` is false, with advice in `message`, when the data do not identify the
    /// model or are not valid histories (x, tₓ, n must be whole numbers with x ≤ tₓ ≤ n, and
    /// x ≥ 1 when tₓ ≥ 1); it never traps.
    public init(fitting histories: Histories, penalizer: Double = 0) {
        self.init(unchecked: Self.estimate(histories.compressed(), penalizer: penalizer))
    }

    public var parameters: [Double] { [alpha, beta, gamma, delta] }

    // MARK: Likelihood

    /// log L(α, β, γ, δ | x, tₓ, n) of one customer (FHS 2010 eq. 5).
    public func logLikelihood(frequency x: Double, recency tx: Double, opportunities n: Double) -> Double {
        let logBAB = logBeta(alpha, beta)
        let logBGD = logBeta(gamma, delta)
        let alive = logBeta(alpha + x, beta + n - x) - logBAB + logBeta(gamma, delta + n) - logBGD
        let count = Int(saturating: n - tx)
        guard count > 0 else { return alive }
        // Summand i = 0, then ratios.
        let first = logBeta(alpha + x, beta + tx - x) - logBAB + logBeta(gamma + 1, delta + tx) - logBGD
        var term = 1.0
        var sum = 1.0
        for i in 0..<(count - 1) {
            let id = Double(i)
            term *= (beta + tx - x + id) / (alpha + beta + tx + id) * (delta + tx + id) / (gamma + delta + tx + id + 1)
            sum += term
        }
        return logAddExp(alive, first + log(sum))
    }

    /// The weighted log-likelihood of a set of histories (n in the `T` column).
    public func logLikelihood(_ histories: Histories) -> Double {
        var total = 0.0
        for i in 0..<histories.count where histories.weight[i] != 0 {
            total +=
                histories.weight[i]
                * logLikelihood(
                    frequency: histories.frequency[i], recency: histories.recency[i], opportunities: histories.T[i])
        }
        return total
    }

    static func problem(in h: Histories) -> String? {
        for i in 0..<h.count {
            let x = h.frequency[i], tx = h.recency[i], n = h.T[i], w = h.weight[i]
            let whole = [x, tx, n].allSatisfy { $0.isFinite && $0 >= 0 && $0 == $0.rounded() }
            if !whole {
                return "row \(i + 1): frequency, recency and opportunities must be whole non-negative numbers "
                    + "(got \(x), \(tx), \(n))"
            }
            if !(x <= tx && tx <= n) || (x == 0 && tx != 0) || (x > 0 && tx == 0) {
                return
                    "row \(i + 1): (x, tₓ, n) = (\(NumberText.plain(x)), \(NumberText.plain(tx)), \(NumberText.plain(n))) is not a BG/BB history; "
                    + "it needs x ≤ tₓ ≤ n, and tₓ = 0 exactly when x = 0"
            }
            if !(w >= 0 && w.isFinite) { return "row \(i + 1): the weight \(w) must be finite and non-negative" }
        }
        return nil
    }

    static func estimate(_ histories: Histories, penalizer: Double) -> ModelFit {
        let customers = histories.customers
        let start = [1.0, 1, 1, 1]
        let issue =
            problem(in: histories) ?? (customers > 0 ? nil : "there are no customers to fit; import transactions first")
        if let issue {
            return ModelFit(
                model: key, names: parameterNames, values: start, standardErrors: nil, logLikelihood: .nan,
                customers: customers, iterations: 0, converged: false, message: issue)
        }
        guard zip(histories.frequency, histories.weight).contains(where: { $0 > 0 && $1 > 0 }) else {
            return ModelFit(
                model: key, names: parameterNames, values: start, standardErrors: nil, logLikelihood: nil,
                customers: customers, iterations: 0, converged: false,
                message: "not fitted: nobody transacted after the first opportunity, so the model is not identified; "
                    + "it needs customers who transacted again (more history, or repeat buyers); "
                    + "the parameters shown are the starting values")
        }
        var fit = MaximumLikelihood.fit(
            model: key, names: parameterNames, start: start, customers: customers, penalizer: penalizer,
            logLikelihood: { p in
                guard p.allSatisfy({ $0 > 0 && $0.isFinite }) else { return -.infinity }
                return BGBB(alpha: p[0], beta: p[1], gamma: p[2], delta: p[3]).logLikelihood(histories)
            })
        return fit
    }

    // MARK: Predictions

    /// Σ_{i=1}^{count} B(γ, δ+n+i)/B(γ, δ+n): the expected number of the next `count`
    /// opportunities a customer alive at n is alive for, relative to being alive at n.
    func aliveOpportunities(after n: Double, count: Int) -> Double {
        let m0 = delta + n
        if count > 1_000_000 && abs(gamma - 1) > 1e-6 {
            // Σ_{i=1}^{N} Γ(m₀+i)Γ(γ+m₀)/(Γ(m₀)Γ(γ+m₀+i)) = [m₀ − Γ(m₀+1+N)Γ(γ+m₀)/(Γ(γ+m₀+N)Γ(m₀))]/(γ−1).
            let N = Double(count)
            let tail = exp(logGamma(m0 + 1 + N) + logGamma(gamma + m0) - logGamma(gamma + m0 + N) - logGamma(m0))
            return (m0 - tail) / (gamma - 1)
        }
        var term = 1.0
        var sum = 0.0
        for i in 0..<max(count, 0) {
            let m = m0 + Double(i)
            term *= m / (gamma + m)
            sum += term
        }
        return sum
    }

    /// P(alive at opportunity n + 1 | x, tₓ, n) (FHS eq. 11).
    public func probabilityAlive(frequency x: Double, recency tx: Double, opportunities n: Double) -> Double {
        let log =
            logBeta(alpha + x, beta + n - x) - logBeta(alpha, beta) + logBeta(gamma, delta + n + 1)
            - logBeta(gamma, delta) - logLikelihood(frequency: x, recency: tx, opportunities: n)
        return min(1, exp(log))
    }

    /// Expected transactions in the next `opportunities` opportunities of a customer with history
    /// (x, tₓ, n) (FHS eq. 13, summed term by term).
    public func expectedTransactions(
        inNext future: Int, frequency x: Double, recency tx: Double, opportunities n: Double
    ) -> Double {
        guard future > 0 else { return 0 }
        let log =
            logBeta(alpha + x + 1, beta + n - x) - logBeta(alpha, beta) + logBeta(gamma, delta + n)
            - logBeta(gamma, delta) - logLikelihood(frequency: x, recency: tx, opportunities: n)
        return exp(log) * aliveOpportunities(after: n, count: future)
    }

    /// E[X(n)]: expected transactions of a new customer over their first n opportunities (FHS eq. 9).
    public func expectedTransactionsNewCustomer(in n: Int) -> Double {
        alpha / (alpha + beta) * aliveOpportunities(after: 0, count: n)
    }

    /// P(X(n) = x): probability that a new customer makes exactly x transactions in n opportunities
    /// (FHS eq. 7).
    public func probabilityOfTransactions(_ x: Int, in n: Int) -> Double {
        guard x >= 0, x <= n else { return 0 }
        let xd = Double(x), nd = Double(n)
        let logBAB = logBeta(alpha, beta), logBGD = logBeta(gamma, delta)
        func logChoose(_ m: Double, _ k: Double) -> Double { logGamma(m + 1) - logGamma(k + 1) - logGamma(m - k + 1) }
        var total = exp(
            logChoose(nd, xd) + logBeta(alpha + xd, beta + nd - xd) - logBAB + logBeta(gamma, delta + nd) - logBGD)
        if x < n {
            for i in x..<n {
                let id = Double(i)
                total += exp(
                    logChoose(id, xd) + logBeta(alpha + xd, beta + id - xd) - logBAB + logBeta(gamma + 1, delta + id)
                        - logBGD)
            }
        }
        return total
    }

    /// P(alive at n + 1) for every row of `histories` (n in the `T` column).
    public func probabilityAlive(_ histories: Histories) -> [Double] {
        Parallel.map(count: histories.count) {
            probabilityAlive(
                frequency: histories.frequency[$0], recency: histories.recency[$0], opportunities: histories.T[$0])
        }
    }

    /// Expected transactions in the next `future` opportunities for every row of `histories`.
    public func expectedTransactions(inNext future: Int, _ histories: Histories) -> [Double] {
        Parallel.map(count: histories.count) {
            expectedTransactions(
                inNext: future, frequency: histories.frequency[$0], recency: histories.recency[$0],
                opportunities: histories.T[$0])
        }
    }
}
