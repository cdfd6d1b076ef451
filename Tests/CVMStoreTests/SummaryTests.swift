import CustomerValue
import Foundation
import Testing
import _CVMTestSupport

@testable import CVMStore

/// Rows of a small CSV with a header, as dictionaries (test data only).
private func readRows(_ url: URL) throws -> [[String: String]] {
    let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline)
    let header = lines[0].split(separator: ",").map(String.init)
    return lines.dropFirst().map { line in
        Dictionary(
            uniqueKeysWithValues: zip(
                header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
    }
}

private func store(with csv: String) throws -> (Store, URL) {
    let directory = try Fixtures.temporaryDirectory()
    let file = directory.appendingPathComponent("tx.csv")
    try csv.write(to: file, atomically: true, encoding: .utf8)
    let store = try Store.create(at: directory.appendingPathComponent("cvm.sqlite").path)
    _ = try store.importTransactions(from: file)
    return (store, directory)
}

private func relativeDifference(_ a: Double, _ b: Double) -> Double {
    abs(a - b) / max(abs(b), 1e-300)
}

@Suite struct SummaryTests {
    /// The bundled CDNOW sample, weekly, calibration to 1997-09-30 (the BTYD papers' 39 weeks):
    /// every customer equals lifetimes 0.11.3's `calibration_and_holdout_data(freq="D",
    /// freq_multiplier=7)` (Tests/Fixtures/scripts/cdnow_summary_lifetimes.py). Frequency, recency,
    /// T and the holdout counts are exact; the mean values agree to 1e-12 relative (summation
    /// order inside one day may differ).
    @Test func cdnowCalibrationMatchesLifetimes() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Store.create(at: directory.appendingPathComponent("cvm.sqlite").path)
        _ = try store.importTransactions(from: Fixtures.cdnowSample)
        let summary = try store.summary(
            SummaryOptions(unit: .week, calibrationEnd: Day(iso: "1997-09-30")))
        let reference = try readRows(Fixtures.url("cdnow_summary_lifetimes_week_cal.csv"))
        #expect(summary.count == 2357)
        #expect(reference.count == 2357)
        let holdout = try #require(summary.holdout)
        #expect(holdout.duration == 39)
        #expect(holdout.end == Day(iso: "1998-06-30"))
        let index = Dictionary(uniqueKeysWithValues: summary.ids.enumerated().map { ($1, $0) })
        for row in reference {
            let i = try #require(index[row["customer_id"]!])
            #expect(summary.frequency[i] == Double(row["frequency_cal"]!)!)
            #expect(summary.recency[i] == Double(row["recency_cal"]!)!)
            #expect(summary.T[i] == Double(row["T_cal"]!)!)
            #expect(relativeDifference(summary.monetary[i], Double(row["monetary_value_cal"]!)!) < 1e-12)
            #expect(holdout.frequency[i] == Double(row["frequency_holdout"]!)!)
            #expect(relativeDifference(holdout.monetary[i], Double(row["monetary_value_holdout"]!)!) < 1e-12)
        }
        // The literature's summary (2 decimals): 946 repeat customers, 2,457 repeat purchases.
        #expect(summary.frequency.filter { $0 > 0 }.count == 946)
        #expect(summary.frequency.reduce(0, +) == 2457)
    }

    /// The whole period in days equals lifetimes' `summary_data_from_transaction_data(freq="D")`.
    @Test func cdnowFullPeriodMatchesLifetimes() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Store.create(at: directory.appendingPathComponent("cvm.sqlite").path)
        _ = try store.importTransactions(from: Fixtures.cdnowSample)
        let summary = try store.summary()
        #expect(summary.holdout == nil)
        let reference = try readRows(Fixtures.url("cdnow_summary_lifetimes_day_full.csv"))
        let index = Dictionary(uniqueKeysWithValues: summary.ids.enumerated().map { ($1, $0) })
        #expect(summary.count == reference.count)
        for row in reference {
            let i = try #require(index[row["customer_id"]!])
            #expect(summary.frequency[i] == Double(row["frequency"]!)!)
            #expect(summary.recency[i] == Double(row["recency"]!)!)
            #expect(summary.T[i] == Double(row["T"]!)!)
            #expect(relativeDifference(summary.monetary[i], Double(row["monetary_value"]!)!) < 1e-12)
        }
    }

    /// Worked by hand. Customer a: 2024-01-01 (10 + 5 on one day), 2024-01-08 (20), 2024-01-15
    /// (−4, a return, and 8): purchase days 3, frequency 2, recency 14 days, T 20 days to the last
    /// day (2024-01-21, customer b), monetary (20 + 4) / 2 = 12, revenue 39, orders 5.
    /// Customer b: one purchase on 2024-01-21: frequency 0, T 0, monetary 0.
    @Test func handWorkedExample() throws {
        let (store, directory) = try store(
            with: """
                customer_id,date,amount
                a,2024-01-01,10
                a,2024-01-01,5
                a,2024-01-08,20
                a,2024-01-15,-4
                a,2024-01-15,8
                b,2024-01-21,7.5
                """)
        defer { try? FileManager.default.removeItem(at: directory) }
        let s = try store.summary()
        #expect(s.ids == ["a", "b"])
        #expect(s.frequency == [2, 0])
        #expect(s.recency == [14, 0])
        #expect(s.T == [20, 0])
        #expect(s.monetary == [12, 0])
        #expect(s.revenue == [39, 7.5])
        #expect(s.orders == [5, 1])
        #expect(s.firstDay.map(\.description) == ["2024-01-01", "2024-01-21"])
        #expect(s.lastDay.map(\.description) == ["2024-01-15", "2024-01-21"])

        let weekly = try store.summary(SummaryOptions(unit: .week))
        #expect(weekly.recency == [2, 0])
        #expect(weekly.T == [20.0 / 7, 0])

        // As of 2024-01-10: a has two purchase days, b none yet (left out).
        let early = try store.summary(SummaryOptions(asOf: Day(iso: "2024-01-10")))
        #expect(early.ids == ["a"])
        #expect(early.frequency == [1])
        #expect(early.T == [9])
        #expect(early.monetary == [20])

        // Calibration to 2024-01-08: the 2024-01-15 day is holdout (2 rows, mean of the rows 2),
        // b first bought after the calibration end and is left out.
        let split = try store.summary(SummaryOptions(calibrationEnd: Day(iso: "2024-01-08")))
        #expect(split.ids == ["a"])
        #expect(split.frequency == [1])
        #expect(split.T == [7])
        #expect(split.revenue == [35])
        #expect(split.holdout?.frequency == [1])
        #expect(split.holdout?.monetary == [2])
        #expect(split.holdout?.duration == 13)
    }

    @Test func calibrationAfterObservationEndIsAnError() throws {
        let (store, directory) = try store(with: "customer_id,date,amount\na,2024-01-01,10\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: StoreError.self) {
            try store.summary(SummaryOptions(asOf: Day(iso: "2024-01-05"), calibrationEnd: Day(iso: "2024-02-01")))
        }
        do {
            _ = try store.summary(SummaryOptions(calibrationEnd: Day(iso: "2023-12-01")))
            Issue.record("expected an error")
        } catch let error as StoreError {
            #expect(
                error.message
                    == "no customer has a purchase on or before 2023-12-01 (the first transaction is on 2024-01-01)")
        }
    }

    @Test func emptyDatabaseSaysWhatToDo() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Store.create(at: directory.appendingPathComponent("cvm.sqlite").path)
        #expect(
            throws: StoreError(
                .noTransactions, "the database has no transactions yet")
        ) {
            try store.summary()
        }
    }

    /// Splitting the customers over several connections gives the same rows in the same order.
    @Test func keyRangesCoverEveryCustomerOnce() throws {
        var csv = "customer_id,date,amount\n"
        for c in 1...200 { for d in 1...(c % 5 + 1) { csv += "c\(c),2024-02-\(String(format: "%02d", d)),\(c).5\n" } }
        let (store, directory) = try store(with: csv)
        defer { try? FileManager.default.removeItem(at: directory) }
        let ranges = try store.customerKeyRanges()
        #expect(ranges.first?.lowerBound == 1)
        #expect(ranges.last?.upperBound == 200)
        for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound + 1 == b.lowerBound) }
        let s = try store.summary()
        #expect(s.ids == (1...200).map { "c\($0)" })
        #expect(s.frequency == (1...200).map { Double($0 % 5) })
    }
}
