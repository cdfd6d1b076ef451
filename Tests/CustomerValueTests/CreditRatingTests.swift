import Testing

@testable import CustomerValue

/// Credit grades on a hand-made payment history, worked out by hand against the built-in table
/// (AAA: 0 days, 0 % overdue, 100 % paid; AA: ≤ 7 days, ≤ 10 %, ≥ 90 %; A: ≤ 30, ≤ 30 %, ≥ 70 %;
/// B: ≤ 60, ≤ 60 %, ≥ 40 %; C: ≤ 90 days; D; default = unpaid > 90 days → D).
@Suite struct CreditRatingTests {
    static func day(_ text: String) -> Day { Day(iso: text)! }

    /// Customer X:
    /// - I1 100 due 2024-01-10, paid on the day          → January: nothing late → AAA (6)
    /// - I2 100 due 2024-02-10, paid 2024-02-15          → February: 5 days late, paid → AA (5)
    /// - I4 300 due 2024-03-05, paid on the day
    /// - I3 100 due 2024-03-10, never paid               → March (end 03-31): due 400, paid 300 → ratio
    ///   75 %, overdue 100 = 25 %, 21 days → A (4); AA fails on days, share and ratio
    /// - April (end 04-30): only I3 is open: 51 days, 100 % overdue, 0 % paid → C (2)
    /// - May (end 05-31): 82 days → C (2)
    /// - June (end 06-30): 112 days → D (1) by days, and the default rule (unpaid > 90 days)
    static let history = [
        Payment(customerID: "X", due: day("2024-01-10"), paid: day("2024-01-10"), amountDue: 100, amountPaid: 100),
        Payment(customerID: "X", due: day("2024-02-10"), paid: day("2024-02-15"), amountDue: 100, amountPaid: 100),
        Payment(customerID: "X", due: day("2024-03-05"), paid: day("2024-03-05"), amountDue: 300, amountPaid: 300),
        Payment(customerID: "X", due: day("2024-03-10"), paid: nil, amountDue: 100, amountPaid: 0),
    ]

