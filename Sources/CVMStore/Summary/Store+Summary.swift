import CustomerValue
import GRDB

/// What the per-customer summary covers.
public struct SummaryOptions: Sendable {
    /// Durations are expressed in this unit.
    public var unit: TimeUnit = .day
    /// End of observation (inclusive); default: the last transaction day in the database.
    public var asOf: Day?
    /// End of the calibration period (inclusive); adds holdout columns for the days after it.
    public var calibrationEnd: Day?

    public init(unit: TimeUnit = .day, asOf: Day? = nil, calibrationEnd: Day? = nil) {
        self.unit = unit
        self.asOf = asOf
        self.calibrationEnd = calibrationEnd
    }
}

extension Store {
    /// The per-customer aggregation, as one SQL statement that runs where the data lives.
    ///
    /// One pass over the transactions of the customer keys `:low…:high`, grouped by customer:
    /// the table is clustered on (customer, day), so the grouping streams with no sort. Purchase
    /// periods are distinct days; `CASE` splits calibration days (`day <= :cal`) from holdout
    /// days (without a calibration end `:cal` equals `:end` and the holdout sums are zero). The
    /// value of the repeat periods is summed by a correlated subquery over the customer's days
    /// after the first — one primary-key range read per customer — so it is the exact sum of
    /// those amounts rather than a difference of two sums. Key ranges let several connections
    /// share the work. Only portable SQL is used, so it runs unchanged on PostgreSQL.
    ///
    /// Measured on 6.4 M rows (1 M customers) this is 2–3× cheaper than numbering the purchase
    /// days with `ROW_NUMBER()`, which makes SQLite materialise and sort every day.
    public static let summarySQL = """
        SELECT t.customer,
               COUNT(DISTINCT t.day) AS periods,
               COUNT(DISTINCT CASE WHEN t.day > :cal THEN t.day END) AS holdout_periods,
               MIN(t.day) AS first_day,
               MAX(CASE WHEN t.day <= :cal THEN t.day END) AS last_day,
               (SELECT SUM(r.amount) FROM transactions r
                WHERE r.customer = t.customer AND r.day > MIN(t.day) AND r.day <= :cal) AS repeat_value,
               SUM(CASE WHEN t.day <= :cal THEN t.amount ELSE 0 END) AS revenue,
               SUM(CASE WHEN t.day <= :cal THEN 1 ELSE 0 END) AS orders,
               SUM(CASE WHEN t.day > :cal THEN t.amount ELSE 0 END) AS holdout_value,
               SUM(CASE WHEN t.day > :cal THEN 1 ELSE 0 END) AS holdout_rows
        FROM transactions t
        WHERE t.customer BETWEEN :low AND :high AND t.day <= :end
        GROUP BY t.customer
        HAVING MIN(t.day) <= :cal
        ORDER BY t.customer
        """

