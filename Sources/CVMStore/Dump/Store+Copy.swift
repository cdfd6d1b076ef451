import Foundation
import GRDB
import GRDBSQLite

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A copy of a whole SQLite database, out (`withStoredRows`) and in (`restore(at:from:progress:)`).
extension Store {
    public func storedRowCounts() throws -> [String: Int] {
        try read { db in try Self.rowCounts(db) }
    }

    static func rowCounts(_ db: Database) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in StoredTables.all {
            counts[table.name] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.name)") ?? 0
        }
        return counts
    }

    /// A file database is read from a snapshot (one read transaction held open on its own
    /// connection, GRDB's `DatabaseSnapshot`), so an import or a run that commits meanwhile is
    /// not half in the copy; an in-memory one is read as it is.
    public func withStoredRows<T: Sendable>(_ body: (any StoredRowSource) async throws -> T) async throws -> T {
        let reader: any DatabaseReader
        if let pool = database as? DatabasePool {
            reader = try mapped { try pool.makeSnapshot() }
        } else {
            reader = database
        }
        return try await body(SQLiteRowSource(path: path, reader: reader))
    }

    /// Writes a copy read from `source` into a new database at `path`: whole or not at all.
    ///
    /// The copy is built in a file beside `path` and renamed onto it at the end, so a failure or a
    /// killed process leaves no database at `path` (or the empty one that was there). A database
    /// at `path` that holds any row is refused (`.notEmpty`) before anything is read. The rows of
    /// each table must number what `source.rowCounts()` says.
    public static func restore(at path: String, from source: any StoredRowSource, progress: CopyProgress? = nil)
        async throws -> CopyCounts
    {
        let manager = FileManager.default
        if manager.fileExists(atPath: path) {
            let existing = try Store.create(at: path)
            let counts = try existing.storedRowCounts()
            if let full = StoredTables.all.first(where: { (counts[$0.name] ?? 0) > 0 }) {
                throw StoreError(
                    .notEmpty,
                    "\(path) already holds data (\(counts[full.name] ?? 0) rows in \(full.name)); a copy goes only into "
                        + "a new or empty database, and nothing was changed")
            }
        }
        let partial = path + ".partial-\(getpid())"
        let sidecars = ["", "-wal", "-shm", "-journal"]
        func removePartial() { for suffix in sidecars { try? manager.removeItem(atPath: partial + suffix) } }
        removePartial()
        do {
            let counts: CopyCounts
            do {
                var configuration = Configuration()
                configuration.label = "cvm copy"
                // A file that is thrown away on any failure needs no journal of its own.
                configuration.prepareDatabase { db in
                    try db.execute(sql: "PRAGMA journal_mode = OFF")
                    try db.execute(sql: "PRAGMA synchronous = OFF")
                    try db.execute(sql: "PRAGMA cache_size = -262144")
                }
                let queue = try DatabaseQueue(path: partial, configuration: configuration)
                try Schema.migrator.migrate(queue)
                counts = try await fill(queue, path: path, from: source, progress: progress)
                try queue.close()
            } catch let error as DatabaseError {
                throw StoreError(error, path: path)
            }
            for suffix in sidecars.dropFirst() { try? manager.removeItem(atPath: path + suffix) }
            guard rename(partial, path) == 0 else {
                throw StoreError(.database, "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            return counts
        } catch {
            removePartial()
            throw error
        }
    }

    private static func fill(
        _ queue: DatabaseQueue, path: String, from source: any StoredRowSource, progress: CopyProgress?
    ) async throws -> CopyCounts {
        try await source.copyAll(into: path, progress: progress) { table, page in
            let sql =
                "INSERT INTO \(table.name) (\(table.columnNames.joined(separator: ", "))) VALUES ("
                + Array(repeating: "?", count: table.columns.count).joined(separator: ", ") + ")"
            try queue.write { db in
                let statement = try RawStatement(db, sql)
                for row in page {
                    for (index, value) in row.enumerated() { statement.bind(Int32(index + 1), stored: value) }
                    _ = try statement.step()
                }
            }
        }
    }
}

/// The rows of a SQLite database, page by page of each table's primary key.
struct SQLiteRowSource: StoredRowSource {
    let path: String
    let reader: any DatabaseReader

    var origin: String { path }

    func rowCounts() throws -> [String: Int] { try mapped { try reader.read { try Store.rowCounts($0) } } }

    func pages(of table: StoredTable, _ body: ([[StoredValue]]) async throws -> Void) async throws {
        let size = StoredTables.pageSize
        let positions = table.keyPositions
        let first = StoredTables.pageSQL(table, after: false, limit: size) { _ in "?" }
        let next = StoredTables.pageSQL(table, after: true, limit: size) { _ in "?" }
        var after: [StoredValue]? = nil
        while true {
            let page = try mapped {
                try reader.read { db in
                    let statement = try RawStatement(db, after == nil ? first : next)
                    for (index, value) in (after ?? []).enumerated() {
                        statement.bind(Int32(index + 1), stored: value)
                    }
                    var rows: [[StoredValue]] = []
                    rows.reserveCapacity(size)
                    try statement.forEachRow { rows.append(StoredTables.row(statement, table)) }
                    return rows
                }
            }
            if page.isEmpty { return }
            try await body(page)
            if page.count < size { return }
            after = positions.map { page[page.count - 1][$0] }
        }
    }

    private func mapped<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StoreError(error, path: path)
        }
    }
}

extension RawStatement {
    /// Binds a stored value exactly: an empty text stays empty (the import's `bind` makes it NULL).
    func bind(_ index: Int32, stored value: StoredValue) {
        switch value {
        case .null: sqlite3_bind_null(handle, index)
        case .integer(let v): sqlite3_bind_int64(handle, index, v)
        case .real(let v): sqlite3_bind_double(handle, index, v)
        case .text(var v):
            v.withUTF8 { bytes in
                let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
                // A null pointer would bind NULL: an empty text points at a static empty string.
                let start = UnsafeRawPointer(bytes.baseAddress ?? ("" as StaticString).utf8Start)
                sqlite3_bind_text(
                    handle, index, start.assumingMemoryBound(to: CChar.self), Int32(bytes.count), transient)
            }
        }
    }
}
