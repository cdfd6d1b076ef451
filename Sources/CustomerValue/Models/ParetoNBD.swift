// The Pareto/NBD model (Schmittlein, Morrison & Colombo 1987, "Counting your customers").
//
// While alive a customer buys at Poisson rate λ ~ Gamma(r, α) and dies after an exponential
// lifetime of rate μ ~ Gamma(s, β). The likelihood of (x, tₓ, T) is (Fader & Hardie 2005, "A note on
// deriving the Pareto/NBD model and related expressions", eq. 19)
//
//   L = Γ(r+x) αʳ βˢ / Γ(r) · [ 1 / ((α+T)^(r+x) (β+T)ˢ) + s/(r+s+x) · A₀ ],
//   A₀ = F(tₓ) − F(T),
//
// with, for α ≥ β, F(t) = ₂F₁(r+s+x, s+1; r+s+x+1; (α−β)/(α+t)) / (α+t)^(r+s+x), and the roles
// swapped for α < β. We never form those ₂F₁ values: they overflow at x ≈ 300 (lifetimes #25).
// Euler's transformation turns them into series of positive, decreasing terms and the powers
// into exact logs (1 − z = (β+t)/(α+t) is formed without cancellation):
//
//   α ≥ β:  log F(t) = log ₂F₁(1, r+x; r+s+x+1; z) − s log(β+t) − (r+x) log(α+t),    z = (α−β)/(α+t)
//   α < β:  log F(t) = log ₂F₁(1, s+1; r+s+x+1; z) − (s+1) log(β+t) − (r+x−1) log(α+t), z = (β−α)/(β+t)
//
// and log A₀ = log(e^{log F(tₓ)} − e^{log F(T)}) and the bracket are log-sum-exps, so the
// likelihood stays finite at x = 500 and for any T (the A₀ of lifetimes' `_log_A_0` edge case).
//
// Speed: F depends on the row only through (x, t), and real data have few distinct frequencies and
// (in days) few distinct ages, so a fit tabulates F once per distinct (x, t) per evaluation and the
// per-row work is a log-sum-exp of table entries, summed in parallel chunks.

import Foundation

/// The Pareto/NBD purchase model: parameters (r, α) of the purchase-rate gamma and (s, β) of the
/// dropout-rate gamma, in the time unit of the histories they were fitted on.
///
///     let model = histories.fit(ParetoNBD.self)   // model.fit.converged says if it worked
///     model.probabilityAlive(frequency: 2, recency: 30.43, T: 38.86)
public struct ParetoNBD: PurchaseModel, Equatable {
    public static let key = "pareto"
    public static let parameterNames = ["r", "alpha", "s", "beta"]

    public let fit: ModelFit
    public let r: Double
    public let alpha: Double
    public let s: Double
    public let beta: Double

    /// A model at given parameter values (a published fit, say); its `fit` records no likelihood.
    public init(r: Double, alpha: Double, s: Double, beta: Double) {
        self.init(
            unchecked: ModelFit(
                model: Self.key, names: Self.parameterNames, values: [r, alpha, s, beta], standardErrors: nil,
                logLikelihood: .nan, customers: 0, iterations: 0, converged: true, message: "parameters given"))
    }

    public init(fit: ModelFit) throws {
        self.init(unchecked: try fit.ordered(Self.parameterNames, of: Self.key))
    }

    private init(unchecked fit: ModelFit) {
        self.fit = fit
        let value = { (name: String) in fit.names.firstIndex(of: name).map { fit.values[$0] } ?? .nan }
        r = value("r")
        alpha = value("alpha")
        s = value("s")
        beta = value("beta")
    }

    /// Fits by maximum likelihood; see `init(fitting:penalizer:start:)`.
    public init(fitting histories: Histories, penalizer: Double) {
        self.init(fitting: histories, penalizer: penalizer, start: nil)
    }

    /// Fits by maximum likelihood on purchase histories (they are compressed to distinct rows
    /// first; weights are honoured).
    ///
    /// - Parameters:
    ///   - penalizer: L2 penalty coefficient on the parameters (lifetimes' `penalizer_coef`).
    ///   - start: starting values (r, α, s, β); by default 1 for the shapes and the mean T for the
    ///     scales.
    /// The fit's `converged` is false, with advice in `message`, when the data do not identify the
    /// model (nobody bought twice, say) or are not valid histories; it never traps.
    public init(fitting histories: Histories, penalizer: Double = 0, start: [Double]?) {
        self.init(unchecked: Self.estimate(histories.compressed(), penalizer: penalizer, start: start))
    }

