/// One row per customer, stored as columns so that models run as tight loops over `[Double]`.
///
/// The definitions are those of the BTYD literature and of lifetimes'
/// `summary_data_from_transaction_data`: purchases on one calendar day form one purchase period;
/// `frequency` = purchase periods − 1 (repeat purchases), `recency` = first to last purchase,
/// `T` = first purchase to the observation end, `monetary` = mean value of the repeat purchase
/// periods (0 when frequency is 0). Durations are in `unit`.
public struct SummaryTable: Sendable, Equatable {
    /// The business's own customer keys.
    public var ids: [String]
    public var frequency: [Double]
    public var recency: [Double]
    public var T: [Double]
    public var monetary: [Double]
    /// Sum of all amounts in the period (returns included).
    public var revenue: [Double]
    /// Number of transaction rows in the period.
    public var orders: [Int]
    public var firstDay: [Day]
    public var lastDay: [Day]
    /// Present when the summary was made with a calibration end.
    public var holdout: Holdout?
    /// Unit of `recency`, `T` and `holdout.duration`.
    public var unit: TimeUnit
    /// The end of the (calibration) observation period.
    public var observationEnd: Day

    /// Purchases after the calibration end, up to the observation end (lifetimes'
    /// `calibration_and_holdout_data`).
    public struct Holdout: Sendable, Equatable {
        /// Distinct purchase days in the holdout period.
        public var frequency: [Double]
        /// Mean amount of the holdout transaction rows (0 when there are none), as lifetimes computes it.
        public var monetary: [Double]
        /// Length of the holdout period in `unit`.
        public var duration: Double
        public var end: Day

        public init(frequency: [Double], monetary: [Double], duration: Double, end: Day) {
            self.frequency = frequency
            self.monetary = monetary
            self.duration = duration
            self.end = end
        }
    }

    public init(
        ids: [String], frequency: [Double], recency: [Double], T: [Double], monetary: [Double],
        revenue: [Double], orders: [Int], firstDay: [Day], lastDay: [Day], holdout: Holdout? = nil,
        unit: TimeUnit, observationEnd: Day
    ) {
        self.ids = ids
        self.frequency = frequency
        self.recency = recency
        self.T = T
        self.monetary = monetary
        self.revenue = revenue
        self.orders = orders
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.holdout = holdout
        self.unit = unit
        self.observationEnd = observationEnd
    }

    public var count: Int { ids.count }
}
