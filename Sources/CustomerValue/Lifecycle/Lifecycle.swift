/// Where a customer relationship stands: the stages of the relationship life cycle as the Chinese
/// CRM literature draws them (考察期 → 形成期 → 稳定期 → 退化期 → 终止期, after 潜在获取期 for a
/// customer on file who has not bought yet).
///
/// The stage is decided by explicit rules from facts the data holds, in this order (the first that
/// applies decides):
/// 1. no purchase on or before the as-of date → prospect;
/// 2. the gap since the last purchase exceeds `terminationGapFactor` × the customer's rhythm, or
///    P(alive) < `terminationProbability` → termination;
/// 3. the gap exceeds the rhythm, or P(alive) < `declineProbability`, or the value bought in the
///    recent window (`recentWindowRhythms` rhythms long) fell below `declineValueRatio` × the mean
///    value per purchase day before it, or a
///    complaint has been open for more than `openComplaintDays` → decline;
/// 4. at most `explorationPurchases` purchase days, or a tenure under `explorationDays` → exploration;
/// 5. fewer than `stabilityPurchases` purchase days, or a tenure under `stabilityDays` → formation;
/// 6. otherwise → stability.
///
/// The customer's rhythm is the `rhythmQuantile` (default the 90th percentile) of their own gaps
/// between purchase days when they have at least `ownRhythmGaps` of them, else the same
/// percentile over every customer's gaps: a one-time buyer is judged by the customer base, never
/// assumed alive. A rhythm is never shorter than `minimumRhythmDays`.
public enum LifecycleStage: String, CaseIterable, Codable, Sendable {
    case prospect, exploration, formation, stability, decline, termination
}

/// The thresholds of the stage rules; every one is a setting (a TOML file may replace them).
public struct LifecycleRules: Codable, Equatable, Sendable {
    public var explorationPurchases = 2
    public var explorationDays = 90
    public var stabilityPurchases = 5
    public var stabilityDays = 365
    public var rhythmQuantile = 0.9
    public var ownRhythmGaps = 3
    public var minimumRhythmDays = 30.0
    public var terminationGapFactor = 2.0
    public var terminationProbability = 0.1
    public var declineProbability = 0.3
    public var declineValueRatio = 0.5
    /// The recent-value window: this many rhythms, within `recentWindowDays`.
    public var recentWindowRhythms = 2.0
    public var recentWindowDays = 60...365
    public var openComplaintDays = 30
    /// Months in stability after which a relationship counts as long kept (pattern IV).
    public var longKeptMonths = 12

    public init() {}

    public static let standard = LifecycleRules()
}

/// Which rule decided a stage.
public enum LifecycleRule: String, Codable, Sendable {
    case noPurchase, gapFarBeyondRhythm, unlikelyAlive, gapBeyondRhythm, possiblyGone, valueFalling
    case unresolvedComplaint, fewPurchases, shortTenure, notYetEstablished, established
}

/// The facts a stage was decided from, at the as-of date.
public struct LifecycleFacts: Codable, Equatable, Sendable {
    public var purchaseDays = 0
    /// First purchase to the as-of date.
    public var tenureDays = 0
    public var daysSinceLastPurchase = 0
    /// The gap that is long for this customer, in days.
    public var rhythmDays: Double?
    /// Whether the rhythm is the customer's own (else the customer base's).
    public var rhythmIsOwn = false
    /// Mean value per purchase day in the recent window, and before it.
    public var recentWindowDays = 0
    public var recentValuePerPurchase: Double?
    public var earlierValuePerPurchase: Double?
    public var probabilityAlive: Double?
    /// Days the oldest unresolved complaint has been open.
    public var openComplaintDays: Int?

    public init() {}
}

/// A customer's stage, the rule that decided it and the facts it read.
public struct StageAssignment: Equatable, Sendable {
    public var stage: LifecycleStage
    public var rule: LifecycleRule
    public var facts: LifecycleFacts
}

/// Assigns lifecycle stages by `LifecycleRules`.
public struct LifecycleClassifier: Sendable {
    public var rules: LifecycleRules

    public init(rules: LifecycleRules = .standard) { self.rules = rules }

    /// The rhythm of the customer base: the rules' quantile of every customer's gaps up to `asOf`.
    public func baseRhythm(_ history: PurchaseHistory, asOf: Day) -> Double? {
        let gaps = history.allGaps(through: asOf).map(Double.init)
        guard !gaps.isEmpty else { return nil }
        return max(Threshold.quantile(rules.rhythmQuantile, of: gaps.sorted()), rules.minimumRhythmDays)
    }

