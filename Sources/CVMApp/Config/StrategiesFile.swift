import CustomerValue
import Foundation
import TOMLKit

/// Strategies a business wrote for its groups — value-matrix groups, RFM segments or the eight
/// importance classes, by their keys — from a TOML file:
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
public enum StrategiesFile {
    /// The strategies in the file at `path`, by group key, each starting from its built-in text
    /// in `defaults`. Every problem is an `AppError(.invalidFile)` naming the file.
    public static func read(_ path: String, defaults: [String: ValueStrategy]) throws -> [String: ValueStrategy] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw AppError(.invalidFile, "cannot read the strategies \(path): \(error.localizedDescription)")
        }
        return try parse(text, file: path, defaults: defaults)
    }

    /// Parses TOML `text`; `file` names it in messages.
    public static func parse(_ text: String, file path: String, defaults: [String: ValueStrategy]) throws
        -> [String: ValueStrategy]
    {
        func failure(_ message: String) -> AppError { AppError(.invalidFile, message) }
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let error as TOMLParseError {
            throw failure(
                "\(path), line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)")
        }
        var strategies: [String: ValueStrategy] = [:]
        for key in table.keys {
            guard let builtIn = defaults[key] else {
                throw failure("\(path): unknown group [\(key)]; use \(defaults.keys.sorted().joined(separator: ", "))")
            }
            guard let section = table[key]?.table else {
                throw failure("\(path): [\(key)] must be a table with strategy, strategy_zh, reason, reason_zh")
            }
            var s = builtIn
            for field in section.keys {
                guard let value = section[field]?.string else {
                    throw failure("\(path): [\(key)] \(field) must be a string")
                }
                switch field {
                case "strategy": s.strategy = value
                case "strategy_zh": s.chineseStrategy = value
                case "reason": s.reason = value
                case "reason_zh": s.chineseReason = value
                default:
                    throw failure(
                        "\(path): [\(key)] has an unknown key \"\(field)\"; use strategy, strategy_zh, reason or "
                            + "reason_zh"
                    )
                }
            }
            strategies[key] = s
        }
        return strategies
    }

    /// The value-matrix strategies in the file at `path`, by group.
    public static func valueGroups(_ path: String) throws -> [ValueGroup: ValueStrategy] {
        let defaults = Dictionary(uniqueKeysWithValues: ValueGroup.allCases.map { ($0.rawValue, $0.defaultStrategy) })
        var strategies: [ValueGroup: ValueStrategy] = [:]
        for (key, strategy) in try read(path, defaults: defaults) {
            if let group = ValueGroup(rawValue: key) { strategies[group] = strategy }
        }
        return strategies
    }
}
