import CustomerValue
import Foundation

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
    /// Customers on one page of the customer list (web API), and the largest page one may ask for
    /// (`Bounds.customersPageSize`).
    public var customersPageSize = 50
    /// Per-customer results on one page of a run's results (web API).
    public var resultsPageSize = 100
    /// Time unit of a model fitted or predicted on its own: days, as the summary.
    public var fitUnit: TimeUnit = .day

    /// The wave a generated survey's answers are filed under.
    public var surveyWave = "synthetic"
    /// The survey attributes a value map reads as satisfaction with price (the rest are quality).
    public var valueMapPriceAttributes = ["price"]
    /// The two-sided level below which a change between survey waves is called significant.
    public var significanceLevel = 0.05
    /// Days after a survey answer in which a purchase counts as buying again.
    public var retentionHorizonDays = 365
    /// Attitude clusters of survey respondents (the seeds describe four attitudes).
    public var attitudeClusters = 4

    // Value, scores, elasticity and credit (added with their workspace operations).

    /// Where the composite score's `clv` indicator comes from: a fresh fit with these defaults.
    public var scoresCLV: ScoreCLVSource = .fit
    /// How the value matrix measures potential value (falls back to the present value when a
    /// model cannot be fitted).
    public var potentialMethod: PotentialMethod = .model
    /// Seed of the value cube's k-means++ draws: the same clusters every run.
    public var clusterSeed: UInt64 = 42
    /// Shares of customers in the high and medium profit tiers.
    public var tierShares = TierShares.standard
    /// What key accounts are ranked by.
    public var keyAccountsBy: KeyAccountMeasure = .profit
    /// Calendar months of the elasticity window, ending with the as-of month.
    public var elasticityWindowMonths = 12
    /// Largest change of a group's spend in the budget split, as a share of its current spend.
    public var elasticityMaxChange = 0.5
    /// Customers an elasticity table shows.
    public var elasticityRowsShown = 10
    /// Credit grades by this period (`CreditPeriod` raw value: month, quarter or half).
    public var creditPeriod = "month"
    /// Grades a credit table shows (lowest first).
    public var creditRowsShown = 50

    // Interactions, complaints and key accounts.

    /// Hours within which a complaint should be resolved.
    public var complaintTargetHours = 48.0
    /// Service recovery: days after a complaint in which a purchase counts as retention, and the
    /// upper bounds (hours) of the resolution-time bands.
    public var recoveryWindowDays = 180
    public var recoveryBandHours: [Double] = [24, 72, 168]
    /// Months of interactions and revenue an owner's book is measured over (`cvm owners`).
    public var ownersWindowMonths = 12
    /// Days between contacts of a key account with fewer than two contact days (no rhythm of its own yet).
    public var visitIntervalDays = 30

    // Lifecycle, warnings and care tasks.

    /// The stage rules (a rules file replaces them).
    public var lifecycleRules = LifecycleRules.standard
    /// The warning thresholds.
    public var warningRules = WarningRules.standard
    /// The reason codes a lost care task may record.
    public var lossReasons = LossReason.standard
    /// When care tasks are scheduled on dates (birthdays, anniversaries, follow-ups).
    public var careSchedule = CareSchedule.standard
    /// Warnings a table shows.
    public var warningsShown = 20
    /// Days of the recent window in which a customer's interactions are counted against their
    /// usual number per window of that length.
    public var interactionWindowDays = 90
    /// A resolved complaint whose satisfaction rating lies in the lowest 30 % of its scale (1 or 2
    /// of 1–5, 1–2 of 1–7) was poorly resolved.
    public var poorResolutionShare = 0.3

    public init() {}

    public static let standard = Defaults()

    /// The default discount rate per period of `unit`: `discountRate` is per month, and a period of
    /// another length compounds it, (1 + r)^(period / month) − 1, so that a year discounts the same
    /// whichever unit a prediction is made in.
    public func discountRate(per unit: TimeUnit) -> Double {
        unit == .month ? discountRate : Foundation.pow(1 + discountRate, unit.days / TimeUnit.month.days) - 1
    }

    /// The ranges each setting must lie in; one definition for every interface.
    public enum Bounds {
        public static let horizonMonths = 1...1200
        public static let margin = 0.0...1.0
        public static let currentWindowMonths = 1...1200
        /// Behaviour clusters per value-matrix group.
        public static let clusters = 0...50
        /// Hours of a complaint-resolution target (up to a year).
        public static let complaintTargetHours = 0.0...8784.0
        /// Customers or results on one page of a list.
        public static let customersPageSize = 1...500
        /// Bytes of a dashboard password (bcrypt reads at most 72).
        public static let passwordLength = 8...72
    }

    /// The bcrypt cost of a stored password: 2^10 rounds, about 0.1 s a check on one core here.
    public static let bcryptCost: UInt8 = 10
    /// How long a dashboard login lasts without being used.
    public static let sessionHours = 12
}
