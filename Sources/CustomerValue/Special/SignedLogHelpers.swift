// Helpers the hypergeometric function and the log-space likelihoods need beyond
// `GammaFunctions.swift` (log Γ, ψ, log B, logAddExp live there): the sign of Γ for negative
// arguments, the pole test, and log(eᵃ − eᵇ).

import Foundation

/// Special-function helpers used by the models.
public enum Special {
    /// log |Γ(x)| and the sign of Γ(x) (+1 or −1; +1 at the poles, where the log is +∞), from the
    /// re-entrant `lgamma_r`.
    public static func signedLogGamma(_ x: Double) -> (log: Double, sign: Double) {
        var sign: Int32 = 0
        let value = lgamma_r(x, &sign)
        return (value, sign < 0 ? -1 : 1)
    }

    /// True when x is 0, −1, −2, … (a pole of Γ, a zero of 1/Γ).
    @inlinable public static func isNonPositiveInteger(_ x: Double) -> Bool {
        x <= 0 && x == x.rounded()
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
