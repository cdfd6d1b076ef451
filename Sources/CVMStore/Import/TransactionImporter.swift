import GRDB

/// Stores the rows of a transactions file (SPEC D2).
///
/// De-duplication: each row gets `row_key`, a stable FNV-1a hash of its order id when it has
/// one, else of the whole normalised row (customer id, day, time, amount, optional fields), and
/// `occurrence`, the k-th time that key appears for that (customer, day) in this file. Rows go
/// in with `INSERT OR IGNORE` on the primary key `(customer, day, row_key, occurrence)`: rows
/// that are identical inside one file are all kept, re-importing a file adds nothing, and a
/// file that overlaps an earlier one adds only its new rows.
///
/// Counting occurrences needs, in general, a dictionary over every (customer, day, key) of the
/// file. Most files are grouped by customer and sorted by date, so while the rows arrive in
/// (customer key, day) order the importer keeps only the current day's keys. When a row breaks
/// that order it throws `OutOfOrder`, and the caller runs the import again (in a fresh
/// transaction) with `sorted: false`.
struct TransactionImporter: RowImporter {
    /// Thrown on the first row out of (customer, day) order when `sorted` is true.
    struct OutOfOrder: Error {}

    /// Rows per multi-row INSERT: one statement step per batch instead of per row.
    static let batchSize = 64

    private let db: Database
    private let insertBatch: RawStatement
    /// The optional columns the file has, in statement order.
    private let optionalColumns: [TransactionColumn]
    private var pending: [PendingRow] = []
    private(set) var stored = 0
    private(set) var duplicates = 0
    private let importID: Int64
    private var dates: DateParser
    private let sorted: Bool

    private var customers: CustomerKeys
    /// First and last day of the rows read for storing, kept in `imports` so that the
    /// database's day range never needs a scan of the transactions.
    private(set) var dayRange: ClosedRange<Int>?

    /// The current (customer, day) and the row keys seen in it, while rows arrive sorted.
    private var group: (customer: Int64, day: Int) = (-1, Int.min)
    private var groupKeys: [(key: Int64, count: Int64)] = []
    /// Every (customer, day, key) seen, when rows do not arrive sorted.
    private var occurrences: [OccurrenceKey: Int64] = [:]

    private let customerField: Int
    private let dateField: Int
    private let amountField: Int
    private let timeField: Int?
    private let orderField: Int?
    private let productField: Int?
    private let categoryField: Int?
    private let quantityField: Int?
    private let costField: Int?
    private let channelField: Int?
    private let discountField: Int?

    init(
        _ db: Database, importID: Int64, mapping: ColumnMapping<TransactionColumn>, dates: DateParser, sorted: Bool
    ) throws {
        self.importID = importID
        self.dates = dates
        self.sorted = sorted
        self.db = db
        customers = try CustomerKeys(db, importID: importID)
        customerField = mapping[.customerID]!
        dateField = mapping[.date]!
        amountField = mapping[.amount]!
        timeField = mapping[.time]
        orderField = mapping[.orderID]
        productField = mapping[.product]
        categoryField = mapping[.category]
        quantityField = mapping[.quantity]
        costField = mapping[.cost]
        channelField = mapping[.channel]
        discountField = mapping[.discount]
        optionalColumns = [.orderID, .product, .category, .quantity, .cost, .channel, .discount].filter {
            mapping[$0] != nil
        }
        pending.reserveCapacity(Self.batchSize)
        insertBatch = try RawStatement(db, Self.insertSQL(rows: Self.batchSize, optionalColumns, importID))
    }