    public var parameters: [Double] { [r, alpha, s, beta] }

    // MARK: Likelihood

    /// log F(t) of the file comment: s/(r+s+x) (F(tₓ) − F(T)) is the "died between tₓ and T" term.
    /// The series of `logF21One` (positive terms, falling at least like zᵏ) when it converges within
    /// its cap, else the general ₂F₁.
    func logF(_ x: Double, _ t: Double) -> Double {
        if alpha >= beta {
            let z = (alpha - beta) / (alpha + t)
            let s1 =
                Self.logF21One(b: r + x, c: r + s + x + 1, z: z)?.value
                ?? Hypergeometric.logF21(1, r + x, r + s + x + 1, z).log
            return s1 - s * log(beta + t) - (r + x) * log(alpha + t)
        }
        let z = (beta - alpha) / (beta + t)
        let s1 =
            Self.logF21One(b: s + 1, c: r + s + x + 1, z: z)?.value
            ?? Hypergeometric.logF21(1, s + 1, r + s + x + 1, z).log
        return s1 - (s + 1) * log(beta + t) - (r + x - 1) * log(alpha + t)
    }

    /// log of the "still alive at T" term, −(r+x) log(α+T) − s log(β+T).
    func logAliveTerm(_ x: Double, _ t: Double) -> Double {
        -(r + x) * log(alpha + t) - s * log(beta + t)
    }

    /// log[s/(r+s+x) · A₀].
    func logDiedTerm(_ x: Double, recency: Double, age: Double) -> Double {
        guard recency < age else { return -.infinity }
        return log(s / (r + s + x)) + Special.logSubExp(logF(x, recency), logF(x, age))
    }

    /// The log-likelihood of one customer with x repeat purchases, the last at tₓ, observed for T.
    public func logLikelihood(frequency x: Double, recency tx: Double, T: Double) -> Double {
        logGamma(r + x) - logGamma(r) + r * log(alpha) + s * log(beta)
            + logAddExp(logAliveTerm(x, T), logDiedTerm(x, recency: tx, age: T))
    }

    /// The weighted log-likelihood of a set of histories.
    public func logLikelihood(_ histories: Histories) -> Double {
        Prepared(histories).logLikelihood(self)
    }

    // MARK: Fitting

    static func estimate(_ histories: Histories, penalizer: Double, start: [Double]?) -> ModelFit {
        let prepared = Prepared(histories)
        let customers = histories.customers
        var meanAge = 0.0
        for i in 0..<histories.count { meanAge += histories.weight[i] * histories.T[i] }
        meanAge = customers > 0 && meanAge > 0 && meanAge.isFinite ? meanAge / customers : 1
        let initial = start ?? [1, meanAge, 1, meanAge]
        guard customers > 0, prepared.isValid else {
            return ModelFit(
                model: key, names: parameterNames, values: initial, standardErrors: nil,
                logLikelihood: .nan, customers: customers, iterations: 0, converged: false,
                message: prepared.problem ?? "there are no customers to fit; import transactions first")
        }
        var repeatBuyers = 0.0
        for i in 0..<histories.count where histories.frequency[i] > 0 { repeatBuyers += histories.weight[i] }
        guard repeatBuyers >= 2 else {
            // Nothing to fit: with fewer than two repeat buyers the purchase and dropout rates are
            // not identified, and an optimiser would only wander (for its whole time budget).
            let why =
                repeatBuyers == 0
                ? "nobody made a repeat purchase, so purchase and dropout rates cannot be told apart; "
                    + "it needs customers who bought more than once (more history, or repeat buyers)"
                : BetaGeometricNBDLikelihood.tooFewRepeatBuyers(repeatBuyers)
            return ModelFit(
                model: key, names: parameterNames, values: initial, standardErrors: nil, logLikelihood: nil,
                customers: customers, iterations: 0, converged: false,
                message: "not fitted: \(why); the parameters shown are the starting values")
        }
        var fit = MaximumLikelihood.fit(
            model: key, names: parameterNames, start: initial, customers: customers, penalizer: penalizer,
            logLikelihood: { p in prepared.logLikelihood(ParetoNBD(r: p[0], alpha: p[1], s: p[2], beta: p[3])) },
            gradient: { p in
                let g = prepared.logLikelihoodWithGradient(ParetoNBD(r: p[0], alpha: p[1], s: p[2], beta: p[3]))
                    .gradient
                return [g[0], g[1], g[2], g[3]]
            })
        return fit
    }

