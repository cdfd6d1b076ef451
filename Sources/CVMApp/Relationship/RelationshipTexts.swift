import CustomerValue

/// The fixed texts of the complaints, customer 360 and owners outputs, in every `Language`.
public enum RelationshipTexts: Sendable {
    case complaintsTitle(asOf: String, target: String, count: Int)
    case complaintHeaders(by: ComplaintGrouping)
    case overall, noCategory, noOwner
    case withinTargetNote
    case customerTitle(id: String, name: String?, asOf: String)
    case profile, monthsTitle, monthHeaders, summaryTitle, summaryHeaders
    case predictionsTitle(run: Int64, asOf: String)
    case horizon(months: Int)
    case noPredictions
    case interactionsTitle(Int), interactionHeaders
    case complaintsOfCustomer(Int), customerComplaintHeaders
    case keyAccount
    case visitPlanTitle
    case lastContact(String, days: Int), noContact
    case nextContact(String, interval: String, usual: Bool)
    case overdue(days: Int), notOverdue
    case overdueComplaints(Int)
    case open
    case ownersTitle(asOf: String, start: String)
    case ownerHeaders
    case onePersonTitle(Int)
    case onePersonHeaders
    case handOverTitle(owner: String, count: Int, byCLV: Bool)
    case handOverHeaders
    case ownerFromInteractions
    case moreRows(Int)
    /// A profile field by its column name (`region`, `owner`, …).
    case profileField(String)

