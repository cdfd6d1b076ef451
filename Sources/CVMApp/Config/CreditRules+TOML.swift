import CustomerValue
import Foundation
import TOMLKit

/// Credit rules from a TOML file, and back to TOML (a starting point for one's own file).
///
/// Every problem is an `AppError(.invalidFile)` naming the file and, where TOML says, the line and column.
///
/// ```toml
/// [[grade]]                 # best first; a period gets the first grade whose thresholds all hold
/// name = "AAA"
/// max_overdue_days = 0      # the longest overdue of the period, in days
/// max_overdue_share = 0.0   # overdue amount ÷ amount due
/// min_payment_ratio = 1.0   # amount paid ÷ amount due
/// # … more grades; the last one without thresholds
///
/// [[adjustment]]            # caps the grade when all its conditions hold
/// name = "default"
/// unpaid_days_over = 90     # or overdue_days_over, overdue_amount_over
/// at_most = "D"
/// ```
///
/// A file without `[[grade]]` keeps the built-in grades; one without `[[adjustment]]` keeps the
/// built-in adjustment (write `adjustment = []` for none, at the top: in TOML a key after a table
/// header belongs to that table).
extension CreditRules {
    /// The rules in the TOML file at `path`.
    public static func load(toml path: String) throws -> CreditRules {
        let file = URL(fileURLWithPath: path).lastPathComponent
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw AppError(.invalidFile, "cannot read the rules file \(path): check the path (a UTF-8 TOML file)")
        }
        return try parse(toml: text, file: file)
    }

    /// The rules in TOML `text`; `file` names it in messages.
    public static func parse(toml text: String, file: String) throws -> CreditRules {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw AppError(
                .invalidFile,
                "\(file), line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)")
        }
        for key in table.keys where key != "grade" && key != "adjustment" {
            throw AppError(
                .invalidFile,
                "\(file): unknown key \"\(key)\" (the rules have [[grade]] and [[adjustment]] tables)")
        }
        var grades = CreditRules.standard.grades
        if let value = table["grade"] {
            grades = try entries(value, "grade", file).enumerated().map { index, entry in
                let where_ = "\(file): [[grade]] \(index + 1)"
                try known(entry, ["name", "max_overdue_days", "max_overdue_share", "min_payment_ratio"], where_)
                return CreditRules.Grade(
                    try string(entry, "name", where_),
                    maxOverdueDays: try integer(entry, "max_overdue_days", where_),
                    maxOverdueShare: try number(entry, "max_overdue_share", where_),
                    minPaymentRatio: try number(entry, "min_payment_ratio", where_))
            }
        }
        var adjustments = CreditRules.standard.adjustments
        if let value = table["adjustment"] {
            adjustments = try entries(value, "adjustment", file).enumerated().map { index, entry in
                let where_ = "\(file): [[adjustment]] \(index + 1)"
                try known(
                    entry, ["name", "unpaid_days_over", "overdue_days_over", "overdue_amount_over", "at_most"], where_)
                return CreditRules.Adjustment(
                    try string(entry, "name", where_), unpaidDaysOver: try integer(entry, "unpaid_days_over", where_),
                    overdueDaysOver: try integer(entry, "overdue_days_over", where_),
                    overdueAmountOver: try number(entry, "overdue_amount_over", where_),
                    atMost: try string(entry, "at_most", where_))
            }
        }
        do {
            return try CreditRules(grades: grades, adjustments: adjustments)
        } catch let error as CreditRulesError {
            throw AppError(.invalidFile, "\(file): \(error.message)")
        }
    }

    /// The rules as a TOML file that `load(toml:)` reads back.
    public var toml: String {
        var lines = [
            "# cvm credit rules. Grades best first: a period gets the first grade whose thresholds all hold.",
            "# max_overdue_days: longest overdue in the period; max_overdue_share: overdue amount / amount due;",
            "# min_payment_ratio: amount paid / amount due. Leave a threshold out to not check it.",
        ]
        for grade in grades {
            lines += ["", "[[grade]]", "name = \"\(grade.name)\""]
            if let days = grade.maxOverdueDays { lines.append("max_overdue_days = \(days)") }
            if let share = grade.maxOverdueShare { lines.append("max_overdue_share = \(share)") }
            if let ratio = grade.minPaymentRatio { lines.append("min_payment_ratio = \(ratio)") }
        }
        lines += [
            "", "# Adjustments cap the grade when all their conditions hold. For none, remove these and write",
            "# `adjustment = []` at the top of the file.",
        ]
        for adjustment in adjustments {
            lines += ["", "[[adjustment]]", "name = \"\(adjustment.name)\""]
            if let days = adjustment.unpaidDaysOver { lines.append("unpaid_days_over = \(days)") }
            if let days = adjustment.overdueDaysOver { lines.append("overdue_days_over = \(days)") }
            if let amount = adjustment.overdueAmountOver { lines.append("overdue_amount_over = \(amount)") }
            lines.append("at_most = \"\(adjustment.atMost)\"")
        }
        return lines.joined(separator: "\n")
    }

    private static func entries(_ value: TOMLValueConvertible, _ key: String, _ file: String) throws -> [TOMLTable] {
        guard let array = value.array else {
            throw AppError(.invalidFile, "\(file): \(key) must be a list of tables written [[\(key)]]")
        }
        return try array.enumerated().map { index, element in
            guard let table = element.table else {
                throw AppError(.invalidFile, "\(file): [[\(key)]] \(index + 1) is not a table")
            }
            return table
        }
    }

    private static func known(_ table: TOMLTable, _ keys: [String], _ where_: String) throws {
        for key in table.keys where !keys.contains(key) {
            throw AppError(.invalidFile, "\(where_): unknown key \"\(key)\" (known: \(keys.joined(separator: ", ")))")
        }
    }

    private static func string(_ table: TOMLTable, _ key: String, _ where_: String) throws -> String {
        guard let value = table[key] else { throw AppError(.invalidFile, "\(where_): \(key) is missing") }
        guard let text = value.string else {
            throw AppError(.invalidFile, "\(where_): \(key) must be a string in quotes")
        }
        return text
    }

    private static func integer(_ table: TOMLTable, _ key: String, _ where_: String) throws -> Int? {
        guard let value = table[key] else { return nil }
        guard let number = value.int else {
            throw AppError(
                .invalidFile, "\(where_): \(key) must be a whole number of days, found \(value.debugDescription)")
        }
        return number
    }

    private static func number(_ table: TOMLTable, _ key: String, _ where_: String) throws -> Double? {
        guard let value = table[key] else { return nil }
        if let number = value.double { return number }
        if let number = value.int { return Double(number) }
        throw AppError(.invalidFile, "\(where_): \(key) must be a number, found \(value.debugDescription)")
    }
}
