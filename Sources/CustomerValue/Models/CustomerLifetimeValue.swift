// Customer lifetime value as a discounted cash flow over whole periods, as lifetimes'
// `_customer_lifetime_value`: for periods i = 1…H,
//
//   CLV = Σᵢ (E[Y(i·L)] − E[Y((i − 1)·L)]) · margin · expected spend / (1 + d)ⁱ,
//
// with E[Y(t)] the model's conditional expected purchases in the next t, L the period length in
// the model's time unit and d the discount rate per period. Any `PurchaseModel` works; spend
// usually comes from `GammaGamma.expectedAverageSpend`.
//
// Units: the horizon is counted in periods of its own unit (12 months, say) while the model runs
// in the unit of the summary it was fitted on (weeks for CDNOW). `Horizon(periods:unit:modelUnit:)`
// converts through `TimeUnit.days`: a cvm month is 30.436875 days = 4.348125 weeks, where lifetimes
// takes a month as 4.345 weeks of weekly data or 30 days of daily data.

import Foundation

/// How far ahead and in what steps a lifetime value is summed.
public struct Horizon: Sendable, Equatable {
    /// Number of discounting periods.
    public var periods: Int
    /// Length of one period in the model's time unit.
    public var periodLength: Double

    /// `periods` periods of `periodLength` model time units each.
    public init(periods: Int, periodLength: Double) {
        self.periods = periods
        self.periodLength = periodLength
    }

    /// `periods` periods of one `unit` each, for a model fitted in `modelUnit`:
    /// `Horizon(periods: 12, unit: .month, modelUnit: .week)` is 12 steps of 4.348125 weeks.
    public init(periods: Int, unit: TimeUnit, modelUnit: TimeUnit) {
        self.init(periods: periods, periodLength: unit.days / modelUnit.days)
    }
}

/// Discounted expected value of customers' future purchases.
public enum CustomerLifetimeValue {
    /// CLV of every customer of the columns.
    ///
    /// - Parameters:
    ///   - model: a fitted purchase model; frequency, recency, T and `horizon.periodLength` are in its time unit.
    ///   - spend: expected value of one future purchase per customer (e.g. Gamma-Gamma's expected average spend).
    ///   - horizon: the periods to sum and their length.
    ///   - discountRate: discount rate per period (0.01 a month is about 12.7 % a year).
    ///   - margin: the share of spend that is profit (1 for revenue).
    /// - Returns: one value per customer; 0 where the spend is not a finite number.
    public static func values(
        model: some PurchaseModel, frequency: [Double], recency: [Double], T: [Double], spend: [Double],
        horizon: Horizon, discountRate: Double, margin: Double = 1
    ) -> [Double] {
        precondition(
            frequency.count == recency.count && recency.count == T.count && T.count == spend.count,
            "columns differ in length")
        let periods = max(horizon.periods, 0)
        let discounts = (0..<periods).map { pow(1 + discountRate, -Double($0 + 1)) }
        let purchases = model.discountedPurchases(
            periodLength: horizon.periodLength, discounts: discounts, frequency: frequency, recency: recency, T: T)
        return Parallel.map(count: frequency.count) { i in
            let clv = purchases[i] * margin * spend[i]
            return clv.isFinite ? clv : 0
        }
    }

    /// CLV of every row of `histories` (one per customer; weights are ignored).
    public static func values(
        model: some PurchaseModel, histories: Histories, spend: [Double], horizon: Horizon, discountRate: Double,
        margin: Double = 1
    ) -> [Double] {
        values(
            model: model, frequency: histories.frequency, recency: histories.recency, T: histories.T, spend: spend,
            horizon: horizon, discountRate: discountRate, margin: margin)
    }
}
