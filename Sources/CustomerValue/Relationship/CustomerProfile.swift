/// What the customers file says about one customer (empty fields are nil).
public struct CustomerProfile: Equatable, Sendable {
    public var id: String
    public var name: String?
    /// `individual` or `organisation`.
    public var type: String?
    public var email: String?
    public var phone: String?
    public var region: String?
    public var industry: String?
    public var ageBand: String?
    public var gender: String?
    public var incomeBand: String?
    public var acquired: Day?
    public var channel: String?
    /// The account manager.
    public var owner: String?
    public var tags: String?
    public var birthday: Day?

    public init(id: String) { self.id = id }
}

/// One calendar month of a customer's purchases.
public struct MonthlyValue: Equatable, Sendable {
    public var month: CalendarMonth
    /// Net revenue (returns subtracted).
    public var revenue: Double
    /// Days with at least one purchase.
    public var purchaseDays: Int

    public init(month: CalendarMonth, revenue: Double, purchaseDays: Int) {
        self.month = month
        self.revenue = revenue
        self.purchaseDays = purchaseDays
    }
}

/// Who holds each customer, and who has been in touch with them, as columns in one customer order.
public struct OwnerFacts: Equatable, Sendable {
    public var ids: [String]
    /// The account manager of the customers file.
    public var owner: [String?]
    /// The distinct owners of the interactions in the window, sorted.
    public var windowOwners: [[String]]
    /// Interactions in the window without an owner.
    public var windowUnowned: [Int]
    /// Interactions in the window.
    public var windowInteractions: [Int]
    /// The latest interaction on or before the window's end, and its owner.
    public var lastInteraction: [Day?]
    public var lastInteractionOwner: [String?]
    /// Complaints open at the window's end.
    public var openComplaints: [Int]

    public init(
        ids: [String] = [], owner: [String?] = [], windowOwners: [[String]] = [], windowUnowned: [Int] = [],
        windowInteractions: [Int] = [], lastInteraction: [Day?] = [], lastInteractionOwner: [String?] = [],
        openComplaints: [Int] = []
    ) {
        self.ids = ids
        self.owner = owner
        self.windowOwners = windowOwners
        self.windowUnowned = windowUnowned
        self.windowInteractions = windowInteractions
        self.lastInteraction = lastInteraction
        self.lastInteractionOwner = lastInteractionOwner
        self.openComplaints = openComplaints
    }

    public var count: Int { ids.count }
}
