/// Retention and revenue by acquisition-month cohort: the triangle.
///
/// A customer's cohort is the month of their first purchase; a cohort's cell at age `k` counts
/// the cohort's customers who bought in month `cohort + k` and what they bought then. The
/// triangle runs to the month of the as-of date (a partial last month is counted as far as it goes).
public struct CohortTriangle: Equatable, Sendable {
    public struct Cohort: Equatable, Sendable {
        public var month: CalendarMonth
        public var customers: Int
        /// Customers who bought in each month of age 0, 1, …, up to the as-of month.
        public var active: [Int]
        public var revenue: [Double]

        /// The share of the cohort active at each age (age 0 is 1 by definition).
        public var retention: [Double] { active.map { Double($0) / Double(max(customers, 1)) } }
    }

    public var cohorts: [Cohort]
    public var asOf: Day

    /// The triangle of the purchases up to `asOf`.
    public init(_ history: PurchaseHistory, asOf: Day) {
        self.asOf = asOf
        let last = CalendarMonth(asOf).index
        var byMonth: [Int: Cohort] = [:]
        for i in 0..<history.count {
            let r = history.range(i)
            guard let first = history.days[r].first, first <= asOf else { continue }
            let start = CalendarMonth(first).index
            var cohort =
                byMonth[start]
                ?? Cohort(
                    month: CalendarMonth(index: start), customers: 0,
                    active: [Int](repeating: 0, count: last - start + 1),
                    revenue: [Double](repeating: 0, count: last - start + 1))
            cohort.customers += 1
            var previousAge = -1
            for k in r where history.days[k] <= asOf {
                let age = CalendarMonth(history.days[k]).index - start
                if age != previousAge { cohort.active[age] += 1 }
                previousAge = age
                cohort.revenue[age] += history.values[k]
            }
            byMonth[start] = cohort
        }
        cohorts = byMonth.keys.sorted().map { byMonth[$0]! }
    }
}
