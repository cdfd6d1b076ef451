/// What a purchase model's P(alive) assumes, so that a list or a text can say it.
///
/// BG/NBD lets a customer drop out only right after a repeat purchase (Fader, Hardie & Lee 2005,
/// §3): a customer who bought once has had no chance to drop out, so the model gives P(alive) = 1
/// however long ago that purchase was. That is the model's statement, not evidence that the
/// customer is alive. MBG/NBD (Batislam et al. 2007) also allows dropout right after the first
/// purchase, and Pareto/NBD at any time, so their P(alive) falls with silence for every customer.
public enum AliveAssumption: String, Sendable, Codable {
    /// Dropout only after a repeat purchase: P(alive) = 1 for every customer without one.
    case dropoutAfterRepeatPurchasesOnly = "dropout_after_repeat_purchases_only"
    /// Dropout possible for every customer: P(alive) falls with the time since the last purchase.
    case dropoutForEveryCustomer = "dropout_for_every_customer"

    /// The assumption of the purchase model with key `model` (`bgnbd`, `mbgnbd`, `pareto`, …).
    public static func of(model: String) -> AliveAssumption {
        model == BGNBD.key ? .dropoutAfterRepeatPurchasesOnly : .dropoutForEveryCustomer
    }

    /// Whether P(alive) of a customer with `frequency` repeat purchases says anything under this
    /// assumption: false for BG/NBD without a repeat purchase (the 1 there is by construction).
    public func isInformative(frequency: Double) -> Bool {
        self == .dropoutForEveryCustomer || frequency > 0
    }

    /// The assumption in a sentence.
    public func statement(in language: Language) -> String {
        switch (self, language) {
        case (.dropoutAfterRepeatPurchasesOnly, .en):
            "the model lets customers drop out only after a repeat purchase, so a customer who bought once "
                + "has P(alive) 1 however long ago"
        case (.dropoutAfterRepeatPurchasesOnly, .zh):
            "该模型假设客户只会在重复购买之后流失，因此只购买过一次的客户无论多久以前购买，活跃概率都为 1"
        case (.dropoutForEveryCustomer, .en):
            "the model lets every customer drop out, so P(alive) falls with the time since the last purchase"
        case (.dropoutForEveryCustomer, .zh):
            "该模型假设每位客户都可能流失，活跃概率随距上次购买的时间增加而下降"
        }
    }
}

/// A customer's own purchase rhythm, without a model: the mean gap between their purchases and
/// how many such gaps have passed since the last one.
///
/// With x repeat purchases, the last at tₓ after the first, the mean gap is tₓ / x and the silence
/// is T − tₓ (T: time since the first purchase), in the histories' unit. `gapsSinceLast` =
/// silence / mean gap: 1 means one usual gap has passed; 3 means the customer is three gaps
/// overdue. A one-time buyer has no rhythm (nil): only the silence is known.
public struct PurchaseRhythm: Sendable, Equatable {
    /// tₓ / x; nil without a repeat purchase.
    public var meanGap: Double?
    /// T − tₓ.
    public var silence: Double
    /// silence / meanGap; nil without a repeat purchase (or a mean gap of 0).
    public var gapsSinceLast: Double?

    public init(frequency x: Double, recency tx: Double, T: Double) {
        silence = max(0, T - tx)
        if x >= 1, x.isFinite, tx > 0, tx.isFinite {
            let gap = tx / x
            meanGap = gap
            gapsSinceLast = silence / gap
        } else {
            meanGap = nil
            gapsSinceLast = nil
        }
    }

    /// True when more than `gaps` usual gaps have passed since the last purchase; false when it has
    /// not, or the customer has no rhythm yet.
    public func isOverdue(by gaps: Double = 2) -> Bool { (gapsSinceLast ?? 0) > gaps }
}
