/// The columns of a survey file (满意度调查): one row per response × attribute (× competitor),
/// and one row per response with an empty attribute for its overall answers.
public enum SurveyColumn: String, ImportColumn {
    case responseID = "response_id"
    case customerID = "customer_id"
    case date
    case wave
    case attribute
    case stage
    case importance
    case expectation
    case adequate
    case performance
    case competitor
    case competitorPerformance = "competitor_performance"
    case satisfaction
    case recommend
    case buyAgain = "buy_again"
    case referrals

    public var name: String { rawValue }

    public var synonyms: [String] {
        switch self {
        case .responseID:
            ["response_id", "respondent_id", "response", "respondent", "答卷编号", "问卷编号", "答卷ID", "受访者编号"]
        case .customerID: ["customer_id", "customer", "客户编号", "客户ID", "客户代码"]
        case .date: ["date", "response_date", "submitted", "日期", "填写日期", "提交日期", "调查日期"]
        case .wave: ["wave", "survey", "survey_wave", "调查批次", "批次", "调查"]
        case .attribute: ["attribute", "item", "属性", "指标", "评价项目"]
        case .stage: ["stage", "journey_stage", "旅程阶段", "阶段", "购买阶段"]
        case .importance: ["importance", "重要性", "重要度"]
        case .expectation: ["expectation", "desired", "desired_expectation", "期望", "期望值", "理想期望"]
        case .adequate: ["adequate", "adequate_expectation", "minimum", "最低期望", "可接受期望", "适当期望"]
        case .performance: ["performance", "perceived", "perceived_performance", "表现", "感知表现", "绩效"]
        case .competitor: ["competitor", "竞争对手", "竞品"]
        case .competitorPerformance:
            ["competitor_performance", "competitor_rating", "竞争对手表现", "竞品表现", "竞争对手评分"]
        case .satisfaction: ["satisfaction", "overall_satisfaction", "满意度", "总体满意度"]
        case .recommend: ["recommend", "likelihood_to_recommend", "nps", "推荐意愿", "推荐可能性"]
        case .buyAgain: ["buy_again", "would_buy_again", "repurchase", "再次购买", "复购意愿"]
        case .referrals: ["referrals", "referrals_given", "推荐人数", "转介绍人数"]
        }
    }

    public var isRequired: Bool { self == .responseID || self == .date }

    public var label: String {
        switch self {
        case .responseID: "response id"
        case .customerID: "customer id"
        default: rawValue.replacingOccurrences(of: "_", with: " ")
        }
    }
}
