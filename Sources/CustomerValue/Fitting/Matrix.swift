/// Inverse of a small symmetric positive-definite matrix (a Hessian), by Cholesky factorisation.
///
/// Returns nil when the matrix is not positive definite: at a maximum of the likelihood that means
/// the optimum is flat in some direction and standard errors do not exist.
func inverseOfPositiveDefinite(_ m: [[Double]]) -> [[Double]]? {
    let n = m.count
    var l = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    for i in 0..<n {
        for j in 0...i {
            var s = m[i][j]
            for k in 0..<j { s -= l[i][k] * l[j][k] }
            if i == j {
                guard s > 0, s.isFinite else { return nil }
                l[i][i] = s.squareRoot()
            } else {
                l[i][j] = s / l[j][j]
            }
        }
    }
    // Invert L, then M⁻¹ = L⁻ᵀ L⁻¹.
    var inverseL = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    for i in 0..<n {
        inverseL[i][i] = 1 / l[i][i]
        for j in 0..<i {
            var s = 0.0
            for k in j..<i { s -= l[i][k] * inverseL[k][j] }
            inverseL[i][j] = s / l[i][i]
        }
    }
    var result = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    for i in 0..<n {
        for j in 0..<n {
            var s = 0.0
            for k in max(i, j)..<n { s += inverseL[k][i] * inverseL[k][j] }
            result[i][j] = s
        }
    }
    return result
}
