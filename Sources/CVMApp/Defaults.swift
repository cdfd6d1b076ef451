import CustomerValue

/// Every default a user meets, in one place: the CLI's option defaults, the web API's parameter
/// defaults and the analysis run all read this value, so no two interfaces disagree.
public struct Defaults: Codable, Equatable, Sendable {
    /// Time unit the purchase models are fitted in (and `analyze` and `report` use).
    public var modelUnit: TimeUnit = .week
    /// Time unit of a summary table asked for on its own: days, the finest the data holds.
    public var summaryUnit: TimeUnit = .day
    /// CLV and potential-value horizon, in months.
    public var horizonMonths = 12
    /// Discount rate per month for CLV and potential value.
    public var discountRate = 0.01
    /// Share of revenue that is profit on rows without a cost. 1 means revenue stands in for
    /// profit: every profit figure says so where it is shown.
    public var margin = 1.0
    /// Months in the current-value window.
    public var currentWindowMonths = 12
    /// Length of the key-account list.
    public var keyAccounts = 20
    /// Rows a terminal table or a first page shows.
    public var rowsShown = 20
    /// Time unit of a model fitted or predicted on its own: days, as the summary.
    public var fitUnit: TimeUnit = .day
    /// Discount rate of a prediction run, per period of its unit. No discount: the unit is chosen
    /// per run (a day, a week or a month), so no one rate can be right for all of them.
    public var predictionDiscountRate = 0.0

    public init() {}

    public static let standard = Defaults()

    /// The ranges each setting must lie in; one definition for every interface.
    public enum Bounds {
        public static let horizonMonths = 1...1200
        public static let margin = 0.0...1.0
        public static let currentWindowMonths = 1...1200
    }
}
