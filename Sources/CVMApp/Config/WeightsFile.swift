import CustomerValue
import Foundation
import TOMLKit

/// Indicator weights (and optional directions) that a business wrote in a TOML file:
///
/// ```toml
/// [weights]
/// historical = 0.2
/// current = 0.55
/// [directions]      # optional
/// recency = "-"
/// ```
///
/// Names must be `ValueIndicator`s; weights are numbers ≥ 0 (renormalised when scored).
public struct WeightsFile: Sendable, Equatable {
    /// The weights in the catalogue's order (TOML tables do not keep the file's order).
    public var weights: IndicatorWeights
    /// Directions that replace an indicator's own.
    public var directions: [String: Direction]

    public init(weights: IndicatorWeights, directions: [String: Direction] = [:]) {
        self.weights = weights
        self.directions = directions
    }

    /// Reads the file at `path`; every problem is an `AppError(.invalidFile)` naming the file
    /// (and the line and column of a TOML syntax error).
    public static func read(_ path: String) throws -> WeightsFile {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw AppError(.invalidFile, "cannot read \(path): check that the file exists and is readable UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// Parses TOML `text`; `file` names it in messages.
    public static func parse(_ text: String, file path: String) throws -> WeightsFile {
        func failure(_ message: String) -> AppError { AppError(.invalidFile, message) }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw failure(
                "\(path), line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)")
        }
        let known = ValueIndicator.allCases.map(\.rawValue)
        let knownList = known.joined(separator: ", ")
        for key in table.keys where key != "weights" && key != "directions" {
            throw failure("\(path): unknown section or key \"\(key)\"; expected [weights] and optionally [directions]")
        }
        guard let section = table["weights"]?.table else {
            throw failure("\(path): no [weights] table; write e.g.\n[weights]\nhistorical = 0.2\ncurrent = 0.55")
        }
        var pairs: [(String, Double)] = []
        for key in section.keys {
            guard known.contains(key) else {
                throw failure("\(path), [weights]: unknown indicator \"\(key)\"; known indicators: \(knownList)")
            }
            let value = section[key]
            guard let weight = value?.double ?? value?.int.map(Double.init) else {
                throw failure("\(path), [weights] \(key): the weight must be a number")
            }
            guard weight.isFinite, weight >= 0 else {
                throw failure("\(path), [weights] \(key) = \(weight): weights must be ≥ 0")
            }
            pairs.append((key, weight))
        }
        pairs.sort { (known.firstIndex(of: $0.0) ?? 0) < (known.firstIndex(of: $1.0) ?? 0) }
        var directions: [String: Direction] = [:]
        if let section = table["directions"]?.table {
            for key in section.keys {
                guard known.contains(key) else {
                    throw failure("\(path), [directions]: unknown indicator \"\(key)\"; known indicators: \(knownList)")
                }
                guard let symbol = section[key]?.string, let direction = Direction(symbol: symbol) else {
                    throw failure(
                        "\(path), [directions] \(key): write \"+\" (more is better) or \"-\" (less is better)")
                }
                directions[key] = direction
            }
        }
        return WeightsFile(
            weights: IndicatorWeights(names: pairs.map(\.0), weights: pairs.map(\.1)), directions: directions)
    }
}
