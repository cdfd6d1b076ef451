import CustomerValue

/// The fixed texts of the value, score, elasticity and credit outputs, in every `Language`.
///
/// One catalogue keyed by what the text says: the CLI's tables and the JSON documents read it, so
/// a text is written once per language. Numbers and dates come in already formatted.
public enum ValueTexts: Sendable {
    // Profit and the margin assumption (every profit figure says when it assumes margin 1).
    case marginOneEverywhere
    case marginOneOnSome(String)
    case profitFromMargin(margin: String)
    case profitFromCosts(coverage: String, margin: String)
    case profitDefinition
    case noCostColumn(margin: String)
    case costRecorded(coverage: String)
    case serviceCostsMissing

    // The value matrix.
    case dataLine(source: String, customers: Int, asOf: String)
    case currentValueLine(start: String, months: String, days: Int)
    case horizon(months: Int, discount: String)
    case potentialByModel(horizon: String, fits: String)
    case potentialByPresentValue(horizon: String, retention: String)
    case retention(annual: String, monthly: String)
    case thresholds(current: String, potential: String)
    case thresholdRule(axis: Axis, rule: String, why: String)
    case matrixHeaders
    case why
    case cubeTitle
    case cubeHeaders

    // Concentration and tiers.
    case paretoHeaders
    case total, gini, customersMaking80, top20Share
    case curveHeaders
    case tierHeaders
    case tierCustomerHeaders
    case keyAccountsTitle(count: Int, by: KeyAccountMeasure)
    case largeUnprofitableTitle(share: String, count: Int)

    // Scores and weights.
    case scoreTitle(asOf: String, customers: Int, months: Int, start: String)
    case weightsLine(String)
    case weightHeaders
    case rankHeaders
    case note, warning, caveat, profit
    case explainTitle(id: String, score: String, rank: Int, of: Int)
    case explainHeaders
    case entropyTitle(indicators: Int, rows: Int)
    case entropyHeaders
    case ahpTitle(criteria: Int)
    case ahpHeaders
    case ahpConsistency(lambdaMax: Double, ci: Double, ri: Double, cr: Double)
    case wrote(count: Int, path: String)

    // Credit.
    case creditTitle(period: CreditPeriod, asOf: String, rules: String)
    case creditCount(Int)
    case creditHeaders
    case moreGrades(Int)

    // Elasticity.
    case elasticityTitle(measure: String, start: String, end: String, months: Int, groups: String)
    case rfmGroups(scheme: String)
    case marketingGroups
    case elasticityOverall(spend: String, measure: String, revenue: String, elasticity: String)
    case elasticityHeaders(measure: String)
    case budgetLine(budget: String, change: String, total: String, measure: String, expected: String, now: String)
    case elasticityCustomersTitle(shown: Int, of: Int)
    case elasticityCustomerHeaders(measure: String)
    case caveats
    case averageReturn(measure: String)

    /// The value-matrix axes, as a threshold explanation names them.
    public enum Axis: Sendable { case current, potential, both }

    /// The text in `language`.
    public func text(in language: Language) -> String {
        let (en, zh) = pair
        return language == .zh ? zh : en
    }

    /// `text` after this label: "Note: text" in English, "注：text" in Chinese.
    public func labelling(_ text: String, in language: Language) -> String {
        self.text(in: language) + (language == .zh ? "：" : ": ") + text
    }

    /// Column headers, split from a `text` joined with "|".
    public func headers(in language: Language) -> [String] {
        text(in: language).split(separator: "|", omittingEmptySubsequences: false).map(String.init)
    }

