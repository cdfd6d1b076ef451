import Foundation

/// The slope of ln(revenue) on ln(spend) across periods: the classic (constant) elasticity
/// `d ln revenue / d ln spend`, a second measure beside the revenue-per-spend ratio.
///
/// Ordinary least squares on the points `(ln spend, ln revenue)` of the periods where both are
/// positive (a log of 0 does not exist). A slope of 0.5 says 10 % more spend went with about 5 %
/// more revenue across the periods — an association over time, not a controlled experiment.
public struct LogLogSlope: Sendable, Equatable {
    /// `d ln revenue / d ln spend`.
    public var value: Double
    /// Periods used (with spend > 0 and revenue > 0).
    public var periods: Int

    /// nil with fewer than 2 usable periods or when spend was the same in all of them.
    public init?(spend: [Double], revenue: [Double]) {
        var x: [Double] = []
        var y: [Double] = []
        for (s, r) in zip(spend, revenue) where s > 0 && r > 0 {
            x.append(log(s))
            y.append(log(r))
        }
        guard x.count >= 2 else { return nil }
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n
        let meanY = y.reduce(0, +) / n
        var sxx = 0.0
        var sxy = 0.0
        for i in x.indices {
            sxx += (x[i] - meanX) * (x[i] - meanX)
            sxy += (x[i] - meanX) * (y[i] - meanY)
        }
        guard sxx > 1e-12 * max(1, meanX * meanX) else { return nil }
        value = sxy / sxx
        periods = x.count
    }
}
