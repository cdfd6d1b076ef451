// Unconstrained minimisation for maximum-likelihood fits with a handful of parameters.
//
// Approach: BFGS (Nocedal & Wright, "Numerical Optimization", 2nd ed., Algorithm 6.1) with a
// backtracking Armijo line search that also backs off from non-finite values, so an objective
// that overflows far from the optimum (common for BTYD likelihoods at extreme parameters) only
// shortens the step. Gradients are analytic when the caller has them, central differences
// otherwise. If BFGS stalls without meeting the gradient test, Nelder–Mead (Lagarias et al. 1998
// coefficients) restarts from the best point, since it needs no gradient.
//
// Everything is deterministic: no random starts, fixed evaluation order. Every run has a budget
// (`FitBudget`: iterations and wall-clock time), checked at each iteration and each line-search
// trial, so a likelihood that is slow or never settles (a date typed as 9999-12-31 makes every
// customer's age millennia) ends in a "did not converge" result instead of a hang.

import Foundation

/// How much work a fit may do before it stops and reports that it did not converge.
public struct FitBudget: Sendable, Equatable {
    /// BFGS iterations per run (the optimiser runs BFGS at most twice, Nelder–Mead once).
    public var maxIterations: Int
    /// Wall-clock time for the whole minimisation.
    public var timeLimit: Duration

    public init(maxIterations: Int = 500, timeLimit: Duration = .seconds(20)) {
        self.maxIterations = max(1, maxIterations)
        self.timeLimit = timeLimit
    }

    /// 500 iterations and 20 seconds: a fit of CDNOW takes well under a second, so a fit that
    /// reaches either is not going to converge.
    public static let standard = FitBudget()

    /// When a run that starts now must stop.
    func deadline() -> ContinuousClock.Instant { ContinuousClock.now.advanced(by: timeLimit) }

    /// The time limit in words: "20 s", "0.5 s".
    var timeText: String {
        let (seconds, attoseconds) = timeLimit.components
        return NumberText.trimmed(Double(seconds) + Double(attoseconds) * 1e-18, decimals: 3) + " s"
    }
}

/// The outcome of a minimisation.
public struct OptimizationResult: Sendable {
    public var x: [Double]
    public var value: Double
    public var iterations: Int
    public var converged: Bool
    /// Why the optimiser stopped, in words.
    public var message: String
    /// True when the run stopped because its time budget ran out.
    public var timedOut = false
}

public enum Optimizer {
    /// Minimises `f` from `start`.
    ///
    /// - Parameters:
    ///   - gradient: the gradient of `f`; central differences are used when nil.
    ///   - gradientTolerance: stop when the largest gradient component is below this.
    ///   - maxIterations: BFGS iterations before giving up.
    public static func minimize(
        _ f: ([Double]) -> Double,
        start: [Double],
        gradient: (([Double]) -> [Double])? = nil,
        gradientTolerance: Double = 1e-6,
        maxIterations: Int = 500,
        budget: FitBudget = .standard
    ) -> OptimizationResult {
        withoutActuallyEscaping(f) { f in
            minimize(
                f, start: start, gradient: gradient ?? { centralDifferenceGradient(f, at: $0) },
                gradientTolerance: gradientTolerance,
                maxIterations: min(maxIterations, budget.maxIterations), budget: budget)
        }
    }

