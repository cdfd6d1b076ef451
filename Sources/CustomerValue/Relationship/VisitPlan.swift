/// The contact plan of a key account: when the customer was last contacted, their usual interval
/// between contacts, and when the next contact is due.
///
/// The usual interval is the median gap between the customer's distinct contact days (the type-7
/// median, `Threshold.quantile`); with fewer than two contact days there is no rhythm yet and
/// `fallbackIntervalDays` stands in (`intervalIsUsual` is false then, and a view must say so).
public struct VisitPlan: Equatable, Sendable {
    public var asOf: Day
    /// The latest contact on or before `asOf`; nil when there is none.
    public var lastContact: Day?
    public var daysSinceLastContact: Int?
    /// Days between contacts.
    public var intervalDays: Double
    /// Whether `intervalDays` is the customer's own median (else the fallback).
    public var intervalIsUsual: Bool
    /// The last contact plus the interval (rounded to whole days); `asOf` when there is no contact
    /// at all (one is due now).
    public var nextContact: Day
    /// Days the next contact is overdue at `asOf` (0 when it is not due yet).
    public var overdueDays: Int

    /// The plan at `asOf` from the days of the customer's contacts (in any order; later ones are ignored).
    public init(contactDays: [Day], asOf: Day, fallbackIntervalDays: Int) {
        self.asOf = asOf
        let days = Array(Set(contactDays.filter { $0 <= asOf })).sorted()
        lastContact = days.last
        daysSinceLastContact = days.last.map { asOf - $0 }
        if days.count >= 2 {
            let gaps = zip(days.dropFirst(), days).map { Double($0 - $1) }.sorted()
            intervalDays = Threshold.quantile(0.5, of: gaps)
            intervalIsUsual = true
        } else {
            intervalDays = Double(fallbackIntervalDays)
            intervalIsUsual = false
        }
        if let last = days.last {
            // The interval is at most the span of the days, far below Int's range: no trapping conversion.
            nextContact = last + Int(intervalDays.rounded())
        } else {
            nextContact = asOf
        }
        overdueDays = max(0, asOf - nextContact)
    }
}
