/// The sub-values of the composite score that cvm knows by name, with their direction.
///
/// Some come from the transactions and predictions in the database (`isComputed`); influence
/// (referrals, word of mouth) and credit have no data yet, so weights given to them are dropped
/// with a note and the rest renormalised.
public enum ValueIndicator: String, CaseIterable, Sendable {
    /// Revenue before the current window (历史价值).
    case historical
    /// Revenue in the current window, the last N months (当前价值).
    case current
    /// Purchase days (days with at least one purchase).
    case frequency
    /// Days since the last purchase; fewer is better.
    case recency
    /// Days since the first purchase.
    case tenure
    /// Customer lifetime value of the latest `cvm predict` run with a spend model (未来价值).
    case clv
    /// Repeat-purchase share: repeat purchase days / all purchase days.
    case loyalty
    /// Referrals and word of mouth (影响价值); no data yet.
    case influence
    /// Credit value (信用价值); no data yet.
    case credit

    public var direction: Direction { self == .recency ? .cost : .benefit }

    /// False for the indicators the data does not have yet.
    public var isComputed: Bool { self != .influence && self != .credit }

    /// A short description for tables and help.
    public var summary: String {
        switch self {
        case .historical: "revenue before the current window"
        case .current: "revenue in the current window"
        case .frequency: "purchase days"
        case .recency: "days since the last purchase (fewer is better)"
        case .tenure: "days since the first purchase"
        case .clv: "CLV of the latest stored prediction with a spend model"
        case .loyalty: "repeat purchase days / all purchase days"
        case .influence: "referrals and word of mouth (no data yet)"
        case .credit: "credit value (no data yet)"
        }
    }
}
