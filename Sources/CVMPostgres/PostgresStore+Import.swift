import CVMStore
import CustomerValue
import Foundation

/// Imports: the file is read, checked and keyed by the SQLite store's importer into a private
/// staging database (`StagedImport`: the same header mapping, row checks, line-exact errors,
/// rejects file, row keys and occurrences as an import into SQLite), then, in one transaction,
/// its rows go to temporary tables with `COPY … FROM STDIN` and are merged into the stored ones
/// by SQL with the SQLite importers' rules (new customers numbered in the order the file names
/// them, `ON CONFLICT` upserts that count a row as stored, updated or a duplicate, order lines
/// corrected or refused). A failure anywhere, or a killed process, leaves the database as it was.
///
/// One difference in counting: a customers file that names the same customer twice counts the
/// second row as a duplicate here, where SQLite counts it as an update when it changes a field
/// (the stored result is the same).
extension PostgresStore {
    public func importTransactions(from url: URL, options: ImportOptions) async throws -> ImportReport {
        try await runImport(.transactions, url: url, options: options)
    }

    public func importCustomers(from url: URL, options: ImportOptions) async throws -> ImportReport {
        try await runImport(.customers, url: url, options: options)
    }

    public func importMarketing(from url: URL, options: ImportOptions) async throws -> ImportReport {
        try await runImport(.marketing, url: url, options: options)
    }

    public func importPayments(from url: URL, options: ImportOptions) async throws -> ImportReport {
        try await runImport(.payments, url: url, options: options)
    }

    public func importInteractions(from url: URL, options: ImportOptions) async throws -> ImportReport {
        try await runImport(.interactions, url: url, options: options)
    }

    public func importComplaints(from url: URL, options: ImportOptions) async throws -> ImportReport {
        try await runImport(.complaints, url: url, options: options)
    }

    public func importSurveys(from url: URL, options: ImportOptions) async throws -> ImportReport {
        try await runImport(.surveys, url: url, options: options)
    }

    private static func table(_ kind: ImportReport.Kind) -> StagedImport.Table {
        switch kind {
        case .customers: .customers
        case .transactions: .transactions
        case .marketing: .marketing
        case .payments: .payments
        case .interactions: .interactions
        case .complaints: .complaints
        case .surveys: .surveys
        }
    }

