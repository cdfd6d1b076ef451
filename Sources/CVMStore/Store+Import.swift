import Foundation
import GRDB

extension Store {
    /// Imports a transactions CSV: all rows or, on any invalid row, none.
    ///
    /// Columns are recognised by English or Chinese headers (`customer_id`/`客户编号`,
    /// `date`/`日期`, `amount`/`金额`, …; see `TransactionColumn`) or named with
    /// `options.mapping`. Re-importing a file stores nothing new; an overlapping file adds only
    /// its new rows. Transactions of unknown customers create bare customers (id only).
    ///
    /// ```swift
    /// let report = try store.importTransactions(from: URL(fileURLWithPath: "orders.csv"))
    /// print(report.counts)   // 6,919 rows read: 6,919 stored, 0 duplicates skipped, 0 rejected
    /// ```
    ///
    /// An order line (a row with an order id) already stored for the customer, at the same
    /// line of the order, with another amount, date or detail is a correction: the file wins
    /// and the line is counted in `rowsUpdated` (`options.changedOrders` can refuse instead).
    ///
    /// - Throws: `ImportError` saying what is wrong and where (file, line, column, value);
    ///   nothing of the file is stored then. An error thrown by `options.progress` is rethrown.
    ///   `StoreError` `.busy` when another process kept the database locked past the busy
    ///   timeout, `.readOnly` for a store opened read-only.
    public func importTransactions(from url: URL, options: ImportOptions = ImportOptions()) throws -> ImportReport {
        let csv = try CSVImport<TransactionColumn>(url: url, options: options)
        let dates = try DateParser(pattern: options.dateFormat.map(DatePattern.init))
        let started = Date()
        do {
            return try importTransactions(csv, dates: dates, sorted: true, started: started)
        } catch is TransactionImporter.OutOfOrder {
            // Rolled back; run again counting occurrences over the whole file.
            return try importTransactions(csv, dates: dates, sorted: false, started: started)
        }
    }

    private func importTransactions(
        _ csv: CSVImport<TransactionColumn>, dates: DateParser, sorted: Bool, started: Date
    ) throws -> ImportReport {
        try runImport(csv, kind: .transactions, started: started) { db, importID in
            try TransactionImporter(
                db, importID: importID, mapping: csv.mapping, dates: dates, options: csv.options, sorted: sorted)
        }
    }

    /// Imports a customers CSV: an upsert by customer id, all rows or none.
    ///
    /// New ids add customers; known ids get their non-empty fields updated; rows that change
    /// nothing count as duplicates. Columns: see `CustomerColumn`.
    ///
    /// - Throws: `ImportError`, as `importTransactions(from:options:)`.
    public func importCustomers(from url: URL, options: ImportOptions = ImportOptions()) throws -> ImportReport {
        let csv = try CSVImport<CustomerColumn>(url: url, options: options)
        let dates = try DateParser(pattern: options.dateFormat.map(DatePattern.init))
        return try runImport(csv, kind: .customers, started: Date()) { db, importID in
            try CustomerImporter(db, importID: importID, mapping: csv.mapping, dates: dates, options: csv.options)
        }
    }

    /// Imports an interactions CSV (calls, visits, emails, messages, meetings): all rows or none.
    ///
    /// Columns: see `InteractionColumn`; channels, directions and journey stages in English or
    /// Chinese (see `InteractionChannel`, `InteractionDirection`, `JourneyStage`). Re-importing a
    /// file stores nothing new (see `InteractionImporter` for what identifies a contact).
    /// Interactions of unknown customers create bare customers (id only), as transactions do.
    ///
    /// - Throws: `ImportError`, as `importTransactions(from:options:)`.
    public func importInteractions(from url: URL, options: ImportOptions = ImportOptions()) throws -> ImportReport {
        let csv = try CSVImport<InteractionColumn>(url: url, options: options)
        let dates = try DateParser(pattern: options.dateFormat.map(DatePattern.init))
        return try runImport(csv, kind: .interactions, started: Date()) { db, importID in
            try InteractionImporter(db, importID: importID, mapping: csv.mapping, dates: dates, options: csv.options)
        }
    }

    /// Imports a complaints CSV: all rows or none.
    ///
    /// Columns: see `ComplaintColumn`. Satisfaction ratings are read on `options.satisfactionScale`
    /// (1–5 by default). Re-importing a file stores nothing new; a later export in which complaints
    /// got resolved updates them. Complaints of unknown customers create bare customers.
    ///
    /// - Throws: `ImportError`, as `importTransactions(from:options:)`; a resolution before the
    ///   opening, a severity outside 1–5, a rating outside the scale or of an open complaint are
    ///   invalid rows.
    public func importComplaints(from url: URL, options: ImportOptions = ImportOptions()) throws -> ImportReport {
        let csv = try CSVImport<ComplaintColumn>(url: url, options: options)
        let dates = try DateParser(pattern: options.dateFormat.map(DatePattern.init))
        return try runImport(csv, kind: .complaints, started: Date()) { db, importID in
            try ComplaintImporter(db, importID: importID, mapping: csv.mapping, dates: dates, options: csv.options)
        }
    }

