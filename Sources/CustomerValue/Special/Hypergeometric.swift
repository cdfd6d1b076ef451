// The Gauss hypergeometric function ₂F₁(a, b; c; z) for real arguments, z ≤ 1.
//
// Approach (Abramowitz & Stegun ch. 15; Pearson, "Computation of hypergeometric functions",
// MSc thesis, Oxford 2009, §4):
//   • 0 < z ≤ 0.75: the defining series Σ (a)ₖ(b)ₖ/((c)ₖ k!) zᵏ. Before summing, Euler's
//     transformation (A&S 15.3.3) F = (1 − z)^(c−a−b) F(c − a, c − b; c; z) is applied when it
//     gives the smaller leading coefficient; for the Pareto/NBD arguments this turns a series whose
//     terms first grow like binomials in x (x = 500 purchases) into one of positive, decreasing
//     terms.
//   • 0.75 < z < 1: the series is still tried (up to 20,000 terms, when z < 0.998), because with
//     c ≫ ab it converges fast even near 1 (Pareto/NBD with α < β and many purchases). Otherwise the z → 1 − z
//     transformation (A&S 15.3.6), or, when c − a − b is an integer (to 1e-9), its limiting form with
//     digamma terms (A&S 15.3.10–15.3.12).
//   • z < 0: Pfaff's transformation (A&S 15.3.4) F = (1 − z)^(−a) F(a, c − b; c; z/(z − 1)) maps z
//     into (0, 1).
//   • z = 1: Gauss's theorem when c − a − b > 0, +∞ otherwise; z > 1: NaN (the function is complex).
//
// Every path works in log space: the result is log|F| with its sign, because Pareto/NBD values
// overflow a Double long before the likelihood does (x = 500 gives terms near e^±3000). Series are
// summed with a running rescale so no partial sum overflows.
//
// Accuracy: about 1e-14 relative on the series paths with terms of one sign (all the model
// arguments); the 1 − z paths lose a few digits to cancellation between their two parts, and
// c − a − b within 1e-9 of an integer uses the integer formula, an error of that order. Series with
// terms of alternating sign (negative a or b far from an integer, z near 1) are not a target.

import Foundation

/// A real number held as log|v| and its sign, for values outside the range of `Double`.
public struct SignedLog: Sendable, Equatable {
    /// log |v| (−∞ for zero).
    public var log: Double
    /// +1 or −1.
    public var sign: Double

    public init(log: Double, sign: Double = 1) {
        self.log = log
        self.sign = sign
    }

    public static let zero = SignedLog(log: -.infinity)
    public static let one = SignedLog(log: 0)
    public static let nan = SignedLog(log: .nan)

    /// The value as a `Double` (±∞ or 0 when out of range).
    public var value: Double { sign * Foundation.exp(log) }

    static func * (lhs: SignedLog, rhs: SignedLog) -> SignedLog {
        SignedLog(log: lhs.log + rhs.log, sign: lhs.sign * rhs.sign)
    }

    static func + (lhs: SignedLog, rhs: SignedLog) -> SignedLog {
        if lhs.log == -.infinity { return rhs }
        if rhs.log == -.infinity { return lhs }
        if lhs.sign == rhs.sign { return SignedLog(log: logAddExp(lhs.log, rhs.log), sign: lhs.sign) }
        if lhs.log >= rhs.log { return SignedLog(log: Special.logSubExp(lhs.log, rhs.log), sign: lhs.sign) }
        return SignedLog(log: Special.logSubExp(rhs.log, lhs.log), sign: rhs.sign)
    }

    static prefix func - (value: SignedLog) -> SignedLog { SignedLog(log: value.log, sign: -value.sign) }

    init(_ value: Double) {
        self.init(log: Foundation.log(abs(value)), sign: value < 0 ? -1 : 1)
    }
}

/// The Gauss hypergeometric function ₂F₁.
public enum Hypergeometric {
    /// ₂F₁(a, b; c; z) for real z ≤ 1; ±∞ when it overflows (use `logF21` then), NaN for z > 1 or
    /// c a non-positive integer.
    ///
    ///     Hypergeometric.f21(1, 1, 2, 0.5)   // −log(1 − 0.5)/0.5 = 1.386294…
    public static func f21(_ a: Double, _ b: Double, _ c: Double, _ z: Double) -> Double {
        logF21(a, b, c, z).value
    }

