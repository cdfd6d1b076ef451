import GRDB

/// Stores the rows of a payments file: what a customer owed, when it was due, and
/// what was paid when. An empty paid date means unpaid; an empty amount paid with a paid date
/// means paid in full. Overdue days are not stored: they depend on the day one looks (see
/// `CreditMetrics`).
///
/// De-duplication: a row's key is its invoice id when it has one, else its due day and amount
/// due; `occurrence` counts rows of one customer with the same key in the file. Rows are
/// upserted on `(customer, row_key, occurrence)`, so importing a file again changes nothing,
/// and a later export in which a bill got paid updates that bill instead of adding a second one.
/// A row that changes nothing counts as a duplicate.
struct PaymentImporter: RowImporter {
    private let upsert: RawStatement
    private(set) var stored = 0
    private(set) var duplicates = 0
    private var dates: DateParser
    private(set) var customers: CustomerKeys
    private var occurrences: [Key: Int64] = [:]

    private let customerField: Int
    private let invoiceField: Int?
    private let dueField: Int
    private let paidDateField: Int
    private let amountDueField: Int
    private let amountPaidField: Int?

    private let amounts: AmountParser
    private let bounds: ImportBounds

    init(
        _ db: Database, importID: Int64, mapping: ColumnMapping<PaymentColumn>, dates: DateParser,
        options: ImportOptions
    ) throws {
        self.dates = dates
        self.amounts = AmountParser(options.decimalSeparator)
        self.bounds = ImportBounds(options)
        customers = try CustomerKeys(db, importID: importID)
        customerField = mapping[.customerID]!
        invoiceField = mapping[.invoiceID]
        dueField = mapping[.dueDate]!
        paidDateField = mapping[.paidDate]!
        amountDueField = mapping[.amountDue]!
        amountPaidField = mapping[.amountPaid]
        let changed = ["due_day", "paid_day", "amount_due", "amount_paid", "invoice_id"]
            .map { "\($0) IS NOT excluded.\($0)" }.joined(separator: " OR ")
        upsert = try RawStatement(
            db,
            """
            INSERT INTO payments (customer, row_key, occurrence, due_day, paid_day, amount_due, amount_paid, invoice_id,
                                  import_id)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, \(importID))
            ON CONFLICT (customer, row_key, occurrence) DO UPDATE
            SET due_day = excluded.due_day, paid_day = excluded.paid_day, amount_due = excluded.amount_due,
                amount_paid = excluded.amount_paid, invoice_id = excluded.invoice_id, import_id = excluded.import_id
            WHERE \(changed)
            """)
    }

    mutating func importRow(_ reader: CSVReader, store: Bool) throws -> RowOutcome {
        if let problem = reader.withField(customerField, { IdentifierText.problem($0, "the customer id") }) {
            return .invalid(column: customerField, reason: problem)
        }
        if let invoiceField,
            let problem = reader.withField(invoiceField, { IdentifierText.optionalProblem($0, "the invoice id") })
        {
            return .invalid(column: invoiceField, reason: problem)
        }
        if reader.withField(dueField, { trimmed($0).isEmpty }) {
            return .invalid(column: dueField, reason: "the due date is empty")
        }
        guard let due = reader.withField(dueField, { dates.parse($0) })?.day else {
            return .invalid(
                column: dueField, reason: "\"\(reader.string(dueField))\" is not a date (\(dates.expectation))")
        }
        if let problem = bounds.dueDay(due, reader.string(dueField)) {
            return .invalid(column: dueField, reason: problem)
        }
        var paid: Int?
        if !reader.withField(paidDateField, { trimmed($0).isEmpty }) {
            guard let date = reader.withField(paidDateField, { dates.parse($0) }) else {
                let value = reader.string(paidDateField)
                return .invalid(column: paidDateField, reason: "\"\(value)\" is not a date (\(dates.expectation))")
            }
            if let problem = bounds.day(date.day, reader.string(paidDateField)) {
                return .invalid(column: paidDateField, reason: problem)
            }
            paid = date.day
        }
        var amountDue: Double?
        if let problem = amount(amountDueField, reader, "an amount due", into: &amountDue) { return problem }
        guard let amountDue else {
            return .invalid(column: amountDueField, reason: "the amount due is empty")
        }
        var amountPaid: Double?
        if let amountPaidField, let problem = amount(amountPaidField, reader, "an amount paid", into: &amountPaid) {
            return problem
        }
        if paid == nil, let amountPaid, amountPaid > 0 {
            return .invalid(
                column: paidDateField,
                reason: "the paid date is empty but the amount paid is \"\(reader.string(amountPaidField!))\": "
                    + "give the date of the payment, or leave the amount paid empty for an unpaid bill")
        }
        guard store else { return .accepted }

        let customer = try reader.withField(customerField) { bytes in
            try IdentifierText.withNormalised(bytes) { try customers.key($0) }
        }
        var hash = FNV1a()
        let invoice = invoiceField.map { field in reader.withField(field) { IdentifierText.normalisedText($0) } } ?? nil
        if let invoice {
            hash.add(byte: 1)
            invoice.withUnsafeBufferPointer { hash.add($0) }
        } else {
            hash.add(byte: 2)
            hash.add(word: UInt64(bitPattern: Int64(due)))
            hash.add(word: amountDue.bitPattern)
        }
        let rowKey = Int64(bitPattern: hash.value)
        let key = Key(customer: customer, rowKey: rowKey)
        let occurrence = (occurrences[key] ?? 0) + 1
        occurrences[key] = occurrence

        upsert.bind(1, customer)
        upsert.bind(2, rowKey)
        upsert.bind(3, occurrence)
        upsert.bind(4, Int64(due))
        if let paid { upsert.bind(5, Int64(paid)) } else { upsert.bindNull(5) }
        upsert.bind(6, amountDue)
        upsert.bind(7, paid == nil ? 0 : amountPaid ?? amountDue)
        upsert.bind(8, invoice)
        if try upsert.step() == 0 { duplicates += 1 } else { stored += 1 }
        return .accepted
    }

    func finish() throws {}

    /// Reads an amount of 0 or more into `value` (nil for an empty cell); the outcome for an invalid one.
    private func amount(_ field: Int, _ reader: CSVReader, _ what: String, into value: inout Double?) -> RowOutcome? {
        if reader.withField(field, { trimmed($0).isEmpty }) { return nil }
        let parsed: Double
        switch reader.withField(field, { amounts.read($0) }) {
        case .value(let value): parsed = value
        case let reading: return .invalid(column: field, reason: amounts.problem(reader.string(field), reading))
        }
        if let problem = bounds.amount(parsed, reader.string(field)) { return .invalid(column: field, reason: problem) }
        guard parsed >= 0 else {
            return .invalid(column: field, reason: "\"\(reader.string(field))\" is negative: \(what) is 0 or more")
        }
        value = parsed
        return nil
    }

    private struct Key: Hashable {
        var customer: Int64
        var rowKey: Int64
    }
}
