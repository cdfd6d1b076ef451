import CustomerValue

/// One stored value of one column, as a database copy carries it.
public enum StoredValue: Sendable, Equatable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}

/// A column of a stored table, by what its values are.
public struct StoredColumn: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case integer, real, text
        /// A calendar day stored as days since 1970-01-01 (see `Day`); a copy on disk writes it as
        /// `YYYY-MM-DD`, so that a person can read it.
        case day
    }

    public let name: String
    public let kind: Kind
}

/// A stored table: its columns and its primary key, which orders its rows in a copy.
public struct StoredTable: Sendable {
    public let name: String
    public let columns: [StoredColumn]
    /// The primary key's columns, in the key's order.
    public let key: [String]

    public var columnNames: [String] { columns.map(\.name) }

    /// Positions of the key's columns among `columns`.
    public var keyPositions: [Int] { key.map { name in columns.firstIndex { $0.name == name }! } }

    init(_ name: String, key: [String], _ columns: [(String, StoredColumn.Kind)]) {
        self.name = name
        self.key = key
        self.columns = columns.map { StoredColumn(name: $0.0, kind: $0.1) }
    }
}

/// Every table of the schema (SQLite's `Schema` and PostgreSQL's `PostgresSchema`, migration
/// `schemaVersion`), in an order in which each table's references point only to tables before
/// it, so a copy can be written into an empty database one table after another with its foreign
/// keys checked. A test compares this list with both schemas, so a column added by a later
/// migration cannot be left out of copies.
public enum StoredTables {
    /// The last migration of the schema these tables describe.
    public static let schemaVersion = "v11"