    /// Every customer's stage at `asOf`. `probabilityAlive` comes from a purchase model that does
    /// not assume one-time buyers alive (MBG/NBD, Pareto/NBD), or nil; `openComplaintSince` is the
    /// opening day of each customer's oldest unresolved complaint.
    public func stages(
        _ history: PurchaseHistory, asOf: Day, probabilityAlive: [Double]? = nil,
        openComplaintSince: [Day?]? = nil
    ) -> [StageAssignment] {
        let base = baseRhythm(history, asOf: asOf)
        return (0..<history.count).map { i in
            let r = history.range(i)
            return assign(
                days: history.days[r], values: history.values[r], asOf: asOf, baseRhythm: base,
                probabilityAlive: probabilityAlive?[i], openComplaintSince: openComplaintSince?[i] ?? nil)
        }
    }

    /// One customer's stage at `asOf` from their purchase days (ascending; days after `asOf` are
    /// not looked at).
    public func assign(
        days allDays: ArraySlice<Day>, values allValues: ArraySlice<Double>, asOf: Day, baseRhythm: Double?,
        probabilityAlive: Double? = nil, openComplaintSince: Day? = nil
    ) -> StageAssignment {
        var end = allDays.startIndex
        while end < allDays.endIndex, allDays[end] <= asOf { end += 1 }
        let days = allDays[allDays.startIndex..<end]
        let values = allValues[allValues.startIndex..<(allValues.startIndex + days.count)]
        var facts = LifecycleFacts()
        facts.probabilityAlive = probabilityAlive
        facts.openComplaintDays = openComplaintSince.map { max(0, asOf - $0) }
        guard let first = days.first, let last = days.last else {
            return StageAssignment(stage: .prospect, rule: .noPurchase, facts: facts)
        }
        facts.purchaseDays = days.count
        facts.tenureDays = asOf - first
        facts.daysSinceLastPurchase = asOf - last

        // The customer's own rhythm when they have enough gaps, else the customer base's.
        var gaps: [Double] = []
        gaps.reserveCapacity(days.count)
        var previous = first
        for day in days.dropFirst() {
            gaps.append(Double(day - previous))
            previous = day
        }
        if gaps.count >= rules.ownRhythmGaps {
            facts.rhythmDays = max(Threshold.quantile(rules.rhythmQuantile, of: gaps.sorted()), rules.minimumRhythmDays)
            facts.rhythmIsOwn = true
        } else {
            facts.rhythmDays = baseRhythm
        }

        // Value per purchase day in the recent window against before it: the gap rule already sees
        // a customer who buys less often, this sees one who buys less each time. Compared when the
        // window holds a purchase and at least two came before it.
        let rhythm = facts.rhythmDays ?? Double(rules.recentWindowDays.lowerBound)
        let window = min(
            max(Int((rules.recentWindowRhythms * rhythm).rounded()), rules.recentWindowDays.lowerBound),
            rules.recentWindowDays.upperBound)
        facts.recentWindowDays = window
        let windowStart = asOf + (-window + 1)
        var recent = (sum: 0.0, count: 0)
        var earlier = (sum: 0.0, count: 0)
        for (day, value) in zip(days, values) {
            if day >= windowStart {
                recent = (recent.sum + value, recent.count + 1)
            } else {
                earlier = (earlier.sum + value, earlier.count + 1)
            }
        }
        if recent.count >= 1, earlier.count >= 2 {
            facts.recentValuePerPurchase = recent.sum / Double(recent.count)
            facts.earlierValuePerPurchase = earlier.sum / Double(earlier.count)
        }

        let gap = Double(facts.daysSinceLastPurchase)
        func decided(_ stage: LifecycleStage, _ rule: LifecycleRule) -> StageAssignment {
            StageAssignment(stage: stage, rule: rule, facts: facts)
        }
        if let rhythm = facts.rhythmDays, gap > rules.terminationGapFactor * rhythm {
            return decided(.termination, .gapFarBeyondRhythm)
        }
        if let p = probabilityAlive, p < rules.terminationProbability { return decided(.termination, .unlikelyAlive) }
        if let rhythm = facts.rhythmDays, gap > rhythm { return decided(.decline, .gapBeyondRhythm) }
        if let p = probabilityAlive, p < rules.declineProbability { return decided(.decline, .possiblyGone) }
        if let recent = facts.recentValuePerPurchase, let earlier = facts.earlierValuePerPurchase, earlier > 0,
            recent < rules.declineValueRatio * earlier
        {
            return decided(.decline, .valueFalling)
        }
        if let open = facts.openComplaintDays, open > rules.openComplaintDays {
            return decided(.decline, .unresolvedComplaint)
        }
        if facts.purchaseDays <= rules.explorationPurchases { return decided(.exploration, .fewPurchases) }
        if facts.tenureDays < rules.explorationDays { return decided(.exploration, .shortTenure) }
        if facts.purchaseDays < rules.stabilityPurchases || facts.tenureDays < rules.stabilityDays {
            return decided(.formation, .notYetEstablished)
        }
        return decided(.stability, .established)
    }
}
