// The gamma-family functions the likelihoods need: log Γ, ψ (digamma) and log B.
//
// log Γ is glibc's `lgamma_r` (the reentrant form: plain `lgamma` writes the global `signgam`,
// a data race when likelihood sums run on several threads). ψ uses the recurrence
// ψ(x) = ψ(x + 1) − 1/x up to x ≥ 6 and then the asymptotic series
// ψ(x) = ln x − 1/(2x) − Σ B₂ₖ/(2k x²ᵏ) to x⁻¹⁴, which is accurate to about 1e-15 relative there;
// negative non-integers use the reflection ψ(1 − x) − ψ(x) = π cot(πx).
// log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b), fine for the moderate arguments of BTYD
// models (for a, b ≳ 1e15 it would lose digits to cancellation; no fit gets there).

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// log |Γ(x)|.
@inlinable
public func logGamma(_ x: Double) -> Double {
    var sign: Int32 = 0
    return lgamma_r(x, &sign)
}

/// log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b), for a, b > 0.
@inlinable
public func logBeta(_ a: Double, _ b: Double) -> Double {
    logGamma(a) + logGamma(b) - logGamma(a + b)
}

/// The digamma function ψ(x) = d/dx log Γ(x).
///
/// NaN at 0 and the negative integers (the poles), as `lgamma` is infinite there.
public func digamma(_ x: Double) -> Double {
    guard x.isFinite else { return x == .infinity ? .infinity : .nan }
    if x <= 0 {
        if x == x.rounded(.down) { return .nan }
        // Reflection: ψ(x) = ψ(1 − x) − π cot(πx).
        return digamma(1 - x) - Double.pi / tan(Double.pi * x)
    }
    var value = 0.0
    var y = x
    while y < 6 {
        value -= 1 / y
        y += 1
    }
    let inverse = 1 / y
    let inverse2 = inverse * inverse
    // Bernoulli terms B₂ₖ/(2k): 1/12, −1/120, 1/252, −1/240, 1/132, −691/32760, 1/12.
    let series =
        inverse2
        * (1.0 / 12
            - inverse2
            * (1.0 / 120
                - inverse2
                * (1.0 / 252
                    - inverse2 * (1.0 / 240 - inverse2 * (1.0 / 132 - inverse2 * (691.0 / 32760 - inverse2 / 12))))))
    return value + log(y) - 0.5 * inverse - series
}

/// log(eᵃ + eᵇ) without overflow.
@inlinable
public func logAddExp(_ a: Double, _ b: Double) -> Double {
    if a == -.infinity { return b }
    if b == -.infinity { return a }
    return a > b ? a + log1p(exp(b - a)) : b + log1p(exp(a - b))
}
