import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

struct Pareto: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Concentration of revenue and profit (二八法则): Pareto curve, Gini, who makes 80 %.",
        discussion: """
            Customers are sorted by revenue (or profit), largest first; the curve gives the share of the \
            total held by the top share of customers, at every 1 % (linear between customers). Profit = \
            revenue − cost of goods (the cost column, else revenue × (1 − --margin)) − discounts. Gini = \
            Σᵢ (2i − n − 1) x₍ᵢ₎ / (n Σ x) over ascending values, without the n/(n − 1) correction.

            CSV: customer_share,revenue_share,profit_share (101 rows, 0 to 1). JSON: the same points and, \
            for revenue and profit, total, gini, customers_making_80, share_making_80, top20_share.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var profit: ProfitArguments
    @OptionGroup var output: OutputOptions
    @Option(help: "Language of the table: en or zh.") var lang: Language = .en

    func run() async throws {
        let workspace = try global.openWorkspaceForReading()
        let result = try await ValueAdvice.run {
            try await workspace.pareto(ParetoRequest(asOf: profit.asOf, margin: profit.margin))
        }
        let sink = try output.sink()
        defer { sink.close() }
        switch output.format {
        case .csv:
            result.writeCSV(sink.write)
            ProfitView.noteOnStandardError(result.profitability, lang: lang)
        case .json: sink.line(try JSONDocument.text(result.document))
        case .table: sink.line(ParetoView.table(result, lang: lang))
        }
    }
}

/// The lines every profit table opens with.
enum ProfitView {
    static func costNote(_ p: Profitability, lang: Language) -> String {
        let coverage =
            p.costCoverage == 0
            ? Text.profitNoCostColumn(lang, Number.exact(p.margin))
            : Text.profitCostRecorded(lang, Number.percent(p.costCoverage))
        return coverage + Text.profitServiceCostsMissing(lang)
    }

    static func heading(_ p: Profitability, database: String, asOf: Day, lang: Language) -> [String] {
        var lines = [
            Text.valueDataLine(lang, database, p.ids.count, asOf),
            Text.profitDefinition(lang) + costNote(p, lang: lang),
        ]
        if let note = p.basis.assumption(in: lang) { lines.append(Text.labelNote.labelling(note, in: lang)) }
        return lines
    }

    /// With CSV on standard output, the margin assumption goes to standard error.
    static func noteOnStandardError(_ p: Profitability, lang: Language) {
        if let note = p.basis.assumption(in: lang) {
            FileHandle.standardError.write(Data((Text.labelNote.labelling(note, in: lang) + "\n").utf8))
        }
    }
}

/// The concentration as terminal tables.
enum ParetoView {
    static func table(_ result: ParetoResult, lang: Language) -> String {
        let p = result.profitability
        let revenue = p.revenueConcentration
        let profit = p.profitConcentration
        var lines = ProfitView.heading(p, database: result.database, asOf: result.asOf, lang: lang)
        lines.append("")
        func share(_ c: Concentration) -> String {
            guard let k = c.customersMaking80, let s = c.shareMaking80 else { return "–" }
            return "\(Number.percent(s)) (\(k))"
        }
        func optional(_ x: Double?, digits: Int = 3) -> String {
            x.map { Number.readable($0, digits: digits) } ?? "–"
        }
        var table = TerminalTable(
            headers: Text.paretoHeaders.headers(lang), alignments: [.left, .right, .right])
        table.append([Text.paretoTotal(lang), Number.readable(revenue.total), Number.readable(profit.total)])
        table.append([Text.paretoGini(lang), optional(revenue.gini), optional(profit.gini)])
        table.append([Text.paretoMaking80(lang), share(revenue), share(profit)])
        table.append([
            Text.paretoTop20Share(lang), revenue.top20Share.map(Number.percent) ?? "–",
            profit.top20Share.map(Number.percent) ?? "–",
        ])
        lines.append(table.render())
        lines.append("")
        var curve = TerminalTable(
            headers: Text.paretoCurveHeaders.headers(lang), alignments: [.right, .right, .right])
        for k in [1, 5, 10, 20, 30, 50, 80, 100] {
            curve.append(["\(k)%", Number.percent(revenue.pareto[k]), Number.percent(profit.pareto[k])])
        }
        lines.append(curve.render())
        return lines.joined(separator: "\n")
    }
}