    /// The frame every import shares: one write transaction holding the `imports` record and
    /// every stored row, so a failure anywhere stores nothing; counts of new customers and the
    /// day range of the rows are recorded with the import.
    func runImport<Column: ImportColumn, Importer: RowImporter>(
        _ csv: CSVImport<Column>, kind: ImportReport.Kind, started: Date,
        importer make: (Database, Int64) throws -> Importer
    ) throws -> ImportReport {
        var report = ImportReport(kind: kind, file: csv.file, bytes: csv.bytes)
        try requireWritable()
        // Upserts count a changed row as one change, like a new one; the table's size tells them apart.
        let upserted: String? =
            switch kind {
            case .marketing: "SELECT count(*) FROM marketing"
            case .payments: "SELECT count(*) FROM payments"
            case .interactions: "SELECT count(*) FROM interactions"
            case .complaints: "SELECT count(*) FROM complaints"
            case .surveys: "SELECT count(*) FROM survey_answers"
            case .customers, .transactions: nil
            }
        try importing(csv.file) {
            try database.write { db in
                let customersBefore = try Int.fetchOne(db, sql: "SELECT count(*) FROM customers") ?? 0
                let rowsBefore = try upserted.map { try Int.fetchOne(db, sql: $0) ?? 0 }
                report.importID = try Self.recordImport(
                    db, kind: kind, file: csv.options.recordedName ?? csv.url.path, bytes: csv.bytes)
                var importer = try make(db, report.importID)
                try csv.run(&importer, into: &report)
                report.customersCreated =
                    (try Int.fetchOne(db, sql: "SELECT count(*) FROM customers") ?? 0) - customersBefore
                if let upserted, let rowsBefore {
                    let inserted = (try Int.fetchOne(db, sql: upserted) ?? 0) - rowsBefore
                    report.rowsUpdated = report.rowsStored - inserted
                    report.rowsStored = inserted
                } else if kind == .customers {
                    report.rowsUpdated = report.rowsStored - report.customersCreated
                    report.rowsStored = report.customersCreated
                }
                try Self.finishImport(db, report)
                if let range = importer.dayRange {
                    try db.execute(
                        sql: "UPDATE imports SET first_day = ?, last_day = ? WHERE id = ?",
                        arguments: [range.lowerBound, range.upperBound, report.importID])
                }
                // Rows moved to other days, or taken over from earlier imports, change their ranges.
                if report.rowsUpdated > 0, kind == .transactions { try Self.refreshDayRanges(db) }
            }
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Runs `body`, turning a raw database error into an `ImportError` (a busy or read-only
    /// database into the `StoreError` every write throws for it).
    func importing(_ file: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_READONLY: throw StoreError(error, path: path)
            default: break
            }
            throw ImportError(
                .database,
                "cannot import \(file) into \(path): \(error.message ?? "\(error.resultCode)"); nothing was imported")
        }
    }

    static func recordImport(_ db: Database, kind: ImportReport.Kind, file: String, bytes: Int) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO imports (kind, file, bytes, imported_at)
                VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
                """,
            arguments: [kind.rawValue, file, bytes])
        return db.lastInsertedRowID
    }

    static func finishImport(_ db: Database, _ report: ImportReport) throws {
        try db.execute(
            sql: """
                UPDATE imports SET rows_read = ?, rows_stored = ?, rows_updated = ?, rows_duplicate = ?,
                    rows_rejected = ?
                WHERE id = ?
                """,
            arguments: [
                report.rowsRead, report.rowsStored, report.rowsUpdated, report.rowsDuplicate, report.rowsRejected,
                report.importID,
            ])
    }

    /// Recomputes the day range of every transactions import from the rows it still holds
    /// (after rows were updated, moved to a later import, or deleted). One scan of the table.
    static func refreshDayRanges(_ db: Database) throws {
        try db.execute(
            sql: """
                UPDATE imports SET first_day = r.first, last_day = r.last
                FROM (SELECT import_id, MIN(day) AS first, MAX(day) AS last FROM transactions GROUP BY import_id) r
                WHERE imports.id = r.import_id
                """)
        try db.execute(
            sql: """
                UPDATE imports SET first_day = NULL, last_day = NULL
                WHERE kind = 'transactions' AND id NOT IN (SELECT DISTINCT import_id FROM transactions)
                """)
    }
}
