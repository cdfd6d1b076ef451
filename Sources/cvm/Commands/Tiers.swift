import ArgumentParser
import CVMApp
import CVMStore
import CustomerValue
import Foundation

struct Tiers: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Customer profitability: value tiers (高/中/低价值客户), key accounts (大客户), large but unprofitable customers.",
        discussion: """
            Profit per customer = revenue − cost of goods (the cost column, else revenue × (1 − --margin)) \
            − discounts (cost to serve; service and interaction costs are not in the data yet), over all \
            transactions to --as-of. Tiers by profit: the top --tiers shares (default 0.2,0.3: top 20 % \
            high, next 30 % medium, the rest low). Large but unprofitable: in the top revenue share of \
            --tiers but in the low profit tier or losing money.

            CSV: customer_id,revenue,cost_of_goods,discounts,profit,tier,key_account,large_unprofitable \
            (tier: high|medium|low; flags 1/0). JSON: settings, tiers, key_accounts, large_unprofitable, customers.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var profit: ProfitArguments
    @OptionGroup var output: OutputOptions

    @Option(
        help: ArgumentHelp("Shares of customers in the high and medium tiers, e.g. 0.2,0.3.", valueName: "high,medium"))
    var tiers = "0.2,0.3"
    @Option(help: "Length of the key-account list.") var keyAccounts = 20
    @Option(help: "Rank key accounts by profit or revenue.") var keyBy: KeyAccountMeasure = .profit
    @Option(help: "Language of tier names in a table: en or zh.") var lang: Language = .en
    @Option(help: "Rows of the large-but-unprofitable list in a table.") var limit = 20

    func validate() throws {
        let shares = try tierShares()
        do { try shares.validate() } catch let error as ValueError { throw ValidationError(error.message) }
        guard keyAccounts >= 0 else { throw ValidationError("--key-accounts must be 0 or more") }
    }

    func tierShares() throws -> TierShares {
        let parts = tiers.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let high = parts[0], let medium = parts[1] else {
            throw ValidationError("--tiers takes two shares, high and medium, e.g. 0.2,0.3 (got \"\(tiers)\")")
        }
        return TierShares(high: high, medium: medium)
    }

    func run() throws {
        let store = try global.openStore()
        let windows = try store.valueWindows(asOf: profit.asOf, currentWindowDays: ValueWindows.days(inMonths: 12))
        let p = try Profitability(
            windows: windows, margin: profit.margin, shares: try tierShares(), keyAccounts: keyAccounts,
            keyAccountsBy: keyBy)
        let key = Set(p.keyAccounts)
        let unprofitable = Set(p.largeButUnprofitable)
        let sink = try output.sink()
        defer { sink.close() }
        switch output.format {
        case .csv:
            sink.line("customer_id,revenue,cost_of_goods,discounts,profit,tier,key_account,large_unprofitable")
            for i in p.ids.indices {
                sink.line(
                    CSV.row([
                        p.ids[i], Number.exact(p.revenue[i]), Number.exact(p.costOfGoods[i]),
                        Number.exact(p.discounts[i]),
                        Number.exact(p.profit[i]), p.tiers[i].rawValue, key.contains(i) ? "1" : "0",
                        unprofitable.contains(i) ? "1" : "0",
                    ]))
            }
        case .json:
            sink.line(try jsonText(JSON(p: p, asOf: windows.asOf.description)))
        case .table:
            sink.line(table(p, source: "\(store.path): \(p.ids.count) customers to \(windows.asOf)"))
        }
    }

    func table(_ p: Profitability, source: String) -> String {
        let zh = lang == .zh
        var lines = [
            "Data: \(source)", "Profit = revenue − cost of goods − discounts; " + ParetoReport.costNote(p), "",
        ]
        var summary = TerminalTable(
            headers: zh
                ? ["价值层级", "客户数", "收入", "收入占比", "利润", "利润占比"]
                : ["Tier", "Customers", "Revenue", "Revenue share", "Profit", "Profit share"],
            alignments: [.left, .right, .right, .right, .right, .right])
        for s in p.tierSummaries {
            summary.append([
                s.tier.name(in: lang), String(s.customers), Number.readable(s.revenue),
                Number.percent(s.revenueShare), Number.readable(s.profit), Number.percent(s.profitShare),
            ])
        }
        lines.append(summary.render())
        func customers(_ indices: [Int]) -> String {
            var t = TerminalTable(
                headers: ["customer_id", "revenue", "cost_of_goods", "discounts", "profit", "tier"],
                alignments: [.left, .right, .right, .right, .right, .left])
            for i in indices {
                t.append([
                    p.ids[i], Number.readable(p.revenue[i]), Number.readable(p.costOfGoods[i]),
                    Number.readable(p.discounts[i]),
                    Number.readable(p.profit[i]), p.tiers[i].name(in: lang),
                ])
            }
            return t.render()
        }
        lines.append("")
        lines.append(
            (zh
                ? "大客户（按\(p.keyAccountMeasure == .profit ? "利润" : "收入")前 \(p.keyAccounts.count) 名）："
                : "Key accounts (top \(p.keyAccounts.count) by \(p.keyAccountMeasure.rawValue)):"))
        lines.append(customers(p.keyAccounts))
        lines.append("")
        let title =
            zh
            ? "收入大但不盈利的客户（收入前 \(Number.percent(p.shares.high))，利润处于低层级或为负）：\(p.largeButUnprofitable.count) 位"
            : "Large but unprofitable (top \(Number.percent(p.shares.high)) by revenue, low profit tier or a loss): \(p.largeButUnprofitable.count)"
        lines.append(title)
        if !p.largeButUnprofitable.isEmpty { lines.append(customers(Array(p.largeButUnprofitable.prefix(limit)))) }
        return lines.joined(separator: "\n")
    }

    /// `{"settings", "tiers": [...], "key_accounts": [ids], "large_unprofitable": [ids], "customers": [...]}`.
    struct JSON: Encodable {
        let p: Profitability
        let asOf: String

        struct Settings: Encodable {
            let asOf: String
            let margin, high_share, medium_share, cost_coverage: Double
            let key_accounts_by: String
        }
        struct Tier: Encodable {
            let tier, name, name_zh: String
            let customers: Int
            let revenue, revenue_share, profit, profit_share: Double
        }
        struct Customer: Encodable {
            let customer_id: String
            let revenue, cost_of_goods, discounts, profit: Double
            let tier: String
        }
        enum Keys: String, CodingKey { case settings, tiers, key_accounts, large_unprofitable, customers }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(
                Settings(
                    asOf: asOf, margin: p.margin, high_share: p.shares.high, medium_share: p.shares.medium,
                    cost_coverage: p.costCoverage, key_accounts_by: p.keyAccountMeasure.rawValue), forKey: .settings)
            try c.encode(
                p.tierSummaries.map {
                    Tier(
                        tier: $0.tier.rawValue, name: $0.tier.name(in: .en), name_zh: $0.tier.name(in: .zh),
                        customers: $0.customers,
                        revenue: $0.revenue, revenue_share: $0.revenueShare, profit: $0.profit,
                        profit_share: $0.profitShare)
                }, forKey: .tiers)
            try c.encode(p.keyAccounts.map { p.ids[$0] }, forKey: .key_accounts)
            try c.encode(p.largeButUnprofitable.map { p.ids[$0] }, forKey: .large_unprofitable)
            try c.encode(
                p.ids.indices.map {
                    Customer(
                        customer_id: p.ids[$0], revenue: p.revenue[$0], cost_of_goods: p.costOfGoods[$0],
                        discounts: p.discounts[$0], profit: p.profit[$0], tier: p.tiers[$0].rawValue)
                }, forKey: .customers)
        }
    }
}