    mutating func importRow(_ reader: CSVReader, store: Bool) throws -> RowOutcome {
        // Check every field before storing anything.
        let customerIsEmpty = reader.withField(customerField) { trimmed($0).isEmpty }
        if customerIsEmpty { return .invalid(column: customerField, reason: "the customer id is empty") }
        guard let date = reader.withField(dateField, { dates.parse($0) }) else {
            let value = reader.string(dateField)
            return .invalid(column: dateField, reason: "\"\(value)\" is not a date (\(dates.expectation))")
        }
        guard let amount = reader.withField(amountField, { AmountParser.parse($0) }) else {
            let value = reader.string(amountField)
            return .invalid(column: amountField, reason: "\"\(value)\" is not an amount (\(AmountParser.expectation))")
        }
        var quantity: Double?
        var cost: Double?
        var discount: Double?
        if let problem = number(quantityField, reader, into: &quantity) { return problem }
        if let problem = number(costField, reader, into: &cost) { return problem }
        if let problem = number(discountField, reader, into: &discount) { return problem }
        guard store else { return .accepted }

        // The customer's key, creating a bare customer for an unknown id.
        let customer = try reader.withField(customerField) { try customers.key(trimmed($0)) }
        let day = date.day
        dayRange = dayRange.map { min($0.lowerBound, day)...max($0.upperBound, day) } ?? day...day
        var time = date.time
        if time == nil, let timeField {
            time = reader.withField(timeField) { bytes in
                let text = trimmed(bytes)
                return text.isEmpty ? nil : String(decoding: text, as: UTF8.self)
            }
        }

        // The row key: the order id when present, else the whole normalised row.
        var hash = FNV1a()
        let orderID = orderField.map { field in reader.withField(field) { !trimmed($0).isEmpty } } ?? false
        if orderID, let orderField {
            hash.add(byte: 1)
            reader.withField(orderField) { hash.add(trimmed($0)) }
        } else {
            hash.add(byte: 2)
            reader.withField(customerField) { hash.add(trimmed($0)) }
            hash.add(word: UInt64(bitPattern: Int64(day)))
            hash.add(byte: 0x1F)
            if var time { time.withUTF8 { hash.add($0) } }
            hash.add(byte: 0x1F)
            hash.add(word: amount.bitPattern)
            combine(&hash, quantity)
            combine(&hash, cost)
            combine(&hash, discount)
            combine(&hash, productField, reader)
            combine(&hash, categoryField, reader)
            combine(&hash, channelField, reader)
        }
        let rowKey = Int64(bitPattern: hash.value)
        let occurrence = try nextOccurrence(customer: customer, day: day, key: rowKey)

        var row = PendingRow(
            customer: customer, day: Int64(day), rowKey: rowKey, occurrence: occurrence, amount: amount, time: time,
            quantity: quantity, cost: cost, discount: discount)
        if let orderField { row.orderID = text(orderField, reader) }
        if let productField { row.product = text(productField, reader) }
        if let categoryField { row.category = text(categoryField, reader) }
        if let channelField { row.channel = text(channelField, reader) }
        pending.append(row)
        if pending.count == Self.batchSize { try flush() }
        return .accepted
    }

    /// Stores the rows still pending.
    mutating func finish() throws {
        try flush()
    }

    /// Inserts the pending rows: a full batch with the prepared multi-row statement, the last
    /// partial one with a statement made for its size.
    private mutating func flush() throws {
        guard !pending.isEmpty else { return }
        let statement =
            pending.count == Self.batchSize
            ? insertBatch : try RawStatement(db, Self.insertSQL(rows: pending.count, optionalColumns, importID))
        var parameter: Int32 = 1
        for row in pending {
            statement.bind(parameter, row.customer)
            statement.bind(parameter + 1, row.day)
            statement.bind(parameter + 2, row.rowKey)
            statement.bind(parameter + 3, row.occurrence)
            statement.bind(parameter + 4, row.amount)
            statement.bind(parameter + 5, row.time)
            parameter += 6
            for column in optionalColumns {
                switch column {
                case .orderID: statement.bind(parameter, row.orderID)
                case .product: statement.bind(parameter, row.product)
                case .category: statement.bind(parameter, row.category)
                case .channel: statement.bind(parameter, row.channel)
                case .quantity: statement.bind(parameter, row.quantity)
                case .cost: statement.bind(parameter, row.cost)
                case .discount: statement.bind(parameter, row.discount)
                default: break
                }
                parameter += 1
            }
        }
        let inserted = try statement.step()
        stored += inserted
        duplicates += pending.count - inserted
        pending.removeAll(keepingCapacity: true)
    }

