import CVMStore
import CustomerValue
import Foundation

/// A campaign a target list is made for.
public enum Campaign: String, CaseIterable, Codable, Sendable {
    case care, winback, upsell
}

/// The campaign rules of the target lists: simple, fixed, and each target says why it is on the list.
///
/// The rules read P(alive) from a model that lets a customer drop out right after the first
/// purchase (MBG/NBD, Batislam, Denizel & Filiztekin 2007). BG/NBD (Fader, Hardie & Lee 2005) only
/// lets a customer drop out after a repeat purchase, so it gives P(alive) = 1 to every one-time
/// buyer however long ago they bought; a list made from it would call a customer who bought once
/// eighteen months ago "alive".
public enum TargetRules {
    /// Care: a high-current-value customer whose P(alive) is below this.
    public static let careBelow = 0.7
    /// Win-back: P(alive) below this with historical value above the median.
    public static let winbackBelow = 0.5
    /// Upsell: P(alive) at least this.
    public static let upsellFrom = 0.7

    /// The rule of `campaign`, as a person reads it.
    public static func rule(_ campaign: Campaign, in language: Language = .en) -> String {
        switch campaign {
        case .care: Text.targetsRuleCare(language, Number.exact(careBelow))
        case .winback: Text.targetsRuleWinback(language, Number.exact(winbackBelow))
        case .upsell: Text.targetsRuleUpsell(language, Number.exact(upsellFrom))
        }
    }

    /// Why a customer is on a list: the rule that matched and the figures it read.
    public enum Reason: Equatable, Sendable {
        /// Care: a retain or maintain customer whose P(alive) is under `careBelow`.
        case fadingHighValue(ValueGroup, alive: Double)
        /// Win-back: a lapsed RFM segment.
        case lapsedSegment(RFMSegment, alive: Double?)
        /// Win-back: P(alive) under `winbackBelow` with historical value above the median.
        case fadingHistoricalValue(alive: Double, historical: Double, median: Double)
        /// Upsell: the develop group, or the Potential Loyalist segment, still likely alive.
        case develop(alive: Double)
        case potentialLoyalist(alive: Double)

        /// The reason as a sentence in `language`.
        public func text(in language: Language) -> String {
            func p(_ value: Double?) -> String {
                value.map { Number.readable($0, digits: 3) } ?? Text.targetsUnknownAlive(language)
            }
            switch self {
            case .fadingHighValue(let group, let alive):
                return Text.targetsReasonCare(language, group.name(in: language), p(alive), Number.exact(careBelow))
            case .lapsedSegment(let segment, let alive):
                return Text.targetsReasonLapsed(language, segment.name(in: language), p(alive))
            case .fadingHistoricalValue(let alive, let historical, let median):
                return Text.targetsReasonFading(
                    language, p(alive), Number.exact(winbackBelow), Number.readable(historical),
                    Number.readable(median))
            case .develop(let alive):
                return Text.targetsReasonDevelop(language, p(alive), Number.exact(upsellFrom))
            case .potentialLoyalist(let alive):
                return Text.targetsReasonLoyalist(language, p(alive), Number.exact(upsellFrom))
            }
        }
    }

    /// One customer on one list.
    public struct Target: Sendable, Equatable {
        /// The customer's row in the run's results.
        public var index: Int
        public var campaign: Campaign
        public var reason: Reason
        public var valueAtStake: Double
    }

