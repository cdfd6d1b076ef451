// Per-customer sums of the transactions before and inside the current window, the raw material of
// historical, current and potential value and of customer profitability.
//
// The store fills these columns with one SQL statement (`Store.valueWindows`); everything here is
// arithmetic on them. Profit is computed per transaction row: a row with a `cost` contributes
// amount − cost, a row without one contributes amount × margin. The sums keep the two kinds apart
// (`costedRevenue` is the revenue of the rows that have a cost), so the margin can be chosen after
// the query:
//
//   gross profit = (revenue − costedRevenue) · margin + (costedRevenue − cost).
//
// Discounts are a cost to serve (the cost-to-serve view lists them beside service and interactions), so they
// are subtracted only in the profitability view (`netProfit`), which assumes `amount` is the
// amount before the discount.

/// A month as cvm counts it: the mean Gregorian month, 365.2425 / 12 = 30.436875 days
/// (`TimeUnit.month`).
public let daysPerMonth = TimeUnit.month.days

/// Sums of one period's transaction rows, per customer.
public struct WindowSums: Sendable, Equatable {
    /// Sum of the amounts (returns are negative amounts).
    public var revenue: [Double]
    /// Sum of the amounts of the rows that have a cost.
    public var costedRevenue: [Double]
    /// Sum of the costs (rows without a cost count 0).
    public var cost: [Double]
    /// Sum of the discounts (rows without a discount count 0).
    public var discount: [Double]

    public init(revenue: [Double] = [], costedRevenue: [Double] = [], cost: [Double] = [], discount: [Double] = []) {
        self.revenue = revenue
        self.costedRevenue = costedRevenue
        self.cost = cost
        self.discount = discount
    }

    /// Gross profit per customer: amount − cost where the row has a cost, amount × `margin` where not.
    public func grossProfit(margin: Double) -> [Double] {
        revenue.indices.map { i in (revenue[i] - costedRevenue[i]) * margin + (costedRevenue[i] - cost[i]) }
    }

    /// Cost of goods per customer: the recorded costs plus amount × (1 − margin) for rows without one.
    public func costOfGoods(margin: Double) -> [Double] {
        revenue.indices.map { i in cost[i] + (revenue[i] - costedRevenue[i]) * (1 - margin) }
    }
}

/// Every customer's transactions split at the start of the current window.
///
/// The historical period is every day up to and including `windowStart`; the current window is
/// (`windowStart`, `asOf`]. `activeBefore`/`activeNow` mark a purchase in the window of equal
/// length before the current one and in the current one, for the retention rate.
public struct ValueWindows: Sendable, Equatable {
    /// The business's customer ids, in the store's key order.
    public var ids: [String]
    /// Rows up to `windowStart` (inclusive).
    public var historical: WindowSums
    /// Rows in (`windowStart`, `asOf`].
    public var current: WindowSums
    public var firstDay: [Day]
    public var lastDay: [Day]
    /// Distinct purchase days up to `asOf`.
    public var purchaseDays: [Int]
    /// Transaction rows up to `asOf`.
    public var orders: [Int]
    /// A purchase in (`windowStart` − `windowDays`, `windowStart`].
    public var activeBefore: [Bool]
    /// A purchase in (`windowStart`, `asOf`].
    public var activeNow: [Bool]
    /// Rows with a cost, of all rows up to `asOf`.
    public var rowsWithCost: Int
    public var rows: Int
    /// The evaluation date: the last day counted.
    public var asOf: Day
    /// The last day of the historical period.
    public var windowStart: Day
    /// Length of the current window in days.
    public var windowDays: Int

    public init(
        ids: [String], historical: WindowSums, current: WindowSums, firstDay: [Day], lastDay: [Day],
        purchaseDays: [Int], orders: [Int], activeBefore: [Bool], activeNow: [Bool], rowsWithCost: Int, rows: Int,
        asOf: Day, windowStart: Day, windowDays: Int
    ) {
        self.ids = ids
        self.historical = historical
        self.current = current
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.purchaseDays = purchaseDays
        self.orders = orders
        self.activeBefore = activeBefore
        self.activeNow = activeNow
        self.rowsWithCost = rowsWithCost
        self.rows = rows
        self.asOf = asOf
        self.windowStart = windowStart
        self.windowDays = windowDays
    }

    public var count: Int { ids.count }

    /// Whole days in `months` cvm months (30.436875 days each), rounded: 12 months are 365 days,
    /// 6 months 183, 1 month 30.
    public static func days(inMonths months: Double) -> Int { Int(saturating: (months * daysPerMonth).rounded()) }

    /// Revenue up to `asOf`, per customer.
    public var totalRevenue: [Double] { zip(historical.revenue, current.revenue).map(+) }

    /// The share of customers active in the window before the current one who bought again in the
    /// current one; nil when nobody was active before.
    public var retention: RetentionEstimate? {
        var before = 0
        var kept = 0
        for i in ids.indices where activeBefore[i] {
            before += 1
            if activeNow[i] { kept += 1 }
        }
        guard before > 0 else { return nil }
        return RetentionEstimate(
            rate: Double(kept) / Double(before), windowMonths: Double(windowDays) / daysPerMonth,
            activeBefore: before, stillActive: kept)
    }
}
