import CustomerValue
import GRDB

/// One customer's row of a stored analysis run (see `AnalysisResults` for the columns); nil
/// fields are steps the run skipped.
public struct StoredCustomerResult: Sendable, Equatable {
    public var run: Int64
    public var frequency: Double
    public var revenue: Double
    public var orders: Int
    public var firstDay: Day
    public var lastDay: Day
    public var recencyDays: Int
    public var r: Int
    public var f: Int
    public var m: Int
    public var segment: String
    public var probabilityAlive: Double?
    public var expectedPurchases: Double?
    public var clv: Double?
    public var valueGroup: String?
    public var tier: String?
    public var keyAccount: Bool?
    public var stage: String?
    public var stageRule: String?
    public var pattern: String?
    public var lifecycleProbabilityAlive: Double?
    /// Comma-separated `WarningReason` raw values; nil without a warning.
    public var warningReasons: String?
    public var valueAtRisk: Double?

    public init(
        run: Int64, frequency: Double, revenue: Double, orders: Int, firstDay: Day, lastDay: Day, recencyDays: Int,
        r: Int, f: Int, m: Int, segment: String, probabilityAlive: Double?, expectedPurchases: Double?, clv: Double?,
        valueGroup: String?, tier: String?, keyAccount: Bool?, stage: String?, stageRule: String?, pattern: String?,
        lifecycleProbabilityAlive: Double?, warningReasons: String?, valueAtRisk: Double?
    ) {
        self.run = run
        self.frequency = frequency
        self.revenue = revenue
        self.orders = orders
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.recencyDays = recencyDays
        self.r = r
        self.f = f
        self.m = m
        self.segment = segment
        self.probabilityAlive = probabilityAlive
        self.expectedPurchases = expectedPurchases
        self.clv = clv
        self.valueGroup = valueGroup
        self.tier = tier
        self.keyAccount = keyAccount
        self.stage = stage
        self.stageRule = stageRule
        self.pattern = pattern
        self.lifecycleProbabilityAlive = lifecycleProbabilityAlive
        self.warningReasons = warningReasons
        self.valueAtRisk = valueAtRisk
    }
}

extension Store {
    /// Customer `id`'s row of run `run` (matched in its normal form), or nil when the run has no
    /// row for them. One primary-key lookup: the customer view reads a run without reading all of it.
    public func analysisResult(run: Int64, customer id: String) throws -> StoredCustomerResult? {
        try read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT a.frequency, a.revenue, a.orders, a.first_day, a.last_day, a.recency_days, a.r, a.f,
                            a.m, a.segment, a.p_alive, a.expected_purchases, a.clv, a.value_group, a.tier,
                            a.key_account, a.stage, a.stage_rule, a.pattern, a.lifecycle_p_alive, a.warning_reasons,
                            a.value_at_risk
                        FROM analysis_results a
                        WHERE a.run = ? AND a.customer = (SELECT key FROM customers WHERE id = ?)
                        """, arguments: [run, IdentifierText.normalised(id)])
            else { return nil }
            let key: Int? = row[15]
            return StoredCustomerResult(
                run: run, frequency: row[0], revenue: row[1], orders: row[2], firstDay: Day(number: row[3]),
                lastDay: Day(number: row[4]), recencyDays: row[5], r: row[6], f: row[7], m: row[8], segment: row[9],
                probabilityAlive: row[10], expectedPurchases: row[11], clv: row[12], valueGroup: row[13],
                tier: row[14], keyAccount: key.map { $0 != 0 }, stage: row[16], stageRule: row[17], pattern: row[18],
                lifecycleProbabilityAlive: row[19], warningReasons: row[20], valueAtRisk: row[21])
        }
    }

    /// One customer's purchase days up to `asOf` with the value bought on each, ascending (none for
    /// an unknown id): the lifecycle's input for one customer.
    public func purchaseDays(customer id: String, through asOf: Day) throws -> [(day: Day, value: Double)] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT day, SUM(amount) FROM transactions
                    WHERE customer = (SELECT key FROM customers WHERE id = ?) AND day <= ?
                    GROUP BY day ORDER BY day
                    """, arguments: [IdentifierText.normalised(id), asOf.number]
            ).map { (Day(number: $0[0]), $0[1]) }
        }
    }
}
