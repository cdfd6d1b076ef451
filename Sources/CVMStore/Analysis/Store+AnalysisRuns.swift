import CustomerValue
import Foundation
import GRDB

/// Every per-customer result of one analysis run, as columns in one customer order.
///
/// The summary and RFM columns are always there; the columns of a step that was skipped (the model
/// did not converge, no payments were imported, …) are nil for every customer.
public struct AnalysisResults: Sendable {
    public var ids: [String]
    // Summary (in the run's time unit) and RFM.
    public var frequency: [Double]
    public var recency: [Double]
    public var T: [Double]
    public var monetary: [Double]
    public var revenue: [Double]
    public var orders: [Int]
    public var firstDay: [Day]
    public var lastDay: [Day]
    public var recencyDays: [Int]
    public var r: [Int]
    public var f: [Int]
    public var m: [Int]
    public var segment: [String]
    // BG/NBD + Gamma-Gamma.
    public var probabilityAlive: [Double]?
    public var expectedPurchases: [Double]?
    public var expectedSpend: [Double]?
    public var clv: [Double]?
    // Value matrix.
    public var historicalValue: [Double]?
    public var currentValue: [Double]?
    public var potentialValue: [Double]?
    public var valueGroup: [String]?
    // Profitability.
    public var profit: [Double]?
    public var tier: [String]?
    public var keyAccount: [Bool]?
    // Composite score (0–100) and its rank (1 = best).
    public var score: [Double]?
    public var scoreRank: [Int]?
    /// Latest monthly credit grade; nil for the customers without bills, or for all when skipped.
    public var creditGrade: [String?]?
    // Lifecycle: stage, the rule that decided it, the pattern, the P(alive) the stage read (from
    // the model the run's settings name), the warning's reasons (comma-separated, nil without a
    // warning) and its value at risk. Nil for runs made before they were stored.
    public var stage: [String]?
    public var stageRule: [String]?
    public var pattern: [String]?
    public var lifecycleProbabilityAlive: [Double?]?
    public var warningReasons: [String?]?
    public var valueAtRisk: [Double?]?

    public var count: Int { ids.count }

    /// The summary and segment columns of `summary` and `segmentation`; the other columns start nil.
    public init(summary s: SummaryTable, recencyDays: [Int], r: [Int], f: [Int], m: [Int], segment: [String]) {
        ids = s.ids
        frequency = s.frequency
        recency = s.recency
        T = s.T
        monetary = s.monetary
        revenue = s.revenue
        orders = s.orders
        firstDay = s.firstDay
        lastDay = s.lastDay
        self.recencyDays = recencyDays
        self.r = r
        self.f = f
        self.m = m
        self.segment = segment
    }
}

/// One stored analysis run without its customers.
public struct AnalysisRun: Sendable {
    public var id: Int64
    public var name: String?
    public var createdAt: String
    public var asOf: Day
    public var customers: Int
    /// JSON: every option, the fitted parameters, thresholds, cvm version.
    public var settings: String
    /// JSON: headline figures.
    public var overview: String

    public init(
        id: Int64, name: String?, createdAt: String, asOf: Day, customers: Int, settings: String, overview: String
    ) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
        self.asOf = asOf
        self.customers = customers
        self.settings = settings
        self.overview = overview
    }
}

