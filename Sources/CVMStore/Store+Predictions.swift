import CustomerValue
import Foundation
import GRDB

/// Per-customer predictions of one `cvm predict` run, kept for later analyses and reports.
public struct PredictionSet: Sendable {
    public var model: String
    public var spendModel: String?
    /// The settings that made the predictions (parameters, horizon, unit, discount rate, margin,
    /// as-of date), as a JSON object.
    public var settings: String
    public var ids: [String]
    public var probabilityAlive: [Double]
    public var expectedPurchases: [Double]
    public var expectedSpend: [Double]?
    public var clv: [Double]?

    public init(
        model: String, spendModel: String?, settings: String, ids: [String], probabilityAlive: [Double],
        expectedPurchases: [Double], expectedSpend: [Double]?, clv: [Double]?
    ) {
        self.model = model
        self.spendModel = spendModel
        self.settings = settings
        self.ids = ids
        self.probabilityAlive = probabilityAlive
        self.expectedPurchases = expectedPurchases
        self.expectedSpend = expectedSpend
        self.clv = clv
    }
}

extension Store {
    /// Stores a prediction run; the predictions of earlier runs are replaced (their settings stay
    /// in `prediction_runs` as history). Customers unknown to the database are skipped.
    /// - Returns: the run's id and how many customers were stored.
    @discardableResult
    public func savePredictions(_ set: PredictionSet) throws -> (run: Int64, stored: Int) {
        try write { db in
            var keys: [String: Int64] = [:]
            let cursor = try Row.fetchCursor(db, sql: "SELECT key, id FROM customers")
            while let row = try cursor.next() { keys[row[1]] = row[0] }
            try db.execute(sql: "DELETE FROM predictions")
            try db.execute(
                sql:
                    "INSERT INTO prediction_runs (model, spend_model, settings, customers, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    set.model, set.spendModel, set.settings, set.ids.count, ISO8601DateFormatter().string(from: Date()),
                ])
            let run = db.lastInsertedRowID
            let insert = try db.makeStatement(
                sql:
                    "INSERT INTO predictions (run, customer, p_alive, expected_purchases, expected_spend, clv) VALUES (?, ?, ?, ?, ?, ?)"
            )
            var stored = 0
            for (i, id) in set.ids.enumerated() {
                guard let key = keys[id] else { continue }
                try insert.execute(arguments: [
                    run, key, set.probabilityAlive[i], set.expectedPurchases[i], set.expectedSpend?[i], set.clv?[i],
                ])
                stored += 1
            }
            return (run, stored)
        }
    }

    /// The settings and row count of the latest prediction run, if any.
    public func latestPredictionRun() throws -> (model: String, settings: String, customers: Int)? {
        try read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT r.model, r.settings, (SELECT count(*) FROM predictions p WHERE p.run = r.id)
                        FROM prediction_runs r ORDER BY r.id DESC LIMIT 1
                        """)
            else { return nil }
            return (row[0], row[1], row[2])
        }
    }
}
