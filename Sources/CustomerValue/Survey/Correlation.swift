import Foundation

/// Pearson's correlation with its 95% interval by Fisher's z transformation.
///
/// r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² Σ(y − ȳ)²); z = atanh r has standard error 1/√(n − 3), so the
/// interval is tanh(z ± 1.959964/√(n − 3)) (Fisher 1921). Nil below 4 pairs or when either
/// column is constant.
public struct Correlation: Sendable, Equatable {
    public let r: Double
    public let observations: Int
    public let interval: ClosedRange<Double>

    public init?(_ x: [Double], _ y: [Double]) {
        let n = x.count
        guard n >= 4, y.count == n else { return nil }
        let mx = x.reduce(0, +) / Double(n)
        let my = y.reduce(0, +) / Double(n)
        var sxy = 0.0
        var sxx = 0.0
        var syy = 0.0
        for i in 0..<n {
            sxy += (x[i] - mx) * (y[i] - my)
            sxx += (x[i] - mx) * (x[i] - mx)
            syy += (y[i] - my) * (y[i] - my)
        }
        guard sxx > 0, syy > 0 else { return nil }
        let r = min(1, max(-1, sxy / (sxx * syy).squareRoot()))
        self.r = r
        observations = n
        // |r| = 1 has z = ±∞: the interval is the point.
        let z = atanh(min(max(r, -0.999_999_999_999), 0.999_999_999_999))
        let half = 1.959964 / Double(n - 3).squareRoot()
        interval = tanh(z - half)...tanh(z + half)
    }
}
