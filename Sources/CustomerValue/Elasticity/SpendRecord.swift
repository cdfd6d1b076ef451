/// One amount of marketing spend (营销投入): on a customer, or on a segment as a whole.
public struct SpendRecord: Sendable, Equatable {
    /// The customer the spend went to; nil for spend on a whole segment.
    public var customerID: String?
    /// The segment named in the marketing file, if any (for a customer row: the segment it was
    /// counted in; for a segment row: the segment the spend went to).
    public var segment: String?
    /// The day, or the first day of the period, of the spend.
    public var day: Day
    public var amount: Double
    public var campaign: String?

    public init(customerID: String?, segment: String?, day: Day, amount: Double, campaign: String? = nil) {
        self.customerID = customerID
        self.segment = segment
        self.day = day
        self.amount = amount
        self.campaign = campaign
    }
}

/// A customer's revenue (or margin) in one calendar month.
public struct RevenueRecord: Sendable, Equatable {
    public var customerID: String
    public var month: CalendarMonth
    public var amount: Double

    public init(customerID: String, month: CalendarMonth, amount: Double) {
        self.customerID = customerID
        self.month = month
        self.amount = amount
    }
}