    /// log|₂F₁(a, b; c; z)| and the sign of ₂F₁, for real z ≤ 1.
    public static func logF21(_ a: Double, _ b: Double, _ c: Double, _ z: Double) -> SignedLog {
        guard a.isFinite, b.isFinite, c.isFinite, z.isFinite, z <= 1 else { return .nan }
        if z == 0 || a == 0 || b == 0 { return .one }
        let aPolynomial = Special.isNonPositiveInteger(a)
        let bPolynomial = Special.isNonPositiveInteger(b)
        if Special.isNonPositiveInteger(c) {
            // Defined only when the series stops before the zero denominator.
            let stops = (aPolynomial && a > c) || (bPolynomial && b > c)
            return stops ? series(a, b, c, z, maxTerms: Self.termCap(-c)).value : .nan
        }
        if aPolynomial || bPolynomial {
            return series(a, b, c, z, maxTerms: Self.termCap(-min(aPolynomial ? a : 0, bPolynomial ? b : 0))).value
        }
        if z == 1 {
            let m = c - a - b
            guard m > 0 else { return SignedLog(log: .infinity) }
            return gammaRatio(numerator: [c, m], denominator: [c - a, c - b])
        }
        if z < 0 {
            // Pfaff: F(a, b; c; z) = (1 − z)^(−a) F(a, c − b; c; z/(z − 1)), or the same with a, b swapped.
            let w = z / (z - 1)
            let prefixLog1mz = log1p(-z)
            if abs(b * (c - a)) < abs(a * (c - b)) {
                var inner = unitInterval(b, c - a, c, w)
                inner.log -= b * prefixLog1mz
                return inner
            }
            var inner = unitInterval(a, c - b, c, w)
            inner.log -= a * prefixLog1mz
            return inner
        }
        return unitInterval(a, b, c, z)
    }

    /// 0 < z < 1.
    static func unitInterval(_ a: Double, _ b: Double, _ c: Double, _ z: Double) -> SignedLog {
        if z == 0 { return .one }
        if Special.isNonPositiveInteger(a) || Special.isNonPositiveInteger(b) {
            return logF21(a, b, c, z)
        }
        // Euler's transformation when it shrinks the leading coefficient ab/c.
        if abs((c - a) * (c - b)) < abs(a * b) {
            var inner = direct(c - a, c - b, c, z)
            inner.log += (c - a - b) * log1p(-z)
            return inner
        }
        return direct(a, b, c, z)
    }

    /// 0 < z < 1 without the Euler choice.
    private static func direct(_ a: Double, _ b: Double, _ c: Double, _ z: Double) -> SignedLog {
        if z <= 0.75 {
            let sum = series(a, b, c, z, maxTerms: 200_000)
            if sum.converged { return sum.value }
        } else if -39 / log(z) < 20_000 {
            // Worth trying only when zᵏ alone would converge within the cap (z < 0.998).
            let sum = series(a, b, c, z, maxTerms: 20_000)
            if sum.converged { return sum.value }
        }
        return oneMinusZ(a, b, c, z)
    }

    /// The defining series, summed with a running rescale; `converged` is false when `maxTerms`
    /// ran out before the tail bound fell below 1e-17 of the sum.
    /// Terms of a terminating series with −m as its smallest non-positive parameter: m + 2,
    /// saturated and capped at ten million so an absurd parameter cannot trap or hang.
    static func termCap(_ m: Double) -> Int { min(Int(saturating: m), 10_000_000) + 2 }

    static func series(_ a: Double, _ b: Double, _ c: Double, _ z: Double, maxTerms: Int) -> (
        value: SignedLog, converged: Bool
    ) {
        let big = 1e250
        let logBig = 575.646_273_248_511_4  // 250 ln 10
        var sum = 1.0
        var term = 1.0
        var logScale = 0.0
        for k in 0..<maxTerms {
            let kd = Double(k)
            term *= (a + kd) * (b + kd) / ((c + kd) * (kd + 1)) * z
            sum += term
            if term == 0 { return (finish(sum, logScale), true) }
            if abs(sum) > big {
                sum /= big
                term /= big
                logScale += logBig
            }
            let next = abs((a + kd + 1) * (b + kd + 1) / ((c + kd + 1) * (kd + 2)) * z)
            let q = max(next, abs(z))
            if q < 1 && abs(term) * q / (1 - q) <= 1e-17 * abs(sum) { return (finish(sum, logScale), true) }
        }
        return (finish(sum, logScale), false)
    }

