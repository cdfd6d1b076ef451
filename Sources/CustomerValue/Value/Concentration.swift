// Concentration of value over customers (二八法则).
//
// Pareto curve: customers sorted by value, largest first; P(x) = share of the total value held by
// the top share x of customers. It is the polygon through (k/n, Sₖ/S) with Sₖ the sum of the k
// largest values, so between customers it is linear: P(x) = (S₍⌊xn⌋₎ + (xn − ⌊xn⌋) · v₍⌊xn⌋+1₎) / S.
// The Lorenz curve is the same polygon seen from the other end: L(p) = 1 − P(1 − p).
// With losses (negative profit) the curve rises above 1 and comes back down: Kaplan & Cooper's
// "whale curve" of cumulative profitability (Cost & Effect, 1998, ch. 10).
//
// Gini coefficient (Gini 1912), with values x₍₁₎ ≤ … ≤ x₍ₙ₎ in ascending order:
//
//   G = Σᵢ (2i − n − 1) x₍ᵢ₎ / (n Σᵢ x₍ᵢ₎),
//
// which equals the mean absolute difference over twice the mean, Σᵢ Σⱼ |xᵢ − xⱼ| / (2n²μ), and
// twice the area between the line of equality and the Lorenz polygon (Damgaard & Weiner 2000,
// "Describing inequality in plant size or fecundity", Ecology 81(4):1139–1142, eq. 1–2;
// Wikipedia, "Gini coefficient", §Alternative expressions). cvm reports this population form
// **without** the small-sample factor n/(n − 1): G([1, 1, 1, 1]) = 0, G([0, 0, 0, 1]) = 0.75
// (with the factor it would be 1). It lies in [0, 1 − 1/n] for non-negative values; with negative
// values it can exceed 1, and it is undefined (nil) when the total is not positive.

/// How concentrated a value is over customers.
public struct Concentration: Sendable, Equatable {
    /// P(x) at x = 0, 1/steps, …, 1: the share of the total held by the top share x of customers.
    public var pareto: [Double]
    /// The Gini coefficient (population form); nil when the total is not positive.
    public var gini: Double?
    /// The fewest customers whose values make 80 % of the total; nil when the total is not positive.
    public var customersMaking80: Int?
    /// `customersMaking80` as a share of all customers.
    public var shareMaking80: Double?
    /// Share of the total held by the top 20 % of customers, P(0.2).
    public var top20Share: Double?
    public var total: Double
    public var count: Int

    /// Measures `values` (one per customer), with curve points at every 1/`steps` of customers.
    public init(_ values: [Double], steps: Int = 100) {
        let descending = values.sorted(by: >)
        count = values.count
        total = descending.reduce(0, +)
        pareto = Self.pareto(descending: descending, total: total, steps: steps)
        gini = Self.gini(values)
        if let k = Self.customers(making: 0.8, descending: descending, total: total) {
            customersMaking80 = k
            shareMaking80 = Double(k) / Double(count)
        }
        top20Share =
            total > 0 ? Self.share(at: 0.2, descending: descending, prefix: Self.prefixSums(descending)) / total : nil
    }

    /// The Lorenz curve L(p) = 1 − P(1 − p) at the same points (ascending sort).
    public var lorenz: [Double] { pareto.reversed().map { total > 0 ? 1 - $0 : 0 } }

    /// G = Σᵢ (2i − n − 1) x₍ᵢ₎ / (n Σ x), ascending order, no n/(n − 1) factor; nil when Σ x ≤ 0.
    public static func gini(_ values: [Double]) -> Double? {
        let sorted = values.sorted()
        let n = Double(sorted.count)
        let total = sorted.reduce(0, +)
        guard total > 0 else { return nil }
        var weighted = 0.0
        for (index, x) in sorted.enumerated() { weighted += (2 * Double(index + 1) - n - 1) * x }
        return weighted / (n * total)
    }

    /// The fewest of the largest values that reach `share` of the total; nil when the total ≤ 0.
    public static func customers(making share: Double, descending: [Double], total: Double) -> Int? {
        guard total > 0 else { return nil }
        var sum = 0.0
        for (k, x) in descending.enumerated() {
            sum += x
            // A relative tolerance so that 0.8 of a sum of cents is not missed by rounding.
            if sum >= share * total - 1e-12 * abs(total) { return k + 1 }
        }
        return descending.count
    }

    static func pareto(descending: [Double], total: Double, steps: Int) -> [Double] {
        guard total != 0, !descending.isEmpty else { return [Double](repeating: 0, count: steps + 1) }
        let prefix = prefixSums(descending)
        return (0...steps).map { s in
            share(at: Double(s) / Double(steps), descending: descending, prefix: prefix) / total
        }
    }

    /// Sums of the first k values, k = 0…n.
    static func prefixSums(_ values: [Double]) -> [Double] {
        var prefix = [0.0]
        prefix.reserveCapacity(values.count + 1)
        for x in values { prefix.append(prefix[prefix.count - 1] + x) }
        return prefix
    }

    /// The value held by the top share x, linear between customers.
    static func share(at x: Double, descending: [Double], prefix: [Double]) -> Double {
        let n = descending.count
        // x outside 0…1 (or NaN) is clamped so the index is always valid.
        let position = (x.isNaN ? 0 : min(max(x, 0), 1)) * Double(n)
        let whole = min(Int(position.rounded(.down)), n)
        return prefix[whole] + (whole < n ? (position - Double(whole)) * descending[whole] : 0)
    }
}
