import CustomerValue
import Foundation
import Testing
import _CVMTestSupport

@testable import CVMStore

/// The per-customer queries split the customers into one key range per core: the results must
/// not depend on how many ranges there are.
@Suite struct PartsTests {
    @Test func resultsDoNotDependOnTheNumberOfCores() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Store.create(at: directory.appendingPathComponent("cvm.sqlite").path)
        _ = try store.importTransactions(from: Fixtures.cdnowSample)
        let options = SummaryOptions(unit: .week, calibrationEnd: Day(iso: "1997-09-30"))
        let asOf = Day(iso: "1998-06-30")!
        let one = try Store.$queryParts.withValue(1) {
            (try store.summary(options), try store.purchaseHistory(through: asOf))
        }
        for parts in [2, 3, 7] {
            let many = try Store.$queryParts.withValue(parts) {
                (try store.summary(options), try store.purchaseHistory(through: asOf))
            }
            #expect(many.0 == one.0, "summary with \(parts) parts")
            #expect(many.1 == one.1, "purchase history with \(parts) parts")
        }
        #expect(one.0.count == 2357 && one.1.count == 2357)
    }
}
