import Foundation
import Testing

@testable import CustomerValue

/// Reference values from mpmath 1.3.0 at 40 significant digits, printed to 20:
/// `python3 -c 'import mpmath as mp; mp.mp.dps = 40; print(mp.hyp2f1(a, b, c, z))'`
/// (the script that produced this table is `Tests/Fixtures/scripts/hypergeometric_reference.py`).
@Suite struct HypergeometricTests {
    struct Case: CustomStringConvertible, Sendable {
        var a, b, c, z, expected: Double
        var description: String { "2F1(\(a), \(b); \(c); \(z))" }
    }

    static let values: [Case] = [
        // Closed form −log(1 − z)/z.
        Case(a: 1, b: 1, c: 2, z: 0.5, expected: 1.3862943611198906188),
        // BG/NBD unconditional expectation argument at (r, α, a, b) = (0.243, 4.414, 0.793, 2.426), t = 39.
        Case(a: 0.243, b: 2.426, c: 2.2190000000000003, z: 0.8983277283825494, expected: 1.9373703025926530893),
        // Pareto/NBD A₀ argument (α < β branch) at the CDNOW estimates, x = 2, tₓ = 30.43.
        Case(a: 3.159, b: 2.553, c: 4.159, z: 0.025915104871849712, expected: 1.0521818117335943484),
        // Negative z: Pfaff's transformation.
        Case(a: 0.5, b: 1.5, c: 2.5, z: -3.0, expected: 0.61982700184952682623),
        Case(a: 1.2, b: 2.3, c: 3.7, z: -0.4, expected: 0.77149521892691874687),
        Case(a: 0.3, b: 0.7, c: 1.9, z: -10.0, expected: 0.68645864459151509912),
        // Near 1: the 1 − z transformation, non-integer and integer c − a − b (−0.8, 0, 2, −2, 0).
        Case(a: 1.5, b: 2.5, c: 3.2, z: 0.95, expected: 21.828365177380136922),
        Case(a: 1, b: 1, c: 2, z: 0.99, expected: 4.6516870565536267891),
        Case(a: 0.5, b: 1.5, c: 4, z: 0.98, expected: 1.3397671540200060137),
        Case(a: 2.5, b: 1.5, c: 2, z: 0.9, expected: 86.828466102493077188),
        Case(a: 2.0, b: 3.0, c: 5.0, z: 0.97, expected: 17.314967749382444668),
        // Slowly converging series near 1 (Pareto/NBD shape 2F1(1, b; c; z)).
        Case(a: 1, b: 10.5, c: 12.1, z: 0.999, expected: 16.324278263317240095),
        Case(a: 1, b: 1.6, c: 12.1, z: 0.9999, expected: 1.1683990595859392192),
        // Polynomial (a = −3) and Gauss's theorem at z = 1 (= 4/π).
        Case(a: -3, b: 2, c: 5, z: 0.7, expected: 0.41480000000000002345),
        Case(a: 0.5, b: 0.5, c: 2, z: 1.0, expected: 1.2732395447351626862),
        // c < a + b, z = 0.8.
        Case(a: 1.3, b: 0.4, c: 0.9, z: 0.8, expected: 2.7632500267973115845),
        // BG/NBD conditional-expectation shape 2F1(r+x, a−1; a+b+x−1; −s) at (0.243, 4.414, 0.793, 2.426):
        // x = 26, t = 52, α + T = 35.414; and far-negative z (Pfaff, then 1 − z).
        Case(a: 26.243, b: -0.207, c: 28.219, z: -1.4683458519229682, expected: 1.1950105906797604242),
        Case(a: 2.243, b: -0.207, c: 4.219, z: -100.0, expected: 2.2461196019730913354),
        Case(a: 0.243, b: 2.426, c: 2.219, z: -1000.0, expected: 0.1812889047522221195),
    ]

    /// c − a − b within 1e-9 of an integer: the integer-gap formula stands in (error of that order).
    static let nearIntegerGap: [Case] = [
        Case(a: 1, b: 1, c: 2.000000000001, z: 0.99, expected: 4.6516870565459622174),
        Case(a: 1.5, b: 2.5, c: 4.0000000003, z: 0.9, expected: 5.4931375158268221907),
    ]

    @Test(arguments: nearIntegerGap) func nearIntegerGapMatchesMpmath(_ x: Case) {
        let value = Hypergeometric.f21(x.a, x.b, x.c, x.z)
        #expect(abs(value - x.expected) <= 1e-8 * abs(x.expected), "\(x): \(value)")
    }

    @Test(arguments: values) func matchesMpmath(_ x: Case) {
        let value = Hypergeometric.f21(x.a, x.b, x.c, x.z)
        #expect(abs(value - x.expected) <= 1e-11 * abs(x.expected), "\(x): \(value)")
    }

    /// Values that overflow a Double: log 2F1 from mpmath, `mp.log(mp.hyp2f1(a, b, c, z))`. The first
    /// two are the Pareto/NBD A₀ arguments of the lifetimes `_log_A_0` edge case (r = 10.465,
    /// α = 7.98565181e-3, s = 3.0516, β = 2.820, x = 500, tₓ = 1 and x = 400, tₓ = 5).
    static let logValues: [Case] = [
        Case(a: 513.5166, b: 510.465, c: 514.5166, z: 0.7361294105209424, expected: 678.76425185111740866),
        Case(a: 413.5166, b: 410.465, c: 414.5166, z: 0.35959262764578004, expected: 182.48192300235442376),
        Case(a: 501.159, b: 1.6059999999999999, c: 502.159, z: 0.72, expected: 2.0362333994921593582),
        Case(a: 300.0, b: 200.0, c: 150.0, z: 0.6, expected: 342.20593963086874927),
    ]

    @Test(arguments: logValues) func logMatchesMpmath(_ x: Case) {
        let value = Hypergeometric.logF21(x.a, x.b, x.c, x.z)
        #expect(value.sign == 1)
        #expect(abs(value.log - x.expected) <= 1e-12 * abs(x.expected), "\(x): \(value.log)")
    }

    @Test func edgeCases() {
        #expect(Hypergeometric.f21(0.5, 1.5, 2.5, 0) == 1)
        #expect(Hypergeometric.f21(1, 1, 2, 1) == .infinity)  // c − a − b = 0: diverges at 1
        #expect(Hypergeometric.f21(1, 1, 2, 1.5).isNaN)  // complex for z > 1
        #expect(Hypergeometric.f21(1, 1, -2, 0.5).isNaN)  // c a pole
    }
}
