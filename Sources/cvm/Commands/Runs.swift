import ArgumentParser
import CVMApp
import CVMStore
import CustomerValue
import Foundation

/// `cvm runs`: the stored analysis runs of `cvm analyze`.
struct Runs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, export, compare and delete stored analysis runs.",
        subcommands: [List.self, Show.self, Compare.self, Delete.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The stored runs: id, name, as-of date, created, customers, total CLV.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let runs = try global.openStore().analysisRuns()
            guard !runs.isEmpty else {
                print("No analysis runs yet: run `cvm analyze` first.")
                return
            }
            var table = TerminalTable(
                headers: ["id", "name", "as_of", "created", "customers", "total_clv"],
                alignments: [.right, .left, .left, .left, .right, .right])
            for run in runs {
                let overview = try? JSONDecoder().decode(AnalysisOverview.self, from: Data(run.overview.utf8))
                table.append([
                    String(run.id), run.name ?? "", run.asOf.description, run.createdAt, String(run.customers),
                    overview?.totalCLV.map { Number.readable($0) } ?? "–",
                ])
            }
            print(table.render())
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every per-customer result of a run.",
            discussion: """
                CSV columns: \(RunExport.header.joined(separator: ",")). Durations (recency, T) are in the \
                run's time unit; recency_days in days; score 0–100 with score_rank 1 = best; key_account 1/0. \
                A column of a skipped step is empty. JSON: {"run": {id, name, as_of, created_at, settings, \
                overview}, "customers": [{…the CSV columns…}]}.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The run id (see `cvm runs list`).") var id: Int64
        @OptionGroup var output: OutputOptions
        @Option(help: "Rows shown by --format table.") var limit = 20

        func run() throws {
            let store = try global.openStore()
            let run = try RunLookup.run(id, in: store)
            let (x, _) = try store.analysisResults(run.id)
            let sink = try output.sink()
            defer { sink.close() }
            switch output.format {
            case .csv:
                sink.line(RunExport.header.joined(separator: ","))
                for i in 0..<x.count { sink.line(CSV.row(RunExport.fields(x, i))) }
            case .json:
                sink.line(try jsonText(RunExport.JSON(run: run, results: x)))
            case .table:
                let shown = ["customer_id", "segment", "p_alive", "clv", "group", "tier", "score", "credit_grade"]
                let columns = shown.compactMap { RunExport.header.firstIndex(of: $0) }
                var table = TerminalTable(
                    headers: shown, alignments: [.left, .left, .right, .right, .left, .left, .right, .left])
                for i in 0..<min(limit, x.count) {
                    let f = RunExport.fields(x, i)
                    table.append(
                        columns.map { c in
                            let text = f[c]
                            guard ["p_alive", "clv", "score"].contains(RunExport.header[c]), let v = Double(text) else {
                                return text
                            }
                            return Number.readable(v, digits: RunExport.header[c] == "p_alive" ? 3 : 2)
                        })
                }
                sink.line("Run \(run.id)\(run.name.map { " \"\($0)\"" } ?? "") as of \(run.asOf): \(x.count) customers")
                sink.line(table.render())
                if x.count > limit { sink.line("… \(x.count - limit) more (use --format csv or json for all rows)") }
            }
            if let path = sink.path {
                FileHandle.standardError.write(Data("Wrote \(x.count) customers to \(path)\n".utf8))
            }
        }
    }

    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "How customers moved between two runs (a migration matrix, SPEC L4) and how the headline figures changed.",
            discussion: """
                The matrix counts the customers present in both runs by their segment, value matrix group or \
                value tier in run A (rows) and run B (columns); customers in only one run are counted apart. \
                CSV: from,to,customers (one row per non-empty cell). JSON: {"a", "b", "by", "matrix": \
                [{from, to, customers}], "in_both", "only_in_a", "only_in_b", "figures": [{figure, a, b, change}]}.
                """)
        enum By: String, ExpressibleByArgument, CaseIterable { case segment, group, tier }

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The earlier run id.") var a: Int64
        @Argument(help: "The later run id.") var b: Int64
        @Option(help: "Compare by segment, group or tier.") var by: By = .segment
        @OptionGroup var output: OutputOptions

        func run() throws {
            let store = try global.openStore()
            let runA = try RunLookup.run(a, in: store)
            let runB = try RunLookup.run(b, in: store)
            let (xa, _) = try store.analysisResults(runA.id)
            let (xb, _) = try store.analysisResults(runB.id)
            let ca = try categories(xa, run: runA.id)
            let cb = try categories(xb, run: runB.id)
            let order = self.order
            var positionB: [String: Int] = [:]
            for (i, id) in xb.ids.enumerated() { positionB[id] = i }
            var cells: [String: [String: Int]] = [:]
            var inBoth = 0
            for (i, id) in xa.ids.enumerated() {
                guard let j = positionB[id] else { continue }
                cells[ca[i], default: [:]][cb[j], default: 0] += 1
                inBoth += 1
            }
            let onlyA = xa.count - inBoth
            let onlyB = xb.count - inBoth
            let seen = Set(ca).union(cb)
            let keys = order.filter { seen.contains($0) } + seen.subtracting(order).sorted()
            let figures = headline(runA, runB)
            let sink = try output.sink()
            defer { sink.close() }
            switch output.format {
            case .csv:
                sink.line("from,to,customers")
                for from in keys {
                    for to in keys { if let n = cells[from]?[to] { sink.line(CSV.row([from, to, String(n)])) } }
                }
            case .json:
                sink.line(
                    try jsonText(
                        CompareJSON(
                            a: runA.id, b: runB.id, by: by.rawValue,
                            matrix: keys.flatMap { from in
                                keys.compactMap { to in
                                    cells[from]?[to].map { .init(from: from, to: to, customers: $0) }
                                }
                            }, in_both: inBoth, only_in_a: onlyA, only_in_b: onlyB,
                            figures: figures.map { f in
                                .init(figure: f.0, a: f.1, b: f.2, change: f.1.flatMap { a in f.2.map { $0 - a } })
                            })))
            case .table:
                sink.line(
                    "Run \(runA.id) (as of \(runA.asOf)) → run \(runB.id) (as of \(runB.asOf)), by \(by.rawValue)")
                sink.line("")
                var fig = TerminalTable(
                    headers: ["figure", "run \(runA.id)", "run \(runB.id)", "change"],
                    alignments: [.left, .right, .right, .right])
                for (name, va, vb) in figures {
                    let change = va.flatMap { a in vb.map { $0 - a } }
                    fig.append([
                        name, va.map { Number.readable($0) } ?? "–", vb.map { Number.readable($0) } ?? "–",
                        change.map { Number.readable($0) } ?? "–",
                    ])
                }
                sink.line(fig.render())
                sink.line("")
                sink.line(
                    "Customers in both runs: \(inBoth); only in run \(runA.id): \(onlyA); only in run \(runB.id): \(onlyB)"
                )
                sink.line("Rows: \(by.rawValue) in run \(runA.id); columns: \(by.rawValue) in run \(runB.id)")
                var matrix = TerminalTable(
                    headers: ["from \\ to"] + keys + ["total"],
                    alignments: [.left] + Array(repeating: .right, count: keys.count + 1))
                for from in keys {
                    let row = keys.map { cells[from]?[$0] ?? 0 }
                    matrix.append([from] + row.map(String.init) + [String(row.reduce(0, +))])
                }
                matrix.append(
                    ["total"] + keys.map { to in String(keys.reduce(0) { $0 + (cells[$1]?[to] ?? 0) }) } + [
                        String(inBoth)
                    ])
                sink.line(matrix.render())
            }
        }

        private var order: [String] {
            switch by {
            case .segment: RFMSegment.allCases.map(\.rawValue)
            case .group: ValueGroup.allCases.map(\.rawValue)
            case .tier: ValueTier.allCases.map(\.rawValue)
            }
        }

        private func categories(_ x: AnalysisResults, run: Int64) throws -> [String] {
            switch by {
            case .segment: return x.segment
            case .group:
                guard let g = x.valueGroup else {
                    throw ValidationFailure("run \(run) has no value matrix groups (its value step was skipped)")
                }
                return g
            case .tier:
                guard let t = x.tier else {
                    throw ValidationFailure("run \(run) has no value tiers (its tiers step was skipped)")
                }
                return t
            }
        }

        private func headline(_ a: AnalysisRun, _ b: AnalysisRun) -> [(String, Double?, Double?)] {
            func decode(_ run: AnalysisRun) -> AnalysisOverview? {
                try? JSONDecoder().decode(AnalysisOverview.self, from: Data(run.overview.utf8))
            }
            let oa = decode(a)
            let ob = decode(b)
            return [
                ("customers", oa.map { Double($0.customers) }, ob.map { Double($0.customers) }),
                ("revenue", oa?.revenue, ob?.revenue),
                ("repeat_rate_%", oa.map { $0.repeatRate * 100 }, ob.map { $0.repeatRate * 100 }),
                ("total_clv", oa?.totalCLV, ob?.totalCLV),
                ("mean_p_alive", oa?.meanPAlive, ob?.meanPAlive),
            ]
        }

        struct CompareJSON: Encodable {
            struct Cell: Encodable {
                let from, to: String
                let customers: Int
            }
            struct Figure: Encodable {
                let figure: String
                let a, b, change: Double?
            }
            let a, b: Int64
            let by: String
            let matrix: [Cell]
            let in_both, only_in_a, only_in_b: Int
            let figures: [Figure]
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a run and its results.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The run id.") var id: Int64

        func run() throws {
            let store = try global.openStore()
            let run = try RunLookup.run(id, in: store)
            try store.deleteAnalysisRun(run.id)
            print("Deleted run \(run.id) (as of \(run.asOf), \(run.customers) customers).")
        }
    }
}

/// Finding a run by id, with advice when there is none.
enum RunLookup {
    static func run(_ id: Int64, in store: Store) throws -> AnalysisRun {
        if let run = try store.analysisRun(id) { return run }
        let ids = try store.analysisRuns().map { String($0.id) }
        throw ValidationFailure(
            ids.isEmpty
                ? "no analysis run \(id): the database has no runs yet; run `cvm analyze` first"
                : "no analysis run \(id); existing runs: \(ids.joined(separator: ", "))")
    }

    /// The run with this id, or the latest.
    static func runOrLatest(_ id: Int64?, in store: Store) throws -> AnalysisRun {
        if let id { return try run(id, in: store) }
        guard let latest = try store.analysisRuns().last else {
            throw ValidationFailure("the database has no analysis runs yet; run `cvm analyze` first")
        }
        return latest
    }

    static func settings(_ run: AnalysisRun) throws -> AnalysisSettings {
        do { return try JSONDecoder().decode(AnalysisSettings.self, from: Data(run.settings.utf8)) } catch {
            throw ValidationFailure("run \(run.id) has settings this version of cvm cannot read (\(error))")
        }
    }
}

/// The per-customer columns of a run in CSV and JSON.
enum RunExport {
    static let header = [
        "customer_id", "frequency", "recency", "T", "monetary", "revenue", "orders", "first_date", "last_date",
        "recency_days", "r", "f", "m", "segment", "p_alive", "expected_purchases", "expected_spend", "clv",
        "historical_value", "current_value", "potential_value", "group", "profit", "tier", "key_account", "score",
        "score_rank", "credit_grade",
    ]

    static func fields(_ x: AnalysisResults, _ i: Int) -> [String] {
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

    struct JSON: Encodable {
        let run: AnalysisRun
        let results: AnalysisResults

        struct Run: Encodable {
            let id: Int64
            let name: String?
            let as_of, created_at: String
            let settings: AnalysisSettings?
            let overview: AnalysisOverview?
        }
        enum Keys: String, CodingKey { case run, customers }
        struct Customer: Encodable {
            let fields: [String]
            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: AnyKey.self)
                for (k, name) in RunExport.header.enumerated() {
                    let text = fields[k]
                    if text.isEmpty {
                        try c.encodeNil(forKey: AnyKey(name))
                    } else if RunExport.textColumns.contains(name) {
                        try c.encode(text, forKey: AnyKey(name))
                    } else {
                        try c.encode(Double(text) ?? .nan, forKey: AnyKey(name))
                    }
                }
            }
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(
                Run(
                    id: run.id, name: run.name, as_of: run.asOf.description, created_at: run.createdAt,
                    settings: try? RunLookup.settings(run),
                    overview: try? JSONDecoder().decode(AnalysisOverview.self, from: Data(run.overview.utf8))),
                forKey: .run)
            try c.encode(
                (0..<results.count).map { Customer(fields: RunExport.fields(results, $0)) }, forKey: .customers)
        }
    }

    static let textColumns: Set<String> = [
        "customer_id", "first_date", "last_date", "segment", "group", "tier", "credit_grade",
    ]
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
