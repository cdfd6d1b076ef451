import Foundation

// The lifecycle's names and explanations in both languages: part of the one catalogue (see
// Catalogue.swift), keyed by the lifecycle's enums: stages, patterns, rules, warning reasons, task statuses.

extension LifecycleStage: LocalizedName {
    public func name(in language: Language) -> String {
        switch (self, language) {
        case (.prospect, .en): "Prospect"
        case (.prospect, .zh): "潜在获取期"
        case (.exploration, .en): "Exploration"
        case (.exploration, .zh): "考察期"
        case (.formation, .en): "Formation"
        case (.formation, .zh): "形成期"
        case (.stability, .en): "Stability"
        case (.stability, .zh): "稳定期"
        case (.decline, .en): "Decline"
        case (.decline, .zh): "退化期"
        case (.termination, .en): "Termination"
        case (.termination, .zh): "终止期"
        }
    }
}

extension LifecyclePattern: LocalizedName {
    public func name(in language: Language) -> String {
        switch (self, language) {
        case (.earlyAbort, .en): "I early abort"
        case (.earlyAbort, .zh): "I 早期流产型"
        case (.midway, .en): "II midway"
        case (.midway, .zh): "II 中途夭折型"
        case (.earlyExit, .en): "III early exit"
        case (.earlyExit, .zh): "III 提前退出型"
        case (.longKept, .en): "IV long-kept"
        case (.longKept, .zh): "IV 长久保持型"
        case (.developing, .en): "developing"
        case (.developing, .zh): "发展中"
        }
    }
}

extension WarningReason: LocalizedName {
    public func name(in language: Language) -> String {
        switch (self, language) {
        case (.unlikelyAlive, .en): "unlikely still active"
        case (.unlikelyAlive, .zh): "活跃概率低"
        case (.longGap, .en): "long gap for their rhythm"
        case (.longGap, .zh): "购买间隔超出自身节奏"
        case (.fallingValue, .en): "falling value"
        case (.fallingValue, .zh): "价值下降"
        case (.unresolvedComplaint, .en): "unresolved complaint"
        case (.unresolvedComplaint, .zh): "投诉未解决"
        case (.poorlyResolvedComplaint, .en): "complaint resolved poorly"
        case (.poorlyResolvedComplaint, .zh): "投诉处理不满意"
        case (.fewerInteractions, .en): "fewer interactions than usual"
        case (.fewerInteractions, .zh): "互动少于往常"
        }
    }
}

private func days(_ value: Double) -> String { String(Int(value.rounded())) }
private func share(_ value: Double) -> String { String(format: "%.2f", value) }

