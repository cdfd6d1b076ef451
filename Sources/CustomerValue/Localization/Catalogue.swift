// The one zh/en catalogue: every name and fixed text a person reads, from the domain (segment,
// class, group and tier names, time units) and from the report, in English and Chinese.
//
// Domain types carry no translated strings of their own; they are keyed here by their enums and
// read through `name(in:)` (`LocalizedName`). Texts without a domain enum (report headings and
// introductions) are keyed by `Catalogue.Text`. A new language is one more column in each
// switch, and the compiler finds every place that needs it.
//
// Names are unique across schemes: two different groups of customers never share a name in
// either language (the RFM grid's Champions are 冠军客户, the eight-class model's
// important-value customers are 重要价值客户), so a name alone says which group it is.

/// Where every user-visible name and fixed text lives, in each `Language`.
public enum Catalogue {
    /// The report's fixed texts: headings, introductions, column titles.
    public enum Text: String, CaseIterable, Sendable {
        case contents, reportTitle, customers, transactions, revenue, revenuePerCustomer, repeatRate, period
        case segmentsTitle, segmentsIntro, segment, share, valueShare, strategy, meanPurchases, segmentSizes
        case rfmGrid, recencyScore, frequencyScore
        case clvTitle, clvIntro, clvDistribution, clv, numberOfCustomers, totalCLV, meanCLV, medianCLV, meanPAlive
        case modelTitle, modelIntro, parameter, estimate, standardError, logLikelihood, converged, yes, no
        case holdoutTitle, holdoutIntro, calibrationPurchases, actual, predicted, cumulativeTitle, time,
            cumulativePurchases
        case meanHoldoutPurchases, topCustomers, customerID, pAlive, expectedPurchases, expectedSpend
        case matrixTitle, matrixIntro, currentValue, potentialValue, group, reason, thresholds
        case concentrationTitle, concentrationIntro, customerShare, cumulativeShare, profit, gini, making80
        case tiersTitle, tiersIntro, tier, keyAccounts, largeUnprofitable, profitShare
        case elasticityTitle, elasticityIntro, elasticity, spend, suggestedSpend
        case creditTitle, creditIntro, grade
        case lifecycleTitle, lifecycleStages, stage, customersPerStage, warningsTitle, customer, valueAtRisk, reasons
        case stageMigration, stageMigrationTitle, cohortRetention, firstPurchaseMonth, monthsSince, cohortsTitle
    }