    private func runImport(_ kind: ImportReport.Kind, url: URL, options: ImportOptions) async throws -> ImportReport {
        guard mode == .readWrite else {
            throw StoreError(.readOnly, "\(path) was opened read-only; nothing was stored")
        }
        let started = Date()
        let staged = try StagedImport.stage(kind, from: url, options: options)
        let table = Self.table(kind)
        let customers = try staged.copyText(.customers)
        let rows = kind == .customers ? [] : try staged.copyText(table)
        var report = try await write { s in
            var report = staged.report
            let customersBefore = try await s.one("SELECT count(*) FROM customers")!.int(0)
            let keyBefore = try await s.one("SELECT COALESCE(MAX(key), 0) FROM customers")!.int(0)
            let importID = try await s.one(
                """
                INSERT INTO imports (kind, file, bytes, imported_at)
                VALUES ($1, $2, $3, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                RETURNING id
                """, [.text(kind.rawValue), .text(url.path), .int(report.bytes)])!.int(0)
            report.importID = Int64(importID)
            // The staged customers, and (for the other kinds) the staged rows.
            let customerColumns = StagedImport.Table.customers.columns
            try await s.execute(
                "CREATE TEMP TABLE stage_customers ON COMMIT DROP AS SELECT "
                    + customerColumns.joined(separator: ", ") + " FROM customers WITH NO DATA")
            try await s.copy("stage_customers", customerColumns, customers)
            if kind != .customers {
                try await s.execute(
                    "CREATE TEMP TABLE stage_rows ON COMMIT DROP AS SELECT "
                        + table.columns.joined(separator: ", ") + " FROM \(Self.storedTable(kind)) WITH NO DATA")
                try await s.copy("stage_rows", table.columns, rows)
                try await s.execute("ANALYZE stage_rows")
            }
            let (stored, updated) = try await merge(
                kind, s, staged: staged, url: url, options: options, importID: importID, keyBefore: keyBefore)
            report.customersCreated = try await s.one("SELECT count(*) FROM customers")!.int(0) - customersBefore
            report.rowsStored = stored
            report.rowsUpdated = updated
            report.rowsDuplicate = report.rowsRead - report.rowsRejected - stored - updated
            try await s.execute(
                """
                UPDATE imports SET rows_read = $1, rows_stored = $2, rows_updated = $3, rows_duplicate = $4,
                    rows_rejected = $5, first_day = $6, last_day = $7
                WHERE id = $8
                """,
                [
                    .int(report.rowsRead), .int(stored), .int(updated), .int(report.rowsDuplicate),
                    .int(report.rowsRejected), .int(staged.dayRange?.lowerBound), .int(staged.dayRange?.upperBound),
                    .int(importID),
                ])
            if updated > 0, kind == .transactions { try await Self.refreshDayRanges(s) }
            return report
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    private static func storedTable(_ kind: ImportReport.Kind) -> String {
        kind == .surveys ? "survey_answers" : kind.rawValue
    }

    /// Creates the customers the file names that are not stored yet (bare, or with the file's
    /// fields for a customers file), numbered on from `keyBefore` in the order the file first
    /// names them, and maps every staged key to its stored one in `stage_map`.
    private func createCustomers(_ s: Session, kind: ImportReport.Kind, importID: Int, keyBefore: Int) async throws
        -> Int
    {
        let columns = StagedImport.Table.customers.columns.dropFirst()  // all but the staged key
        let fields = kind == .customers ? Array(columns) : ["id"]
        let created = try await s.changes(
            """
            INSERT INTO customers (key, \(fields.joined(separator: ", ")), import_id)
            SELECT $1 + row_number() OVER (ORDER BY s.key), \(fields.map { "s.\($0)" }.joined(separator: ", ")), $2
            FROM stage_customers s WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = s.id)
            """, [.int(keyBefore), .int(importID)])
        try await s.execute(
            """
            CREATE TEMP TABLE stage_map ON COMMIT DROP AS
            SELECT s.key AS skey, c.key AS key FROM stage_customers s JOIN customers c ON c.id = s.id
            """)
        try await s.execute("ALTER TABLE stage_map ADD PRIMARY KEY (skey)")
        return created
    }

    /// Merges the staged rows; returns the rows stored anew and the stored rows changed.
    private func merge(
        _ kind: ImportReport.Kind, _ s: Session, staged: StagedImport, url: URL, options: ImportOptions,
        importID: Int, keyBefore: Int
    ) async throws -> (stored: Int, updated: Int) {
        let created = try await createCustomers(s, kind: kind, importID: importID, keyBefore: keyBefore)
        switch kind {
        case .customers:
            let names = [
                "name", "type", "email", "phone", "region", "industry", "age_band", "gender", "income_band",
                "channel", "owner", "tags", "acquired_day", "birthday",
            ]
            let updates = names.map { "\($0) = coalesce(s.\($0), c.\($0))" }.joined(separator: ", ")
            let changed = names.map { "coalesce(s.\($0), c.\($0)) IS DISTINCT FROM c.\($0)" }
                .joined(separator: " OR ")
            let updated = try await s.changes(
                """
                UPDATE customers c SET \(updates), import_id = $1
                FROM stage_customers s
                WHERE c.id = s.id AND c.import_id IS DISTINCT FROM $1 AND (\(changed))
                """, [.int(importID)])
            return (created, updated)
        case .transactions:
            return try await mergeTransactions(
                s, staged: staged, url: url, options: options, importID: importID, keyBefore: keyBefore)
        case .marketing:
            return try await upsert(
                s, table: "marketing",
                columns: StagedImport.Table.marketing.columns,
                conflict: "row_key, occurrence", set: ["amount", "segment"], changed: ["amount", "segment"],
                importID: importID, optionalCustomer: true)
        case .payments:
            let set = ["due_day", "paid_day", "amount_due", "amount_paid", "invoice_id"]
            return try await upsert(
                s, table: "payments", columns: StagedImport.Table.payments.columns,
                conflict: "customer, row_key, occurrence", set: set, changed: set, importID: importID)
        case .interactions:
            let set = ["outcome", "direction", "stage", "note"]
            return try await upsert(
                s, table: "interactions", columns: StagedImport.Table.interactions.columns,
                conflict: "customer, day, row_key, occurrence", set: set, changed: set, importID: importID)
        case .complaints:
            let set = Array(StagedImport.Table.complaints.columns.dropFirst(3))
            return try await upsert(
                s, table: "complaints", columns: StagedImport.Table.complaints.columns,
                conflict: "customer, row_key, occurrence", set: set, changed: set, importID: importID)
        case .surveys:
            let set = Array(StagedImport.Table.surveys.columns.dropFirst(4))
            return try await upsert(
                s, table: "survey_answers", columns: StagedImport.Table.surveys.columns,
                conflict: "wave, response, attribute, competitor", set: set, changed: set, importID: importID,
                optionalCustomer: true)
        }
    }

    /// `INSERT … SELECT … ON CONFLICT DO UPDATE … WHERE changed` of the staged rows, counting the
    /// rows inserted and the rows changed.
    private func upsert(
        _ s: Session, table: String, columns: [String], conflict: String, set: [String], changed: [String],
        importID: Int, optionalCustomer: Bool = false
    ) async throws -> (stored: Int, updated: Int) {
        let select = columns.map { $0 == "customer" ? "m.key" : "r.\($0)" }.joined(separator: ", ")
        let join = optionalCustomer ? "LEFT JOIN" : "JOIN"
        let updates = (set + ["import_id"]).map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        let differs = changed.map { "\(table).\($0) IS DISTINCT FROM excluded.\($0)" }.joined(separator: " OR ")
        let row = try await s.one(
            """
            WITH written AS (
                INSERT INTO \(table) (\(columns.joined(separator: ", ")), import_id)
                SELECT \(select), $1 FROM stage_rows r \(join) stage_map m ON m.skey = r.customer
                ON CONFLICT (\(conflict)) DO UPDATE SET \(updates)
                WHERE \(differs)
                RETURNING (xmax = 0) AS inserted
            )
            SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM written
            """, [.int(importID)])!
        return (try row.int(0), try row.int(1))
    }

    /// Transactions: order lines already stored for customers who existed before the import are
    /// compared with the file's (a correction updates them, or is refused), the other rows go in
    /// with `ON CONFLICT DO NOTHING` on the primary key.
    private func mergeTransactions(
        _ s: Session, staged: StagedImport, url: URL, options: ImportOptions, importID: Int, keyBefore: Int
    ) async throws -> (stored: Int, updated: Int) {
        let present = staged.transactionColumns
        let details = ["quantity", "cost", "discount", "product", "category", "channel"].filter(present.contains)
        var updated = 0
        var hasOrders = false
        if present.contains("order_id") {
            hasOrders =
                try await s.one(
                    "SELECT CASE WHEN EXISTS (SELECT 1 FROM transactions WHERE order_id IS NOT NULL) THEN 1 ELSE 0 END")!
                .int(0) != 0
        }
        if hasOrders {
            let same =
                (["t.day = r.day", "t.amount = r.amount", "(r.time IS NULL OR t.time IS NOT DISTINCT FROM r.time)"]
                + details.map { "t.\($0) IS NOT DISTINCT FROM r.\($0)" }).joined(separator: " AND ")
            try await s.execute(
                """
                CREATE TEMP TABLE stage_matched ON COMMIT DROP AS
                SELECT r.customer, r.row_key, r.occurrence, NOT (\(same)) AS changed
                FROM stage_rows r JOIN stage_map m ON m.skey = r.customer
                JOIN transactions t ON t.customer = m.key AND t.row_key = r.row_key AND t.occurrence = r.occurrence
                    AND t.order_id IS NOT NULL
                WHERE r.order_id IS NOT NULL AND m.key <= $1
                """, [.int(keyBefore)])
            let changedCount = try await s.one("SELECT count(*) FROM stage_matched WHERE changed")!.int(0)
            if changedCount > 0, options.changedOrders == .refuse {
                try await refuseChangedOrder(s, url: url, options: options)
            }
            if changedCount > 0 {
                let sets =
                    ["day = r.day", "amount = r.amount", "time = coalesce(r.time, t.time)"]
                    + details.map { "\($0) = r.\($0)" }
                updated = try await s.changes(
                    """
                    UPDATE transactions t SET \(sets.joined(separator: ", ")), import_id = $1
                    FROM stage_rows r JOIN stage_map m ON m.skey = r.customer
                    JOIN stage_matched x ON x.customer = r.customer AND x.row_key = r.row_key
                        AND x.occurrence = r.occurrence AND x.changed
                    WHERE t.customer = m.key AND t.row_key = r.row_key AND t.occurrence = r.occurrence
                        AND t.order_id IS NOT NULL
                    """, [.int(importID)])
            }
        }
        let columns = ["day", "row_key", "occurrence", "amount", "time"] + present
        let unmatched =
            hasOrders
            ? """
            WHERE NOT EXISTS (SELECT 1 FROM stage_matched x WHERE x.customer = r.customer AND x.row_key = r.row_key
                AND x.occurrence = r.occurrence)
            """ : ""
        let stored = try await s.changes(
            """
            INSERT INTO transactions (customer, \(columns.joined(separator: ", ")), import_id)
            SELECT m.key, \(columns.map { "r.\($0)" }.joined(separator: ", ")), $1
            FROM stage_rows r JOIN stage_map m ON m.skey = r.customer
            \(unmatched)
            ON CONFLICT DO NOTHING
            """, [.int(importID)])
        return (stored, updated)
    }

    /// Throws the line-exact error SQLite gives for the first changed order line: the file is
    /// read again into a staging database that holds the stored lines it changes, so the
    /// importer compares them as it does in a `Store`.
    private func refuseChangedOrder(_ s: Session, url: URL, options: ImportOptions) async throws -> Never {
        var seed: [StagedImport.StoredOrderLine] = []
        try await s.forEachRow(
            """
            SELECT c.id, t.day, t.row_key, t.occurrence, t.amount, t.time, t.order_id, t.product, t.category,
                t.quantity, t.cost, t.channel, t.discount, t.import_id
            FROM stage_matched x JOIN stage_map m ON m.skey = x.customer
            JOIN transactions t ON t.customer = m.key AND t.row_key = x.row_key AND t.occurrence = x.occurrence
                AND t.order_id IS NOT NULL
            JOIN customers c ON c.key = t.customer
            WHERE x.changed
            ORDER BY t.customer, t.row_key, t.occurrence
            """
        ) { row in
            seed.append(
                StagedImport.StoredOrderLine(
                    customerID: try row.text(0), day: try row.int(1), rowKey: try row.int64(2),
                    occurrence: try row.int64(3), amount: try row.double(4), time: try row.optionalText(5),
                    orderID: try row.text(6), product: try row.optionalText(7), category: try row.optionalText(8),
                    quantity: try row.optionalDouble(9), cost: try row.optionalDouble(10),
                    channel: try row.optionalText(11), discount: try row.optionalDouble(12),
                    importID: try row.int64(13)))
        }
        _ = try StagedImport.stage(.transactions, from: url, options: options, seed: seed)
        throw ImportError(
            .database,
            "cannot import \(url.lastPathComponent) into \(path): it changes \(seed.count) stored order lines; "
                + "nothing was imported")
    }
}
