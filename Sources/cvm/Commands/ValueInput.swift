import ArgumentParser
import CVMApp
import CVMStore
import CustomerValue
import Foundation
import TOMLKit

extension PotentialMethod: ExpressibleByArgument {}
extension KeyAccountMeasure: ExpressibleByArgument {}

/// The evaluation date and how profit is counted; shared by `matrix`, `pareto` and `tiers`.
struct ProfitArguments: ParsableArguments {
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("Evaluation date, YYYY-MM-DD (default: the last transaction date).", valueName: "date"))
    var asOf: Day?

    @Option(help: "Share of revenue that is profit on rows without a cost, 0…1 (rows with a cost use revenue − cost).")
    var margin = 1.0

    func validate() throws {
        guard (0...1).contains(margin) else { throw ValidationError("--margin must be between 0 and 1") }
    }
}

/// The current window and the potential-value settings of `matrix`.
struct PotentialArguments: ParsableArguments {
    @Option(help: "Months in the current window (a month is 365.2425/12 days; 12 months = 365 days).")
    var currentWindow = 12.0

    @Option(help: "Months of future profit in the potential value.")
    var horizon = 12

    @Option(help: "Discount rate per month (0.01 a month is about 12.7 % a year).")
    var discountRate = 0.0

    @Option(
        help:
            "Potential value by: model (BG/NBD + Gamma-Gamma CLV × margin) or pv (current profit per month, retained and discounted)."
    )
    var potential: PotentialMethod = .model

    @Option(help: "Annual retention rate for pv, 0…1 (default: measured on the data).")
    var retention: Double?

    func validate() throws {
        guard currentWindow > 0, currentWindow.isFinite, ValueWindows.days(inMonths: currentWindow) >= 1 else {
            throw ValidationError("--current-window must be a positive number of months")
        }
        guard horizon >= 1, horizon <= 1200 else {
            throw ValidationError("--horizon must be a whole number of months, 1…1200")
        }
        guard discountRate >= 0, discountRate.isFinite else { throw ValidationError("--discount-rate must be ≥ 0") }
        if let retention, !(0...1).contains(retention) {
            throw ValidationError("--retention must be between 0 and 1 (an annual rate, e.g. 0.6)")
        }
    }

    func settings(margin: Double) -> ValueSettings {
        ValueSettings(
            currentWindowMonths: currentWindow, margin: margin, horizonMonths: horizon, discountRate: discountRate,
            retention: retention, method: potential)
    }
}

/// Historical, current and potential value from the database.
struct ValueData {
    var store: Store
    var windows: ValueWindows
    var values: CustomerValues

    static func load(global: GlobalOptions, profit: ProfitArguments, potential: PotentialArguments) throws -> ValueData
    {
        let store = try global.openStore()
        let windows = try store.valueWindows(
            asOf: profit.asOf, currentWindowDays: ValueWindows.days(inMonths: potential.currentWindow))
        // The purchase models run in weeks, the unit of the BTYD literature on CDNOW.
        let summary =
            potential.potential == .model ? try store.summary(SummaryOptions(unit: .week, asOf: windows.asOf)) : nil
        let values = try CustomerValues(
            windows: windows, summary: summary, settings: potential.settings(margin: profit.margin))
        for note in values.notes where note.hasPrefix("the model") || note.hasPrefix("no purchase") {
            FileHandle.standardError.write(Data("Warning: \(note)\n".utf8))
        }
        return ValueData(store: store, windows: windows, values: values)
    }
}

/// Strategies a business wrote for its groups (SPEC A1: editable) — value-matrix groups, RFM
/// segments or the eight importance classes, by their keys — from a TOML file:
///
/// ```toml
/// [retain]
/// strategy = "Quarterly visit by the account manager"
/// strategy_zh = "客户经理每季度拜访"
/// reason = "…"
/// reason_zh = "…"
/// ```
///
/// Groups and keys left out keep the built-in text.
func readStrategies(_ path: String, defaults: [String: ValueStrategy]) throws -> [String: ValueStrategy] {
    let text: String
    do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
        throw ValidationFailure("cannot read the strategies \(path): \(error.localizedDescription)")
    }
    let table: TOMLTable
    do { table = try TOMLTable(string: text) } catch let error as TOMLParseError {
        throw ValidationFailure(
            "\(path), line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)")
    }
    var strategies: [String: ValueStrategy] = [:]
    for key in table.keys {
        guard let builtIn = defaults[key] else {
            throw ValidationFailure(
                "\(path): unknown group [\(key)]; use \(defaults.keys.sorted().joined(separator: ", "))")
        }
        guard let section = table[key]?.table else {
            throw ValidationFailure("\(path): [\(key)] must be a table with strategy, strategy_zh, reason, reason_zh")
        }
        var s = builtIn
        for field in section.keys {
            guard let value = section[field]?.string else {
                throw ValidationFailure("\(path): [\(key)] \(field) must be a string")
            }
            switch field {
            case "strategy": s.strategy = value
            case "strategy_zh": s.chineseStrategy = value
            case "reason": s.reason = value
            case "reason_zh": s.chineseReason = value
            default:
                throw ValidationFailure(
                    "\(path): [\(key)] has an unknown key \"\(field)\"; use strategy, strategy_zh, reason or reason_zh")
            }
        }
        strategies[key] = s
    }
    return strategies
}
