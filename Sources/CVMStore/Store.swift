import Foundation
import GRDB

/// The customer database: one SQLite file (or an in-memory database) holding customers,
/// transactions, marketing spend, payments, predictions and analysis runs.
///
/// ```swift
/// let store = try Store.create(at: "cvm.sqlite")                   // make a new database
/// let store = try Store.open(at: "cvm.sqlite")                     // commands that write
/// let store = try Store.open(at: "cvm.sqlite", mode: .readOnly)    // commands that only read
/// let store = try Store.inMemory()                                 // tests, one-off analyses
/// ```
///
/// A read-only store never creates, upgrades or writes the file: a user who may read but not
/// write a database can still look at it. A write waits up to `busyTimeout` seconds for another
/// process's write to finish, then fails with `StoreError.Code.busy`, having stored nothing.
public final class Store: Sendable {
    /// How a store may use its database.
    public enum AccessMode: Sendable {
        /// Reads and writes; an older schema is upgraded when the store opens.
        case readWrite
        /// Reads only: nothing is created, upgraded or written.
        case readOnly
    }

    /// Seconds a write waits for another writer before failing with `.busy`.
    public static let defaultBusyTimeout: Double = 5

    /// Where the database lives, as the user gave it (`:memory:` for an in-memory store).
    public let path: String
    public let mode: AccessMode
    let database: any DatabaseWriter

    private init(path: String, mode: AccessMode, database: any DatabaseWriter) {
        self.path = path
        self.mode = mode
        self.database = database
    }

    /// Creates a new database file, or upgrades an existing cvm database in place (an empty
    /// file, or an empty SQLite database, becomes a cvm database).
    ///
    /// Throws `StoreError`: `.foreignDatabase` when the file belongs to another program,
    /// `.notADatabase`, `.newerSchema`, `.busy`.
    public static func create(at path: String, busyTimeout: Double = defaultBusyTimeout) throws -> Store {
        if FileManager.default.fileExists(atPath: path) {
            return try open(at: path, mode: .readWrite, busyTimeout: busyTimeout, acceptEmpty: true)
        }
        let pool = try connect(path, mode: .readWrite, busyTimeout: busyTimeout)
        try migrate(pool, path: path)
        return Store(path: path, mode: .readWrite, database: pool)
    }

    /// Opens an existing cvm database; throws a `StoreError` that says what to do otherwise.
    ///
    /// - `.missingDatabase`: there is no file; `.notADatabase`: a directory, an empty file or
    ///   an empty SQLite database, or not SQLite at all; `.foreignDatabase`: another program's
    ///   SQLite database; `.newerSchema`: written by a newer cvm; `.olderSchema` (read-only
    ///   only): written by an older cvm, to be upgraded by opening it for writing once;
    ///   `.busy`: another process is upgrading it.
    public static func open(
        at path: String, mode: AccessMode = .readWrite, busyTimeout: Double = defaultBusyTimeout
    ) throws -> Store {
        try open(at: path, mode: mode, busyTimeout: busyTimeout, acceptEmpty: false)
    }

    /// A new, empty database in memory, with the current schema: as easy to build as a file,
    /// and gone when the store is released.
    public static func inMemory() throws -> Store {
        var configuration = Configuration()
        configuration.label = "cvm in-memory"
        let queue = try DatabaseQueue(configuration: configuration)
        try Schema.migrator.migrate(queue)
        return Store(path: ":memory:", mode: .readWrite, database: queue)
    }

