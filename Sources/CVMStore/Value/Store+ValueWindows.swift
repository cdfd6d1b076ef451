import CustomerValue
import GRDB

extension Store {
    /// Per-customer sums before and inside the current window, as one SQL statement.
    ///
    /// One pass over the transactions of the key range `:low…:high` up to `:end`, grouped by
    /// customer (the table is clustered on customer, so the grouping streams with no sort); `CASE`
    /// splits the rows at `:start` (the last historical day) and marks activity in the window
    /// (`:previous`, `:start`] before the current one. Costs and discounts that are NULL count 0, and
    /// the revenue of rows that do have a cost is summed apart so that the margin for the others can
    /// be applied afterwards (see `ValueWindows`). Portable SQL, as `summarySQL`.
    public static let valueWindowsSQL = """
        SELECT t.customer,
               MIN(t.day) AS first_day,
               MAX(t.day) AS last_day,
               COUNT(DISTINCT t.day) AS purchase_days,
               COUNT(*) AS orders,
               SUM(CASE WHEN t.cost IS NOT NULL THEN 1 ELSE 0 END) AS costed_rows,
               SUM(CASE WHEN t.day <= :start THEN t.amount ELSE 0 END) AS h_revenue,
               SUM(CASE WHEN t.day <= :start AND t.cost IS NOT NULL THEN t.amount ELSE 0 END) AS h_costed,
               SUM(CASE WHEN t.day <= :start THEN COALESCE(t.cost, 0) ELSE 0 END) AS h_cost,
               SUM(CASE WHEN t.day <= :start THEN COALESCE(t.discount, 0) ELSE 0 END) AS h_discount,
               SUM(CASE WHEN t.day > :start THEN t.amount ELSE 0 END) AS c_revenue,
               SUM(CASE WHEN t.day > :start AND t.cost IS NOT NULL THEN t.amount ELSE 0 END) AS c_costed,
               SUM(CASE WHEN t.day > :start THEN COALESCE(t.cost, 0) ELSE 0 END) AS c_cost,
               SUM(CASE WHEN t.day > :start THEN COALESCE(t.discount, 0) ELSE 0 END) AS c_discount,
               MAX(CASE WHEN t.day > :previous AND t.day <= :start THEN 1 ELSE 0 END) AS active_before,
               MAX(CASE WHEN t.day > :start THEN 1 ELSE 0 END) AS active_now
        FROM transactions t
        WHERE t.customer BETWEEN :low AND :high AND t.day <= :end
        GROUP BY t.customer
        ORDER BY t.customer
        """

    /// Every customer's transactions up to `asOf`, summed before and inside the last
    /// `currentWindowDays` days.
    ///
    /// The current window is (asOf − currentWindowDays, asOf]; the historical period every day up
    /// to asOf − currentWindowDays. Customers are those with a purchase on or before `asOf`, in key
    /// order (the order of `summary(_:)`).
    /// - Parameter asOf: the evaluation date; default the last transaction day.
    /// - Throws: `StoreError` when there are no transactions or the window is not positive.
    public func valueWindows(asOf: Day? = nil, currentWindowDays: Int) throws -> ValueWindows {
        let (end, start, previous) = try Self.valueWindowsPeriod(
            asOf: asOf, currentWindowDays: currentWindowDays, range: try transactionDayRange())
        let columns = try perCustomerQuery(
            Self.valueWindowsSQL,
            arguments: [":end": Int64(end.number), ":start": Int64(start), ":previous": Int64(previous)],
            as: RawValueRows.self)
        return Self.valueWindows(columns, end: end, start: start, currentWindowDays: currentWindowDays)
    }

    /// The end, the last historical day and the day before the previous window of value windows
    /// over the transaction days `range`, or the `StoreError` that says why there are none.
    public static func valueWindowsPeriod(asOf: Day?, currentWindowDays: Int, range: ClosedRange<Day>?) throws -> (
        end: Day, start: Int, previous: Int
    ) {
        guard let range else {
            throw StoreError(
                .noTransactions, "the database has no transactions yet")
        }
        guard currentWindowDays > 0 else {
            throw StoreError(.invalidOption, "the current window must be at least one day long")
        }
        let end = asOf ?? range.upperBound
        guard range.lowerBound <= end else {
            throw StoreError(
                .invalidOption,
                "no customer has a purchase on or before \(end) (the first transaction is on \(range.lowerBound))")
        }
        let start = end.number - currentWindowDays
        return (end, start, start - currentWindowDays)
    }

    /// The value windows from the rows of `valueWindowsSQL` (in customer key order, with their ids).
    public static func valueWindows(_ columns: [RawValueRows], end: Day, start: Int, currentWindowDays: Int)
        -> ValueWindows
    {
        var w = ValueWindows(
            ids: [], historical: WindowSums(), current: WindowSums(), firstDay: [], lastDay: [], purchaseDays: [],
            orders: [], activeBefore: [], activeNow: [], rowsWithCost: 0, rows: 0, asOf: end,
            windowStart: Day(number: start), windowDays: currentWindowDays)
        for raw in columns {
            w.ids += raw.ids
            w.firstDay += raw.firstDay.map(Day.init(number:))
            w.lastDay += raw.lastDay.map(Day.init(number:))
            w.purchaseDays += raw.purchaseDays
            w.orders += raw.orders
            w.rowsWithCost += raw.costedRows.reduce(0, +)
            w.rows += raw.orders.reduce(0, +)
            w.historical.revenue += raw.values[0]
            w.historical.costedRevenue += raw.values[1]
            w.historical.cost += raw.values[2]
            w.historical.discount += raw.values[3]
            w.current.revenue += raw.values[4]
            w.current.costedRevenue += raw.values[5]
            w.current.cost += raw.values[6]
            w.current.discount += raw.values[7]
            w.activeBefore += raw.activeBefore
            w.activeNow += raw.activeNow
        }
        return w
    }
}

/// The value-window statement's rows for one key range, as columns.
public struct RawValueRows: CustomerRows, Sendable {
    public var keys: [Int64] = []
    public var ids: [String] = []
    var firstDay: [Int] = []
    var lastDay: [Int] = []
    var purchaseDays: [Int] = []
    var orders: [Int] = []
    var costedRows: [Int] = []
    /// Historical revenue, costed revenue, cost, discount; then the same for the current window.
    var values: [[Double]] = Array(repeating: [], count: 8)
    var activeBefore: [Bool] = []
    var activeNow: [Bool] = []

    public init() {}

    /// Appends one row of `valueWindowsSQL` (its columns in order, the customer key first).
    public mutating func append(_ row: some StoreRow) {
        keys.append(Int64(row.int(0)))
        firstDay.append(row.int(1))
        lastDay.append(row.int(2))
        purchaseDays.append(row.int(3))
        orders.append(row.int(4))
        costedRows.append(row.int(5))
        for k in 0..<8 { values[k].append(row.double(6 + Int32(k))) }
        activeBefore.append(row.int(14) != 0)
        activeNow.append(row.int(15) != 0)
    }
}
