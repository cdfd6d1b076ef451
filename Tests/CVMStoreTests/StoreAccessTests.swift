import CustomerValue
import Foundation
import GRDB
import Testing
import _CVMTestSupport

@testable import CVMStore

/// Opening read-only, upgrading older schemas, and two writers at once.
@Suite struct StoreAccessTests {
    func modified(_ path: String) throws -> [FileAttributeKey: Any] {
        try FileManager.default.attributesOfItem(atPath: path).filter { $0.key == .size || $0.key == .modificationDate }
    }

    @Test func readOnlyNeverCreatesOrTurnsAFileIntoADatabase() throws {
        let directory = try Fixtures.temporaryDirectory()
        let missing = directory.appendingPathComponent("none.sqlite").path
        #expect(throws: StoreError.self) { try Store.open(at: missing, mode: .readOnly) }
        #expect(!FileManager.default.fileExists(atPath: missing))
        let empty = directory.appendingPathComponent("empty.sqlite").path
        FileManager.default.createFile(atPath: empty, contents: Data())
        #expect(throws: StoreError(.notADatabase, "\(empty) is an empty file, not a cvm database")) {
            try Store.open(at: empty, mode: .readOnly)
        }
        // Nor does a command that writes: only creating a database makes one of an empty file.
        #expect(throws: StoreError(.notADatabase, "\(empty) is an empty file, not a cvm database")) {
            try Store.open(at: empty)
        }
        #expect(try FileManager.default.attributesOfItem(atPath: empty)[.size] as? Int == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["empty.sqlite"])
        _ = try Store.create(at: empty)
        #expect(try Store.open(at: empty, mode: .readOnly).counts() == (0, 0))
    }

    @Test func readOnlyReadsAndRefusesWrites() throws {
        let directory = try Fixtures.temporaryDirectory()
        let path = directory.appendingPathComponent("cvm.sqlite").path
        let csv = directory.appendingPathComponent("t.csv")
        try "customer_id,date,amount\nc,2024-01-01,5\n".write(to: csv, atomically: true, encoding: .utf8)
        do {
            let store = try Store.create(at: path)
            try store.importTransactions(from: csv)
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let store = try Store.open(at: path, mode: .readOnly)
        #expect(try store.counts() == (1, 1))
        #expect(try store.summary().ids == ["c"])
        #expect(throws: StoreError(.readOnly, "\(path) was opened read-only; nothing was stored")) {
            try store.importTransactions(from: csv)
        }
        #expect(throws: StoreError.self) { try store.deleteCustomer("c") }
        #expect(try store.counts() == (1, 1))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    /// A database as an older cvm left it: the migrations up to `version`, and some rows.
    func database(upTo version: String) throws -> String {
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("old.sqlite").path
        let pool = try DatabasePool(path: path)
        try Schema.migrator.migrate(pool, upTo: version)
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO imports (id, kind, file, bytes, rows_read, rows_stored, first_day, last_day, imported_at)
                    VALUES (1, 'transactions', 'a.csv', 10, 2, 2, 19723, 19724, '2024-01-01T00:00:00Z'),
                           (2, 'transactions', 'b.csv', 10, 1, 1, 19730, 19730, '2024-02-01T00:00:00Z');
                    INSERT INTO customers (key, id, import_id) VALUES (1, 'c', 1);
                    INSERT INTO transactions (customer, day, row_key, occurrence, amount, order_id, import_id)
                    VALUES (1, 19723, 7, 1, 10, 'O1', 1), (1, 19724, 8, 1, 20, 'O2', 1), (1, 19730, 7, 1, 11, 'O1', 2),
                           (1, 19725, 9, 1, 3, 'O3', 1), (1, 19726, 9, 1, 4, 'O3', 1);
                    """)
        }
        return path
    }

    @Test(arguments: ["v1", "v2", "v3"])
    func olderSchemasAreUpgradedWhenOpenedForWriting(_ version: String) throws {
        let path = try database(upTo: version)
        #expect(
            throws: StoreError(
                .olderSchema,
                "\(path) has the schema of an older version of cvm (\(version)); it is upgraded in place, keeping its "
                    + "data, the first time it is opened for writing. Nothing was changed.")
        ) { try Store.open(at: path, mode: .readOnly) }
        let store = try Store.open(at: path)
        #expect(
            try store.read { db in try Schema.migrator.appliedIdentifiers(db) } == [
                "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11",
            ])
        // Order O1 stored twice by the old de-duplication (re-exported with another date): the
        // later import's line is kept. Order O3's two lines on two days of one file stay two lines.
        #expect(try store.counts() == (1, 4))
        #expect(
            try store.read { db in
                try Row.fetchAll(db, sql: "SELECT amount, occurrence FROM transactions ORDER BY day").map {
                    "\($0[0] as Double)/\($0[1] as Int)"
                }
            } == ["20.0/1", "3.0/1", "4.0/2", "11.0/1"])
        #expect(try store.payments().isEmpty && store.analysisRuns().isEmpty)
        #expect(try Store.open(at: path, mode: .readOnly).counts() == (1, 4))
    }

    @Test func aNewerSchemaIsRefused() throws {
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("new.sqlite").path
        _ = try Store.create(at: path)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
        }
        let error = StoreError(.newerSchema, "\(path) was written by a newer version of cvm; upgrade cvm to open it")
        #expect(throws: error) { try Store.open(at: path) }
        #expect(throws: error) { try Store.open(at: path, mode: .readOnly) }
    }

    @Test func aSecondWriterWaitsThenSaysBusy() throws {
        let directory = try Fixtures.temporaryDirectory()
        let path = directory.appendingPathComponent("cvm.sqlite").path
        let csv = directory.appendingPathComponent("t.csv")
        try "customer_id,date,amount\nc,2024-01-01,5\n".write(to: csv, atomically: true, encoding: .utf8)
        let first = try Store.create(at: path)
        let second = try Store.open(at: path, busyTimeout: 0.3)
        let holding = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        // The first writer holds its write transaction for a second.
        DispatchQueue.global().async {
            try? first.write { db in
                try db.execute(sql: "INSERT INTO customers (key, id) VALUES (100, 'writer')")
                holding.signal()
                Thread.sleep(forTimeInterval: 1)
            }
            done.signal()
        }
        holding.wait()
        let started = Date()
        #expect(
            throws: StoreError(
                .busy,
                "another import or analysis is writing to \(path); nothing was stored, try again when it has finished")
        ) { try second.importTransactions(from: csv) }
        let waited = Date().timeIntervalSince(started)
        #expect(waited >= 0.25 && waited < 0.9)
        done.wait()
        #expect(try second.counts() == (1, 0))
        #expect(try second.imports().isEmpty)
        // Within the timeout, the second writer just waits its turn.
        let patient = try Store.open(at: path, busyTimeout: 10)
        DispatchQueue.global().async {
            try? first.write { _ in
                holding.signal()
                Thread.sleep(forTimeInterval: 0.3)
            }
        }
        holding.wait()
        #expect(try patient.importTransactions(from: csv).rowsStored == 1)
    }

    @Test func inMemoryStoreHasTheCurrentSchema() throws {
        let store = try Store.inMemory()
        #expect(store.path == ":memory:")
        #expect(
            try store.read { db in try Schema.migrator.appliedIdentifiers(db) } == [
                "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11",
            ])
        #expect(try store.counts() == (0, 0))
    }
}
