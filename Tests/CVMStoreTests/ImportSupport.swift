import CustomerValue
import Foundation
import GRDB
import _CVMTestSupport

@testable import CVMStore

/// A fresh database in a temporary directory, and helpers to write files into it.
struct Scratch {
    let directory: URL
    let store: Store

    init() throws {
        directory = try Fixtures.temporaryDirectory()
        store = try Store.inMemory()
    }

    func file(_ name: String, _ text: String) throws -> URL {
        try file(name, bytes: Array(text.utf8))
    }

    func file(_ name: String, bytes: [UInt8]) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    /// Transactions as `customer|YYYY-MM-DD|amount` (plus `|time` when there is one), sorted.
    func transactions() throws -> [String] {
        try store.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT c.id, t.day, t.amount, t.time FROM transactions t JOIN customers c ON c.key = t.customer
                    ORDER BY c.id, t.day, t.amount, t.time
                    """
            ).map { row in
                var text = "\(row[0] as String)|\(Day(number: row[1]))|\(row[2] as Double)"
                if let time: String = row[3] { text += "|\(time)" }
                return text
            }
        }
    }

    func count(_ sql: String) throws -> Int {
        try store.read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
    }

    /// Customers, transactions and imports recorded: to check that a failed import left nothing.
    func snapshot() throws -> [Int] {
        [
            try count("SELECT count(*) FROM customers"), try count("SELECT count(*) FROM transactions"),
            try count("SELECT count(*) FROM imports"),
        ]
    }

    /// Imports transactions and expects an `ImportError`; returns it.
    func failingImport(_ url: URL, _ options: ImportOptions = ImportOptions()) throws -> ImportError? {
        do {
            _ = try store.importTransactions(from: url, options: options)
            return nil
        } catch let error as ImportError {
            return error
        }
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
