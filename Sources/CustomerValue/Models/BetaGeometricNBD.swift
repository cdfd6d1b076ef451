// The mathematics shared by BG/NBD (Fader, Hardie & Lee 2005) and MBG/NBD (Batislam, Denizel &
// Filiztekin 2007). Both let purchases follow a Poisson process with rate λ ~ Gamma(r, α) and let
// a customer drop out with probability p ~ Beta(a, b) after each purchase; MBG/NBD also lets
// the customer drop out right after the first purchase. Writing δ = 0 for BG/NBD and δ = 1 for
// MBG/NBD, one customer's likelihood is
//
//   L = Γ(r + x) αʳ / (Γ(r) B(a, b)) · [ B(a, b + x + δ) (α + T)^−(r+x)
//                                        + 1{x > 0 or δ = 1} B(a + 1, b + x − 1 + δ) (α + tₓ)^−(r+x) ]
//
// (FHL 2005 eq. 6; Batislam et al. 2007 eq. 5). We evaluate log L as
// c(x) + logaddexp(u₁, u₂) with u₁ = log B(a, b + x + δ) − (r + x) log(α + T) and
// u₂ = log B(a + 1, b + x − 1 + δ) − (r + x) log(α + tₓ): every piece is a logarithm, so nothing
// overflows at x = 500 or T = 20 years (Hardie note 027; lifetimes #332 / PR #381). The weights
// w₁ = e^u₁ / (e^u₁ + e^u₂) and w₂ = 1 − w₁ are the posterior probabilities alive / dead, which
// also give P(alive) = w₁ and the analytic gradient:
//
//   ∂/∂r = ψ(r + x) − ψ(r) + log α − w₁ log(α + T) − w₂ log(α + tₓ)
//   ∂/∂α = r/α − (r + x) (w₁/(α + T) + w₂/(α + tₓ))
//   ∂/∂a = ψ(a + b) − ψ(a + b + x + δ) + w₂/a
//   ∂/∂b = ψ(a + b) − ψ(b) + w₁ ψ(b + x + δ) + w₂ ψ(b + x − 1 + δ) − ψ(a + b + x + δ)
//
// Speed: the terms that depend on x only (log Γ(r + x), the log-betas, the digammas) are
// tabulated once per evaluation for the distinct values of x, so a row costs two logs, an exp
// and a log1p. Rows are the distinct (x, tₓ, T) histories with weights.
//
// Predictions use the posterior given alive, λ ~ Gamma(r + x, α + T), p ~ Beta(a, b + x + δ):
//   E[purchases in (T, T + t] | alive] = E_p[(1 − (1 + p s)^−(r+x)) / p],  s = t/(α + T),
// which is (a + b + x − 1 + δ)/(a − 1) · [1 − 2F1(r + x, a − 1; a + b + x − 1 + δ; −s)] (FHL eq. 10
// after Pfaff's transformation). See `aliveExpectation` for the two series used.

import Foundation

/// Parameters and formulas common to BG/NBD (δ = 0) and MBG/NBD (δ = 1).
public struct BetaGeometricNBD: Sendable, Equatable {
    var r: Double
    var alpha: Double
    var a: Double
    var b: Double
    /// 0 for BG/NBD, 1 for MBG/NBD (dropout possible right after the first purchase).
    var shift: Double

    /// Whether the "dropped out after the last purchase" term is present for this x.
    @inline(__always) func hasDropoutTerm(_ x: Double) -> Bool { x > 0 || shift > 0 }

    /// log L of one customer (see the file header).
    func logLikelihood(frequency x: Double, recency tx: Double, T: Double) -> Double {
        let constant = logGamma(r + x) - logGamma(r) + r * log(alpha) - logBeta(a, b)
        let u1 = logBeta(a, b + x + shift) - (r + x) * log(alpha + T)
        guard hasDropoutTerm(x) else { return constant + u1 }
        let u2 = logBeta(a + 1, b + x - 1 + shift) - (r + x) * log(alpha + tx)
        return constant + logAddExp(u1, u2)
    }

    /// P(alive | x, tₓ, T) = 1 / (1 + a/(b + x − 1 + δ) · ((α + T)/(α + tₓ))^(r+x)).
    func probabilityAlive(frequency x: Double, recency tx: Double, T: Double) -> Double {
        guard hasDropoutTerm(x) else { return 1 }
        let logOdds = (r + x) * (log(alpha + T) - log(alpha + tx)) + log(a) - log(b + x - 1 + shift)
        let p = 1 / (1 + exp(logOdds))
        return p.isNaN ? 0 : p
    }