    private static func minimize(
        _ f: @escaping ([Double]) -> Double, start: [Double], gradient grad: @escaping ([Double]) -> [Double],
        gradientTolerance: Double, maxIterations: Int, budget: FitBudget
    ) -> OptimizationResult {
        let deadline = budget.deadline()
        var bfgs = bfgsMinimize(
            f, grad, start: start, gtol: gradientTolerance, maxIterations: maxIterations, deadline: deadline)
        if bfgs.converged || !bfgs.value.isFinite && !f(start).isFinite { return bfgs }
        if ContinuousClock.now >= deadline { return timedOut(bfgs, budget) }
        // Polish with Nelder–Mead, then let BFGS have one more go from there.
        let simplex = nelderMead(
            f, start: bfgs.value.isFinite ? bfgs.x : start, maxIterations: 4000, deadline: deadline)
        if ContinuousClock.now >= deadline {
            let best = simplex.value <= bfgs.value || !bfgs.value.isFinite ? simplex : bfgs
            return timedOut(
                OptimizationResult(
                    x: best.x, value: best.value, iterations: bfgs.iterations + simplex.iterations, converged: false,
                    message: best.message), budget)
        }
        if simplex.value <= bfgs.value || !bfgs.value.isFinite {
            let again = bfgsMinimize(
                f, grad, start: simplex.x, gtol: gradientTolerance, maxIterations: maxIterations, deadline: deadline)
            let best = again.value <= simplex.value ? again : simplex
            bfgs = OptimizationResult(
                x: best.x, value: best.value, iterations: bfgs.iterations + simplex.iterations + again.iterations,
                converged: again.converged && again.value <= simplex.value + 1e-9 * abs(simplex.value),
                message: again.converged
                    ? again.message : "BFGS and Nelder–Mead did not meet the gradient test: " + again.message)
            if !bfgs.converged && ContinuousClock.now >= deadline { return timedOut(bfgs, budget) }
        }
        return bfgs
    }

    /// The best point so far, marked as not converged because the time budget ran out.
    static func timedOut(_ result: OptimizationResult, _ budget: FitBudget) -> OptimizationResult {
        var result = result
        result.converged = false
        result.timedOut = true
        result.message =
            "did not converge: stopped at the time budget of \(budget.timeText) after \(result.iterations) iterations"
        return result
    }

    /// Central-difference gradient with a step scaled to each coordinate.
    public static func centralDifferenceGradient(_ f: ([Double]) -> Double, at x: [Double]) -> [Double] {
        var g = [Double](repeating: 0, count: x.count)
        var probe = x
        for i in x.indices {
            let h = 1e-6 * max(1, abs(x[i]))
            probe[i] = x[i] + h
            let up = f(probe)
            probe[i] = x[i] - h
            let down = f(probe)
            probe[i] = x[i]
            g[i] = (up - down) / (2 * h)
        }
        return g
    }

    static func bfgsMinimize(
        _ f: ([Double]) -> Double, _ grad: ([Double]) -> [Double], start: [Double], gtol: Double,
        maxIterations: Int, deadline: ContinuousClock.Instant? = nil
    ) -> OptimizationResult {
        let n = start.count
        var x = start
        var fx = f(x)
        guard fx.isFinite else {
            return OptimizationResult(
                x: x, value: fx, iterations: 0, converged: false, message: "the objective is not finite at the start")
        }
        var g = grad(x)
        var h = identity(n)  // inverse Hessian approximation
        for iteration in 1...max(1, maxIterations) {
            if maxAbs(g) < gtol {
                return OptimizationResult(
                    x: x, value: fx, iterations: iteration - 1, converged: true, message: "gradient below tolerance")
            }
            if let deadline, ContinuousClock.now >= deadline {
                return OptimizationResult(
                    x: x, value: fx, iterations: iteration - 1, converged: false, message: "time budget reached")
            }
            var direction = multiply(h, g).map { -$0 }
            var slope = dot(direction, g)
            if !(slope < 0) {  // not a descent direction: reset to steepest descent
                h = identity(n)
                direction = g.map { -$0 }
                slope = dot(direction, g)
            }
            // Keep the first trial step moderate in log-parameter space.
            var step = min(1.0, 2.0 / max(maxAbs(direction), 1e-300))
            var xNew = x
            var fNew = Double.infinity
            var accepted = false
            for _ in 0..<60 {
                if let deadline, ContinuousClock.now >= deadline { break }
                for i in 0..<n { xNew[i] = x[i] + step * direction[i] }
                fNew = f(xNew)
                if fNew.isFinite && fNew <= fx + 1e-4 * step * slope {
                    accepted = true
                    break
                }
                step *= fNew.isFinite ? 0.5 : 0.1
            }
            guard accepted else {
                let converged = maxAbs(g) < gtol * 100
                return OptimizationResult(
                    x: x, value: fx, iterations: iteration, converged: converged,
                    message: converged
                        ? "line search stalled at a point whose gradient is near zero"
                        : "line search could not decrease the objective")
            }
            let gNew = grad(xNew)
            let s = (0..<n).map { xNew[$0] - x[$0] }
            let y = (0..<n).map { gNew[$0] - g[$0] }
            let sy = dot(s, y)
            let relativeChange = abs(fx - fNew) / max(abs(fx), abs(fNew), 1)
            x = xNew
            fx = fNew
            g = gNew
            if sy > 1e-12 * sqrt(dot(s, s) * dot(y, y)) {
                // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
                let rho = 1 / sy
                let hy = multiply(h, y)
                let yhy = dot(y, hy)
                for i in 0..<n {
                    for j in 0..<n {
                        h[i][j] += (1 + rho * yhy) * rho * s[i] * s[j] - rho * (hy[i] * s[j] + s[i] * hy[j])
                    }
                }
            }
            if relativeChange < 1e-15 && maxAbs(g) < gtol * 1e3 {
                return OptimizationResult(
                    x: x, value: fx, iterations: iteration, converged: true,
                    message: "objective stopped changing with a near-zero gradient")
            }
        }
        return OptimizationResult(
            x: x, value: fx, iterations: maxIterations, converged: maxAbs(g) < gtol,
            message: "reached \(maxIterations) iterations")
    }

