import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

extension ElasticityGroupBy: ExpressibleByArgument {}

/// `cvm elasticity`: revenue per unit of marketing spend, and a budget split.
struct Elasticity: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Value elasticity: revenue (or margin) per unit of marketing spend, per group and customer, and a "
            + "budget split.",
        discussion: """
            Elasticity = revenue in the window ÷ spend in the window (2 = each 1 spent returned 2). Groups are \
            RFM segments as of --as-of (--by rfm, --scheme) or the segment column of the marketing file \
            (--by marketing). A group's revenue is that of the customers its spend reached. Where a group has \
            spend and revenue in 2 or more months, the log-log slope d ln revenue / d ln spend across months is \
            shown as a second measure.

            Budget split: each group's spend ∝ current spend × elasticity, kept within ±--max-change of its \
            current spend, adding up to --budget (default: the current total); expected revenue assumes each \
            group keeps its ratio. Caveats are printed when spend data is thin: fewer than 30 customers reached, \
            spend in fewer than 3 months, or more than 80 % of spend in one campaign.

            CSV (--view groups): rank,group,name,customers,spend,revenue,elasticity,loglog_slope,loglog_months,\
            suggested_spend,change,expected_revenue. --view customers: rank,customer_id,group,spend,revenue,\
            elasticity. Caveats go to standard error with csv. See docs/credit-and-elasticity.md.
            """)

    enum View: String, ExpressibleByArgument { case groups, customers }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp(
            "Last day of the window, YYYY-MM-DD (default: the last transaction date).", valueName: "date"))
    var asOf: Day?

    @Option(help: "Calendar months in the window, ending with the month of --as-of.")
    var windowMonths = Defaults.standard.elasticityWindowMonths

    @Flag(help: "Margin (amount − cost) instead of revenue; needs transactions with a cost.")
    var margin = false

    @Option(help: "Groups: rfm (RFM segments) or marketing (the segment column of the marketing file).")
    var by: ElasticityGroupBy = .rfm

    @Option(help: "RFM rule table with --by rfm: grid or importance.")
    var scheme: SegmentScheme = .grid

    @Option(help: "Language of the table and of RFM segment names: en or zh.")
    var lang: Language = .en

    @Option(help: ArgumentHelp("Total budget to split (default: the current total spend).", valueName: "amount"))
    var budget: Double?

    @Option(
        help: ArgumentHelp(
            "Largest change of a group's spend in the split, as a share (0.5 = ±50 %).", valueName: "share"))
    var maxChange = Defaults.standard.elasticityMaxChange

    @Option(help: "csv: groups or customers (table and json show both).")
    var view: View = .groups

    @Option(help: "Customers shown in a table.")
    var limit = Defaults.standard.elasticityRowsShown

    func validate() throws {
        guard windowMonths >= 1 else { throw ValidationError("--window-months must be 1 or more") }
        guard maxChange >= 0 else { throw ValidationError("--max-change is a share of 0 or more, e.g. 0.5 for ±50 %") }
        if let budget, budget < 0 || !budget.isFinite {
            throw ValidationError("--budget must be an amount of 0 or more")
        }
    }

    func run() async throws {
        let workspace = try global.openWorkspaceForReading()
        let request = ElasticityRequest(
            asOf: asOf, windowMonths: windowMonths, budget: budget, maxChange: maxChange, margin: margin, groupBy: by,
            scheme: scheme, language: lang)
        let result = try await ValueAdvice.run { try await workspace.elasticity(request) }
        let sink = try output.sink()
        defer { sink.close() }
        switch output.format {
        case .table: sink.line(ElasticityView.table(result, limit: limit, lang: lang))
        case .csv:
            if view == .groups { result.writeCSV(sink.write) } else { result.customers.writeCSV(sink.write) }
            for c in result.elasticity.caveats {
                FileHandle.standardError.write(Data((Text.labelCaveat.labelling(c.message, in: lang) + "\n").utf8))
            }
        case .json: sink.line(try JSONDocument.text(result.document))
        }
    }
}

/// An elasticity as terminal tables.
enum ElasticityView {
    static func ratio(_ value: Double?) -> String { value.map { Number.readable($0, digits: 2) } ?? "–" }

    static func table(_ result: ElasticityResult, limit: Int, lang: Language) -> String {
        let r = result.elasticity
        let measure = (result.request.margin ? Text.measureMargin : Text.measureRevenue)(lang)
        let measureTitle = (result.request.margin ? Text.measureMarginTitle : Text.measureRevenueTitle)(lang)
        let groups =
            result.request.groupBy == .rfm
            ? Text.elasticityRFMGroups(lang, result.request.scheme.rawValue) : Text.elasticityMarketingGroups(lang)
        var lines = [
            Text.elasticityTitle(lang, measure, r.start, r.end, r.months.count, groups),
            Text.elasticityOverall(
                lang, Number.readable(r.totalSpend), measure, Number.readable(r.totalRevenue), ratio(r.elasticity)),
            "",
        ]
        var table = TerminalTable(
            headers: Text.elasticityHeaders.headers(lang, measureTitle, measure),
            alignments: [.right, .left, .right, .right, .right, .right, .right, .right, .right, .right])
        let allocation = result.allocationByGroup
        for (rank, g) in r.groups.enumerated() {
            let line = allocation[g.key]
            table.append([
                String(rank + 1), g.name, String(g.customers), Number.readable(g.spend), Number.readable(g.revenue),
                ratio(g.elasticity), g.slope.map { "\(Number.readable($0.value)) (\($0.periods))" } ?? "–",
                line.map { Number.readable($0.suggestedSpend) } ?? "–",
                line.map { ($0.change >= 0 ? "+" : "") + Number.percent($0.change) } ?? "–",
                line.map { Number.readable($0.expectedRevenue) } ?? "–",
            ])
        }
        lines.append(table.render())
        let a = r.allocation
        lines.append("")
        lines.append(
            Text.elasticityBudget(
                lang, Number.readable(a.budget), Number.percent(a.maxChange), Number.readable(a.suggestedTotal),
                measure, Number.readable(a.expectedRevenue), Number.readable(a.currentRevenue)))
        if !r.customers.isEmpty {
            var customers = TerminalTable(
                headers: Text.elasticityCustomerHeaders.headers(lang, measureTitle),
                alignments: [.right, .left, .left, .right, .right, .right])
            let names = Dictionary(r.groups.map { ($0.key, $0.name) }, uniquingKeysWith: { a, _ in a })
            for (rank, c) in r.customers.prefix(limit).enumerated() {
                customers.append([
                    String(rank + 1), c.id, names[c.group] ?? c.group, Number.readable(c.spend),
                    Number.readable(c.revenue), ratio(c.elasticity),
                ])
            }
            lines += [
                "",
                Text.elasticityCustomersTitle(lang, min(limit, r.customers.count), r.customers.count),
            ]
            lines.append(customers.render())
        }
        if !r.caveats.isEmpty {
            lines += ["", Text.elasticityCaveats(lang)] + r.caveats.map { "- " + $0.message }
        }
        lines += ["", Text.elasticityAverageReturn(lang, measure)]
        return lines.joined(separator: "\n")
    }
}
