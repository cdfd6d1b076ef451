import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

/// `cvm runs`: the stored analysis runs of `cvm analyze`.
struct Runs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, export, compare and delete stored analysis runs.",
        subcommands: [List.self, Show.self, Compare.self, Delete.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The stored runs: id, name, as-of date, created, customers, total CLV.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let runs = try await global.openWorkspaceForReading().runs().runs
            guard !runs.isEmpty else {
                print("No analysis runs yet: run `cvm analyze` first.")
                return
            }
            var table = TerminalTable(
                headers: ["id", "name", "as_of", "created", "customers", "total_clv"],
                alignments: [.right, .left, .left, .left, .right, .right])
            for run in runs {
                table.append([
                    String(run.id), run.name ?? "", run.asOf.description, run.createdAt, String(run.customers),
                    run.overview?.totalCLV.map { Number.readable($0) } ?? "–",
                ])
            }
            print(table.render())
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every per-customer result of a run.",
            discussion: """
                CSV columns: \(RunShowResult.header.joined(separator: ",")). Durations (recency, T) are in the \
                run's time unit; recency_days in days; score 0–100 with score_rank 1 = best; key_account 1/0. \
                A column of a skipped step is empty. Profit, values and CLV are revenue × the run's margin where \
                no cost was imported. JSON: {"run": {id, name, as_of, created_at, settings, overview}, \
                "customers": [{…the CSV columns…}]}.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The run id (see `cvm runs list`).") var id: Int64
        @OptionGroup var output: OutputOptions
        @Option(help: "Rows shown by --format table.") var limit = Defaults.standard.rowsShown

        func run() async throws {
            let shown = try await withRunAdvice { try await global.openWorkspaceForReading().showRun(id) }
            let run = shown.run
            let x = shown.results
            let sink = try output.sink()
            defer { sink.close() }
            switch output.format {
            case .csv:
                shown.writeCSV(sink.write)
            case .json:
                sink.line(try JSONDocument.text(shown.document))
            case .table:
                let header = RunShowResult.header
                let names = ["customer_id", "segment", "p_alive", "clv", "group", "tier", "score", "credit_grade"]
                let columns = names.compactMap { header.firstIndex(of: $0) }
                var table = TerminalTable(
                    headers: names, alignments: [.left, .left, .right, .right, .left, .left, .right, .left])
                for i in 0..<min(limit, x.count) {
                    let f = shown.fields(i)
                    table.append(
                        columns.map { c in
                            let text = f[c]
                            guard ["p_alive", "clv", "score"].contains(header[c]), let v = Double(text) else {
                                return text
                            }
                            return Number.readable(v, digits: header[c] == "p_alive" ? 3 : 2)
                        })
                }
                sink.line("Run \(run.id)\(run.name.map { " \"\($0)\"" } ?? "") as of \(run.asOf): \(x.count) customers")
                sink.line(table.render())
                if x.count > limit { sink.line(TerminalTable.moreRows(x.count - limit, lang: .en)) }
                if x.probabilityAlive != nil {
                    sink.line("p_alive is BG/NBD's: every one-time buyer counts as alive (see `cvm targets`).")
                }
                if run.assumesMargin, let margin = run.settings?.margin {
                    sink.line(
                        "Profit and CLV are revenue × margin \(Number.exact(margin)): no costs were imported.")
                }
            }
            if let path = sink.path {
                FileHandle.standardError.write(Data("Wrote \(x.count) customers to \(path)\n".utf8))
            }
        }
    }

    struct Compare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "How customers moved between two runs (a migration matrix) and how the headline figures changed.",
            discussion: """
                The matrix counts the customers present in both runs by their segment, value matrix group or \
                value tier in run A (rows) and run B (columns); customers in only one run are counted apart. \
                CSV: from,to,customers (one row per non-empty cell). JSON: {"a", "b", "by", "matrix": \
                [{from, to, customers}], "in_both", "only_in_a", "only_in_b", "figures": [{figure, a, b, change}]}.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The earlier run id.") var a: Int64
        @Argument(help: "The later run id.") var b: Int64
        @Option(help: "Compare by segment, group, tier or (lifecycle) stage.") var by: RunComparisonKey = .segment
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let c = try await withRunAdvice { try await global.openWorkspaceForReading().compareRuns(a, b, by: by) }
            let sink = try output.sink()
            defer { sink.close() }
            switch output.format {
            case .csv:
                c.writeCSV(sink.write)
            case .json:
                sink.line(try JSONDocument.text(c.document))
            case .table:
                let (ra, rb) = (c.a, c.b)
                sink.line("Run \(ra.id) (as of \(ra.asOf)) → run \(rb.id) (as of \(rb.asOf)), by \(by.rawValue)")
                sink.line("")
                var fig = TerminalTable(
                    headers: ["figure", "run \(ra.id)", "run \(rb.id)", "change"],
                    alignments: [.left, .right, .right, .right])
                for f in c.figures {
                    fig.append([
                        f.figure, f.a.map { Number.readable($0) } ?? "–", f.b.map { Number.readable($0) } ?? "–",
                        f.change.map { Number.readable($0) } ?? "–",
                    ])
                }
                sink.line(fig.render())
                sink.line("")
                sink.line(
                    "Customers in both runs: \(c.inBoth); only in run \(ra.id): \(c.onlyInA); "
                        + "only in run \(rb.id): \(c.onlyInB)"
                )
                sink.line("Rows: \(by.rawValue) in run \(ra.id); columns: \(by.rawValue) in run \(rb.id)")
                let keys = c.keys
                var matrix = TerminalTable(
                    headers: ["from \\ to"] + keys + ["total"],
                    alignments: [.left] + Array(repeating: .right, count: keys.count + 1))
                for from in keys {
                    let row = keys.map { c.count(from: from, to: $0) }
                    matrix.append([from] + row.map(String.init) + [String(row.reduce(0, +))])
                }
                matrix.append(
                    ["total"] + keys.map { to in String(keys.reduce(0) { $0 + c.count(from: $1, to: to) }) } + [
                        String(c.inBoth)
                    ])
                sink.line(matrix.render())
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a run and its results.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The run id.") var id: Int64

        func run() async throws {
            let run = try await withRunAdvice { try await global.openWorkspace().deleteRun(id).run }
            print("Deleted run \(run.id) (as of \(run.asOf), \(run.customers) customers).")
        }
    }
}

extension RunComparisonKey: ExpressibleByArgument {}
extension Campaign: ExpressibleByArgument {}

/// Runs a run-reading call, with the command-line advice for its errors ("no runs yet": run
/// `cvm analyze` first) in `language`.
func withRunAdvice<T>(in language: Language = .en, _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch {
        throw UserFacingError.wrap(error, in: language)
    }
}
