// Gauss hypergeometric 2F1(a, b; c; z) by its power series, for the real arguments of the
// BG/NBD family (a, b, c > 0 in practice, 0 ≤ z < 1 after the Pfaff transformation).
//
// Approach: z < 0 is mapped into [0, 1) by Pfaff, 2F1(a, b; c; z) = (1 − z)^(−a) 2F1(a, c − b; c; z/(z − 1)),
// so the series always runs on 0 ≤ z < 1. The terms are summed with a running scale and the
// result is returned as a logarithm with a sign, because for large a, b (a customer with x = 500
// purchases gives a = r + x) the value overflows a Double long before its log does: the terms
// first grow like (ab/c)ⁿ zⁿ/n! and only decay after n ≈ a·z/(1 − z). We stop when a term is
// below 1e-17 of the sum and the terms are decreasing. Near z = 1 the series needs about
// 37/(1 − z) terms; the iteration cap (1,000,000) is only reached for z within 1e-5 of 1, where
// we return the partial sum (BTYD predictions never go there: z = t/(α + T + t)).
//
// This is the small series-only version the BG/NBD predictions need; a full 2F1 with the
// z → 1 − z and z → 1/z transformations (for Pareto/NBD) lives with that model.

import Foundation

/// 2F1(a, b; c; z) as (log |value|, sign), by the power series (with Pfaff's transformation for z < 0).
///
/// - Precondition: z < 1, and c not 0 or a negative integer.
func logHypergeometric2F1Series(a: Double, b: Double, c: Double, z: Double) -> (log: Double, sign: Double) {
    if z < 0 {
        // Pfaff: pick the form whose series starts with smaller terms.
        let w = z / (z - 1)
        let shift = -a * log1p(-z)
        let inner = logHypergeometric2F1Series(a: a, b: c - b, c: c, z: w)
        return (inner.log + shift, inner.sign)
    }
    if z == 0 || a == 0 || b == 0 { return (0, 1) }
    // Σ tₙ with t₀ = 1, tₙ₊₁ = tₙ (a + n)(b + n) / ((c + n)(n + 1)) z, kept as scale · Σ.
    var logScale = 0.0
    var sum = 1.0
    var term = 1.0
    var n = 0.0
    while n < 1_000_000 {
        let ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z
        term *= ratio
        sum += term
        n += 1
        if term == 0 { break }
        if abs(term) <= 1e-17 * abs(sum) && abs(ratio) < 1 { break }
        if abs(sum) > 1e250 || abs(term) > 1e250 {
            // Rescale to keep the running values finite.
            let s = abs(sum) > abs(term) ? abs(sum) : abs(term)
            logScale += log(s)
            sum /= s
            term /= s
        }
    }
    return (logScale + log(abs(sum)), sum < 0 ? -1 : 1)
}
