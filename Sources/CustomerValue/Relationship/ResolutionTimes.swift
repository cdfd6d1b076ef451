// Complaint resolution times, as a complaint desk reports them: how many, how fast (median and
// 90th percentile of the hours to resolution), how many are still open, how many met the target,
// and how satisfied customers were with the resolution.
//
// Everything is seen from an as-of date: complaints opened after it do not exist yet, and one
// resolved after it was still open then. Quantiles are the type-7 quantile (`Threshold.quantile`,
// Hyndman & Fan 1996), the one definition cvm uses everywhere.

/// Resolution-time figures of a set of complaints at an as-of date.
public struct ResolutionStatistics: Equatable, Sendable {
    /// Complaints opened on or before the as-of date.
    public var count: Int
    /// Of them, resolved by the as-of date.
    public var resolved: Int
    /// Of them, still open at the as-of date.
    public var open: Int
    /// Median and 90th percentile of the hours to resolution of the resolved ones; nil when none is.
    public var medianHours: Double?
    public var percentile90Hours: Double?
    /// Open ones over all.
    public var openShare: Double?
    /// Resolved within the target over the complaints whose outcome is known: the resolved ones and
    /// the open ones already older than the target (an open complaint younger than the target may
    /// still meet it, so it is counted neither way). Nil when no outcome is known yet.
    public var withinTargetShare: Double?
    /// Complaints whose outcome against the target is known (the denominator above).
    public var decided: Int
    /// Resolved complaints with a satisfaction rating.
    public var rated: Int
    /// Mean rating on the common scale, when every rated complaint shares one scale.
    public var meanSatisfaction: Double?
    /// That scale.
    public var satisfactionScale: SatisfactionScale?
    /// Mean rating as a share of its scale (0 = lowest, 1 = highest), whatever the scales.
    public var meanSatisfactionShare: Double?

    /// The figures of `complaints` at `asOf`, with a resolution target of `targetHours`.
    public init(_ complaints: some Sequence<Complaint>, asOf: Day, targetHours: Double) {
        var hours: [Double] = []
        var count = 0
        var open = 0
        var decided = 0
        var within = 0
        var ratings: [Double] = []
        var shares: [Double] = []
        var scales = Set<SatisfactionScale>()
        for complaint in complaints where complaint.opened <= asOf {
            count += 1
            if complaint.isResolved(at: asOf), let h = complaint.resolutionHours {
                hours.append(h)
                decided += 1
                if h <= targetHours { within += 1 }
                if let rating = complaint.satisfaction {
                    ratings.append(rating)
                    shares.append(complaint.scale.share(rating))
                    scales.insert(complaint.scale)
                }
            } else {
                open += 1
                if complaint.hoursOpen(at: asOf) > targetHours { decided += 1 }
            }
        }
        hours.sort()
        self.count = count
        resolved = hours.count
        self.open = open
        medianHours = hours.isEmpty ? nil : Threshold.quantile(0.5, of: hours)
        percentile90Hours = hours.isEmpty ? nil : Threshold.quantile(0.9, of: hours)
        openShare = count == 0 ? nil : Double(open) / Double(count)
        self.decided = decided
        withinTargetShare = decided == 0 ? nil : Double(within) / Double(decided)
        rated = ratings.count
        satisfactionScale = scales.count == 1 ? scales.first : nil
        meanSatisfaction = scales.count == 1 ? ratings.reduce(0, +) / Double(ratings.count) : nil
        meanSatisfactionShare = shares.isEmpty ? nil : shares.reduce(0, +) / Double(shares.count)
    }
}

/// Resolution-time figures per group (category, customer) and overall.
public struct ResolutionTimes: Sendable {
    /// One group's figures; `key` nil for complaints without one (no category).
    public struct Group: Equatable, Sendable {
        public var key: String?
        public var statistics: ResolutionStatistics
    }

    public var asOf: Day
    public var targetHours: Double
    /// Groups with at least one complaint at `asOf`, most complaints first (then by key).
    public var groups: [Group]
    public var overall: ResolutionStatistics

    /// Groups `complaints` by `key` and computes each group's figures and the overall ones.
    public init(
        _ complaints: [Complaint], asOf: Day, targetHours: Double, by key: (Complaint) -> String?
    ) {
        self.asOf = asOf
        self.targetHours = targetHours
        var byKey: [String?: [Complaint]] = [:]
        for complaint in complaints where complaint.opened <= asOf {
            byKey[key(complaint), default: []].append(complaint)
        }
        groups = byKey.map {
            Group(key: $0.key, statistics: ResolutionStatistics($0.value, asOf: asOf, targetHours: targetHours))
        }
        .sorted { a, b in
            if a.statistics.count != b.statistics.count { return a.statistics.count > b.statistics.count }
            return (a.key ?? "\u{10FFFF}") < (b.key ?? "\u{10FFFF}")
        }
        overall = ResolutionStatistics(complaints, asOf: asOf, targetHours: targetHours)
    }
}
