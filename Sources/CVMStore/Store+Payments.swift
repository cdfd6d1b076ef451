import CustomerValue
import Foundation
import GRDB

extension Store {
    /// Imports a payments CSV: all rows or, on any invalid row, none.
    ///
    /// Columns (see `PaymentColumn`): `customer_id` (客户编号), `due_date` (应付日期/到期日),
    /// `paid_date` (实付日期/付款日期; empty = unpaid), `amount_due` (应付金额), optional
    /// `amount_paid` (实付金额; empty = the amount due when there is a paid date) and `invoice_id`
    /// (发票号). Unknown customers are created bare (id only). Re-importing a file stores nothing
    /// new; a later export in which a bill got paid updates it (matched by invoice id, or else by
    /// due date and amount due).
    ///
    /// - Throws: `ImportError` saying what is wrong and where; nothing of the file is stored then.
    public func importPayments(from url: URL, options: ImportOptions = ImportOptions()) throws -> ImportReport {
        let csv = try CSVImport<PaymentColumn>(url: url, options: options)
        let dates = try DateParser(pattern: options.dateFormat.map(DatePattern.init))
        return try runImport(csv, kind: .payments, started: Date()) { db, importID in
            try PaymentImporter(db, importID: importID, mapping: csv.mapping, dates: dates, options: csv.options)
        }
    }

    /// Every stored payment, by customer (in key order) and due date.
    public func payments() throws -> [Payment] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT c.id, p.due_day, p.paid_day, p.amount_due, p.amount_paid, p.invoice_id
                    FROM payments p JOIN customers c ON c.key = p.customer
                    ORDER BY p.customer, p.due_day, p.row_key, p.occurrence
                    """
            ).map { row in
                Payment(
                    customerID: row[0], due: Day(number: row[1]), paid: (row[2] as Int?).map(Day.init(number:)),
                    amountDue: row[3], amountPaid: row[4], invoiceID: row[5])
            }
        }
    }

    /// The first due day and the last due or paid day of the stored payments, or nil when there are none.
    public func paymentDayRange() throws -> ClosedRange<Day>? {
        try read { db in
            let row = try Row.fetchOne(
                db, sql: "SELECT MIN(due_day), MAX(max(due_day, coalesce(paid_day, due_day))) FROM payments")
            guard let row, let first: Int = row[0], let last: Int = row[1] else { return nil }
            return Day(number: first)...Day(number: last)
        }
    }
}
