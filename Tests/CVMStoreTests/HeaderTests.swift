import Foundation
import Testing

@testable import CVMStore

/// Two headers for one column are refused, naming both.
@Suite struct HeaderTests {
    @Test func duplicatedHeaderNameIsRefused() throws {
        let scratch = try Scratch()
        let url = try scratch.file("t.csv", "customer_id,date,amount,amount\nc,2024-01-01,1,2\n")
        #expect(
            try scratch.failingImport(url)
                == ImportError(
                    .duplicateColumn,
                    "t.csv has two amount columns, \"amount\" (column 3) and \"amount\" (column 4): remove all but one "
                        + "of them, or map amount to the one to use; nothing was imported"))
        #expect(try scratch.snapshot() == [0, 0, 0])
    }

    @Test func synonymsOfOneColumnAreRefused() throws {
        let scratch = try Scratch()
        let url = try scratch.file("t.csv", "客户编号,金额,date,Amount,交易金额\nc,1,2024-01-01,2,3\n")
        #expect(
            try scratch.failingImport(url)?.message
                == "t.csv has 3 amount columns, \"金额\" (column 2), \"Amount\" (column 4) and \"交易金额\" (column 5): "
                + "remove all but one of them, or map amount to the one to use; nothing was imported")
        // Naming the one to use settles it; the others are ignored.
        let report = try scratch.store.importTransactions(from: url, options: ImportOptions(mapping: ["amount": "金额"]))
        #expect(report.ignoredColumns == ["Amount", "交易金额"])
        #expect(try scratch.transactions() == ["c|2024-01-01|1.0"])
        // A mapping naming a header that appears twice is as ambiguous.
        let twice = try scratch.file("u.csv", "id,date,实付,实付\nc,2024-01-01,1,2\n")
        #expect(
            try scratch.failingImport(twice, ImportOptions(mapping: ["amount": "实付", "customer_id": "id"]))?.code
                == .duplicateColumn)
    }

    @Test func oneHeaderMappedToTwoColumnsIsRefused() throws {
        let scratch = try Scratch()
        let url = try scratch.file("t.csv", "customer_id,date,实付\nc,2024-01-01,1\n")
        #expect(
            try scratch.failingImport(url, ImportOptions(mapping: ["amount": "实付", "cost": "实付"]))
                == ImportError(
                    .duplicateColumn,
                    "t.csv: the column \"实付\" is mapped both to amount and to cost; map each to a column of its own; "
                        + "nothing was imported"))
        #expect(try scratch.snapshot() == [0, 0, 0])
    }

    @Test func everyKindOfFileIsChecked() throws {
        let scratch = try Scratch()
        let customers = try scratch.file("c.csv", "customer_id,客户编号,name\nc,d,x\n")
        #expect(throws: ImportError.self) { try scratch.store.importCustomers(from: customers) }
        do {
            _ = try scratch.store.importCustomers(from: customers)
        } catch let error as ImportError {
            #expect(error.code == .duplicateColumn && error.message.hasPrefix("c.csv has two customer id columns"))
        }
        let payments = try scratch.file(
            "p.csv", "customer_id,due_date,到期日,paid_date,amount_due\nc,2024-01-01,2024-01-01,,1\n")
        #expect(throws: ImportError.self) { try scratch.store.importPayments(from: payments) }
        #expect(try scratch.snapshot() == [0, 0, 0])
    }
}
