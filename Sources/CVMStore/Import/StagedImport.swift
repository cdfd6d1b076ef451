import CustomerValue
import Foundation
import GRDB
import GRDBSQLite

/// A file read, checked and keyed by exactly the importer a `Store` uses, into a private
/// in-memory database: for another store (PostgreSQL) that writes the rows its own way.
///
/// Everything that depends only on the file happens here, so it is the same on every backend:
/// header mapping, every row check and its line-exact `ImportError`, skipped rows and their
/// rejects file, progress, row keys and occurrences, and the day range. What depends on the
/// rows already stored (new or known customers, duplicates, updates, a changed order line) is
/// the writing store's part. The staged rows name their customers by a key of this staging
/// database, in the order the file first names them; `customers` gives each key's id.
///
/// ```swift
/// let staged = try StagedImport.stage(.transactions, from: url, options: options)
/// let lines = try staged.copyText(.transactions)   // COPY … FROM STDIN text, one chunk per ~1 MiB
/// ```
public struct StagedImport: Sendable {
    /// What the file gave: rows read and rejected, the rejects file, ignored columns. Stored,
    /// updated and duplicate counts are the staging database's (an empty one) and are for the
    /// writing store to replace.
    public var report: ImportReport
    /// The days of the rows (opening days for complaints), as the import records them.
    public var dayRange: ClosedRange<Int>?
    /// For transactions: the optional columns the file has (`order_id`, `product`, …), which an
    /// update of a stored order line sets and compares; the others keep their stored values.
    public var transactionColumns: [String]
    let store: Store

    /// A stored order line to put in the staging database before the file is read, so that the
    /// importer compares the file's lines with it as it does in a `Store` (and refuses a change
    /// with the same line-exact error). `importID` is the import that stored it.
    public struct StoredOrderLine: Sendable {
        public var customerID: String
        public var day: Int
        public var rowKey: Int64
        public var occurrence: Int64
        public var amount: Double
        public var time: String?
        public var orderID: String
        public var product: String?
        public var category: String?
        public var quantity: Double?
        public var cost: Double?
        public var channel: String?
        public var discount: Double?
        public var importID: Int64

        public init(
            customerID: String, day: Int, rowKey: Int64, occurrence: Int64, amount: Double, time: String?,
            orderID: String, product: String?, category: String?, quantity: Double?, cost: Double?, channel: String?,
            discount: Double?, importID: Int64
        ) {
            self.customerID = customerID
            self.day = day
            self.rowKey = rowKey
            self.occurrence = occurrence
            self.amount = amount
            self.time = time
            self.orderID = orderID
            self.product = product
            self.category = category
            self.quantity = quantity
            self.cost = cost
            self.channel = channel
            self.discount = discount
            self.importID = importID
        }
    }

    /// Reads, checks and keys the file `url` of `kind`; throws the `ImportError` a `Store`
    /// import would throw for it.
    public static func stage(
        _ kind: ImportReport.Kind, from url: URL, options: ImportOptions, seed: [StoredOrderLine] = []
    ) throws -> StagedImport {
        let store = try Store.inMemory()
        if !seed.isEmpty { try store.seed(seed) }
        let report: ImportReport
        var columns: [String] = []
        switch kind {
        case .customers: report = try store.importCustomers(from: url, options: options)
        case .transactions:
            let csv = try CSVImport<TransactionColumn>(url: url, options: options)
            columns = [TransactionColumn.orderID, .product, .category, .quantity, .cost, .channel, .discount]
                .filter { csv.mapping[$0] != nil }.map(\.sqlName)
            report = try store.importTransactions(from: url, options: options)
        case .marketing: report = try store.importMarketing(from: url, options: options)
        case .payments: report = try store.importPayments(from: url, options: options)
        case .interactions: report = try store.importInteractions(from: url, options: options)
        case .complaints: report = try store.importComplaints(from: url, options: options)
        case .surveys: report = try store.importSurveys(from: url, options: options)
        }
        let range = try store.read { db in
            try Row.fetchOne(
                db, sql: "SELECT first_day, last_day FROM imports WHERE id = ?", arguments: [report.importID])
        }
        let first: Int? = range?[0]
        let last: Int? = range?[1]
        return StagedImport(
            report: report, dayRange: first.flatMap { f in last.map { f...max(f, $0) } }, transactionColumns: columns,
            store: store)
    }

    /// A staged table and the columns it is read with, in order (`customer` is the staging key).
    public enum Table: String, Sendable, CaseIterable {
        case customers, transactions, marketing, payments, interactions, complaints, surveys

