/// Repeat buyers: the customers who bought on more than one day (frequency above 0, in the
/// summary's definition), and the repeat rate, their share of all customers.
///
/// The one definition every output uses (the summary's headline, an analysis run's overview, the
/// report, the demo).
public enum RepeatBuyers {
    /// How many customers of `frequency` bought again.
    public static func count(_ frequency: [Double]) -> Int {
        frequency.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
    }

    /// Their share of all customers; 0 when there are no customers.
    public static func rate(_ frequency: [Double]) -> Double {
        frequency.isEmpty ? 0 : Double(count(frequency)) / Double(frequency.count)
    }
}

extension SummaryTable {
    /// Customers who bought on more than one day.
    public var repeatCustomers: Int { RepeatBuyers.count(frequency) }
    /// Their share of all customers.
    public var repeatRate: Double { RepeatBuyers.rate(frequency) }
}
