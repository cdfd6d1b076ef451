import Foundation

/// The span a credit grade covers.
public enum CreditPeriod: String, CaseIterable, Sendable {
    /// One calendar month, graded from that month's payment behaviour.
    case month
    /// The last 3 months, from their monthly grades.
    case quarter
    /// The last 6 months, from their monthly grades.
    case half

    public var months: Int {
        switch self {
        case .month: 1
        case .quarter: 3
        case .half: 6
        }
    }
}

/// One customer's grade for one period, with the behaviour behind it and why.
public struct CreditGrade: Sendable, Equatable {
    public var customerID: String
    /// `2024-03` for a month, `2024-01..2024-03` for a quarter or half-year.
    public var period: String
    public var start: Day
    public var end: Day
    public var grade: String
    /// 1 for the lowest grade up to the number of grades for the best.
    public var score: Int
    public var metrics: CreditMetrics
    /// Names of the adjustment rules whose conditions held (whether or not they lowered the grade).
    public var adjustments: [String]
    /// Why: the thresholds of the next better grade that were missed, the adjustments that held,
    /// or how the monthly grades were combined.
    public var reason: String
}

/// The credit rating of (信用评估): a grade per customer and month from payment
/// behaviour, then quarter and half-year grades from the last 3 and 6 monthly grades.
///
/// - Monthly grade: the `CreditMetrics` of the month (obligations due by its end and open at its
///   start; the end is the as-of day in the as-of month) graded by `CreditRules`: the best grade
///   whose thresholds all hold, then capped by each adjustment whose conditions hold.
/// - Quarter / half-year grade: the mean score of the monthly grades of the last 3 / 6 months
///   (months with nothing due have no grade and are left out), **rounded down**, then capped by
///   every adjustment that held in any of those months — one default in the window is enough.
///   Its metrics are those of the whole window.
///
/// ```swift
/// let grades = CreditRating().grades(payments, period: .quarter, asOf: Day(iso: "2024-06-30")!)
/// ```
public struct CreditRating: Sendable {
    public var rules: CreditRules

    public init(rules: CreditRules = .standard) {
        self.rules = rules
    }

    /// The grade (index into `rules.grades`) that `metrics` earn, the adjustments that held, and why.
    public func grade(_ metrics: CreditMetrics) -> (index: Int, adjustments: [String], reason: String) {
        let grades = rules.grades
        var index = grades.indices.first { meets(metrics, grades[$0]) } ?? grades.count - 1
        var reasons: [String]
        if index == 0 {
            reasons = ["meets every \(grades[0].name) threshold"]
        } else {
            let better = grades[index - 1]
            reasons = missed(metrics, better)
        }
        var held: [String] = []
        for adjustment in rules.adjustments where holds(adjustment, metrics) {
            held.append(adjustment.name)
            let cap = rules.gradeIndex(named: adjustment.atMost)!
            index = max(index, cap)
            reasons.append("\(adjustment.name): \(describe(adjustment, metrics)), at most \(adjustment.atMost)")
        }
        return (index, held, reasons.joined(separator: "; "))
    }

    /// Every monthly grade of every customer, from the month of each customer's first due date
    /// through the month of `asOf`; months with nothing due are left out. In the order the
    /// customers first appear in `payments`, then by month.
    public func monthlyGrades(_ payments: [Payment], asOf: Day) -> [CreditGrade] {
        var result: [CreditGrade] = []
        for (customer, list) in Self.byCustomer(payments) {
            guard let first = list.map(\.due).min(), first <= asOf else { continue }
            var month = CalendarMonth(first)
            let last = CalendarMonth(asOf)
            while month <= last {
                if let grade = monthlyGrade(customer, list, month, asOf: asOf) { result.append(grade) }
                month = month.adding(1)
            }
        }
        return result
    }

    /// The grade of each customer for the period ending with the month of `asOf`: the month's
    /// grade, or the quarter / half-year grade from the monthly grades of the last 3 / 6 months.
    /// Customers with nothing due in the period have no grade.
    public func grades(_ payments: [Payment], period: CreditPeriod, asOf: Day) -> [CreditGrade] {
        let last = CalendarMonth(asOf)
        let months = (0..<period.months).map { last.adding($0 - period.months + 1) }
        var result: [CreditGrade] = []
        for (customer, list) in Self.byCustomer(payments) {
            let monthly = months.compactMap { monthlyGrade(customer, list, $0, asOf: asOf) }
            guard !monthly.isEmpty else { continue }
            if period == .month {
                result.append(monthly[0])
                continue
            }
            result.append(combined(customer, list, monthly, from: months[0].firstDay, through: asOf, months: months))
        }
        return result
    }

