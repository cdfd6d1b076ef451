import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

struct Tiers: AsyncParsableCommand {
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
    var tiers =
        "\(Number.exact(Defaults.standard.tierShares.high)),\(Number.exact(Defaults.standard.tierShares.medium))"
    @Option(help: "Length of the key-account list.") var keyAccounts = Defaults.standard.keyAccounts
    @Option(help: "Rank key accounts by profit or revenue.") var keyBy = Defaults.standard.keyAccountsBy
    @Option(help: "Language of the table: en or zh.") var lang: Language = .en
    @Option(help: "Rows of the large-but-unprofitable list in a table.") var limit = Defaults.standard.rowsShown

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

    func run() async throws {
        let workspace = try global.openWorkspaceForReading()
        let request = TiersRequest(
            asOf: profit.asOf, margin: profit.margin, shares: try tierShares(), keyAccounts: keyAccounts,
            keyAccountsBy: keyBy)
        let result = try await ValueAdvice.run { try await workspace.tiers(request) }
        let sink = try output.sink()
        defer { sink.close() }
        switch output.format {
        case .csv:
            result.writeCSV(sink.write)
            ProfitView.noteOnStandardError(result.profitability, lang: lang)
        case .json: sink.line(try JSONDocument.text(result.document))
        case .table: sink.line(TiersView.table(result, lang: lang, limit: limit))
        }
    }
}

/// Profit tiers as terminal tables.
enum TiersView {
    static func table(_ result: TiersResult, lang: Language, limit: Int) -> String {
        let p = result.profitability
        var lines = ProfitView.heading(p, database: result.database, asOf: result.asOf, lang: lang)
        lines.append("")
        var summary = TerminalTable(
            headers: Text.tiersHeaders.headers(lang),
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
                headers: Text.tiersCustomerHeaders.headers(lang),
                alignments: [.left, .right, .right, .right, .right, .left])
            for i in indices {
                t.append([
                    p.ids[i], Number.readable(p.revenue[i]), Number.readable(p.costOfGoods[i]),
                    Number.readable(p.discounts[i]), Number.readable(p.profit[i]), p.tiers[i].name(in: lang),
                ])
            }
            return t.render()
        }
        lines.append("")
        lines.append(
            Text.tiersKeyAccounts(
                lang, p.keyAccounts.count,
                (p.keyAccountMeasure == .profit ? Text.measureProfit : Text.measureRevenue)(lang)))
        lines.append(customers(p.keyAccounts))
        lines.append("")
        lines.append(
            Text.tiersLargeUnprofitable(lang, Number.percent(p.shares.high), p.largeButUnprofitable.count))
        if !p.largeButUnprofitable.isEmpty { lines.append(customers(Array(p.largeButUnprofitable.prefix(limit)))) }
        return lines.joined(separator: "\n")
    }
}
