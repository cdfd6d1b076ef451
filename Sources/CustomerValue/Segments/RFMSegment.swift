/// Named RFM segments and the rule tables that assign them.
public enum RFMSegment: String, CaseIterable, Sendable, Codable {
    case champions
    case loyal
    case potentialLoyalist = "potential_loyalist"
    case new
    case promising
    case needAttention = "need_attention"
    case aboutToSleep = "about_to_sleep"
    case atRisk = "at_risk"
    case cantLose = "cant_lose"
    case hibernating
    case lost

    /// What to do with the segment, in one line.
    public var strategy: String {
        switch self {
        case .champions: "Reward them; ask for reviews and referrals; early access to new products."
        case .loyal: "Upsell higher-value products; loyalty programme; ask for reviews."
        case .potentialLoyalist: "Offer membership or loyalty benefits; recommend related products."
        case .new: "Onboard well; make the second purchase easy."
        case .promising: "Build awareness of the range; free trials and small offers."
        case .needAttention: "Limited-time offers based on past purchases; reactivate before they slip."
        case .aboutToSleep: "Share popular products and discounts; reconnect now."
        case .atRisk: "Personal win-back messages and renewals; find out what changed."
        case .cantLose: "Win them back with personal contact; do not lose them to a competitor."
        case .hibernating: "Offer other relevant products and special discounts; recreate value."
        case .lost: "Revive interest with a reach-out campaign, or let them go."
        }
    }

    /// The default strategy with its reason, in English and Chinese.
    public var defaultStrategy: ValueStrategy {
        ValueStrategy(
            strategy: strategy, chineseStrategy: chineseStrategy, reason: reason, chineseReason: chineseReason)
    }

    /// Why the strategy fits, from the scores that define the segment.
    public var reason: String {
        switch self {
        case .champions: "Bought recently and often (R 5, F 4–5): the best customers."
        case .loyal: "Buy often (F 4–5) and not long ago (R 3–4)."
        case .potentialLoyalist: "Recent (R 4–5) with a few purchases (F 2–3): could become loyal."
        case .new: "Bought very recently (R 5), once so far (F 1)."
        case .promising: "Recent (R 4) but only one purchase (F 1)."
        case .needAttention: "Middling recency and frequency (R 3, F 3): slipping without action."
        case .aboutToSleep: "Not seen for a while (R 3) after few purchases (F 1–2)."
        case .atRisk: "Bought regularly (F 3–4) but long ago (R 1–2)."
        case .cantLose: "Among the most frequent buyers (F 5) but gone quiet (R 1–2)."
        case .hibernating: "Long ago (R 2) and few purchases (F 1–2)."
        case .lost: "The longest ago (R 1) with few purchases (F 1–2)."
        }
    }

    /// 原因。
    public var chineseReason: String {
        switch self {
        case .champions: "最近购买且购买频繁（R 5，F 4–5）：最好的客户。"
        case .loyal: "购买频繁（F 4–5），且不久前购买过（R 3–4）。"
        case .potentialLoyalist: "近期购买（R 4–5），已购买数次（F 2–3）：有望成为忠诚客户。"
        case .new: "刚刚购买（R 5），目前只购买过一次（F 1）。"
        case .promising: "近期购买（R 4），但只购买过一次（F 1）。"
        case .needAttention: "最近购买与频次居中（R 3，F 3）：不采取行动就会流失。"
        case .aboutToSleep: "有一段时间未购买（R 3），购买次数少（F 1–2）。"
        case .atRisk: "曾经经常购买（F 3–4），但已很久未购买（R 1–2）。"
        case .cantLose: "购买最频繁的客户之一（F 5），但近来沉寂（R 1–2）。"
        case .hibernating: "很久以前购买（R 2），且购买次数少（F 1–2）。"
        case .lost: "最久以前购买（R 1），且购买次数少（F 1–2）。"
        }
    }

    /// 策略，一句话。
    public var chineseStrategy: String {
        switch self {
        case .champions: "给予奖励；邀请评价与推荐；新品优先体验。"
        case .loyal: "推荐更高价值的产品；会员计划；邀请评价。"
        case .potentialLoyalist: "提供会员或积分权益；推荐相关产品。"
        case .new: "做好入门引导；让第二次购买更容易。"
        case .promising: "让客户了解更多产品；试用和小额优惠。"
        case .needAttention: "基于历史购买的限时优惠；在流失前重新激活。"
        case .aboutToSleep: "推送热门产品与折扣；尽快重新联系。"
        case .atRisk: "个性化挽回信息与续约；了解发生了什么变化。"
        case .cantLose: "专人联系挽回；不要让竞争对手抢走。"
        case .hibernating: "推荐其他相关产品与专属折扣；重建价值。"
        case .lost: "用唤醒活动重新激发兴趣，或放弃投入。"
        }
    }