    /// E[purchases in (T, T + t] | x, tₓ, T] (FHL 2005 eq. 10; Batislam et al. eq. 8).
    func expectedPurchases(in t: Double, frequency x: Double, recency tx: Double, T: Double) -> Double {
        let alive = probabilityAlive(frequency: x, recency: tx, T: T)
        guard alive > 0, t > 0 else { return 0 }
        return alive * Self.aliveExpectation(A: r + x, a: a, B: b + x + shift, s: t / (alpha + max(T, 0)))
    }

    /// Σₖ discounts[k − 1] (E[Y(kL)] − E[Y((k − 1)L)]) per customer. E[Y(t)] = P(alive) · E[Y(t) | alive]
    /// and the second factor depends on (x, T) only, so it is computed once per distinct (x, T).
    func discountedPurchases(
        periodLength: Double, discounts: [Double], frequency: [Double], recency: [Double], T: [Double]
    ) -> [Double] {
        let groups = DistinctRows([frequency, T])
        let perGroup = Parallel.map(count: groups.count) { g in
            let i = groups.firstRow[g]
            let x = frequency[i]
            let s = periodLength / (alpha + max(T[i], 0))
            var previous = 0.0
            var total = 0.0
            for (k, discount) in discounts.enumerated() {
                let cumulative = Self.aliveExpectation(A: r + x, a: a, B: b + x + shift, s: Double(k + 1) * s)
                total += (cumulative - previous) * discount
                previous = cumulative
            }
            return total
        }
        return Parallel.map(count: frequency.count) { i in
            let value =
                probabilityAlive(frequency: frequency[i], recency: recency[i], T: T[i]) * perGroup[Int(groups.group[i])]
            return value.isFinite ? value : 0
        }
    }

    /// E[X(t)] for a new customer (FHL 2005 eq. 9).
    func expectedPurchasesNewCustomer(in t: Double) -> Double {
        guard t > 0 else { return 0 }
        // MBG/NBD: the customer survives the first purchase with probability b/(a + b).
        let survive = shift > 0 ? b / (a + b) : 1
        return survive * Self.aliveExpectation(A: r, a: a, B: b + shift, s: t / alpha)
    }

    /// E_p[(1 − (1 + p s)^(−A)) / p] for p ~ Beta(a, B): the expected purchases in the next t of a
    /// customer who is alive now, with λ ~ Gamma(A, α + T) and s = t/(α + T).
    ///
    /// With C = a + B − 1 this is C/(a − 1) · [1 − 2F1(A, a − 1; C; −s)]. Two series, chosen by s:
    ///  - s < 1/2: the series of 2F1 in −s, from its second term, with the factor (a − 1) cancelled
    ///    against (a − 1)ₙ = (a − 1)(a)ₙ₋₁, so a = 1 is not special:
    ///    Σₙ≥₁ (A)ₙ (a)ₙ₋₁ / ((C + 1)ₙ₋₁ n!) (−1)ⁿ⁺¹ sⁿ. The terms alternate and shrink like sⁿ.
    ///  - s ≥ 1/2: Euler's transformation to z = s/(1 + s) ∈ [1/3, 1),
    ///    2F1(A, a − 1; C; −s) = (1 − z)^(a−1) [1 + (a − 1) S], S = Σₙ≥₁ (C − A)ₙ (a)ₙ₋₁ zⁿ / ((C)ₙ n!),
    ///    so the result is C · (1 − (1 − z)^(a−1))/(a − 1) − (1 − z)^(a−1) C S. Here C − A = a + b − 1 − r
    ///    (for BG/NBD) does not grow with x, so the terms shrink like zⁿ from the start.
    /// Both are positive sums of bounded size; no 1 − (almost 1) cancellation.
    /// z above which `aliveExpectation` leaves its series for the closed form (s > 999).
    static let seriesLimit = 0.999