    /// `INSERT OR IGNORE … VALUES (…), (…), …` for `rows` rows of the columns the file has.
    private static func insertSQL(rows: Int, _ optionalColumns: [TransactionColumn], _ importID: Int64) -> String {
        let columns = ["customer", "day", "row_key", "occurrence", "amount", "time"] + optionalColumns.map(\.sqlName)
        let values = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ", \(importID))"
        return "INSERT OR IGNORE INTO transactions (\(columns.joined(separator: ", ")), import_id) VALUES "
            + Array(repeating: values, count: rows).joined(separator: ", ")
    }

    @inline(__always)
    private func text(_ field: Int, _ reader: CSVReader) -> [UInt8]? {
        reader.withField(field) { bytes in
            let text = trimmed(bytes)
            return text.isEmpty ? nil : Array(text)
        }
    }

    /// Reads an optional number column into `value`; returns the outcome for an invalid one.
    @inline(__always)
    private func number(_ field: Int?, _ reader: CSVReader, into value: inout Double?) -> RowOutcome? {
        guard let field else { return nil }
        let parsed: Double?? = reader.withField(field) { bytes in
            let text = trimmed(bytes)
            return text.isEmpty ? .some(nil) : AmountParser.parse(text).map { .some($0) }
        }
        guard let parsed else {
            let text = reader.string(field)
            return .invalid(column: field, reason: "\"\(text)\" is not a number (\(AmountParser.expectation))")
        }
        value = parsed
        return nil
    }

    @inline(__always)
    private func combine(_ hash: inout FNV1a, _ value: Double?) {
        hash.add(byte: 0x1F)
        if let value { hash.add(word: value.bitPattern) }
    }

    @inline(__always)
    private func combine(_ hash: inout FNV1a, _ field: Int?, _ reader: CSVReader) {
        hash.add(byte: 0x1F)
        if let field { reader.withField(field) { hash.add(trimmed($0)) } }
    }

    /// 1 for the first row with this key on this customer's day in this file, then 2, 3, …
    private mutating func nextOccurrence(customer: Int64, day: Int, key: Int64) throws -> Int64 {
        if !sorted {
            let id = OccurrenceKey(customer: customer, day: day, key: key)
            let count = (occurrences[id] ?? 0) + 1
            occurrences[id] = count
            return count
        }
        if customer != group.customer || day != group.day {
            guard customer > group.customer || (customer == group.customer && day > group.day) else {
                throw OutOfOrder()
            }
            group = (customer, day)
            groupKeys.removeAll(keepingCapacity: true)
        }
        for index in groupKeys.indices where groupKeys[index].key == key {
            groupKeys[index].count += 1
            return groupKeys[index].count
        }
        groupKeys.append((key, 1))
        return 1
    }

    /// A checked row waiting for its batch.
    private struct PendingRow {
        var customer: Int64
        var day: Int64
        var rowKey: Int64
        var occurrence: Int64
        var amount: Double
        var time: String?
        var quantity: Double?
        var cost: Double?
        var discount: Double?
        var orderID: [UInt8]?
        var product: [UInt8]?
        var category: [UInt8]?
        var channel: [UInt8]?
    }

    private struct OccurrenceKey: Hashable {
        var customer: Int64
        var day: Int
        var key: Int64
    }
}

/// `bytes` without surrounding spaces and tabs.
@inline(__always)
func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    var s = 0
    var e = bytes.count
    while s < e, bytes[s] == 0x20 || bytes[s] == 0x09 { s += 1 }
    while e > s, bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09 { e -= 1 }
    if s == 0 && e == bytes.count { return bytes }
    return UnsafeBufferPointer(rebasing: bytes[s..<e])
}