    public static let all: [StoredTable] = [
        StoredTable(
            "imports", key: ["id"],
            [
                ("id", .integer), ("kind", .text), ("file", .text), ("bytes", .integer), ("rows_read", .integer),
                ("rows_stored", .integer), ("rows_duplicate", .integer), ("rows_rejected", .integer),
                ("first_day", .day), ("last_day", .day), ("imported_at", .text), ("rows_updated", .integer),
            ]),
        StoredTable(
            "customers", key: ["key"],
            [
                ("key", .integer), ("id", .text), ("name", .text), ("type", .text), ("email", .text),
                ("phone", .text), ("region", .text), ("industry", .text), ("age_band", .text), ("gender", .text),
                ("income_band", .text), ("acquired_day", .day), ("channel", .text), ("owner", .text),
                ("tags", .text), ("import_id", .integer), ("birthday", .day),
            ]),
        StoredTable(
            "transactions", key: ["customer", "day", "row_key", "occurrence"],
            [
                ("customer", .integer), ("day", .day), ("row_key", .integer), ("occurrence", .integer),
                ("amount", .real), ("time", .text), ("order_id", .text), ("product", .text), ("category", .text),
                ("quantity", .real), ("cost", .real), ("channel", .text), ("discount", .real),
                ("import_id", .integer),
            ]),
        StoredTable(
            "marketing", key: ["row_key", "occurrence"],
            [
                ("row_key", .integer), ("occurrence", .integer), ("customer", .integer), ("segment", .text),
                ("day", .day), ("amount", .real), ("campaign_id", .text), ("channel", .text),
                ("import_id", .integer), ("purpose", .text),
            ]),
        StoredTable(
            "payments", key: ["customer", "row_key", "occurrence"],
            [
                ("customer", .integer), ("row_key", .integer), ("occurrence", .integer), ("due_day", .day),
                ("paid_day", .day), ("amount_due", .real), ("amount_paid", .real), ("invoice_id", .text),
                ("import_id", .integer),
            ]),
        StoredTable(
            "interactions", key: ["customer", "day", "row_key", "occurrence"],
            [
                ("customer", .integer), ("day", .day), ("row_key", .integer), ("occurrence", .integer),
                ("time", .text), ("channel", .text), ("owner", .text), ("outcome", .text), ("direction", .text),
                ("stage", .text), ("note", .text), ("import_id", .integer),
            ]),
        StoredTable(
            "complaints", key: ["customer", "row_key", "occurrence"],
            [
                ("customer", .integer), ("row_key", .integer), ("occurrence", .integer), ("complaint_id", .text),
                ("opened_day", .day), ("opened_minute", .integer), ("resolved_day", .day),
                ("resolved_minute", .integer), ("category", .text), ("severity", .integer),
                ("resolution", .text), ("satisfaction", .real), ("scale_low", .integer), ("scale_high", .integer),
                ("channel", .text), ("import_id", .integer),
            ]),
        StoredTable(
            "survey_answers", key: ["wave", "response", "attribute", "competitor"],
            [
                ("wave", .text), ("response", .text), ("attribute", .text), ("competitor", .text),
                ("customer", .integer), ("day", .day), ("stage", .text), ("scale_low", .integer),
                ("scale_high", .integer), ("importance", .real), ("expectation", .real), ("adequate", .real),
                ("performance", .real), ("competitor_performance", .real), ("satisfaction", .real),
                ("recommend", .real), ("buy_again", .integer), ("referrals", .integer), ("import_id", .integer),
            ]),
        StoredTable(
            "prediction_runs", key: ["id"],
            [
                ("id", .integer), ("model", .text), ("spend_model", .text), ("settings", .text),
                ("customers", .integer), ("created_at", .text),
            ]),
        StoredTable(
            "predictions", key: ["run", "customer"],
            [
                ("run", .integer), ("customer", .integer), ("p_alive", .real), ("expected_purchases", .real),
                ("expected_spend", .real), ("clv", .real),
            ]),
        StoredTable(
            "analysis_runs", key: ["id"],
            [
                ("id", .integer), ("name", .text), ("created_at", .text), ("as_of", .day), ("customers", .integer),
                ("settings", .text), ("overview", .text),
            ]),
        StoredTable(
            "analysis_results", key: ["run", "customer"],
            [
                ("run", .integer), ("customer", .integer), ("frequency", .real), ("recency", .real), ("t", .real),
                ("monetary", .real), ("revenue", .real), ("orders", .integer), ("first_day", .day),
                ("last_day", .day), ("recency_days", .integer), ("r", .integer), ("f", .integer), ("m", .integer),
                ("segment", .text), ("p_alive", .real), ("expected_purchases", .real), ("expected_spend", .real),
                ("clv", .real), ("historical_value", .real), ("current_value", .real), ("potential_value", .real),
                ("value_group", .text), ("profit", .real), ("tier", .text), ("key_account", .integer),
                ("score", .real), ("score_rank", .integer), ("credit_grade", .text), ("stage", .text),
                ("stage_rule", .text), ("pattern", .text), ("lifecycle_p_alive", .real),
                ("warning_reasons", .text), ("value_at_risk", .real),
            ]),
        StoredTable(
            "analysis_ranks", key: ["run", "field", "position"],
            [
                ("run", .integer), ("field", .integer), ("position", .integer), ("customer", .integer),
                ("segment", .integer), ("value_group", .integer), ("tier", .integer),
            ]),
        StoredTable(
            "care_tasks", key: ["id"],
            [
                ("id", .integer), ("customer", .integer), ("reason", .text), ("reasons", .text),
                ("value_at_risk", .real), ("status", .text), ("owner", .text), ("opened_on", .day),
                ("opened_run", .integer), ("updated_on", .day), ("updated_by", .text), ("note", .text),
                ("closed_on", .day), ("loss_reason", .text), ("won_by", .text), ("due_on", .day),
            ]),
        StoredTable(
            "users", key: ["id"],
            [
                ("id", .integer), ("name", .text), ("role", .text), ("created_at", .text), ("revoked_at", .text),
                ("password_hash", .text),
            ]),
        StoredTable(
            "api_tokens", key: ["id"],
            [
                ("id", .integer), ("user_id", .integer), ("token_hash", .text), ("label", .text),
                ("created_at", .text), ("revoked_at", .text),
            ]),
    ]

    /// The table called `name`.
    public static func named(_ name: String) -> StoredTable? { all.first { $0.name == name } }

    /// The tables whose `id` the database numbers itself (SQLite's rowid alias, PostgreSQL's
    /// identity column): after a copy, PostgreSQL's counters must go on after the copied ids.
    public static let numbered: [String] = [
        "imports", "prediction_runs", "analysis_runs", "care_tasks", "users", "api_tokens",
    ]

    /// Rows per page when a copy reads a store.
    public static let pageSize = 20_000

