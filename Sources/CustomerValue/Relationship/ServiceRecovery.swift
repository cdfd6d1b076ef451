/// Service recovery (服务补救): do customers whose complaint was resolved fast stay, measured on the
/// business's own data against comparable customers who never complained.
///
/// For each customer, their first complaint opened at least `windowDays` before the as-of date (so
/// the whole window after it is observed) is put in a band by its resolution time: resolved within
/// each of `bandHours` in turn, resolved later, or not resolved within the window. The customer is
/// **retained** when they bought within `windowDays` after the complaint was opened. Their
/// baseline is the customers who never complained and were active then (a purchase in the 365
/// days up to the complaint's day): the share of those who bought in the same window after that
/// day, averaged over the band's complaint days, so that both sides see the same seasons. CLV
/// (from the caller, e.g. the latest analysis run) is compared the same way. This is an
/// observational comparison, not an experiment: customers who complain differ in other ways too.
public struct ServiceRecovery: Sendable, Equatable {
    /// One resolution-time band.
    public struct Band: Sendable, Equatable {
        /// Resolved within this many hours (and above the previous band's); nil for the last two bands.
        public var upToHours: Double?
        /// True for the band of complaints not resolved within the window.
        public var unresolved: Bool
        public var customers: Int
        public var retained: Int
        public var retention: Double?
        /// The never-complained customers' retention at the band's complaint days.
        public var baselineRetention: Double?
        public var meanCLV: Double?
        public var baselineCLV: Double?
        /// retention − baseline retention.
        public var retentionDifference: Double? {
            guard let retention, let baselineRetention else { return nil }
            return retention - baselineRetention
        }
    }

    public var asOf: Day
    public var windowDays: Int
    /// The bands in order: each of `bandHours`, then resolved later, then not resolved in the window.
    public var bands: [Band]
    /// Customers who never complained (on or before the as-of date).
    public var neverComplained: Int

    /// - Parameters:
    ///   - history: every customer's purchase days (values are not read).
    ///   - complaints: every complaint (any order).
    ///   - clv: each customer's CLV, or nil.
    ///   - bandHours: ascending upper bounds of the resolution-time bands.
    public init(
        history: PurchaseHistory, complaints: [Complaint], clv: [String: Double]?, asOf: Day, windowDays: Int,
        bandHours: [Double]
    ) {
        self.asOf = asOf
        self.windowDays = windowDays
        let activeDays = 365
        var first: [String: Complaint] = [:]
        var complained = Set<String>()
        for c in complaints where c.opened <= asOf {
            complained.insert(c.customerID)
            if let known = first[c.customerID], known.opened <= c.opened { continue }
            first[c.customerID] = c
        }
        var position: [String: Int] = [:]
        for (i, id) in history.ids.enumerated() { position[id] = i }
        let others = (0..<history.count).filter { !complained.contains(history.ids[$0]) }
        neverComplained = others.count

        /// Whether customer `i` bought in `range` (days ascending: a binary search).
        func bought(_ i: Int, in range: ClosedRange<Day>) -> Bool {
            let r = history.range(i)
            var low = r.lowerBound
            var high = r.upperBound
            while low < high {
                let mid = (low + high) / 2
                if history.days[mid] < range.lowerBound { low = mid + 1 } else { high = mid }
            }
            return low < r.upperBound && history.days[low] <= range.upperBound
        }
        var baselineCache: [Day: (retention: Double?, clv: Double?)] = [:]
        func baseline(at day: Day) -> (retention: Double?, clv: Double?) {
            if let known = baselineCache[day] { return known }
            var active = 0
            var retained = 0
            var clvSum = 0.0
            for i in others where bought(i, in: (day + (-activeDays))...day) {
                active += 1
                if bought(i, in: (day + 1)...(day + windowDays)) { retained += 1 }
                clvSum += clv?[history.ids[i]] ?? 0
            }
            let value: (Double?, Double?) =
                active == 0
                ? (nil, nil) : (Double(retained) / Double(active), clv == nil ? nil : clvSum / Double(active))
            baselineCache[day] = value
            return value
        }

        let count = bandHours.count + 2
        var members = [[Complaint]](repeating: [], count: count)
        for c in first.values.sorted(by: { $0.customerID < $1.customerID }) where c.opened + windowDays <= asOf {
            let end = c.opened + windowDays
            guard let hours = c.resolutionHours, let resolved = c.resolved, resolved <= end else {
                members[count - 1].append(c)
                continue
            }
            members[bandHours.firstIndex { hours <= $0 } ?? bandHours.count].append(c)
        }
        bands = members.enumerated().map { k, cs in
            var retained = 0
            var clvSum = 0.0
            var baseRetention: [Double] = []
            var baseCLV: [Double] = []
            for c in cs {
                if let i = position[c.customerID], bought(i, in: (c.opened + 1)...(c.opened + windowDays)) {
                    retained += 1
                }
                clvSum += clv?[c.customerID] ?? 0
                let b = baseline(at: c.opened)
                if let r = b.retention { baseRetention.append(r) }
                if let v = b.clv { baseCLV.append(v) }
            }
            func mean(_ xs: [Double]) -> Double? { xs.isEmpty ? nil : xs.reduce(0, +) / Double(xs.count) }
            return Band(
                upToHours: k < bandHours.count ? bandHours[k] : nil, unresolved: k == count - 1, customers: cs.count,
                retained: retained, retention: cs.isEmpty ? nil : Double(retained) / Double(cs.count),
                baselineRetention: mean(baseRetention),
                meanCLV: cs.isEmpty || clv == nil ? nil : clvSum / Double(cs.count), baselineCLV: mean(baseCLV))
        }
    }
}
