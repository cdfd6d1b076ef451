import CVMStore
import CustomerValue
import Foundation

/// One stored run without its customers, with its settings and overview read back.
public struct RunInfo: Sendable {
    public var id: Int64
    public var name: String?
    public var createdAt: String
    public var asOf: Day
    public var customers: Int
    /// Nil when the run's settings were written by a cvm this version cannot read.
    public var settings: AnalysisSettings?
    public var overview: AnalysisOverview?

    init(_ run: AnalysisRun) {
        id = run.id
        name = run.name
        createdAt = run.createdAt
        asOf = run.asOf
        customers = run.customers
        settings = try? AnalysisSettings.decode(run.settings, run: run.id)
        overview = AnalysisOverview.decode(run.overview)
    }

    /// Whether the run's profit figures are revenue × the margin because no row had a cost.
    public var assumesMargin: Bool { (overview?.rowsWithCost ?? 1) == 0 }
}

/// The stored runs, oldest first.
public struct RunListResult: Sendable, Tabular {
    public var runs: [RunInfo]

    public var columns: [String] { ["id", "name", "as_of", "created", "customers", "total_clv"] }
    public var rowCount: Int { runs.count }
    public func fields(_ i: Int) -> [String] {
        let r = runs[i]
        return [
            String(r.id), r.name ?? "", r.asOf.description, r.createdAt, String(r.customers),
            r.overview?.totalCLV.map { Number.exact($0) } ?? "",
        ]
    }

    /// `{runs: [{id, name, as_of, created_at, customers, total_clv}]}`; a missing name or CLV is null.
    public var document: Document {
        Document(
            runs: runs.map {
                .init(
                    id: $0.id, name: $0.name, asOf: $0.asOf.description, createdAt: $0.createdAt,
                    customers: $0.customers, totalCLV: $0.overview?.totalCLV)
            })
    }

    public struct Document: Encodable, Sendable {
        public struct Run: Encodable, Sendable {
            public let id: Int64
            public let name: String?
            public let asOf, createdAt: String
            public let customers: Int
            public let totalCLV: Double?

            enum CodingKeys: String, CodingKey { case id, name, asOf, createdAt, customers, totalCLV }
            public func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(id, forKey: .id)
                try c.encode(name, forKey: .name)
                try c.encode(asOf, forKey: .asOf)
                try c.encode(createdAt, forKey: .createdAt)
                try c.encode(customers, forKey: .customers)
                try c.encode(totalCLV, forKey: .totalCLV)
            }
        }
        public let runs: [Run]
    }
}

/// Every per-customer result of one run.
public struct RunShowResult: Sendable, Tabular {
    public var run: RunInfo
    public var results: AnalysisResults
    /// Each customer's account manager from the customers file (nil when unknown).
    public var owners: [String?]

    /// The CSV columns, in order.
    public static let header = [
        "customer_id", "frequency", "recency", "T", "monetary", "revenue", "orders", "first_date", "last_date",
        "recency_days", "r", "f", "m", "segment", "p_alive", "expected_purchases", "expected_spend", "clv",
        "historical_value", "current_value", "potential_value", "group", "profit", "tier", "key_account", "score",
        "score_rank", "credit_grade",
    ]
    static let textColumns: Set<String> = [
        "customer_id", "first_date", "last_date", "segment", "group", "tier", "credit_grade",
    ]

    public var columns: [String] { Self.header }
    public var rowCount: Int { results.count }

    public func fields(_ i: Int) -> [String] {
        let x = results
        func d(_ column: [Double]?) -> String { column.map { Number.exact($0[i]) } ?? "" }
        return [
            x.ids[i], Number.exact(x.frequency[i]), Number.exact(x.recency[i]), Number.exact(x.T[i]),
            Number.exact(x.monetary[i]), Number.exact(x.revenue[i]), String(x.orders[i]), x.firstDay[i].description,
            x.lastDay[i].description, String(x.recencyDays[i]), String(x.r[i]), String(x.f[i]), String(x.m[i]),
            x.segment[i], d(x.probabilityAlive), d(x.expectedPurchases), d(x.expectedSpend), d(x.clv),
            d(x.historicalValue), d(x.currentValue), d(x.potentialValue), x.valueGroup?[i] ?? "", d(x.profit),
            x.tier?[i] ?? "", x.keyAccount.map { $0[i] ? "1" : "0" } ?? "", d(x.score),
            x.scoreRank.map { String($0[i]) } ?? "", (x.creditGrade?[i] ?? nil) ?? "",
        ]
    }

    /// The JSON document: `{run: {id, name, as_of, created_at, settings, overview}, customers: [{…}]}`;
    /// each customer has the CSV columns, numbers as numbers, empty fields as null.
    public var document: Document { Document(self) }

    /// The document of customers `offset..<offset+limit` only, with `{offset, limit, total}` beside
    /// them: a page of a large run.
    public func page(offset: Int, limit: Int) -> Page {
        let start = min(max(offset, 0), rowCount)
        let end = min(start + max(limit, 0), rowCount)
        return Page(
            run: Document.Run(self), offset: start, limit: limit, total: rowCount,
            customers: (start..<end).map { Document.Customer(fields: fields($0)) })
    }