    static func aliveExpectation(A: Double, a: Double, B: Double, s: Double) -> Double {
        guard s > 0 else { return 0 }
        guard s.isFinite else { return .infinity }
        let cPlus1 = a + B  // C + 1 > 0
        if s < 0.5 {
            // term₁ = A s; termₙ₊₁ = termₙ · (A + n)(a + n − 1) / ((C + n) (n + 1)) · (−s)
            var term = A * s
            var sum = term
            var n = 1.0
            while n < 100_000 {
                let ratio = (A + n) * (a + n - 1) / ((cPlus1 - 1 + n) * (n + 1)) * -s
                term *= ratio
                sum += term
                n += 1
                if abs(term) <= 1e-17 * abs(sum) && abs(ratio) < 1 { break }
            }
            return max(sum, 0)
        }
        let z = s / (1 + s)
        if z > Self.seriesLimit, abs(a - 1) > 1e-8 {
            // Far horizons (s in the thousands: a date typed centuries ahead) make the zⁿ series
            // need millions of terms. There the closed form C/(a − 1) · [1 − ₂F₁(A, a − 1; C; −s)]
            // has no cancellation (₂F₁ → 0 for a > 1 and grows for a < 1), and the general ₂F₁
            // evaluates it through Pfaff's and the 1 − z transformations in a few hundred terms.
            let f = Hypergeometric.logF21(A, a - 1, cPlus1 - 1, -s)
            let value = (cPlus1 - 1) / (a - 1) * (1 - f.sign * exp(f.log))
            if value.isFinite { return max(value, 0) }
        }
        let logOneMinusZ = -log1p(s)
        let u = (a - 1) * logOneMinusZ
        // (1 − (1 − z)^(a−1)) / (a − 1) = −expm1(u)/(a − 1), = −log(1 − z) · expm1(u)/u.
        let firstFactor = u == 0 ? -logOneMinusZ : -logOneMinusZ * (expm1(u) / u)
        // C·S = Σₙ≥₁ (C − A)ₙ (a)ₙ₋₁ zⁿ / ((C + 1)ₙ₋₁ n!)
        let cMinusA = cPlus1 - 1 - A
        var term = cMinusA * z
        var sum = term
        var n = 1.0
        while n < 1_000_000 {
            let ratio = (cMinusA + n) * (a + n - 1) / ((cPlus1 - 1 + n) * (n + 1)) * z
            term *= ratio
            sum += term
            n += 1
            if abs(term) <= 1e-17 * abs(sum) && abs(ratio) < 1 { break }
            if term == 0 { break }
        }
        let value = (cPlus1 - 1) * firstFactor - exp(u) * sum
        return value.isFinite ? max(value, 0) : (value.isNaN ? 0 : value)
    }

    /// P(X(t) = n) for a new customer (FHL 2005 eq. 8; for MBG/NBD the second term is present at n = 0 too).
    func probabilityOfPurchases(_ n: Int, in t: Double) -> Double {
        guard n >= 0 else { return 0 }
        let k = Double(n)
        guard t > 0 else { return n == 0 ? 1 : 0 }
        let logP = r * (log(alpha) - log(alpha + t))  // log of the NBD's p^r
        let logQ = log(t) - log(alpha + t)
        let lbetaAB = logBeta(a, b)
        let nbdTerm = logGamma(r + k) - logGamma(r) - logGamma(k + 1) + logP + k * logQ
        var result = exp(logBeta(a, b + k + shift) - lbetaAB + nbdTerm)
        if n > 0 || shift > 0 {
            result +=
                exp(logBeta(a + 1, b + k - 1 + shift) - lbetaAB)
                * negativeBinomialTail(atLeast: n, logP: logP, logQ: logQ)
        }
        return min(max(result, 0), 1)
    }

    /// P(N ≥ n) for N ~ NBD(r, p) with log pʳ = logP and log(1 − p) = logQ, without 1 − (almost 1).
    private func negativeBinomialTail(atLeast n: Int, logP: Double, logQ: Double) -> Double {
        guard n > 0 else { return 1 }
        let q = exp(logQ)
        // Head Σⱼ<ₙ by the term recursion tⱼ₊₁ = tⱼ (r + j) q / (j + 1).
        var term = exp(logP)
        var head = 0.0
        for j in 0..<n {
            head += term
            term *= (r + Double(j)) * q / Double(j + 1)
        }
        if head < 0.5 { return max(1 - head, 0) }
        // The tail directly: start from tₙ in logs (the recursion may have underflowed).
        let k = Double(n)
        var t = exp(logGamma(r + k) - logGamma(r) - logGamma(k + 1) + logP + k * logQ)
        var tail = 0.0
        var j = k
        while j < k + 1_000_000 {
            tail += t
            let ratio = (r + j) * q / (j + 1)
            t *= ratio
            j += 1
            if t <= 1e-17 * tail && ratio < 1 { break }
            if t == 0 { break }
        }
        return min(tail, 1)
    }
}

// MARK: - Likelihood over many customers

