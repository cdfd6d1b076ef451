import Foundation
import Testing

@testable import CVMApp

/// The number formatters are total: every Double gives text, none traps, none prints nan or inf.
@Suite struct NumberTests {
    @Test func exactWritesIntegersPlainlyAndHidesSummationNoise() {
        #expect(Number.exact(0) == "0")
        #expect(Number.exact(-0.0) == "0")
        #expect(Number.exact(42) == "42")
        #expect(Number.exact(-7) == "-7")
        #expect(Number.exact(100.50000000000001) == "100.5")
        #expect(Number.exact(0.1 + 0.2) == "0.3")
        #expect(Number.exact(49.285714285714285) == "49.2857142857143")
        #expect(Number.exact(-2.5) == "-2.5")
        #expect(Number.exact(0.0001) == "0.0001")
        // Below 1e-4 and from 1e15 on: Swift's shortest round-trip form.
        #expect(Number.exact(0.00001234) == "1.234e-05")
        #expect(Number.exact(999_999_999_999_999) == "999999999999999")
        for value in [1e15, -1.5e300, 123_456_789_012_345_678, 1e-300] {
            #expect(Double(Number.exact(value)) == value)
        }
        #expect(Number.exact(-1.5e300) == "-1.5e+300")
        #expect(Number.exact(.greatestFiniteMagnitude) == "1.7976931348623157e+308")
        #expect(Number.exact(.leastNonzeroMagnitude) == "5e-324")
    }

    @Test(arguments: [Double.nan, -Double.nan, .infinity, -.infinity, .signalingNaN])
    func nonFiniteValuesAreNeverPrintedAsNumbers(_ value: Double) {
        #expect(Number.exact(value) == "")
        #expect(Number.readable(value) == "–")
        #expect(Number.percent(value) == "–")
        #expect(Number.fixed(value) == "–")
    }

    @Test func readableRoundsAndGroups() {
        #expect(Number.readable(244_091.94) == "244,091.94")
        #expect(Number.readable(1_234_567.891, digits: 1) == "1,234,567.9")
        #expect(Number.readable(-0.001) == "0.00")
        #expect(Number.readable(-1234.5, digits: 0) == "-1,234")
        #expect(Number.readable(999.999) == "1,000.00")
        #expect(Number.readable(0.5, digits: -3) == "0")
        // Huge values print all their digits, grouped, without trapping.
        let huge = Number.readable(1e308, digits: 0)
        #expect(huge.hasPrefix("100,000,000,000,000,00"))
        #expect(huge.filter(\.isNumber).count == 309)
        #expect(Number.readable(-.greatestFiniteMagnitude, digits: 2).hasPrefix("-179,769,313,486,231,57"))
        #expect(Number.percent(0.1234) == "12.3%")
    }

    @Test func groupedAndFixed() {
        #expect(Number.grouped(0) == "0")
        #expect(Number.grouped(6919) == "6,919")
        #expect(Number.grouped(-1_234_567) == "-1,234,567")
        #expect(Number.grouped(Int.min) == "-9,223,372,036,854,775,808")
        #expect(Number.fixed(0.6049) == "0.60")
        #expect(Number.fixed(2, digits: 0) == "2")
    }
}