extension StageAssignment {
    /// The rule that decided, with the facts it read: one sentence.
    public func explanation(in language: Language) -> String {
        let f = facts
        let zh = language == .zh
        let rhythm = f.rhythmDays.map(days) ?? "–"
        let whose =
            f.rhythmIsOwn
            ? (zh ? "该客户自身购买间隔的高分位" : "the long end of this customer's own gaps")
            : f.rhythmIsAssumed
                ? (zh
                    ? "假定的购买间隔：尚无任何客户重复购买，无从得出"
                    : "an assumed rhythm: no customer has bought twice yet, so none can be learnt")
                : (zh
                    ? "全体客户购买间隔的高分位（该客户的重复购买太少）"
                    : "the long end of all customers' gaps (too few repeat purchases of their own)")
        let p = f.probabilityAlive.map(share) ?? "–"
        let stage = stage.name(in: language)
        switch rule {
        case .noPurchase:
            return zh ? "\(stage)：截至评估日尚无购买。" : "\(stage): no purchase on or before the as-of date."
        case .gapFarBeyondRhythm:
            return zh
                ? "\(stage)：已 \(f.daysSinceLastPurchase) 天未购买，远超 \(rhythm) 天（\(whose)）。"
                : "\(stage): no purchase for \(f.daysSinceLastPurchase) days, far beyond \(rhythm) days (\(whose))."
        case .unlikelyAlive:
            return zh ? "\(stage)：购买模型给出的活跃概率仅为 \(p)。" : "\(stage): the purchase model puts P(alive) at only \(p)."
        case .gapBeyondRhythm:
            return zh
                ? "\(stage)：已 \(f.daysSinceLastPurchase) 天未购买，超过 \(rhythm) 天（\(whose)）。"
                : "\(stage): no purchase for \(f.daysSinceLastPurchase) days, longer than \(rhythm) days (\(whose))."
        case .possiblyGone:
            return zh
                ? "\(stage)：购买模型给出的活跃概率为 \(p)，偏低。" : "\(stage): the purchase model puts P(alive) at \(p), which is low."
        case .valueFalling:
            let recent = f.recentValuePerPurchase.map(share) ?? "–"
            let earlier = f.earlierValuePerPurchase.map(share) ?? "–"
            return zh
                ? "\(stage)：近 \(f.recentWindowDays) 天每次购买额平均 \(recent)，此前为 \(earlier)。"
                : "\(stage): \(recent) a purchase in the last \(f.recentWindowDays) days, against \(earlier) before."
        case .unresolvedComplaint:
            let open = f.openComplaintDays ?? 0
            return zh ? "\(stage)：有一项投诉已 \(open) 天未解决。" : "\(stage): a complaint has been open for \(open) days."
        case .fewPurchases:
            return zh
                ? "\(stage)：仅有 \(f.purchaseDays) 个购买日，关系尚在试探。"
                : "\(stage): only \(f.purchaseDays) purchase day(s) so far; the relationship is still being tried out."
        case .shortTenure:
            return zh
                ? "\(stage)：首次购买至今仅 \(f.tenureDays) 天。"
                : "\(stage): first purchase only \(f.tenureDays) days ago."
        case .notYetEstablished:
            return zh
                ? "\(stage)：\(f.purchaseDays) 个购买日、\(f.tenureDays) 天的关系，仍在发展，尚未稳定。"
                : "\(stage): \(f.purchaseDays) purchase days over \(f.tenureDays) days; growing, not yet established."
        case .established:
            return zh
                ? "\(stage)：\(f.purchaseDays) 个购买日、\(f.tenureDays) 天的关系，购买节奏正常。"
                : "\(stage): \(f.purchaseDays) purchase days over \(f.tenureDays) days, buying at their usual rhythm."
        }
    }
}

extension ChurnWarning {
    /// The reasons as one sentence, with the facts from the customer's stage assignment.
    public func sentence(_ facts: LifecycleFacts, in language: Language) -> String {
        let zh = language == .zh
        let parts = reasons.map { reason -> String in
            switch reason {
            case .unlikelyAlive:
                let p = facts.probabilityAlive.map(share) ?? "–"
                return zh ? "活跃概率 \(p)" : "P(alive) \(p)"
            case .longGap:
                let rhythm = facts.rhythmDays.map(days) ?? "–"
                return zh
                    ? "\(facts.daysSinceLastPurchase) 天未购买（通常不超过 \(rhythm) 天）"
                    : "no purchase for \(facts.daysSinceLastPurchase) days (usually within \(rhythm))"
            case .fallingValue:
                return zh ? "近期每次购买额下降过半" : "spending less than half as much per purchase"
            case .unresolvedComplaint:
                let open = facts.openComplaintDays ?? 0
                return zh ? "投诉 \(open) 天未解决" : "a complaint open for \(open) days"
            case .poorlyResolvedComplaint, .fewerInteractions:
                return reason.name(in: language)
            }
        }
        return parts.joined(separator: language.listSeparator)
    }
}

extension CareTaskStatus: LocalizedName {
    public func name(in language: Language) -> String {
        switch (self, language) {
        case (.open, .en): "open"
        case (.open, .zh): "待跟进"
        case (.contacted, .en): "contacted"
        case (.contacted, .zh): "已联系"
        case (.wonBack, .en): "won back"
        case (.wonBack, .zh): "已挽回"
        case (.lost, .en): "lost"
        case (.lost, .zh): "已流失"
        case (.dismissed, .en): "dismissed"
        case (.dismissed, .zh): "已撤销"
        }
    }
}
