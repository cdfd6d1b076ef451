import Foundation
import Testing

@testable import CustomerValue

@Suite struct OptimizerTests {
    /// Rosenbrock's valley: minimum 0 at (1, 1), a classic hard case for line searches.
    @Test func findsRosenbrockMinimum() {
        let result = Optimizer.minimize({ x in 100 * pow(x[1] - x[0] * x[0], 2) + pow(1 - x[0], 2) }, start: [-1.2, 1])
        #expect(result.converged)
        #expect(abs(result.x[0] - 1) < 1e-5 && abs(result.x[1] - 1) < 1e-5)
    }

    /// A start where the objective is infinite nearby: the line search must back off, not fail.
    @Test func stepsBackFromNonFiniteValues() {
        let result = Optimizer.minimize({ x in x[0] > 3 ? .infinity : pow(x[0] - 2.5, 2) }, start: [0])
        #expect(abs(result.x[0] - 2.5) < 1e-6)
    }

    /// Normal sample: the MLE of (mu, sigma) is the mean and the population standard deviation,
    /// and SE(sigma) = sigma / sqrt(2n) (Fisher information of the normal).
    @Test func maximumLikelihoodOfNormalSample() {
        let data: [Double] = [4.1, 5.3, 6.2, 4.8, 5.9, 5.1, 4.4, 6.6, 5.5, 4.9]
        let n = Double(data.count)
        let mean = data.reduce(0, +) / n
        let sd = (data.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / n).squareRoot()
        let fit = MaximumLikelihood.fit(model: "normal", names: ["mu", "sigma"], start: [1, 1], customers: n) { p in
            data.reduce(0) { $0 - log(p[1]) - 0.5 * log(2 * .pi) - pow($1 - p[0], 2) / (2 * p[1] * p[1]) }
        }
        #expect(fit.converged)
        #expect(abs(fit["mu"] - mean) < 1e-6)
        #expect(abs(fit["sigma"] - sd) < 1e-6)
        let errors = try! #require(fit.standardErrors)
        #expect(abs(errors[0] - sd / n.squareRoot()) < 1e-4)
        #expect(abs(errors[1] - sd / (2 * n).squareRoot()) < 1e-4)
    }
}
