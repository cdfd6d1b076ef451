/// One amount a customer owes: an invoice or instalment with its due date, and what
/// was paid on it and when.
///
/// An obligation is paid once: `amountPaid` on `paid`. When `amountPaid` is less than
/// `amountDue`, the rest stays unpaid from the due date on. Overdue days are derived, never
/// stored: `paid − due` for a paid obligation, `end − due` while (part of) it is unpaid at the
/// end of the period looked at.
public struct Payment: Sendable, Equatable {
    public var customerID: String
    public var due: Day
    /// nil while unpaid.
    public var paid: Day?
    public var amountDue: Double
    /// 0 while unpaid.
    public var amountPaid: Double
    public var invoiceID: String?

    public init(
        customerID: String, due: Day, paid: Day?, amountDue: Double, amountPaid: Double, invoiceID: String? = nil
    ) {
        self.customerID = customerID
        self.due = due
        self.paid = paid
        self.amountDue = amountDue
        self.amountPaid = amountPaid
        self.invoiceID = invoiceID
    }

    /// Days past due: until payment when paid by `end`, else until `end` (never negative).
    public func overdueDays(asOf end: Day) -> Int {
        if let paid, paid <= end, amountPaid >= amountDue { return max(0, paid - due) }
        return max(0, end - due)
    }
}

/// Payment behaviour over one period (a month, or the months of a quarter or half-year).
///
/// The obligations looked at are those due by the period's end that were still open at its
/// start: due in the period, or due earlier and paid in the period or not (fully) paid by its
/// end. So an old unpaid invoice weighs on every month until it is paid. A bill due on the
/// period's last day and not paid by then is not late yet: it counts from the next period.
public struct CreditMetrics: Sendable, Equatable {
    public var obligations: Int
    /// Sum of the amounts due of the obligations looked at.
    public var amountDue: Double
    /// What was paid on them by the period's end (at most the amount due of each).
    public var amountPaid: Double
    /// The longest overdue: days from due date to payment, or to the period's end while unpaid.
    public var maxOverdueDays: Int
    /// Amounts past their due date and unpaid at the period's end.
    public var overdueAmount: Double
    /// Days past due of the oldest amount still unpaid at the period's end (0 when none is).
    public var longestUnpaidDays: Int

    /// Amount paid ÷ amount due (1 when nothing was due).
    public var paymentRatio: Double { amountDue > 0 ? amountPaid / amountDue : 1 }
    /// Overdue amount ÷ amount due (0 when nothing was due).
    public var overdueShare: Double { amountDue > 0 ? overdueAmount / amountDue : 0 }

    public init(
        obligations: Int, amountDue: Double, amountPaid: Double, maxOverdueDays: Int, overdueAmount: Double,
        longestUnpaidDays: Int
    ) {
        self.obligations = obligations
        self.amountDue = amountDue
        self.amountPaid = amountPaid
        self.maxOverdueDays = maxOverdueDays
        self.overdueAmount = overdueAmount
        self.longestUnpaidDays = longestUnpaidDays
    }

    /// The behaviour of one customer's `payments` over `start…end`; nil when no obligation falls
    /// in the period.
    public init?<Payments: Sequence<Payment>>(_ payments: Payments, from start: Day, through end: Day) {
        var metrics = CreditMetrics(
            obligations: 0, amountDue: 0, amountPaid: 0, maxOverdueDays: 0, overdueAmount: 0, longestUnpaidDays: 0)
        for payment in payments where payment.due <= end {
            let paidByEnd = payment.paid.map { $0 <= end } ?? false
            let paidAmount = paidByEnd ? min(payment.amountPaid, payment.amountDue) : 0
            let outstanding = payment.amountDue - paidAmount
            let settledBeforeStart = payment.paid.map { $0 < start } ?? false
            // Settled before the period, or a zero amount due before it.
            if outstanding <= 0 && (settledBeforeStart || (payment.paid == nil && payment.due < start)) { continue }
            // Due on the last day and nothing paid yet: not late, so not counted before tomorrow.
            if payment.due == end && paidAmount == 0 && !paidByEnd { continue }
            metrics.obligations += 1
            metrics.amountDue += payment.amountDue
            metrics.amountPaid += paidAmount
            let overdue: Int
            if outstanding > 0 {
                overdue = max(0, end - payment.due)
                if end > payment.due {
                    metrics.overdueAmount += outstanding
                    metrics.longestUnpaidDays = max(metrics.longestUnpaidDays, end - payment.due)
                }
            } else {
                overdue = payment.paid.map { max(0, $0 - payment.due) } ?? 0
            }
            metrics.maxOverdueDays = max(metrics.maxOverdueDays, overdue)
        }
        guard metrics.obligations > 0 else { return nil }
        self = metrics
    }
}
