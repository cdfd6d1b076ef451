import CustomerValue

/// CLV per customer from BG/NBD purchases and Gamma-Gamma spend fitted on one summary: the CLV
/// of every figure that needs one and was not handed a stored run's (one definition, as
/// `analyze` computes it).
public struct FittedCLV: Sendable {
    /// One value per customer of the summary, in its order.
    public var values: [Double]
    /// The BG/NBD fit (in the summary's unit) and the Gamma-Gamma fit.
    public var fits: [ModelFit]
    public var asOf: Day
    public var horizonMonths: Int
    public var discountRate: Double
    public var margin: Double

    /// Fits both models on `summary` and values every customer over `horizonMonths`.
    ///
    /// - Returns: the CLV, or why it cannot be had (a fit that did not converge): never values
    ///   from starting parameters.
    public static func fit(
        _ summary: SummaryTable, horizonMonths: Int, discountRate: Double, margin: Double
    ) -> Result<FittedCLV, AppError> {
        let histories = summary.histories
        let purchases = histories.fit(BGNBD.self)
        guard purchases.fit.converged else {
            return .failure(AppError(.notFitted, "the BG/NBD fit did not converge: \(purchases.fit.message)"))
        }
        let spend = GammaGamma(fitting: summary.frequency, monetary: summary.monetary)
        guard spend.fit.converged else {
            return .failure(AppError(.notFitted, "the Gamma-Gamma fit did not converge: \(spend.fit.message)"))
        }
        let expected = spend.expectedAverageSpend(frequency: summary.frequency, monetary: summary.monetary)
        let values = CustomerLifetimeValue.values(
            model: purchases, histories: histories, spend: expected,
            horizon: Horizon(periods: horizonMonths, unit: .month, modelUnit: summary.unit), discountRate: discountRate,
            margin: margin)
        var purchaseFit = purchases.fit
        purchaseFit.unit = summary.unit
        return .success(
            FittedCLV(
                values: values, fits: [purchaseFit, spend.fit], asOf: summary.observationEnd,
                horizonMonths: horizonMonths, discountRate: discountRate, margin: margin))
    }

    /// Where the values come from, for a note beside them.
    public var source: String {
        "clv of BG/NBD + Gamma-Gamma fitted on the data to \(asOf), \(horizonMonths) months, discount "
            + "\(Number.exact(discountRate))/month, margin \(Number.exact(margin))"
    }
}
