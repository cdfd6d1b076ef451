import CustomerValue
import Foundation
import Testing

@testable import CVMStore

/// Re-exports that correct orders: an update by (customer, order id, line of the order).
@Suite struct CorrectionTests {
    static let header = "order_id,customer_id,date,amount\n"

    @Test func aCorrectedAmountOrDateIsAnUpdate() throws {
        let scratch = try Scratch()
        try scratch.store.importTransactions(
            from: try scratch.file("a.csv", Self.header + "O1,c,2024-01-01,10\nO2,c,2024-01-05,20\nO3,d,2024-01-05,1\n")
        )
        let report = try scratch.store.importTransactions(
            from: try scratch.file("b.csv", Self.header + "O1,c,2024-01-01,12\nO2,c,2024-01-06,20\nO3,d,2024-01-05,1\n")
        )
        #expect(report.counts == "3 rows read: 0 stored, 2 updated, 1 duplicates skipped, 0 rejected")
        // The order on another date is moved, not stored twice.
        #expect(try scratch.transactions() == ["c|2024-01-01|12.0", "c|2024-01-06|20.0", "d|2024-01-05|1.0"])
        #expect(try scratch.store.transactionDayRange() == Day(iso: "2024-01-01")!...Day(iso: "2024-01-06")!)
        let again = try scratch.store.importTransactions(
            from: try scratch.file("b.csv", Self.header + "O1,c,2024-01-01,12\n"))
        #expect(again.rowsUpdated == 0 && again.rowsDuplicate == 1)
        #expect(try scratch.store.imports().map(\.rowsUpdated) == [0, 2, 0])
    }

    @Test func aTypoDateCorrectedLaterLeavesNoTrace() throws {
        let scratch = try Scratch()
        var options = ImportOptions()
        options.allowFutureDates = true
        try scratch.store.importTransactions(
            from: try scratch.file("a.csv", Self.header + "O1,c,2024-01-01,10\nO2,c,2030-01-05,20\n"), options: options)
        try scratch.store.importTransactions(from: try scratch.file("b.csv", Self.header + "O2,c,2024-01-05,20\n"))
        #expect(try scratch.store.transactionDayRange() == Day(iso: "2024-01-01")!...Day(iso: "2024-01-05")!)
    }

    @Test func refusingChangedOrdersNamesTheLine() throws {
        let scratch = try Scratch()
        try scratch.store.importTransactions(from: try scratch.file("a.csv", Self.header + "O1,c,2024-01-01,10\n"))
        let before = try scratch.snapshot()
        let error = try scratch.failingImport(
            try scratch.file("b.csv", Self.header + "O9,c,2024-01-01,1\nO1,c,2024-01-02,10\n"),
            ImportOptions(changedOrders: .refuse))
        #expect(
            error?.rowErrors.map(\.description) == [
                "b.csv, line 3, column \"date\": order \"O1\" (line 1 of the order) is already stored with amount 10 "
                    + "on 2024-01-01 (import 1); this file changes it. Nothing was stored: let changed orders update "
                    + "the stored ones to take the file's values"
            ])
        #expect(try scratch.snapshot() == before)
        #expect(try scratch.transactions() == ["c|2024-01-01|10.0"])
    }

    @Test func linesOfOneOrderOnSeveralDaysAreKeptApart() throws {
        let scratch = try Scratch()
        // Unsorted, and one order's lines on two days: still two lines.
        let text = Self.header + "O1,c,2024-01-02,5\nO1,b,2024-01-01,1\nO1,c,2024-01-01,4\n"
        #expect(try scratch.store.importTransactions(from: try scratch.file("a.csv", text)).rowsStored == 3)
        let again = try scratch.store.importTransactions(from: try scratch.file("a.csv", text))
        #expect(again.rowsDuplicate == 3 && again.rowsStored == 0 && again.rowsUpdated == 0)
        #expect(try scratch.transactions() == ["b|2024-01-01|1.0", "c|2024-01-01|4.0", "c|2024-01-02|5.0"])
    }

    @Test func rowsWithoutOrderIdsAreMatchedWhole() throws {
        let scratch = try Scratch()
        try scratch.store.importTransactions(
            from: try scratch.file("a.csv", "customer_id,date,amount\nc,2024-01-01,10\n"))
        // Without an order id a changed row is another purchase: nothing tells it is a correction.
        let report = try scratch.store.importTransactions(
            from: try scratch.file("b.csv", "customer_id,date,amount\nc,2024-01-01,12\n"))
        #expect(report.counts == "1 rows read: 1 stored, 0 duplicates skipped, 0 rejected")
    }
}
