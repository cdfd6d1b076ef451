import Foundation
import Testing

@testable import CVMStore

/// `€1.234` is 1234 in Germany and 1.234 in Ireland: such amounts need the file's convention.
@Suite struct DecimalSeparatorTests {
    func reading(_ text: String, _ separator: ImportOptions.DecimalSeparator?) -> AmountParser.Reading {
        Array(text.utf8).withUnsafeBufferPointer { AmountParser(separator).read($0) }
    }

    @Test func ambiguousFormsNeedTheConvention() {
        #expect(reading("1.234", nil) == .ambiguous(point: 1.234, comma: 1234))
        #expect(reading("€1.234", nil) == .ambiguous(point: 1.234, comma: 1234))
        #expect(reading("-12.500 EUR", nil) == .ambiguous(point: -12.5, comma: -12500))
        #expect(reading("(999.999)", nil) == .ambiguous(point: -999.999, comma: -999_999))
        // Not ambiguous: a thousands comma, a leading zero, four integer digits, two or four
        // decimals, a currency written with a decimal point.
        #expect(reading("¥1,234", nil) == .value(1234))
        #expect(reading("1,234", nil) == .value(1234))
        #expect(reading("0.125", nil) == .value(0.125))
        #expect(reading("1234.567", nil) == .value(1234.567))
        #expect(reading("1.23", nil) == .value(1.23))
        #expect(reading("1.2345", nil) == .value(1.2345))
        #expect(reading("$1.234", nil) == .value(1.234))
        #expect(reading("¥1.234", nil) == .value(1.234))
        #expect(reading("1,234.567", nil) == .value(1234.567))
    }

    @Test func eachConventionReadsItsForms() {
        #expect(reading("1.234", .point) == .value(1.234))
        #expect(reading("€1.234", .comma) == .value(1234))
        #expect(reading("1.234,50 €", .comma) == .value(1234.5))
        #expect(reading("12,5", .comma) == .value(12.5))
        #expect(reading("1.234.567", .comma) == .value(1_234_567))
        #expect(reading("-0,99", .comma) == .value(-0.99))
        #expect(reading("1,234.50", .comma) == .invalid)
        #expect(reading("12,5", .point) == .invalid)
        #expect(reading("12,5", nil) == .invalid)
    }

    @Test func anAmbiguousAmountIsRefusedWithItsLine() throws {
        let scratch = try Scratch()
        let url = try scratch.file("t.csv", "customer_id,date,amount\nc,2024-01-01,12.50\nc,2024-01-02,€1.234\n")
        #expect(
            try scratch.failingImport(url)?.rowErrors.map(\.description) == [
                "t.csv, line 3, column \"amount\": \"€1.234\" is ambiguous: 1.234 if the file writes decimals with a "
                    + "point, 1234 if with a comma; say which decimal separator the file uses"
            ])
        #expect(try scratch.snapshot() == [0, 0, 0])
        let comma = try scratch.file("c.csv", "customer_id;date;amount;quantity\nc;2024-01-01;€1.234;1,5\n")
        try scratch.store.importTransactions(from: comma, options: ImportOptions(decimalSeparator: .comma))
        #expect(try scratch.transactions() == ["c|2024-01-01|1234.0"])
        #expect(try scratch.count("SELECT quantity * 10 FROM transactions") == 15)
        let wrong = try scratch.file("w.csv", "customer_id,date,amount\nc,2024-01-01,12.50\n")
        #expect(
            try scratch.failingImport(wrong, ImportOptions(decimalSeparator: .comma))?.rowErrors.map(\.description) == [
                "w.csv, line 2, column \"amount\": \"12.50\" is not an amount (expected a number with a decimal comma "
                    + "such as 1234,50, -12, 1.234,50, (12,50) or 99 €)"
            ])
    }
}
