import ArgumentParser
import CVMApp
import CVMStore
import CustomerValue
import Foundation

/// `cvm targets`: who to contact for a campaign, why, and the value at stake (SPEC A2).
struct Targets: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Target lists for care, win-back and upsell campaigns from an analysis run (SPEC A2).",
        discussion: """
            Rules (on the run's results; high = above the run's median):
              care     retain or maintain group (high current value) and P(alive) < \(Number.exact(TargetRules.careBelow)); \
            value at stake = CLV.
              winback  segment At Risk, Can't Lose Them or Hibernating, or P(alive) < \(Number.exact(TargetRules.winbackBelow)) \
            with high historical value; value at stake = CLV × (1 − P(alive)), or the historical value when CLV is 0.
              upsell   develop group or Potential Loyalist segment, and P(alive) ≥ \(Number.exact(TargetRules.upsellFrom)); \
            value at stake = potential − current value.
            A customer can be on several lists; --campaign all lists every (customer, campaign) pair. Rows are \
            sorted by value at stake, largest first.

            CSV: customer_id,campaign,reason,value_at_stake,segment,group,p_alive,clv,owner (owner from the \
            customers file, empty if unknown). JSON: {"run", "campaign", "rules", "targets": [{…the CSV columns…}]}.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("run"), help: ArgumentHelp("The analysis run (default: the latest).", valueName: "id"))
    var runID: Int64?
    @Option(help: "care, winback, upsell or all.") var campaign = "all"
    @Option(help: "At most this many rows (0 for all).") var limit = 0
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard campaign == "all" || TargetRules.Campaign(rawValue: campaign) != nil else {
            throw ValidationError("unknown campaign \"\(campaign)\"; choose care, winback, upsell or all")
        }
        guard limit >= 0 else { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        let store = try global.openStore()
        let analysis = try RunLookup.runOrLatest(runID, in: store)
        let (x, owners) = try store.analysisResults(analysis.id)
        let campaigns = campaign == "all" ? TargetRules.Campaign.allCases : [TargetRules.Campaign(rawValue: campaign)!]
        let all = try TargetRules.targets(x, campaigns: campaigns, run: analysis.id)
        let targets = limit > 0 ? Array(all.prefix(limit)) : all
        let sink = try output.sink()
        defer { sink.close() }
        func fields(_ t: TargetRules.Target) -> [String] {
            [
                x.ids[t.index], t.campaign.rawValue, t.reason, Number.exact(t.valueAtStake), x.segment[t.index],
                x.valueGroup?[t.index] ?? "", x.probabilityAlive.map { Number.exact($0[t.index]) } ?? "",
                x.clv.map { Number.exact($0[t.index]) } ?? "", owners[t.index] ?? "",
            ]
        }
        let header = [
            "customer_id", "campaign", "reason", "value_at_stake", "segment", "group", "p_alive", "clv", "owner",
        ]
        switch output.format {
        case .csv:
            sink.line(header.joined(separator: ","))
            for t in targets { sink.line(CSV.row(fields(t))) }
        case .json:
            struct Row: Encodable {
                let customer_id, campaign, reason: String
                let value_at_stake: Double
                let segment, group: String
                let p_alive, clv: Double?
                let owner: String?
            }
            struct Output: Encodable {
                let run: Int64
                let campaign: String
                let rules: [String: String]
                let targets: [Row]
            }
            let rows = targets.map { t in
                Row(
                    customer_id: x.ids[t.index], campaign: t.campaign.rawValue, reason: t.reason,
                    value_at_stake: t.valueAtStake, segment: x.segment[t.index], group: x.valueGroup?[t.index] ?? "",
                    p_alive: x.probabilityAlive?[t.index], clv: x.clv?[t.index], owner: owners[t.index])
            }
            sink.line(
                try jsonText(
                    Output(
                        run: analysis.id, campaign: campaign,
                        rules: Dictionary(
                            uniqueKeysWithValues: TargetRules.Campaign.allCases.map { ($0.rawValue, $0.rule) }),
                        targets: rows)))
        case .table:
            var counts: [TargetRules.Campaign: (Int, Double)] = [:]
            for t in all {
                let c = counts[t.campaign] ?? (0, 0)
                counts[t.campaign] = (c.0 + 1, c.1 + t.valueAtStake)
            }
            sink.line("Targets from run \(analysis.id) (as of \(analysis.asOf)), all that qualify:")
            for c in campaigns {
                let (n, value) = counts[c] ?? (0, 0)
                sink.line("  \(c.rawValue): \(n) customers, value at stake \(Number.readable(value)) — \(c.rule)")
            }
            var table = TerminalTable(
                headers: header, alignments: [.left, .left, .left, .right, .left, .left, .right, .right, .left])
            for t in targets.prefix(limit > 0 ? limit : 20) {
                var row = fields(t)
                row[3] = Number.readable(t.valueAtStake)
                if let p = Double(row[6]) { row[6] = Number.readable(p, digits: 3) }
                if let v = Double(row[7]) { row[7] = Number.readable(v) }
                table.append(row)
            }
            sink.line("")
            sink.line(table.render())
            if limit == 0, targets.count > 20 {
                sink.line("… \(targets.count - 20) more (use --format csv or json for all rows)")
            }
        }
        if let path = sink.path {
            FileHandle.standardError.write(Data("Wrote \(targets.count) targets to \(path)\n".utf8))
        }
    }
}

/// The campaign rules of `cvm targets`: simple, fixed, and each target says why it is on the list.
enum TargetRules {
    static let careBelow = 0.7
    static let winbackBelow = 0.5
    static let upsellFrom = 0.7

    enum Campaign: String, CaseIterable {
        case care, winback, upsell

        var rule: String {
            switch self {
            case .care:
                "retain or maintain group and P(alive) < \(Number.exact(careBelow)); value at stake = CLV"
            case .winback:
                "At Risk, Can't Lose Them or Hibernating, or P(alive) < \(Number.exact(winbackBelow)) with historical value above the median; value at stake = CLV × (1 − P(alive)), or historical value when CLV is 0"
            case .upsell:
                "develop group or Potential Loyalist, and P(alive) ≥ \(Number.exact(upsellFrom)); value at stake = potential − current value"
            }
        }
    }

    struct Target {
        var index: Int
        var campaign: Campaign
        var reason: String
        var valueAtStake: Double
    }

    /// The targets of `campaigns`, sorted by value at stake (largest first; ties in customer order).
    static func targets(_ x: AnalysisResults, campaigns: [Campaign], run: Int64) throws -> [Target] {
        guard let alive = x.probabilityAlive else {
            throw ValidationFailure(
                "run \(run) has no P(alive): its model step was skipped, so no target list can be made")
        }
        let clv = x.clv ?? [Double](repeating: 0, count: x.count)
        let needsValues = campaigns.contains(.care) || campaigns.contains(.upsell) || campaigns.contains(.winback)
        guard let groups = x.valueGroup, let historical = x.historicalValue, let current = x.currentValue,
            let potential = x.potentialValue, needsValues
        else {
            throw ValidationFailure("run \(run) has no value matrix groups: its value step was skipped")
        }
        let sorted = historical.sorted()
        let historicalMedian = sorted.isEmpty ? 0 : (sorted[(sorted.count - 1) / 2] + sorted[sorted.count / 2]) / 2
        func p(_ i: Int) -> String { Number.readable(alive[i], digits: 3) }
        func segmentName(_ i: Int) -> String { RFMSegment(rawValue: x.segment[i])?.name(in: .en) ?? x.segment[i] }
        var out: [Target] = []
        for i in 0..<x.count {
            for campaign in campaigns {
                switch campaign {
                case .care:
                    guard groups[i] == "retain" || groups[i] == "maintain", alive[i] < careBelow else { continue }
                    out.append(
                        Target(
                            index: i, campaign: .care,
                            reason:
                                "\(groups[i]) group (high current value), P(alive) \(p(i)) < \(Number.exact(careBelow))",
                            valueAtStake: clv[i]))
                case .winback:
                    let lapsedSegment = ["at_risk", "cant_lose", "hibernating"].contains(x.segment[i])
                    let fading = alive[i] < winbackBelow && historical[i] > historicalMedian
                    guard lapsedSegment || fading else { continue }
                    let reason =
                        lapsedSegment
                        ? "\(segmentName(i)) segment, P(alive) \(p(i))"
                        : "P(alive) \(p(i)) < \(Number.exact(winbackBelow)), historical value \(Number.readable(historical[i])) above the median \(Number.readable(historicalMedian))"
                    out.append(
                        Target(
                            index: i, campaign: .winback, reason: reason,
                            valueAtStake: clv[i] > 0 ? clv[i] * (1 - alive[i]) : historical[i]))
                case .upsell:
                    let develop = groups[i] == "develop"
                    guard develop || x.segment[i] == "potential_loyalist", alive[i] >= upsellFrom else { continue }
                    out.append(
                        Target(
                            index: i, campaign: .upsell,
                            reason:
                                "\(develop ? "develop group (low current, high potential value)" : "Potential Loyalist segment"), P(alive) \(p(i)) ≥ \(Number.exact(upsellFrom))",
                            valueAtStake: potential[i] - current[i]))
                }
            }
        }
        out.sort { $0.valueAtStake != $1.valueAtStake ? $0.valueAtStake > $1.valueAtStake : $0.index < $1.index }
        return out
    }
}
