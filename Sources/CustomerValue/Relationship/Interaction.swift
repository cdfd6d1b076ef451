/// How a contact with a customer took place (客户接触的方式).
public enum InteractionChannel: String, CaseIterable, Codable, Sendable, LocalizedName {
    case call, visit, email, message, meeting, other

    /// The channel a cell names, in English or Chinese (`call`/`电话`, `visit`/`拜访`, `email`/`邮件`,
    /// `message`/`短信`/`微信`, `meeting`/`会议`, `other`/`其他`), ignoring case and spaces; nil for
    /// anything else.
    public init?(label: String) {
        let key = Self.key(label)
        guard let channel = Self.allCases.first(where: { $0.labels.contains(key) }) else { return nil }
        self = channel
    }

    /// The words each channel is recognised by (compared without case, spaces, `_` and `-`).
    public var labels: [String] {
        switch self {
        case .call: ["call", "phone", "phonecall", "telephone", "电话", "通话", "致电"]
        case .visit: ["visit", "拜访", "上门", "走访", "面访"]
        case .email: ["email", "mail", "邮件", "电子邮件", "电邮"]
        case .message: ["message", "sms", "text", "chat", "wechat", "im", "短信", "微信", "消息", "信息"]
        case .meeting: ["meeting", "会议", "会面", "面谈"]
        case .other: ["other", "其他", "其它"]
        }
    }

    public func name(in language: Language) -> String {
        switch (self, language) {
        case (.call, .en): "call"
        case (.call, .zh): "电话"
        case (.visit, .en): "visit"
        case (.visit, .zh): "拜访"
        case (.email, .en): "email"
        case (.email, .zh): "邮件"
        case (.message, .en): "message"
        case (.message, .zh): "短信/微信"
        case (.meeting, .en): "meeting"
        case (.meeting, .zh): "会议"
        case (.other, .en): "other"
        case (.other, .zh): "其他"
        }
    }

    /// Lower-cased, without spaces, `_`, `-` and `/`.
    static func key(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { !" _-/\t\u{3000}\u{A0}".unicodeScalars.contains($0) })
    }
}

/// Who started a contact: the customer (inbound) or the business (outbound).
public enum InteractionDirection: String, CaseIterable, Codable, Sendable, LocalizedName {
    case inbound, outbound

    /// `inbound`/`in`/`incoming`/`呼入`/`来电`/`来访` or `outbound`/`out`/`outgoing`/`呼出`/`去电`/`外呼`;
    /// nil for anything else.
    public init?(label: String) {
        let key = InteractionChannel.key(label)
        guard let direction = Self.allCases.first(where: { $0.labels.contains(key) }) else { return nil }
        self = direction
    }

    public var labels: [String] {
        switch self {
        case .inbound: ["inbound", "in", "incoming", "呼入", "来电", "来访", "客户发起"]
        case .outbound: ["outbound", "out", "outgoing", "呼出", "去电", "外呼", "回访", "我方发起"]
        }
    }

    public func name(in language: Language) -> String {
        switch (self, language) {
        case (.inbound, .en): "inbound"
        case (.inbound, .zh): "呼入"
        case (.outbound, .en): "outbound"
        case (.outbound, .zh): "呼出"
        }
    }
}

/// The stages of the customer's buying journey (顾客购买过程): need recognition → information
/// search → evaluation → purchase decision → use → after-sales.
public enum JourneyStage: String, CaseIterable, Codable, Sendable, LocalizedName {
    case needRecognition = "need_recognition"
    case search
    case evaluation
    case purchase
    case use
    case afterSales = "after_sales"

    /// The stage a cell names, in English or Chinese; nil for anything else.
    public init?(label: String) {
        let key = InteractionChannel.key(label)
        guard let stage = Self.allCases.first(where: { $0.labels.contains(key) }) else { return nil }
        self = stage
    }

    public var labels: [String] {
        switch self {
        case .needRecognition: ["needrecognition", "need", "需求识别", "需求确认", "认识需求"]
        case .search: ["search", "informationsearch", "信息搜集", "信息收集", "信息搜索"]
        case .evaluation: ["evaluation", "evaluate", "评估比较", "评估", "方案评估"]
        case .purchase: ["purchase", "purchasedecision", "购买决策", "购买"]
        case .use: ["use", "usage", "使用"]
        case .afterSales: ["aftersales", "aftersale", "postpurchase", "售后服务", "售后"]
        }
    }

    public func name(in language: Language) -> String {
        switch (self, language) {
        case (.needRecognition, .en): "need recognition"
        case (.needRecognition, .zh): "需求识别"
        case (.search, .en): "information search"
        case (.search, .zh): "信息搜集"
        case (.evaluation, .en): "evaluation"
        case (.evaluation, .zh): "评估比较"
        case (.purchase, .en): "purchase decision"
        case (.purchase, .zh): "购买决策"
        case (.use, .en): "use"
        case (.use, .zh): "使用"
        case (.afterSales, .en): "after-sales"
        case (.afterSales, .zh): "售后服务"
        }
    }
}

/// One contact with a customer: a call, a visit, an email, a message, a meeting.
public struct Interaction: Equatable, Sendable {
    public var customerID: String
    public var day: Day
    /// The time of day as written in the file (`10:20`, `10:20:30+08:00`), when it had one.
    public var time: String?
    public var channel: InteractionChannel
    /// The account manager or employee who had the contact.
    public var owner: String?
    public var outcome: String?
    public var direction: InteractionDirection?
    public var stage: JourneyStage?
    public var note: String?

    public init(
        customerID: String, day: Day, time: String? = nil, channel: InteractionChannel, owner: String? = nil,
        outcome: String? = nil, direction: InteractionDirection? = nil, stage: JourneyStage? = nil,
        note: String? = nil
    ) {
        self.customerID = customerID
        self.day = day
        self.time = time
        self.channel = channel
        self.owner = owner
        self.outcome = outcome
        self.direction = direction
        self.stage = stage
        self.note = note
    }
}