        public var columns: [String] {
            switch self {
            case .customers:
                [
                    "key", "id", "name", "type", "email", "phone", "region", "industry", "age_band", "gender",
                    "income_band", "acquired_day", "channel", "owner", "tags", "birthday",
                ]
            case .transactions:
                [
                    "customer", "day", "row_key", "occurrence", "amount", "time", "order_id", "product", "category",
                    "quantity", "cost", "channel", "discount",
                ]
            case .marketing:
                ["row_key", "occurrence", "customer", "segment", "day", "amount", "campaign_id", "channel", "purpose"]
            case .payments:
                ["customer", "row_key", "occurrence", "due_day", "paid_day", "amount_due", "amount_paid", "invoice_id"]
            case .interactions:
                [
                    "customer", "day", "row_key", "occurrence", "time", "channel", "owner", "outcome", "direction",
                    "stage", "note",
                ]
            case .complaints:
                [
                    "customer", "row_key", "occurrence", "complaint_id", "opened_day", "opened_minute", "resolved_day",
                    "resolved_minute", "category", "severity", "resolution", "satisfaction", "scale_low", "scale_high",
                    "channel",
                ]
            case .surveys:
                [
                    "wave", "response", "attribute", "competitor", "customer", "day", "stage", "scale_low",
                    "scale_high", "importance", "expectation", "adequate", "performance", "competitor_performance",
                    "satisfaction", "recommend", "buy_again", "referrals",
                ]
            }
        }

        var sqlTable: String { self == .surveys ? "survey_answers" : rawValue }
    }

    /// The rows of `table` (only the rows this import stored in the staging database) in
    /// PostgreSQL's COPY text format: tab-separated, `\N` for NULL, backslash escapes; numbers
    /// written so that they read back as the same double. One chunk per about `chunkBytes`.
    public func copyText(_ table: Table, chunkBytes: Int = 1 << 20) throws -> [[UInt8]] {
        let columns = table.columns
        let filter =
            switch table {
            case .customers: ""
            default: " WHERE import_id = \(report.importID)"
            }
        let sql = "SELECT \(columns.joined(separator: ", ")) FROM \(table.sqlTable)\(filter)"
        return try store.read { db in
            var chunks: [[UInt8]] = []
            var chunk: [UInt8] = []
            chunk.reserveCapacity(chunkBytes + 4096)
            let statement = try RawStatement(db, sql)
            let count = Int32(columns.count)
            try statement.forEachRow {
                for column in 0..<count {
                    if column > 0 { chunk.append(0x09) }
                    Self.appendCopyField(statement, column, to: &chunk)
                }
                chunk.append(0x0A)
                if chunk.count >= chunkBytes {
                    chunks.append(chunk)
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            if !chunk.isEmpty { chunks.append(chunk) }
            return chunks
        }
    }

    /// Appends one field in COPY text form.
    private static func appendCopyField(_ statement: RawStatement, _ column: Int32, to out: inout [UInt8]) {
        switch sqlite3_column_type(statement.handle, column) {
        case SQLITE_NULL: out.append(contentsOf: [0x5C, 0x4E])  // \N
        case SQLITE_INTEGER: out.append(contentsOf: String(sqlite3_column_int64(statement.handle, column)).utf8)
        case SQLITE_FLOAT: out.append(contentsOf: "\(statement.double(column))".utf8)
        default:
            for byte in statement.text(column).utf8 {
                switch byte {
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x09: out.append(contentsOf: [0x5C, 0x74])
                case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: out.append(contentsOf: [0x5C, 0x72])
                default: out.append(byte)
                }
            }
        }
    }
}

extension Store {
    /// Puts stored order lines (and their customers) into an empty staging store.
    fileprivate func seed(_ lines: [StagedImport.StoredOrderLine]) throws {
        try write { db in
            var keys: [String: Int64] = [:]
            for line in lines where keys[line.customerID] == nil {
                let key = Int64(keys.count + 1)
                keys[line.customerID] = key
                try db.execute(
                    sql: "INSERT INTO customers (key, id) VALUES (?, ?)", arguments: [key, line.customerID])
            }
            for id in Set(lines.map(\.importID)) {
                try db.execute(
                    sql:
                        "INSERT INTO imports (id, kind, file, bytes, imported_at) VALUES (?, 'transactions', '', 0, '')",
                    arguments: [id])
            }
            for line in lines {
                try db.execute(
                    sql: """
                        INSERT INTO transactions (customer, day, row_key, occurrence, amount, time, order_id, product,
                            category, quantity, cost, channel, discount, import_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        keys[line.customerID], line.day, line.rowKey, line.occurrence, line.amount, line.time,
                        line.orderID, line.product, line.category, line.quantity, line.cost, line.channel,
                        line.discount, line.importID,
                    ])
            }
        }
    }
}
