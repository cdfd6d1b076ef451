/// The rule table of the credit rating (信用评估): grades with thresholds on payment
/// behaviour (初始信用分级), and adjustment rules applied on top (规则调整).
///
/// A period's grade is the best grade whose every threshold the period meets; the last grade
/// should have no thresholds, so that every period gets one. Then each adjustment whose
/// conditions all hold caps the grade (`atMost`): the built-in one sends any default — an amount
/// unpaid more than 90 days past its due date — to the lowest grade.
///
/// The built-in table (`standard`), best grade first:
///
/// | grade | score | max overdue days ≤ | overdue amount share ≤ | payment ratio ≥ |
/// |---|---|---|---|---|
/// | AAA | 6 | 0 | 0 % | 100 % |
/// | AA | 5 | 7 | 10 % | 90 % |
/// | A | 4 | 30 | 30 % | 70 % |
/// | B | 3 | 60 | 60 % | 40 % |
/// | C | 2 | 90 | — | — |
/// | D | 1 | — | — | — |
///
/// Days decide the lower grades (1–30, 31–60, 61–90 and over 90 days past due, the usual
/// delinquency buckets); the amount thresholds keep the upper grades for customers who pay
/// (nearly) everything: a single bill still unpaid at the month's end is at best C that month,
/// however few days late, and climbs back once paid.
///
/// Adjustment: `default` — some amount unpaid more than 90 days past due → at most D.
public struct CreditRules: Sendable, Equatable {
    /// One grade and what a period must meet to earn it; nil thresholds are not checked.
    public struct Grade: Sendable, Equatable {
        public var name: String
        /// The longest overdue of the period, in days, may be at most this.
        public var maxOverdueDays: Int?
        /// Overdue amount ÷ amount due may be at most this (0…1).
        public var maxOverdueShare: Double?
        /// Amount paid ÷ amount due must be at least this (0…1).
        public var minPaymentRatio: Double?

        public init(
            _ name: String, maxOverdueDays: Int? = nil, maxOverdueShare: Double? = nil, minPaymentRatio: Double? = nil
        ) {
            self.name = name
            self.maxOverdueDays = maxOverdueDays
            self.maxOverdueShare = maxOverdueShare
            self.minPaymentRatio = minPaymentRatio
        }

        /// Whether the grade has no thresholds (a floor every period meets).
        public var isUnconditional: Bool { maxOverdueDays == nil && maxOverdueShare == nil && minPaymentRatio == nil }
    }

    /// A rule that caps the grade when all its (non-nil) conditions hold.
    public struct Adjustment: Sendable, Equatable {
        public var name: String
        /// Some amount is still unpaid more than this many days after its due date (a default).
        public var unpaidDaysOver: Int?
        /// The longest overdue of the period is more than this many days.
        public var overdueDaysOver: Int?
        /// The overdue amount at the end of the period is more than this.
        public var overdueAmountOver: Double?
        /// The grade is at most this one (a name from the grade table).
        public var atMost: String

        public init(
            _ name: String, unpaidDaysOver: Int? = nil, overdueDaysOver: Int? = nil, overdueAmountOver: Double? = nil,
            atMost: String
        ) {
            self.name = name
            self.unpaidDaysOver = unpaidDaysOver
            self.overdueDaysOver = overdueDaysOver
            self.overdueAmountOver = overdueAmountOver
            self.atMost = atMost
        }
    }

    /// Best grade first. A grade's score is its position from the bottom: the last grade scores 1.
    public private(set) var grades: [Grade]
    public private(set) var adjustments: [Adjustment]

    /// Checks the table.
    ///
    /// - Throws: `CreditRulesError` when there are fewer than two grades, a name repeats or is
    ///   empty, a threshold is out of range (days < 0, shares outside 0…1), or an adjustment has
    ///   no condition or caps at a grade not in the table.
    public init(grades: [Grade], adjustments: [Adjustment]) throws {
        guard grades.count >= 2 else {
            throw CreditRulesError("the rules need at least two grades, best first (found \(grades.count))")
        }
        var seen: Set<String> = []
        for (index, grade) in grades.enumerated() {
            let label = "grade \(index + 1)" + (grade.name.isEmpty ? "" : " \"\(grade.name)\"")
            guard !grade.name.isEmpty else { throw CreditRulesError("\(label) has no name") }
            guard seen.insert(grade.name).inserted else {
                throw CreditRulesError("\(label): the name \"\(grade.name)\" is used twice")
            }
            if let days = grade.maxOverdueDays, days < 0 {
                throw CreditRulesError("\(label): max_overdue_days is \(days); it must be 0 or more")
            }
            for (key, value) in [
                ("max_overdue_share", grade.maxOverdueShare), ("min_payment_ratio", grade.minPaymentRatio),
            ] {
                if let value, !(0...1).contains(value) {
                    throw CreditRulesError(
                        "\(label): \(key) is \(value); it must be a share from 0 to 1 (e.g. 0.05 for 5%)")
                }
            }
        }
        for adjustment in adjustments {
            let label = "adjustment \"\(adjustment.name)\""
            guard
                adjustment.unpaidDaysOver != nil || adjustment.overdueDaysOver != nil
                    || adjustment.overdueAmountOver != nil
            else {
                throw CreditRulesError(
                    "\(label) has no condition: give unpaid_days_over, overdue_days_over or overdue_amount_over")
            }
            guard seen.contains(adjustment.atMost) else {
                throw CreditRulesError(
                    "\(label): at_most = \"\(adjustment.atMost)\" is not a grade; the grades are "
                        + grades.map(\.name).joined(separator: ", "))
            }
        }
        self.grades = grades
        self.adjustments = adjustments
    }

    /// The built-in table (see the type's documentation and docs/credit-and-elasticity.md).
    public static let standard = try! CreditRules(
        grades: [
            Grade("AAA", maxOverdueDays: 0, maxOverdueShare: 0, minPaymentRatio: 1),
            Grade("AA", maxOverdueDays: 7, maxOverdueShare: 0.10, minPaymentRatio: 0.90),
            Grade("A", maxOverdueDays: 30, maxOverdueShare: 0.30, minPaymentRatio: 0.70),
            Grade("B", maxOverdueDays: 60, maxOverdueShare: 0.60, minPaymentRatio: 0.40),
            Grade("C", maxOverdueDays: 90),
            Grade("D"),
        ],
        adjustments: [Adjustment("default", unpaidDaysOver: 90, atMost: "D")])

    /// The score of the grade at `index` (best = `grades.count`, last = 1).
    public func score(ofGradeAt index: Int) -> Int { grades.count - index }

    /// The index of the grade with `score`, clamped to the table.
    public func gradeIndex(forScore score: Int) -> Int { min(max(grades.count - score, 0), grades.count - 1) }

    public func gradeIndex(named name: String) -> Int? { grades.firstIndex { $0.name == name } }
}

/// A credit rule table that cannot be used, with a message saying what to change.
public struct CreditRulesError: Error, LocalizedMessage, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