    public func text(in language: Language) -> String {
        let zh = language == .zh
        switch self {
        case .complaintsTitle(let asOf, let target, let count):
            return zh
                ? "投诉处理时效：截至 \(asOf) 的 \(count) 项投诉，时限 \(target) 小时"
                : "Complaint resolution times: \(count) complaints as of \(asOf), target \(target) hours"
        case .complaintHeaders(let by):
            let key = by == .category ? (zh ? "类别" : "category") : (zh ? "客户" : "customer")
            return zh
                ? "\(key)|投诉|已解决|未解决|中位小时|90%分位小时|未解决占比|时限内解决|满意度|满意度(0–1)"
                : "\(key)|complaints|resolved|open|median h|p90 h|open share|within target|satisfaction|satisfaction (0–1)"
        case .overall: return zh ? "合计" : "overall"
        case .noCategory: return zh ? "（无类别）" : "(no category)"
        case .noOwner: return zh ? "（无负责人）" : "(no owner)"
        case .withinTargetNote:
            return zh
                ? "时限内解决：已解决及已超时未解决的投诉中，在时限内解决的占比（未超时的未解决投诉不计）。满意度：处理后的评分，按其量表。"
                : "Within target: of the complaints resolved or already open longer than the target, the share "
                    + "resolved within it (open ones still inside the target are not counted). Satisfaction: the "
                    + "rating after resolution, on its scale."
        case .customerTitle(let id, let name, let asOf):
            let who = name.map { "\(id) \($0)" } ?? id
            return zh ? "客户 \(who)（截至 \(asOf)）" : "Customer \(who) (as of \(asOf))"
        case .profile: return zh ? "档案" : "Profile"
        case .monthsTitle: return zh ? "按月价值" : "Value by month"
        case .monthHeaders: return zh ? "月份|收入|购买天数" : "month|revenue|purchase days"
        case .summaryTitle: return zh ? "RFM 汇总" : "RFM summary"
        case .summaryHeaders:
            return zh
                ? "订单|购买天数|收入|首购|末购|距今天数|R|F|M|细分"
                : "orders|purchase days|revenue|first|last|recency days|R|F|M|segment"
        case .predictionsTitle(let run, let asOf):
            return zh ? "预测（分析运行 \(run)，截至 \(asOf)）" : "Predictions (analysis run \(run), as of \(asOf))"
        case .horizon(let months):
            return zh ? "未来 \(months) 个月" : "over \(months) months"
        case .noPredictions:
            return zh ? "预测：尚无包含该客户的分析运行" : "Predictions: no stored analysis run has this customer"
        case .interactionsTitle(let n): return zh ? "客户接触（\(n) 次，最近的在前）" : "Interactions (\(n), latest first)"
        case .interactionHeaders:
            return zh ? "日期|方式|负责人|结果|方向|阶段|备注" : "date|channel|owner|outcome|direction|stage|note"
        case .complaintsOfCustomer(let n): return zh ? "投诉（\(n) 项，最近的在前）" : "Complaints (\(n), latest first)"
        case .customerComplaintHeaders:
            return zh
                ? "投诉日期|编号|类别|严重程度|解决|小时|处理结果|满意度"
                : "opened|id|category|severity|resolved|hours|resolution|satisfaction"
        case .keyAccount: return zh ? "大客户" : "key account"
        case .visitPlanTitle: return zh ? "拜访计划（大客户）" : "Visit plan (key account)"
        case .lastContact(let day, let days):
            return zh ? "最近接触：\(day)（\(days) 天前）" : "Last contact: \(day) (\(days) days ago)"
        case .noContact: return zh ? "最近接触：无记录" : "Last contact: none on record"
        case .nextContact(let day, let interval, let usual):
            return zh
                ? "下次接触：\(day)（\(usual ? "该客户通常的接触间隔" : "尚无足够接触记录，按默认间隔") \(interval) 天）"
                : "Next contact: \(day) (\(usual ? "the customer's usual interval" : "too few contacts for a rhythm; the default interval") of \(interval) days)"
        case .overdue(let days): return zh ? "已逾期 \(days) 天" : "overdue by \(days) days"
        case .notOverdue: return zh ? "未逾期" : "not overdue"
        case .overdueComplaints(let n):
            return zh ? "逾期未解决的投诉：\(n) 项" : "Complaints open beyond the target: \(n)"
        case .open: return zh ? "未解决" : "open"
        case .ownersTitle(let asOf, let start):
            return zh ? "客户经理（\(start) 至 \(asOf)）" : "Owners (\(start) to \(asOf))"
        case .ownerHeaders:
            return zh ? "负责人|客户|收入|CLV|大客户|单人维系客户" : "owner|customers|revenue|CLV|key accounts|one-person customers"
        case .onePersonTitle(let n):
            return zh
                ? "完全依赖一人维系的客户：\(n) 位（期间两次以上接触，全部由同一人完成）"
                : "Customers whose whole relationship hangs on one person: \(n) (two or more interactions in the period, all with one person)"
        case .onePersonHeaders: return zh ? "客户|负责人|收入|CLV|接触" : "customer|person|revenue|CLV|interactions"
        case .handOverTitle(let owner, let count, let byCLV):
            let by =
                byCLV
                ? (zh ? "按 CLV 排序" : "by CLV") : (zh ? "按期间收入排序（尚无 CLV）" : "by revenue in the period (no CLV yet)")
            return zh ? "\(owner) 的交接清单：\(count) 位客户，\(by)" : "Hand-over list of \(owner): \(count) customers, \(by)"
        case .handOverHeaders:
            return zh
                ? "客户|收入|CLV|大客户|最近接触|接触人|未解决投诉"
                : "customer|revenue|CLV|key account|last interaction|with|open complaints"
        case .ownerFromInteractions:
            return zh
                ? "无客户经理的客户，归于其最近一次接触的负责人。"
                : "Customers without an owner on file are counted with the owner of their latest interaction."
        case .profileField(let field):
            let names: [String: (String, String)] = [
                "type": ("type", "客户类型"), "email": ("email", "邮箱"), "phone": ("phone", "电话"),
                "region": ("region", "地区"), "industry": ("industry", "行业"), "age_band": ("age band", "年龄段"),
                "gender": ("gender", "性别"), "income_band": ("income band", "收入"), "acquired": ("acquired", "获客日期"),
                "channel": ("channel", "获客渠道"), "owner": ("owner", "客户经理"), "tags": ("tags", "标签"),
                "birthday": ("birthday", "生日"),
            ]
            let name = names[field] ?? (field, field)
            return zh ? name.1 : name.0
        case .moreRows(let n):
            return zh ? "……另有 \(n) 行（CSV 输出含全部）" : "… \(n) more rows (the CSV output has all of them)"
        }
    }

    /// A header text split into its columns.
    public func headers(in language: Language) -> [String] {
        text(in: language).split(separator: "|").map(String.init)
    }
}
