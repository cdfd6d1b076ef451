import ArgumentParser
import CVMApp
import CVMStore
import CustomerValue
import Foundation
import TOMLKit

/// The small files analysts give `cvm weights` and `cvm scores`: indicator tables and pairwise
/// comparison matrices as CSV, weights as TOML. Every error names the file, line and column.
enum ScoringInput {
    typealias Record = CSVRecords.Record

    /// The records of a small CSV file, with their line numbers.
    static func records(_ path: String) throws -> [Record] {
        try CSVRecords(URL(fileURLWithPath: path)).records
    }

    /// A number, or a fraction `a/b` (for AHP judgements such as `1/3`).
    static func number(_ text: String, fractions: Bool = false) -> Double? {
        if fractions, let slash = text.firstIndex(of: "/") {
            guard let a = Double(text[..<slash].trimmingCharacters(in: .whitespaces)),
                let b = Double(text[text.index(after: slash)...].trimmingCharacters(in: .whitespaces)), b != 0
            else { return nil }
            return a / b
        }
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    static let idHeaders: Set<String> = ["id", "customer", "customer_id", "customerid", "name", "客户", "客户id"]

    /// Indicator columns from a CSV with a header row: one row per customer, one column per
    /// indicator. A leading id column is skipped when its header is an id name (`customer_id`,
    /// `id`, …) or any of its values is not a number.
    static func indicators(_ path: String, directions: [Direction]?) throws -> (ids: [String]?, indicators: [Indicator])
    {
        let records = try records(path)
        guard let header = records.first else {
            throw ValidationFailure("\(path) is empty: expected a header row of indicator names")
        }
        let rows = records.dropFirst()
        guard !rows.isEmpty else { throw ValidationFailure("\(path) has a header but no rows of values") }
        for row in rows where row.fields.count != header.fields.count {
            throw ValidationFailure(
                "\(path), line \(row.line): \(row.fields.count) fields, but the header (line \(header.line)) has \(header.fields.count)"
            )
        }
        let skipID =
            idHeaders.contains(header.fields[0].lowercased())
            || rows.contains { number($0.fields[0]) == nil }
        let first = skipID ? 1 : 0
        let names = Array(header.fields[first...])
        guard !names.isEmpty else { throw ValidationFailure("\(path): no indicator columns after the id column") }
        for (k, name) in names.enumerated() where name.isEmpty {
            throw ValidationFailure("\(path), line \(header.line), column \(first + k + 1): the indicator has no name")
        }
        try checkUnique(names, path: path, line: header.line, firstColumn: first + 1)
        if let directions, directions.count != names.count {
            throw ValidationError(
                "--directions has \(directions.count) signs for \(names.count) indicators (\(names.joined(separator: ", ")))"
            )
        }
        var columns = [[Double]](repeating: [], count: names.count)
        for row in rows {
            for k in names.indices {
                let text = row.fields[first + k]
                guard let value = number(text) else {
                    throw ValidationFailure(
                        "\(path), line \(row.line), column \(first + k + 1) (\"\(names[k])\"): \"\(text)\" is not a number"
                    )
                }
                columns[k].append(value)
            }
        }
        let indicators = names.indices.map { Indicator(names[$0], directions?[$0] ?? .benefit, values: columns[$0]) }
        return (skipID ? rows.map { $0.fields[0] } : nil, indicators)
    }

    static func checkUnique(_ names: [String], path: String, line: Int, firstColumn: Int) throws {
        var seen: Set<String> = []
        for (k, name) in names.enumerated() where !seen.insert(name).inserted {
            throw ValidationFailure(
                "\(path), line \(line), column \(firstColumn + k): \"\(name)\" appears twice in the header")
        }
    }

    /// A pairwise comparison matrix: a header row of criterion names, then one row per criterion
    /// in the same order, optionally starting with its name (then the header may start with an
    /// empty cell). Values are numbers or fractions (`1/3`). Judgements with CR > 0.10 are rejected.
    static func pairwise(_ path: String) throws -> AHP {
        let records = try records(path)
        guard var header = records.first?.fields else {
            throw ValidationFailure("\(path) is empty: expected a header row of criterion names")
        }
        var headerOffset = 0
        if header.first?.isEmpty == true {
            header.removeFirst()
            headerOffset = 1
        }
        let names = header
        try checkUnique(names, path: path, line: records[0].line, firstColumn: headerOffset + 1)
        let n = names.count
        let rows = Array(records.dropFirst())
        guard rows.count == n else {
            throw ValidationFailure(
                "\(path): \(rows.count) rows of comparisons for \(n) criteria (\(names.joined(separator: ", "))); the matrix must be square"
            )
        }
        var matrix: [[Double]] = []
        var offsets: [Int] = []
        for (i, row) in rows.enumerated() {
            var fields = row.fields
            var offset = 0
            if fields.count == n + 1 {
                offset = 1
                let label = fields.removeFirst()
                guard label == names[i] else {
                    throw ValidationFailure(
                        "\(path), line \(row.line), column 1: the row is \"\(label)\" but row \(i + 1) must be \"\(names[i])\" (rows in the header's order)"
                    )
                }
            } else if fields.count != n {
                throw ValidationFailure(
                    "\(path), line \(row.line): \(fields.count) fields for \(n) criteria; the matrix must be square")
            }
            var values: [Double] = []
            for (j, text) in fields.enumerated() {
                guard let value = number(text, fractions: true) else {
                    throw ValidationFailure(
                        "\(path), line \(row.line), column \(offset + j + 1): \"\(text)\" is not a number or fraction (use 1–9 or 1/3)"
                    )
                }
                values.append(value)
            }
            matrix.append(values)
            offsets.append(offset)
        }
        do {
            return try AHP(names: names, matrix: matrix).requireConsistency()
        } catch let error as ScoringError where error.code == .inconsistent {
            throw ValidationFailure("\(path): \(error.message)")
        } catch let error as ScoringError {
            guard let cell = error.cell else { throw error }
            throw ValidationFailure(
                "\(path), line \(rows[cell.row].line), column \(offsets[cell.row] + cell.column + 1): \(error.message)")
        }
    }

    /// Weights (and optional directions) from a TOML file:
    ///
    /// ```toml
    /// [weights]
    /// historical = 0.2
    /// current = 0.55
    /// [directions]      # optional
    /// recency = "-"
    /// ```
    static func weightsFile(_ path: String) throws -> (weights: IndicatorWeights, directions: [String: Direction]) {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw ValidationFailure("cannot read \(path): check that the file exists and is readable UTF-8 text")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ValidationFailure(
                "\(path), line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)")
        }
        let known = ValueIndicator.allCases.map(\.rawValue)
        let knownList = known.joined(separator: ", ")
        for key in table.keys where key != "weights" && key != "directions" {
            throw ValidationFailure(
                "\(path): unknown section or key \"\(key)\"; expected [weights] and optionally [directions]")
        }
        guard let section = table["weights"]?.table else {
            throw ValidationFailure(
                "\(path): no [weights] table; write e.g.\n[weights]\nhistorical = 0.2\ncurrent = 0.55")
        }
        var pairs: [(String, Double)] = []
        for key in section.keys {
            guard known.contains(key) else {
                throw ValidationFailure(
                    "\(path), [weights]: unknown indicator \"\(key)\"; known indicators: \(knownList)")
            }
            let value = section[key]
            guard let weight = value?.double ?? value?.int.map(Double.init) else {
                throw ValidationFailure("\(path), [weights] \(key): the weight must be a number")
            }
            guard weight.isFinite, weight >= 0 else {
                throw ValidationFailure("\(path), [weights] \(key) = \(weight): weights must be ≥ 0")
            }
            pairs.append((key, weight))
        }
        // The catalogue's order (TOML tables do not keep the file's order).
        pairs.sort { known.firstIndex(of: $0.0)! < known.firstIndex(of: $1.0)! }
        var directions: [String: Direction] = [:]
        if let section = table["directions"]?.table {
            for key in section.keys {
                guard known.contains(key) else {
                    throw ValidationFailure(
                        "\(path), [directions]: unknown indicator \"\(key)\"; known indicators: \(knownList)")
                }
                guard let symbol = section[key]?.string, let direction = Direction(symbol: symbol) else {
                    throw ValidationFailure(
                        "\(path), [directions] \(key): write \"+\" (more is better) or \"-\" (less is better)")
                }
                directions[key] = direction
            }
        }
        return (IndicatorWeights(names: pairs.map(\.0), weights: pairs.map(\.1)), directions)
    }
}
