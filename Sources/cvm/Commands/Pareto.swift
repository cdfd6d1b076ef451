import ArgumentParser
import CVMApp
import CVMStore
import CustomerValue
import Foundation

struct Pareto: ParsableCommand {
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

    func run() throws {
        let store = try global.openStore()
        let windows = try store.valueWindows(asOf: profit.asOf, currentWindowDays: ValueWindows.days(inMonths: 12))
        let p = try Profitability(windows: windows, margin: profit.margin)
        let sink = try output.sink()
        defer { sink.close() }
        let revenue = p.revenueConcentration
        let profitC = p.profitConcentration
        switch output.format {
        case .csv:
            sink.line("customer_share,revenue_share,profit_share")
            for k in revenue.pareto.indices {
                sink.line(
                    CSV.row([
                        Number.exact(Double(k) / 100), Number.exact(revenue.pareto[k]), Number.exact(profitC.pareto[k]),
                    ]))
            }
        case .json:
            sink.line(
                try jsonText(
                    JSON(
                        customers: p.ids.count, asOf: windows.asOf.description, revenue: .init(revenue),
                        profit: .init(profitC),
                        points: revenue.pareto.indices.map {
                            JSON.Point(
                                customer_share: Double($0) / 100, revenue_share: revenue.pareto[$0],
                                profit_share: profitC.pareto[$0])
                        })))
        case .table:
            var lines = ["Data: \(store.path): \(p.ids.count) customers to \(windows.asOf)"]
            lines.append("Profit = revenue − cost of goods − discounts; " + ParetoReport.costNote(p))
            lines.append("")
            func share(_ c: Concentration) -> String {
                guard let k = c.customersMaking80, let s = c.shareMaking80 else { return "–" }
                return "\(Number.percent(s)) (\(k))"
            }
            func optional(_ x: Double?, digits: Int = 3) -> String {
                x.map { Number.readable($0, digits: digits) } ?? "–"
            }
            var table = TerminalTable(headers: ["", "Revenue", "Profit"], alignments: [.left, .right, .right])
            table.append(["Total", Number.readable(revenue.total), Number.readable(profitC.total)])
            table.append(["Gini", optional(revenue.gini), optional(profitC.gini)])
            table.append(["Customers making 80 %", share(revenue), share(profitC)])
            table.append([
                "Share of the top 20 %", revenue.top20Share.map(Number.percent) ?? "–",
                profitC.top20Share.map(Number.percent) ?? "–",
            ])
            lines.append(table.render())
            lines.append("")
            var curve = TerminalTable(
                headers: ["Top customers", "Revenue share", "Profit share"], alignments: [.right, .right, .right])
            for k in [1, 5, 10, 20, 30, 50, 80, 100] {
                curve.append(["\(k)%", Number.percent(revenue.pareto[k]), Number.percent(profitC.pareto[k])])
            }
            lines.append(curve.render())
            sink.line(lines.joined(separator: "\n"))
        }
    }

    /// `{"customers", "asOf", "revenue": {…}, "profit": {…}, "points": [{customer_share, revenue_share, profit_share}]}`.
    struct JSON: Encodable {
        struct Measure: Encodable {
            let total: Double
            let gini, share_making_80, top20_share: Double?
            let customers_making_80: Int?
            init(_ c: Concentration) {
                total = c.total
                gini = c.gini
                share_making_80 = c.shareMaking80
                top20_share = c.top20Share
                customers_making_80 = c.customersMaking80
            }
        }
        struct Point: Encodable {
            let customer_share, revenue_share, profit_share: Double
        }
        let customers: Int
        let asOf: String
        let revenue, profit: Measure
        let points: [Point]
    }
}

enum ParetoReport {
    static func costNote(_ p: Profitability) -> String {
        let coverage =
            p.costCoverage == 0
            ? "no cost column: cost of goods = revenue × (1 − margin \(Number.exact(p.margin)))"
            : "cost recorded on \(Number.percent(p.costCoverage)) of rows"
        return coverage + "; service and interaction costs are not in the data yet"
    }
}
