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
/// assumed alive. When no customer has bought on two days by the as-of date there are no gaps to
/// learn a rhythm from, and the rhythm is `assumedRhythmDays` (said so in the facts). A rhythm is
/// never shorter than `minimumRhythmDays`.
public enum LifecycleStage: String, CaseIterable, Codable, Sendable {
    case prospect, exploration, formation, stability, decline, termination

    /// The stages of a relationship that is going on (neither declining nor ended, and begun).
    public static let active: [LifecycleStage] = [.exploration, .formation, .stability]
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
    /// The rhythm, in days, when nobody has a gap to learn one from (every customer bought on one
    /// day only): without it a one-time buyer would stay in exploration however long ago they
    /// bought. Nil in the stored rules of runs made before it existed, which had no such rhythm.
    public var assumedRhythmDays: Double? = 365

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
    /// Whether the rhythm is the rules' assumed one (no customer had a gap to learn one from).
    public var rhythmIsAssumed = false
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
        stages(
            history, asOf: asOf, baseRhythm: baseRhythm(history, asOf: asOf), probabilityAlive: probabilityAlive,
            openComplaintSince: openComplaintSince)
    }

    /// Every customer's stage at `asOf` with the customer base's rhythm already known (`baseRhythm`
    /// of the same history and date), so a caller that keeps the base rhythm reads the gaps once.
    public func stages(
        _ history: PurchaseHistory, asOf: Day, baseRhythm base: Double?, probabilityAlive: [Double]? = nil,
        openComplaintSince: [Day?]? = nil
    ) -> [StageAssignment] {
        let empty = StageAssignment(stage: .prospect, rule: .noPurchase, facts: LifecycleFacts())
        var out = [StageAssignment](repeating: empty, count: history.count)
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            Parallel.forEach(count: history.count) { chunk in
                var scan = CustomerScan()
                for i in chunk {
                    let r = history.range(i)
                    scan.reset(days: history.days[r], values: history.values[r])
                    scan.advance(through: asOf)
                    output[i] = assign(
                        scan, asOf: asOf, baseRhythm: base, probabilityAlive: probabilityAlive?[i],
                        openComplaintSince: openComplaintSince?[i] ?? nil)
                }
            }
        }
        return out
    }

    /// One customer's stage at `asOf` from their purchase days (ascending; days after `asOf` are
    /// not looked at).
    public func assign(
        days allDays: ArraySlice<Day>, values allValues: ArraySlice<Double>, asOf: Day, baseRhythm: Double?,
        probabilityAlive: Double? = nil, openComplaintSince: Day? = nil
    ) -> StageAssignment {
        var scan = CustomerScan()
        scan.reset(days: allDays, values: allValues)
        scan.advance(through: asOf)
        return assign(
            scan, asOf: asOf, baseRhythm: baseRhythm, probabilityAlive: probabilityAlive,
            openComplaintSince: openComplaintSince)
    }

    /// The stage at `asOf` from a scan advanced to `asOf`.
    func assign(
        _ scan: CustomerScan, asOf: Day, baseRhythm: Double?, probabilityAlive: Double? = nil,
        openComplaintSince: Day? = nil
    ) -> StageAssignment {
        var facts = LifecycleFacts()
        facts.probabilityAlive = probabilityAlive
        facts.openComplaintDays = openComplaintSince.map { max(0, asOf - $0) }
        let n = scan.end
        guard n > 0 else {
            return StageAssignment(stage: .prospect, rule: .noPurchase, facts: facts)
        }
        let first = scan.days[0]
        let last = scan.days[n - 1]
        facts.purchaseDays = n
        facts.tenureDays = asOf - first
        facts.daysSinceLastPurchase = asOf - last

        // The customer's own rhythm when they have enough gaps, else the customer base's.
        if scan.sortedGaps.count >= rules.ownRhythmGaps {
            facts.rhythmDays = max(
                Threshold.quantile(rules.rhythmQuantile, of: scan.sortedGaps), rules.minimumRhythmDays)
            facts.rhythmIsOwn = true
        } else if let baseRhythm {
            facts.rhythmDays = baseRhythm
        } else if let assumed = rules.assumedRhythmDays {
            facts.rhythmDays = max(assumed, rules.minimumRhythmDays)
            facts.rhythmIsAssumed = true
        }

        // Value per purchase day in the recent window against before it: the gap rule already sees
        // a customer who buys less often, this sees one who buys less each time. Compared when the
        // window holds a purchase and at least two came before it.
        let rhythm = facts.rhythmDays ?? Double(rules.recentWindowDays.lowerBound)
        let scaled = (rules.recentWindowRhythms * rhythm).rounded()
        let wanted = scaled.isFinite ? Int(min(max(scaled, 0), 1e9)) : rules.recentWindowDays.upperBound
        let window = min(max(wanted, rules.recentWindowDays.lowerBound), rules.recentWindowDays.upperBound)
        facts.recentWindowDays = window
        let windowStart = asOf + (-window + 1)
        // The first purchase day inside the window (the days are ascending).
        var low = 0
        var high = n
        while low < high {
            let mid = (low + high) / 2
            if scan.days[mid] < windowStart { low = mid + 1 } else { high = mid }
        }
        let recentCount = n - low
        let earlierCount = low
        if recentCount >= 1, earlierCount >= 2 {
            facts.recentValuePerPurchase = (scan.prefix[n] - scan.prefix[low]) / Double(recentCount)
            facts.earlierValuePerPurchase = scan.prefix[low] / Double(earlierCount)
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

/// One customer's purchase days read up to a moving as-of date: the days seen so far, their gaps
/// kept sorted and the running sums of their values, so that a later as-of date only adds the
/// days in between (the monthly journey is one pass, not one pass per month). Reused across
/// customers to keep allocations out of the loop.
struct CustomerScan {
    private(set) var days: [Day] = []
    private(set) var values: [Double] = []
    /// `prefix[k]` = the value of the first `k` days.
    private(set) var prefix: [Double] = [0]
    /// The gaps between the days seen so far, ascending.
    private(set) var sortedGaps: [Double] = []
    /// How many of the days are on or before the as-of date.
    private(set) var end = 0

    mutating func reset(days newDays: ArraySlice<Day>, values newValues: ArraySlice<Double>) {
        days.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        days.append(contentsOf: newDays)
        values.append(contentsOf: newValues)
        prefix.removeAll(keepingCapacity: true)
        prefix.append(0)
        var sum = 0.0
        for value in values {
            sum += value
            prefix.append(sum)
        }
        sortedGaps.removeAll(keepingCapacity: true)
        end = 0
    }

    /// Takes in the days up to `asOf` (the as-of dates only move forward).
    mutating func advance(through asOf: Day) {
        while end < days.count, days[end] <= asOf {
            if end > 0 {
                let gap = Double(days[end] - days[end - 1])
                var low = 0
                var high = sortedGaps.count
                while low < high {
                    let mid = (low + high) / 2
                    if sortedGaps[mid] <= gap { low = mid + 1 } else { high = mid }
                }
                sortedGaps.insert(gap, at: low)
            }
            end += 1
        }
    }
}