    /// The text for `key` in `language`.
    public static func text(_ key: Text, in language: Language) -> String {
        let pair: (String, String)
        switch key {
        case .contents: pair = ("Contents", "目录")
        case .lifecycleTitle: pair = ("Lifecycle", "客户生命周期")
        case .lifecycleStages: pair = ("Lifecycle stages", "生命周期阶段")
        case .stage: pair = ("Stage", "阶段")
        case .customersPerStage: pair = ("Customers per stage", "各阶段客户数")
        case .warningsTitle: pair = ("Churn warnings", "流失预警")
        case .customer: pair = ("Customer", "客户")
        case .valueAtRisk: pair = ("Value at risk", "风险价值")
        case .reasons: pair = ("Reasons", "原因")
        case .stageMigration: pair = ("Stage migration", "阶段迁移")
        case .stageMigrationTitle: pair = ("Stage migration", "生命周期阶段迁移")
        case .cohortRetention: pair = ("Retention by cohort", "按获客月份的留存率")
        case .firstPurchaseMonth: pair = ("first purchase", "首次购买月份")
        case .monthsSince: pair = ("months since", "此后月数")
        case .cohortsTitle: pair = ("Cohorts", "获客月份客户群")
        case .reportTitle: pair = ("Customer value report", "客户价值分析报告")
        case .customers: pair = ("Customers", "客户数")
        case .transactions: pair = ("Transactions", "交易笔数")
        case .revenue: pair = ("Revenue", "总收入")
        case .revenuePerCustomer: pair = ("Revenue per customer", "客均收入")
        case .repeatRate: pair = ("Repeat rate", "复购率")
        case .period: pair = ("Period", "时间范围")
        case .segmentsTitle: pair = ("RFM segments", "RFM 客户分群")
        case .segmentsIntro:
            pair = (
                "Customers scored 1–5 on recency, frequency and monetary value by quintiles, and named by the recency × frequency grid.",
                "按最近购买（R）、购买频次（F）、消费金额（M）的五分位给客户打 1–5 分，并按 R×F 网格命名客户群。"
            )
        case .segment: pair = ("Segment", "客户群")
        case .share: pair = ("Share", "占比")
        case .valueShare: pair = ("Value share", "收入占比")
        case .strategy: pair = ("Strategy", "策略")
        case .meanPurchases: pair = ("Mean purchases", "平均购买天数")
        case .segmentSizes: pair = ("Customers and revenue by segment", "各客户群的客户占比与收入占比")
        case .rfmGrid: pair = ("Customers by recency and frequency score", "按 R、F 得分的客户分布")
        case .recencyScore: pair = ("Recency score (5 = most recent)", "R 得分（5 = 最近）")
        case .frequencyScore: pair = ("Frequency score", "F 得分")
        case .clvTitle: pair = ("Customer lifetime value", "客户终身价值")
        case .clvIntro:
            pair = (
                "BG/NBD purchases and Gamma-Gamma spend per customer over the horizon, discounted.",
                "用 BG/NBD 预测购买次数、Gamma-Gamma 预测客单价，计算每位客户在预测期内的折现价值。"
            )
        case .clvDistribution: pair = ("Distribution of CLV over customers", "客户终身价值分布")
        case .clv: pair = ("CLV", "终身价值")
        case .numberOfCustomers: pair = ("Number of customers", "客户数")
        case .totalCLV: pair = ("Total CLV", "终身价值合计")
        case .meanCLV: pair = ("Mean CLV", "平均终身价值")
        case .medianCLV: pair = ("Median CLV", "终身价值中位数")
        case .meanPAlive: pair = ("Mean P(alive)", "平均活跃概率")
        case .modelTitle: pair = ("Model fit", "模型拟合")
        case .modelIntro:
            pair = (
                "Maximum-likelihood estimates with standard errors; the log-likelihood is summed over customers.",
                "极大似然估计及其标准误；对数似然为全部客户之和。"
            )
        case .parameter: pair = ("Parameter", "参数")
        case .estimate: pair = ("Estimate", "估计值")
        case .standardError: pair = ("Std. error", "标准误")
        case .logLikelihood: pair = ("Log-likelihood", "对数似然")
        case .converged: pair = ("Converged", "收敛")
        case .yes: pair = ("yes", "是")
        case .no: pair = ("no", "否")
        case .holdoutTitle: pair = ("Model check on a holdout period", "模型检验（保留期）")
        case .holdoutIntro:
            pair = (
                "The model is fitted on the calibration period and predicts each customer's purchases in the holdout period.",
                "在校准期拟合模型，预测每位客户在保留期内的购买次数，并与实际比较。"
            )
        case .calibrationPurchases: pair = ("Repeat purchases in calibration", "校准期重复购买次数")
        case .actual: pair = ("Actual", "实际")
        case .predicted: pair = ("Predicted", "预测")
        case .cumulativeTitle: pair = ("Cumulative repeat purchases of the whole base", "全体客户累计重复购买")
        case .time: pair = ("Time since the first purchase in the data", "自数据中首次购买起的时间")
        case .cumulativePurchases: pair = ("Cumulative repeat purchases", "累计重复购买")
        case .meanHoldoutPurchases: pair = ("Mean holdout purchases per customer", "保留期人均购买次数")
        case .topCustomers: pair = ("Customers with the highest CLV", "终身价值最高的客户")
        case .customerID: pair = ("Customer", "客户")
        case .pAlive: pair = ("P(alive)", "活跃概率")
        case .expectedPurchases: pair = ("Expected purchases", "预期购买次数")
        case .expectedSpend: pair = ("Expected spend", "预期客单价")
        case .matrixTitle: pair = ("Customer value matrix", "客户价值矩阵")
        case .matrixIntro:
            pair = (
                "Current value (profit in the current window) against potential value (expected future profit if retained), split at the thresholds below.",
                "按当前价值（当前窗口内的利润）与潜在价值（保持关系时预期的未来利润）划分为四类客户。"
            )
        case .currentValue: pair = ("Current value", "当前价值")
        case .potentialValue: pair = ("Potential value", "潜在价值")
        case .group: pair = ("Group", "类别")
        case .reason: pair = ("Why", "原因")
        case .thresholds: pair = ("Thresholds", "划分阈值")
        case .concentrationTitle: pair = ("Concentration of value (80/20)", "价值集中度（二八法则）")
        case .concentrationIntro:
            pair = (
                "Customers sorted from the most to the least valuable: the share of revenue and of profit they account for.",
                "客户按价值从高到低排序后，累计客户占比对应的收入与利润占比。"
            )
        case .customerShare: pair = ("Share of customers", "客户累计占比")
        case .cumulativeShare: pair = ("Share of the total", "累计占比")
        case .profit: pair = ("Profit", "利润")
        case .gini: pair = ("Gini", "基尼系数")
        case .making80: pair = ("Customers making 80 %", "贡献 80% 的客户占比")
        case .tiersTitle: pair = ("Value tiers and key accounts", "价值分层与大客户")
        case .tiersIntro:
            pair = (
                "High, medium and low value tiers by profit; the key accounts; and large customers who do not pay off.",
                "按利润分为高、中、低价值客户；大客户名单；以及收入大但不盈利的客户。"
            )
        case .tier: pair = ("Tier", "层级")
        case .keyAccounts: pair = ("Key accounts", "大客户")
        case .largeUnprofitable: pair = ("Large but unprofitable", "大而不盈利的客户")
        case .profitShare: pair = ("Profit share", "利润占比")
        case .elasticityTitle: pair = ("Value elasticity of marketing", "客户价值弹性")
        case .elasticityIntro:
            pair = (
                "Revenue of the customers reached per unit of marketing spend, by segment, with a budget split that moves spend toward the groups that return most.",
                "各客户群每单位营销投入带来的收入，以及把预算向回报高的客户群倾斜的分配建议。"
            )
        case .elasticity: pair = ("Elasticity", "弹性")
        case .spend: pair = ("Spend", "投入")
        case .suggestedSpend: pair = ("Suggested spend", "建议投入")
        case .creditTitle: pair = ("Credit grades", "信用评级")
        case .creditIntro:
            pair = (
                "Customers by their latest quarterly credit grade, from overdue days, overdue amounts and the payment ratio.",
                "按逾期天数、逾期金额与付款比例评定的最近一个季度信用等级分布。"
            )
        case .grade: pair = ("Grade", "等级")
        }
        return language == .en ? pair.0 : pair.1
    }
}

