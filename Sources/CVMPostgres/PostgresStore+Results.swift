import CVMStore
import CustomerValue
import Foundation
import NIOCore
import PostgresNIO

/// Predictions and analysis runs. Per-customer rows go in with `COPY`, in the transaction that
/// records the run.
extension PostgresStore {
    public func savePredictions(_ set: PredictionSet) async throws -> (run: Int64, stored: Int) {
        try await write { s in
            let keys = try await Self.customerKeys(s)
            try await s.execute("DELETE FROM predictions")
            let run = try await s.one(
                """
                INSERT INTO prediction_runs (model, spend_model, settings, customers, created_at)
                VALUES ($1, $2, $3, $4, $5) RETURNING id
                """,
                [
                    .text(set.model), .text(set.spendModel), .text(set.settings), .int(set.ids.count),
                    .text(Self.now()),
                ])!.int64(0)
            var lines = CopyLines()
            var stored = 0
            for (i, id) in set.ids.enumerated() {
                guard let key = keys[id] else { continue }
                lines.row([
                    .int(Int(run)), .int(Int(key)), .double(set.probabilityAlive[i]),
                    .double(set.expectedPurchases[i]), .double(set.expectedSpend?[i]), .double(set.clv?[i]),
                ])
                stored += 1
            }
            try await s.copy(
                "predictions", ["run", "customer", "p_alive", "expected_purchases", "expected_spend", "clv"],
                lines.all)
            return (run, stored)
        }
    }

    /// Every customer's key by id.
    static func customerKeys(_ s: Session) async throws -> [String: Int64] {
        var keys: [String: Int64] = [:]
        try await s.forEachRow("SELECT key, id FROM customers") { keys[try $0.text(1)] = try $0.int64(0) }
        return keys
    }

    public func latestPredictionRun() async throws -> (model: String, settings: String, customers: Int)? {
        try await read { s in
            guard
                let row = try await s.one(
                    """
                    SELECT r.model, r.settings, (SELECT count(*) FROM predictions p WHERE p.run = r.id)
                    FROM prediction_runs r ORDER BY r.id DESC LIMIT 1
                    """)
            else { return nil }
            return (try row.text(0), try row.text(1), try row.int(2))
        }
    }

    public func latestCLV() async throws -> (values: [String: Double], model: String, settings: String)? {
        guard let run = try await latestPredictionRun() else { return nil }
        let values = try await read { s in
            var values: [String: Double] = [:]
            try await s.forEachRow(
                """
                SELECT c.id, p.clv FROM predictions p JOIN customers c ON c.key = p.customer
                WHERE p.clv IS NOT NULL AND p.run = (SELECT MAX(id) FROM prediction_runs)
                """
            ) { values[try $0.text(0)] = try $0.double(1) }
            return values
        }
        return values.isEmpty ? nil : (values, run.model, run.settings)
    }

    public func saveAnalysisRun(
        name: String?, asOf: Day, settings: String, overview: String, results x: AnalysisResults
    ) async throws -> Int64 {
        try await write { s in
            let keys = try await Self.customerKeys(s)
            let run = try await s.one(
                """
                INSERT INTO analysis_runs (name, created_at, as_of, customers, settings, overview)
                VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
                """,
                [
                    .text(name), .text(Self.now()), .int(asOf.number), .int(x.count), .text(settings),
                    .text(overview),
                ])!.int64(0)
            let known = x.ids.map { keys[$0] }
            // The orders are sorted while the results go in.
            async let ranked = CustomerOrder.ranks(x, known: { known[$0] != nil })
            var lines = CopyLines()
            for i in 0..<x.count {
                guard let key = known[i] else { continue }
                lines.row([
                    .int(Int(run)), .int(Int(key)), .double(x.frequency[i]), .double(x.recency[i]), .double(x.T[i]),
                    .double(x.monetary[i]), .double(x.revenue[i]), .int(x.orders[i]), .int(x.firstDay[i].number),
                    .int(x.lastDay[i].number), .int(x.recencyDays[i]), .int(x.r[i]), .int(x.f[i]), .int(x.m[i]),
                    .text(x.segment[i]), .double(x.probabilityAlive?[i]), .double(x.expectedPurchases?[i]),
                    .double(x.expectedSpend?[i]), .double(x.clv?[i]), .double(x.historicalValue?[i]),
                    .double(x.currentValue?[i]), .double(x.potentialValue?[i]), .text(x.valueGroup?[i]),
                    .double(x.profit?[i]), .text(x.tier?[i]), .int(x.keyAccount.map { $0[i] ? 1 : 0 }),
                    .double(x.score?[i]), .int(x.scoreRank?[i]), .text(x.creditGrade?[i] ?? nil),
                    .text(x.stage?[i]), .text(x.stageRule?[i]), .text(x.pattern?[i]),
                    .double(x.lifecycleProbabilityAlive?[i] ?? nil), .text(x.warningReasons?[i] ?? nil),
                    .double(x.valueAtRisk?[i] ?? nil),
                ])
            }
            try await s.copy(
                "analysis_results",
                [
                    "run", "customer", "frequency", "recency", "t", "monetary", "revenue", "orders", "first_day",
                    "last_day", "recency_days", "r", "f", "m", "segment", "p_alive", "expected_purchases",
                    "expected_spend", "clv", "historical_value", "current_value", "potential_value", "value_group",
                    "profit", "tier", "key_account", "score", "score_rank", "credit_grade", "stage", "stage_rule",
                    "pattern", "lifecycle_p_alive", "warning_reasons", "value_at_risk",
                ], lines.all)
            var ranks = CopyLines()
            let filters = CustomerOrder.filterCodes(x)
            for (code, order) in await ranked {
                for (position, i) in order.enumerated() {
                    ranks.row(
                        [.int(Int(run)), .int(code), .int(position), .int(Int(known[Int(i)]!))]
                            + filters.map { .int($0[Int(i)].map(Int.init)) })
                }
            }
            try await s.copy(
                "analysis_ranks", ["run", "field", "position", "customer", "segment", "value_group", "tier"], ranks.all)
            return run
        }
    }

