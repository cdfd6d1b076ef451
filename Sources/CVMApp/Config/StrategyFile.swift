import CustomerValue
import Foundation
import TOMLKit

/// A TOML file of strategies that replace the built-in ones of the groups it names:
///
/// ```toml
/// [champions]
/// strategy = "Invite to the loyalty programme"
/// strategy_zh = "邀请加入会员计划"
/// ```
///
/// Each table names a group (`champions`, `at_risk`, … or a value-matrix group) and sets any of
/// `strategy`, `strategy_zh`, `reason`, `reason_zh`; the fields it leaves out keep the built-in text.
public enum StrategyFile {
    /// Reads `text` (the content of `name`) against the built-in strategies by group key.
    ///
    /// - Throws: `AppError(.invalidFile)` naming the file, and the line and column of a syntax error.
    public static func parse(_ text: String, name: String, builtIn: [String: ValueStrategy]) throws -> [String:
        ValueStrategy]
    {
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let error as TOMLParseError {
            throw AppError(
                .invalidFile, .tomlSyntax, name, error.source.begin.line, error.source.begin.column, error.description,
                facts: [.init("file", name)])
        }
        var strategies: [String: ValueStrategy] = [:]
        for key in table.keys {
            guard let base = builtIn[key] else {
                throw AppError(
                    .invalidFile, .strategyUnknownGroup, name, key, builtIn.keys.sorted().joined(separator: ", ")
                )
            }
            guard let section = table[key]?.table else {
                throw AppError(.invalidFile, .strategyNotATable, name, key)
            }
            var s = base
            for field in section.keys {
                guard let value = section[field]?.string else {
                    throw AppError(.invalidFile, .strategyNotAString, name, key, field)
                }
                switch field {
                case "strategy": s.strategy = value
                case "strategy_zh": s.chineseStrategy = value
                case "reason": s.reason = value
                case "reason_zh": s.chineseReason = value
                default: throw AppError(.invalidFile, .strategyUnknownKey, name, key, field)
                }
            }
            strategies[key] = s
        }
        return strategies
    }

    /// Reads a strategies file; messages name it as `name` (default: its path).
    public static func read(_ url: URL, name: String? = nil, builtIn: [String: ValueStrategy]) throws -> [String:
        ValueStrategy]
    {
        let name = name ?? url.path
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw AppError(.invalidFile, .strategyUnreadable, name, facts: [.init("file", name)])
        }
        return try parse(text, name: name, builtIn: builtIn)
    }

    /// The value-matrix strategies in the file at `path`, by group.
    public static func valueGroups(_ path: String) throws -> [ValueGroup: ValueStrategy] {
        let builtIn = Dictionary(uniqueKeysWithValues: ValueGroup.allCases.map { ($0.rawValue, $0.defaultStrategy) })
        var strategies: [ValueGroup: ValueStrategy] = [:]
        for (key, strategy) in try read(URL(fileURLWithPath: path), name: path, builtIn: builtIn) {
            if let group = ValueGroup(rawValue: key) { strategies[group] = strategy }
        }
        return strategies
    }

    /// The built-in strategies of a segment scheme, by segment key.
    public static func builtIn(_ scheme: SegmentScheme) -> [String: ValueStrategy] {
        switch scheme {
        case .grid: Dictionary(uniqueKeysWithValues: RFMSegment.allCases.map { ($0.rawValue, $0.defaultStrategy) })
        case .importance:
            Dictionary(uniqueKeysWithValues: ImportanceClass.allCases.map { ($0.rawValue, $0.defaultStrategy) })
        }
    }
}
