import Foundation

/// A difference between two independent samples' means, with Welch's t test.
///
/// d = m₂ − m₁, SE = √(s₁²/n₁ + s₂²/n₂) with the sample variances, t = d/SE on the
/// Welch–Satterthwaite degrees of freedom ν = SE⁴ / ((s₁²/n₁)²/(n₁ − 1) + (s₂²/n₂)²/(n₂ − 1))
/// (Welch 1947, Biometrika 34:28–35; scipy's `ttest_ind(..., equal_var=False)`), and the
/// two-sided p-value 2·P(T_ν > |t|) = I_{ν/(ν + t²)}(ν/2, 1/2). Nil below 2 values in a sample.
/// When both samples are constant the standard error is 0 and p is 0 for a difference and 1
/// for none.
public struct MeanDifference: Sendable, Equatable {
    public let fromMean, toMean: Double
    public let fromCount, toCount: Int
    public let difference: Double
    public let standardError: Double
    public let degreesOfFreedom: Double
    public let t: Double
    public let p: Double

    public init?(from a: [Double], to b: [Double]) {
        guard a.count >= 2, b.count >= 2 else { return nil }
        func moments(_ x: [Double]) -> (mean: Double, variance: Double) {
            let mean = x.reduce(0, +) / Double(x.count)
            return (mean, x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1))
        }
        let (m1, v1) = moments(a)
        let (m2, v2) = moments(b)
        let q1 = v1 / Double(a.count)
        let q2 = v2 / Double(b.count)
        fromMean = m1
        toMean = m2
        fromCount = a.count
        toCount = b.count
        difference = m2 - m1
        standardError = (q1 + q2).squareRoot()
        let denominator = q1 * q1 / Double(a.count - 1) + q2 * q2 / Double(b.count - 1)
        degreesOfFreedom = denominator > 0 ? (q1 + q2) * (q1 + q2) / denominator : Double(a.count + b.count - 2)
        if standardError > 0 {
            t = difference / standardError
            p = StudentT.twoSidedP(t, degreesOfFreedom: degreesOfFreedom)
        } else {
            t = 0
            p = difference == 0 ? 1 : 0
        }
    }
}

/// The change of NPS between two independent waves: d = NPS₂ − NPS₁ with SE = √(SE₁² + SE₂²),
/// z = d/SE and the two-sided normal p-value erfc(|z|/√2) (the two-sample Wald test of Rocks's R
/// package `NPS`, `nps.test`).
public struct NPSChange: Sendable, Equatable {
    public let from, to: NetPromoterScore
    public let difference: Double
    public let standardError: Double
    public let z: Double
    public let p: Double

    public init(from: NetPromoterScore, to: NetPromoterScore) {
        self.from = from
        self.to = to
        difference = to.score - from.score
        standardError = (from.standardError * from.standardError + to.standardError * to.standardError).squareRoot()
        if standardError > 0 {
            z = difference / standardError
            p = erfc(abs(z) / 2.0.squareRoot())
        } else {
            z = 0
            p = difference == 0 ? 1 : 0
        }
    }
}

/// What changed between two survey waves: overall satisfaction, NPS, and each attribute's mean
/// performance and gap, each with its test. The waves are treated as independent samples; when
/// the same customers answer both, their answers are positively correlated and the tests are
/// conservative (a paired test would be sharper).
public struct WaveChange: Sendable, Equatable {
    public struct Attribute: Sendable, Equatable {
        public let attribute: String
        public let performance: MeanDifference?
        /// Of the gap performance − expectation, over the answers giving both.
        public let gap: MeanDifference?
    }

    public let from, to: String
    /// Whether the two waves share one rating scale (else only NPS, always 0–10, is compared).
    public let sameScale: Bool
    public let satisfaction: MeanDifference?
    public let nps: NPSChange?
    public let attributes: [Attribute]

    public init(from: String, _ first: [SurveyAnswer], to: String, _ second: [SurveyAnswer]) {
        self.from = from
        self.to = to
        let scales = Set((first + second).map(\.scale))
        sameScale = scales.count <= 1
        struct Columns {
            var satisfaction: [Double] = []
            var recommend: [Double] = []
            var performance: [String: [Double]] = [:]
            var gap: [String: [Double]] = [:]
            var order: [String] = []
        }
        func columns(_ answers: [SurveyAnswer]) -> Columns {
            var c = Columns()
            var seen: Set<String> = []
            for answer in answers {
                guard let attribute = answer.attribute else {
                    if let value = answer.satisfaction { c.satisfaction.append(value) }
                    if let value = answer.recommend { c.recommend.append(value) }
                    continue
                }
                guard let value = answer.performance, seen.insert(answer.response + "\u{1F}" + attribute).inserted
                else { continue }
                if c.performance[attribute] == nil { c.order.append(attribute) }
                c.performance[attribute, default: []].append(value)
                if let expectation = answer.expectation { c.gap[attribute, default: []].append(value - expectation) }
            }
            return c
        }
        let a = columns(first)
        let b = columns(second)
        if let one = NetPromoterScore(a.recommend), let two = NetPromoterScore(b.recommend) {
            nps = NPSChange(from: one, to: two)
        } else {
            nps = nil
        }
        guard sameScale else {
            satisfaction = nil
            attributes = []
            return
        }
        satisfaction = MeanDifference(from: a.satisfaction, to: b.satisfaction)
        attributes = a.order.filter { b.performance[$0] != nil }.map { name in
            Attribute(
                attribute: name, performance: MeanDifference(from: a.performance[name]!, to: b.performance[name]!),
                gap: MeanDifference(from: a.gap[name] ?? [], to: b.gap[name] ?? []))
        }
    }
}

/// Student's t distribution's tail, from the regularized incomplete beta function.
enum StudentT {
    /// 2·P(T_ν > |t|) = I_{ν/(ν + t²)}(ν/2, 1/2).
    static func twoSidedP(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        guard t.isFinite, nu > 0 else { return t.isFinite ? 1 : 0 }
        return min(1, max(0, regularizedIncompleteBeta(nu / (nu + t * t), nu / 2, 0.5)))
    }

    /// I_x(a, b) by the continued fraction of Press et al., *Numerical Recipes* (3rd ed., §6.4),
    /// evaluated by the modified Lentz method, using the symmetry I_x(a, b) = 1 − I_{1−x}(b, a)
    /// where the fraction converges faster.
    static func regularizedIncompleteBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let front = exp(a * log(x) + b * log(1 - x) - logBeta(a, b))
        if x < (a + 1) / (a + b + 2) {
            return front * fraction(x, a, b) / a
        }
        return 1 - front * fraction(1 - x, b, a) / b
    }

    private static func fraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...300 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            h *= step
            if abs(step - 1) < 1e-15 { break }
        }
        return h
    }
}
