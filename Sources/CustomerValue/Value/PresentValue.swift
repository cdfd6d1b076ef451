// Potential value without a model (收益现值法, the present-value method): a customer who is kept
// goes on earning their current profit per month m; they are still a customer k months from now
// with probability ρᵏ (a constant monthly retention rate ρ), and a yuan k months from now is worth
// 1/(1 + d)ᵏ today. Over a horizon of H months:
//
//   PV = Σₖ₌₁..H m · ρᵏ / (1 + d)ᵏ = m · Σₖ₌₁..H qᵏ,   q = ρ / (1 + d).
//
// This is the retention-based CLV of Gupta & Lehmann (2003), "Customers as assets", Journal of
// Interactive Marketing 17(1), eq. 1 (there with an infinite horizon: m · r / (1 + i − r)), and
// Berger & Nasr (1998), "Customer lifetime value: marketing models and applications", JIM 12(1),
// case 1. The factor Σ qᵏ is summed term by term (H is at most a few hundred months), which is
// exact for q = 1 where the closed form q(1 − qᴴ)/(1 − q) divides by zero.
//
// The expected remaining tenure within the horizon is Σₖ ρᵏ months (the undiscounted factor); for
// an unlimited horizon it is ρ / (1 − ρ).

import Foundation

/// A retention rate measured on the data: of the customers who bought in one window, the share who
/// bought again in the next window of the same length.
public struct RetentionEstimate: Sendable, Equatable, Codable {
    /// Share retained from one window to the next, 0…1.
    public var rate: Double
    /// Length of the window in months (30.436875 days each).
    public var windowMonths: Double
    /// Customers with a purchase in the earlier window.
    public var activeBefore: Int
    /// Of those, the customers with a purchase in the later window.
    public var stillActive: Int

    public init(rate: Double, windowMonths: Double, activeBefore: Int = 0, stillActive: Int = 0) {
        self.rate = rate
        self.windowMonths = windowMonths
        self.activeBefore = activeBefore
        self.stillActive = stillActive
    }

    /// An annual retention rate given by the business (`--retention`).
    public static func annual(_ rate: Double) -> RetentionEstimate { RetentionEstimate(rate: rate, windowMonths: 12) }

    /// The same retention per month: rate^(1 / windowMonths).
    public var monthly: Double { windowMonths > 0 ? pow(rate, 1 / windowMonths) : rate }

    /// Per year: rate^(12 / windowMonths).
    public var annual: Double { windowMonths > 0 ? pow(rate, 12 / windowMonths) : rate }
}

/// The present value of a retained customer's profit stream.
public enum PresentValue {
    /// Σₖ₌₁..periods (retention / (1 + discountRate))ᵏ: the present value of 1 per period from a
    /// customer kept with probability `retention` per period.
    ///
    /// - Parameters:
    ///   - retention: retention per period, 0…1.
    ///   - discountRate: discount rate per period, ≥ 0.
    ///   - periods: number of future periods H.
    public static func factor(retention: Double, discountRate: Double, periods: Int) -> Double {
        let q = retention / (1 + discountRate)
        var term = 1.0
        var sum = 0.0
        for _ in 0..<max(periods, 0) {
            term *= q
            sum += term
        }
        return sum
    }

    /// Σₖ₌₁..periods m · rᵏ / (1 + d)ᵏ (Gupta & Lehmann 2003, eq. 1 over a finite horizon).
    ///
    /// `PresentValue.of(perPeriod: 100, retention: 0.9, discountRate: 0.1, periods: 3)` is
    /// 100 · (9/11 + 81/121 + 729/1331) = 270900/1331 ≈ 203.53.
    public static func of(perPeriod m: Double, retention r: Double, discountRate d: Double, periods: Int) -> Double {
        m * factor(retention: r, discountRate: d, periods: periods)
    }

    /// Expected periods retained within the horizon, Σₖ₌₁..periods rᵏ (no discounting).
    public static func expectedTenure(retention r: Double, periods: Int) -> Double {
        factor(retention: r, discountRate: 0, periods: periods)
    }
}
