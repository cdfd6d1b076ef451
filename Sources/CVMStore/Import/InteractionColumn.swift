/// The columns of an interactions file (客户接触): one row per call, visit, email, message or meeting.
public enum InteractionColumn: String, ImportColumn {
    case customerID = "customer_id"
    case date
    case channel
    case owner
    case outcome
    case direction
    case stage
    case note

    public var name: String { rawValue }

    public var synonyms: [String] {
        switch self {
        case .customerID: ["customer_id", "customer", "客户编号", "客户ID", "客户代码"]
        case .date:
            [
                "date", "datetime", "date_time", "contact_date", "interaction_date", "日期", "接触日期", "联系日期",
                "接触时间", "联系时间", "跟进日期", "跟进时间",
            ]
        case .channel: ["channel", "contact_channel", "type", "渠道", "方式", "接触方式", "联系方式", "跟进方式"]
        case .owner: ["owner", "account_manager", "employee", "staff", "负责人", "客户经理", "跟进人", "员工", "销售"]
        case .outcome: ["outcome", "result", "结果", "接触结果", "联系结果", "跟进结果"]
        case .direction: ["direction", "方向", "呼叫方向", "发起方"]
        case .stage: ["stage", "journey_stage", "阶段", "购买阶段", "旅程阶段", "顾客阶段"]
        case .note: ["note", "notes", "remark", "remarks", "comment", "备注", "说明", "内容", "记录"]
        }
    }

    public var isRequired: Bool { self == .customerID || self == .date || self == .channel }

    public var label: String { self == .customerID ? "customer id" : rawValue }
}

/// The columns of a complaints file (投诉): one row per complaint.
public enum ComplaintColumn: String, ImportColumn {
    case customerID = "customer_id"
    case complaintID = "complaint_id"
    case opened
    case category
    case severity
    case resolved
    case resolution
    case satisfaction
    case channel

    public var name: String { rawValue }

    public var synonyms: [String] {
        switch self {
        case .customerID: ["customer_id", "customer", "客户编号", "客户ID", "客户代码"]
        case .complaintID: ["complaint_id", "ticket_id", "ticket", "case_id", "投诉编号", "投诉单号", "工单号", "工单编号"]
        case .opened:
            ["opened", "opened_at", "open_date", "date", "created", "投诉日期", "投诉时间", "受理日期", "受理时间", "日期"]
        case .category: ["category", "type", "complaint_type", "类别", "投诉类别", "投诉类型", "类型"]
        case .severity: ["severity", "priority", "level", "严重程度", "严重性", "等级", "级别"]
        case .resolved:
            [
                "resolved", "resolved_at", "resolved_date", "closed", "closed_at", "解决日期", "解决时间", "结案日期",
                "结案时间", "处理完成时间",
            ]
        case .resolution: ["resolution", "solution", "处理结果", "解决方案", "处理方式", "处理意见"]
        case .satisfaction: ["satisfaction", "rating", "满意度", "处理满意度", "回访满意度", "评分"]
        case .channel: ["channel", "source", "渠道", "投诉渠道", "来源"]
        }
    }

    /// The resolved column is required even though its cells may be empty (= still open): a file
    /// without it would make every complaint look open.
    public var isRequired: Bool { self == .customerID || self == .opened || self == .resolved }

    public var label: String {
        switch self {
        case .customerID: "customer id"
        case .complaintID: "complaint id"
        default: rawValue
        }
    }
}
