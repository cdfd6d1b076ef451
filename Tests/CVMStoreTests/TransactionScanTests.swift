import CustomerValue
import Foundation
import Testing
import _CVMTestSupport

@testable import CVMStore

/// The one read an analysis run makes against the three statements it stands for: the same
/// summary, value windows and purchase history, customer by customer, however many key ranges.
@Suite struct TransactionScanTests {
    /// Costs on some rows and not others, discounts, several rows on one day, a return, rows
    /// after the as-of date, a customer whose only purchase is after it, and a prospect.
    static let csv = """
        customer_id,date,amount,cost,discount
        A,2022-12-31,10.1,,
        A,2022-12-31,0.2,0.1,
        A,2023-01-10,100,60,5
        A,2023-12-20,50.3,,0.7
        A,2024-02-01,9,,
        B,2022-06-01,200,150,0
        B,2023-06-01,300,100,10
        B,2023-06-01,-40,,
        C,2023-12-31,80,20,
        D,2024-01-05,1000,1100,0
        E,2021-03-01,0.1,,
        E,2021-03-01,0.2,,
        E,2021-03-01,0.3,0.3,0.1
        """

    static func compare(_ store: Store, unit: TimeUnit, asOf: Day?, windowDays: Int) throws {
        let one = try Store.$queryParts.withValue(1) {
            try store.transactionScan(unit: unit, asOf: asOf, currentWindowDays: windowDays)
        }
        let summary = try store.summary(SummaryOptions(unit: unit, asOf: asOf))
        #expect(one.summary == summary)
        #expect(one.windows == (try store.valueWindows(asOf: asOf, currentWindowDays: windowDays)))
        #expect(one.history == (try store.purchaseHistory(through: summary.observationEnd)))
        for parts in [2, 3, 7] {
            let many = try Store.$queryParts.withValue(parts) {
                try store.transactionScan(unit: unit, asOf: asOf, currentWindowDays: windowDays)
            }
            #expect(many.summary == one.summary, "summary with \(parts) parts")
            #expect(many.windows == one.windows, "value windows with \(parts) parts")
            #expect(many.history == one.history, "purchase history with \(parts) parts")
        }
    }

    @Test func sameAsTheThreeStatements() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Store.create(at: directory.appendingPathComponent("cvm.sqlite").path)
        let customers = directory.appendingPathComponent("c.csv")
        try Data("customer_id,name\nP,Prospect\nA,Ann\n".utf8).write(to: customers)
        _ = try store.importCustomers(from: customers)
        let transactions = directory.appendingPathComponent("t.csv")
        try Data(Self.csv.utf8).write(to: transactions)
        _ = try store.importTransactions(from: transactions)
        for asOf in [nil, Day(iso: "2023-12-31"), Day(iso: "2021-03-01")] {
            for window in [1, 30, 365] {
                try Self.compare(store, unit: .week, asOf: asOf, windowDays: window)
            }
        }
        // The history holds the prospect (no days) and D, who bought only after the as-of date.
        let scan = try store.transactionScan(unit: .day, asOf: Day(iso: "2023-12-31"), currentWindowDays: 365)
        #expect(scan.summary.ids == ["A", "B", "C", "E"])
        #expect(Set(scan.history.ids) == ["P", "A", "B", "C", "D", "E"])
        let d = scan.history.ids.firstIndex(of: "D")!
        #expect(scan.history.range(d).isEmpty)
    }

    @Test func sameOnCDNOW() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Store.create(at: directory.appendingPathComponent("cvm.sqlite").path)
        _ = try store.importTransactions(from: Fixtures.cdnowSample)
        try Self.compare(store, unit: .week, asOf: nil, windowDays: 91)
        try Self.compare(store, unit: .day, asOf: Day(iso: "1997-09-30"), windowDays: 30)
    }

    @Test func noTransactionsIsTheSummarysError() throws {
        let store = try Store.inMemory()
        #expect(throws: StoreError.self) {
            try store.transactionScan(unit: .week, asOf: nil, currentWindowDays: 30)
        }
    }
}
