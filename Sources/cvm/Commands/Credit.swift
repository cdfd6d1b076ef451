import ArgumentParser
import CVMApp
import CVMStore
import CustomerValue
import Foundation

extension CreditPeriod: ExpressibleByArgument {}

/// `cvm credit`: credit grades from payment behaviour (SPEC V7).
struct Credit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Credit grades (AAA … D) per customer from payment behaviour: month, quarter or half-year.",
        discussion: """
            A month's grade comes from the bills due by its end and open at its start: the longest overdue \
            (days from due date to payment, or to the month's end while unpaid), the overdue amount's share of \
            the amount due, and the payment ratio (paid ÷ due). It is the best grade whose thresholds all hold, \
            then capped by the adjustments (built in: anything unpaid more than 90 days past due → D). A quarter \
            or half-year grade is the mean score of the last 3 or 6 monthly grades rounded down, capped by any \
            adjustment that held in one of those months. Rules: --rules FILE.toml (see --show-rules).

            CSV: customer_id,period,grade,overdue_days,overdue_amount,payment_ratio,reason. \
            See docs/credit-and-elasticity.md.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("Grade up to this day, YYYY-MM-DD (default: the last due or paid date).", valueName: "date"))
    var asOf: Day?

    @Option(
        help: ArgumentHelp("A TOML file of grades and adjustments (default: the built-in table).", valueName: "file"))
    var rules: String?

    @Option(help: "month, quarter (last 3 months) or half (last 6 months).")
    var period: CreditPeriod = .month

    @Flag(help: "With --period month: every month up to --as-of, not only the last.")
    var allMonths = false

    @Flag(help: "Print the rules in use as TOML (a starting point for --rules) and stop.")
    var showRules = false

    @Option(help: "Rows shown in a table (lowest grades first); csv and json hold every row.")
    var limit = 50

    func validate() throws {
        if allMonths && period != .month {
            throw ValidationError("--all-months applies to --period month; drop it or use --period month")
        }
    }

    func run() throws {
        let rules = try self.rules.map(CreditRules.load(toml:)) ?? .standard
        let sink = try output.sink()
        defer { sink.close() }
        if showRules {
            sink.line(rules.toml)
            return
        }
        let store = try global.openStore()
        guard let range = try store.paymentDayRange() else {
            throw ValidationFailure("the database has no payments yet: run `cvm import payments FILE` first")
        }
        let asOf = self.asOf ?? range.upperBound
        let payments = try store.payments()
        let rating = CreditRating(rules: rules)
        let grades =
            allMonths
            ? rating.monthlyGrades(payments, asOf: asOf) : rating.grades(payments, period: period, asOf: asOf)
        let source = self.rules ?? "built-in"
        switch output.format {
        case .table:
            sink.line(
                CreditReport.table(grades, rules: rules, period: period, asOf: asOf, source: source, limit: limit))
        case .csv: CreditReport.writeCSV(grades, to: sink)
        case .json:
            sink.line(
                try jsonText(
                    CreditReport.JSON(
                        as_of: asOf.description, period: allMonths ? "months" : period.rawValue, rules: source,
                        distribution: CreditReport.distribution(grades, rules).map {
                            .init(grade: $0.0, customers: $0.1)
                        },
                        grades: grades.map(CreditReport.JSON.Grade.init))))
        }
    }
}

enum CreditReport {
    static func distribution(_ grades: [CreditGrade], _ rules: CreditRules) -> [(String, Int)] {
        var count: [String: Int] = [:]
        for grade in grades { count[grade.grade, default: 0] += 1 }
        return rules.grades.map { ($0.name, count[$0.name] ?? 0) }
    }

    static func table(
        _ grades: [CreditGrade], rules: CreditRules, period: CreditPeriod, asOf: Day, source: String, limit: Int
    ) -> String {
        let what: String
        switch period {
        case .month: what = "month"
        case .quarter: what = "quarter (last 3 months)"
        case .half: what = "half-year (last 6 months)"
        }
        var lines = ["Credit grades by \(what) as of \(asOf), rules: \(source)"]
        lines.append(
            distribution(grades, rules).map { "\($0.0) \($0.1)" }.joined(separator: " · ")
                + " (\(grades.count) grade\(grades.count == 1 ? "" : "s"))")
        var table = TerminalTable(
            headers: ["customer_id", "period", "grade", "overdue_days", "overdue_amount", "payment_ratio", "reason"],
            alignments: [.left, .left, .left, .right, .right, .right, .left])
        let shown = grades.enumerated().sorted { a, b in
            a.element.score != b.element.score ? a.element.score < b.element.score : a.offset < b.offset
        }.map(\.element)
        for grade in shown.prefix(limit) {
            table.append([
                grade.customerID, grade.period, grade.grade, String(grade.metrics.maxOverdueDays),
                Number.readable(grade.metrics.overdueAmount), Number.percent(grade.metrics.paymentRatio), grade.reason,
            ])
        }
        lines.append("")
        lines.append(table.render())
        if grades.count > limit {
            lines.append("… and \(grades.count - limit) more (--limit N, or --format csv for every row)")
        }
        return lines.joined(separator: "\n")
    }

    static func writeCSV(_ grades: [CreditGrade], to sink: TextSink) {
        sink.line("customer_id,period,grade,overdue_days,overdue_amount,payment_ratio,reason")
        for grade in grades {
            sink.line(
                CSV.row([
                    grade.customerID, grade.period, grade.grade, String(grade.metrics.maxOverdueDays),
                    Number.exact(grade.metrics.overdueAmount), Number.exact(grade.metrics.paymentRatio), grade.reason,
                ]))
        }
    }

    /// `{as_of, period, rules, distribution: [{grade, customers}], grades: [{customer_id, period, …}]}`.
    struct JSON: Encodable {
        struct Count: Encodable {
            let grade: String
            let customers: Int
        }

        struct Grade: Encodable {
            let customer_id, period, start, end, grade: String
            let score, overdue_days, obligations: Int
            let overdue_amount, payment_ratio, amount_due, amount_paid: Double
            let adjustments: [String]
            let reason: String

            init(_ g: CreditGrade) {
                customer_id = g.customerID
                period = g.period
                start = g.start.description
                end = g.end.description
                grade = g.grade
                score = g.score
                overdue_days = g.metrics.maxOverdueDays
                obligations = g.metrics.obligations
                overdue_amount = g.metrics.overdueAmount
                payment_ratio = g.metrics.paymentRatio
                amount_due = g.metrics.amountDue
                amount_paid = g.metrics.amountPaid
                adjustments = g.adjustments
                reason = g.reason
            }
        }

        let as_of, period, rules: String
        let distribution: [Count]
        let grades: [Grade]
    }
}
