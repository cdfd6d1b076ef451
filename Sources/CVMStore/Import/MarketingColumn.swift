/// The columns of a marketing-spend file (营销投入).
///
/// `date` and `spend` are required, and one of `customer_id` or `segment` (checked by the
/// importer: a row names a customer, or a segment as a whole) — or a `purpose` (acquisition or
/// retention) with a `channel`: spend on a channel as a whole.
public enum MarketingColumn: String, ImportColumn {
    case customerID = "customer_id"
    case segment
    case date
    case spend
    case campaignID = "campaign_id"
    case channel
    case purpose

    public var name: String { rawValue }

    public var synonyms: [String] {
        switch self {
        case .customerID: ["customer_id", "customer", "客户编号", "客户ID", "客户代码"]
        case .segment: ["segment", "customer_segment", "group", "客户群", "客户分群", "分群", "细分市场"]
        case .date: ["date", "period", "month", "spend_date", "日期", "期间", "月份", "投入日期"]
        case .spend: ["spend", "amount", "marketing_spend", "investment", "cost", "营销投入", "投入金额", "投入", "金额", "费用"]
        case .campaignID: ["campaign_id", "campaign", "活动编号", "活动ID", "活动"]
        case .channel: ["channel", "渠道"]
        case .purpose: ["purpose", "spend_type", "objective", "用途", "投入用途", "投入类型", "目的"]
        }
    }

    public var isRequired: Bool { self == .date || self == .spend }

    public var label: String { self == .customerID ? "customer id" : rawValue.replacingOccurrences(of: "_", with: " ") }
}
