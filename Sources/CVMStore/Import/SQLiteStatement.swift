import GRDB
import GRDBSQLite

/// Thin wrappers over the SQLite C API for the import's hot loop: a statement prepared once,
/// then bound and stepped per row without GRDB's per-call conveniences.
struct RawStatement {
    /// Keeps GRDB's statement (and so the `sqlite3_stmt`) alive.
    private let statement: Statement
    let handle: OpaquePointer
    let connection: OpaquePointer

    init(_ db: Database, _ sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        handle = statement.sqliteStatement
        connection = db.sqliteConnection!
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    @inline(__always) func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }
    @inline(__always) func bind(_ index: Int32, _ value: Double) { sqlite3_bind_double(handle, index, value) }
    @inline(__always) func bindNull(_ index: Int32) { sqlite3_bind_null(handle, index) }

    @inline(__always) func bind(_ index: Int32, _ value: Double?) {
        if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    /// Binds UTF-8 bytes as text; empty binds NULL.
    @inline(__always) func bind(_ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            sqlite3_bind_null(handle, index)
            return
        }
        let text = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
        sqlite3_bind_text(handle, index, text, Int32(bytes.count), Self.transient)
    }

    @inline(__always) func bind(_ index: Int32, _ bytes: [UInt8]?) {
        guard let bytes else {
            sqlite3_bind_null(handle, index)
            return
        }
        bytes.withUnsafeBufferPointer { bind(index, $0) }
    }

    @inline(__always) func bind(_ index: Int32, _ text: String?) {
        guard var text, !text.isEmpty else {
            sqlite3_bind_null(handle, index)
            return
        }
        text.withUTF8 { bind(index, $0) }
    }

    /// Runs the statement once; returns the number of rows it changed.
    @inline(__always) func step() throws -> Int {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            throw ImportError(.database, "the database failed: " + String(cString: sqlite3_errmsg(connection)))
        }
        return Int(sqlite3_changes(connection))
    }
}

extension RawStatement {
    /// Binds an integer to the named parameter (`:low`).
    func bind(_ name: String, _ value: Int64) {
        sqlite3_bind_int64(handle, sqlite3_bind_parameter_index(handle, name), value)
    }

    /// Steps through the result rows, calling `body` while the statement stands on each one;
    /// read the columns with `int(_:)`, `double(_:)` and `text(_:)`.
    func forEachRow(_ body: () throws -> Void) throws {
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw StoreError(.database, "the database failed: " + String(cString: sqlite3_errmsg(connection)))
            }
            try body()
        }
    }

    @inline(__always) func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }
    @inline(__always) func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
    @inline(__always) func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    func text(_ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }
}

/// One result row, read by column number (from 0) without decoding: what the shared row
/// builders (`RawSummaryRows`, `RawValueRows`, `AnalysisResultsBuilder`) read, from SQLite's
/// C API here and from another store's rows elsewhere. A NULL reads as 0 or "".
public protocol StoreRow {
    func isNull(_ column: Int32) -> Bool
    func int(_ column: Int32) -> Int
    func double(_ column: Int32) -> Double
    func text(_ column: Int32) -> String
}

extension RawStatement: StoreRow {}
