import CVMStore
import CustomerValue
import Foundation

/// Corrections and erasure, with the SQLite store's rules (see `Store.deleteCustomer` and
/// `Store.deleteImport`). PostgreSQL has no `secure_delete`: deleted rows stay in the table's
/// pages until `VACUUM` reuses them, which the server's autovacuum does on its own schedule.
extension PostgresStore {
    public func deleteCustomer(_ id: String) async throws -> Deletion {
        let normal = IdentifierText.normalised(id)
        return try await write { s in
            guard let key = try await s.one("SELECT key FROM customers WHERE id = $1", [.text(normal)])?.int(0) else {
                throw StoreError(.notFound, "there is no customer \"\(normal)\" in \(self.path); nothing was deleted")
            }
            var deletion = try await Self.deleteCustomers(s, keys: "SELECT $1::bigint", [.int(key)])
            deletion.customerID = normal
            try await Self.refreshDayRanges(s)
            return deletion
        }
    }

    public func deleteImport(_ id: Int64) async throws -> Deletion {
        try await write { s in
            guard
                let row = try await s.one(
                    "SELECT kind, file, rows_updated FROM imports WHERE id = $1", [.int(Int(id))])
            else {
                throw StoreError(.notFound, "there is no import \(id) in \(self.path); nothing was deleted")
            }
            let kind = try row.text(0)
            let file = try row.text(1)
            let updated = try row.int(2)
            if kind == ImportReport.Kind.customers.rawValue {
                throw StoreError(
                    .notDeletable,
                    "import \(id) (\(URL(fileURLWithPath: file).lastPathComponent)) is a customers import: other "
                        + "imports refer to the customers it created, and the fields it set replaced earlier ones, so "
                        + "deleting it cannot be exact; delete customers one by one instead. Nothing was deleted")
            }
            if updated > 0 {
                throw StoreError(
                    .notDeletable,
                    "import \(id) (\(URL(fileURLWithPath: file).lastPathComponent)) changed \(updated) rows that "
                        + "earlier imports had stored, and their earlier values are not kept, so deleting it cannot "
                        + "restore them. Nothing was deleted")
            }
            let tables = [
                "transactions": "transactions", "marketing": "marketing", "payments": "payments",
                "interactions": "interactions", "complaints": "complaints", "surveys": "survey_answers",
            ]
            guard let table = tables[kind] else {
                throw StoreError(.notFound, "import \(id) is of an unknown kind \"\(kind)\"; nothing was deleted")
            }
            var deletion = Deletion()
            let count = try await s.changes("DELETE FROM \(table) WHERE import_id = $1", [.int(Int(id))])
            switch table {
            case "transactions": deletion.transactions = count
            case "marketing": deletion.marketing = count
            case "interactions": deletion.interactions = count
            case "complaints": deletion.complaints = count
            case "survey_answers": deletion.surveyAnswers = count
            default: deletion.payments = count
            }
            let bare = try await Self.deleteCustomers(
                s,
                keys: """
                    SELECT c.key FROM customers c
                    WHERE c.import_id = $1 AND c.name IS NULL AND c.email IS NULL AND c.phone IS NULL
                        AND NOT EXISTS (SELECT 1 FROM transactions t WHERE t.customer = c.key)
                        AND NOT EXISTS (SELECT 1 FROM marketing m WHERE m.customer = c.key)
                        AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.customer = c.key)
                        AND NOT EXISTS (SELECT 1 FROM interactions i WHERE i.customer = c.key)
                        AND NOT EXISTS (SELECT 1 FROM complaints x WHERE x.customer = c.key)
                        AND NOT EXISTS (SELECT 1 FROM survey_answers s WHERE s.customer = c.key)
                    """, [.int(Int(id))])
            deletion.customers = bare.customers
            deletion.predictions = bare.predictions
            deletion.analysisResults = bare.analysisResults
            try await s.execute("DELETE FROM imports WHERE id = $1", [.int(Int(id))])
            if table == "transactions" { try await Self.refreshDayRanges(s) }
            return deletion
        }
    }

    /// Deletes the customers whose keys `keys` selects, and every row of theirs.
    private static func deleteCustomers(_ s: Session, keys: String, _ values: [Value]) async throws -> Deletion {
        try await s.execute("CREATE TEMP TABLE IF NOT EXISTS doomed (key BIGINT PRIMARY KEY) ON COMMIT DELETE ROWS")
        try await s.execute("DELETE FROM doomed")
        try await s.execute("INSERT INTO doomed (key) \(keys)", values)
        var deletion = Deletion()
        func delete(_ table: String, _ column: String) async throws -> Int {
            try await s.changes("DELETE FROM \(table) WHERE \(column) IN (SELECT key FROM doomed)")
        }
        deletion.transactions = try await delete("transactions", "customer")
        deletion.marketing = try await delete("marketing", "customer")
        deletion.payments = try await delete("payments", "customer")
        deletion.interactions = try await delete("interactions", "customer")
        deletion.complaints = try await delete("complaints", "customer")
        deletion.surveyAnswers = try await delete("survey_answers", "customer")
        deletion.predictions = try await delete("predictions", "customer")
        deletion.analysisResults = try await delete("analysis_results", "customer")
        _ = try await delete("analysis_ranks", "customer")
        deletion.careTasks = try await delete("care_tasks", "customer")
        deletion.customers = try await delete("customers", "key")
        try await s.execute("DELETE FROM doomed")
        return deletion
    }

    /// Recomputes the day range of every transactions import from the rows it still holds.
    static func refreshDayRanges(_ s: Session) async throws {
        try await s.execute(
            """
            UPDATE imports SET first_day = r.first, last_day = r.last
            FROM (SELECT import_id, MIN(day) AS first, MAX(day) AS last FROM transactions GROUP BY import_id) r
            WHERE imports.id = r.import_id
            """)
        try await s.execute(
            """
            UPDATE imports SET first_day = NULL, last_day = NULL
            WHERE kind = 'transactions' AND id NOT IN (SELECT DISTINCT import_id FROM transactions)
            """)
    }
}