    @Test func monthlyGradesOfAHandMadeHistory() {
        let grades = CreditRating().monthlyGrades(Self.history, asOf: Self.day("2024-06-30"))
        #expect(grades.map(\.period) == ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"])
        #expect(grades.map(\.grade) == ["AAA", "AA", "A", "C", "C", "D"])
        #expect(grades.map(\.score) == [6, 5, 4, 2, 2, 1])
        #expect(grades.map(\.metrics.maxOverdueDays) == [0, 5, 21, 51, 82, 112])
        #expect(grades.map(\.metrics.overdueAmount) == [0, 0, 100, 100, 100, 100])
        #expect(grades.map(\.metrics.paymentRatio) == [1, 1, 0.75, 0, 0, 0])
        #expect(grades.map(\.adjustments) == [[], [], [], [], [], ["default"]])
        #expect(
            grades.map(\.reason) == [
                "meets every AAA threshold",
                "overdue 5 days (AAA allows 0)",
                "overdue 21 days (AA allows 7); overdue amount 25% of due (AA allows 10%); paid 75% of due (AA needs 90%)",
                "overdue amount 100% of due (B allows 60%); paid 0% of due (B needs 40%)",
                "overdue 82 days (B allows 60); overdue amount 100% of due (B allows 60%); paid 0% of due (B needs 40%)",
                "overdue 112 days (C allows 90); default: unpaid 112 days past due (> 90), at most D",
            ])
    }

    /// A default caps the grade even when the thresholds would give a good one: a customer who
    /// pays 99 % of a large bill on time but leaves 1 % unpaid for 100 days. The thresholds see
    /// 100 days (→ D anyway); with a lenient table (one grade "OK" for everything up to 365
    /// days) only the default rule brings it down.
    @Test func defaultAdjustmentCapsTheGrade() throws {
        let rules = try CreditRules(
            grades: [.init("OK", maxOverdueDays: 365), .init("BAD")],
            adjustments: [.init("default", unpaidDaysOver: 90, atMost: "BAD")])
        let payments = [
            Payment(
                customerID: "Y", due: Self.day("2024-01-01"), paid: Self.day("2024-01-01"), amountDue: 1000,
                amountPaid: 990)
        ]
        let march = CreditRating(rules: rules).grades(payments, period: .month, asOf: Self.day("2024-03-31"))
        #expect(march.map(\.grade) == ["OK"])  // 90 days: not over 90
        let april = CreditRating(rules: rules).grades(payments, period: .month, asOf: Self.day("2024-04-30"))
        #expect(april.map(\.grade) == ["BAD"])
        #expect(
            april.first?.reason == "meets every OK threshold; default: unpaid 120 days past due (> 90), at most BAD")
        #expect(april.first?.metrics.overdueAmount == 10)
        #expect(april.first?.metrics.paymentRatio == 0.99)
    }

    /// Quarter as of 2024-03-31: January AAA (6), February AA (5), March A (4): mean 5 → AA.
    @Test func quarterFromThreeMonths() {
        let grades = CreditRating().grades(Self.history, period: .quarter, asOf: Self.day("2024-03-31"))
        #expect(grades.count == 1)
        #expect(grades[0].period == "2024-01..2024-03")
        #expect(grades[0].grade == "AA")
        #expect(
            grades[0].reason
                == "mean score of 3 monthly grades (2024-01 AAA, 2024-02 AA, 2024-03 A) = 5.00, rounded down → AA")
        // The window's own behaviour: all four bills, 600 due, 500 paid, I3 21 days late.
        #expect(grades[0].metrics.amountDue == 600)
        #expect(grades[0].metrics.amountPaid == 500)
        #expect(grades[0].metrics.maxOverdueDays == 21)
    }

    /// Quarter as of 2024-05-31: March A (4), April C (2), May C (2): mean 8/3 = 2.67, rounded
    /// down to 2 → C (not B).
    @Test func quarterMeanIsRoundedDown() {
        let grades = CreditRating().grades(Self.history, period: .quarter, asOf: Self.day("2024-05-31"))
        #expect(grades.map(\.grade) == ["C"])
        #expect(grades[0].reason.hasPrefix("mean score of 3 monthly grades (2024-03 A, 2024-04 C, 2024-05 C) = 2.67"))
    }

    /// Quarter as of 2024-06-30: C, C, D: mean 5/3 → 1 → D, and the default of June.
    /// Half-year: 6+5+4+2+2+1 = 20, mean 3.33 → B, but the default in June caps it at D.
    @Test func anyDefaultInTheWindowGivesTheLowestGrade() {
        let quarter = CreditRating().grades(Self.history, period: .quarter, asOf: Self.day("2024-06-30"))
        #expect(quarter.map(\.grade) == ["D"])
        let half = CreditRating().grades(Self.history, period: .half, asOf: Self.day("2024-06-30"))
        #expect(half.map(\.grade) == ["D"])
        #expect(
            half[0].reason
                == "mean score of 6 monthly grades (2024-01 AAA, 2024-02 AA, 2024-03 A, 2024-04 C, 2024-05 C, 2024-06 D) "
                + "= 3.33, rounded down → B; default in 2024-06, at most D")
    }

    /// A bill due on the last day of the period and unpaid is not late yet.
    @Test func billDueOnTheLastDayCountsFromTheNextDay() {
        let payments = [Payment(customerID: "Z", due: Self.day("2024-01-31"), paid: nil, amountDue: 50, amountPaid: 0)]
        #expect(CreditRating().grades(payments, period: .month, asOf: Self.day("2024-01-31")).isEmpty)
        let february = CreditRating().grades(payments, period: .month, asOf: Self.day("2024-02-10"))
        #expect(february.map(\.metrics.maxOverdueDays) == [10])
        #expect(february.map(\.grade) == ["C"])
    }

    @Test func rulesAreChecked() {
        #expect(throws: CreditRulesError("the rules need at least two grades, best first (found 1)")) {
            try CreditRules(grades: [.init("A")], adjustments: [])
        }
        #expect(throws: CreditRulesError("grade 2 \"A\": the name \"A\" is used twice")) {
            try CreditRules(grades: [.init("A"), .init("A")], adjustments: [])
        }
        #expect(
            throws: CreditRulesError(
                "grade 1 \"A\": max_overdue_share is 5.0; it must be a share from 0 to 1 (e.g. 0.05 for 5%)")
        ) {
            try CreditRules(grades: [.init("A", maxOverdueShare: 5), .init("B")], adjustments: [])
        }
        #expect(throws: CreditRulesError("adjustment \"default\": at_most = \"E\" is not a grade; the grades are A, B"))
        {
            try CreditRules(
                grades: [.init("A"), .init("B")], adjustments: [.init("default", unpaidDaysOver: 90, atMost: "E")])
        }
        #expect(
            throws: CreditRulesError(
                "adjustment \"x\" has no condition: give unpaid_days_over, overdue_days_over or overdue_amount_over")
        ) {
            try CreditRules(grades: [.init("A"), .init("B")], adjustments: [.init("x", atMost: "B")])
        }
    }
}
