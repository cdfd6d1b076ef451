import Foundation
import Testing

@testable import CustomerValue

/// sBG against Fader & Hardie (2007) "How to project customer retention" and Fader & Hardie (2010)
/// "Customer-base valuation in a contractual setting" (`../shared/reference/anchors-clv.md` §5.6).
@Suite struct ShiftedBetaGeometricTests {
    /// Table 1 (% still active, years 0–12), as pymc-marketing's test quotes it ("Table 1 on pg(3)").
    static let regular = [100.0, 63.1, 46.8, 38.2, 32.6, 28.9, 26.2, 24.1, 22.3, 20.7, 19.4, 18.3, 17.3]
    static let highEnd = [100.0, 86.9, 74.3, 65.3, 59.3, 55.1, 51.7, 49.1, 46.8, 44.5, 42.7, 40.9, 39.4]

    /// Survivors out of 1000 customers for years 0–7, the paper's calibration period.
    static func calibration(_ percent: [Double]) -> [Double] { percent.prefix(8).map { ($0 * 10).rounded() } }

    static func close(_ a: Double, _ b: Double, rtol: Double) -> Bool { abs(a - b) <= rtol * abs(b) }

    /// MLE "pg(7) of paper": high end α=0.668, β=3.806; regular α=0.704, β=1.182 (rtol 1e-3, the
    /// paper's three decimals).
    @Test func fitsTable1() {
        let high = ShiftedBetaGeometric(fitting: Self.calibration(Self.highEnd))
        let regular = ShiftedBetaGeometric(fitting: Self.calibration(Self.regular))
        #expect(high.fit.converged && regular.fit.converged)
        #expect(
            Self.close(high.alpha, 0.668, rtol: 1e-3) && Self.close(high.beta, 3.806, rtol: 1e-3), "\(high.parameters)")
        #expect(
            Self.close(regular.alpha, 0.704, rtol: 1e-3) && Self.close(regular.beta, 1.182, rtol: 1e-3),
            "\(regular.parameters)")
        // The projection beyond year 7 tracks the held-out years 8–12 (FH 2007 Figure 3): within 2 points.
        for (model, observed) in [(high, Self.highEnd), (regular, Self.regular)] {
            let projected = model.survival(through: 12).map { 100 * $0 }
            for t in 8...12 {
                #expect(abs(projected[t] - observed[t]) < 2, "year \(t): \(projected[t]) vs \(observed[t])")
            }
        }
    }

    /// jdmaturen/shifted_beta_geometric_py: LL(α=1, β=1) on the high-end proportions (years 0–7) is −2.115,
    /// printed to three decimals (we get −2.11555; atol 1e-3).
    @Test func logLikelihoodOnProportions() {
        let ll = ShiftedBetaGeometric(alpha: 1, beta: 1).logLikelihood(
            survivors: Self.highEnd.prefix(8).map { $0 / 100 })
        #expect(abs(ll - -2.115) < 1e-3, "\(ll)")
    }

    /// FH 2010 Table 3, d = 0.1, n = 1…5 (renewals 0…4), pymc-marketing rtol 1e-2: case 1 (α=3.80,
    /// β=15.20) 3.31, 3.45, 3.59, 3.72, 3.84; case 2 (α=0.067, β=0.267) 7.68, 9.46, 9.86, 10.06, 10.19.
    /// mpmath 1.3.0 (30 digits) of the eq. 6 closed form gives 3.3098184210253689, …, 10.188640008406659
    /// (checked to 1e-12).
    @Test func discountedExpectedResidualLifetime() {
        let cases: [(ShiftedBetaGeometric, [Double], [Double])] = [
            (
                ShiftedBetaGeometric(alpha: 3.80, beta: 15.20), [3.31, 3.45, 3.59, 3.72, 3.84],
                [3.3098184210253689, 3.4510003289098825, 3.5865436565442853, 3.7168115387309881, 3.8421340240269182]
            ),
            (
                ShiftedBetaGeometric(alpha: 0.067, beta: 0.267), [7.68, 9.46, 9.86, 10.06, 10.19],
                [7.6708354609221677, 9.4552994319955277, 9.8508337699370473, 10.056167014087518, 10.188640008406659]
            ),
        ]
        for (model, paper, mpmath) in cases {
            for renewals in 0..<5 {
                let derl = model.discountedExpectedResidualLifetime(renewals: renewals, discount: 0.1)
                #expect(Self.close(derl, paper[renewals], rtol: 1e-2), "\(model.parameters) \(renewals): \(derl)")
                #expect(Self.close(derl, mpmath[renewals], rtol: 1e-12), "\(model.parameters) \(renewals): \(derl)")
            }
        }
    }

    /// Identities that hold for any parameters: S(t) = 1 − Σ P(T = k), S(t)/S(t−1) = r_t, and the
    /// DERL and DEL closed forms equal their defining sums (FH 2010 eqs. 3 and 5), summed directly.
    @Test func survivalIdentitiesAndDefiningSums() {
        let model = ShiftedBetaGeometric(alpha: 0.704, beta: 1.182)
        let curve = model.survival(through: 40)
        var churned = 0.0
        for t in 1...40 {
            churned += model.churnProbability(inPeriod: t)
            #expect(abs(curve[t] - (1 - churned)) < 1e-14)
            #expect(abs(curve[t] / curve[t - 1] - model.retentionRate(t)) < 1e-14)
        }
        // DERL and DEL against their defining sums, truncated where the terms are below 1e-17.
        let d = 0.1
        let long = model.survival(through: 2000)
        for renewals in [0, 3, 10] {
            let n = renewals + 1
            var sum = 0.0
            for t in n..<2000 { sum += long[t] / long[n - 1] / pow(1 + d, Double(t - n)) }
            #expect(
                Self.close(model.discountedExpectedResidualLifetime(renewals: renewals, discount: d), sum, rtol: 1e-12))
        }
        var del = 0.0
        for t in 1..<2000 { del += long[t - 1] / pow(1 + d, Double(t - 1)) }
        #expect(Self.close(model.discountedExpectedLifetime(discount: d), del, rtol: 1e-12))
        #expect(model.projectedSurvivors(cohort: 1000, through: 2) == curve.prefix(3).map { $0 * 1000 })
    }

    @Test func degenerateCohorts() {
        let nobodyLeft = ShiftedBetaGeometric(fitting: [100, 100, 100])
        #expect(!nobodyLeft.fit.converged && nobodyLeft.fit.message.contains("nobody churned"))
        #expect(nobodyLeft.parameters.allSatisfy { $0.isFinite })
        let allLeft = ShiftedBetaGeometric(fitting: [100, 0, 0])
        #expect(!allLeft.fit.converged && allLeft.parameters.allSatisfy { $0.isFinite })
        let growing = ShiftedBetaGeometric(fitting: [100, 120])
        #expect(!growing.fit.converged && growing.fit.message.contains("period 1"))
        let short = ShiftedBetaGeometric(fitting: [100])
        #expect(!short.fit.converged)
        let twenty = ShiftedBetaGeometric(alpha: 0.668, beta: 3.806).survival(through: 240)
        #expect(twenty.allSatisfy { $0.isFinite && $0 > 0 && $0 <= 1 })
    }
}
