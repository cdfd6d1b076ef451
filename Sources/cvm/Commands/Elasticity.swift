import ArgumentParser
import CVMApp
import CVMStore
import CustomerValue
import Foundation

/// `cvm elasticity`: revenue per unit of marketing spend, and a budget split (SPEC V6).
struct Elasticity: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Value elasticity: revenue (or margin) per unit of marketing spend, per group and customer, and a budget split.",
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

    enum GroupBy: String, ExpressibleByArgument { case rfm, marketing }
    enum View: String, ExpressibleByArgument { case groups, customers }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp(
            "Last day of the window, YYYY-MM-DD (default: the last transaction date).", valueName: "date"))
    var asOf: Day?

    @Option(help: "Calendar months in the window, ending with the month of --as-of.")
    var windowMonths = 12

    @Flag(help: "Margin (amount − cost) instead of revenue; needs transactions with a cost.")
    var margin = false

    @Option(help: "Groups: rfm (RFM segments) or marketing (the segment column of the marketing file).")
    var by: GroupBy = .rfm

    @Option(help: "RFM rule table with --by rfm: grid or importance.")
    var scheme: SegmentScheme = .grid

    @Option(help: "Language of RFM segment names: en or zh.")
    var lang: Language = .en

    @Option(help: ArgumentHelp("Total budget to split (default: the current total spend).", valueName: "amount"))
    var budget: Double?

    @Option(
        help: ArgumentHelp(
            "Largest change of a group's spend in the split, as a share (0.5 = ±50 %).", valueName: "share"))
    var maxChange = 0.5

    @Option(help: "csv: groups or customers (table and json show both).")
    var view: View = .groups

    @Option(help: "Customers shown in a table.")
    var limit = 10

    func validate() throws {
        guard windowMonths >= 1 else { throw ValidationError("--window-months must be 1 or more") }
        guard maxChange >= 0 else { throw ValidationError("--max-change is a share of 0 or more, e.g. 0.5 for ±50 %") }
        if let budget, budget < 0 || !budget.isFinite {
            throw ValidationError("--budget must be an amount of 0 or more")
        }
    }

    func run() throws {
        let store = try global.openStore()
        let result = try Self.compute(
            store: store, asOf: asOf, windowMonths: windowMonths, budget: budget, maxChange: maxChange, margin: margin,
            by: by, scheme: scheme, lang: lang)
        let measure = margin ? "margin" : "revenue"
        let sink = try output.sink()
        defer { sink.close() }
        switch output.format {
        case .table:
            sink.line(ElasticityReport.table(result, measure: measure, by: by, scheme: scheme, limit: limit))
        case .csv:
            if view == .groups {
                ElasticityReport.writeGroupsCSV(result, to: sink)
            } else {
                ElasticityReport.writeCustomersCSV(result, to: sink)
            }
            for caveat in result.caveats { FileHandle.standardError.write(Data("Caveat: \(caveat.message)\n".utf8)) }
        case .json:
            sink.line(try jsonText(ElasticityReport.JSON(result, measure: measure, by: by)))
        }
    }

    /// Elasticity of the groups over the window ending at `asOf` (default: the last transaction
    /// day); shared by this command and the report.
    static func compute(
        store: Store, asOf: Day?, windowMonths: Int, budget: Double?, maxChange: Double, margin: Bool, by: GroupBy,
        scheme: SegmentScheme, lang: Language
    ) throws -> ValueElasticity {
        guard let days = try store.transactionDayRange() else {
            throw ValidationFailure("the database has no transactions yet: run `cvm import transactions FILE` first")
        }
        let options = ElasticityOptions(
            asOf: asOf ?? days.upperBound, windowMonths: windowMonths, budget: budget, maxChange: maxChange)
        let firstMonth = CalendarMonth(options.asOf).adding(1 - windowMonths)
        let start = firstMonth.firstDay
        let spend = try store.marketingSpend(from: start, through: options.asOf)
        guard spend.contains(where: { $0.amount > 0 }) else {
            var message = "no marketing spend between \(start) and \(options.asOf)"
            if let stored = try store.marketingDayRange() {
                message +=
                    ": the stored spend runs from \(stored.lowerBound) to \(stored.upperBound); "
                    + "choose --as-of and --window-months to cover it"
            } else {
                message += ": run `cvm import marketing FILE` first"
            }
            throw ValidationFailure(message)
        }
        let revenue = try store.monthlyRevenue(from: start, through: options.asOf, margin: margin)
        let grouping: ElasticityGrouping
        switch by {
        case .marketing:
            grouping = .marketingSegment
        case .rfm:
            let summary = try store.summary(SummaryOptions(asOf: options.asOf))
            let segmentation = Segmentation(scores: RFMScores(summary: summary), scheme: scheme)
            var groupOf: [String: String] = [:]
            for (id, key) in zip(summary.ids, segmentation.keys) { groupOf[id] = key }
            var names: [String: String] = [:]
            var aliases: [String: String] = [:]
            for group in segmentation.groups {
                names[group.key] = group.name(in: lang)
                for alias in [group.key, group.name(in: .en), group.name(in: .zh)] {
                    aliases[alias.lowercased()] = group.key
                }
            }
            grouping = .assigned(groupOf: groupOf, names: names, aliases: aliases)
        }
        return ValueElasticity(spend: spend, revenue: revenue, grouping: grouping, options: options)
    }
}

