import CustomerValue
import Foundation
import GRDB
import Testing
import _CVMTestSupport

@testable import CVMStore

/// Erasing a customer, and deleting an import.
@Suite struct DeletionTests {
    func filled() throws -> Scratch {
        let scratch = try Scratch()
        try scratch.store.importCustomers(
            from: try scratch.file("c.csv", "customer_id,name,email\nC1,Li Lei,li@example.com\nC2,Han Mei,\n"))
        try scratch.store.importTransactions(
            from: try scratch.file(
                "t.csv",
                "customer_id,date,amount\nC1,2024-01-01,10\nC1,2024-02-01,5\nC2,2024-01-03,7\nC3,2024-01-09,1\n"))
        try scratch.store.importMarketing(from: try scratch.file("m.csv", "customer_id,date,spend\nC1,2024-01-01,2\n"))
        try scratch.store.importPayments(
            from: try scratch.file("p.csv", "customer_id,due_date,paid_date,amount_due\nC1,2024-01-10,,10\n"))
        try scratch.store.savePredictions(
            PredictionSet(
                model: "bgnbd", spendModel: nil, settings: "{}", ids: ["C1", "C2"], probabilityAlive: [0.5, 0.5],
                expectedPurchases: [1, 1], expectedSpend: nil, clv: nil))
        let summary = try scratch.store.summary()
        try scratch.store.saveAnalysisRun(
            name: nil, asOf: summary.observationEnd, settings: "{}", overview: "{}",
            results: AnalysisResults(
                summary: summary, recencyDays: [0, 0, 0], r: [1, 1, 1], f: [1, 1, 1], m: [1, 1, 1],
                segment: ["a", "a", "a"]))
        return scratch
    }

    @Test func aCustomerIsErasedWithEverythingAboutThem() throws {
        let scratch = try filled()
        var expected = Deletion()
        expected.customers = 1
        expected.transactions = 2
        expected.marketing = 1
        expected.payments = 1
        expected.predictions = 1
        expected.analysisResults = 1
        // The id asked for with invisible spaces is the stored C1, and the deletion names it so.
        expected.customerID = "C1"
        #expect(try scratch.store.deleteCustomer("\u{A0}C1 ") == expected)
        #expect(try scratch.count("SELECT count(*) FROM customers WHERE id = 'C1' OR email IS NOT NULL") == 0)
        #expect(try scratch.transactions() == ["C2|2024-01-03|7.0", "C3|2024-01-09|1.0"])
        #expect(try scratch.store.analysisResults(1).results.ids == ["C2", "C3"])
        #expect(try scratch.store.payments().isEmpty)
        #expect(try scratch.store.transactionDayRange() == Day(iso: "2024-01-03")!...Day(iso: "2024-01-09")!)
        #expect(throws: StoreError(.notFound, "there is no customer \"C1\" in :memory:; nothing was deleted")) {
            try scratch.store.deleteCustomer("C1")
        }
    }

    @Test func erasedDataDoesNotLingerInTheFile() throws {
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("cvm.sqlite").path
        let store = try Store.create(at: path)
        let csv = try Fixtures.temporaryDirectory().appendingPathComponent("c.csv")
        try "customer_id,email\nC1,unique-secret-address@example.com\n".write(
            to: csv, atomically: true, encoding: .utf8)
        try store.importCustomers(from: csv)
        try store.deleteCustomer("C1")
        for file in [path, path + "-wal"] {
            let bytes = (try? Data(contentsOf: URL(fileURLWithPath: file))) ?? Data()
            #expect(bytes.range(of: Data("unique-secret-address".utf8)) == nil)
        }
    }

    @Test func anImportIsDeletedWithItsRowsOnly() throws {
        let scratch = try filled()
        let imports = try scratch.store.imports()
        #expect(imports.map(\.kind) == [.customers, .transactions, .marketing, .payments])
        var expected = Deletion()
        expected.transactions = 4
        expected.customers = 1  // C3, created bare by the transactions import
        expected.analysisResults = 1
        #expect(try scratch.store.deleteImport(imports[1].id) == expected)
        #expect(try scratch.transactions().isEmpty)
        #expect(try scratch.count("SELECT count(*) FROM customers") == 2)
        #expect(try scratch.count("SELECT count(*) FROM marketing") == 1)
        #expect(try scratch.store.transactionDayRange() == nil)
        #expect(try scratch.store.imports().count == 3)
    }

    @Test func inexactDeletionsAreRefused() throws {
        let scratch = try filled()
        let before = try scratch.snapshot()
        #expect(
            throws: StoreError(
                .notDeletable,
                "import 1 (c.csv) is a customers import: other imports refer to the customers it created, and the "
                    + "fields it set replaced earlier ones, so deleting it cannot be exact; delete customers one by "
                    + "one instead. Nothing was deleted")
        ) { try scratch.store.deleteImport(1) }
        try scratch.store.importTransactions(
            from: try scratch.file("o.csv", "order_id,customer_id,date,amount\nO1,C2,2024-03-01,1\n"))
        let correction = try scratch.store.importTransactions(
            from: try scratch.file("o2.csv", "order_id,customer_id,date,amount\nO1,C2,2024-03-01,2\n"))
        #expect(
            throws: StoreError(
                .notDeletable,
                "import \(correction.importID) (o2.csv) changed 1 rows that earlier imports had stored, and their "
                    + "earlier values are not kept, so deleting it cannot restore them. Nothing was deleted")
        ) { try scratch.store.deleteImport(correction.importID) }
        #expect(throws: StoreError(.notFound, "there is no import 99 in :memory:; nothing was deleted")) {
            try scratch.store.deleteImport(99)
        }
        #expect(try scratch.snapshot()[0] == before[0])
    }
}