    /// The 5×5 recency × frequency grid widely used as `seg_map` (anchors-crm §2.2; a full
    /// partition, M not used), with one change: the oldest cells with few purchases (R = 1, F ≤ 2)
    /// are named Lost rather than Hibernating, so the eleven standard names are all used.
    ///
    /// | R \ F | 1 | 2 | 3 | 4 | 5 |
    /// |---|---|---|---|---|---|
    /// | 5 | New | Potential Loyalist | Potential Loyalist | Champions | Champions |
    /// | 4 | Promising | Potential Loyalist | Potential Loyalist | Loyal | Loyal |
    /// | 3 | About to Sleep | About to Sleep | Need Attention | Loyal | Loyal |
    /// | 2 | Hibernating | Hibernating | At Risk | At Risk | Can't Lose Them |
    /// | 1 | Lost | Lost | At Risk | At Risk | Can't Lose Them |
    public static func grid(r: Int, f: Int) -> RFMSegment {
        switch (r, f) {
        case (5, 1): .new
        case (5, 2...3), (4, 2...3): .potentialLoyalist
        case (5, 4...5): .champions
        case (4, 1): .promising
        case (4, 4...5), (3, 4...5): .loyal
        case (3, 1...2): .aboutToSleep
        case (3, 3): .needAttention
        case (1...2, 3...4): .atRisk
        case (1...2, 5): .cantLose
        case (2, 1...2): .hibernating
        default: .lost
        }
    }
}

/// The Chinese eight-class RFM model (二分法, 2³ classes): each of R, F, M is high or low against
/// its mean over customers (anchors-crm §2.4). R is days since the last purchase, so "near" means
/// below the mean.
public enum ImportanceClass: String, CaseIterable, Sendable, Codable {
    case importantValue = "important_value"
    case importantKeep = "important_keep"
    case importantDevelop = "important_develop"
    case importantRetain = "important_retain"
    case generalValue = "general_value"
    case generalKeep = "general_keep"
    case generalDevelop = "general_develop"
    case generalRetain = "general_retain"

    public var strategy: String {
        switch self {
        case .importantValue: "Best customers: dedicated service, keep them delighted."
        case .importantKeep: "Loyal but not seen lately: contact them personally."
        case .importantDevelop: "Recent and big spenders who buy rarely: raise purchase frequency."
        case .importantRetain: "Big spenders leaving or gone: find out why and win them back."
        case .generalValue: "Frequent, recent, small baskets: cross-sell to raise basket value."
        case .generalKeep: "Used to buy often: low-cost reminders."
        case .generalDevelop: "New or occasional: nurture with low-cost offers."
        case .generalRetain: "Low value and fading: low-cost win-back, or let go."
        }
    }

    /// The default strategy with its reason, in English and Chinese.
    public var defaultStrategy: ValueStrategy {
        ValueStrategy(
            strategy: strategy, chineseStrategy: chineseStrategy, reason: reason, chineseReason: chineseReason)
    }

    /// Whether the class spends more, buys more often and bought more recently than the means.
    private var standing: (bigSpender: Bool, frequent: Bool, near: Bool) {
        switch self {
        case .importantValue: (true, true, true)
        case .importantKeep: (true, true, false)
        case .importantDevelop: (true, false, true)
        case .importantRetain: (true, false, false)
        case .generalValue: (false, true, true)
        case .generalKeep: (false, true, false)
        case .generalDevelop: (false, false, true)
        case .generalRetain: (false, false, false)
        }
    }

    /// Why: where the class stands against the means of R, F and M.
    public var reason: String {
        let (m, f, r) = standing
        return
            "Spend \(m ? "above" : "below") the mean, purchases \(f ? "above" : "below") the mean, last purchase \(r ? "more recent" : "longer ago") than the mean."
    }

    /// 原因。
    public var chineseReason: String {
        let (m, f, r) = standing
        return "消费金额\(m ? "高于" : "低于")平均，购买次数\(f ? "高于" : "低于")平均，最近一次购买\(r ? "近于" : "远于")平均。"
    }

    /// 策略，一句话。
    public var chineseStrategy: String {
        switch self {
        case .importantValue: "最优质客户：专属服务，保持满意。"
        case .importantKeep: "忠诚但近期未购买：主动联系，一对一维护。"
        case .importantDevelop: "近期购买、消费高但频次低：提升购买频次。"
        case .importantRetain: "高消费客户即将或已经流失：了解原因，提出挽留措施。"
        case .generalValue: "购买频繁、近期活跃但客单价低：交叉销售，提升客单价。"
        case .generalKeep: "曾经经常购买：低成本提醒。"
        case .generalDevelop: "新客户或偶尔购买：低成本培育。"
        case .generalRetain: "价值低且渐行渐远：低成本挽回，或放弃。"
        }
    }

    public static func classify(near: Bool, frequent: Bool, bigSpender: Bool) -> ImportanceClass {
        switch (bigSpender, frequent, near) {
        case (true, true, true): .importantValue
        case (true, true, false): .importantKeep
        case (true, false, true): .importantDevelop
        case (true, false, false): .importantRetain
        case (false, true, true): .generalValue
        case (false, true, false): .generalKeep
        case (false, false, true): .generalDevelop
        case (false, false, false): .generalRetain
        }
    }
}
