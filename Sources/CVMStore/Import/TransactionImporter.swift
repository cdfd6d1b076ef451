import CustomerValue
import GRDB

/// Stores the rows of a transactions file.
///
/// De-duplication: each row gets `row_key`, a stable FNV-1a hash of its order id when it has
/// one, else of the whole normalised row (customer id, day, time, amount, optional fields), and
/// `occurrence`, the k-th time that key appears for that customer in this file (a whole-row
/// key holds the day, so for those it is the k-th identical row of that day). Rows go in with
/// `INSERT OR IGNORE` on the primary key `(customer, day, row_key, occurrence)`: rows that are
/// identical inside one file are all kept, re-importing a file adds nothing, and a file that
/// overlaps an earlier one adds only its new rows.
///
/// Order lines are identified by (customer, order id, line of the order in the file) whatever
/// their day (the unique index `transactions_order_line`). A line already stored with other
/// values (amount, date, time, or a detail the file has) is a correction: it is updated and
/// counted as such, or refused with `ImportOptions.ChangedOrders.refuse`. Lookups are only made
/// for customers who had orders before the import, so a first import costs nothing more.
///
/// Counting occurrences needs, in general, a dictionary over every (customer, key) of the
/// file. Most files are grouped by customer, so while the rows arrive in customer key order the
/// importer keeps only the current customer's keys. When a row breaks that order it throws
/// `OutOfOrder`, and the caller runs the import again (in a fresh transaction) with
/// `sorted: false`.
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
    /// Stored order lines that the file changed.
    private(set) var updated = 0
    private let importID: Int64
    private var dates: DateParser
    private let amounts: AmountParser
    private let bounds: ImportBounds
    private let changedOrders: ImportOptions.ChangedOrders
    private let sorted: Bool
    /// Finds a stored order line, and updates one; nil when no order line was stored before.
    private let findOrderLine: RawStatement?
    private let updateOrderLine: RawStatement?
    /// Keys below this are customers who existed before the import.
    private let firstNewCustomer: Int64

    private var customers: CustomerKeys
    /// First and last day of the rows read for storing, kept in `imports` so that the
    /// database's day range never needs a scan of the transactions.
    private(set) var dayRange: ClosedRange<Int>?

    /// The current customer and the row keys seen for them, while rows arrive sorted.
    private var groupCustomer: Int64 = -1
    /// A customer's first keys are scanned linearly (most have a handful of rows, and a scan
    /// is cheaper than hashing); past `linearKeys` they move to a dictionary.
    private var groupKeys: [(key: Int64, count: Int64)] = []
    private var groupDictionary: [Int64: Int64] = [:]
    private static let linearKeys = 32
    /// Every (customer, key) seen, when rows do not arrive sorted.
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
    /// The free-text columns the file has (checked for control characters), made once.
    private let textFields: [(Int, TransactionColumn)]

    init(
        _ db: Database, importID: Int64, mapping: ColumnMapping<TransactionColumn>, dates: DateParser,
        options: ImportOptions, sorted: Bool
    ) throws {
        self.importID = importID
        self.dates = dates
        self.amounts = AmountParser(options.decimalSeparator)
        self.bounds = ImportBounds(options)
        self.changedOrders = options.changedOrders
        self.sorted = sorted
        self.db = db
        customers = try CustomerKeys(db, importID: importID)
        firstNewCustomer = customers.nextKey
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
        textFields = [TransactionColumn.product, .category, .channel, .time].compactMap { column in
            mapping[column].map { ($0, column) }
        }
        optionalColumns = [.orderID, .product, .category, .quantity, .cost, .channel, .discount].filter {
            mapping[$0] != nil
        }
        pending.reserveCapacity(Self.batchSize)
        insertBatch = try RawStatement(db, Self.insertSQL(rows: Self.batchSize, optionalColumns, importID))
        let hasOrders =
            try mapping[.orderID] != nil
            && Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM transactions WHERE order_id IS NOT NULL)") == true
        if hasOrders {
            findOrderLine = try RawStatement(
                db,
                """
                SELECT day, amount, time, \(Self.detailColumns.map(\.sqlName).joined(separator: ", ")), import_id
                FROM transactions WHERE customer = ?1 AND row_key = ?2 AND occurrence = ?3 AND order_id IS NOT NULL
                """)
            updateOrderLine = try RawStatement(db, Self.updateSQL(optionalColumns, importID))
        } else {
            findOrderLine = nil
            updateOrderLine = nil
        }
    }

    /// The optional columns in the order `findOrderLine` reads them (from column 3).
    private static let detailColumns: [TransactionColumn] = [
        .quantity, .cost, .discount, .product, .category, .channel,
    ]

    /// `UPDATE` of one order line: day, amount and time always, the optional columns the file has.
    private static func updateSQL(_ optionalColumns: [TransactionColumn], _ importID: Int64) -> String {
        let sets =
            ["day = ?4", "amount = ?5", "time = coalesce(?6, time)"]
            + optionalColumns.filter { $0 != .orderID }.enumerated().map { "\($1.sqlName) = ?\($0 + 7)" }
        return "UPDATE transactions SET \(sets.joined(separator: ", ")), import_id = \(importID) "
            + "WHERE customer = ?1 AND row_key = ?2 AND occurrence = ?3 AND order_id IS NOT NULL"
    }

    mutating func importRow(_ reader: CSVReader, store: Bool) throws -> RowOutcome {
        // Check every field before storing anything.
        if let problem = reader.withField(customerField, { IdentifierText.problem($0, "the customer id") }) {
            return .invalid(column: customerField, reason: problem)
        }
        if let orderField,
            let problem = reader.withField(orderField, { IdentifierText.optionalProblem($0, "the order id") })
        {
            return .invalid(column: orderField, reason: problem)
        }
        for (field, column) in textFields {
            if let problem = reader.withField(field, { IdentifierText.textProblem($0, "the \(column.label)") }) {
                return .invalid(column: field, reason: problem)
            }
        }
        guard let date = reader.withField(dateField, { dates.parse($0) }) else {
            let value = reader.string(dateField)
            return .invalid(column: dateField, reason: "\"\(value)\" is not a date (\(dates.expectation))")
        }
        if let problem = bounds.day(date.day, reader.string(dateField)) {
            return .invalid(column: dateField, reason: problem)
        }
        let amount: Double
        switch reader.withField(amountField, { amounts.read($0) }) {
        case .value(let value): amount = value
        case let reading:
            return .invalid(column: amountField, reason: amounts.problem(reader.string(amountField), reading))
        }
        if let problem = bounds.amount(amount, reader.string(amountField)) {
            return .invalid(column: amountField, reason: problem)
        }
        var quantity: Double?
        var cost: Double?
        var discount: Double?
        if let problem = number(quantityField, reader, into: &quantity) { return problem }
        if let problem = number(costField, reader, into: &cost) { return problem }
        if let problem = number(discountField, reader, into: &discount) { return problem }
        guard store else { return .accepted }

        // The customer's key, creating a bare customer for an unknown id.
        let customer = try reader.withField(customerField) { bytes in
            try IdentifierText.withNormalised(bytes) { try customers.key($0) }
        }
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
        let orderID = orderField.map { field in reader.withField(field) { IdentifierText.normalisedText($0) } } ?? nil
        if let orderID {
            hash.add(byte: 1)
            orderID.withUnsafeBufferPointer { hash.add($0) }
        } else {
            hash.add(byte: 2)
            reader.withField(customerField) { bytes in IdentifierText.withNormalised(bytes) { hash.add($0) } }
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
        let occurrence = try nextOccurrence(customer: customer, key: rowKey)

        var row = PendingRow(
            customer: customer, day: Int64(day), rowKey: rowKey, occurrence: occurrence, amount: amount, time: time,
            quantity: quantity, cost: cost, discount: discount)
        row.orderID = orderID
        if let productField { row.product = text(productField, reader) }
        if let categoryField { row.category = text(categoryField, reader) }
        if let channelField { row.channel = text(channelField, reader) }
        if orderID != nil, customer < firstNewCustomer, let findOrderLine {
            switch try compareStored(row, findOrderLine) {
            case .none: break
            case .same:
                duplicates += 1
                return .accepted
            case .changed(let column, let stored):
                if changedOrders == .refuse {
                    let line = String(decoding: orderID ?? [], as: UTF8.self)
                    let field = column == .date ? dateField : column == .amount ? amountField : mappingField(column)
                    return .invalid(
                        column: field,
                        reason: "order \"\(line)\" (line \(occurrence) of the order) is already stored with "
                            + "\(stored); this file changes it. Nothing was stored: let changed orders update the "
                            + "stored ones to take the file's values")
                }
                try update(row)
                return .accepted
            }
        }
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

    /// A text cell in its normal form (see `IdentifierText`), nil when empty.
    @inline(__always)
    private func text(_ field: Int, _ reader: CSVReader) -> [UInt8]? {
        reader.withField(field) { IdentifierText.normalisedText($0) }
    }

    /// Reads an optional number column into `value`; returns the outcome for an invalid one.
    @inline(__always)
    private func number(_ field: Int?, _ reader: CSVReader, into value: inout Double?) -> RowOutcome? {
        guard let field else { return nil }
        let reading: AmountParser.Reading? = reader.withField(field) { bytes in
            trimmed(bytes).isEmpty ? nil : amounts.read(bytes)
        }
        guard let reading else {
            value = nil
            return nil
        }
        guard case .value(let parsed) = reading else {
            return .invalid(column: field, reason: amounts.problem(reader.string(field), reading, "a number"))
        }
        if let problem = bounds.amount(parsed, reader.string(field)) { return .invalid(column: field, reason: problem) }
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

    /// 1 for the first row with this key of this customer in this file, then 2, 3, …
    private mutating func nextOccurrence(customer: Int64, key: Int64) throws -> Int64 {
        if !sorted {
            let id = OccurrenceKey(customer: customer, key: key)
            let count = (occurrences[id] ?? 0) + 1
            occurrences[id] = count
            return count
        }
        if customer != groupCustomer {
            guard customer > groupCustomer else { throw OutOfOrder() }
            groupCustomer = customer
            groupKeys.removeAll(keepingCapacity: true)
            if !groupDictionary.isEmpty { groupDictionary.removeAll(keepingCapacity: true) }
        }
        if groupDictionary.isEmpty {
            for index in groupKeys.indices where groupKeys[index].key == key {
                groupKeys[index].count += 1
                return groupKeys[index].count
            }
            if groupKeys.count < Self.linearKeys {
                groupKeys.append((key, 1))
                return 1
            }
            for entry in groupKeys { groupDictionary[entry.key] = entry.count }
        }
        let count = (groupDictionary[key] ?? 0) + 1
        groupDictionary[key] = count
        return count
    }

    /// How a row compares with the stored order line of the same identity.
    private enum Stored {
        case none
        case same
        /// The first column that differs, and the stored values in words.
        case changed(TransactionColumn, String)
    }

    private func compareStored(_ row: PendingRow, _ find: RawStatement) throws -> Stored {
        find.bind(1, row.customer)
        find.bind(2, row.rowKey)
        find.bind(3, row.occurrence)
        var result = Stored.none
        try find.forEachRow {
            let day = Int64(find.int(0))
            let amount = find.double(1)
            let storedTime: String? = find.isNull(2) ? nil : find.text(2)
            let words =
                "amount \(AmountParser.plain(amount)) on \(Day(number: Int(day)))"
                + (storedTime.map { " at \($0)" } ?? "") + " (import \(find.int(9)))"
            func double(_ column: Int32) -> Double? { find.isNull(column) ? nil : find.double(column) }
            func text(_ column: Int32) -> [UInt8]? { find.isNull(column) ? nil : Array(find.text(column).utf8) }
            var changed: TransactionColumn?
            if day != row.day {
                changed = .date
            } else if amount != row.amount {
                changed = .amount
            } else if row.time != nil && storedTime != row.time {
                changed = .time
            } else {
                for (offset, column) in Self.detailColumns.enumerated() where optionalColumns.contains(column) {
                    let index = Int32(offset + 3)
                    let same: Bool
                    switch column {
                    case .quantity: same = double(index) == row.quantity
                    case .cost: same = double(index) == row.cost
                    case .discount: same = double(index) == row.discount
                    case .product: same = text(index) == row.product
                    case .category: same = text(index) == row.category
                    default: same = text(index) == row.channel
                    }
                    if !same {
                        changed = column
                        break
                    }
                }
            }
            result = changed.map { .changed($0, words) } ?? .same
        }
        return result
    }

    /// Gives the stored order line of `row`'s identity the file's values.
    private mutating func update(_ row: PendingRow) throws {
        guard let statement = updateOrderLine else { return }
        statement.bind(1, row.customer)
        statement.bind(2, row.rowKey)
        statement.bind(3, row.occurrence)
        statement.bind(4, row.day)
        statement.bind(5, row.amount)
        statement.bind(6, row.time)
        for (offset, column) in optionalColumns.filter({ $0 != .orderID }).enumerated() {
            let index = Int32(offset + 7)
            switch column {
            case .product: statement.bind(index, row.product)
            case .category: statement.bind(index, row.category)
            case .channel: statement.bind(index, row.channel)
            case .quantity: statement.bind(index, row.quantity)
            case .cost: statement.bind(index, row.cost)
            default: statement.bind(index, row.discount)
            }
        }
        _ = try statement.step()
        updated += 1
    }

    /// The field of an optional column (for a message about it).
    private func mappingField(_ column: TransactionColumn) -> Int? {
        switch column {
        case .time: timeField
        case .quantity: quantityField
        case .cost: costField
        case .discount: discountField
        case .product: productField
        case .category: categoryField
        case .channel: channelField
        default: nil
        }
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
