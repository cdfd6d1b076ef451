// The Gamma-Gamma model of spend per transaction (Colombo & Jiang 1999; Fader, Hardie & Lee 2005,
// "RFM and CLV: using iso-value curves for customer base analysis", JMR 42(4); Fader & Hardie 2013,
// "The Gamma-Gamma model of monetary value").
//
// Each transaction of a customer has value z ~ Gamma(p, ν) with the customer's ν ~ Gamma(q, γ);
// the mean m of x transactions then has the density (FHL 2005 "RFM and CLV", eq. 3 and footnote)
//
//   f(m | x) = Γ(px + q) / (Γ(px) Γ(q)) · γ^q m^(px−1) x^(px) / (γ + m x)^(px+q),
//
// evaluated in logs; the terms in x alone (log Γ(px + q), log Γ(px), the digammas) are tabulated per
// distinct x. The third parameter is called `v` as in lifetimes; it is the paper's γ (a scale, in
// the currency of the amounts). The gradient is
//
//   ∂/∂p = x [ψ(px + q) − ψ(px) + log m + log x − log(γ + m x)]
//   ∂/∂q = ψ(px + q) − ψ(q) + log γ − log(γ + m x)
//   ∂/∂γ = q/γ − (px + q)/(γ + m x).
//
// The conditional expected average spend is E[Z | x, m] = p(γ + m x)/(px + q − 1) (eq. 5), a weighted
// mean of the population mean pγ/(q − 1) and the customer's own mean m. The population mean exists
// only for q > 1; with q ≤ 1 the formula turns negative or infinite for customers with few
// purchases (lifetimes #146), so there we fall back to the customer's own mean (or, for a customer
// without repeat purchases, the observed mean spend of the fit) and say so in the fit message.
// Non-positive mean spends (refunds, free orders) have no place in a Gamma model: they are left
// out of the fit and counted (lifetimes #172, #211, #378).
//
// The model assumes spend is independent of purchase frequency; `frequencySpendCorrelation` is the
// check FHL suggest, with a warning when |ρ| > 0.3.

import Foundation

/// The Gamma-Gamma spend model, fitted on customers with repeat purchases.
///
/// ```swift
/// let spend = GammaGamma(fitting: summary.frequency, monetary: summary.monetary)
/// let expected = spend.expectedAverageSpend(frequency: summary.frequency, monetary: summary.monetary)
/// ```
public struct GammaGamma: Sendable {
    public static let key = "gammagamma"
    /// p, q and v (the paper's γ).
    public static let parameterNames = ["p", "q", "v"]

    /// |ρ(frequency, mean spend)| above which the independence assumption is in doubt.
    public static let correlationWarningThreshold = 0.3

    public let fit: ModelFit
    /// Shape of the per-transaction spend.
    public var p: Double { fit.values[0] }
    /// Shape of the Gamma distribution of ν across customers; q > 1 for a finite mean spend.
    public var q: Double { fit.values[1] }
    /// The paper's γ: scale of the Gamma distribution of ν, in currency units.
    public var v: Double { fit.values[2] }

    /// Mean of the mean spends the fit used, the fallback for a new customer when q ≤ 1.
    public let observedMeanSpend: Double?
    /// Customers with repeat purchases whose mean spend was zero, negative or not a number, left out.
    public let skippedNonPositive: Int
    /// Pearson correlation of frequency and mean spend over the customers fitted; nil when undefined.
    public let frequencySpendCorrelation: Double?

    /// A warning when |ρ(frequency, spend)| exceeds `correlationWarningThreshold`, else nil.
    public var independenceWarning: String? {
        guard let rho = frequencySpendCorrelation, abs(rho) > Self.correlationWarningThreshold else { return nil }
        return "frequency and mean spend are correlated (ρ = \(String(format: "%.2f", rho))): the Gamma-Gamma "
            + "model assumes they are independent, so its spend predictions may be biased"
    }

    /// The population mean spend pγ/(q − 1); nil when q ≤ 1 (no finite mean).
    public var populationMeanSpend: Double? { q > 1 ? p * v / (q - 1) : nil }