    /// The targets of `campaigns`, sorted by value at stake (largest first; ties in customer order).
    ///
    /// - Parameters:
    ///   - alive: the P(alive) the rules use, per customer of `x`; nil where no model gives one
    ///     (such a customer meets no P(alive) condition, and a lapsed segment still lists it).
    ///   - groups: the value matrix group of each customer.
    public static func targets(
        segments: [RFMSegment?], groups: [ValueGroup], alive: [Double?], clv: [Double], historical: [Double],
        current: [Double], potential: [Double], campaigns: [Campaign]
    ) -> [Target] {
        let n = segments.count
        let sorted = historical.sorted()
        // The median of the historical values: the mean of the two middle values when n is even.
        let historicalMedian = sorted.isEmpty ? 0 : (sorted[(sorted.count - 1) / 2] + sorted[sorted.count / 2]) / 2
        var out: [Target] = []
        for i in 0..<n {
            for campaign in campaigns {
                switch campaign {
                case .care:
                    guard groups[i] == .retain || groups[i] == .maintain, let a = alive[i], a < careBelow else {
                        continue
                    }
                    out.append(
                        Target(
                            index: i, campaign: .care, reason: .fadingHighValue(groups[i], alive: a),
                            valueAtStake: clv[i]))
                case .winback:
                    let lapsed: Set<RFMSegment> = [.atRisk, .cantLose, .hibernating]
                    let reason: Reason
                    if let segment = segments[i], lapsed.contains(segment) {
                        reason = .lapsedSegment(segment, alive: alive[i])
                    } else if let a = alive[i], a < winbackBelow, historical[i] > historicalMedian {
                        reason = .fadingHistoricalValue(alive: a, historical: historical[i], median: historicalMedian)
                    } else {
                        continue
                    }
                    // Without a P(alive) the whole CLV is at stake.
                    let lost = 1 - (alive[i] ?? 0)
                    out.append(
                        Target(
                            index: i, campaign: .winback, reason: reason,
                            valueAtStake: clv[i] > 0 ? clv[i] * lost : historical[i]))
                case .upsell:
                    let develop = groups[i] == .develop
                    guard develop || segments[i] == .potentialLoyalist, let a = alive[i], a >= upsellFrom,
                        potential[i] > current[i]
                    else { continue }
                    out.append(
                        Target(
                            index: i, campaign: .upsell,
                            reason: develop ? .develop(alive: a) : .potentialLoyalist(alive: a),
                            valueAtStake: potential[i] - current[i]))
                }
            }
        }
        out.sort { $0.valueAtStake != $1.valueAtStake ? $0.valueAtStake > $1.valueAtStake : $0.index < $1.index }
        return out
    }
}

/// Which target lists to make.
public struct TargetsRequest: Equatable, Sendable {
    /// The run (default: the latest).
    public var run: Int64?
    /// The campaigns (default: all).
    public var campaigns: [Campaign]?
    /// At most this many rows (nil or 0: all).
    public var limit: Int?
    /// The language of the reasons, the rules and the P(alive) note.
    public var language: Language

    public init(run: Int64? = nil, campaigns: [Campaign]? = nil, limit: Int? = nil, language: Language = .en) {
        self.run = run
        self.campaigns = campaigns
        self.limit = limit
        self.language = language
    }
}

/// The target lists of one run.
public struct TargetsResult: Sendable, Tabular {
    public var run: RunInfo
    public var campaigns: [Campaign]
    /// Every target that qualifies, sorted by value at stake.
    public var all: [TargetRules.Target]
    /// The rows asked for (`all` cut to the limit).
    public var targets: [TargetRules.Target]
    public var results: AnalysisResults
    public var owners: [String?]
    /// The P(alive) the rules used, per customer of the run.
    public var alive: [Double?]
    /// Where P(alive) comes from and what its model assumes.
    public var aliveSource: String
    /// The language of the texts in the rows and the document.
    public var language: Language

    public var columns: [String] {
        ["customer_id", "campaign", "reason", "value_at_stake", "segment", "group", "p_alive", "clv", "owner"]
    }
    public var rowCount: Int { targets.count }
    public func fields(_ k: Int) -> [String] {
        let t = targets[k]
        let x = results
        return [
            x.ids[t.index], t.campaign.rawValue, t.reason.text(in: language), Number.exact(t.valueAtStake),
            x.segment[t.index],
            x.valueGroup?[t.index] ?? "", alive[t.index].map { Number.exact($0) } ?? "",
            x.clv.map { Number.exact($0[t.index]) } ?? "", owners[t.index] ?? "",
        ]
    }

    /// Customers and total value at stake per campaign, over every target that qualifies.
    public var totals: [(campaign: Campaign, customers: Int, valueAtStake: Double)] {
        campaigns.map { c in
            let list = all.filter { $0.campaign == c }
            return (c, list.count, list.reduce(0) { $0 + $1.valueAtStake })
        }
    }