    private var pair: (String, String) {
        switch self {
        case .marginOneEverywhere:
            return (
                "profit assumes margin 1: no cost or margin was imported, so profit is revenue",
                "利润按毛利率 1 计算：未导入成本或毛利率，利润即收入"
            )
        case .marginOneOnSome(let share):
            return (
                "profit assumes margin 1 on the \(share) of rows without a cost (profit = revenue there)",
                "没有成本的 \(share) 交易行按毛利率 1 计算利润（利润即收入）"
            )
        case .profitFromMargin(let margin): return ("revenue × margin \(margin)", "收入 × 毛利率 \(margin)")
        case .profitFromCosts(let coverage, let margin):
            return (
                "revenue − cost on \(coverage) of rows, revenue × margin \(margin) on the rest",
                "\(coverage) 的交易行为收入 − 成本，其余为收入 × 毛利率 \(margin)"
            )
        case .profitDefinition: return ("Profit = revenue − cost of goods − discounts; ", "利润 = 收入 − 销货成本 − 折扣；")
        case .noCostColumn(let margin):
            return (
                "no cost column: cost of goods = revenue × (1 − margin \(margin))",
                "没有成本列：销货成本 = 收入 × (1 − 毛利率 \(margin))"
            )
        case .costRecorded(let coverage): return ("cost recorded on \(coverage) of rows", "\(coverage) 的交易行记录了成本")
        case .serviceCostsMissing:
            return ("; service and interaction costs are not in the data yet", "；数据中尚无服务与互动成本")

        case .dataLine(let source, let customers, let asOf):
            return ("Data: \(source): \(customers) customers to \(asOf)", "数据：\(source)：\(customers) 位客户，截至 \(asOf)")
        case .currentValueLine(let start, let months, let days):
            return (
                "Current value: profit after \(start) (\(months) months = \(days) days); historical value: profit "
                    + "to \(start)",
                "当前价值：\(start) 之后的利润（\(months) 个月 = \(days) 天）；历史价值：截至 \(start) 的利润"
            )
        case .horizon(let months, let discount):
            return ("\(months) months, discount \(discount)/month", "\(months) 个月（月折现率 \(discount)）")
        case .potentialByModel(let horizon, let fits):
            return ("Potential value: CLV over \(horizon) × margin (\(fits))", "潜在价值：未来 \(horizon)的终身价值 × 利润率（\(fits)）")
        case .potentialByPresentValue(let horizon, let retention):
            return (
                "Potential value: present value of current profit over \(horizon), \(retention)",
                "潜在价值：当前利润在未来 \(horizon)内的现值，\(retention)"
            )
        case .retention(let annual, let monthly):
            return ("retention \(annual)/year = \(monthly)%/month", "保留率每年 \(annual) = 每月 \(monthly)%")
        case .thresholds(let current, let potential):
            return (
                "Thresholds: current \(current), potential \(potential)", "阈值：当前价值 \(current)，潜在价值 \(potential)"
            )
        case .thresholdRule(let axis, let rule, let why):
            let names: (String, String) =
                switch axis {
                case .current: ("current", "当前价值")
                case .potential: ("potential", "潜在价值")
                case .both: ("both", "两个阈值")
                }
            return ("\(names.0) (\(rule)): \(why)", "\(names.1)（\(rule)）：\(why)")
        case .matrixHeaders:
            return (
                "Group|Customers|Share|Current value|Share|Potential value|Share|Strategy",
                "客户类型|客户数|占比|当前价值|占比|潜在价值|占比|策略"
            )
        case .why: return ("Why:", "理由：")
        case .cubeTitle:
            return ("Value cube (behaviour clusters by k-means inside each group):", "价值立方（各类型内的行为聚类，k-means）：")
        case .cubeHeaders:
            return (
                "Group|Cluster|Customers|Repeat days|Recency days|Basket|Tenure days|Profile",
                "客户类型|聚类|客户数|重复购买|距上次购买天数|客单价|客龄天数|特征"
            )

        case .paretoHeaders: return ("|Revenue|Profit", "|收入|利润")
        case .total: return ("Total", "合计")
        case .gini: return ("Gini", "基尼系数")
        case .customersMaking80: return ("Customers making 80 %", "贡献 80% 的客户")
        case .top20Share: return ("Share of the top 20 %", "前 20% 客户的占比")
        case .curveHeaders: return ("Top customers|Revenue share|Profit share", "前 x% 客户|收入占比|利润占比")
        case .tierHeaders:
            return ("Tier|Customers|Revenue|Revenue share|Profit|Profit share", "价值层级|客户数|收入|收入占比|利润|利润占比")
        case .tierCustomerHeaders:
            return ("customer_id|revenue|cost_of_goods|discounts|profit|tier", "客户编号|收入|销货成本|折扣|利润|层级")
        case .keyAccountsTitle(let count, let by):
            return (
                "Key accounts (top \(count) by \(by.rawValue)):", "大客户（按\(by == .profit ? "利润" : "收入")前 \(count) 名）："
            )
        case .largeUnprofitableTitle(let share, let count):
            return (
                "Large but unprofitable (top \(share) by revenue, low profit tier or a loss): \(count)",
                "收入大但不盈利的客户（收入前 \(share)，利润处于低层级或为负）：\(count) 位"
            )

        case .scoreTitle(let asOf, let customers, let months, let start):
            return (
                "Composite value score as of \(asOf): \(customers) customers; current window: \(months) months "
                    + "(\(start) to \(asOf))",
                "综合价值评分（截至 \(asOf)）：\(customers) 位客户；当前窗口：\(months) 个月（\(start) 至 \(asOf)）"
            )
        case .weightsLine(let method): return ("Weights: \(method)", "权重：\(method)")
        case .weightHeaders: return ("indicator|direction|weight", "指标|方向|权重")
        case .rankHeaders: return ("rank|customer_id|score", "排名|客户编号|得分")
        case .note: return ("Note", "注")
        case .profit: return ("Profit", "利润")
        case .warning: return ("Warning", "警告")
        case .caveat: return ("Caveat", "提示")
        case .explainTitle(let id, let score, let rank, let of):
            return (
                "Customer \(id): score \(score), rank \(rank) of \(of)", "客户 \(id)：得分 \(score)，排名 \(rank) / \(of)"
            )
        case .explainHeaders:
            return ("indicator|direction|value|normalised|weight|points", "指标|方向|数值|标准化|权重|得分")
        case .entropyTitle(let indicators, let rows):
            return (
                "Entropy weights of \(indicators) indicators over \(rows) rows", "熵值法权重：\(indicators) 个指标，\(rows) 行"
            )
        case .entropyHeaders:
            return ("indicator|direction|entropy|1 − entropy|weight", "指标|方向|熵值|1 − 熵值|权重")
        case .ahpTitle(let criteria):
            return ("AHP weights (principal eigenvector) of \(criteria) criteria", "层次分析法权重（主特征向量）：\(criteria) 个准则")
        case .ahpHeaders: return ("criterion|weight", "准则|权重")
        case .ahpConsistency(let lambdaMax, let ci, let ri, let cr):
            let numbers = String(
                format: "λmax = %.6f, CI = %.6f, RI = %.2f (Saaty), CR = %.4f ≤ 0.10", lambdaMax, ci, ri, cr)
            return ("\(numbers): consistent", "\(numbers)：通过一致性检验")
        case .wrote(let count, let path): return ("Wrote \(count) customers to \(path)", "已将 \(count) 位客户写入 \(path)")

        case .creditTitle(let period, let asOf, let rules):
            let what: (String, String)
            switch period {
            case .month: what = ("month", "月")
            case .quarter: what = ("quarter (last 3 months)", "季度（最近 3 个月）")
            case .half: what = ("half-year (last 6 months)", "半年（最近 6 个月）")
            }
            let rulesZh = rules == "built-in" ? "内置" : rules
            return (
                "Credit grades by \(what.0) as of \(asOf), rules: \(rules)", "信用等级（按\(what.1)），截至 \(asOf)，规则：\(rulesZh)"
            )
        case .creditCount(let n): return (" (\(n) grade\(n == 1 ? "" : "s"))", "（共 \(n) 条评级）")
        case .creditHeaders:
            return (
                "customer_id|period|grade|overdue_days|overdue_amount|payment_ratio|reason",
                "客户编号|期间|等级|逾期天数|逾期金额|付款比例|理由"
            )
        case .moreGrades(let n):
            return (
                "… and \(n) more (--limit N, or --format csv for every row)",
                "…… 另有 \(n) 条（--limit N，或用 --format csv 查看全部）"
            )

        case .elasticityTitle(let measure, let start, let end, let months, let groups):
            let zhMeasure = measure == "margin" ? "毛利" : "收入"
            return (
                "Value elasticity: \(measure) per unit of marketing spend, \(start) to \(end) (\(months) months), "
                    + "by \(groups)",
                "价值弹性：每单位营销投入带来的\(zhMeasure)，\(start) 至 \(end)（\(months) 个月），按\(groups)"
            )
        case .rfmGroups(let scheme): return ("RFM segments (\(scheme))", "RFM 客户群（\(scheme)）")
        case .marketingGroups: return ("segments of the marketing file", "营销文件中的客户群")
        case .elasticityOverall(let spend, let measure, let revenue, let elasticity):
            let zhMeasure = measure == "margin" ? "毛利" : "收入"
            return (
                "Overall: spend \(spend), \(measure) of reached customers \(revenue), elasticity \(elasticity)",
                "总体：投入 \(spend)，触达客户的\(zhMeasure) \(revenue)，弹性 \(elasticity)"
            )
        case .elasticityHeaders(let measure):
            let zhMeasure = measure == "margin" ? "毛利" : "收入"
            return (
                "Rank|Group|Customers|Spend|\(measure.capitalized)|Elasticity|Log-log slope (months)|Suggested "
                    + "spend|Change|Expected \(measure)",
                "排名|客户群|客户数|投入|\(zhMeasure)|弹性|对数斜率（月数）|建议投入|变化|预期\(zhMeasure)"
            )
        case .budgetLine(let budget, let change, let total, let measure, let expected, let now):
            let zhMeasure = measure == "margin" ? "毛利" : "收入"
            return (
                "Budget \(budget) split with each group within ±\(change) of its current spend: suggested total "
                    + "\(total); expected \(measure) \(expected) (now \(now)) if each group keeps its ratio.",
                "预算 \(budget) 的分配（各群投入变化不超过当前的 ±\(change)）：建议合计 \(total)；若各群保持其弹性，预期\(zhMeasure) \(expected)（现为 "
                    + "\(now)）。"
            )
        case .elasticityCustomersTitle(let shown, let of):
            return ("Customers by elasticity (\(shown) of \(of)):", "按弹性排列的客户（\(of) 位中的 \(shown) 位）：")
        case .elasticityCustomerHeaders(let measure):
            let zhMeasure = measure == "margin" ? "毛利" : "收入"
            return ("Rank|customer_id|Group|Spend|\(measure.capitalized)|Elasticity", "排名|客户编号|客户群|投入|\(zhMeasure)|弹性")
        case .caveats: return ("Caveats:", "提示：")
        case .averageReturn(let measure):
            let zhMeasure = measure == "margin" ? "毛利" : "收入"
            return (
                "Elasticity is an average return: it credits all \(measure) of the reached customers to the spend, "
                    + "and cannot tell what they would have bought anyway.",
                "弹性是平均回报：它把触达客户的全部\(zhMeasure)都归于投入，无法区分他们本来就会购买的部分。"
            )
        }
    }
}