/// The log-likelihood of a set of histories and its gradient, for fitting.
struct BetaGeometricNBDLikelihood: Sendable {
    let shift: Double
    /// Distinct frequencies, and per row the index of its frequency.
    let xValues: [Double]
    let xIndex: [Int32]
    /// The distinct values of T and tₓ together, and per row the index of its T and of its tₓ:
    /// log(α + ·) and 1/(α + ·) are then computed once per distinct value (few for data in days).
    let ages: [Double]
    let tIndex: [Int32]
    let recencyIndex: [Int32]
    let weight: [Double]
    let totalWeight: Double

    init(_ histories: Histories, shift: Double) {
        self.shift = shift
        let distinctX = DistinctRows([histories.frequency])
        xValues = distinctX.firstRow.map { histories.frequency[$0] }
        xIndex = distinctX.group
        let n = histories.count
        let distinct = DistinctRows([histories.T + histories.recency])
        let allAges = histories.T + histories.recency
        ages = distinct.firstRow.map { allAges[$0] }
        tIndex = Array(distinct.group[0..<n])
        recencyIndex = Array(distinct.group[n..<(2 * n)])
        weight = histories.weight
        totalWeight = histories.weight.reduce(0, +)
    }

    /// (log-likelihood, gradient in (r, α, a, b)).
    func evaluate(_ p: [Double]) -> (value: Double, gradient: [Double]) {
        let r = p[0]
        let alpha = p[1]
        let a = p[2]
        let b = p[3]
        let shift = shift
        let m = xValues.count
        // Per distinct x: log Γ(r + x), u-constants, digammas.
        var logGammaRX = [Double](repeating: 0, count: m)
        var logBeta1 = [Double](repeating: 0, count: m)
        var logBeta2 = [Double](repeating: -.infinity, count: m)
        var digammaRX = [Double](repeating: 0, count: m)
        var digammaB1 = [Double](repeating: 0, count: m)
        var digammaB2 = [Double](repeating: 0, count: m)
        var digammaABX = [Double](repeating: 0, count: m)
        for k in 0..<m {
            let x = xValues[k]
            logGammaRX[k] = logGamma(r + x)
            logBeta1[k] = logBeta(a, b + x + shift)
            digammaRX[k] = digamma(r + x)
            digammaB1[k] = digamma(b + x + shift)
            digammaABX[k] = digamma(a + b + x + shift)
            if x > 0 || shift > 0 {
                logBeta2[k] = logBeta(a + 1, b + x - 1 + shift)
                digammaB2[k] = digamma(b + x - 1 + shift)
            }
        }
        let (logGammaRXTable, logBeta1Table, logBeta2Table) = (logGammaRX, logBeta1, logBeta2)
        let (digammaRXTable, digammaB1Table, digammaB2Table, digammaABXTable) = (
            digammaRX, digammaB1, digammaB2, digammaABX
        )
        let xValues = xValues
        let xIndex = xIndex
        let ages = ages
        let logAge = Parallel.map(count: ages.count) { log(alpha + ages[$0]) }
        let inverseAge = Parallel.map(count: ages.count) { 1 / (alpha + ages[$0]) }
        let tIndex = tIndex
        let recencyIndex = recencyIndex
        let weight = weight
        let inverseA = 1 / a
        let sums = Parallel.sum(count: xIndex.count, width: 5) { range in
            var ll = 0.0
            var gr = 0.0
            var gAlpha = 0.0
            var ga = 0.0
            var gb = 0.0
            for i in range {
                let k = Int(xIndex[i])
                let x = xValues[k]
                let w = weight[i]
                let rx = r + x
                let t = Int(tIndex[i])
                let logAlphaT = logAge[t]
                let u1 = logBeta1Table[k] - rx * logAlphaT
                let lb2 = logBeta2Table[k]
                if lb2 == -.infinity {
                    ll += w * (logGammaRXTable[k] + u1)
                    gr += w * (digammaRXTable[k] - logAlphaT)
                    gAlpha -= w * rx * inverseAge[t]
                    ga -= w * digammaABXTable[k]
                    gb += w * (digammaB1Table[k] - digammaABXTable[k])
                } else {
                    let tx = Int(recencyIndex[i])
                    let logAlphaTx = logAge[tx]
                    let u2 = lb2 - rx * logAlphaTx
                    let d = u2 - u1
                    let e = exp(-abs(d))
                    let inverse = 1 / (1 + e)
                    let logSum = (d > 0 ? u2 : u1) + log1p(e)
                    let w1 = d > 0 ? e * inverse : inverse
                    let w2 = d > 0 ? inverse : e * inverse
                    ll += w * (logGammaRXTable[k] + logSum)
                    gr += w * (digammaRXTable[k] - w1 * logAlphaT - w2 * logAlphaTx)
                    gAlpha -= w * rx * (w1 * inverseAge[t] + w2 * inverseAge[tx])
                    ga += w * (w2 * inverseA - digammaABXTable[k])
                    gb += w * (w1 * digammaB1Table[k] + w2 * digammaB2Table[k] - digammaABXTable[k])
                }
            }
            return [ll, gr, gAlpha, ga, gb]
        }
        let W = totalWeight
        let digammaAB = digamma(a + b)
        let value = sums[0] + W * (-logGamma(r) + r * log(alpha) - logBeta(a, b))
        let gradient = [
            sums[1] + W * (log(alpha) - digamma(r)),
            sums[2] + W * r / alpha,
            sums[3] + W * digammaAB,
            sums[4] + W * (digammaAB - digamma(b)),
        ]
        return (value, gradient)
    }

