import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

/// `cvm acquisition`: acquisition against retention cost.
struct Acquisition: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cost per acquired customer by channel and cohort, CLV : cost, payback months, retention cost.",
        discussion: """
            Reads the marketing spend tagged with a purpose (import marketing with a purpose column: \
            acquisition or retention, 获客 or 保留, and a channel) and the customers' acquisition channel and \
            date (customers file: channel, acquired). Spend of a channel in a month is divided among the \
            customers that channel acquired in that month. CLV comes from the latest cvm analyze run. \
            Payback is counted in revenue × --margin.

            CSV (one row per cohort and channel, then cohort=all per channel): cohort,channel,customers,\
            acquisition_spend,cost_per_customer,mean_clv,clv_to_cost,payback_months.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("The as-of date, YYYY-MM-DD (default: the last transaction date).", valueName: "date"))
    var asOf: Day?
    @Option(help: "Margin on revenue for the payback (default: the analysis default).") var margin: Double?
    @Option(help: "Language of the table: en or zh.") var lang: Language = .en
    @Option(help: "Rows shown in a table.") var limit = Defaults.standard.rowsShown

    func run() async throws {
        do {
            let result = try await global.openWorkspaceForReading().acquisition(
                AcquisitionRequest(asOf: asOf, margin: margin))
            let sink = try output.sink()
            defer { sink.close() }
            switch output.format {
            case .table: sink.line(AcquisitionView.table(result, limit: limit, lang: lang))
            case .csv: result.writeCSV(sink.write)
            case .json: sink.line(try JSONDocument.text(result.document))
            }
        } catch { throw UserFacingError.wrap(error, in: lang) }
    }
}

enum AcquisitionView {
    static func table(_ r: AcquisitionResult, limit: Int, lang: Language) -> String {
        let e = r.economics
        func n(_ x: Double?, _ digits: Int = 2) -> String { x.map { Number.readable($0, digits: digits) } ?? "–" }
        let clv =
            r.clvRun.map { Text.acquisitionCLVRun(lang, $0, r.clvHorizonMonths.map(String.init) ?? "–") }
            ?? Text.acquisitionNoCLV(lang)
        var lines = [Text.acquisitionHeading(lang, e.asOf.description, Number.exact(e.margin), clv), ""]
        var table = TerminalTable(
            headers: [
                Text.acquisitionCohort(lang), Text.acquisitionChannel(lang), Text.acquisitionCustomers(lang),
                Text.acquisitionSpend(lang), Text.acquisitionCost(lang), Text.acquisitionMeanCLV(lang),
                Text.acquisitionCLVToCost(lang), Text.acquisitionPayback(lang),
            ],
            alignments: [.left, .left, .right, .right, .right, .right, .right, .right])
        // The channel totals first, then the cohorts (the latest last).
        let totals = e.cells.filter { $0.cohort == nil }
        let cohorts = e.cells.filter { $0.cohort != nil }
        for c in totals + cohorts.suffix(max(0, limit)) {
            table.append([
                c.cohort?.description ?? Text.acquisitionAll(lang), c.channel ?? Text.acquisitionNoChannel(lang),
                String(c.customers), Number.readable(c.spend), n(c.costPerCustomer), n(c.meanCLV), n(c.clvToCost),
                c.paybackMonths.map(String.init) ?? "–",
            ])
        }
        lines.append(table.render())
        if cohorts.count > limit { lines.append(Text.warningsShown(lang, limit, cohorts.count)) }
        lines += [
            "",
            Text.acquisitionTotals(
                lang, Number.readable(e.acquisitionSpend), e.acquiredInSpendMonths, n(e.costPerAcquired)),
            Text.acquisitionRetention(
                lang, Number.readable(e.retentionSpend), e.retainedCustomers, n(e.costPerRetained)),
            e.acquisitionToRetention.map { Text.acquisitionRatio(lang, Number.readable($0, digits: 1)) }
                ?? Text.acquisitionNoRatio(lang),
            "", Text.acquisitionNotes(lang),
        ]
        return lines.joined(separator: "\n")
    }
}