    /// The first and last transaction days, or nil when there are no transactions.
    ///
    /// Read from the import records (each transaction import keeps the day range of its rows),
    /// which costs nothing, where `MIN(day)` over the transactions would scan them all.
    public func transactionDayRange() throws -> ClosedRange<Day>? {
        try read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT MIN(first_day), MAX(last_day) FROM imports
                    WHERE kind = 'transactions' AND (rows_stored > 0 OR rows_updated > 0)
                    """)
            guard let row, let first: Int = row[0], let last: Int = row[1] else { return nil }
            return Day(number: first)...Day(number: last)
        }
    }

    /// Builds the per-customer summary for customers whose first purchase is on or before
    /// the (calibration) end.
    public func summary(_ options: SummaryOptions = SummaryOptions()) throws -> SummaryTable {
        let (end, calibrationEnd) = try Self.summaryPeriod(options, range: try transactionDayRange())
        let columns = try perCustomerQuery(
            Self.summarySQL, arguments: [":end": Int64(end.number), ":cal": Int64(calibrationEnd.number)],
            as: RawSummaryRows.self)
        return Self.summaryTable(columns, options: options, end: end, calibrationEnd: calibrationEnd)
    }

    /// The observation and calibration ends of a summary over the transaction days `range`, or the
    /// `StoreError` that says why there is none.
    public static func summaryPeriod(_ options: SummaryOptions, range: ClosedRange<Day>?) throws -> (
        end: Day, calibrationEnd: Day
    ) {
        guard let range else {
            throw StoreError(
                .noTransactions, "the database has no transactions yet")
        }
        let end = options.asOf ?? range.upperBound
        let calibrationEnd = options.calibrationEnd ?? end
        guard calibrationEnd <= end else {
            throw StoreError(
                .invalidOption,
                "the calibration end \(calibrationEnd) is after the observation end \(end); choose an earlier calibration end"
            )
        }
        guard range.lowerBound <= calibrationEnd else {
            throw StoreError(
                .invalidOption,
                "no customer has a purchase on or before \(calibrationEnd) (the first transaction is on \(range.lowerBound))"
            )
        }
        return (end, calibrationEnd)
    }

    /// The summary table from the rows of `summarySQL` (in customer key order, with their ids).
    public static func summaryTable(
        _ columns: [RawSummaryRows], options: SummaryOptions, end: Day, calibrationEnd: Day
    ) -> SummaryTable {
        var builder = SummaryBuilder(
            unit: options.unit, observationEnd: end, calibrationEnd: options.calibrationEnd)
        for raw in columns {
            for i in 0..<raw.ids.count {
                builder.add(
                    id: raw.ids[i], periods: raw.periods[i], holdoutPeriods: raw.holdoutPeriods[i],
                    firstDay: raw.firstDay[i], lastDay: raw.lastDay[i], repeatValue: raw.repeatValue[i],
                    revenue: raw.revenue[i], orders: raw.orders[i], holdoutValue: raw.holdoutValue[i],
                    holdoutRows: raw.holdoutRows[i])
            }
        }
        return builder.summary()
    }
}

/// The summary statement's rows for one key range, as columns.
public struct RawSummaryRows: CustomerRows, Sendable {
    public var keys: [Int64] = []
    public var ids: [String] = []
    /// All purchase days up to the observation end, calibration and holdout.
    var periods: [Int] = []
    var holdoutPeriods: [Int] = []
    var firstDay: [Int] = []
    var lastDay: [Int] = []
    var repeatValue: [Double] = []
    var revenue: [Double] = []
    var orders: [Int] = []
    var holdoutValue: [Double] = []
    var holdoutRows: [Int] = []

    public init() {}

    /// Appends one row of `summarySQL` (its columns in order, the customer key first).
    public mutating func append(_ row: some StoreRow) {
        keys.append(Int64(row.int(0)))
        periods.append(row.int(1))
        holdoutPeriods.append(row.int(2))
        firstDay.append(row.int(3))
        lastDay.append(row.int(4))
        repeatValue.append(row.double(5))  // NULL (no repeat day) reads as 0
        revenue.append(row.double(6))
        orders.append(row.int(7))
        holdoutValue.append(row.double(8))
        holdoutRows.append(row.int(9))
    }
}

extension Store {
    /// Repeat purchase days per calendar day, up to `end`, of the customers whose first purchase is
    /// on or before `cohortEnd` (the summary's customers) — the actual side of a tracking plot.
    public func repeatPurchasesPerDay(through end: Day, cohortEnd: Day) throws -> [(day: Day, purchases: Int)] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    WITH days AS (
                        SELECT customer, day FROM transactions WHERE day <= :end GROUP BY customer, day
                    ),
                    firsts AS (
                        SELECT customer, MIN(day) AS first FROM days GROUP BY customer HAVING MIN(day) <= :cohort
                    )
                    SELECT d.day, COUNT(*)
                    FROM days d JOIN firsts f ON f.customer = d.customer AND d.day > f.first
                    GROUP BY d.day
                    ORDER BY d.day
                    """, arguments: ["end": end.number, "cohort": cohortEnd.number])
            return rows.map { (Day(number: $0[0]), $0[1]) }
        }
    }
}
