import Foundation
import Testing

@testable import CVMStore

/// The summary file reader parses numbers from the field bytes; each value must be what the
/// standard library's parser makes of the same text.
@Suite struct SummaryFileTests {
    @Test func numbersReadAsTheStandardParserReadsThem() throws {
        let scratch = try Scratch()
        let texts = [
            "0", "1", "49.2857142857143", "77.85714285714286", "0.1", "12345.6789012345", "1234.567890123456789",
            "2.5e-3", "1E2", " 7 ", "\t3.25", "000.5", "5.", "0.30000000000000004",
        ]
        var csv = "customer_id;frequency;recency;T;monetary\r\n"
        for (i, text) in texts.enumerated() { csv += " C\(i) ;\(text);0;\(text);\(text)\r\n" }
        let summary = try SummaryFile.read(try scratch.file("s.csv", csv))
        #expect(summary.count == texts.count)
        #expect(summary.ids == texts.indices.map { "C\($0)" })
        for (i, text) in texts.enumerated() {
            let expected = try #require(Double(text.trimmingCharacters(in: .whitespaces)), "\(text)")
            #expect(summary.frequency[i].bitPattern == expected.bitPattern, "\(text)")
            #expect(summary.monetary?[i] == expected)
        }
        #expect(summary.periods == nil && summary.weights == nil)
    }

    @Test func badValuesNameTheirLineAndColumn() throws {
        let scratch = try Scratch()
        for (value, message) in [
            ("-1", "s.csv, line 3, column \"T\": \"-1\" is not a T (expected a number ≥ 0)"),
            (" nan ", "s.csv, line 3, column \"T\": \"nan\" is not a T (expected a number ≥ 0)"),
            ("\u{A0}", "s.csv, line 3, column \"T\": \"\" is not a T (expected a number ≥ 0)"),
        ] {
            let file = try scratch.file("s.csv", "id,x,t_x,T,weights\nA,1,1,2,1\nB,0,0,\(value),1\n")
            #expect(throws: ImportError(.invalidRows, message), "\(value)") { try SummaryFile.read(file) }
        }
        let short = try scratch.file("f.csv", "id,x,t_x,T,weights\nA,1,1,2,1\nB,0,0\n")
        #expect(throws: ImportError(.invalidRows, "f.csv, line 3: 3 fields, expected 5")) {
            try SummaryFile.read(short)
        }
        let empty = try scratch.file("e.csv", "\n\n")
        #expect(throws: ImportError(.emptyFile, "e.csv is empty: expected a header row")) {
            try SummaryFile.read(empty)
        }
        let early = try scratch.file("r.csv", "frequency,recency,T\n1,5,3\n")
        #expect(
            throws: ImportError(
                .invalidRows,
                "r.csv, line 2: recency 5.0 is after T 3.0; recency runs from the first to the last purchase and "
                    + "cannot exceed T")
        ) { try SummaryFile.read(early) }
    }
}
