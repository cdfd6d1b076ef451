/// Ordinary least squares with an intercept, and the classical standard errors.
///
/// β̂ = (XᵀX)⁻¹Xᵀy with X = [1, x₁ … x_p]; σ̂² = RSS/(n − p − 1); Var(β̂) = σ̂²(XᵀX)⁻¹ (homoskedastic
/// errors, as statsmodels' `OLS(...).fit()` reports by default). XᵀX is small (one row and column
/// per predictor plus one) and inverted by Cholesky; the predictors are centred first, which
/// leaves the slopes and their errors unchanged and keeps XᵀX well conditioned when every
/// predictor lies far from 0 (ratings of 4–7). Nil when there are no more rows than
/// coefficients, or a predictor is constant or collinear with the others (XᵀX singular).
public struct LinearRegression: Sendable, Equatable {
    public let intercept: Double
    public let interceptStandardError: Double
    public let slopes: [Double]
    public let standardErrors: [Double]
    public let rSquared: Double
    public let observations: Int

    /// Fits y on the columns `predictors` (each as long as `y`).
    public init?(_ y: [Double], on predictors: [[Double]]) {
        let n = y.count
        let p = predictors.count
        guard n > p + 1, predictors.allSatisfy({ $0.count == n }) else { return nil }
        let means = predictors.map { $0.reduce(0, +) / Double(n) }
        let yMean = y.reduce(0, +) / Double(n)
        // Centred XᵀX and Xᵀy of the slopes; the intercept separates from them once centred.
        var xtx = Array(repeating: Array(repeating: 0.0, count: p), count: p)
        var xty = Array(repeating: 0.0, count: p)
        for row in 0..<n {
            let dy = y[row] - yMean
            for j in 0..<p {
                let dj = predictors[j][row] - means[j]
                xty[j] += dj * dy
                for k in j..<p { xtx[j][k] += dj * (predictors[k][row] - means[k]) }
            }
        }
        for j in 0..<p { for k in 0..<j { xtx[j][k] = xtx[k][j] } }
        guard let inverse = p == 0 ? [] : inverseOfPositiveDefinite(xtx) else { return nil }
        let slopes = (0..<p).map { j in (0..<p).reduce(0) { $0 + inverse[j][$1] * xty[$1] } }
        let intercept = yMean - zip(slopes, means).reduce(0) { $0 + $1.0 * $1.1 }
        var rss = 0.0
        var tss = 0.0
        for row in 0..<n {
            var fitted = intercept
            for j in 0..<p { fitted += slopes[j] * predictors[j][row] }
            rss += (y[row] - fitted) * (y[row] - fitted)
            tss += (y[row] - yMean) * (y[row] - yMean)
        }
        let sigma2 = rss / Double(n - p - 1)
        guard sigma2.isFinite else { return nil }
        self.slopes = slopes
        self.intercept = intercept
        standardErrors = (0..<p).map { (sigma2 * inverse[$0][$0]).squareRoot() }
        // Var(â) = σ²(1/n + x̄ᵀ(X̃ᵀX̃)⁻¹x̄) for the intercept of centred predictors.
        var quadratic = 0.0
        for j in 0..<p { for k in 0..<p { quadratic += means[j] * inverse[j][k] * means[k] } }
        interceptStandardError = (sigma2 * (1 / Double(n) + quadratic)).squareRoot()
        rSquared = tss > 0 ? 1 - rss / tss : 0
        observations = n
    }
}
