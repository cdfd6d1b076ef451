import CVMPostgres
import CVMStore
import CustomerValue
import Foundation
import Testing
import _CVMTestSupport

/// Birthdays, spend purposes, scheduled care and one customer's rows: the same on both backends.
@Suite(.enabled(if: TestServer.url != nil, TestServer.skipReason), .serialized)
struct PostgresCareTests {
    @Test func birthdaysPurposesScheduledCareAndOneCustomersRows() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let customers = directory.appendingPathComponent("customers.csv")
        try """
        customer_id,name,channel,acquired,birthday
        a,Ann,web,2024-01-05,1992-02-29
        b,Bo,store,2024-02-01,
        """.write(to: customers, atomically: true, encoding: .utf8)
        let transactions = directory.appendingPathComponent("transactions.csv")
        try """
        customer_id,date,amount
        a,2024-01-05,10
        a,2024-01-05,2.5
        a,2024-03-01,7
        b,2024-02-01,4
        """.write(to: transactions, atomically: true, encoding: .utf8)
        let marketing = directory.appendingPathComponent("marketing.csv")
        try """
        date,spend,channel,purpose
        2024-01,100,web,acquisition
        2024-02,40,store,获客
        2024-03,10,web,retention
        """.write(to: marketing, atomically: true, encoding: .utf8)

        let sqlite = try Store.inMemory()
        let postgres = try await TestServer.store()
        defer { Task { await postgres.shutdown() } }
        for store in [sqlite, postgres] as [any CustomerStore] {
            _ = try await store.importCustomers(from: customers)
            _ = try await store.importTransactions(from: transactions)
            _ = try await store.importMarketing(from: marketing)
        }
        let end = Day(iso: "2024-12-31")!
        let birthdays = try await postgres.birthdays()
        #expect(birthdays.map(\.id) == ["a"])
        #expect(birthdays.map(\.birthday) == (try await sqlite.birthdays()).map(\.birthday))
        #expect(try await postgres.customerProfile("a")?.birthday == Day(iso: "1992-02-29"))
        #expect(try await postgres.customerProfile("a") == (try await sqlite.customerProfile("a")))
        #expect(try await postgres.taggedSpend(through: end) == (try await sqlite.taggedSpend(through: end)))
        #expect(
            try await postgres.taggedSpend(through: end).map(\.purpose) == ["acquisition", "acquisition", "retention"])
        let factsP = try await postgres.acquisitionFacts()
        let factsS = try await sqlite.acquisitionFacts()
        #expect(factsP.map(\.id) == factsS.map(\.id) && factsP.map(\.channel) == factsS.map(\.channel))
        #expect(factsP.map(\.acquired) == factsS.map(\.acquired))
        let daysP = try await postgres.purchaseDays(customer: " a", through: end)
        #expect(daysP.map(\.day) == [Day(iso: "2024-01-05")!, Day(iso: "2024-03-01")!])
        #expect(daysP.map(\.value) == [12.5, 7])

        let appointments = [
            CareAppointment(customerID: "a", occasion: .birthday, due: Day(iso: "2025-02-28")!),
            CareAppointment(customerID: "b", occasion: .purchaseAnniversary, due: Day(iso: "2025-02-01")!),
            CareAppointment(customerID: "nobody", occasion: .birthday, due: Day(iso: "2025-01-01")!),
        ]
        for store in [sqlite, postgres] as [any CustomerStore] {
            let first = try await store.scheduleCareTasks(asOf: end, run: nil, appointments: appointments)
            #expect(first.opened == 2 && first.alreadyOpen == 0)
            // The same occasions again open nothing.
            let again = try await store.scheduleCareTasks(asOf: end, run: nil, appointments: appointments)
            #expect(again.opened == 0 && again.alreadyOpen == 2)
        }
        let tasksP = try await postgres.careTasks(CareTaskFilter())
        let tasksS = try await sqlite.careTasks(CareTaskFilter())
        #expect(tasksP.count == 2)
        #expect(tasksP.map(\.customerID) == tasksS.map(\.customerID))
        #expect(tasksP.map(\.reason) == tasksS.map(\.reason) && tasksP.map(\.dueOn) == tasksS.map(\.dueOn))
        #expect(try await postgres.analysisResult(run: 1, customer: "a") == nil)
    }
}
