/// The four cells of the customer value matrix (客户价值矩阵), current × potential value.
///
/// Names from the seed text (保留型、发展型、维持型、培育型); strategies and reasons follow
/// and the English four-segment version (easyanalytics.blogspot.com/2008/10/potential-value.html).
public enum ValueGroup: String, CaseIterable, Sendable, Codable {
    /// High current, high potential.
    case retain
    /// Low current, high potential.
    case develop
    /// High current, low potential.
    case maintain
    /// Low current, low potential.
    case nurture

    /// The cell of a customer whose current and potential values are (not) above the thresholds.
    public static func of(highCurrent: Bool, highPotential: Bool) -> ValueGroup {
        switch (highCurrent, highPotential) {
        case (true, true): .retain
        case (false, true): .develop
        case (true, false): .maintain
        case (false, false): .nurture
        }
    }

    /// The built-in strategy and its reason (a business replaces them with `ValueStrategy` values).
    public var defaultStrategy: ValueStrategy {
        switch self {
        case .retain:
            ValueStrategy(
                strategy: "Keep with dedicated service: account manager, priority support, loyalty rewards",
                chineseStrategy: "重点保留：专属服务、客户经理、优先支持与忠诚度回馈",
                reason: "high value now and high value to come: losing them costs the most",
                chineseReason: "当前价值和潜在价值都高，流失损失最大")
        case .develop:
            ValueStrategy(
                strategy: "Develop with cross-sell and up-sell to win a larger share of their spending",
                chineseStrategy: "重点发展：交叉销售与追加销售，提高钱包份额",
                reason: "little value now but much to come: investment here grows future profit",
                chineseReason: "当前价值低但潜在价值高，投入可换来未来利润")
        case .maintain:
            ValueStrategy(
                strategy: "Maintain at lower cost: keep service level, avoid over-investing",
                chineseStrategy: "低成本维持：保持服务水平，避免过度投入",
                reason: "valuable now but little growth ahead: protect the profit, do not chase more",
                chineseReason: "当前价值高但增长空间小，守住利润即可")
        case .nurture:
            ValueStrategy(
                strategy: "Nurture cheaply or reduce investment: automated, low-cost contact",
                chineseStrategy: "低投入培育或减少投入：自动化、低成本接触",
                reason: "low value now and to come: spend only what the value justifies",
                chineseReason: "当前价值和潜在价值都低，投入应与价值相称")
        }
    }
}

/// What to do with a group of customers and why, in English and Chinese.
public struct ValueStrategy: Sendable, Codable, Equatable {
    public var strategy: String
    public var chineseStrategy: String
    public var reason: String
    public var chineseReason: String

    public init(strategy: String, chineseStrategy: String, reason: String, chineseReason: String) {
        self.strategy = strategy
        self.chineseStrategy = chineseStrategy
        self.reason = reason
        self.chineseReason = chineseReason
    }

    /// The strategy in `language`. (Strategies are the business's own texts, edited in a file, so
    /// they are data carried in both languages rather than entries of the `Catalogue`.)
    public func strategy(in language: Language) -> String { language == .zh ? chineseStrategy : strategy }

    /// The reason in `language`.
    public func reason(in language: Language) -> String { language == .zh ? chineseReason : reason }
}