extension Store {
    /// Stores an analysis run with one row per customer, in one transaction with one prepared
    /// statement, and its customers' order by each ranked field (`CustomerOrder`): 1.6 s more at
    /// a million customers for each index on a field, about 1 s for the three orders written in
    /// key order. Customers unknown to the database are skipped.
    /// - Returns: the new run's id.
    @discardableResult
    public func saveAnalysisRun(
        name: String?, asOf: Day, settings: String, overview: String, results x: AnalysisResults
    ) throws -> Int64 {
        try write { db in
            var keys: [String: Int64] = [:]
            keys.reserveCapacity(x.count)
            let cursor = try Row.fetchCursor(db, sql: "SELECT key, id FROM customers")
            while let row = try cursor.next() { keys[row[1]] = row[0] }
            try db.execute(
                sql: """
                    INSERT INTO analysis_runs (name, created_at, as_of, customers, settings, overview)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    name, ISO8601DateFormatter().string(from: Date()), asOf.number, x.count, settings, overview,
                ])
            let run = db.lastInsertedRowID
            let insert = try RawStatement(
                db,
                """
                INSERT INTO analysis_results (run, customer, frequency, recency, t, monetary, revenue, orders,
                    first_day, last_day, recency_days, r, f, m, segment, p_alive, expected_purchases,
                    expected_spend, clv, historical_value, current_value, potential_value, value_group, profit,
                    tier, key_account, score, score_rank, credit_grade, stage, stage_rule, pattern,
                    lifecycle_p_alive, warning_reasons, value_at_risk)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                    ?, ?, ?, ?, ?, ?)
                """)
            let known = x.ids.map { keys[$0] }
            // The orders are sorted on other threads while the results go in.
            let ranking = Ranking()
            let sorting = DispatchGroup()
            DispatchQueue.global().async(group: sorting) {
                ranking.ranks = CustomerOrder.ranks(x, known: { known[$0] != nil })
            }
            for i in 0..<x.count {
                guard let key = known[i] else { continue }
                insert.bind(1, run)
                insert.bind(2, key)
                insert.bind(3, x.frequency[i])
                insert.bind(4, x.recency[i])
                insert.bind(5, x.T[i])
                insert.bind(6, x.monetary[i])
                insert.bind(7, x.revenue[i])
                insert.bind(8, Int64(x.orders[i]))
                insert.bind(9, Int64(x.firstDay[i].number))
                insert.bind(10, Int64(x.lastDay[i].number))
                insert.bind(11, Int64(x.recencyDays[i]))
                insert.bind(12, Int64(x.r[i]))
                insert.bind(13, Int64(x.f[i]))
                insert.bind(14, Int64(x.m[i]))
                insert.bind(15, x.segment[i])
                insert.bind(16, x.probabilityAlive?[i])
                insert.bind(17, x.expectedPurchases?[i])
                insert.bind(18, x.expectedSpend?[i])
                insert.bind(19, x.clv?[i])
                insert.bind(20, x.historicalValue?[i])
                insert.bind(21, x.currentValue?[i])
                insert.bind(22, x.potentialValue?[i])
                insert.bind(23, x.valueGroup?[i])
                insert.bind(24, x.profit?[i])
                insert.bind(25, x.tier?[i])
                if let flag = x.keyAccount?[i] { insert.bind(26, Int64(flag ? 1 : 0)) } else { insert.bindNull(26) }
                insert.bind(27, x.score?[i])
                if let rank = x.scoreRank?[i] { insert.bind(28, Int64(rank)) } else { insert.bindNull(28) }
                insert.bind(29, x.creditGrade?[i] ?? nil)
                insert.bind(30, x.stage?[i])
                insert.bind(31, x.stageRule?[i])
                insert.bind(32, x.pattern?[i])
                insert.bind(33, x.lifecycleProbabilityAlive?[i] ?? nil)
                insert.bind(34, x.warningReasons?[i] ?? nil)
                insert.bind(35, x.valueAtRisk?[i] ?? nil)
                _ = try insert.step()
            }
            let rank = try RawStatement(
                db,
                """
                INSERT INTO analysis_ranks (run, field, position, customer, segment, value_group, tier)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            let filters = CustomerOrder.filterCodes(x)
            sorting.wait()
            for (code, order) in ranking.ranks {
                for (position, i) in order.enumerated() {
                    rank.bind(1, run)
                    rank.bind(2, Int64(code))
                    rank.bind(3, Int64(position))
                    rank.bind(4, known[Int(i)]!)
                    for (k, codes) in filters.enumerated() {
                        if let c = codes[Int(i)] { rank.bind(Int32(5 + k), c) } else { rank.bindNull(Int32(5 + k)) }
                    }
                    _ = try rank.step()
                }
            }
            return run
        }
    }

