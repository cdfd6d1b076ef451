import CVMStore
import CustomerValue
import Foundation
import Testing
import _CVMTestSupport

@Suite struct PurchaseHistoryTests {
    @Test func daysAndValuesPerCustomerWithProspects() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Store.create(at: directory.appendingPathComponent("cvm.sqlite").path)
        let customers = directory.appendingPathComponent("customers.csv")
        try "customer_id,name\nA,Ann\nB,Bo\nP,Pat\n".write(to: customers, atomically: true, encoding: .utf8)
        _ = try store.importCustomers(from: customers)
        let orders = directory.appendingPathComponent("orders.csv")
        try """
        customer_id,date,amount,order_id
        A,2024-01-01,10,1
        A,2024-01-01,5,2
        A,2024-02-01,7,3
        B,2024-03-01,20,4
        A,2024-05-01,1,5

        """.write(to: orders, atomically: true, encoding: .utf8)
        _ = try store.importTransactions(from: orders)
        let history = try store.purchaseHistory(through: Day(iso: "2024-04-30")!)
        #expect(history.ids == ["A", "B", "P"])
        #expect(history.start == [0, 2, 3, 3])
        #expect(history.days.map(\.description) == ["2024-01-01", "2024-02-01", "2024-03-01"])
        #expect(history.values == [15, 7, 20])
    }
}
