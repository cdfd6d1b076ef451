import CustomerValue
import Foundation
import Testing
import _CVMTestSupport

@testable import CVMStore

/// The composite score's indicators as the database computes them.
@Suite struct IndicatorTests {
    /// As of 1998-06-30 with a 12-month window (365 days), the current window is 1997-07-01…1998-06-30:
    /// a: historical 10 + 20 = 30 (1997-06-30 is the last day before the window), current 5 + 7 = 12
    ///    (the purchase after the as-of date is ignored); 4 purchase days; last purchase on the
    ///    as-of day (recency 0); first 1997-01-10, 536 days before; loyalty 3/4.
    /// b: one purchase day (two rows) on 1998-01-01: historical 0, current 75, recency 180 days.
    /// c buys first after the as-of date and is not scored.
    static let transactions = """
        customer_id,date,amount
        a,1997-01-10,10
        a,1997-06-30,20
        a,1997-07-01,5
        a,1998-06-30,7
        a,1998-07-01,100
        b,1998-01-01,50
        b,1998-01-01,25
        c,1998-07-15,9
        """

    @Test func indicatorsByHand() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        _ = try scratch.store.importTransactions(from: try scratch.file("tx.csv", Self.transactions))
        let asOf = Day(iso: "1998-06-30")!
        let value = try scratch.store.valueWindows(asOf: asOf, currentWindowDays: 365)
        #expect(value.ids == ["a", "b"])
        #expect(value.historical.revenue == [30, 0])
        #expect(value.current.revenue == [12, 75])
        #expect(value.windowStart == Day(iso: "1997-06-30"))

        let data = try scratch.store.customerIndicators(asOf: asOf)
        #expect(data.ids == ["a", "b"])
        #expect(data.names == ["historical", "current", "frequency", "recency", "tenure", "loyalty"])
        let column = Dictionary(uniqueKeysWithValues: data.indicators.map { ($0.name, $0.values) })
        #expect(column["frequency"] == [4, 1])
        #expect(column["recency"] == [0, 180])
        #expect(column["tenure"] == [536, 180])
        #expect(column["loyalty"] == [0.75, 0])
        #expect(data.indicators.first { $0.name == "recency" }?.direction == .cost)
        #expect(data.notes == ["clv left out: no stored CLV (a prediction with a spend model stores one)"])

        // A 6-month window (183 days) as of 1998-03-31 starts after 1997-09-29.
        let short = try scratch.store.customerIndicators(asOf: Day(iso: "1998-03-31")!, windowMonths: 6)
        let shortColumns = Dictionary(uniqueKeysWithValues: short.indicators.map { ($0.name, $0.values) })
        #expect(short.windowStart == Day(iso: "1997-09-29"))
        #expect(shortColumns["historical"] == [35, 0] && shortColumns["current"] == [0, 75])
    }

    /// CLV comes from the latest prediction run; customers it lacks get the lowest CLV.
    @Test func clvFromTheLatestPredictions() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        _ = try scratch.store.importTransactions(from: try scratch.file("tx.csv", Self.transactions))
        try scratch.store.savePredictions(
            PredictionSet(
                model: "bgnbd", spendModel: "gammagamma", settings: "{\"asOf\":\"1998-06-30\"}", ids: ["b", "c"],
                probabilityAlive: [0.5, 0.5], expectedPurchases: [1, 1], expectedSpend: [10, 10], clv: [40, 90]))
        let data = try scratch.store.customerIndicators(asOf: Day(iso: "1998-06-30")!)
        #expect(data.names == ["historical", "current", "frequency", "recency", "tenure", "clv", "loyalty"])
        #expect(data.indicators.first { $0.name == "clv" }?.values == [40, 40])
        #expect(
            data.notes == [
                "clv from the latest `cvm predict` run (bgnbd, as of 1998-06-30); 1 customer without a prediction counts as the lowest CLV"
            ])
    }
}
