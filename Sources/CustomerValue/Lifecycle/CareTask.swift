/// Where a care task (客户关怀) stands. A task opens from a churn warning; the owner contacts the
/// customer; it ends won back (the customer bought again), lost (with a reason code) or dismissed.
public enum CareTaskStatus: String, CaseIterable, Codable, Sendable {
    case open, contacted, wonBack = "won_back", lost, dismissed

    /// Whether the task is still to be worked on (an analysis run may close it as won back).
    public var isActive: Bool { self == .open || self == .contacted }

    /// The statuses a task in this status may move to.
    public var next: [CareTaskStatus] {
        switch self {
        case .open: [.contacted, .wonBack, .lost, .dismissed]
        case .contacted: [.open, .wonBack, .lost, .dismissed]
        case .wonBack, .lost, .dismissed: []
        }
    }
}

/// One care task for one customer and one warning reason, or one scheduled occasion.
public struct CareTask: Equatable, Sendable {
    public var id: Int64
    public var customerID: String
    /// The warning reason the task was opened for (the first reason of the warning), or the occasion.
    public var reason: CareReason
    /// Every reason of the warning, and its value at risk, when the task was opened (none for an occasion).
    public var reasons: [WarningReason]
    public var valueAtRisk: Double?
    public var status: CareTaskStatus
    /// The account manager (the customer's owner when the task was opened).
    public var owner: String?
    /// The as-of date of the analysis run that opened the task, and the run.
    public var openedOn: Day
    public var openedRun: Int64?
    /// When the status last changed (a date), who changed it, and the note given.
    public var updatedOn: Day?
    public var updatedBy: String?
    public var note: String?
    /// The day the task was closed: for a won-back task the first purchase after it opened.
    public var closedOn: Day?
    /// A lost task's reason code (one of the configured loss reasons).
    public var lossReason: String?
    /// What won a won-back customer back (free text).
    public var wonBy: String?
    /// The date of a scheduled occasion (nil for a task from a warning).
    public var dueOn: Day?

    public init(
        id: Int64, customerID: String, reason: CareReason, reasons: [WarningReason], valueAtRisk: Double?,
        status: CareTaskStatus, owner: String?, openedOn: Day, openedRun: Int64?
    ) {
        self.id = id
        self.customerID = customerID
        self.reason = reason
        self.reasons = reasons
        self.valueAtRisk = valueAtRisk
        self.status = status
        self.owner = owner
        self.openedOn = openedOn
        self.openedRun = openedRun
    }
}

/// A code for why a customer was lost, with its names (a configurable list; the default is the
/// causes the customer-relationship literature lists).
public struct LossReason: Equatable, Sendable, Codable {
    public var code: String
    public var en: String
    public var zh: String

    public init(code: String, en: String, zh: String) {
        self.code = code
        self.en = en
        self.zh = zh
    }

    public func name(in language: Language) -> String { language == .zh ? zh : en }

    /// Unstable quality, no innovation, poor service, a departing employee took the customer,
    /// price, other.
    public static let standard: [LossReason] = [
        LossReason(code: "quality", en: "unstable quality", zh: "质量不稳定"),
        LossReason(code: "innovation", en: "no innovation", zh: "缺乏创新"),
        LossReason(code: "service", en: "poor service", zh: "服务不佳"),
        LossReason(code: "employee_left", en: "a departing employee took the customer", zh: "员工离职带走客户"),
        LossReason(code: "price", en: "price", zh: "价格"),
        LossReason(code: "other", en: "other", zh: "其他"),
    ]
}
