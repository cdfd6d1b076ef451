import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

extension CreditPeriod: ExpressibleByArgument {}

/// `cvm credit`: credit grades from payment behaviour.
struct Credit: AsyncParsableCommand {
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
    var period = CreditPeriod(rawValue: Defaults.standard.creditPeriod) ?? .month

    @Flag(help: "With --period month: every month up to --as-of, not only the last.")
    var allMonths = false

    @Flag(help: "Print the rules in use as TOML (a starting point for --rules) and stop.")
    var showRules = false

    @Option(help: "Rows shown in a table (lowest grades first); csv and json hold every row.")
    var limit = Defaults.standard.creditRowsShown

    @Option(help: "Language of the table: en or zh.") var lang: Language = .en

    func validate() throws {
        if allMonths && period != .month {
            throw ValidationError("--all-months applies to --period month; drop it or use --period month")
        }
    }

    func run() async throws {
        let rules = try self.rules.map(CreditRules.load(toml:)) ?? .standard
        if showRules {
            let sink = try output.sink()
            defer { sink.close() }
            sink.line(rules.toml)
            return
        }
        let workspace = try global.openWorkspaceForReading()
        let request = CreditRequest(
            asOf: asOf, rules: rules, rulesName: self.rules, period: period, allMonths: allMonths)
        let result = try await ValueAdvice.run { try await workspace.credit(request) }
        let sink = try output.sink()
        defer { sink.close() }
        switch output.format {
        case .table: sink.line(CreditView.table(result, limit: limit, lang: lang))
        case .csv: result.writeCSV(sink.write)
        case .json: sink.line(try JSONDocument.text(result.document))
        }
    }
}

/// Credit grades as a terminal table.
enum CreditView {
    static func period(_ period: CreditPeriod, lang: Language) -> String {
        switch period {
        case .month: Text.creditByMonth(lang)
        case .quarter: Text.creditByQuarter(lang)
        case .half: Text.creditByHalf(lang)
        }
    }

    static func table(_ result: CreditResult, limit: Int, lang: Language) -> String {
        let grades = result.grades
        var lines = [
            Text.creditTitle(
                lang, CreditView.period(result.period, lang: lang), result.asOf,
                result.rulesName == CreditResult.builtInRules ? Text.creditBuiltInRules(lang) : result.rulesName)
        ]
        lines.append(
            result.distribution.map { "\($0.grade) \($0.customers)" }.joined(separator: " · ")
                + (grades.count == 1 ? Text.creditCountOne(lang) : Text.creditCount(lang, grades.count)))
        var table = TerminalTable(
            headers: Text.creditHeaders.headers(lang),
            alignments: [.left, .left, .left, .right, .right, .right, .left])
        for grade in result.lowestFirst.prefix(limit) {
            table.append([
                grade.customerID, grade.period, grade.grade, String(grade.metrics.maxOverdueDays),
                Number.readable(grade.metrics.overdueAmount), Number.percent(grade.metrics.paymentRatio), grade.reason,
            ])
        }
        lines.append("")
        lines.append(table.render())
        if grades.count > limit { lines.append(Text.cliCreditMore(lang, grades.count - limit)) }
        return lines.joined(separator: "\n")
    }
}
