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
            ? ValueTexts.noCostColumn(margin: Number.exact(p.margin))
            : ValueTexts.costRecorded(coverage: Number.percent(p.costCoverage))
        return coverage.text(in: lang) + ValueTexts.serviceCostsMissing.text(in: lang)
    }

    static func heading(_ p: Profitability, database: String, asOf: Day, lang: Language) -> [String] {
        var lines = [
            ValueTexts.dataLine(source: database, customers: p.ids.count, asOf: asOf.description).text(in: lang),
            ValueTexts.profitDefinition.text(in: lang) + costNote(p, lang: lang),
        ]
        if let note = p.basis.assumption(in: lang) { lines.append(ValueTexts.note.labelling(note, in: lang)) }
        return lines
    }

    /// With CSV on standard output, the margin assumption goes to standard error.
    static func noteOnStandardError(_ p: Profitability, lang: Language) {
        if let note = p.basis.assumption(in: lang) {
            FileHandle.standardError.write(Data((ValueTexts.note.labelling(note, in: lang) + "\n").utf8))
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
            headers: ValueTexts.paretoHeaders.headers(in: lang), alignments: [.left, .right, .right])
        table.append([ValueTexts.total.text(in: lang), Number.readable(revenue.total), Number.readable(profit.total)])
        table.append([ValueTexts.gini.text(in: lang), optional(revenue.gini), optional(profit.gini)])
        table.append([ValueTexts.customersMaking80.text(in: lang), share(revenue), share(profit)])
        table.append([
            ValueTexts.top20Share.text(in: lang), revenue.top20Share.map(Number.percent) ?? "–",
            profit.top20Share.map(Number.percent) ?? "–",
        ])
        lines.append(table.render())
        lines.append("")
        var curve = TerminalTable(
            headers: ValueTexts.curveHeaders.headers(in: lang), alignments: [.right, .right, .right])
        for k in [1, 5, 10, 20, 30, 50, 80, 100] {
            curve.append(["\(k)%", Number.percent(revenue.pareto[k]), Number.percent(profit.pareto[k])])
        }
        lines.append(curve.render())
        return lines.joined(separator: "\n")
    }
}