    private static func finish(_ sum: Double, _ logScale: Double) -> SignedLog {
        SignedLog(log: log(abs(sum)) + logScale, sign: sum < 0 ? -1 : 1)
    }

    /// Π Γ(numerator) / Π Γ(denominator) as a signed log (zero when a denominator is at a pole).
    static func gammaRatio(numerator: [Double], denominator: [Double]) -> SignedLog {
        var result = SignedLog.one
        for x in numerator {
            let g = Special.signedLogGamma(x)
            result.log += g.log
            result.sign *= g.sign
        }
        for x in denominator {
            if Special.isNonPositiveInteger(x) { return .zero }
            let g = Special.signedLogGamma(x)
            result.log -= g.log
            result.sign *= g.sign
        }
        return result
    }

    /// The z → 1 − z transformation, 0 < z < 1 (A&S 15.3.6, and 15.3.10–12 for integer c − a − b).
    static func oneMinusZ(_ a: Double, _ b: Double, _ c: Double, _ z: Double) -> SignedLog {
        let w = 1 - z
        let m = c - a - b
        let nearest = m.rounded()
        if abs(m - nearest) > 1e-9 * max(1, abs(m)) {
            let first =
                gammaRatio(numerator: [c, m], denominator: [c - a, c - b])
                * series(a, b, 1 - m, w, maxTerms: 200_000).value
            var second =
                gammaRatio(numerator: [c, -m], denominator: [a, b])
                * series(c - a, c - b, 1 + m, w, maxTerms: 200_000).value
            second.log += m * log(w)
            return first + second
        }
        if nearest >= 0 { return integerGap(a, b, Int(saturating: nearest), w) }
        // c − a − b = −m < 0: Euler first, F = w^(−m)… F(c − a, c − b; c; z) has gap m > 0.
        var inner = integerGap(c - a, c - b, Int(saturating: -nearest), w)
        inner.log += nearest * log(w)
        return inner
    }

    /// ₂F₁(a, b; a + b + m; 1 − w) for an integer m ≥ 0 (A&S 15.3.10 and 15.3.11).
    static func integerGap(_ a: Double, _ b: Double, _ m: Int, _ w: Double) -> SignedLog {
        let md = Double(m)
        let c = a + b + md
        var total = SignedLog.zero
        if m > 0 {
            // Γ(m)Γ(c)/(Γ(a+m)Γ(b+m)) Σ_{n<m} (a)ₙ(b)ₙ/(n!(1−m)ₙ) wⁿ
            var term = 1.0
            var sum = 1.0
            for n in 0..<(m - 1) {
                let nd = Double(n)
                term *= (a + nd) * (b + nd) / ((nd + 1) * (1 - md + nd)) * w
                sum += term
            }
            total = gammaRatio(numerator: [md, c], denominator: [a + md, b + md]) * SignedLog(sum)
        }
        // −(−w)^m Γ(c)/(Γ(a)Γ(b)) Σ (a+m)ₙ(b+m)ₙ/(n!(n+m)!) wⁿ [log w − ψ(n+1) − ψ(n+m+1) + ψ(a+n+m) + ψ(b+n+m)]
        var coefficient = exp(-logGamma(md + 1))
        var psiN1 = digamma(1)
        var psiNM1 = digamma(md + 1)
        var psiA = digamma(a + md)
        var psiB = digamma(b + md)
        let logW = log(w)
        var sum = 0.0
        for n in 0..<100_000 {
            let nd = Double(n)
            let term = coefficient * (logW - psiN1 - psiNM1 + psiA + psiB)
            sum += term
            if n > 2 && abs(term) <= 1e-17 * abs(sum) { break }
            coefficient *= (a + md + nd) * (b + md + nd) / ((nd + 1) * (nd + md + 1)) * w
            psiN1 += 1 / (nd + 1)
            psiNM1 += 1 / (nd + md + 1)
            psiA += 1 / (a + md + nd)
            psiB += 1 / (b + md + nd)
        }
        var second = gammaRatio(numerator: [c], denominator: [a, b]) * SignedLog(sum)
        second.log += md * logW
        if m % 2 == 0 { second = -second }  // −(−1)^m
        return total + second
    }
}