    /// A page of `table` in key order, after the key given as parameters (`placeholder(i)` for
    /// the i-th key column, 0-based) or from its start, at most `limit` rows.
    ///
    /// A row-value comparison on the primary key, so each page starts with an index seek (SQLite
    /// since 3.15, PostgreSQL since 8.2 compare row values the same way, column by column, text
    /// byte by byte: PostgreSQL's text columns are `COLLATE "C"`).
    public static func pageSQL(_ table: StoredTable, after: Bool, limit: Int, placeholder: (Int) -> String) -> String {
        let key = table.key.joined(separator: ", ")
        var sql = "SELECT \(table.columnNames.joined(separator: ", ")) FROM \(table.name)"
        if after {
            sql += " WHERE (\(key)) > (\(table.key.indices.map(placeholder).joined(separator: ", ")))"
        }
        return sql + " ORDER BY \(key) LIMIT \(limit)"
    }

    /// The value of column `column` of `row`, by the column's kind.
    static func value(_ row: some StoreRow, _ column: Int32, _ kind: StoredColumn.Kind) -> StoredValue {
        if row.isNull(column) { return .null }
        switch kind {
        case .integer, .day: return .integer(Int64(row.int(column)))
        case .real: return .real(row.double(column))
        case .text: return .text(row.text(column))
        }
    }

    /// Reads a whole row of `table`.
    public static func row(_ row: some StoreRow, _ table: StoredTable) -> [StoredValue] {
        table.columns.enumerated().map { value(row, Int32($0.offset), $0.element.kind) }
    }
}

/// Where a copy of a database is read from, one table at a time, in `StoredTables.all`'s order:
/// a store (`CustomerStore.withStoredRows`) or a folder written by `DatabaseFolder`.
public protocol StoredRowSource: Sendable {
    /// Where the rows come from, for messages.
    var origin: String { get }
    /// The number of rows of each table, for progress and for a check at the end.
    func rowCounts() async throws -> [String: Int]
    /// Calls `body` with the rows of `table`, in key order, a page at a time.
    func pages(of table: StoredTable, _ body: ([[StoredValue]]) async throws -> Void) async throws
}

extension StoredRowSource {
    /// Hands every page of every table, in `StoredTables.all`'s order, to `write`, reports the
    /// progress, and checks that each table gave the rows `rowCounts()` says (a folder's file cut
    /// short is refused); `target` names where the rows go, for that message.
    public func copyAll(
        into target: String, progress: CopyProgress?, _ write: (StoredTable, [[StoredValue]]) async throws -> Void
    ) async throws -> CopyCounts {
        let expected = try await rowCounts()
        var counts: [(name: String, rows: Int)] = []
        for table in StoredTables.all {
            let total = expected[table.name] ?? 0
            var written = 0
            progress?(table.name, 0, total)
            try await pages(of: table) { page in
                try await write(table, page)
                written += page.count
                progress?(table.name, written, total)
            }
            guard written == total else {
                throw StoreError(
                    .database,
                    "\(origin) gave \(written) rows of \(table.name) where it counts \(total); nothing was written to "
                        + target)
            }
            counts.append((table.name, written))
        }
        return CopyCounts(tables: counts)
    }
}

/// What a copy wrote, table by table.
public struct CopyCounts: Sendable, Equatable {
    /// Rows per table, in `StoredTables.all`'s order.
    public var tables: [(name: String, rows: Int)]

    public init(tables: [(name: String, rows: Int)]) { self.tables = tables }

    public var total: Int { tables.reduce(0) { $0 + $1.rows } }

    public static func == (lhs: CopyCounts, rhs: CopyCounts) -> Bool {
        lhs.tables.map(\.name) == rhs.tables.map(\.name) && lhs.tables.map(\.rows) == rhs.tables.map(\.rows)
    }
}

/// Progress of a copy: the table being written, the rows of it written so far and its total.
public typealias CopyProgress = (_ table: String, _ rows: Int, _ total: Int) -> Void

extension CustomerStore {
    /// Every row of every table, by table name, in key order: the whole database as values, to
    /// compare two databases (a copy with its source) exactly. Holds everything in memory.
    public func allStoredRows() async throws -> [String: [[StoredValue]]] {
        try await withStoredRows { source in
            var tables: [String: [[StoredValue]]] = [:]
            for table in StoredTables.all {
                var rows: [[StoredValue]] = []
                try await source.pages(of: table) { rows += $0 }
                tables[table.name] = rows
            }
            return tables
        }
    }
}