enum ElasticityReport {
    static func ratio(_ value: Double?) -> String { value.map { Number.readable($0, digits: 2) } ?? "–" }

    static func table(
        _ r: ValueElasticity, measure: String, by: Elasticity.GroupBy, scheme: SegmentScheme, limit: Int
    ) -> String {
        let groups = by == .rfm ? "RFM segments (\(scheme.rawValue))" : "segments of the marketing file"
        var lines = [
            "Value elasticity: \(measure) per unit of marketing spend, \(r.start) to \(r.end) (\(r.months.count) months), "
                + "by \(groups)",
            "Overall: spend \(Number.readable(r.totalSpend)), \(measure) of reached customers "
                + "\(Number.readable(r.totalRevenue)), elasticity \(ratio(r.elasticity))",
            "",
        ]
        var table = TerminalTable(
            headers: [
                "Rank", "Group", "Customers", "Spend", measure.capitalized, "Elasticity", "Log-log slope (months)",
                "Suggested spend", "Change", "Expected \(measure)",
            ],
            alignments: [.right, .left, .right, .right, .right, .right, .right, .right, .right, .right])
        let lines_ = Dictionary(uniqueKeysWithValues: r.allocation.lines.map { ($0.key, $0) })
        for (rank, g) in r.groups.enumerated() {
            let line = lines_[g.key]
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
            "Budget \(Number.readable(a.budget)) split with each group within ±\(Number.percent(a.maxChange)) of its "
                + "current spend: suggested total \(Number.readable(a.suggestedTotal)); expected \(measure) "
                + "\(Number.readable(a.expectedRevenue)) (now \(Number.readable(a.currentRevenue))) if each group keeps "
                + "its ratio.")
        if !r.customers.isEmpty {
            var customers = TerminalTable(
                headers: ["Rank", "customer_id", "Group", "Spend", measure.capitalized, "Elasticity"],
                alignments: [.right, .left, .left, .right, .right, .right])
            let names = Dictionary(uniqueKeysWithValues: r.groups.map { ($0.key, $0.name) })
            for (rank, c) in r.customers.prefix(limit).enumerated() {
                customers.append([
                    String(rank + 1), c.id, names[c.group] ?? c.group, Number.readable(c.spend),
                    Number.readable(c.revenue), ratio(c.elasticity),
                ])
            }
            lines += ["", "Customers by elasticity (\(min(limit, r.customers.count)) of \(r.customers.count)):"]
            lines.append(customers.render())
        }
        if !r.caveats.isEmpty {
            lines += ["", "Caveats:"] + r.caveats.map { "- " + $0.message }
        }
        lines += [
            "",
            "Elasticity is an average return: it credits all \(measure) of the reached customers to the spend, and "
                + "cannot tell what they would have bought anyway.",
        ]
        return lines.joined(separator: "\n")
    }

