import CustomerValue
import Foundation

/// What an analysis run reads of the transactions at one as-of date: the per-customer summary,
/// the value windows and every customer's purchase history.
public struct TransactionScan: Sendable {
    public var summary: SummaryTable
    public var windows: ValueWindows
    public var history: PurchaseHistory

    public init(summary: SummaryTable, windows: ValueWindows, history: PurchaseHistory) {
        self.summary = summary
        self.windows = windows
        self.history = history
    }
}

extension CustomerStore {
    /// The summary, the value windows and the purchase history as three reads: the portable
    /// definition (`summarySQL`, `valueWindowsSQL` and the history's grouping), which a store
    /// without a faster path runs as it is.
    public func transactionScan(unit: TimeUnit, asOf: Day?, currentWindowDays: Int) async throws -> TransactionScan {
        let summary = try await summary(SummaryOptions(unit: unit, asOf: asOf))
        let end = summary.observationEnd
        return TransactionScan(
            summary: summary, windows: try await valueWindows(asOf: end, currentWindowDays: currentWindowDays),
            history: try await purchaseHistory(through: end))
    }
}

extension Store {
    /// Every customer with the transactions up to `:end`, in (customer, day) order.
    ///
    /// The left join keeps customers with no purchase yet (the history's prospects); the
    /// transactions are clustered on (customer, day, row), so the rows stream in key order with
    /// no sort, and within a customer in the same order as the statements this scan stands for.
    static let transactionScanSQL = """
        SELECT c.key, c.id, t.day, t.amount, t.cost, t.discount
        FROM customers c LEFT JOIN transactions t ON t.customer = c.key AND t.day <= :end
        WHERE c.key BETWEEN :low AND :high
        ORDER BY c.key, t.day
        """

    /// The summary (with no calibration period), the value windows and the purchase history from
    /// one ordered read of the transactions, one customer-key range per core.
    ///
    /// The same figures as `summary(_:)`, `valueWindows(asOf:currentWindowDays:)` and
    /// `purchaseHistory(through:)`, which each read every transaction (three reads took about
    /// 15 s of a 1,000,000-customer analysis): each sum adds the same amounts in the same row
    /// order as the statements (SQLite's `SUM` of reals is a plain running sum), so the results
    /// are equal, which a test checks customer by customer.
    public func transactionScan(unit: TimeUnit, asOf: Day?, currentWindowDays: Int) throws -> TransactionScan {
        let range = try transactionDayRange()
        let options = SummaryOptions(unit: unit, asOf: asOf)
        let (end, _) = try Self.summaryPeriod(options, range: range)
        let (_, start, previous) = try Self.valueWindowsPeriod(
            asOf: end, currentWindowDays: currentWindowDays, range: range)
        let parts = try customerKeyRanges()
        let pieces = try concurrentReads(parts.count) { db, part -> ScanPiece in
            let query = try RawStatement(db, Self.transactionScanSQL)
            query.bind(":low", parts[part].lowerBound)
            query.bind(":high", parts[part].upperBound)
            query.bind(":end", Int64(end.number))
            var piece = ScanPiece(start: start, previous: previous)
            var lastKey: Int?
            try query.forEachRow {
                let key = query.int(0)
                if key != lastKey {
                    piece.close()
                    lastKey = key
                    piece.open(key: Int64(key), id: query.text(1))
                }
                guard !query.isNull(2) else { return }
                piece.add(
                    day: query.int(2), amount: query.double(3), cost: query.isNull(4) ? nil : query.double(4),
                    discount: query.isNull(5) ? 0 : query.double(5))
            }
            piece.close()
            return piece
        }
        return TransactionScan(
            summary: Self.summaryTable(pieces.map(\.summary), options: options, end: end, calibrationEnd: end),
            windows: Self.valueWindows(
                pieces.map(\.windows), end: end, start: start, currentWindowDays: currentWindowDays),
            history: PurchaseHistory(joining: pieces.map(\.history)))
    }
}

/// One key range's share of a transaction scan: the rows of `summarySQL` and `valueWindowsSQL`
/// and the purchase days, built one customer at a time.
struct ScanPiece {
    /// The last historical day and the last day before the previous window (as `valueWindowsSQL`).
    let start: Int
    let previous: Int
    var summary = RawSummaryRows()
    var windows = RawValueRows()
    var history = PurchaseHistory(ids: [], start: [0], days: [], values: [])

    // The open customer.
    private var key: Int64 = 0
    private var id = ""
    private var rows = 0
    private var days = 0
    private var first = 0
    private var last = 0
    private var revenue = 0.0
    private var repeatValue = 0.0
    private var costedRows = 0
    /// Historical revenue, costed revenue, cost, discount; then the same for the current window.
    private var sums = [Double](repeating: 0, count: 8)
    private var activeBefore = false
    private var activeNow = false

    init(start: Int, previous: Int) {
        self.start = start
        self.previous = previous
    }

    mutating func open(key: Int64, id: String) {
        self.key = key
        self.id = id
        rows = 0
        days = 0
        revenue = 0
        repeatValue = 0
        costedRows = 0
        for k in 0..<8 { sums[k] = 0 }
        activeBefore = false
        activeNow = false
        history.ids.append(id)
    }

    /// One transaction of the open customer, in day order.
    mutating func add(day: Int, amount: Double, cost: Double?, discount: Double) {
        if rows == 0 {
            first = day
        } else if day > first {
            repeatValue += amount
        }
        if rows == 0 || day != last {
            days += 1
            last = day
            history.days.append(Day(number: day))
            history.values.append(amount)
        } else {
            history.values[history.values.count - 1] += amount
        }
        rows += 1
        revenue += amount
        let window = day <= start ? 0 : 4
        sums[window] += amount
        if let cost {
            costedRows += 1
            sums[window + 1] += amount
            sums[window + 2] += cost
        }
        sums[window + 3] += discount
        if day > start { activeNow = true } else if day > previous { activeBefore = true }
    }

    /// Ends the open customer: a customer with purchases gets a summary and a windows row.
    mutating func close() {
        guard !history.ids.isEmpty, history.start.count == history.ids.count else { return }
        history.start.append(history.days.count)
        guard rows > 0 else { return }
        summary.keys.append(key)
        summary.ids.append(id)
        summary.periods.append(days)
        summary.holdoutPeriods.append(0)
        summary.firstDay.append(first)
        summary.lastDay.append(last)
        summary.repeatValue.append(repeatValue)
        summary.revenue.append(revenue)
        summary.orders.append(rows)
        summary.holdoutValue.append(0)
        summary.holdoutRows.append(0)
        windows.keys.append(key)
        windows.ids.append(id)
        windows.firstDay.append(first)
        windows.lastDay.append(last)
        windows.purchaseDays.append(days)
        windows.orders.append(rows)
        windows.costedRows.append(costedRows)
        for k in 0..<8 { windows.values[k].append(sums[k]) }
        windows.activeBefore.append(activeBefore)
        windows.activeNow.append(activeNow)
    }
}
