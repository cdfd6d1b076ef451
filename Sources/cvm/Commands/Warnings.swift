import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

struct Warnings: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Churn early warnings: who is slipping away, why, and the value at risk (CLV × P(churn)).",
        discussion: """
            A customer in exploration, formation, stability or decline is warned when P(alive) is under 0.5, \
            when the gap since the last purchase is beyond their own rhythm, when the value per purchase \
            fell below half of what it was, or when a complaint is open too long. Ranked by value at risk = \
            CLV × (1 − P(alive)); P(alive) from MBG/NBD (Pareto/NBD when it does not converge), never \
            BG/NBD. CLV comes from the latest stored run at the same as-of date, else it is computed here; \
            the output says which.

            CSV: rank,customer_id,stage,reasons,p_churn,clv,value_at_risk,gap_ratio,reason_text.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var lifecycle: LifecycleArguments
    @OptionGroup var output: OutputOptions

    @Option(help: "Language of the table and reasons: en or zh.") var lang: Language = .en
    @Option(help: "Only the first N warnings (default: 20 in a table, all in csv and json).") var top: Int?

    func validate() throws {
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
    }

    func run() async throws {
        do {
            let file = try lifecycle.rulesFile()
            let workspace = try global.openWorkspaceForReading()
            let shown = top ?? (output.format == .table ? Defaults.standard.warningsShown : nil)
            let result = try await workspace.warnings(
                WarningsRequest(asOf: lifecycle.asOf, rules: file?.stages, warning: file?.warnings, top: shown))
            let sink = try output.sink()
            defer { sink.close() }
            switch output.format {
            case .table: sink.line(WarningsView.table(result, lang: lang))
            case .csv: result.rows(in: lang).writeCSV(sink.write)
            case .json: sink.line(try JSONDocument.text(result.document(in: lang)))
            }
        } catch { throw UserFacingError.wrap(error, in: lang) }
    }
}

enum WarningsView {
    static func table(_ r: WarningsResult, lang: Language) -> String {
        var table = TerminalTable(
            headers: [
                "#", Text.segmentsCustomerID(lang), Text.lifecycleStage(lang), Text.warningsValueAtRisk(lang),
                Text.warningsPChurn(lang), Text.warningsReasons(lang),
            ],
            alignments: [.right, .left, .left, .right, .right, .left])
        for (k, w) in r.warnings.enumerated() {
            table.append([
                String(k + 1), r.id(w), r.lifecycle.assignments[w.index].stage.name(in: lang),
                w.valueAtRisk.map { Number.readable($0) } ?? "–",
                w.churnProbability.map { Number.readable($0, digits: 2) } ?? "–", r.sentence(w, in: lang),
            ])
        }
        var lines = [
            Text.warningsHeading(
                lang, r.lifecycle.asOf, r.total, r.totalValueAtRisk.map { Number.readable($0) } ?? "–"),
            "",
        ]
        lines.append(r.warnings.isEmpty ? Text.warningsNone(lang) : table.render())
        if r.warnings.count < r.total { lines.append(Text.warningsShown(lang, r.warnings.count, r.total)) }
        lines += ["", LifecycleView.aliveLine(r.lifecycle, lang: lang), r.lifecycle.clvSource.describe(in: lang)]
        return lines.joined(separator: "\n")
    }
}