    /// All analysis runs, oldest first.
    public func analysisRuns() throws -> [AnalysisRun] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT id, name, created_at, as_of, customers, settings, overview FROM analysis_runs ORDER BY id"
            ).map(Self.run)
        }
    }

    /// The run with this id, or nil.
    public func analysisRun(_ id: Int64) throws -> AnalysisRun? {
        try read { db in
            try Row.fetchOne(
                db,
                sql:
                    "SELECT id, name, created_at, as_of, customers, settings, overview FROM analysis_runs WHERE id = ?",
                arguments: [id]
            ).map(Self.run)
        }
    }

    private static func run(_ row: Row) -> AnalysisRun {
        AnalysisRun(
            id: row[0], name: row[1], createdAt: row[2], asOf: Day(number: row[3]), customers: row[4], settings: row[5],
            overview: row[6])
    }

    /// Deletes a run and its results; returns false when there was no such run.
    @discardableResult
    public func deleteAnalysisRun(_ id: Int64) throws -> Bool {
        try write { db in
            try db.execute(sql: "DELETE FROM analysis_results WHERE run = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM analysis_ranks WHERE run = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM analysis_runs WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    /// The per-customer results of a run, in customer key order, with each customer's owner
    /// (`customers.owner`, nil when unknown).
    public func analysisResults(_ run: Int64) throws -> (results: AnalysisResults, owners: [String?]) {
        try read { db in
            let statement = try RawStatement(db, Self.analysisResultsSQL)
            statement.bind(":run", run)
            var builder = AnalysisResultsBuilder()
            try statement.forEachRow { builder.append(statement) }
            return builder.results()
        }
    }

    /// The per-customer results of the run `:run` with each customer's id and owner, in key order.
    public static let analysisResultsSQL = """
        SELECT c.id, c.owner, a.frequency, a.recency, a.t, a.monetary, a.revenue, a.orders, a.first_day,
            a.last_day, a.recency_days, a.r, a.f, a.m, a.segment, a.p_alive, a.expected_purchases,
            a.expected_spend, a.clv, a.historical_value, a.current_value, a.potential_value, a.value_group,
            a.profit, a.tier, a.key_account, a.score, a.score_rank, a.credit_grade, a.stage, a.stage_rule,
            a.pattern, a.lifecycle_p_alive, a.warning_reasons, a.value_at_risk
        FROM analysis_results a JOIN customers c ON c.key = a.customer
        WHERE a.run = :run ORDER BY a.customer
        """
}

/// Assembles `AnalysisResults` from the rows of `Store.analysisResultsSQL`, one at a time.
public struct AnalysisResultsBuilder {
    var owners: [String?] = []
    var ids: [String] = []
    var s = SummaryColumns()
    var recencyDays: [Int] = [], r: [Int] = [], f: [Int] = [], m: [Int] = []
    var segment: [String] = []
    var doubles = [[Double?]](repeating: [], count: 9)  // p_alive … profit, score
    var texts = [[String?]](repeating: [], count: 3)  // value_group, tier, credit_grade
    var keyAccount: [Bool?] = []
    var rank: [Int?] = []
    var lifecycle = [[String?]](repeating: [], count: 4)  // stage, rule, pattern, reasons
    var lifecycleNumbers = [[Double?]](repeating: [], count: 2)  // p_alive, value at risk

    public init() {}

    public mutating func append(_ statement: some StoreRow) {
        func optionalDouble(_ column: Int32) -> Double? {
            statement.isNull(column) ? nil : statement.double(column)
        }
        func optionalText(_ column: Int32) -> String? { statement.isNull(column) ? nil : statement.text(column) }
        ids.append(statement.text(0))
        owners.append(optionalText(1))
        s.frequency.append(statement.double(2))
        s.recency.append(statement.double(3))
        s.T.append(statement.double(4))
        s.monetary.append(statement.double(5))
        s.revenue.append(statement.double(6))
        s.orders.append(statement.int(7))
        s.firstDay.append(Day(number: statement.int(8)))
        s.lastDay.append(Day(number: statement.int(9)))
        recencyDays.append(statement.int(10))
        r.append(statement.int(11))
        f.append(statement.int(12))
        m.append(statement.int(13))
        segment.append(statement.text(14))
        for (k, column) in [15, 16, 17, 18, 19, 20, 21, 23, 26].enumerated() {
            doubles[k].append(optionalDouble(Int32(column)))
        }
        texts[0].append(optionalText(22))
        texts[1].append(optionalText(24))
        texts[2].append(optionalText(28))
        keyAccount.append(statement.isNull(25) ? nil : statement.int(25) != 0)
        rank.append(statement.isNull(27) ? nil : statement.int(27))
        for (k, column) in [29, 30, 31, 33].enumerated() { lifecycle[k].append(optionalText(Int32(column))) }
        lifecycleNumbers[0].append(optionalDouble(32))
        lifecycleNumbers[1].append(optionalDouble(34))
    }

    public func results() -> (results: AnalysisResults, owners: [String?]) {
        var x = AnalysisResults(
            summary: SummaryTable(
                ids: ids, frequency: s.frequency, recency: s.recency, T: s.T, monetary: s.monetary,
                revenue: s.revenue, orders: s.orders, firstDay: s.firstDay, lastDay: s.lastDay, unit: .day,
                observationEnd: s.lastDay.max() ?? Day(number: 0)),
            recencyDays: recencyDays, r: r, f: f, m: m, segment: segment)
        /// A column whose values are all present, else nil (a skipped step stores NULL everywhere).
        func all<T>(_ column: [T?]) -> [T]? {
            column.contains(where: { $0 == nil }) ? nil : column.map { $0! }
        }
        x.probabilityAlive = all(doubles[0])
        x.expectedPurchases = all(doubles[1])
        x.expectedSpend = all(doubles[2])
        x.clv = all(doubles[3])
        x.historicalValue = all(doubles[4])
        x.currentValue = all(doubles[5])
        x.potentialValue = all(doubles[6])
        x.profit = all(doubles[7])
        x.score = all(doubles[8])
        x.valueGroup = all(texts[0])
        x.tier = all(texts[1])
        x.creditGrade = texts[2].contains(where: { $0 != nil }) ? texts[2] : nil
        x.keyAccount = all(keyAccount)
        x.scoreRank = all(rank)
        x.stage = all(lifecycle[0])
        x.stageRule = all(lifecycle[1])
        x.pattern = all(lifecycle[2])
        if x.stage != nil {
            x.warningReasons = lifecycle[3]
            x.lifecycleProbabilityAlive = lifecycleNumbers[0]
            x.valueAtRisk = lifecycleNumbers[1]
        }
        return (x, owners)
    }

    struct SummaryColumns {
        var frequency: [Double] = [], recency: [Double] = [], T: [Double] = [], monetary: [Double] = []
        var revenue: [Double] = []
        var orders: [Int] = []
        var firstDay: [Day] = [], lastDay: [Day] = []
    }
}

/// The orders of a run being stored, filled by the thread that sorts them and read after it
/// finished (`DispatchGroup.wait`).
private final class Ranking: @unchecked Sendable {
    var ranks: [(code: Int, order: [Int32])] = []
}
