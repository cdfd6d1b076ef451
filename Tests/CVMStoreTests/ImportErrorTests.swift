import Foundation
import Testing
import _CVMTestSupport

@testable import CVMStore

/// Every bad input names file, line, column and value, and leaves nothing stored.
@Suite struct ImportErrorTests {
    @Test func wrongNumberOfFields() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let error = try scratch.failingImport(
            try scratch.file("t.csv", "customer_id,date,amount\nc,2024-01-01,1\nc,2024-01-02,1,234.5\nc,2024-01-03\n"))
        #expect(
            error?.rowErrors.map(\.description) == [
                "t.csv, line 3: expected 3 fields (customer_id, date, amount), found 4; "
                    + "a value that contains \",\" must be quoted",
                "t.csv, line 4: expected 3 fields (customer_id, date, amount), found 2",
            ])
        #expect(try scratch.snapshot() == [0, 0, 0])
    }

    @Test func emptyCustomerID() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let error = try scratch.failingImport(try scratch.file("t.csv", "客户编号,日期,金额\n  ,2024-01-01,1\n"))
        #expect(
            error?.message == """
                t.csv, line 2, column "客户编号": the customer id is empty
                Nothing was imported from t.csv. Fix these rows, or import only the valid rows and have the \
                invalid ones written to a rejects file.
                """)
        #expect(try scratch.snapshot() == [0, 0, 0])
    }

    @Test func emptyFile() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        for bytes in [[], [0xEF, 0xBB, 0xBF], Array("\n\r\n".utf8)] as [[UInt8]] {
            let error = try scratch.failingImport(try scratch.file("t.csv", bytes: bytes))
            #expect(error?.message == "t.csv is empty: expected a header line such as customer_id,date,amount")
        }
        #expect(try scratch.snapshot() == [0, 0, 0])
    }

    @Test func headerOnlyFileImportsNothing() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let report = try scratch.store.importTransactions(from: try scratch.file("t.csv", "customer_id,date,amount\n"))
        #expect(report.rowsRead == 0 && report.rowsStored == 0)
        #expect(report.counts == "0 rows read: 0 stored, 0 duplicates skipped, 0 rejected")
    }

    @Test func missingColumnNamesTheHeadersFound() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let error = try scratch.failingImport(try scratch.file("orders.csv", "客户编号,日期,实付金额\nc,2024-01-01,1\n"))
        #expect(error?.code == .missingColumn)
        #expect(
            error?.message == """
                orders.csv has no amount column (looked for amount, value, 金额, 交易金额); \
                its columns are: 客户编号, 日期, 实付金额. Map amount to one of its columns.
                """)
    }

    @Test func invalidUTF8NamesLineAndColumn() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        // "张三" in GBK, as Excel writes it on a Chinese Windows.
        let bytes = Array("customer_id,date,amount,product\nc,2024-01-01,1,".utf8) + [0xD5, 0xC5, 0xC8, 0xFD] + [0x0A]
        let error = try scratch.failingImport(try scratch.file("t.csv", bytes: bytes))
        #expect(
            error?.rowErrors.first?.description
                == "t.csv, line 2, column \"product\": the text is not valid UTF-8; save the file as UTF-8 (in Excel: CSV UTF-8)"
        )
        #expect(try scratch.snapshot() == [0, 0, 0])
    }

    @Test func unterminatedQuote() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let error = try scratch.failingImport(
            try scratch.file("t.csv", "customer_id,date,amount\nc,2024-01-01,1\nc,\"2024-01-02,1\nc,2024-01-03,1\n"))
        #expect(
            error?.rowErrors.map(\.description) == [
                "t.csv, line 3: a quoted field starts on this line and is never closed (is a \" missing?)"
            ])
    }

    @Test func twentyErrorsThenACount() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        var text = "customer_id,date,amount\n"
        for index in 0..<25 { text += "c\(index),2024-01-01,bad\(index)\n" }
        text += "ok,2024-01-01,1\n"
        let error = try #require(try scratch.failingImport(try scratch.file("t.csv", text)))
        #expect(error.rowErrors.count == 20)
        #expect(error.moreRowErrors == 5)
        #expect(error.rowErrors.last?.line == 21)
        #expect(error.message.contains("\nand 5 more\nNothing was imported from t.csv."))
        #expect(try scratch.snapshot() == [0, 0, 0])
    }

    @Test func badRowLateInALargeFileRollsEverythingBack() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.store.importTransactions(
            from: try scratch.file("first.csv", "customer_id,date,amount\nold,2024-01-01,1\n"))
        let before = try scratch.snapshot()
        var text = "customer_id,date,amount\n"
        for index in 0..<100_000 { text += "c\(index / 5),2024-01-\(10 + index % 5),\(index)\n" }
        text += "c1,2024-01-40,1\n"
        let error = try scratch.failingImport(try scratch.file("big.csv", text))
        #expect(error?.rowErrors.first?.line == 100_002)
        #expect(try scratch.snapshot() == before)
    }

    @Test func progressHandlerThrowingCancelsAndRollsBack() throws {
        struct Stop: Error {}
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.store.importTransactions(
            from: try scratch.file("first.csv", "customer_id,date,amount\nold,2024-01-01,1\n"))
        let before = try scratch.snapshot()
        var text = "customer_id,date,amount\n"
        for index in 0..<10_000 { text += "c\(index),2024-01-01,1\n" }
        var calls = 0
        let options = ImportOptions(
            progress: { _ in
                calls += 1
                if calls == 5 { throw Stop() }
            }, progressInterval: 1000)
        #expect(throws: Stop.self) {
            try scratch.store.importTransactions(from: try scratch.file("t.csv", text), options: options)
        }
        #expect(try scratch.snapshot() == before)
    }

    @Test func unreadableFile() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let error = try scratch.failingImport(scratch.directory.appendingPathComponent("nope.csv"))
        #expect(error?.code == .unreadableFile)
        #expect(error?.message.hasSuffix("nope.csv: No such file or directory") == true)
    }
}
