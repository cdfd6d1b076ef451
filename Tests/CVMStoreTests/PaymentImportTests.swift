import CustomerValue
import Foundation
import GRDB
import Testing
import _CVMTestSupport

@testable import CVMStore

/// `Store.importPayments`: columns, defaults, bad inputs with their exact messages, re-import.
@Suite struct PaymentImportTests {
    func snapshot(_ scratch: Scratch) throws -> [Int] {
        [
            try scratch.count("SELECT count(*) FROM payments"), try scratch.count("SELECT count(*) FROM customers"),
            try scratch.count("SELECT count(*) FROM imports"),
        ]
    }

    func failing(_ scratch: Scratch, _ url: URL) -> ImportError? {
        do {
            _ = try scratch.store.importPayments(from: url)
            return nil
        } catch let error as ImportError {
            return error
        } catch {
            return nil
        }
    }

    static func day(_ text: String) -> Day { Day(iso: text)! }

    @Test func chineseHeadersAndTheAmountPaidDefault() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = try scratch.file(
            "p.csv",
            """
            客户编号,发票号,到期日,付款日期,应付金额,实付金额
            c1,F1,2024-01-10,2024-01-12,100,
            c1,F2,2024-02-10,,100,
            c2,,2024-01-31,2024-02-01,50,20

            """)
        let report = try scratch.store.importPayments(from: url)
        #expect(report.counts == "3 rows read: 3 stored, 0 duplicates skipped, 0 rejected")
        #expect(
            try scratch.store.payments() == [
                Payment(
                    customerID: "c1", due: Self.day("2024-01-10"), paid: Self.day("2024-01-12"), amountDue: 100,
                    amountPaid: 100, invoiceID: "F1"),
                Payment(
                    customerID: "c1", due: Self.day("2024-02-10"), paid: nil, amountDue: 100, amountPaid: 0,
                    invoiceID: "F2"),
                Payment(
                    customerID: "c2", due: Self.day("2024-01-31"), paid: Self.day("2024-02-01"), amountDue: 50,
                    amountPaid: 20),
            ])
        #expect(try scratch.store.paymentDayRange() == Self.day("2024-01-10")...Self.day("2024-02-10"))
    }

    @Test func missingPaidDateColumn() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let error = failing(scratch, try scratch.file("p.csv", "customer_id,due_date,amount_due\nc1,2024-01-01,5\n"))
        #expect(error?.code == .missingColumn)
        #expect(
            error?.message
                == "p.csv has no paid date column (looked for paid_date, payment_date, paid_on, 实付日期, 付款日期, 支付日期, "
                + "还款日期); its columns are: customer_id, due_date, amount_due. Map paid_date to one of its columns.")
        #expect(try snapshot(scratch) == [0, 0, 0])
    }

    @Test func badRowsAreListedAndNothingIsStored() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = try scratch.file(
            "p.csv",
            """
            customer_id,due_date,paid_date,amount_due,amount_paid
            c1,2024-02-30,,10,
            c1,,,10,
            c1,2024-01-01,2024/1/x,10,
            c1,2024-01-01,,-10,
            c1,2024-01-01,2024-01-02,10,-1
            c1,2024-01-01,,10,5
            c2,2024-01-01,,10,

            """)
        let error = failing(scratch, url)
        #expect(
            error?.rowErrors.map(\.description) == [
                "p.csv, line 2, column \"due_date\": \"2024-02-30\" is not a date (expected YYYY-MM-DD, YYYY/MM/DD, "
                    + "YYYYMMDD, an ISO-8601 date-time, or a date pattern)",
                "p.csv, line 3, column \"due_date\": the due date is empty",
                "p.csv, line 4, column \"paid_date\": \"2024/1/x\" is not a date (expected YYYY-MM-DD, YYYY/MM/DD, "
                    + "YYYYMMDD, an ISO-8601 date-time, or a date pattern)",
                "p.csv, line 5, column \"amount_due\": \"-10\" is negative: an amount due is 0 or more",
                "p.csv, line 6, column \"amount_paid\": \"-1\" is negative: an amount paid is 0 or more",
                "p.csv, line 7, column \"paid_date\": the paid date is empty but the amount paid is \"5\": give the date "
                    + "of the payment, or leave the amount paid empty for an unpaid bill",
            ])
        #expect(try snapshot(scratch) == [0, 0, 0])
    }

    /// Importing again stores nothing; a later export where a bill got paid updates that bill
    /// (by invoice id, or else by due date and amount due).
    @Test func reimportAndPaymentUpdates() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let before = """
            customer_id,invoice_id,due_date,paid_date,amount_due
            c1,F1,2024-01-10,,100
            c1,,2024-02-10,,80
            c1,,2024-02-10,,80

            """
        let first = try scratch.store.importPayments(from: try scratch.file("p.csv", before))
        #expect(first.counts == "3 rows read: 3 stored, 0 duplicates skipped, 0 rejected")
        let again = try scratch.store.importPayments(from: try scratch.file("p.csv", before))
        #expect(again.counts == "3 rows read: 0 stored, 3 duplicates skipped, 0 rejected")
        let after = """
            customer_id,invoice_id,due_date,paid_date,amount_due
            c1,F1,2024-01-10,2024-01-20,100
            c1,,2024-02-10,2024-02-11,80
            c1,,2024-02-10,,80

            """
        let update = try scratch.store.importPayments(from: try scratch.file("p2.csv", after))
        #expect(update.counts == "3 rows read: 0 stored, 2 updated, 1 duplicates skipped, 0 rejected")
        #expect(try scratch.count("SELECT count(*) FROM payments") == 3)
        #expect(try scratch.store.payments().map(\.paid) == [Self.day("2024-01-20"), Self.day("2024-02-11"), nil])
    }
}