    /// A model with given parameters.
    public init(p: Double, q: Double, v: Double) {
        fit = ModelFit(
            model: Self.key, names: Self.parameterNames, values: [p, q, v], standardErrors: nil, logLikelihood: .nan,
            customers: 0, iterations: 0, converged: true, message: "parameters given")
        observedMeanSpend = nil
        skippedNonPositive = 0
        frequencySpendCorrelation = nil
    }

    /// Rebuilds a model from a saved fit.
    public init(fit: ModelFit, observedMeanSpend: Double? = nil) throws {
        self.fit = try fit.ordered(Self.parameterNames, of: Self.key)
        self.observedMeanSpend = observedMeanSpend
        skippedNonPositive = 0
        frequencySpendCorrelation = nil
    }

    /// Fits p, q, γ by maximum likelihood on the customers with x > 0 and a positive mean spend.
    ///
    /// - Parameters:
    ///   - frequency: repeat purchases per customer; customers with 0 are not used.
    ///   - monetary: mean value of each customer's repeat purchases.
    ///   - penalizer: L2 penalty (0 for plain maximum likelihood).
    ///   - constrainQ: fit q = 1 + e^θ so that q > 1 and the mean spend is finite (lifetimes' `q_constraint`).
    public init(fitting frequency: [Double], monetary: [Double], penalizer: Double = 0, constrainQ: Bool = false) {
        precondition(frequency.count == monetary.count, "columns differ in length")
        var x: [Double] = []
        var m: [Double] = []
        var skipped = 0
        for i in frequency.indices where frequency[i] > 0 && frequency[i].isFinite {
            if monetary[i] > 0 && monetary[i].isFinite {
                x.append(frequency[i])
                m.append(monetary[i])
            } else {
                skipped += 1
            }
        }
        skippedNonPositive = skipped
        let n = Double(x.count)
        let meanSpend = n > 0 ? m.reduce(0, +) / n : nil
        observedMeanSpend = meanSpend
        frequencySpendCorrelation = pearson(x, m)
        var notes: [String] = []
        if skipped > 0 {
            notes.append(
                "left out \(skipped) customer\(skipped == 1 ? "" : "s") with repeat purchases and a mean spend ≤ 0")
        }
        guard x.count >= 2, let meanSpend else {
            fit = ModelFit(
                model: Self.key, names: Self.parameterNames, values: [1, 2, max(meanSpend ?? 1, 1e-8)],
                standardErrors: nil, logLikelihood: .nan, customers: n, iterations: 0, converged: false,
                message: ([
                    "not fitted: the Gamma-Gamma model needs at least two customers with repeat purchases and a positive mean spend (found \(x.count)); the parameters shown are the starting values"
                ] + notes).joined(separator: "; "))
            return
        }
        let likelihood = GammaGammaLikelihood(frequency: x, monetary: m)
        let qOffset = constrainQ ? 1.0 : 0.0
        func natural(_ theta: [Double]) -> [Double] { [theta[0], theta[1] + qOffset, theta[2]] }
        let cache = LikelihoodCache { likelihood.evaluate(natural($0)) }
        // Start at p = 1, q = 2, γ = mean spend: a population mean pγ/(q − 1) equal to the observed one.
        var fit = MaximumLikelihood.fit(
            model: Self.key, names: Self.parameterNames, start: [1, 2 - qOffset, meanSpend], customers: n,
            penalizer: penalizer, logLikelihood: { cache.value(at: $0) }, gradient: { cache.gradient(at: $0) })
        fit.values[1] += qOffset
        if fit.values[1] <= 1 {
            notes.append(
                "q = \(String(format: "%.3g", fit.values[1])) ≤ 1: the fitted spend distribution has no finite mean, "
                    + "so customers with few purchases get their own mean spend (or the observed mean) instead; "
                    + "refit with the q > 1 constraint for a model-based mean")
        }
        if !notes.isEmpty { fit.message += "; " + notes.joined(separator: "; ") }
        self.fit = fit
    }

    /// log f(m | x) of one customer with x > 0 and m > 0.
    public func logLikelihood(frequency x: Double, monetary m: Double) -> Double {
        let px = p * x
        return logGamma(px + q) - logGamma(px) - logGamma(q) + q * log(v) + (px - 1) * log(m) + px * log(x)
            - (px + q) * log(x * m + v)
    }

