/// A calendar month (`2024-03`): the period of monthly credit grades and of the spend series
/// behind value elasticity.
public struct CalendarMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    /// 1…12.
    public var month: Int

    /// - Precondition: `month` is 1…12.
    public init(year: Int, month: Int) {
        precondition((1...12).contains(month), "month \(month) is not 1…12")
        self.year = year
        self.month = month
    }

    /// The month a day falls in.
    public init(_ day: Day) {
        let civil = day.civil
        self.init(year: civil.year, month: civil.month)
    }

    /// Months since year 0 (`year × 12 + month − 1`): consecutive months differ by one.
    public var index: Int { year * 12 + month - 1 }

    public init(index: Int) {
        let year = index >= 0 ? index / 12 : (index - 11) / 12
        self.init(year: year, month: index - year * 12 + 1)
    }

    /// The month `count` months later (earlier when negative).
    public func adding(_ count: Int) -> CalendarMonth { CalendarMonth(index: index + count) }

    public var firstDay: Day { Day(year: year, month: month, day: 1)! }
    public var lastDay: Day { Day(year: year, month: month, day: Day.daysInMonth(year: year, month: month))! }

    /// `YYYY-MM`.
    public var description: String {
        let y = String(year)
        let m = month < 10 ? "0\(month)" : "\(month)"
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + m
    }

    public static func < (lhs: CalendarMonth, rhs: CalendarMonth) -> Bool { lhs.index < rhs.index }
}