    /// `{run, offset, limit, total, customers}`, the customers as in `document`.
    public struct Page: Encodable, Sendable {
        public let run: Document.Run
        public let offset, limit, total: Int
        public let customers: [Document.Customer]
    }

    public struct Document: Encodable, Sendable {
        public struct Run: Encodable, Sendable {
            public let id: Int64
            public let name: String?
            public let asOf, createdAt: String
            public let settings: AnalysisSettings?
            public let overview: AnalysisOverview?

            init(
                id: Int64, name: String?, asOf: String, createdAt: String, settings: AnalysisSettings?,
                overview: AnalysisOverview?
            ) {
                (self.id, self.name, self.asOf, self.createdAt) = (id, name, asOf, createdAt)
                (self.settings, self.overview) = (settings, overview)
            }

            init(_ r: RunShowResult) {
                self.init(
                    id: r.run.id, name: r.run.name, asOf: r.run.asOf.description, createdAt: r.run.createdAt,
                    settings: r.run.settings, overview: r.run.overview)
            }
        }
        /// One customer: the CSV columns in their order.
        public struct Customer: Encodable, Sendable {
            let fields: [String]
            public func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: ColumnKey.self)
                for (k, name) in RunShowResult.header.enumerated() {
                    let text = fields[k]
                    if text.isEmpty {
                        try c.encodeNil(forKey: ColumnKey(name))
                    } else if RunShowResult.textColumns.contains(name) {
                        try c.encode(text, forKey: ColumnKey(name))
                    } else {
                        try c.encode(Double(text) ?? .nan, forKey: ColumnKey(name))
                    }
                }
            }
        }
        public let run: Run
        public let customers: [Customer]

        init(_ r: RunShowResult) {
            run = Run(r)
            customers = (0..<r.rowCount).map { Customer(fields: r.fields($0)) }
        }
    }
}

/// A column name as a coding key (the CSV header is the key, written as it is).
struct ColumnKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// What two runs are compared by.
public enum RunComparisonKey: String, CaseIterable, Codable, Sendable {
    case segment, group, tier, stage
}

/// How customers moved between two runs, and how the headline figures changed.
public struct RunComparisonResult: Sendable, Tabular {
    public struct Cell: Encodable, Sendable, Equatable {
        public let from, to: String
        public let customers: Int
    }
    public struct Figure: Encodable, Sendable, Equatable {
        public let figure: String
        public let a, b, change: Double?
    }

    public var a: RunInfo
    public var b: RunInfo
    public var by: RunComparisonKey
    /// The categories present in either run, in the domain's order.
    public var keys: [String]
    /// Non-empty cells, rows in `keys` order then columns.
    public var matrix: [Cell]
    public var inBoth, onlyInA, onlyInB: Int
    public var figures: [Figure]

    /// Customers in (`from` in run A, `to` in run B).
    public func count(from: String, to: String) -> Int {
        matrix.first { $0.from == from && $0.to == to }?.customers ?? 0
    }

    public var columns: [String] { ["from", "to", "customers"] }
    public var rowCount: Int { matrix.count }
    public func fields(_ i: Int) -> [String] { [matrix[i].from, matrix[i].to, String(matrix[i].customers)] }

    /// `{a, b, by, matrix: [{from, to, customers}], in_both, only_in_a, only_in_b, figures: [{figure, a, b, change}]}`.
    public var document: Document {
        Document(
            a: a.id, b: b.id, by: by.rawValue, matrix: matrix, inBoth: inBoth, onlyInA: onlyInA, onlyInB: onlyInB,
            figures: figures)
    }

    public struct Document: Encodable, Sendable {
        public let a, b: Int64
        public let by: String
        public let matrix: [Cell]
        public let inBoth, onlyInA, onlyInB: Int
        public let figures: [Figure]
    }
}

/// A deleted run.
public struct RunDeleteResult: Sendable {
    public var run: RunInfo
}

extension Workspace {
    /// The stored runs, oldest first.
    public func runs() async throws -> RunListResult {
        RunListResult(runs: try await run { try await store.analysisRuns() }.map(RunInfo.init))
    }

    /// The stored run `id`, or `notFound` naming the runs there are.
    public func runInfo(_ id: Int64) async throws -> RunInfo { RunInfo(try await storedRun(id)) }

    /// The run `id`, or the latest when nil; `notFound` when there is none.
    public func runOrLatest(_ id: Int64?) async throws -> RunInfo {
        if let id { return try await runInfo(id) }
        guard let latest = try await run({ try await store.analysisRuns() }).last else {
            throw AppError(.notFound, "the database has no analysis runs yet", facts: [.init("existing_runs", "")])
        }
        return RunInfo(latest)
    }

    func storedRun(_ id: Int64) async throws -> AnalysisRun {
        if let found = try await run({ try await store.analysisRun(id) }) { return found }
        let ids = try await run { try await store.analysisRuns() }.map { String($0.id) }
        throw AppError(
            .notFound,
            ids.isEmpty
                ? "no analysis run \(id): the database has no runs yet"
                : "no analysis run \(id); existing runs: \(ids.joined(separator: ", "))",
            facts: [.init("run", String(id)), .init("existing_runs", ids.joined(separator: ","))])
    }