    private static func open(
        at path: String, mode: AccessMode, busyTimeout: Double, acceptEmpty: Bool
    ) throws -> Store {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw StoreError(
                .missingDatabase,
                "no database at \(path)")
        }
        guard !isDirectory.boolValue else {
            throw StoreError(.notADatabase, "\(path) is a directory, not a database file")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        if size == 0 && !acceptEmpty {
            throw StoreError(.notADatabase, "\(path) is an empty file, not a cvm database")
        }
        let pool = try connect(path, mode: mode, busyTimeout: busyTimeout)
        let applicationID: Int32
        let tables: Int
        do {
            (applicationID, tables) = try pool.read { db in
                (
                    try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
                )
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw StoreError.busy(path)
        } catch {
            throw StoreError(.notADatabase, "\(path) is not a SQLite database (is it the right file?)")
        }
        let isEmpty = applicationID == 0 && tables == 0
        if isEmpty && !acceptEmpty {
            throw StoreError(.notADatabase, "\(path) is an empty SQLite database, not a cvm database")
        }
        if applicationID != Schema.applicationID && !isEmpty {
            throw StoreError(
                .foreignDatabase,
                "\(path) is a SQLite database of another program, not a cvm database")
        }
        switch mode {
        case .readWrite: try migrate(pool, path: path)
        case .readOnly: try checkSchema(pool, path: path)
        }
        return Store(path: path, mode: mode, database: pool)
    }

    private static func connect(_ path: String, mode: AccessMode, busyTimeout: Double) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.readonly = mode == .readOnly
        configuration.busyMode = .timeout(max(0, busyTimeout))
        configuration.prepareDatabase { db in
            // The pool runs in WAL mode: readers are never blocked and large imports are faster.
            // NORMAL sync is still crash-safe in WAL mode (a crash can lose the last commit,
            // never corrupt the file or keep half of one).
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            try db.execute(sql: "PRAGMA cache_size = -262144")  // 256 MiB page cache
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        do {
            return try DatabasePool(path: path, configuration: configuration)
        } catch let error as DatabaseError {
            if error.resultCode == .SQLITE_BUSY { throw StoreError.busy(path) }
            throw StoreError(.notADatabase, "cannot open \(path) as a SQLite database: \(error.message ?? "\(error)")")
        }
    }

    private static func migrate(_ pool: DatabasePool, path: String) throws {
        let migrator = Schema.migrator
        do {
            let applied = try pool.read { db in try migrator.appliedIdentifiers(db) }
            if !applied.isSubset(of: Set(migrator.migrations)) {
                throw StoreError(.newerSchema, "\(path) was written by a newer version of cvm; upgrade cvm to open it")
            }
            try migrator.migrate(pool)
        } catch let error as DatabaseError {
            if error.resultCode == .SQLITE_BUSY { throw StoreError.busy(path) }
            throw StoreError(.database, "cannot upgrade \(path): \(error.message ?? "\(error.resultCode)")")
        }
    }

    /// The read-only counterpart of `migrate`: the schema must be the current one, since a
    /// read-only store may not upgrade it.
    private static func checkSchema(_ pool: DatabasePool, path: String) throws {
        let migrator = Schema.migrator
        let applied = try mappedOpen(path) { try pool.read { db in try migrator.appliedIdentifiers(db) } }
        if !applied.isSubset(of: Set(migrator.migrations)) {
            throw StoreError(.newerSchema, "\(path) was written by a newer version of cvm; upgrade cvm to open it")
        }
        if applied.count < migrator.migrations.count {
            let version = migrator.migrations.last(where: applied.contains) ?? "v0"
            throw StoreError(
                .olderSchema,
                "\(path) has the schema of an older version of cvm (\(version)); it is upgraded in place, keeping "
                    + "its data, the first time it is opened for writing. Nothing was changed.")
        }
    }

    private static func mappedOpen<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            if error.resultCode == .SQLITE_BUSY { throw StoreError.busy(path) }
            throw StoreError(.database, "the database \(path) failed: \(error.message ?? "\(error.resultCode)")")
        }
    }

    /// Runs `body` with read access.
    func read<T>(_ body: (Database) throws -> T) throws -> T { try mapped { try database.read(body) } }

    /// Runs `body` in one write transaction: everything or nothing.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try requireWritable()
        return try mapped { try database.write(body) }
    }

    /// Throws `.readOnly` for a store opened read-only, before anything is tried.
    func requireWritable() throws {
        guard mode == .readWrite else {
            throw StoreError(.readOnly, "\(path) was opened read-only; nothing was stored")
        }
    }

    /// Turns SQLite's errors into a `StoreError` that names the database; GRDB's own text is
    /// kept as the reason.
    func mapped<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StoreError(error, path: path)
        }
    }

    /// Runs `body` for parts `0..<count` at once, each on its own read connection, and returns
    /// the results in part order.
    ///
    /// Each part is one pass over a key range of the transactions, which leaves up to the page
    /// cache's 256 MiB on each connection that no later read wants soon: the pages are let go at
    /// the end (at 1,000,000 customers about 120 MB off the peak of an analysis run).
    func concurrentReads<T>(_ count: Int, _ body: @Sendable (Database, Int) throws -> T) throws -> [T] {
        guard count > 1 else {
            return try (0..<count).map { part in
                try read { db in
                    defer { db.releaseMemory() }
                    return try body(db, part)
                }
            }
        }
        var results = [Result<T, Error>?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: count) { part in
                out[part] = Result {
                    try mapped {
                        try database.read { db in
                            defer { db.releaseMemory() }
                            return try body(db, part)
                        }
                    }
                }
            }
        }
        return try results.map { try $0!.get() }
    }

    /// Customer key ranges that split the customers into one part per core (one part for an
    /// in-memory store, whose single connection serialises reads anyway).
    func customerKeyRanges() throws -> [ClosedRange<Int64>] {
        let bounds = try read { db in try Row.fetchOne(db, sql: "SELECT MIN(key), MAX(key) FROM customers") }
        guard let bounds, let low: Int64 = bounds[0], let high: Int64 = bounds[1] else { return [0...0] }
        let cores =
            Self.queryParts ?? (database is DatabaseQueue ? 1 : min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let parts = Int64(max(1, cores))
        let size = (high - low + parts) / parts
        return stride(from: low, through: high, by: Int(size)).map { $0...min($0 + size - 1, high) }
    }

    /// How many key ranges a per-customer query splits into, instead of one per core: for tests
    /// that show a result does not depend on the number of cores.
    @TaskLocal static var queryParts: Int?

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
