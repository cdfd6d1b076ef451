// Pareto/NBD predictions (Fader & Hardie 2005, "A note on deriving the Pareto/NBD model and related
// expressions", eqs. 17, 18 and 22; Schmittlein, Morrison & Colombo 1987 eq. 22).
//
//   P(alive | x, tₓ, T) = 1 / (1 + s/(r+s+x) (α+T)^(r+x) (β+T)ˢ A₀)      — formed as a logistic of
//                         the log ratio of the two likelihood terms, so it is in [0, 1] for any x;
//   E[X(t)] = rβ / (α(s−1)) · [1 − (β/(β+t))^(s−1)];
//   E[Y(t) | x, tₓ, T] = (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive).
//
// The bracket divided by (s − 1) is −expm1(−(s−1)·L)/(s−1) with L = log1p(t/(β+T)); at s = 1 its
// limit is L, used when (s−1)·L is below 1e-8 (error below 1e-16 relative).

import Foundation

extension ParetoNBD {
    /// [1 − (b/(b+t))^(s−1)] / (s − 1), stable through s = 1.
    static func dropoutFactor(s: Double, scale b: Double, horizon t: Double) -> Double {
        let l = log1p(t / b)
        let u = (s - 1) * l
        if abs(u) < 1e-8 { return l * (1 - u / 2) }
        return -expm1(-u) / (s - 1)
    }

    /// Probability that a customer with x repeat purchases, the last at tₓ, observed for T, is still
    /// alive at T.
    public func probabilityAlive(frequency x: Double, recency tx: Double, T: Double) -> Double {
        let logRatio = logDiedTerm(x, recency: tx, age: T) - logAliveTerm(x, T)
        if logRatio == -.infinity { return 1 }
        return 1 / (1 + exp(logRatio))
    }

    /// Expected number of purchases in the next `t` time units of a customer with history (x, tₓ, T).
    public func expectedPurchases(in t: Double, frequency x: Double, recency tx: Double, T: Double) -> Double {
        guard t > 0 else { return 0 }
        let alive = probabilityAlive(frequency: x, recency: tx, T: T)
        if alive == 0 { return 0 }
        return (r + x) * (beta + T) / (alpha + T) * Self.dropoutFactor(s: s, scale: beta + T, horizon: t) * alive
    }

    /// Expected number of repeat purchases in the first `t` time units of a new customer, E[X(t)].
    public func expectedPurchasesNewCustomer(in t: Double) -> Double {
        guard t > 0 else { return 0 }
        return r * beta / alpha * Self.dropoutFactor(s: s, scale: beta, horizon: t)
    }
}