    /// Combines monthly grades: mean score rounded down, then the adjustments that held in any month.
    func combined(
        _ customer: String, _ payments: [Payment], _ monthly: [CreditGrade], from start: Day, through end: Day,
        months: [CalendarMonth]
    ) -> CreditGrade {
        let total = monthly.reduce(0) { $0 + $1.score }
        var index = rules.gradeIndex(forScore: total / monthly.count)
        let mean = Double(total) / Double(monthly.count)
        let list = monthly.map { "\($0.period) \($0.grade)" }.joined(separator: ", ")
        var reasons = [
            "mean score of \(monthly.count) monthly grade\(monthly.count == 1 ? "" : "s") (\(list)) = "
                + String(format: "%.2f", mean) + ", rounded down → \(rules.grades[index].name)"
        ]
        var held: [String] = []
        for adjustment in rules.adjustments {
            let inMonths = monthly.filter { $0.adjustments.contains(adjustment.name) }.map(\.period)
            guard !inMonths.isEmpty else { continue }
            held.append(adjustment.name)
            index = max(index, rules.gradeIndex(named: adjustment.atMost)!)
            reasons.append("\(adjustment.name) in \(inMonths.joined(separator: ", ")), at most \(adjustment.atMost)")
        }
        let metrics =
            CreditMetrics(payments, from: start, through: end)
            ?? CreditMetrics(
                obligations: 0, amountDue: 0, amountPaid: 0, maxOverdueDays: 0, overdueAmount: 0, longestUnpaidDays: 0)
        return CreditGrade(
            customerID: customer, period: "\(months.first!)..\(months.last!)", start: start, end: end,
            grade: rules.grades[index].name, score: rules.score(ofGradeAt: index), metrics: metrics, adjustments: held,
            reason: reasons.joined(separator: "; "))
    }

    private func monthlyGrade(_ customer: String, _ payments: [Payment], _ month: CalendarMonth, asOf: Day)
        -> CreditGrade?
    {
        let start = month.firstDay
        let end = min(month.lastDay, asOf)
        guard start <= end, let metrics = CreditMetrics(payments, from: start, through: end) else { return nil }
        let (index, held, reason) = grade(metrics)
        return CreditGrade(
            customerID: customer, period: month.description, start: start, end: end, grade: rules.grades[index].name,
            score: rules.score(ofGradeAt: index), metrics: metrics, adjustments: held, reason: reason)
    }

    private func meets(_ m: CreditMetrics, _ grade: CreditRules.Grade) -> Bool {
        if let days = grade.maxOverdueDays, m.maxOverdueDays > days { return false }
        if let share = grade.maxOverdueShare, m.overdueShare > share + 1e-12 { return false }
        if let ratio = grade.minPaymentRatio, m.paymentRatio < ratio - 1e-12 { return false }
        return true
    }

    private func missed(_ m: CreditMetrics, _ grade: CreditRules.Grade) -> [String] {
        var missed: [String] = []
        if let days = grade.maxOverdueDays, m.maxOverdueDays > days {
            missed.append("overdue \(m.maxOverdueDays) days (\(grade.name) allows \(days))")
        }
        if let share = grade.maxOverdueShare, m.overdueShare > share + 1e-12 {
            missed.append(
                "overdue amount \(Self.percent(m.overdueShare)) of due (\(grade.name) allows \(Self.percent(share)))")
        }
        if let ratio = grade.minPaymentRatio, m.paymentRatio < ratio - 1e-12 {
            missed.append("paid \(Self.percent(m.paymentRatio)) of due (\(grade.name) needs \(Self.percent(ratio)))")
        }
        return missed
    }

    private func holds(_ a: CreditRules.Adjustment, _ m: CreditMetrics) -> Bool {
        if let days = a.unpaidDaysOver, m.longestUnpaidDays <= days { return false }
        if let days = a.overdueDaysOver, m.maxOverdueDays <= days { return false }
        if let amount = a.overdueAmountOver, m.overdueAmount <= amount { return false }
        return true
    }

    private func describe(_ a: CreditRules.Adjustment, _ m: CreditMetrics) -> String {
        var parts: [String] = []
        if let days = a.unpaidDaysOver { parts.append("unpaid \(m.longestUnpaidDays) days past due (> \(days))") }
        if let days = a.overdueDaysOver { parts.append("overdue \(m.maxOverdueDays) days (> \(days))") }
        if let amount = a.overdueAmountOver {
            parts.append("overdue amount \(Self.amount(m.overdueAmount)) (> \(Self.amount(amount)))")
        }
        return parts.joined(separator: " and ")
    }

    /// Payments grouped by customer, in order of first appearance.
    static func byCustomer(_ payments: [Payment]) -> [(String, [Payment])] {
        var order: [String] = []
        var groups: [String: [Payment]] = [:]
        for payment in payments {
            if groups[payment.customerID] == nil { order.append(payment.customerID) }
            groups[payment.customerID, default: []].append(payment)
        }
        return order.map { ($0, groups[$0]!) }
    }

    /// `0.954` → `95.4%`, `1` → `100%`.
    static func percent(_ share: Double) -> String { trimmed(String(format: "%.1f", share * 100)) + "%" }

    /// `1000` → `1000`, `12.5` → `12.50`.
    static func amount(_ value: Double) -> String {
        NumberText.plain(value)
    }

    private static func trimmed(_ text: String) -> String { text.hasSuffix(".0") ? String(text.dropLast(2)) : text }
}
