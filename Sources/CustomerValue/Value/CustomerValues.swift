// Historical, current and potential value per customer (历史价值、当前价值、潜在价值).
//
// - historical value = gross profit of the transactions up to the start of the current window;
// - current value    = gross profit of the transactions in the current window (the last N months);
// - potential value  = the profit the customer is expected to bring over the horizon if kept,
//   discounted to today. Two ways:
//   (a) `model`: the BG/NBD purchase model (Fader, Hardie & Lee 2005, Marketing Science 24(2)) and
//       the Gamma-Gamma spend model (Fader, Hardie & Lee 2005, JMR 42(4)) fitted on the summary at
//       the evaluation date, CLV summed month by month as lifetimes does (`CustomerLifetimeValue`),
//       times the customer's own profit margin (gross profit / revenue up to the evaluation date;
//       the margin of the whole base for a customer with no positive revenue);
//   (b) `presentValue`: current profit per month × Σₖ ρᵏ/(1 + d)ᵏ (`PresentValue`), with ρ the
//       monthly retention rate measured on the data or given.
//   (a) falls back to (b) when either fit does not converge, and the result says so.

import Foundation

/// How potential value is computed.
public enum PotentialMethod: String, Sendable, Codable, CaseIterable {
    /// BG/NBD + Gamma-Gamma CLV × margin; falls back to `presentValue` when a fit fails.
    case model
    /// Current profit per month × retention-weighted, discounted months (收益现值法).
    case presentValue = "pv"
}

/// Choices that define the value of a customer.
public struct ValueSettings: Sendable, Codable, Equatable {
    /// Length of the current window in months of 30.436875 days (rounded to whole days).
    public var currentWindowMonths: Double
    /// Share of revenue that is profit for rows without a cost, 0…1.
    public var margin: Double
    /// Months of future profit in the potential value.
    public var horizonMonths: Int
    /// Discount rate per month.
    public var discountRate: Double
    /// An annual retention rate to use instead of the one measured on the data.
    public var retention: Double?
    public var method: PotentialMethod

    public init(
        currentWindowMonths: Double = 12, margin: Double = 1, horizonMonths: Int = 12, discountRate: Double = 0,
        retention: Double? = nil, method: PotentialMethod = .model
    ) {
        self.currentWindowMonths = currentWindowMonths
        self.margin = margin
        self.horizonMonths = horizonMonths
        self.discountRate = discountRate
        self.retention = retention
        self.method = method
    }

    /// Throws `ValueError(.badOption)` for settings outside their range.
    public func validate() throws {
        guard currentWindowMonths > 0, currentWindowMonths.isFinite else {
            throw ValueError(.badOption, "the current window must be a positive number of months")
        }
        guard (0...1).contains(margin) else { throw ValueError(.badOption, "the margin must be between 0 and 1") }
        guard horizonMonths > 0, horizonMonths <= 1200 else {
            throw ValueError(.badOption, "the horizon must be between 1 and 1200 months")
        }
        guard discountRate >= 0, discountRate.isFinite else {
            throw ValueError(.badOption, "the discount rate must be ≥ 0")
        }
        if let retention, !(0...1).contains(retention) {
            throw ValueError(.badOption, "the retention rate must be between 0 and 1")
        }
    }
}

/// Every customer's historical, current and potential value, in the store's key order.
public struct CustomerValues: Sendable {
    public var ids: [String]
    /// Gross profit up to the start of the current window.
    public var historical: [Double]
    /// Gross profit in the current window.
    public var current: [Double]
    /// Expected discounted profit over the horizon if the customer is kept.
    public var potential: [Double]
    /// The method that produced `potential` (after any fallback).
    public var method: PotentialMethod
    /// What the reader should know: a fallback and its reason, a retention rate that was measured.
    public var notes: [String]
    /// The retention used by the present-value method; nil when the model was used.
    public var retention: RetentionEstimate?
    /// The purchase and spend fits, when the model was used.
    public var fits: [ModelFit]
    public var settings: ValueSettings
    public var asOf: Day
    public var windowStart: Day

    public var count: Int { ids.count }

