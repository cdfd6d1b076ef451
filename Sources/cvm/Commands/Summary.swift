import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

struct Summary: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Per-customer RFM summary: frequency, recency, T, monetary value.",
        discussion: """
            Definitions (as in the BTYD literature and lifetimes): purchases on one calendar day are one \
            purchase period; frequency = purchase periods − 1; recency = first to last purchase; T = first \
            purchase to the observation end; monetary = mean value of the repeat purchase periods (0 when \
            frequency is 0). revenue = sum of all amounts (returns included), orders = transaction rows.

            CSV columns: customer_id,frequency,recency,T,monetary,revenue,orders,first_date,last_date \
            and, with --calibration-end, frequency_holdout,monetary_holdout,duration_holdout.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var period: SummaryArguments
    @OptionGroup var output: OutputOptions

    @Option(help: "Rows shown by --format table (all rows go to csv and json).")
    var limit = Defaults.standard.rowsShown

    @Option(help: "Language of the table's headline: en or zh.") var lang: Language = .en

    func run() async throws {
        let workspace = try global.openWorkspaceForReading()
        let result = try await workspace.summary(
            SummaryRequest(unit: period.unit, asOf: period.asOf, calibrationEnd: period.calibrationEnd))
        let sink = try output.sink()
        defer { sink.close() }
        switch output.format {
        case .csv: result.writeCSV(sink.write)
        case .json: sink.line(try JSONDocument.text(result.document))
        case .table: sink.line(SummaryView.table(result, limit: limit, lang: lang))
        }
        if let path = sink.path {
            FileHandle.standardError.write(Data("Wrote \(result.rowCount) customers to \(path)\n".utf8))
        }
    }
}

/// The summary as a terminal table.
enum SummaryView {
    static func table(_ result: SummaryResult, limit: Int, lang: Language = .en) -> String {
        let s = result.table
        let header = result.columns
        var table = TerminalTable(
            headers: header, alignments: [.left] + Array(repeating: .right, count: header.count - 1))
        for i in 0..<min(limit, s.count) {
            var row = result.fields(i)
            for k in [2, 3, 4, 5] { row[k] = Number.readable(Double(row[k]) ?? 0) }
            if s.holdout != nil { row[10] = Number.readable(Double(row[10]) ?? 0) }
            table.append(row)
        }
        let repeaters = result.repeatCustomers
        let share = Number.percent(result.repeatRate)
        let revenue = Number.readable(result.totalRevenue)
        var text: String
        if lang == .zh {
            text = "截至 \(s.observationEnd) 的客户汇总（单位：\(s.unit.name(in: .zh))）：\(s.count) 位客户，"
            text += "\(repeaters) 位有重复购买（\(share)），总收入 \(revenue)"
            if let h = s.holdout {
                text += "；保留期至 \(h.end)：\(Number.exact(h.frequency.reduce(0, +))) 个重复购买日"
            }
        } else {
            text = "Summary as of \(s.observationEnd) in \(s.unit.rawValue)s: \(s.count) customers, "
            text += "\(repeaters) repeat customers (\(share)), revenue \(revenue)"
            if let h = s.holdout {
                text += "; holdout to \(h.end): \(Number.exact(h.frequency.reduce(0, +))) repeat purchase days"
            }
        }
        text += "\n\n" + table.render()
        if s.count > limit {
            text += "\n" + TerminalTable.moreRows(s.count - limit, lang: lang)
        }
        return text
    }
}