    static func writeGroupsCSV(_ r: ValueElasticity, to sink: TextSink) {
        sink.line(
            "rank,group,name,customers,spend,revenue,elasticity,loglog_slope,loglog_months,suggested_spend,change,"
                + "expected_revenue")
        let lines = Dictionary(uniqueKeysWithValues: r.allocation.lines.map { ($0.key, $0) })
        for (rank, g) in r.groups.enumerated() {
            let line = lines[g.key]
            sink.line(
                CSV.row([
                    String(rank + 1), g.key, g.name, String(g.customers), Number.exact(g.spend),
                    Number.exact(g.revenue),
                    g.elasticity.map(Number.exact) ?? "", g.slope.map { Number.exact($0.value) } ?? "",
                    g.slope.map { String($0.periods) } ?? "", line.map { Number.exact($0.suggestedSpend) } ?? "",
                    line.map { Number.exact($0.change) } ?? "", line.map { Number.exact($0.expectedRevenue) } ?? "",
                ]))
        }
    }

    static func writeCustomersCSV(_ r: ValueElasticity, to sink: TextSink) {
        sink.line("rank,customer_id,group,spend,revenue,elasticity")
        for (rank, c) in r.customers.enumerated() {
            sink.line(
                CSV.row([
                    String(rank + 1), c.id, c.group, Number.exact(c.spend), Number.exact(c.revenue),
                    c.elasticity.map(Number.exact) ?? "",
                ]))
        }
    }

    /// `{as_of, window_start, window_months, measure, grouping, total_spend, total_revenue, elasticity,
    /// groups: […], customers: […], budget: {…}, caveats: [{code, message}]}`.
    struct JSON: Encodable {
        struct Group: Encodable {
            let rank: Int
            let group, name: String
            let customers: Int
            let spend, revenue: Double
            let elasticity, loglog_slope: Double?
            let loglog_months: Int?
            let suggested_spend, change, expected_revenue: Double?
            let monthly_spend, monthly_revenue: [Double]
        }

        struct Customer: Encodable {
            let rank: Int
            let customer_id, group: String
            let spend, revenue: Double
            let elasticity: Double?
        }

        struct Budget: Encodable {
            let budget, max_change, current_total, suggested_total, current_revenue, expected_revenue: Double
            let reached: Bool
        }

        struct Caveat: Encodable {
            let code, message: String
        }

        let as_of, window_start, measure, grouping: String
        let window_months: Int
        let months: [String]
        let total_spend, total_revenue: Double
        let elasticity: Double?
        let groups: [Group]
        let customers: [Customer]
        let budget: Budget
        let caveats: [Caveat]

        init(_ r: ValueElasticity, measure: String, by: Elasticity.GroupBy) {
            as_of = r.end.description
            window_start = r.start.description
            self.measure = measure
            grouping = by.rawValue
            window_months = r.months.count
            months = r.months.map(\.description)
            total_spend = r.totalSpend
            total_revenue = r.totalRevenue
            elasticity = r.elasticity
            let lines = Dictionary(uniqueKeysWithValues: r.allocation.lines.map { ($0.key, $0) })
            groups = r.groups.enumerated().map { rank, g in
                let line = lines[g.key]
                return Group(
                    rank: rank + 1, group: g.key, name: g.name, customers: g.customers, spend: g.spend,
                    revenue: g.revenue,
                    elasticity: g.elasticity, loglog_slope: g.slope?.value, loglog_months: g.slope?.periods,
                    suggested_spend: line?.suggestedSpend, change: line?.change,
                    expected_revenue: line?.expectedRevenue,
                    monthly_spend: g.monthlySpend, monthly_revenue: g.monthlyRevenue)
            }
            customers = r.customers.enumerated().map { rank, c in
                Customer(
                    rank: rank + 1, customer_id: c.id, group: c.group, spend: c.spend, revenue: c.revenue,
                    elasticity: c.elasticity)
            }
            let a = r.allocation
            budget = Budget(
                budget: a.budget, max_change: a.maxChange, current_total: a.currentTotal,
                suggested_total: a.suggestedTotal,
                current_revenue: a.currentRevenue, expected_revenue: a.expectedRevenue, reached: a.isBudgetReached)
            caveats = r.caveats.map { Caveat(code: $0.code.rawValue, message: $0.message) }
        }
    }
}
