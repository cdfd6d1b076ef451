/// Turns each customer's purchase-day totals into the summary's figures, in one place for every
/// engine that computes those totals (SQLite, PostgreSQL, Spark), so the definitions cannot drift.
///
/// The totals are the BTYD literature's, as lifetimes computes them: purchase periods are
/// distinct calendar days; frequency = calibration periods − 1; recency = first to last
/// calibration period; T = first period to the calibration end; monetary = the mean value of the
/// repeat periods (the exact sum of their amounts over their count, 0 without a repeat period).
public struct SummaryBuilder: Sendable {
    public private(set) var table: SummaryTable
    private let calibrationEnd: Day
    private let unitDays: Double
    private let withHoldout: Bool
    private var holdoutFrequency: [Double] = []
    private var holdoutMonetary: [Double] = []
    private let observationEnd: Day

    /// A summary to `observationEnd` in `unit`; with a `calibrationEnd`, the days after it are the
    /// holdout period and get holdout columns.
    public init(unit: TimeUnit, observationEnd: Day, calibrationEnd: Day?) {
        self.calibrationEnd = calibrationEnd ?? observationEnd
        self.observationEnd = observationEnd
        withHoldout = calibrationEnd != nil
        unitDays = unit.days
        table = SummaryTable(
            ids: [], frequency: [], recency: [], T: [], monetary: [], revenue: [], orders: [], firstDay: [],
            lastDay: [], unit: unit, observationEnd: self.calibrationEnd)
    }

    /// Adds one customer.
    /// - Parameters:
    ///   - periods: distinct purchase days up to the observation end, calibration and holdout.
    ///   - holdoutPeriods: the distinct purchase days after the calibration end.
    ///   - firstDay: the first purchase day (on or before the calibration end).
    ///   - lastDay: the last purchase day on or before the calibration end.
    ///   - repeatValue: the amounts of the calibration days after the first.
    ///   - revenue, orders: all calibration amounts and rows.
    ///   - holdoutValue, holdoutRows: the holdout amounts and rows.
    public mutating func add(
        id: String, periods: Int, holdoutPeriods: Int, firstDay: Int, lastDay: Int, repeatValue: Double,
        revenue: Double, orders: Int, holdoutValue: Double, holdoutRows: Int
    ) {
        let calibrationPeriods = periods - holdoutPeriods
        table.ids.append(id)
        table.frequency.append(Double(calibrationPeriods - 1))
        table.recency.append(Double(lastDay - firstDay) / unitDays)
        table.T.append(Double(calibrationEnd.number - firstDay) / unitDays)
        table.monetary.append(calibrationPeriods > 1 ? repeatValue / Double(calibrationPeriods - 1) : 0)
        table.revenue.append(revenue)
        table.orders.append(orders)
        table.firstDay.append(Day(number: firstDay))
        table.lastDay.append(Day(number: lastDay))
        if withHoldout {
            holdoutFrequency.append(Double(holdoutPeriods))
            holdoutMonetary.append(holdoutRows > 0 ? holdoutValue / Double(holdoutRows) : 0)
        }
    }

    /// The summary of every customer added, in the order they were added.
    public func summary() -> SummaryTable {
        var result = table
        if withHoldout {
            result.holdout = SummaryTable.Holdout(
                frequency: holdoutFrequency, monetary: holdoutMonetary,
                duration: Double(observationEnd.number - calibrationEnd.number) / unitDays, end: observationEnd)
        }
        return result
    }
}