    /// `{run, campaign, p_alive_model, rules: [{campaign, rule}], targets: [{…the CSV columns…}]}`.
    public var document: Document {
        Document(
            run: run.id, campaign: campaigns.count == Campaign.allCases.count ? "all" : campaigns[0].rawValue,
            pAliveModel: aliveSource,
            rules: Campaign.allCases.map { .init(campaign: $0.rawValue, rule: TargetRules.rule($0, in: language)) },
            targets: targets.map { t in
                Document.Row(
                    customerID: results.ids[t.index], campaign: t.campaign.rawValue,
                    reason: t.reason.text(in: language),
                    valueAtStake: t.valueAtStake, segment: results.segment[t.index],
                    group: results.valueGroup?[t.index] ?? "", pAlive: alive[t.index], clv: results.clv?[t.index],
                    owner: owners[t.index])
            })
    }

    public struct Document: Encodable, Sendable {
        public struct Rule: Encodable, Sendable {
            public let campaign, rule: String
        }
        public struct Row: Encodable, Sendable {
            public let customerID, campaign, reason: String
            public let valueAtStake: Double
            public let segment, group: String
            public let pAlive, clv: Double?
            public let owner: String?
        }
        public let run: Int64
        public let campaign: String
        public let pAliveModel: String
        public let rules: [Rule]
        public let targets: [Row]
    }
}

extension Workspace {
    /// Who to contact for care, win-back and upsell campaigns, why, and the value at stake, from
    /// the results of a stored run.
    public func targets(_ request: TargetsRequest) async throws -> TargetsResult {
        if let limit = request.limit, limit < 0 {
            throw AppError(.invalidRequest, "the limit must be 0 or more", facts: [.init("limit", String(limit))])
        }
        let info = try await runOrLatest(request.run)
        let (x, owners) = try await run { try await store.analysisResults(info.id) }
        let campaigns = request.campaigns ?? Campaign.allCases
        guard x.probabilityAlive != nil else {
            throw AppError(.noData, .targetsNoAlive, info.id)
        }
        guard let groupKeys = x.valueGroup, let historical = x.historicalValue, let current = x.currentValue,
            let potential = x.potentialValue
        else {
            throw AppError(.noData, .targetsNoGroups, info.id)
        }
        let (alive, source) = Self.targetAlive(x, unit: info.settings?.unit, language: request.language)
        let all = TargetRules.targets(
            segments: x.segment.map { RFMSegment(rawValue: $0) },
            groups: groupKeys.map { ValueGroup(rawValue: $0) ?? .nurture }, alive: alive,
            clv: x.clv ?? [Double](repeating: 0, count: x.count), historical: historical, current: current,
            potential: potential, campaigns: campaigns)
        let limit = request.limit ?? 0
        return TargetsResult(
            run: info, campaigns: campaigns, all: all, targets: limit > 0 ? Array(all.prefix(limit)) : all,
            results: x, owners: owners, alive: alive, aliveSource: source, language: request.language)
    }

    /// P(alive) for the target rules: MBG/NBD fitted to the run's own stored histories (frequency,
    /// recency and T in the run's time unit), so one-time buyers are not taken as certainly alive.
    /// When MBG/NBD does not converge, the run's BG/NBD P(alive) is used for repeat buyers only.
    static func targetAlive(_ x: AnalysisResults, unit: TimeUnit?, language: Language = .en) -> ([Double?], String) {
        let histories = Histories(frequency: x.frequency, recency: x.recency, T: x.T)
        let model = histories.fit(MBGNBD.self)
        if model.fit.converged {
            return (
                model.probabilityAlive(histories).map { Optional($0) },
                Text.targetsAliveMBGNBD(language, unit.map { $0.plural(in: language) } ?? "–")
            )
        }
        let bg = x.probabilityAlive ?? []
        return (
            x.frequency.indices.map { x.frequency[$0] > 0 && $0 < bg.count ? bg[$0] : nil },
            Text.targetsAliveBGNBD(language)
        )
    }
}
