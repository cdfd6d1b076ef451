/// The columns of a payments file (信用): one row per amount owed.
public enum PaymentColumn: String, ImportColumn {
    case customerID = "customer_id"
    case invoiceID = "invoice_id"
    case dueDate = "due_date"
    case paidDate = "paid_date"
    case amountDue = "amount_due"
    case amountPaid = "amount_paid"

    public var name: String { rawValue }

    public var synonyms: [String] {
        switch self {
        case .customerID: ["customer_id", "customer", "客户编号", "客户ID", "客户代码"]
        case .invoiceID: ["invoice_id", "invoice", "invoice_no", "bill_id", "发票号", "发票编号", "账单号", "单据号"]
        case .dueDate: ["due_date", "due", "应付日期", "到期日", "到期日期", "应还日期"]
        case .paidDate: ["paid_date", "payment_date", "paid_on", "实付日期", "付款日期", "支付日期", "还款日期"]
        case .amountDue: ["amount_due", "due_amount", "amount", "应付金额", "应还金额", "金额"]
        case .amountPaid: ["amount_paid", "paid_amount", "paid", "实付金额", "已付金额", "还款金额"]
        }
    }

    /// The paid date column is required even though its cells may be empty (= unpaid): a file
    /// without it would make every bill look unpaid.
    public var isRequired: Bool { self == .customerID || self == .dueDate || self == .paidDate || self == .amountDue }

    public var label: String {
        switch self {
        case .customerID: "customer id"
        default: rawValue.replacingOccurrences(of: "_", with: " ")
        }
    }
}
