// Gamma-family helpers for the model likelihoods.
//
// log Γ comes from the C library's re-entrant `lgamma_r` (the plain `lgamma` writes the global
// `signgam`, a data race when likelihood terms are summed on several threads). ψ uses the
// recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 6, then the asymptotic series (Abramowitz & Stegun
// 6.3.18), and the reflection formula for x < 0.

import Foundation

/// Special functions used by the models.
public enum Special {
    /// log |Γ(x)|.
    @inlinable public static func logGamma(_ x: Double) -> Double {
        var sign: Int32 = 0
        return lgamma_r(x, &sign)
    }

    /// log |Γ(x)| and the sign of Γ(x) (+1 or −1; +1 at the poles, where the log is +∞).
    public static func signedLogGamma(_ x: Double) -> (log: Double, sign: Double) {
        var sign: Int32 = 0
        let value = lgamma_r(x, &sign)
        return (value, sign < 0 ? -1 : 1)
    }

    /// log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b), for a, b > 0.
    @inlinable public static func logBeta(_ a: Double, _ b: Double) -> Double {
        logGamma(a) + logGamma(b) - logGamma(a + b)
    }

    /// True when x is 0, −1, −2, … (a pole of Γ, a zero of 1/Γ).
    @inlinable public static func isNonPositiveInteger(_ x: Double) -> Bool {
        x <= 0 && x == x.rounded()
    }

    /// The digamma function ψ(x) = d/dx log Γ(x); NaN at the poles 0, −1, −2, …
    public static func digamma(_ x: Double) -> Double {
        guard x.isFinite else { return x == .infinity ? .infinity : .nan }
        if isNonPositiveInteger(x) { return .nan }
        if x < 0 {
            // Reflection: ψ(x) = ψ(1 − x) − π / tan(πx).
            return digamma(1 - x) - Double.pi / tan(Double.pi * x)
        }
        var value = 0.0
        var y = x
        while y < 6 {
            value -= 1 / y
            y += 1
        }
        let inverse2 = 1 / (y * y)
        // Bernoulli terms B₂ₖ / (2k y²ᵏ), k = 1…6.
        let series =
            inverse2
            * (1.0 / 12 - inverse2
                * (1.0 / 120 - inverse2
                    * (1.0 / 252 - inverse2 * (1.0 / 240 - inverse2 * (1.0 / 132 - inverse2 * 691.0 / 32760)))))
        return value + log(y) - 0.5 / y - series
    }

    /// log(exp(a) + exp(b)) without overflow; −∞ when both are −∞.
    @inlinable public static func logAddExp(_ a: Double, _ b: Double) -> Double {
        let high = max(a, b)
        if high == -.infinity { return -.infinity }
        if high == .infinity { return .infinity }
        return high + log1p(exp(min(a, b) - high))
    }

    /// log(exp(a) − exp(b)) for a ≥ b; −∞ when they are equal.
    @inlinable public static func logSubExp(_ a: Double, _ b: Double) -> Double {
        if b == -.infinity { return a }
        if b >= a { return -.infinity }
        let d = b - a
        // log(1 − eᵈ): log(−expm1(d)) near 0, log1p(−eᵈ) far from it (Mächler 2012).
        return a + (d > -0.693_147_180_559_945_3 ? log(-expm1(d)) : log1p(-exp(d)))
    }
}