    /// Histories indexed for fast likelihood evaluation: distinct x, and distinct (x, t) over the
    /// recency and age columns.
    struct Prepared: Sendable {
        var xs: [Double] = []
        var keyX: [Double] = []
        var keyT: [Double] = []
        var keyXIndex: [Int32] = []
        var rowX: [Int32] = []
        var rowRecency: [Int32] = []
        var rowAge: [Int32] = []
        var weight: [Double] = []
        var problem: String?
        var isValid: Bool { problem == nil }

        init(_ h: Histories) {
            struct Key: Hashable {
                var x: UInt64, t: UInt64
            }
            var xIndex: [UInt64: Int32] = [:]
            var keyIndex: [Key: Int32] = [:]
            rowX.reserveCapacity(h.count)
            rowRecency.reserveCapacity(h.count)
            rowAge.reserveCapacity(h.count)
            weight = h.weight
            func keyFor(_ x: Double, _ xi: Int32, _ t: Double) -> Int32 {
                let key = Key(x: x.bitPattern, t: t.bitPattern)
                if let k = keyIndex[key] { return k }
                let k = Int32(keyX.count)
                keyIndex[key] = k
                keyX.append(x)
                keyT.append(t)
                keyXIndex.append(xi)
                return k
            }
            for i in 0..<h.count {
                let x = h.frequency[i], tx = h.recency[i], age = h.T[i]
                if problem == nil {
                    if !(x >= 0 && tx >= 0 && age >= 0 && x.isFinite && age.isFinite) {
                        problem =
                            "row \(i + 1): frequency, recency and T must be finite and non-negative "
                            + "(got \(x), \(tx), \(age))"
                    } else if tx > age {
                        problem =
                            "row \(i + 1): recency \(tx) is after the end of observation T = \(age); "
                            + "recency is the time from the first to the last purchase"
                    } else if !(h.weight[i] >= 0 && h.weight[i].isFinite) {
                        problem = "row \(i + 1): the weight \(h.weight[i]) must be finite and non-negative"
                    }
                }
                let xi: Int32
                if let known = xIndex[x.bitPattern] {
                    xi = known
                } else {
                    xi = Int32(xs.count)
                    xIndex[x.bitPattern] = xi
                    xs.append(x)
                }
                rowX.append(xi)
                rowAge.append(keyFor(x, xi, age))
                // A recency equal to T needs no F(tₓ); keep the index valid anyway.
                rowRecency.append(keyFor(x, xi, tx))
            }
        }

        func logLikelihood(_ m: ParetoNBD) -> Double {
            guard m.parameters.allSatisfy({ $0 > 0 && $0.isFinite }) else { return -.infinity }
            let base = -logGamma(m.r) + m.r * log(m.alpha) + m.s * log(m.beta)
            let perX = xs.map { logGamma(m.r + $0) + base }
            let logCoefficient = xs.map { log(m.s / (m.r + m.s + $0)) }
            let keys = keyX.count
            var logF = [Double](repeating: 0, count: keys)
            var alive = [Double](repeating: 0, count: keys)
            let keyX = self.keyX, keyT = self.keyT
            logF.withUnsafeMutableBufferPointer { f in
                alive.withUnsafeMutableBufferPointer { a in
                    nonisolated(unsafe) let f = f
                    nonisolated(unsafe) let a = a
                    Parallel.forEach(count: keys) { range in
                        for k in range {
                            f[k] = m.logF(keyX[k], keyT[k])
                            a[k] = m.logAliveTerm(keyX[k], keyT[k])
                        }
                    }
                }
            }
            let rowX = self.rowX, rowRecency = self.rowRecency, rowAge = self.rowAge, weight = self.weight
            return logF.withUnsafeBufferPointer { f in
                alive.withUnsafeBufferPointer { a in
                    nonisolated(unsafe) let f = f
                    nonisolated(unsafe) let a = a
                    return Parallel.sum(count: rowX.count) { range in
                        var total = 0.0
                        for i in range {
                            let w = weight[i]
                            if w == 0 { continue }
                            let xi = Int(rowX[i]), ki = Int(rowAge[i]), ri = Int(rowRecency[i])
                            let died =
                                ri == ki ? -Double.infinity : logCoefficient[xi] + Special.logSubExp(f[ri], f[ki])
                            total += w * (perX[xi] + logAddExp(a[ki], died))
                        }
                        return total
                    }
                }
            }
        }
    }
}
