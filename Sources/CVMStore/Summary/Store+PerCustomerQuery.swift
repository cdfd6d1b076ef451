import GRDB

/// Rows of a per-customer statement, kept as columns; the first column of the statement is the
/// customer key.
protocol CustomerRows {
    init()
    var keys: [Int64] { get }
    var ids: [String] { get set }
    mutating func append(_ row: some StoreRow)
}

extension Store {
    /// The business ids of the customer keys `:low…:high`, in key order.
    static let customerIDsSQL = "SELECT key, id FROM customers WHERE key BETWEEN :low AND :high ORDER BY key"

    /// Runs a per-customer statement (with `:low` and `:high` key bounds and the named integer
    /// `arguments`) over one customer-key range per core, each on its own read connection, and
    /// returns the rows of every range in key order with their business ids.
    ///
    /// Columns are read with the C API: GRDB's generic row decoding would double the time at 1 M
    /// customers. Ids come from merging two key-ordered streams, cheaper than a join per row.
    func perCustomerQuery<Rows: CustomerRows>(
        _ sql: String, arguments: [String: Int64], as: Rows.Type = Rows.self
    ) throws -> [Rows] {
        let parts = try customerKeyRanges()
        return try concurrentReads(parts.count) { db, part in
            var rows = Rows()
            let range = parts[part]
            let query = try RawStatement(db, sql)
            query.bind(":low", range.lowerBound)
            query.bind(":high", range.upperBound)
            for (name, value) in arguments { query.bind(name, value) }
            try query.forEachRow { rows.append(query) }
            let ids = try RawStatement(db, Self.customerIDsSQL)
            ids.bind(":low", range.lowerBound)
            ids.bind(":high", range.upperBound)
            var next = 0
            try ids.forEachRow {
                if next < rows.keys.count, Int64(ids.int(0)) == rows.keys[next] {
                    rows.ids.append(ids.text(1))
                    next += 1
                }
            }
            return rows
        }
    }
}
