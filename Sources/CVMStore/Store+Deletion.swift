import CustomerValue
import Foundation
import GRDB

/// What a deletion removed, row counts by table.
public struct Deletion: Sendable, Equatable {
    public var customers = 0
    public var transactions = 0
    public var marketing = 0
    public var payments = 0
    public var interactions = 0
    public var complaints = 0
    /// Survey answers (one per response × attribute × competitor, and overall rows).
    public var surveyAnswers = 0
    public var predictions = 0
    /// Per-customer rows of stored analysis runs.
    public var analysisResults = 0
    /// The deleted customer's id as stored (the id asked for in its normal form), when one
    /// customer was deleted.
    public var customerID: String?
    /// Care tasks opened for the customer.
    public var careTasks = 0

    public init() {}
}

extension Store {
    /// Deletes a customer with everything stored about them: their transactions, marketing
    /// spend, payments, interactions, complaints, survey answers, predictions, rows of analysis
    /// runs and care tasks, and the customer record (name, contact, …) — a person's right to
    /// erasure. The id is matched in its normal form (see
    /// the import's id rules), so ` C1` and `C1` are one customer.
    ///
    /// Deleted content is overwritten in the file (`secure_delete`) and the write-ahead log is
    /// emptied, so the data does not linger in free pages. Figures computed from the customer
    /// before (a run's headline figures, a prediction run's settings) are not recomputed here.
    ///
    /// - Throws: `StoreError` `.notFound` for an unknown id, `.readOnly`, `.busy`.
    @discardableResult
    public func deleteCustomer(_ id: String) throws -> Deletion {
        let normal = IdentifierText.normalised(id)
        let deletion: Deletion = try write { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            guard let key = try Int64.fetchOne(db, sql: "SELECT key FROM customers WHERE id = ?", arguments: [normal])
            else {
                throw StoreError(.notFound, "there is no customer \"\(normal)\" in \(path); nothing was deleted")
            }
            var deletion = try Self.deleteCustomers(db, keys: "SELECT ?", arguments: [key])
            deletion.customerID = normal
            try Self.refreshDayRanges(db)
            return deletion
        }
        try checkpoint()
        return deletion
    }

    /// Deletes one import's rows: the transactions, marketing spend, payments, interactions,
    /// complaints or survey answers it stored, and
    /// the bare customers it created that hold nothing else; then the import's record.
    ///
    /// Refused (`.notDeletable`, nothing deleted) where that would not be exact: an import that
    /// updated rows earlier imports had stored (their earlier values are gone), and a customers
    /// import (later imports refer to the customers it created, and the fields it set replaced
    /// earlier ones). Rows of the import that a later import corrected belong to the later one
    /// and stay. Stored analysis runs are not recomputed.
    ///
    /// - Throws: `StoreError` `.notFound`, `.notDeletable`, `.readOnly`, `.busy`.
    @discardableResult
    public func deleteImport(_ id: Int64) throws -> Deletion {
        let deletion: Deletion = try write { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT kind, file, rows_updated FROM imports WHERE id = ?", arguments: [id])
            else {
                throw StoreError(.notFound, "there is no import \(id) in \(path); nothing was deleted")
            }
            let kind: String = row[0]
            let file: String = row[1]
            let updated: Int = row[2]
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
            var deletion = Deletion()
            try db.execute(sql: "PRAGMA secure_delete = ON")
            let tables = [
                "transactions": "transactions", "marketing": "marketing", "payments": "payments",
                "interactions": "interactions", "complaints": "complaints", "surveys": "survey_answers",
            ]
            guard let table = tables[kind] else {
                throw StoreError(.notFound, "import \(id) is of an unknown kind \"\(kind)\"; nothing was deleted")
            }
            try db.execute(sql: "DELETE FROM \(table) WHERE import_id = ?", arguments: [id])
            switch table {
            case "transactions": deletion.transactions = db.changesCount
            case "marketing": deletion.marketing = db.changesCount
            case "interactions": deletion.interactions = db.changesCount
            case "complaints": deletion.complaints = db.changesCount
            case "survey_answers": deletion.surveyAnswers = db.changesCount
            default: deletion.payments = db.changesCount
            }
            // Bare customers this import created, now holding nothing.
            let bare = try Self.deleteCustomers(
                db,
                keys: """
                    SELECT c.key FROM customers c
                    WHERE c.import_id = ? AND c.name IS NULL AND c.email IS NULL AND c.phone IS NULL
                        AND NOT EXISTS (SELECT 1 FROM transactions t WHERE t.customer = c.key)
                        AND NOT EXISTS (SELECT 1 FROM marketing m WHERE m.customer = c.key)
                        AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.customer = c.key)
                        AND NOT EXISTS (SELECT 1 FROM interactions i WHERE i.customer = c.key)
                        AND NOT EXISTS (SELECT 1 FROM complaints x WHERE x.customer = c.key)
                        AND NOT EXISTS (SELECT 1 FROM survey_answers s WHERE s.customer = c.key)
                    """, arguments: [id])
            deletion.customers = bare.customers
            deletion.predictions = bare.predictions
            deletion.analysisResults = bare.analysisResults
            try db.execute(sql: "DELETE FROM imports WHERE id = ?", arguments: [id])
            if table == "transactions" { try Self.refreshDayRanges(db) }
            return deletion
        }
        try checkpoint()
        return deletion
    }

    /// Deletes the customers whose keys `keys` selects, with every row that refers to them.
    /// Keys are taken from a temporary table so that each table is one indexed delete.
    private static func deleteCustomers(_ db: Database, keys: String, arguments: StatementArguments) throws
        -> Deletion
    {
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS doomed (key INTEGER PRIMARY KEY)")
        try db.execute(sql: "DELETE FROM doomed")
        try db.execute(sql: "INSERT INTO doomed (key) \(keys)", arguments: arguments)
        var deletion = Deletion()
        func delete(_ table: String, _ column: String) throws -> Int {
            try db.execute(sql: "DELETE FROM \(table) WHERE \(column) IN (SELECT key FROM doomed)")
            return db.changesCount
        }
        deletion.transactions = try delete("transactions", "customer")
        deletion.marketing = try delete("marketing", "customer")
        deletion.payments = try delete("payments", "customer")
        deletion.interactions = try delete("interactions", "customer")
        deletion.complaints = try delete("complaints", "customer")
        deletion.surveyAnswers = try delete("survey_answers", "customer")
        deletion.predictions = try delete("predictions", "customer")
        deletion.analysisResults = try delete("analysis_results", "customer")
        _ = try delete("analysis_ranks", "customer")
        deletion.careTasks = try delete("care_tasks", "customer")
        deletion.customers = try delete("customers", "key")
        try db.execute(sql: "DELETE FROM doomed")
        return deletion
    }

    /// Moves the write-ahead log into the file and empties it, so deleted rows are gone from both.
    private func checkpoint() throws {
        try mapped { try database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") } }
    }
}
