import Foundation

/// Maximum-likelihood estimation of positive parameters.
///
/// The optimiser works on θ = log(parameters), so every step stays in the valid region. The
/// standard errors come from the observed information: the Hessian of −LL in θ at the optimum,
/// inverted, then mapped to the parameters by the delta method (SE(p) = p · SE(θ)).
public enum MaximumLikelihood {
    /// Fits a model whose parameters are all positive.
    ///
    /// - Parameters:
    ///   - model: the model key for the result.
    ///   - names: parameter names in the paper's order.
    ///   - start: starting parameter values (positive).
    ///   - customers: the number of customers (sum of weights), for BIC and the penalty scale.
    ///   - penalizer: L2 penalty coefficient; the objective is −LL/customers + penalizer·Σp², as in
    ///     lifetimes' `penalizer_coef` (which, note, applies it on its rescaled time axis).
    ///   - logLikelihood: total log-likelihood at natural parameter values; may return −∞ or NaN
    ///     where the parameters are impossible, which the optimiser steps back from.
    ///   - gradient: optional gradient of the total log-likelihood with respect to the natural
    ///     parameters.
    ///   - budget: iterations and time the optimiser may use; a fit that runs out says so in its
    ///     message and is not converged.
    public static func fit(
        model: String,
        names: [String],
        start: [Double],
        customers: Double,
        penalizer: Double = 0,
        logLikelihood: @escaping ([Double]) -> Double,
        gradient: (([Double]) -> [Double])? = nil,
        budget: FitBudget = .standard
    ) -> ModelFit {
        let scale = max(customers, 1)
        func objective(_ theta: [Double]) -> Double {
            let p = theta.map { exp($0) }
            let ll = logLikelihood(p)
            guard ll.isFinite else { return .infinity }
            return -ll / scale + penalizer * p.reduce(0) { $0 + $1 * $1 }
        }
        var thetaGradient: (([Double]) -> [Double])? = nil
        if let gradient {
            thetaGradient = { theta in
                let p = theta.map { exp($0) }
                let g = gradient(p)
                return (0..<p.count).map { -g[$0] * p[$0] / scale + 2 * penalizer * p[$0] * p[$0] }
            }
        }
        let result = Optimizer.minimize(
            objective, start: start.map { log($0) }, gradient: thetaGradient, gradientTolerance: 1e-8, budget: budget)
        let values = result.x.map { exp($0) }
        let ll = logLikelihood(values)
        // A run stopped by its time budget gets no standard errors: they would cost 2n more
        // (slow) evaluations, and at a point that is not the optimum they mean nothing.
        let errors =
            result.timedOut
            ? nil
            : thetaGradient.map { standardErrors(theta: result.x, gradient: $0, scale: scale) }
                ?? standardErrors(theta: result.x, objective: objective, scale: scale)
        var message = result.message
        var converged = result.converged && ll.isFinite && values.allSatisfy { $0.isFinite && $0 > 0 }
        if values.contains(where: { $0 > 1e8 || $0 < 1e-8 }) {
            converged = false
            message +=
                "; a parameter ran to the edge of its range (\(zip(names, values).map { "\($0)=\($1)" }.joined(separator: ", ")))"
        }
        if !converged {
            message +=
                ". The data may not identify this model (too few repeat customers, or a model that does not fit); "
                + "try another model, more history, or a small penalizer such as 0.001"
        }
        // A fit that ran off to NaN parameters keeps its (finite) starting point instead.
        let shown = values.allSatisfy(\.isFinite) ? values : start
        return ModelFit(
            model: model, names: names, values: shown, standardErrors: errors, logLikelihood: ll,
            customers: customers, iterations: result.iterations, converged: converged, message: message,
            penalizer: penalizer)
    }

    /// Standard errors from a Hessian in θ by central differences of the analytic gradient:
    /// 2n gradient evaluations, and more accurate than second differences of the objective
    /// (rounding error ~ε/h instead of ~ε/h²).
    static func standardErrors(theta: [Double], gradient: ([Double]) -> [Double], scale: Double) -> [Double]? {
        let n = theta.count
        var hessian = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        var probe = theta
        for j in 0..<n {
            let h = 1e-5 * max(1, abs(theta[j]))
            probe[j] = theta[j] + h
            let up = gradient(probe)
            probe[j] = theta[j] - h
            let down = gradient(probe)
            probe[j] = theta[j]
            for i in 0..<n { hessian[i][j] = (up[i] - down[i]) / (2 * h) }
        }
        for i in 0..<n {
            for j in 0..<i {
                let mean = 0.5 * (hessian[i][j] + hessian[j][i])
                hessian[i][j] = mean
                hessian[j][i] = mean
            }
        }
        return covarianceErrors(theta: theta, hessian: hessian, scale: scale)
    }

    /// Standard errors of the natural parameters from a central-difference Hessian in θ.
    static func standardErrors(theta: [Double], objective: ([Double]) -> Double, scale: Double) -> [Double]? {
        let n = theta.count
        var hessian = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        let f0 = objective(theta)
        let h = theta.map { 1e-4 * max(1, abs($0)) }
        var probe = theta
        for i in 0..<n {
            for j in i..<n {
                if i == j {
                    probe[i] = theta[i] + h[i]
                    let up = objective(probe)
                    probe[i] = theta[i] - h[i]
                    let down = objective(probe)
                    probe[i] = theta[i]
                    hessian[i][i] = (up - 2 * f0 + down) / (h[i] * h[i])
                } else {
                    func at(_ si: Double, _ sj: Double) -> Double {
                        probe[i] = theta[i] + si * h[i]
                        probe[j] = theta[j] + sj * h[j]
                        defer {
                            probe[i] = theta[i]
                            probe[j] = theta[j]
                        }
                        return objective(probe)
                    }
                    let value = (at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)) / (4 * h[i] * h[j])
                    hessian[i][j] = value
                    hessian[j][i] = value
                }
            }
        }
        return covarianceErrors(theta: theta, hessian: hessian, scale: scale)
    }

    /// SE(p) = p · SE(θ) from the Hessian of the objective −LL/scale in θ.
    static func covarianceErrors(theta: [Double], hessian: [[Double]], scale: Double) -> [Double]? {
        let n = theta.count
        // The objective is −LL/scale: the information matrix of the total LL is scale · Hessian.
        let information = hessian.map { $0.map { $0 * scale } }
        guard let covariance = inverseOfPositiveDefinite(information) else { return nil }
        let errors = (0..<n).map { exp(theta[$0]) * covariance[$0][$0].squareRoot() }
        return errors.allSatisfy(\.isFinite) ? errors : nil
    }
}
