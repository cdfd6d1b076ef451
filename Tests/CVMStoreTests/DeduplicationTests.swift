import Foundation
import GRDB
import Testing
import _CVMTestSupport

@testable import CVMStore

/// Re-imports and overlapping files never duplicate data; identical rows inside a file are kept.
@Suite struct DeduplicationTests {
    @Test func reimportStoresNothingNew() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = try scratch.file("t.csv", "customer_id,date,amount\na,2024-01-01,1\na,2024-01-01,1\nb,2024-01-02,2\n")
        let first = try scratch.store.importTransactions(from: url)
        #expect(first.counts == "3 rows read: 3 stored, 0 duplicates skipped, 0 rejected")
        #expect(first.customersCreated == 2)
        let second = try scratch.store.importTransactions(from: url)
        #expect(second.counts == "3 rows read: 0 stored, 3 duplicates skipped, 0 rejected")
        #expect(second.customersCreated == 0)
        #expect(try scratch.snapshot() == [2, 3, 2])
    }

    @Test func identicalRowsInOneFileAreAllKept() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = try scratch.file(
            "t.csv", "customer_id,date,amount\na,2024-01-01,1\na,2024-01-01,1\na,2024-01-01,1.00\n")
        #expect(try scratch.store.importTransactions(from: url).rowsStored == 3)
        #expect(try scratch.transactions() == ["a|2024-01-01|1.0", "a|2024-01-01|1.0", "a|2024-01-01|1.0"])
    }

    @Test func overlappingFileAddsOnlyItsNewRows() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let january = try scratch.file(
            "jan.csv", "customer_id,date,amount\na,2024-01-01,1\na,2024-01-05,2\nb,2024-01-09,3\n")
        let overlap = try scratch.file(
            "jan-feb.csv",
            "customer_id,date,amount\na,2024-01-05,2\nb,2024-01-09,3\nb,2024-01-09,3\nb,2024-02-01,4\nc,2024-02-02,5\n")
        try scratch.store.importTransactions(from: january)
        let report = try scratch.store.importTransactions(from: overlap)
        #expect(report.counts == "5 rows read: 3 stored, 2 duplicates skipped, 0 rejected")
        #expect(
            try scratch.transactions() == [
                "a|2024-01-01|1.0", "a|2024-01-05|2.0", "b|2024-01-09|3.0", "b|2024-01-09|3.0", "b|2024-02-01|4.0",
                "c|2024-02-02|5.0",
            ])
    }

    @Test func unsortedFileGivesTheSameRowsAsSorted() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let rows = ["b,2024-01-09,3", "a,2024-01-05,2", "b,2024-01-09,3", "a,2024-01-01,1", "a,2024-01-05,2"]
        let unsorted = try scratch.file("u.csv", "customer_id,date,amount\n" + rows.joined(separator: "\n"))
        let sorted = try scratch.file("s.csv", "customer_id,date,amount\n" + rows.sorted().joined(separator: "\n"))
        #expect(try scratch.store.importTransactions(from: unsorted).rowsStored == 5)
        let again = try scratch.store.importTransactions(from: sorted)
        #expect(again.rowsDuplicate == 5 && again.rowsStored == 0)
    }

    @Test func orderIDIsTheKeyWhenPresent() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.store.importTransactions(
            from: try scratch.file("a.csv", "order_id,customer_id,date,amount\no1,a,2024-01-01,10\no1,a,2024-01-01,5\n")
        )
        // A later export with a corrected amount and a new line item on the same order.
        let report = try scratch.store.importTransactions(
            from: try scratch.file(
                "b.csv", "order_id,customer_id,date,amount\no1,a,2024-01-01,10\no1,a,2024-01-01,6\no1,a,2024-01-01,7\n")
        )
        // Line 1 unchanged, line 2 corrected (5 → 6), line 3 new.
        #expect(report.counts == "3 rows read: 1 stored, 1 updated, 1 duplicates skipped, 0 rejected")
        #expect(try scratch.transactions() == ["a|2024-01-01|6.0", "a|2024-01-01|7.0", "a|2024-01-01|10.0"])
    }

    @Test func skipInvalidWritesTheRejectsFile() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = try scratch.file(
            "t.csv",
            "customer_id;date;amount;note\na;2024-01-01;1;ok\nb;2024-13-01;2;\"x;y\"\n;2024-01-02;3;z\nc;2024-01-03;4;w\n"
        )
        let report = try scratch.store.importTransactions(from: url, options: ImportOptions(skipInvalid: true))
        #expect(report.counts == "4 rows read: 2 stored, 0 duplicates skipped, 2 rejected")
        #expect(report.rejectsURL?.lastPathComponent == "t.csv.rejects.csv")
        let rejects = try String(contentsOf: try #require(report.rejectsURL), encoding: .utf8)
        #expect(
            rejects == """
                customer_id;date;amount;note;line;error
                b;2024-13-01;2;"x;y";3;"column ""date"": ""2024-13-01"" is not a date (expected YYYY-MM-DD, YYYY/MM/DD, \
                YYYYMMDD, an ISO-8601 date-time, or a date pattern)"
                ;2024-01-02;3;z;4;"column ""customer_id"": the customer id is empty"

                """)
        #expect(try scratch.transactions() == ["a|2024-01-01|1.0", "c|2024-01-03|4.0"])
        let recorded = try scratch.store.read { db in
            try Row.fetchOne(db, sql: "SELECT kind, rows_read, rows_stored, rows_rejected FROM imports")
        }
        #expect(recorded == ["kind": "transactions", "rows_read": 4, "rows_stored": 2, "rows_rejected": 2])
        // The rejects file, once fixed, imports as it is: `line` and `error` are ignored.
        let custom = scratch.directory.appendingPathComponent("bad.csv")
        let again = try scratch.store.importTransactions(
            from: url, options: ImportOptions(skipInvalid: true, rejectsURL: custom))
        #expect(again.rejectsURL == custom && again.rowsDuplicate == 2)
    }

    @Test func cdnowSample() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let report = try scratch.store.importTransactions(from: Fixtures.cdnowSample)
        // 6,919 rows and 2,357 customers; the sum of amounts computed by Python's csv module.
        #expect(report.counts == "6,919 rows read: 6,919 stored, 0 duplicates skipped, 0 rejected")
        #expect(report.customersCreated == 2357)
        #expect(try scratch.store.counts() == (2357, 6919))
        let (sum, quantity) = try scratch.store.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT sum(amount), sum(quantity) FROM transactions")!
            return (row[0] as Double, row[1] as Double)
        }
        #expect(abs(sum - 244_091.94) < 1e-6)
        #expect(quantity == 16_479)
        #expect(try scratch.store.importTransactions(from: Fixtures.cdnowSample).rowsDuplicate == 6919)
    }
}
