import CVMStore
import CustomerValue
import Foundation
import Testing
import _CVMTestSupport

@testable import CVMApp

/// The Spark engine against the database, customer by customer, on a real Spark (`local[2]`).
///
/// They run where `spark-submit` is found: `CVM_SPARK_SUBMIT`, `$SPARK_HOME/bin` or `PATH`
/// (`.ci/run` installs pyspark for them); elsewhere they are skipped, and say so.
@Suite(.serialized) struct SparkSummaryTests {
    static let sparkSubmit: String? = {
        let given = ProcessInfo.processInfo.environment["CVM_SPARK_SUBMIT"]
        return try? SparkSummary.sparkSubmit(given)
    }()

    static func request(_ inputs: [URL]) -> SparkSummaryRequest {
        SparkSummaryRequest(
            inputs: inputs.map(\.path), unit: .week, calibrationEnd: Day(iso: "1997-09-30"), master: "local[2]",
            sparkSubmit: sparkSubmit)
    }

    @Test(
        .enabled(if: sparkSubmit != nil, "spark-submit not found (set CVM_SPARK_SUBMIT, SPARK_HOME or PATH)"),
        .timeLimit(.minutes(10)))
    func theCDNOWSummaryIsTheDatabasesCustomerByCustomer() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let workspace = try Workspace.create(database: directory.appendingPathComponent("cvm.sqlite").path)
        _ = try await workspace.store.importTransactions(from: Fixtures.cdnowSample, options: ImportOptions())
        let database = try await workspace.summary(
            SummaryRequest(unit: .week, calibrationEnd: Day(iso: "1997-09-30"))
        ).table
        let spark = try await SparkSummary.run(Self.request([Fixtures.cdnowSample]))
        #expect(spark.skippedRows == 0)
        #expect(spark.observationEnd == Day(iso: "1998-06-30"))
        let s = spark.summary.table
        #expect(s.count == 2357)
        #expect(s.observationEnd == database.observationEnd)
        #expect(Set(s.ids) == Set(database.ids))
        let row = Dictionary(uniqueKeysWithValues: s.ids.enumerated().map { ($1, $0) })
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }
        var mismatches: [String] = []
        for (i, id) in database.ids.enumerated() {
            guard let k = row[id] else { continue }
            // Counts and day differences are exact; sums may differ in the last bits (summation order).
            let same =
                s.frequency[k] == database.frequency[i] && s.recency[k] == database.recency[i]
                && s.T[k] == database.T[i] && s.orders[k] == database.orders[i]
                && s.firstDay[k] == database.firstDay[i] && s.lastDay[k] == database.lastDay[i]
                && close(s.monetary[k], database.monetary[i]) && close(s.revenue[k], database.revenue[i])
                && s.holdout!.frequency[k] == database.holdout!.frequency[i]
                && close(s.holdout!.monetary[k], database.holdout!.monetary[i])
            if !same { mismatches.append(id) }
        }
        #expect(mismatches.isEmpty, "customers that differ: \(mismatches.prefix(10))")
        #expect(s.holdout?.duration == database.holdout?.duration)
    }

    @Test(
        .enabled(if: sparkSubmit != nil, "spark-submit not found (set CVM_SPARK_SUBMIT, SPARK_HOME or PATH)"),
        .timeLimit(.minutes(10)))
    func unreadableRowsStopTheJobOrAreSkippedAndCounted() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("orders.csv")
        // Invisible spaces around an id are dropped, as the import does; one date does not exist.
        try """
        Customer ID;Date;Amount
        \u{FEFF}a ;1997-01-02;10
        a;1997-02-03 10:30;5.5
        b;1997-13-01;7
        b;1997-03-04;2
        c;1997-10-05;4
        """.write(to: file, atomically: true, encoding: .utf8)
        var request = Self.request([file])
        request.delimiter = ";"
        await #expect {
            _ = try await SparkSummary.run(request)
        } throws: { error in
            let error = error as? AppError
            return error?.code == .invalidFile && error?.message.hasPrefix("1 rows cannot be read") == true
                && error?.message.contains("1997-13-01") == true
        }
        request.skipInvalid = true
        let result = try await SparkSummary.run(request)
        #expect(result.skippedRows == 1)
        let s = result.summary.table
        // c first bought after the calibration end: not a customer of the summary.
        #expect(s.ids == ["a", "b"])
        #expect(s.frequency == [1, 0])
        #expect(s.monetary == [5.5, 0])
        #expect(s.recency == [32.0 / 7, 0])
        #expect(s.holdout?.frequency == [0, 0])
    }

    @Test func aMissingSparkIsAClearError() async throws {
        await #expect {
            _ = try await SparkSummary.run(
                SparkSummaryRequest(inputs: [Fixtures.cdnowSample.path], sparkSubmit: "/nonexistent/spark-submit"))
        } throws: { error in
            (error as? AppError)?.code == .unavailable
                && (error as? AppError)?.message == "cannot run spark-submit at /nonexistent/spark-submit"
        }
    }
}
