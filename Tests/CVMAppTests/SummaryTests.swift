import CVMStore
import CustomerValue
import Foundation
import Testing
import _CVMTestSupport

@testable import CVMApp

@Suite struct SummaryUseCaseTests {
    @Test func summaryOfTheSampleInWeeks() async throws {
        let directory = try Fixtures.temporaryDirectory()
        let workspace = try Workspace.create(database: directory.appendingPathComponent("cvm.sqlite").path)
        _ = try await workspace.store.importTransactions(from: Fixtures.cdnowSample)
        let result = try await workspace.summary(SummaryRequest(unit: .week, calibrationEnd: Day(iso: "1997-09-30")))
        #expect(result.rowCount == 2357)
        // The literature's customer 1 (x=2, tₓ=30.43, T=38.86 weeks); holdout: one purchase of 26.48.
        #expect(
            result.fields(0) == [
                "1", "2", "30.4285714285714", "38.8571428571429", "22.345", "74.02", "3", "1997-01-01", "1997-08-02",
                "1", "26.48", "39",
            ])
        var csv = ""
        result.writeCSV { csv += $0 }
        #expect(csv.hasPrefix("customer_id,frequency,recency,T,monetary,revenue,orders,first_date,last_date,"))
        #expect(csv.split(separator: "\n").count == 2358)
    }

    @Test func aMissingDatabaseIsAnAppErrorWithItsCode() throws {
        #expect {
            _ = try Workspace.open(database: "/nonexistent/cvm.sqlite")
        } throws: { error in
            (error as? AppError)?.code == .missingDatabase
        }
    }
}