extension Language {
    /// The catalogue's text for `key` in this language: `language.text(.reportTitle)`.
    public func text(_ key: Catalogue.Text) -> String { Catalogue.text(key, in: self) }
}

extension RFMSegment: LocalizedName {
    public func name(in language: Language) -> String {
        let pair: (String, String)
        switch self {
        case .champions: pair = ("Champions", "冠军客户")
        case .loyal: pair = ("Loyal", "忠诚客户")
        case .potentialLoyalist: pair = ("Potential Loyalist", "潜在忠诚客户")
        case .new: pair = ("New", "新客户")
        case .promising: pair = ("Promising", "有潜力客户")
        case .needAttention: pair = ("Need Attention", "需要关注客户")
        case .aboutToSleep: pair = ("About to Sleep", "即将沉睡客户")
        case .atRisk: pair = ("At Risk", "流失风险客户")
        case .cantLose: pair = ("Can't Lose Them", "不可失去客户")
        case .hibernating: pair = ("Hibernating", "沉睡客户")
        case .lost: pair = ("Lost", "流失客户")
        }
        return language == .en ? pair.0 : pair.1
    }
}

extension ImportanceClass: LocalizedName {
    public func name(in language: Language) -> String {
        let pair: (String, String)
        switch self {
        case .importantValue: pair = ("Important value", "重要价值客户")
        case .importantKeep: pair = ("Important to keep", "重要保持客户")
        case .importantDevelop: pair = ("Important to develop", "重要发展客户")
        case .importantRetain: pair = ("Important to win back", "重要挽留客户")
        case .generalValue: pair = ("General value", "一般价值客户")
        case .generalKeep: pair = ("General keep", "一般保持客户")
        case .generalDevelop: pair = ("General develop", "一般发展客户")
        case .generalRetain: pair = ("General win back", "一般挽留客户")
        }
        return language == .en ? pair.0 : pair.1
    }
}

extension ValueGroup: LocalizedName {
    /// Names from the seed text (保留型、发展型、维持型、培育型).
    public func name(in language: Language) -> String {
        let pair: (String, String)
        switch self {
        case .retain: pair = ("Retain", "保留型")
        case .develop: pair = ("Develop", "发展型")
        case .maintain: pair = ("Maintain", "维持型")
        case .nurture: pair = ("Nurture", "培育型")
        }
        return language == .en ? pair.0 : pair.1
    }
}

extension ValueTier: LocalizedName {
    public func name(in language: Language) -> String {
        let pair: (String, String)
        switch self {
        case .high: pair = ("High value", "高价值客户")
        case .medium: pair = ("Medium value", "中价值客户")
        case .low: pair = ("Low value", "低价值客户")
        }
        return language == .en ? pair.0 : pair.1
    }
}

extension TimeUnit: LocalizedName {
    /// The unit's name in the singular: `day`, `week`, `month`; 天、周、月.
    public func name(in language: Language) -> String {
        let pair: (String, String)
        switch self {
        case .day: pair = ("day", "天")
        case .week: pair = ("week", "周")
        case .month: pair = ("month", "月")
        }
        return language == .en ? pair.0 : pair.1
    }

    /// The unit after a number of them: `3.5 weeks`, `3.5 周` (Chinese has no plural).
    public func plural(in language: Language) -> String {
        language == .zh ? name(in: .zh) : name(in: .en) + "s"
    }
}

extension Segmentation.Group: LocalizedName {
    /// The name of the segment or class this group is (its `key`); an unknown key is shown as it is.
    public func name(in language: Language) -> String {
        if let segment = RFMSegment(rawValue: key) { return segment.name(in: language) }
        if let importance = ImportanceClass(rawValue: key) { return importance.name(in: language) }
        return key
    }
}
