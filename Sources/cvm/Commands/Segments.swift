import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

struct Segments: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "RFM scores (1–5 by quintiles) and named segments with their sizes and value shares.",
        discussion: """
            R = days since the last purchase (fewer is better), F = purchase days, M = revenue. A score is \
            1 + ⌊5 × (share of customers with a worse value)⌋, so tied values share a score. Schemes: \
            grid (11 segments from the recency × frequency grid: Champions … Lost) and importance (the \
            eight classes 重要价值客户 … 一般挽留客户, each of R, F, M high or low against its mean).

            CSV (one row per customer): customer_id,recency_days,purchases,revenue,r,f,m,rfm,segment. \
            With --view segments: segment,name,name_zh,customers,customer_share,revenue,revenue_share,strategy,strategy_zh,reason,reason_zh. \
            --strategies FILE.toml replaces the built-in strategy and reason of the segments it names.
            """)

    enum View: String, ExpressibleByArgument { case customers, segments }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var period: SummaryArguments
    @OptionGroup var output: OutputOptions

    @Option(help: "Rule table: grid or importance.")
    var scheme: SegmentScheme = .grid

    @Option(
        help:
            "customers (one row each) or segments (one row per segment). Default: segments for a table, customers for csv."
    )
    var view: View?

    @Option(help: "Language of the table and messages: en or zh.")
    var lang: Language = .en

    @Option(
        help: ArgumentHelp(
            "Your own strategies for some segments: a TOML file with a [segment_key] table per segment and strategy, "
                + "strategy_zh, reason, reason_zh.",
            valueName: "file"))
    var strategies: String?

    @Option(help: "Rows shown by --view customers in a table.")
    var limit = Defaults.standard.rowsShown

    func run() async throws {
        do {
            let written = try strategies.map {
                try StrategyFile.read(URL(fileURLWithPath: $0), name: $0, builtIn: StrategyFile.builtIn(scheme))
            }
            let workspace = try global.openWorkspaceForReading()
            let result = try await workspace.segments(
                SegmentsRequest(
                    scheme: scheme, unit: period.unit, asOf: period.asOf, calibrationEnd: period.calibrationEnd,
                    strategies: written ?? [:]))
            let sink = try output.sink()
            defer { sink.close() }
            switch (output.format, view ?? (output.format == .table ? .segments : .customers)) {
            case (.table, .segments): sink.line(SegmentReport.table(result.segmentation, lang: lang))
            case (.table, .customers):
                sink.line(SegmentReport.customerTable(result.summary, result.segmentation, limit: limit, lang: lang))
            case (.csv, .segments): result.groups.writeCSV(sink.write)
            case (.csv, .customers): result.customers.writeCSV(sink.write)
            case (.json, _): sink.line(try JSONDocument.text(result.document))
            }
        } catch { throw UserFacingError.wrap(error, in: lang) }
    }
}

enum SegmentReport {
    static func table(_ s: Segmentation, lang: Language) -> String {
        var table = TerminalTable(
            headers: [
                Text.segmentsSegment(lang), Text.segmentsCustomers(lang), Text.segmentsShare(lang),
                Text.segmentsRevenue(lang), Text.segmentsValueShare(lang), Text.segmentsMeanPurchases(lang),
                Text.segmentsStrategy(lang),
            ],
            alignments: [.left, .right, .right, .right, .right, .right, .left])
        for g in s.groups where g.customers > 0 {
            table.append([
                g.name(in: lang), String(g.customers), Number.percent(g.customerShare), Number.readable(g.revenue),
                Number.percent(g.revenueShare), Number.readable(g.meanPurchases, digits: 1),
                g.strategy(in: lang),
            ])
        }
        return table.render()
    }

    static func customerTable(_ summary: SummaryTable, _ s: Segmentation, limit: Int, lang: Language = .en) -> String {
        var table = TerminalTable(
            headers: [
                Text.segmentsCustomerID(lang), Text.segmentsRecencyDays(lang), Text.segmentsPurchases(lang),
                Text.segmentsRevenue(lang).lowercased(), Text.segmentsRFM(lang),
                Text.segmentsSegment(lang).lowercased(),
            ],
            alignments: [.left, .right, .right, .right, .right, .left])
        for i in 0..<min(limit, summary.count) {
            table.append([
                summary.ids[i], String(s.scores.recencyDays[i]), String(s.scores.purchases[i]),
                Number.readable(s.scores.revenue[i]), "\(s.scores.r[i])\(s.scores.f[i])\(s.scores.m[i])", s.keys[i],
            ])
        }
        return table.render()
    }

    static func writeCustomersCSV(_ summary: SummaryTable, _ s: Segmentation, to sink: TextSink) {
        SegmentsResult(summary: summary, segmentation: s).customers.writeCSV(sink.write)
    }

    static func writeGroupsCSV(_ s: Segmentation, to sink: TextSink) {
        SegmentsResult.Groups(segmentation: s).writeCSV(sink.write)
    }
}