    public func analysisRuns() async throws -> [AnalysisRun] {
        try await read { s in
            try await s.rows(
                "SELECT id, name, created_at, as_of, customers, settings, overview FROM analysis_runs ORDER BY id"
            ).map(Self.run)
        }
    }

    public func analysisRun(_ id: Int64) async throws -> AnalysisRun? {
        try await read { s in
            try await s.one(
                "SELECT id, name, created_at, as_of, customers, settings, overview FROM analysis_runs WHERE id = $1",
                [.int(Int(id))]
            ).map(Self.run)
        }
    }

    private static func run(_ row: PostgresRandomAccessRow) throws -> AnalysisRun {
        AnalysisRun(
            id: try row.int64(0), name: try row.optionalText(1), createdAt: try row.text(2),
            asOf: Day(number: try row.int(3)), customers: try row.int(4), settings: try row.text(5),
            overview: try row.text(6))
    }

    public func deleteAnalysisRun(_ id: Int64) async throws -> Bool {
        try await write { s in
            try await s.execute("DELETE FROM analysis_results WHERE run = $1", [.int(Int(id))])
            try await s.execute("DELETE FROM analysis_ranks WHERE run = $1", [.int(Int(id))])
            return try await s.changes("DELETE FROM analysis_runs WHERE id = $1", [.int(Int(id))]) > 0
        }
    }

    public func analysisResults(_ run: Int64) async throws -> (results: AnalysisResults, owners: [String?]) {
        try await read { s in
            var builder = AnalysisResultsBuilder()
            try await s.decodedRows(Store.analysisResultsSQL, [":run": .int(Int(run))]) { builder.append($0) }
            return builder.results()
        }
    }
}

/// Rows in PostgreSQL's COPY text format, gathered in chunks of about 1 MiB.
struct CopyLines {
    private(set) var chunks: [[UInt8]] = []
    private var chunk: [UInt8] = []

    mutating func row(_ values: [Value]) {
        for (index, value) in values.enumerated() {
            if index > 0 { chunk.append(0x09) }
            switch value {
            case .int(let v): if let v { chunk.append(contentsOf: String(v).utf8) } else { Self.null(&chunk) }
            case .double(let v):
                if let v, v.isFinite { chunk.append(contentsOf: "\(v)".utf8) } else { Self.null(&chunk) }
            case .text(let v):
                guard let v else {
                    Self.null(&chunk)
                    continue
                }
                for byte in v.utf8 {
                    switch byte {
                    case 0x5C: chunk.append(contentsOf: [0x5C, 0x5C])
                    case 0x09: chunk.append(contentsOf: [0x5C, 0x74])
                    case 0x0A: chunk.append(contentsOf: [0x5C, 0x6E])
                    case 0x0D: chunk.append(contentsOf: [0x5C, 0x72])
                    default: chunk.append(byte)
                    }
                }
            }
        }
        chunk.append(0x0A)
        if chunk.count >= 1 << 20 {
            chunks.append(chunk)
            chunk.removeAll(keepingCapacity: true)
        }
    }

    /// Every chunk, the last partial one included.
    var all: [[UInt8]] { chunk.isEmpty ? chunks : chunks + [chunk] }

    private static func null(_ out: inout [UInt8]) { out.append(contentsOf: [0x5C, 0x4E]) }
}

extension Session {
    /// `COPY table (columns) FROM STDIN` with the text-format `chunks`.
    func copy(_ table: String, _ columns: [String], _ chunks: [[UInt8]]) async throws {
        guard !chunks.isEmpty else { return }
        try requireOpen()
        try await connection.copyFrom(table: table, columns: columns, format: .text(.init()), logger: logger) {
            writer in
            for chunk in chunks { try await writer.write(ByteBuffer(bytes: chunk)) }
        }
    }
}