    /// Nelder–Mead simplex search; robust where gradients are unreliable.
    public static func nelderMead(
        _ f: ([Double]) -> Double, start: [Double], maxIterations: Int = 4000, tolerance: Double = 1e-12,
        deadline: ContinuousClock.Instant? = nil
    ) -> OptimizationResult {
        let n = start.count
        func value(_ x: [Double]) -> Double {
            let v = f(x)
            return v.isFinite ? v : .infinity
        }
        var points = [start]
        for i in 0..<n {
            var p = start
            p[i] += 0.5
            points.append(p)
        }
        var values = points.map(value)
        var iterations = 0
        var outOfTime = false
        while iterations < maxIterations {
            if let deadline, ContinuousClock.now >= deadline {
                outOfTime = true
                break
            }
            iterations += 1
            let order = values.indices.sorted { values[$0] < values[$1] }
            points = order.map { points[$0] }
            values = order.map { values[$0] }
            let spread = abs(values[n] - values[0]) / max(abs(values[0]), 1e-300)
            if values[0].isFinite && spread < tolerance { break }
            var centroid = [Double](repeating: 0, count: n)
            for p in points.dropLast() { for i in 0..<n { centroid[i] += p[i] / Double(n) } }
            func along(_ t: Double) -> [Double] { (0..<n).map { centroid[$0] + t * (points[n][$0] - centroid[$0]) } }
            let reflected = along(-1)
            let fr = value(reflected)
            if fr < values[0] {
                let expanded = along(-2)
                let fe = value(expanded)
                (points[n], values[n]) = fe < fr ? (expanded, fe) : (reflected, fr)
            } else if fr < values[n - 1] {
                (points[n], values[n]) = (reflected, fr)
            } else {
                let contracted = fr < values[n] ? along(-0.5) : along(0.5)
                let fc = value(contracted)
                if fc < min(fr, values[n]) {
                    (points[n], values[n]) = (contracted, fc)
                } else {
                    for k in 1...n {
                        points[k] = (0..<n).map { points[0][$0] + 0.5 * (points[k][$0] - points[0][$0]) }
                        values[k] = value(points[k])
                    }
                }
            }
        }
        let best = values.indices.min { values[$0] < values[$1] }!
        let converged = iterations < maxIterations && !outOfTime
        return OptimizationResult(
            x: points[best], value: values[best], iterations: iterations, converged: converged,
            message: outOfTime
                ? "time budget reached"
                : converged ? "simplex converged" : "simplex reached \(maxIterations) iterations")
    }

    // MARK: small dense linear algebra

    static func identity(_ n: Int) -> [[Double]] {
        (0..<n).map { i in (0..<n).map { $0 == i ? 1 : 0 } }
    }

    static func multiply(_ m: [[Double]], _ v: [Double]) -> [Double] {
        m.map { row in dot(row, v) }
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in a.indices { s += a[i] * b[i] }
        return s
    }

    static func maxAbs(_ v: [Double]) -> Double { v.reduce(0) { max($0, abs($1)) } }
}
