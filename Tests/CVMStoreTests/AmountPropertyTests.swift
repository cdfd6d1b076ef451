import Foundation
import Testing

@testable import CVMStore

/// Properties of the amount reader over many generated inputs (a fixed-seed generator, so a
/// failure reproduces).
@Suite struct AmountPropertyTests {
    /// SplitMix64: small, fast, and the same sequence on every machine.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    func read(_ text: String, _ separator: ImportOptions.DecimalSeparator?) -> AmountParser.Reading {
        Array(text.utf8).withUnsafeBufferPointer { AmountParser(separator).read($0) }
    }

    /// `digits` grouped by threes with `group`.
    func grouped(_ digits: String, _ group: Character) -> String {
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(group) }
            out.append(character)
        }
        return out
    }

    @Test func amountsWrittenInEitherConventionReadBackExactly() {
        var random = Generator(state: 1)
        for _ in 0..<5_000 {
            let cents = Int64.random(in: -100_000_000_000_000...100_000_000_000_000, using: &random)
            let integer = String(cents.magnitude / 100)
            let fraction = String(format: "%02d", Int(cents.magnitude % 100))
            let group = Bool.random(using: &random)
            let sign = cents < 0 ? "-" : ""
            let point = sign + (group ? grouped(integer, ",") : integer) + "." + fraction
            let comma = sign + (group ? grouped(integer, ".") : integer) + "," + fraction
            let expected = Double(cents) / 100
            #expect(read(point, nil) == .value(expected), "\(point)")
            #expect(read("¥" + point, .point) == .value(expected), "¥\(point)")
            #expect(read(comma + " €", .comma) == .value(expected), "\(comma) €")
        }
    }

    @Test func anyTextReadsAsAFiniteValueOrIsRefused() {
        var random = Generator(state: 2)
        let alphabet = Array("0123456789.,-+()eE ¥€$元\u{A0}x").map(String.init)
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
                .joined()
            for separator in [nil, ImportOptions.DecimalSeparator.point, .comma] {
                switch read(text, separator) {
                case .value(let value):
                    #expect(value.isFinite, "\(text)")
                    // Automatic reads like a decimal point wherever it reads at all.
                    if separator == nil { #expect(read(text, .point) == .value(value), "\(text)") }
                case .ambiguous(let point, let comma):
                    #expect(separator == nil)
                    #expect(read(text, .point) == .value(point) && read(text, .comma) == .value(comma), "\(text)")
                case .invalid:
                    break
                }
            }
        }
    }
}