    /// Fits (r, α, a, b) by maximum likelihood.
    static func fit(_ histories: Histories, shift: Double, model: String, penalizer: Double) -> ModelFit {
        let names = ["r", "alpha", "a", "b"]
        let data = histories.compressed()
        let likelihood = BetaGeometricNBDLikelihood(data, shift: shift)
        let W = likelihood.totalWeight
        // Start: r = 1 and α from the mean purchase rate (r/α = Σx/ΣT), a = 1, b = 1.
        var sumX = 0.0
        var sumT = 0.0
        var repeatBuyers = 0.0
        for i in 0..<data.count {
            sumX += data.weight[i] * data.frequency[i]
            sumT += data.weight[i] * data.T[i]
            if data.frequency[i] > 0 { repeatBuyers += data.weight[i] }
        }
        let start = [1.0, max(sumT, 1) / max(sumX, 1), 1.0, 1.0]
        let invalid = zip(data.frequency, zip(data.recency, data.T)).contains { x, rt in
            !(x >= 0 && x.isFinite && rt.0 >= 0 && rt.1 >= rt.0 && rt.1.isFinite)
        }
        if invalid || repeatBuyers < 2 || W <= 0 {
            let why =
                invalid
                ? "some histories are invalid (frequency and recency must be ≥ 0 and recency ≤ T, all finite)"
                : W <= 0
                    ? "there are no customers to fit"
                    : repeatBuyers == 0
                        ? "no customer has a repeat purchase, so purchase rates and dropout cannot be estimated; "
                            + "it needs customers who bought more than once (more history, or repeat buyers)"
                        : Self.tooFewRepeatBuyers(repeatBuyers)
            return ModelFit(
                model: model, names: names, values: start, standardErrors: nil, logLikelihood: nil,
                customers: W, iterations: 0, converged: false,
                message: "not fitted: \(why); the parameters shown are the starting values")
        }
        let cache = LikelihoodCache(likelihood.evaluate)
        var fit = MaximumLikelihood.fit(
            model: model, names: names, start: start, customers: W, penalizer: penalizer,
            logLikelihood: { cache.value(at: $0) }, gradient: { cache.gradient(at: $0) })
        return fit
    }

    /// Why a base with fewer than two repeat buyers is not fitted: one customer's repeat purchases
    /// cannot separate the purchase rate from dropout across customers.
    static func tooFewRepeatBuyers(_ repeatBuyers: Double) -> String {
        "only \(NumberText.plain(repeatBuyers)) customer has repeat purchases, too few to identify the model; "
            + "it needs at least 2 customers who bought more than once (more history, or repeat buyers)"
    }
}

/// Remembers the last (value, gradient) so that an optimiser asking for f(x) and then ∇f(x) pays
/// for one pass over the data.
final class LikelihoodCache: @unchecked Sendable {
    private let evaluate: ([Double]) -> (value: Double, gradient: [Double])
    private var point: [Double] = []
    private var last: (value: Double, gradient: [Double]) = (.nan, [])

    init(_ evaluate: @escaping ([Double]) -> (value: Double, gradient: [Double])) {
        self.evaluate = evaluate
    }

    private func at(_ p: [Double]) -> (value: Double, gradient: [Double]) {
        if p != point {
            point = p
            last = evaluate(p)
        }
        return last
    }

    func value(at p: [Double]) -> Double { at(p).value }
    func gradient(at p: [Double]) -> [Double] { at(p).gradient }
}
