import CVMStore
import CustomerValue
import Foundation
import PostgresNIO

/// A copy of a whole PostgreSQL database, out (`withStoredRows`) and in (`restore(from:progress:)`).
extension PostgresStore {
    public func storedRowCounts() async throws -> [String: Int] {
        try await read { s in try await Self.rowCounts(s) }
    }

    static func rowCounts(_ s: Session) async throws -> [String: Int] {
        let sql = StoredTables.all.map { "SELECT '\($0.name)', count(*) FROM \($0.name)" }
            .joined(separator: " UNION ALL ")
        var counts: [String: Int] = [:]
        for row in try await s.rows(sql) { counts[try row.text(0)] = try row.int(1) }
        return counts
    }

    /// The rows are read in one `REPEATABLE READ` transaction: the copy is the database as it was
    /// when the transaction began, whatever is written meanwhile.
    public func withStoredRows<T: Sendable>(_ body: (any StoredRowSource) async throws -> T) async throws -> T {
        try await read { s in
            try await s.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            do {
                let value = try await body(PostgresRowSource(path: path, session: s))
                try await s.execute("COMMIT")
                return value
            } catch {
                try? await s.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// Writes a copy read from `source` into this database, which must hold no row: in one
    /// transaction, each table with `COPY … FROM STDIN`, a page at a time, then the counters of
    /// the numbered tables set after the copied ids. Whole or not at all.
    public func restore(from source: any StoredRowSource, progress: CopyProgress? = nil) async throws -> CopyCounts {
        try await write { s in
            let present = try await Self.rowCounts(s)
            if let full = StoredTables.all.first(where: { (present[$0.name] ?? 0) > 0 }) {
                throw StoreError(
                    .notEmpty,
                    "\(path) already holds data (\(present[full.name] ?? 0) rows in \(full.name)); a copy goes only "
                        + "into an empty database, and nothing was changed")
            }
            let counts = try await source.copyAll(into: path, progress: progress) { table, page in
                var lines = CopyLines()
                for row in page { lines.row(row.map(Value.init)) }
                try await s.copy(table.name, table.columnNames, lines.all)
            }
            for table in StoredTables.numbered {
                try await s.execute(
                    "SELECT setval(pg_get_serial_sequence('\(table)', 'id'), COALESCE(MAX(id), 0) + 1, false) "
                        + "FROM \(table)")
            }
            try await s.execute("ANALYZE")
            return counts
        }
    }
}

/// The rows of a PostgreSQL database, page by page of each table's primary key, on the session
/// of one transaction.
struct PostgresRowSource: StoredRowSource {
    let path: String
    let session: Session

    var origin: String { path }

    func rowCounts() async throws -> [String: Int] { try await PostgresStore.rowCounts(session) }

    func pages(of table: StoredTable, _ body: ([[StoredValue]]) async throws -> Void) async throws {
        let size = StoredTables.pageSize
        let positions = table.keyPositions
        let first = StoredTables.pageSQL(table, after: false, limit: size) { "$\($0 + 1)" }
        let next = StoredTables.pageSQL(table, after: true, limit: size) { "$\($0 + 1)" }
        var after: [StoredValue]? = nil
        while true {
            var page: [[StoredValue]] = []
            page.reserveCapacity(size)
            try await session.forEachRow(after == nil ? first : next, (after ?? []).map(Value.init)) { row in
                page.append(StoredTables.row(try DecodedRow(row), table))
            }
            if page.isEmpty { return }
            try await body(page)
            if page.count < size { return }
            after = positions.map { page[page.count - 1][$0] }
        }
    }
}

extension Value {
    /// A stored value as a parameter or a COPY field.
    init(_ value: StoredValue) {
        switch value {
        case .null: self = .text(nil)
        case .integer(let v): self = .int(Int(v))
        case .real(let v): self = .double(v)
        case .text(let v): self = .text(v)
        }
    }
}