    /// E[Z | x, m] = p(γ + m x)/(px + q − 1), the conditional expected average spend (FHL 2005 eq. 5).
    ///
    /// Never negative, infinite or NaN: where the formula breaks down (q ≤ 1 with few purchases) the
    /// customer's own mean m is used, and for a customer without repeat purchases (or a
    /// non-positive m) the population mean, or when that does not exist the observed mean spend.
    public func expectedAverageSpend(frequency x: Double, monetary m: Double) -> Double {
        let usable = x > 0 && x.isFinite && m > 0 && m.isFinite
        let xx = usable ? x : 0
        let mm = usable ? m : 0
        let denominator = p * xx + q - 1
        if denominator > 0 {
            let value = p * (v + mm * xx) / denominator
            if value.isFinite && value >= 0 { return value }
        }
        if usable { return m }
        if let observedMeanSpend, observedMeanSpend.isFinite { return observedMeanSpend }
        return 0
    }

    /// E[Z | x, m] for every customer of the columns.
    public func expectedAverageSpend(frequency: [Double], monetary: [Double]) -> [Double] {
        precondition(frequency.count == monetary.count, "columns differ in length")
        return Parallel.map(count: frequency.count) {
            expectedAverageSpend(frequency: frequency[$0], monetary: monetary[$0])
        }
    }
}

/// Pearson correlation, nil when a column is constant or has fewer than two values.
func pearson(_ a: [Double], _ b: [Double]) -> Double? {
    let n = Double(a.count)
    guard a.count >= 2 else { return nil }
    let meanA = a.reduce(0, +) / n
    let meanB = b.reduce(0, +) / n
    var saa = 0.0
    var sbb = 0.0
    var sab = 0.0
    for i in a.indices {
        saa += (a[i] - meanA) * (a[i] - meanA)
        sbb += (b[i] - meanB) * (b[i] - meanB)
        sab += (a[i] - meanA) * (b[i] - meanB)
    }
    guard saa > 0, sbb > 0 else { return nil }
    return sab / (saa * sbb).squareRoot()
}

/// The Gamma-Gamma log-likelihood over customers and its gradient in (p, q, γ).
struct GammaGammaLikelihood: Sendable {
    let xValues: [Double]
    let xIndex: [Int32]
    let logM: [Double]
    let m: [Double]

    init(frequency: [Double], monetary: [Double]) {
        let distinctX = DistinctRows([frequency])
        xValues = distinctX.firstRow.map { frequency[$0] }
        xIndex = distinctX.group
        m = monetary
        logM = monetary.map { log($0) }
    }

    func evaluate(_ parameters: [Double]) -> (value: Double, gradient: [Double]) {
        let p = parameters[0]
        let q = parameters[1]
        let v = parameters[2]
        let count = xValues.count
        // Per x: log Γ(px+q) − log Γ(px) + px log x, ψ(px+q), ψ(px), log x, x.
        var table = [Double](repeating: 0, count: 5 * count)
        for k in 0..<count {
            let x = xValues[k]
            let px = p * x
            table[5 * k] = logGamma(px + q) - logGamma(px) + px * log(x)
            table[5 * k + 1] = digamma(px + q)
            table[5 * k + 2] = digamma(px)
            table[5 * k + 3] = log(x)
            table[5 * k + 4] = x
        }
        let table2 = table
        let xIndex = xIndex
        let logM = logM
        let m = m
        let sums = Parallel.sum(count: m.count, width: 4) { range in
            var ll = 0.0
            var gp = 0.0
            var gq = 0.0
            var gv = 0.0
            for i in range {
                let k = 5 * Int(xIndex[i])
                let x = table2[k + 4]
                let px = p * x
                let denominator = x * m[i] + v
                let logDenominator = log(denominator)
                ll += table2[k] + (px - 1) * logM[i] - (px + q) * logDenominator
                gp += x * (table2[k + 1] - table2[k + 2] + logM[i] + table2[k + 3] - logDenominator)
                gq += table2[k + 1] - logDenominator
                gv -= (px + q) / denominator
            }
            return [ll, gp, gq, gv]
        }
        let n = Double(m.count)
        let value = sums[0] + n * (q * log(v) - logGamma(q))
        let gradient = [sums[1], sums[2] + n * (log(v) - digamma(q)), sums[3] + n * q / v]
        return (value, gradient)
    }
}