    /// Computes the three values.
    ///
    /// - Parameters:
    ///   - windows: the per-customer sums (`Store.valueWindows`).
    ///   - summary: the BTYD summary at the same evaluation date, in any unit, with the same customers
    ///     in the same order; needed by `.model` only (without it the present value is used).
    ///   - models: BG/NBD and Gamma-Gamma already fitted on `summary`, so a caller that has them
    ///     does not fit them again; fitted here when nil.
    /// - Throws: `ValueError` for bad settings, or when the present-value method has no retention
    ///   rate (nobody bought in the window before the current one and no `retention` was given).
    public init(
        windows: ValueWindows, summary: SummaryTable?, settings: ValueSettings,
        models: (purchases: BGNBD, spend: GammaGamma)? = nil
    ) throws {
        try settings.validate()
        guard windows.count > 0 else {
            throw ValueError(.noCustomers, "no customer has a purchase on or before \(windows.asOf)")
        }
        ids = windows.ids
        historical = windows.historical.grossProfit(margin: settings.margin)
        current = windows.current.grossProfit(margin: settings.margin)
        self.settings = settings
        asOf = windows.asOf
        windowStart = windows.windowStart
        notes = []
        fits = []
        retention = nil
        method = settings.method
        potential = []
        if settings.method == .model {
            if let summary, summary.ids == windows.ids {
                switch Self.modelPotential(
                    summary: summary, historical: historical, current: current, windows: windows, settings: settings,
                    models: models)
                {
                case .success(let (values, fits)):
                    potential = values
                    self.fits = fits
                    return
                case .failure(let reason):
                    notes.append(
                        "the model could not be used (\(reason)); potential value is the present value of current profit"
                    )
                }
            } else {
                notes.append(
                    "no purchase summary matching the customers; potential value is the present value of current profit"
                )
            }
            method = .presentValue
        }
        let estimate: RetentionEstimate
        if let given = settings.retention {
            estimate = .annual(given)
        } else if let measured = windows.retention {
            estimate = measured
            notes.append(
                "retention \(Self.percent(measured.rate)) over \(windows.windowDays) days: "
                    + "\(measured.stillActive) of the \(measured.activeBefore) customers active in the window before bought again in the current one"
            )
        } else {
            throw ValueError(
                .noRetention,
                "cannot measure a retention rate: nobody bought in the \(windows.windowDays) days before \(windows.windowStart); give an annual retention rate (0…1)"
            )
        }
        retention = estimate
        let factor = PresentValue.factor(
            retention: estimate.monthly, discountRate: settings.discountRate, periods: settings.horizonMonths)
        let windowMonths = Double(windows.windowDays) / daysPerMonth
        potential = current.map { $0 / windowMonths * factor }
    }

    /// (a): BG/NBD + Gamma-Gamma CLV over the horizon, × each customer's profit margin.
    private static func modelPotential(
        summary: SummaryTable, historical: [Double], current: [Double], windows: ValueWindows, settings: ValueSettings,
        models: (purchases: BGNBD, spend: GammaGamma)?
    ) -> Result<([Double], [ModelFit]), ModelFailure> {
        let histories = summary.histories
        let purchases = models?.purchases ?? BGNBD(fitting: histories)
        guard purchases.fit.converged else {
            return .failure(ModelFailure("BG/NBD fit did not converge: \(purchases.fit.message)"))
        }
        let spendModel = models?.spend ?? GammaGamma(fitting: summary.frequency, monetary: summary.monetary)
        guard spendModel.fit.converged else {
            return .failure(ModelFailure("Gamma-Gamma fit did not converge: \(spendModel.fit.message)"))
        }
        let spend = spendModel.expectedAverageSpend(frequency: summary.frequency, monetary: summary.monetary)
        let clv = CustomerLifetimeValue.values(
            model: purchases, histories: histories, spend: spend,
            horizon: Horizon(periods: settings.horizonMonths, unit: .month, modelUnit: summary.unit),
            discountRate: settings.discountRate, margin: 1)
        let revenue = windows.totalRevenue
        let profit = zip(historical, current).map(+)
        let totalRevenue = revenue.reduce(0, +)
        let baseMargin = totalRevenue > 0 ? profit.reduce(0, +) / totalRevenue : settings.margin
        let values = clv.indices.map { i in clv[i] * (revenue[i] > 0 ? profit[i] / revenue[i] : baseMargin) }
        var purchaseFit = purchases.fit
        purchaseFit.unit = summary.unit
        return .success((values, [purchaseFit, spendModel.fit]))
    }

    private struct ModelFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    static func percent(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }
    static func decimal(_ value: Double) -> String {
        NumberText.plain(value)
    }
}
