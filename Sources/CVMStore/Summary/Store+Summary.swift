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
    /// Same-day rows are summed into one purchase period; `period` numbers a customer's purchase
    /// days so that the first one can be left out of the repeat value. Without a calibration end,
    /// `:cal` equals `:end` and the holdout sums are zero. Only portable SQL (CTEs, window
    /// functions, CASE) is used so the statement runs unchanged on PostgreSQL.
    static let summarySQL = """
        WITH days AS (
            SELECT customer, day, SUM(amount) AS amount, COUNT(*) AS rows
            FROM transactions
            WHERE day <= :end
            GROUP BY customer, day
        ),
        numbered AS (
            SELECT customer, day, amount, rows,
                   ROW_NUMBER() OVER (PARTITION BY customer ORDER BY day) AS period
            FROM days
        )
        SELECT c.id,
               SUM(CASE WHEN day <= :cal THEN 1 ELSE 0 END) AS periods,
               MIN(day) AS first_day,
               MAX(CASE WHEN day <= :cal THEN day END) AS last_day,
               SUM(CASE WHEN day <= :cal AND period > 1 THEN amount ELSE 0 END) AS repeat_value,
               SUM(CASE WHEN day <= :cal THEN amount ELSE 0 END) AS revenue,
               SUM(CASE WHEN day <= :cal THEN rows ELSE 0 END) AS orders,
               SUM(CASE WHEN day > :cal THEN 1 ELSE 0 END) AS holdout_periods,
               SUM(CASE WHEN day > :cal THEN amount ELSE 0 END) AS holdout_value,
               SUM(CASE WHEN day > :cal THEN rows ELSE 0 END) AS holdout_rows
        FROM numbered
        JOIN customers c ON c.key = numbered.customer
        GROUP BY numbered.customer, c.id
        HAVING MIN(day) <= :cal
        ORDER BY numbered.customer
        """

    /// The first and last transaction days, or nil when there are no transactions.
    public func transactionDayRange() throws -> ClosedRange<Day>? {
        try read { db in
            let row = try Row.fetchOne(db, sql: "SELECT MIN(day), MAX(day) FROM transactions")
            guard let row, let first: Int = row[0], let last: Int = row[1] else { return nil }
            return Day(number: first)...Day(number: last)
        }
    }

    /// Builds the per-customer summary (SPEC V1) for customers whose first purchase is on or before
    /// the (calibration) end.
    public func summary(_ options: SummaryOptions = SummaryOptions()) throws -> SummaryTable {
        guard let range = try transactionDayRange() else {
            throw StoreError(.noTransactions, "the database has no transactions yet: run `cvm import transactions FILE` first")
        }
        let end = options.asOf ?? range.upperBound
        let calibrationEnd = options.calibrationEnd ?? end
        guard calibrationEnd <= end else {
            throw StoreError(
                .invalidOption,
                "the calibration end \(calibrationEnd) is after the observation end \(end); choose an earlier --calibration-end")
        }
        guard range.lowerBound <= calibrationEnd else {
            throw StoreError(
                .invalidOption,
                "no customer has a purchase on or before \(calibrationEnd) (the first transaction is on \(range.lowerBound))")
        }
        let unitDays = options.unit.days
        var table = SummaryTable(
            ids: [], frequency: [], recency: [], T: [], monetary: [], revenue: [], orders: [], firstDay: [],
            lastDay: [], unit: options.unit, observationEnd: calibrationEnd)
        var holdoutFrequency: [Double] = []
        var holdoutMonetary: [Double] = []
        try read { db in
            let statement = try db.makeStatement(sql: Self.summarySQL)
            let cursor = try Row.fetchCursor(
                statement, arguments: ["end": end.number, "cal": calibrationEnd.number])
            while let row = try cursor.next() {
                let periods: Int = row[1]
                let first: Int = row[2]
                let last: Int = row[3]
                let repeatValue: Double = row[4]
                table.ids.append(row[0])
                table.frequency.append(Double(periods - 1))
                table.recency.append(Double(last - first) / unitDays)
                table.T.append(Double(calibrationEnd.number - first) / unitDays)
                table.monetary.append(periods > 1 ? repeatValue / Double(periods - 1) : 0)
                table.revenue.append(row[5])
                table.orders.append(row[6])
                table.firstDay.append(Day(number: first))
                table.lastDay.append(Day(number: last))
                if options.calibrationEnd != nil {
                    let holdoutRows: Int = row[9]
                    let holdoutValue: Double = row[8]
                    holdoutFrequency.append(Double(row[7] as Int))
                    holdoutMonetary.append(holdoutRows > 0 ? holdoutValue / Double(holdoutRows) : 0)
                }
            }
        }
        if options.calibrationEnd != nil {
            table.holdout = SummaryTable.Holdout(
                frequency: holdoutFrequency, monetary: holdoutMonetary,
                duration: Double(end.number - calibrationEnd.number) / unitDays, end: end)
        }
        return table
    }
}
