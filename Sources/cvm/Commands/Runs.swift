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
        @Option(help: "Language of messages: en or zh.") var lang: Language = .en

        func run() async throws {
            let runs = try await withRunAdvice(in: lang) { try await global.openWorkspaceForReading().runs().runs }
            guard !runs.isEmpty else {
                print(
                    Text.sentenceThen(
                        lang, Text.runsNone(lang), UserFacingError.sentence(UserFacingError.analyzeFirst(lang), lang)))
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
        @Option(help: "Language of the table's notes and messages: en or zh.") var lang: Language = .en

        func run() async throws {
            let shown = try await withRunAdvice(in: lang) { try await global.openWorkspaceForReading().showRun(id) }
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
                sink.line(Text.runsShowHeading(lang, run.id, run.name.map { " \"\($0)\"" } ?? "", run.asOf, x.count))
                sink.line(table.render())
                if x.count > limit { sink.line(TerminalTable.moreRows(x.count - limit, lang: lang)) }
                if x.probabilityAlive != nil { sink.line(Text.runsAliveNote(lang)) }
                if run.assumesMargin, let margin = run.settings?.margin {
                    sink.line(Text.runsMarginNote(lang, Number.exact(margin)))
                }
            }
            if let path = sink.path {
                FileHandle.standardError.write(Data((Text.runsWrote(lang, x.count, path) + "\n").utf8))
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
        @Option(help: "Language of the table: en or zh.") var lang: Language = .en

        func run() async throws {
            let c = try await withRunAdvice(in: lang) {
                try await global.openWorkspaceForReading().compareRuns(a, b, by: by)
            }
            let sink = try output.sink()
            defer { sink.close() }
            switch output.format {
            case .csv:
                c.writeCSV(sink.write)
            case .json:
                sink.line(try JSONDocument.text(c.document))
            case .table:
                let (ra, rb) = (c.a, c.b)
                sink.line(Text.runsCompareHeading(lang, ra.id, ra.asOf, rb.id, rb.asOf, by.rawValue))
                sink.line("")
                var fig = TerminalTable(
                    headers: [
                        Text.runsFigure(lang), Text.reportRunNumber(lang, ra.id), Text.reportRunNumber(lang, rb.id),
                        Text.runsChange(lang),
                    ],
                    alignments: [.left, .right, .right, .right])
                for f in c.figures {
                    fig.append([
                        f.figure, f.a.map { Number.readable($0) } ?? "–", f.b.map { Number.readable($0) } ?? "–",
                        f.change.map { Number.readable($0) } ?? "–",
                    ])
                }
                sink.line(fig.render())
                sink.line("")
                sink.line(Text.runsInBoth(lang, c.inBoth, ra.id, c.onlyInA, rb.id, c.onlyInB))
                sink.line(Text.runsRowsColumns(lang, by.rawValue, ra.id, rb.id))
                let keys = c.keys
                // A key as the reader knows it: the segment, group, tier or stage name in the language.
                func name(_ key: String) -> String {
                    switch by {
                    case .segment: RFMSegment(rawValue: key)?.name(in: lang) ?? key
                    case .group: ValueGroup(rawValue: key)?.name(in: lang) ?? key
                    case .tier: ValueTier(rawValue: key)?.name(in: lang) ?? key
                    case .stage: LifecycleStage(rawValue: key)?.name(in: lang) ?? key
                    }
                }
                var matrix = TerminalTable(
                    headers: [Text.runsFromTo(lang)] + keys.map(name) + [Text.runsTotal(lang)],
                    alignments: [.left] + Array(repeating: .right, count: keys.count + 1))
                for from in keys {
                    let row = keys.map { c.count(from: from, to: $0) }
                    matrix.append([name(from)] + row.map(String.init) + [String(row.reduce(0, +))])
                }
                matrix.append(
                    [Text.runsTotal(lang)]
                        + keys.map { to in String(keys.reduce(0) { $0 + c.count(from: $1, to: to) }) } + [
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
        @Option(help: "Language of messages: en or zh.") var lang: Language = .en

        func run() async throws {
            let run = try await withRunAdvice(in: lang) { try await global.openWorkspace().deleteRun(id).run }
            print(Text.runsDeleted(lang, run.id, run.asOf, run.customers))
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
