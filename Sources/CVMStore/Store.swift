import Foundation
import GRDB

/// The customer database: one SQLite file holding customers, transactions and import history.
///
/// ```swift
/// let store = try Store.create(at: "cvm.sqlite")      // cvm init
/// let store = try Store.open(at: "cvm.sqlite")        // every other command
/// ```
public final class Store: Sendable {
    /// Where the database lives, as the user gave it.
    public let path: String
    let writer: DatabasePool

    private init(path: String, writer: DatabasePool) {
        self.path = path
        self.writer = writer
    }

    /// Creates a new database file, or upgrades an existing cvm database in place.
    ///
    /// Throws `.foreignDatabase` when the file exists but belongs to another program.
    public static func create(at path: String) throws -> Store {
        if FileManager.default.fileExists(atPath: path) { return try open(at: path) }
        let queue = try connect(path)
        try migrate(queue, path: path)
        return Store(path: path, writer: queue)
    }

    /// Opens an existing cvm database; throws a `StoreError` that says what to do otherwise.
    public static func open(at path: String) throws -> Store {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw StoreError(
                .missingDatabase,
                "no database at \(path): run `cvm init` to create one, or pass --database PATH")
        }
        guard !isDirectory.boolValue else {
            throw StoreError(.notADatabase, "\(path) is a directory, not a database file")
        }
        let queue = try connect(path)
        let applicationID: Int32
        do {
            applicationID = try queue.read { db in try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0 }
        } catch {
            throw StoreError(.notADatabase, "\(path) is not a SQLite database (is it the right file?)")
        }
        let tables = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0 }
        if applicationID != Schema.applicationID && !(applicationID == 0 && tables == 0) {
            throw StoreError(
                .foreignDatabase,
                "\(path) is a SQLite database of another program, not a cvm database; choose another --database")
        }
        try migrate(queue, path: path)
        return Store(path: path, writer: queue)
    }

    private static func connect(_ path: String) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            // The pool runs in WAL mode: readers are never blocked and large imports are faster.
            // NORMAL sync is still crash-safe in WAL mode (a crash can lose the last commit,
            // never corrupt the file or keep half of one).
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA cache_size = -262144")  // 256 MiB page cache
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        do {
            return try DatabasePool(path: path, configuration: configuration)
        } catch let error as DatabaseError {
            throw StoreError(.notADatabase, "cannot open \(path) as a SQLite database: \(error.message ?? "\(error)")")
        }
    }

    private static func migrate(_ queue: DatabasePool, path: String) throws {
        let migrator = Schema.migrator
        let known = Set(migrator.migrations)
        let applied = try queue.read { db in try migrator.appliedIdentifiers(db) }
        if !applied.isSubset(of: known) {
            throw StoreError(
                .newerSchema, "\(path) was written by a newer version of cvm; upgrade cvm to open it")
        }
        try migrator.migrate(queue)
    }

    /// Runs `body` with read access.
    public func read<T>(_ body: (Database) throws -> T) throws -> T { try mapped { try writer.read(body) } }

    /// Runs `body` in one write transaction: everything or nothing.
    public func write<T>(_ body: (Database) throws -> T) throws -> T { try mapped { try writer.write(body) } }

    /// Turns SQLite's errors into a `StoreError` that names the database; GRDB's own text is
    /// kept as the reason.
    func mapped<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StoreError(.database, "the database \(path) failed: \(error.message ?? "\(error.resultCode)")")
        }
    }

    /// Runs `body` for parts `0..<count` at once, each on its own read connection, and returns
    /// the results in part order.
    func concurrentReads<T>(_ count: Int, _ body: @Sendable (Database, Int) throws -> T) throws -> [T] {
        guard count > 1 else { return try (0..<count).map { part in try read { try body($0, part) } } }
        var results = [Result<T, Error>?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: count) { part in
                out[part] = Result { try mapped { try writer.read { try body($0, part) } } }
            }
        }
        return try results.map { try $0!.get() }
    }

    /// Customer key ranges that split the customers into one part per core.
    func customerKeyRanges() throws -> [ClosedRange<Int64>] {
        let bounds = try read { db in try Row.fetchOne(db, sql: "SELECT MIN(key), MAX(key) FROM customers") }
        guard let bounds, let low: Int64 = bounds[0], let high: Int64 = bounds[1] else { return [0...0] }
        let parts = Int64(max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8)))
        let size = (high - low + parts) / parts
        return stride(from: low, through: high, by: Int(size)).map { $0...min($0 + size - 1, high) }
    }

    /// Counts of what the database holds.
    public func counts() throws -> (customers: Int, transactions: Int) {
        try read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM customers") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM transactions") ?? 0
            )
        }
    }
}
