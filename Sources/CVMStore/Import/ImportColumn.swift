/// A column an importer understands, with the header names it is recognised by.
public protocol ImportColumn: CaseIterable, Hashable, Sendable {
    /// The canonical name, used in `--map` and messages: `customer_id`, `date`, `amount`, …
    var name: String { get }
    /// Header names recognised without a `--map` (compared by `ColumnMapping.normalised`).
    var synonyms: [String] { get }
    /// Whether the file must have this column.
    var isRequired: Bool { get }
    /// How the column is described in "has no … column": `customer id`, `date`, …
    var label: String { get }
}

/// The columns of a transactions file.
public enum TransactionColumn: String, ImportColumn {
    case customerID = "customer_id"
    case date
    case amount
    case time
    case orderID = "order_id"
    case product
    case category
    case quantity
    case cost
    case channel
    case discount

    public var name: String { rawValue }

    public var synonyms: [String] {
        switch self {
        case .customerID: ["customer_id", "customer", "客户编号", "客户ID", "客户代码"]
        case .date: ["date", "order_date", "日期", "交易日期", "下单日期"]
        case .amount: ["amount", "value", "金额", "交易金额"]
        case .time: ["time", "时间"]
        case .orderID: ["order_id", "订单号", "订单编号"]
        case .product: ["product", "产品", "商品"]
        case .category: ["category", "品类", "类别"]
        case .quantity: ["quantity", "数量"]
        case .cost: ["cost", "成本"]
        case .channel: ["channel", "渠道"]
        case .discount: ["discount", "折扣"]
        }
    }

    public var isRequired: Bool { self == .customerID || self == .date || self == .amount }

    /// The column of the `transactions` table.
    var sqlName: String { rawValue }

    public var label: String { self == .customerID ? "customer id" : rawValue.replacingOccurrences(of: "_", with: " ") }
}

/// The columns of a customers file.
public enum CustomerColumn: String, ImportColumn {
    case customerID = "customer_id"
    case name
    case type
    case email
    case phone
    case region
    case industry
    case ageBand = "age_band"
    case gender
    case incomeBand = "income_band"
    case acquired
    case channel
    case owner
    case tags
    case birthday

    public var name: String { rawValue }

    public var synonyms: [String] {
        switch self {
        case .customerID: ["customer_id", "customer", "id", "客户编号", "客户ID", "客户代码"]
        case .name: ["name", "customer_name", "姓名", "客户名称", "名称"]
        case .type: ["type", "customer_type", "客户类型"]
        case .email: ["email", "e-mail", "邮箱", "电子邮件"]
        case .phone: ["phone", "mobile", "电话", "手机"]
        case .region: ["region", "地区", "区域"]
        case .industry: ["industry", "occupation", "行业", "职业"]
        case .ageBand: ["age_band", "age", "年龄段"]
        case .gender: ["gender", "sex", "性别"]
        case .incomeBand: ["income_band", "income", "收入"]
        case .acquired: ["acquired", "acquisition_date", "获客日期"]
        case .channel: ["channel", "acquisition_channel", "获客渠道", "渠道"]
        case .owner: ["owner", "account_manager", "客户经理"]
        case .tags: ["tags", "标签"]
        case .birthday: ["birthday", "date_of_birth", "birth_date", "dob", "生日", "出生日期"]
        }
    }

    public var isRequired: Bool { self == .customerID }

    public var label: String { self == .customerID ? "customer id" : rawValue.replacingOccurrences(of: "_", with: " ") }
}
