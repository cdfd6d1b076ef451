import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

/// `cvm targets`: who to contact for a campaign, why, and the value at stake.
struct Targets: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Target lists for care, win-back and upsell campaigns from an analysis run.",
        discussion: """
            Rules (on the run's results; high = above the run's median):
              care     retain or maintain group (high current value) and P(alive) < \(Number.exact(TargetRules.careBelow)); \
            value at stake = CLV.
              winback  segment At Risk, Can't Lose Them or Hibernating, or P(alive) < \(Number.exact(TargetRules.winbackBelow)) \
            with high historical value; value at stake = CLV × (1 − P(alive)), or the historical value when CLV is 0.
              upsell   develop group or Potential Loyalist segment, P(alive) ≥ \(Number.exact(TargetRules.upsellFrom)) \
            and potential above current value; value at stake = potential − current value.
            P(alive) here is MBG/NBD's, fitted to the run's summary: unlike the run's BG/NBD, it lets a \
            customer drop out right after the first purchase, so a one-time buyer of long ago is not taken \
            as alive. A customer can be on several lists; --campaign all lists every (customer, campaign) \
            pair. Rows are sorted by value at stake, largest first.

            CSV: customer_id,campaign,reason,value_at_stake,segment,group,p_alive,clv,owner (owner from the \
            customers file, empty if unknown). JSON: {"run", "campaign", "p_alive_model", "rules": \
            [{campaign, rule}], "targets": [{…the CSV columns…}]}.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("run"), help: ArgumentHelp("The analysis run (default: the latest).", valueName: "id"))
    var runID: Int64?
    @Option(help: "care, winback, upsell or all.") var campaign = "all"
    @Option(help: "At most this many rows (0 for all).") var limit = 0
    @OptionGroup var output: OutputOptions
    @Option(help: "Language of the reasons, rules and table: en or zh.") var lang: Language = .en

    func validate() throws {
        guard campaign == "all" || Campaign(rawValue: campaign) != nil else {
            throw ValidationError("unknown campaign \"\(campaign)\"; choose care, winback, upsell or all")
        }
        guard limit >= 0 else { throw ValidationError("--limit must be 0 or more") }
    }

    func run() async throws {
        let campaigns = Campaign(rawValue: campaign).map { [$0] } ?? Campaign.allCases
        let result = try await withRunAdvice(in: lang) {
            try await global.openWorkspaceForReading().targets(
                TargetsRequest(run: runID, campaigns: campaigns, limit: limit, language: lang))
        }
        let sink = try output.sink()
        defer { sink.close() }
        switch output.format {
        case .csv:
            result.writeCSV(sink.write)
        case .json:
            sink.line(try JSONDocument.text(result.document))
        case .table:
            sink.line(Text.targetsHeading(lang, result.run.id, result.run.asOf))
            for (c, n, value) in result.totals {
                sink.line(Text.targetsTotal(lang, c.rawValue, n, Number.readable(value), TargetRules.rule(c, in: lang)))
            }
            sink.line(Text.targetsAliveLine(lang, result.aliveSource))
            let shown = Defaults.standard.rowsShown
            var table = TerminalTable(
                headers: result.columns, alignments: [.left, .left, .left, .right, .left, .left, .right, .right, .left])
            for k in 0..<min(result.targets.count, limit > 0 ? limit : shown) {
                var row = result.fields(k)
                row[3] = Number.readable(result.targets[k].valueAtStake)
                if let p = Double(row[6]) { row[6] = Number.readable(p, digits: 3) }
                if let v = Double(row[7]) { row[7] = Number.readable(v) }
                table.append(row)
            }
            sink.line("")
            sink.line(table.render())
            if limit == 0, result.targets.count > shown {
                sink.line(TerminalTable.moreRows(result.targets.count - shown, lang: lang))
            }
        }
        if let path = sink.path {
            FileHandle.standardError.write(Data((Text.wroteTargets(lang, result.targets.count, path) + "\n").utf8))
        }
    }
}
