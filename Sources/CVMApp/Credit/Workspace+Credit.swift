import CVMStore
import CustomerValue

/// Which credit grades to compute.
public struct CreditRequest: Equatable, Sendable {
    /// Grade up to this day (default: the last due or paid date).
    public var asOf: Day?
    /// The grades and adjustments (default: the built-in table, `CreditRules.standard`).
    public var rules: CreditRules?
    /// How to name the rules in the output (a file name); default "built-in".
    public var rulesName: String?
    /// Default: `Defaults.creditPeriod`.
    public var period: CreditPeriod?
    /// Every month up to the as-of date instead of the last period (monthly grades only).
    public var allMonths: Bool

    public init(
        asOf: Day? = nil, rules: CreditRules? = nil, rulesName: String? = nil, period: CreditPeriod? = nil,
        allMonths: Bool = false
    ) {
        self.asOf = asOf
        self.rules = rules
        self.rulesName = rulesName
        self.period = period
        self.allMonths = allMonths
    }
}

extension Workspace {
    /// The credit period of a request that leaves it out.
    public var defaultCreditPeriod: CreditPeriod { CreditPeriod(rawValue: defaults.creditPeriod) ?? .month }

    /// Credit grades (AAA … D) per customer from payment behaviour (docs/credit-and-elasticity.md).
    ///
    /// - Throws: `AppError(.noData)` without payments; `.invalidRequest` for all months with a
    ///   period other than the month.
    public func credit(_ request: CreditRequest) async throws -> CreditResult {
        let period = request.period ?? defaultCreditPeriod
        if request.allMonths && period != .month {
            throw AppError(.invalidRequest, "every month can be graded by the month only, not by \(period.rawValue)")
        }
        guard let range = try await run({ try await store.paymentDayRange() }) else {
            throw AppError(.noData, "the database has no payments yet", facts: [.init("needs", "payments")])
        }
        let asOf = request.asOf ?? range.upperBound
        let rules = request.rules ?? .standard
        let payments = try await run { try await store.payments() }
        let rating = CreditRating(rules: rules)
        let grades =
            request.allMonths
            ? rating.monthlyGrades(payments, asOf: asOf) : rating.grades(payments, period: period, asOf: asOf)
        return CreditResult(
            grades: grades, rules: rules, rulesName: request.rulesName ?? CreditResult.builtInRules, period: period,
            allMonths: request.allMonths, asOf: asOf)
    }
}

/// Credit grades with their distribution, CSV rows and JSON document.
public struct CreditResult: Sendable, Tabular {
    public let grades: [CreditGrade]
    public let rules: CreditRules
    /// The rules file's name, or `builtInRules`.
    public let rulesName: String
    /// The `rulesName` of the built-in rules.
    public static let builtInRules = "built-in"
    public let period: CreditPeriod
    public let allMonths: Bool
    public let asOf: Day

    /// Customers per grade, best grade first (grades nobody has included).
    public var distribution: [(grade: String, customers: Int)] {
        var count: [String: Int] = [:]
        for grade in grades { count[grade.grade, default: 0] += 1 }
        return rules.grades.map { ($0.name, count[$0.name] ?? 0) }
    }

    /// The grades lowest first (ties in customer order), as a table shows them.
    public var lowestFirst: [CreditGrade] {
        grades.enumerated().sorted { a, b in
            a.element.score != b.element.score ? a.element.score < b.element.score : a.offset < b.offset
        }.map(\.element)
    }

    public var columns: [String] {
        ["customer_id", "period", "grade", "overdue_days", "overdue_amount", "payment_ratio", "reason"]
    }
    public var rowCount: Int { grades.count }

    public func fields(_ i: Int) -> [String] {
        let g = grades[i]
        return [
            g.customerID, g.period, g.grade, String(g.metrics.maxOverdueDays), Number.exact(g.metrics.overdueAmount),
            Number.exact(g.metrics.paymentRatio), g.reason,
        ]
    }

    /// `{as_of, period, rules, distribution: [{grade, customers}], grades: [{customer_id, period, …}]}`.
    public var document: Document { Document(self) }

    public struct Document: Encodable, Sendable {
        public struct Count: Encodable, Sendable {
            public let grade: String
            public let customers: Int
        }
        public struct Grade: Encodable, Sendable {
            public let customerID, period, start, end, grade: String
            public let score, overdueDays, obligations: Int
            public let overdueAmount, paymentRatio, amountDue, amountPaid: Double
            public let adjustments: [String]
            public let reason: String

            init(_ g: CreditGrade) {
                customerID = g.customerID
                period = g.period
                start = g.start.description
                end = g.end.description
                grade = g.grade
                score = g.score
                overdueDays = g.metrics.maxOverdueDays
                obligations = g.metrics.obligations
                overdueAmount = g.metrics.overdueAmount
                paymentRatio = g.metrics.paymentRatio
                amountDue = g.metrics.amountDue
                amountPaid = g.metrics.amountPaid
                adjustments = g.adjustments
                reason = g.reason
            }
        }

        public let asOf, period, rules: String
        public let distribution: [Count]
        public let grades: [Grade]

        init(_ r: CreditResult) {
            asOf = r.asOf.description
            period = r.allMonths ? "months" : r.period.rawValue
            rules = r.rulesName
            distribution = r.distribution.map { Count(grade: $0.grade, customers: $0.customers) }
            grades = r.grades.map(Grade.init)
        }
    }
}
