/// Why a customer is slipping away.
public enum WarningReason: String, CaseIterable, Codable, Sendable {
    /// P(alive) from a model that does not assume one-time buyers alive is under the threshold.
    case unlikelyAlive
    /// No purchase for longer than the customer's own rhythm.
    case longGap
    /// The value bought recently fell below a share of the customer's own earlier rate, while the
    /// customer still buys at their rhythm (else the long gap is the reason).
    case fallingValue
    /// A complaint is still open after the allowed days.
    case unresolvedComplaint
    /// A complaint was resolved, but the customer rated the resolution poorly.
    case poorlyResolvedComplaint
    /// Fewer interactions in the recent window than the customer's usual.
    case fewerInteractions
}

/// The thresholds of the warning reasons that the lifecycle rules do not already hold.
public struct WarningRules: Codable, Equatable, Sendable {
    /// Warn below this P(alive).
    public var probabilityAlive = 0.5
    /// Warn when recent interactions fall below this share of the usual number.
    public var interactionRatio = 0.5

    public init() {}

    public static let standard = WarningRules()
}

/// One customer's warning: its reasons, and the value at risk = CLV × P(churn), P(churn) = 1 − P(alive).
public struct ChurnWarning: Equatable, Sendable {
    /// The customer's position in the columns the warnings were computed from.
    public var index: Int
    public var reasons: [WarningReason]
    public var churnProbability: Double?
    public var valueAtRisk: Double?
    /// Gap since the last purchase over the customer's rhythm (above 1 is a long gap).
    public var gapRatio: Double?

    public init(
        index: Int, reasons: [WarningReason], churnProbability: Double?, valueAtRisk: Double?, gapRatio: Double?
    ) {
        self.index = index
        self.reasons = reasons
        self.churnProbability = churnProbability
        self.valueAtRisk = valueAtRisk
        self.gapRatio = gapRatio
    }
}

/// Optional per-customer signals beside the purchases (columns in the customers' order).
public struct CustomerSignals: Sendable {
    /// The opening day of each customer's oldest complaint still unresolved at the as-of date.
    public var openComplaintSince: [Day?]?
    /// Whether a resolved complaint got a poor satisfaction rating.
    public var poorlyResolvedComplaint: [Bool]?
    /// Interactions in the recent window, and the usual number per window of that length.
    public var recentInteractions: [Int]?
    public var usualInteractions: [Double]?

    public init(
        poorlyResolvedComplaint: [Bool]? = nil, recentInteractions: [Int]? = nil, usualInteractions: [Double]? = nil,
        openComplaintSince: [Day?]? = nil
    ) {
        self.openComplaintSince = openComplaintSince
        self.poorlyResolvedComplaint = poorlyResolvedComplaint
        self.recentInteractions = recentInteractions
        self.usualInteractions = usualInteractions
    }
}

/// The churn early warnings, ranked by value at risk (then by gap ratio).
///
/// `stages` are the lifecycle stages at the as-of date (their facts hold the gap, rhythm, value
/// trend, P(alive) and open complaints); `clv` each customer's CLV. Prospects and customers in
/// termination get no warning: a warning is for a relationship that can still be kept (termination
/// belongs to win-back). P(alive) must come from a model that does not assume every one-time buyer
/// alive (MBG/NBD, Pareto/NBD): BG/NBD gives 1 to every customer without a repeat purchase.
public func churnWarnings(
    stages: [StageAssignment], lifecycle rules: LifecycleRules = .standard, warning: WarningRules = .standard,
    clv: [Double]? = nil, signals: CustomerSignals = CustomerSignals()
) -> [ChurnWarning] {
    var warnings: [ChurnWarning] = []
    for (i, assignment) in stages.enumerated() {
        let facts = assignment.facts
        guard assignment.stage != .prospect, assignment.stage != .termination else { continue }
        var reasons: [WarningReason] = []
        if let p = facts.probabilityAlive, p < warning.probabilityAlive { reasons.append(.unlikelyAlive) }
        let gapRatio = facts.rhythmDays.map { Double(facts.daysSinceLastPurchase) / $0 }
        if let ratio = gapRatio, ratio > 1 { reasons.append(.longGap) }
        // A falling value that is only the long gap is not a second reason.
        if !reasons.contains(.longGap), let recent = facts.recentValuePerPurchase,
            let earlier = facts.earlierValuePerPurchase,
            earlier > 0, recent < rules.declineValueRatio * earlier
        {
            reasons.append(.fallingValue)
        }
        if let open = facts.openComplaintDays, open > rules.openComplaintDays { reasons.append(.unresolvedComplaint) }
        if signals.poorlyResolvedComplaint?[i] == true { reasons.append(.poorlyResolvedComplaint) }
        if let recent = signals.recentInteractions?[i], let usual = signals.usualInteractions?[i], usual > 0,
            Double(recent) < warning.interactionRatio * usual
        {
            reasons.append(.fewerInteractions)
        }
        guard !reasons.isEmpty else { continue }
        let churn = facts.probabilityAlive.map { min(max(1 - $0, 0), 1) }
        let atRisk = churn.flatMap { p in clv.map { max($0[i], 0) * p } }
        warnings.append(
            ChurnWarning(index: i, reasons: reasons, churnProbability: churn, valueAtRisk: atRisk, gapRatio: gapRatio))
    }
    return warnings.sorted { a, b in
        let (x, y) = (a.valueAtRisk ?? -1, b.valueAtRisk ?? -1)
        if x != y { return x > y }
        let (g, h) = (a.gapRatio ?? 0, b.gapRatio ?? 0)
        if g != h { return g > h }
        return a.index < b.index
    }
}
