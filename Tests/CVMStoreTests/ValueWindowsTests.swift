import CustomerValue
import Foundation
import Testing
import _CVMTestSupport

@testable import CVMStore

/// The value-window statement on a small file with cost and discount columns, checked by hand.
///
/// As of 2023-12-31 with a 365-day window, the historical period ends on 2022-12-31 (inclusive) and
/// the window before the current one is 2022-01-01…2022-12-31.
@Suite struct ValueWindowsTests {
    static let csv = """
        customer_id,date,amount,cost,discount
        A,2022-12-31,10,,
        A,2023-01-10,100,60,5
        A,2023-12-20,50,,
        B,2022-06-01,200,150,0
        B,2023-06-01,300,100,10
        C,2023-12-31,80,20,
        D,2023-03-01,1000,1100,0
        """

    @Test func sumsPerWindow() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        _ = try scratch.store.importTransactions(from: try scratch.file("tx.csv", Self.csv))
        let w = try scratch.store.valueWindows(currentWindowDays: ValueWindows.days(inMonths: 12))
        #expect(w.windowDays == 365)
        #expect(w.asOf == Day(iso: "2023-12-31"))
        #expect(w.windowStart == Day(iso: "2022-12-31"))
        #expect(w.ids == ["A", "B", "C", "D"])
        // A: 2022-12-31 is the last historical day; the two 2023 rows are current.
        #expect(w.historical.revenue == [10, 200, 0, 0])
        #expect(w.historical.costedRevenue == [0, 200, 0, 0])
        #expect(w.historical.cost == [0, 150, 0, 0])
        #expect(w.current.revenue == [150, 300, 80, 1000])
        #expect(w.current.costedRevenue == [100, 300, 80, 1000])
        #expect(w.current.cost == [60, 100, 20, 1100])
        #expect(w.current.discount == [5, 10, 0, 0])
        #expect(w.purchaseDays == [3, 2, 1, 1])
        #expect(w.activeBefore == [true, true, false, false])
        #expect(w.activeNow == [true, true, true, true])
        #expect(w.rows == 7)
        #expect(w.rowsWithCost == 5)
        #expect(w.retention?.rate == 1)
        // Gross profit at margin 0.5. A current: (150 − 100) · 0.5 + (100 − 60) = 65; historical 10 · 0.5 = 5.
        #expect(w.current.grossProfit(margin: 0.5) == [65, 200, 60, -100])
        #expect(w.historical.grossProfit(margin: 0.5) == [5, 50, 0, 0])
    }

    /// Profit after the cost to serve at margin 0.5: A 160 − (60 + 60 · 0.5) − 5 = 65,
    /// B 500 − 250 − 10 = 240, C 80 − 20 = 60, D 1000 − 1100 = −100. With 4 customers the high tier
    /// is round(0.8) = 1 customer (B), medium round(2.0) − 1 = 1 (A), low C and D. D is the top
    /// customer by revenue but loses money: large but unprofitable.
    @Test func profitabilityTiersAndLists() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        _ = try scratch.store.importTransactions(from: try scratch.file("tx.csv", Self.csv))
        let w = try scratch.store.valueWindows(currentWindowDays: 365)
        let p = try Profitability(windows: w, margin: 0.5, keyAccounts: 2)
        #expect(p.revenue == [160, 500, 80, 1000])
        #expect(p.costOfGoods == [90, 250, 20, 1100])
        #expect(p.discounts == [5, 10, 0, 0])
        #expect(p.profit == [65, 240, 60, -100])
        #expect(p.tiers == [.medium, .high, .low, .low])
        #expect(p.keyAccounts.map { p.ids[$0] } == ["B", "A"])
        #expect(p.largeButUnprofitable.map { p.ids[$0] } == ["D"])
        #expect(p.costCoverage == 5.0 / 7)
        // Profit total 265, 80 % of it 212: B alone (240) makes it; the top two hold 305/265, above 100 %.
        #expect(p.profitConcentration.customersMaking80 == 1)
        #expect(abs(p.profitConcentration.pareto[50] - 305.0 / 265) < 1e-12)
        let byRevenue = try Profitability(windows: w, margin: 0.5, keyAccounts: 1, keyAccountsBy: .revenue)
        #expect(byRevenue.keyAccounts.map { byRevenue.ids[$0] } == ["D"])
        #expect(throws: ValueError.self) { try Profitability(windows: w, shares: TierShares(high: 0.8, medium: 0.5)) }
    }

    @Test func evaluationDateAndEmptyDatabase() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(throws: StoreError.self) { try scratch.store.valueWindows(currentWindowDays: 365) }
        _ = try scratch.store.importTransactions(from: try scratch.file("tx.csv", Self.csv))
        // As of 2023-01-10 with a 30-day window: B (2022-06-01) is historical only, C and D not yet customers.
        let w = try scratch.store.valueWindows(asOf: Day(iso: "2023-01-10"), currentWindowDays: 30)
        #expect(w.ids == ["A", "B"])
        #expect(w.historical.revenue == [0, 200])
        #expect(w.current.revenue == [110, 0])
    }
}