    /// Every per-customer result of run `id`.
    public func showRun(_ id: Int64) async throws -> RunShowResult {
        let info = try await runInfo(id)
        let (results, owners) = try await run { try await store.analysisResults(info.id) }
        return RunShowResult(run: info, results: results, owners: owners)
    }

    /// One page of run `id`'s results: customers `offset..<offset+limit` (default
    /// `Defaults.resultsPageSize`, at most `Defaults.Bounds.customersPageSize`).
    public func runPage(_ id: Int64, offset: Int? = nil, limit: Int? = nil) async throws -> RunShowResult.Page {
        let limit = limit ?? defaults.resultsPageSize
        let offset = offset ?? 0
        guard Defaults.Bounds.customersPageSize.contains(limit), offset >= 0 else {
            throw AppError(
                .invalidRequest,
                "a page starts at 0 or later and holds \(Defaults.Bounds.customersPageSize.lowerBound)…"
                    + "\(Defaults.Bounds.customersPageSize.upperBound) customers",
                facts: [.init("offset", String(offset)), .init("limit", String(limit))])
        }
        return try await showRun(id).page(offset: offset, limit: limit)
    }

    /// The migration matrix of the customers in both runs by segment, group or tier, and the change
    /// of the headline figures.
    public func compareRuns(_ a: Int64, _ b: Int64, by: RunComparisonKey) async throws -> RunComparisonResult {
        let runA = try await runInfo(a)
        let runB = try await runInfo(b)
        let xa = try await run { try await store.analysisResults(runA.id) }.results
        let xb = try await run { try await store.analysisResults(runB.id) }.results
        let ca = try Self.categories(xa, by: by, run: runA.id)
        let cb = try Self.categories(xb, by: by, run: runB.id)
        var positionB: [String: Int] = [:]
        for (i, id) in xb.ids.enumerated() { positionB[id] = i }
        var cells: [String: [String: Int]] = [:]
        var inBoth = 0
        for (i, id) in xa.ids.enumerated() {
            guard let j = positionB[id] else { continue }
            cells[ca[i], default: [:]][cb[j], default: 0] += 1
            inBoth += 1
        }
        let order: [String] =
            switch by {
            case .segment: RFMSegment.allCases.map(\.rawValue)
            case .group: ValueGroup.allCases.map(\.rawValue)
            case .tier: ValueTier.allCases.map(\.rawValue)
            case .stage: LifecycleStage.allCases.map(\.rawValue)
            }
        let seen = Set(ca).union(cb)
        let keys = order.filter { seen.contains($0) } + seen.subtracting(order).sorted()
        let matrix = keys.flatMap { from in
            keys.compactMap { to in cells[from]?[to].map { RunComparisonResult.Cell(from: from, to: to, customers: $0) }
            }
        }
        let oa = runA.overview
        let ob = runB.overview
        let pairs: [(String, Double?, Double?)] = [
            ("customers", oa.map { Double($0.customers) }, ob.map { Double($0.customers) }),
            ("revenue", oa?.revenue, ob?.revenue),
            ("repeat_rate_%", oa.map { $0.repeatRate * 100 }, ob.map { $0.repeatRate * 100 }),
            ("total_clv", oa?.totalCLV, ob?.totalCLV),
            ("mean_p_alive", oa?.meanPAlive, ob?.meanPAlive),
            ("warnings", oa?.warnings.map(Double.init), ob?.warnings.map(Double.init)),
            ("value_at_risk", oa?.valueAtRisk, ob?.valueAtRisk),
        ]
        let figures = pairs.map { f in
            RunComparisonResult.Figure(figure: f.0, a: f.1, b: f.2, change: f.1.flatMap { a in f.2.map { $0 - a } })
        }
        return RunComparisonResult(
            a: runA, b: runB, by: by, keys: keys, matrix: matrix, inBoth: inBoth, onlyInA: xa.count - inBoth,
            onlyInB: xb.count - inBoth, figures: figures)
    }

    private static func categories(_ x: AnalysisResults, by: RunComparisonKey, run: Int64) throws -> [String] {
        switch by {
        case .segment: return x.segment
        case .group:
            guard let g = x.valueGroup else {
                throw AppError(.noData, "run \(run) has no value matrix groups (its value step was skipped)")
            }
            return g
        case .tier:
            guard let t = x.tier else {
                throw AppError(.noData, "run \(run) has no value tiers (its tiers step was skipped)")
            }
            return t
        case .stage:
            guard let s = x.stage else {
                throw AppError(
                    .noData,
                    "run \(run) has no lifecycle stages (made before they were stored, or its lifecycle step was skipped)"
                )
            }
            return s
        }
    }

    /// Deletes run `id` and its results.
    public func deleteRun(_ id: Int64) async throws -> RunDeleteResult {
        let info = try await runInfo(id)
        try await run { _ = try await store.deleteAnalysisRun(info.id) }
        return RunDeleteResult(run: info)
    }
}
