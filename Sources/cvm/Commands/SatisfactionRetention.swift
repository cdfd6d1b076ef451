import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

/// `cvm satisfaction-retention`: satisfaction in a survey joined to the purchases that followed.
struct SatisfactionRetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "satisfaction-retention",
        abstract: "Do customers who rated low buy again less? Satisfaction joined to the purchases after the answer.",
        discussion: """
            For each respondent with a customer id and an overall satisfaction: purchase days in the --horizon days \
            after the answer (default 365), counted only when the transactions cover the whole window (each \
            customer's latest answer with a full window; the others are counted as answered too recently). Per \
            rating: respondents, the share who bought again, mean purchase days and spend. Fits (OLS, classical \
            standard errors): bought again (0/1) on satisfaction, and purchases on satisfaction with and without \
            the purchases in the same span before the answer. Associations, not proof of cause. CSV: \
            satisfaction,respondents,retained,retention,mean_purchases,mean_spend.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "One survey wave (default: every wave).") var wave: String?
    @Option(help: "Days after the answer in which a purchase counts (default: 365).") var horizon: Int?
    @Option(help: "Language of the table and messages: en or zh.") var lang: Language = .en

    func run() async throws {
        do {
            let result = try await global.openWorkspaceForReading().satisfactionRetention(
                SatisfactionRetentionRequest(wave: wave, horizonDays: horizon))
            let sink = try output.sink()
            defer { sink.close() }
            switch output.format {
            case .csv: result.writeCSV(sink.write)
            case .json: sink.line(try JSONDocument.text(result.document))
            case .table:
                let l = result.link
                sink.line(
                    Text.retentionHeading(lang, l.horizonDays, l.respondents.count, l.censored, l.observationEnd))
                var table = TerminalTable(
                    headers: [
                        Text.retentionSatisfaction(lang), Text.retentionRespondents(lang), Text.retentionRetained(lang),
                        Text.retentionShare(lang), Text.retentionPurchases(lang), Text.retentionSpend(lang),
                    ],
                    alignments: [.right, .right, .right, .right, .right, .right])
                for level in l.levels {
                    table.append([
                        Number.readable(level.satisfaction, digits: 1), String(level.respondents),
                        String(level.retained), Number.percent(level.retention),
                        Number.readable(level.meanPurchases), Number.readable(level.meanSpend),
                    ])
                }
                sink.line(table.render())
                if let effect = result.effect(in: lang) { sink.line(effect) }
            }
        } catch { throw UserFacingError.wrap(error, in: lang) }
    }
}
