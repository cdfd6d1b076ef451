import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

/// `cvm recovery`: service recovery, retention after a complaint by resolution time.
struct Recovery: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Retention and CLV after a complaint by resolution time, against customers who never complained.",
        discussion: """
            Each customer's first complaint opened at least --window-days before --as-of is banded by its \
            resolution time (within 24, 72, 168 hours, later, or not resolved in the window). Retained: a \
            purchase within the window after the complaint. The baseline: customers who never complained and \
            bought in the 365 days before each complaint's day, their retention in the same window. CLV comes \
            from the latest cvm analyze run. An observational comparison, not an experiment.

            CSV: band,up_to_hours,customers,retained,retention,baseline_retention,retention_difference,\
            mean_clv,baseline_clv.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("The as-of date, YYYY-MM-DD (default: the last transaction date).", valueName: "date"))
    var asOf: Day?
    @Option(help: "Days after a complaint in which a purchase counts as retention (default 180).") var windowDays: Int?
    @Option(help: "Language of the table: en or zh.") var lang: Language = .en

    func run() async throws {
        do {
            let result = try await global.openWorkspaceForReading().recovery(
                RecoveryRequest(asOf: asOf, windowDays: windowDays))
            let sink = try output.sink()
            defer { sink.close() }
            switch output.format {
            case .table: sink.line(RecoveryView.table(result, lang: lang))
            case .csv: result.writeCSV(sink.write)
            case .json: sink.line(try JSONDocument.text(result.document))
            }
        } catch { throw UserFacingError.wrap(error, in: lang) }
    }
}

enum RecoveryView {
    static func table(_ r: RecoveryResult, lang: Language) -> String {
        let x = r.recovery
        func share(_ v: Double?) -> String { v.map(Number.percent) ?? "–" }
        func n(_ v: Double?) -> String { v.map { Number.readable($0) } ?? "–" }
        var table = TerminalTable(
            headers: [
                Text.recoveryBand(lang), Text.recoveryCustomers(lang), Text.recoveryRetained(lang),
                Text.recoveryRetention(lang), Text.recoveryBaseline(lang), Text.recoveryDifference(lang),
                Text.recoveryMeanCLV(lang), Text.recoveryBaselineCLV(lang),
            ],
            alignments: [.left, .right, .right, .right, .right, .right, .right, .right])
        for b in x.bands {
            table.append([
                RecoveryResult.name(b, in: lang), String(b.customers), String(b.retained), share(b.retention),
                share(b.baselineRetention),
                b.retentionDifference.map {
                    Text.recoveryPoints(lang, ($0 >= 0 ? "+" : "") + Number.readable($0 * 100, digits: 1))
                } ?? "–",
                n(b.meanCLV), n(b.baselineCLV),
            ])
        }
        return [
            Text.recoveryHeading(lang, x.asOf.description, x.windowDays, x.neverComplained), "", table.render(), "",
            Text.recoveryNote(lang),
        ].joined(separator: "\n")
    }
}
