import ArgumentParser
import CVMStore
import CustomerValue
import Foundation

struct Summary: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Per-customer RFM summary: frequency, recency, T, monetary value (SPEC V1).",
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
    var limit = 20

    func run() throws {
        let store = try global.openStore()
        let summary = try store.summary(
            SummaryOptions(unit: period.unit, asOf: period.asOf, calibrationEnd: period.calibrationEnd))
        let sink = try output.sink()
        defer { sink.close() }
        switch output.format {
        case .csv: SummaryReport.writeCSV(summary, to: sink)
        case .json: sink.line(try jsonText(SummaryReport.JSON(summary)))
        case .table: sink.line(SummaryReport.table(summary, limit: limit))
        }
        if let path = sink.path { FileHandle.standardError.write(Data("Wrote \(summary.count) customers to \(path)\n".utf8)) }
    }
}

/// The stable shapes of a summary in CSV, JSON and a table.
enum SummaryReport {
    static func header(_ summary: SummaryTable) -> [String] {
        var columns = ["customer_id", "frequency", "recency", "T", "monetary", "revenue", "orders", "first_date", "last_date"]
        if summary.holdout != nil { columns += ["frequency_holdout", "monetary_holdout", "duration_holdout"] }
        return columns
    }

    static func fields(_ s: SummaryTable, _ i: Int) -> [String] {
        var row = [
            s.ids[i], Number.exact(s.frequency[i]), Number.exact(s.recency[i]), Number.exact(s.T[i]),
            Number.exact(s.monetary[i]), Number.exact(s.revenue[i]), String(s.orders[i]), s.firstDay[i].description,
            s.lastDay[i].description,
        ]
        if let h = s.holdout {
            row += [Number.exact(h.frequency[i]), Number.exact(h.monetary[i]), Number.exact(h.duration)]
        }
        return row
    }

    static func writeCSV(_ summary: SummaryTable, to sink: TextSink) {
        sink.line(header(summary).joined(separator: ","))
        for i in 0..<summary.count { sink.line(CSV.row(fields(summary, i))) }
    }

    static func table(_ s: SummaryTable, limit: Int) -> String {
        var table = TerminalTable(
            headers: header(s), alignments: [.left] + Array(repeating: .right, count: header(s).count - 1))
        for i in 0..<min(limit, s.count) {
            var row = fields(s, i)
            for k in [2, 3, 4, 5] { row[k] = Number.readable(Double(row[k]) ?? 0) }
            if s.holdout != nil { row[10] = Number.readable(Double(row[10]) ?? 0) }
            table.append(row)
        }
        let repeaters = s.frequency.filter { $0 > 0 }.count
        var text = "Summary as of \(s.observationEnd) in \(s.unit.rawValue)s: \(s.count) customers, "
        text += "\(repeaters) repeat customers (\(Number.percent(Double(repeaters) / Double(max(s.count, 1))))), "
        text += "revenue \(Number.readable(s.revenue.reduce(0, +)))"
        if let h = s.holdout { text += "; holdout to \(h.end): \(Number.exact(h.frequency.reduce(0, +))) repeat purchase days" }
        text += "\n\n" + table.render()
        if s.count > limit { text += "\n… \(s.count - limit) more (use --format csv or json for all rows)" }
        return text
    }

    /// `{"unit", "observationEnd", "holdoutEnd"?, "customers": [{customer_id, frequency, …}]}`.
    struct JSON: Encodable {
        let summary: SummaryTable
        init(_ summary: SummaryTable) { self.summary = summary }

        struct Row: Encodable {
            let customer_id: String
            let frequency, recency, T, monetary, revenue: Double
            let orders: Int
            let first_date, last_date: String
            let frequency_holdout, monetary_holdout, duration_holdout: Double?
        }

        enum Keys: String, CodingKey { case unit, observationEnd, holdoutEnd, customerCount, customers }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            let s = summary
            try c.encode(s.unit.rawValue, forKey: .unit)
            try c.encode(s.observationEnd.description, forKey: .observationEnd)
            try c.encodeIfPresent(s.holdout?.end.description, forKey: .holdoutEnd)
            try c.encode(s.count, forKey: .customerCount)
            let rows = (0..<s.count).map { i in
                Row(
                    customer_id: s.ids[i], frequency: s.frequency[i], recency: s.recency[i], T: s.T[i],
                    monetary: s.monetary[i], revenue: s.revenue[i], orders: s.orders[i],
                    first_date: s.firstDay[i].description, last_date: s.lastDay[i].description,
                    frequency_holdout: s.holdout?.frequency[i], monetary_holdout: s.holdout?.monetary[i],
                    duration_holdout: s.holdout?.duration)
            }
            try c.encode(rows, forKey: .customers)
        }
    }
}
