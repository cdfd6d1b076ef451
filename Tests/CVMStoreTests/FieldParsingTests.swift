import Foundation
import Testing
import _CVMTestSupport

@testable import CVMStore

/// Dates and amounts as written in real exports.
@Suite struct FieldParsingTests {
    static let dates: [(String, String)] = [
        ("2024-03-01", "c|2024-03-01|1.0"),
        ("2024/03/01", "c|2024-03-01|1.0"),
        ("2024/3/1", "c|2024-03-01|1.0"),
        ("20240301", "c|2024-03-01|1.0"),
        ("2024年3月1日", "c|2024-03-01|1.0"),
        ("2024-03-01T10:20:30", "c|2024-03-01|1.0|10:20:30"),
        ("2024-03-01T23:20:30Z", "c|2024-03-01|1.0|23:20:30Z"),
        ("2024-03-01T23:20:30+08:00", "c|2024-03-01|1.0|23:20:30+08:00"),
        ("2024-03-01T00:30:00-05:00", "c|2024-03-01|1.0|00:30:00-05:00"),
        ("2024-03-01 10:20", "c|2024-03-01|1.0|10:20"),
        ("2024-03-01 10:20:30.125", "c|2024-03-01|1.0|10:20:30.125"),
        ("2024-02-29", "c|2024-02-29|1.0"),
    ]

    @Test(arguments: dates)
    func dateForms(_ text: String, _ expected: String) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.store.importTransactions(from: try scratch.file("t.csv", "customer_id,date,amount\nc,\(text),1\n"))
        #expect(try scratch.transactions() == [expected])
    }

    @Test(arguments: [
        "2023-02-30", "2023-13-01", "2023-02-29", "2024-03-01T25:00", "2024-03-01T10:61", "01/03/2024",
        "2024-3", "", "yesterday", "2024-03-01 10:20 Beijing",
    ])
    func invalidDates(_ text: String) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let error = try scratch.failingImport(
            try scratch.file("t.csv", "customer_id,date,amount\nc,2024-01-01,1\nc,\(text),1\n"))
        #expect(
            error?.rowErrors.map(\.description) == [
                "t.csv, line 3, column \"date\": \"\(text)\" is not a date "
                    + "(expected YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD, an ISO-8601 date-time, or a date pattern)"
            ])
        #expect(try scratch.snapshot() == [0, 0, 0])
    }

    @Test(arguments: [
        ("dd.MM.yyyy", "01.03.2024", "c|2024-03-01|1.0"),
        ("MM/dd/yyyy", "03/01/2024", "c|2024-03-01|1.0"),
        ("M/d/yyyy HH:mm", "3/1/2024 09:05", "c|2024-03-01|1.0|09:05"),
        ("yyyy-MM-dd HH:mm:ss", "2024-03-01 23:59:59", "c|2024-03-01|1.0|23:59:59"),
    ])
    func dateFormat(_ pattern: String, _ text: String, _ expected: String) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = try scratch.file("t.csv", "customer_id,date,amount\nc,\(text),1\n")
        try scratch.store.importTransactions(from: url, options: ImportOptions(dateFormat: pattern))
        #expect(try scratch.transactions() == [expected])
    }

    @Test func dateFormatMismatchAndInvalidPattern() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = try scratch.file("t.csv", "customer_id,date,amount\nc,31.02.2024,1\n")
        let error = try scratch.failingImport(url, ImportOptions(dateFormat: "dd.MM.yyyy"))
        #expect(
            error?.rowErrors.first?.description
                == "t.csv, line 2, column \"date\": \"31.02.2024\" is not a date (expected the date pattern dd.MM.yyyy)"
        )
        let pattern = try scratch.failingImport(url, ImportOptions(dateFormat: "dd.MM"))
        #expect(pattern?.code == .invalidOption)
    }

    static let amounts: [(String, Double)] = [
        ("12.50", 12.5), ("-3", -3), ("+7", 7), (" 8 ", 8), ("1,234.50", 1234.5), ("1,234,567", 1_234_567),
        ("¥99", 99), ("￥1,200.00", 1200), ("$5.25", 5.25), ("€3", 3), ("£2.5", 2.5), ("12 元", 12), ("12元", 12),
        ("CNY 40", 40), ("RMB40", 40), ("40 CNY", 40), ("(12.50)", -12.5), ("(¥12.50)", -12.5), ("-¥5", -5),
        ("¥-5", -5), ("1e3", 1000), (".5", 0.5), ("0.1", 0.1), ("123456789012.34", 123_456_789_012.34),
    ]

    @Test(arguments: amounts)
    func amountForms(_ text: String, _ expected: Double) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let quoted = "\"" + text + "\""
        try scratch.store.importTransactions(
            from: try scratch.file("t.csv", "customer_id,date,amount\nc,2024-03-01,\(quoted)\n"))
        let amount = try scratch.store.read { db in try Double.fetchOne(db, sql: "SELECT amount FROM transactions") }
        #expect(amount == expected)
    }

    @Test(arguments: ["abc", "1,23", "12,5", "", "1e999", "--5", "¥", "1.2.3", "nan", "inf", "(-5)", "5-"])
    func invalidAmounts(_ text: String) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let error = try scratch.failingImport(
            try scratch.file("t.csv", "customer_id,date,amount\nc,2024-01-01,\"\(text)\"\n"))
        #expect(
            error?.rowErrors.map(\.description) == [
                "t.csv, line 2, column \"amount\": \"\(text)\" is not an amount "
                    + "(expected a number such as 1234.50, -12, 1,234.50, (12.50) or ¥99)"
            ])
        #expect(try scratch.snapshot() == [0, 0, 0])
    }

    @Test func negativeAmountsAreKeptAsReturns() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.store.importTransactions(
            from: try scratch.file("t.csv", "customer_id,date,amount\nc,2024-01-01,30\nc,2024-01-02,-30\n"))
        #expect(try scratch.transactions() == ["c|2024-01-01|30.0", "c|2024-01-02|-30.0"])
    }
}
