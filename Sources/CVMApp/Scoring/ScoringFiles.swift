import CVMStore
import CustomerValue
import Foundation

/// The small CSV files analysts give the weighting methods: indicator tables and pairwise
/// comparison matrices. Every error is an `AppError(.invalidFile)` naming the file, line and column.
public enum ScoringFiles {
    typealias Record = CSVRecords.Record

    /// The records of a small CSV file, with their line numbers.
    static func records(_ path: String) throws -> [Record] {
        do {
            return try CSVRecords(URL(fileURLWithPath: path)).records
        } catch {
            throw AppError.from(error)
        }
    }

    /// A number, or a fraction `a/b` (for AHP judgements such as `1/3`).
    static func number(_ text: String, fractions: Bool = false) -> Double? {
        if fractions, let slash = text.firstIndex(of: "/") {
            guard let a = Double(text[..<slash].trimmingCharacters(in: .whitespaces)),
                let b = Double(text[text.index(after: slash)...].trimmingCharacters(in: .whitespaces)), b != 0,
                a.isFinite, b.isFinite
            else { return nil }
            return a / b
        }
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// Header names of an id column.
    static let idHeaders: Set<String> = ["id", "customer", "customer_id", "customerid", "name", "客户", "客户id"]

    /// Indicator columns from a CSV with a header row: one row per customer, one column per
    /// indicator. A leading id column is skipped when its header is an id name (`customer_id`,
    /// `id`, …) or any of its values is not a number.
    ///
    /// - Parameter directions: one per indicator column (default: all more-is-better).
    public static func indicators(_ path: String, directions: [Direction]?) throws -> (
        ids: [String]?, indicators: [Indicator]
    ) {
        func failure(_ message: String) -> AppError { AppError(.invalidFile, message) }
        let records = try records(path)
        guard let header = records.first else {
            throw failure("\(path) is empty: expected a header row of indicator names")
        }
        let rows = records.dropFirst()
        guard !rows.isEmpty else { throw failure("\(path) has a header but no rows of values") }
        for row in rows where row.fields.count != header.fields.count {
            throw failure(
                "\(path), line \(row.line): \(row.fields.count) fields, but the header (line \(header.line)) has "
                    + "\(header.fields.count)"
            )
        }
        let skipID = idHeaders.contains(header.fields[0].lowercased()) || rows.contains { number($0.fields[0]) == nil }
        let first = skipID ? 1 : 0
        let names = Array(header.fields[first...])
        guard !names.isEmpty else { throw failure("\(path): no indicator columns after the id column") }
        for (k, name) in names.enumerated() where name.isEmpty {
            throw failure("\(path), line \(header.line), column \(first + k + 1): the indicator has no name")
        }
        try checkUnique(names, path: path, line: header.line, firstColumn: first + 1)
        if let directions, directions.count != names.count {
            throw AppError(
                .invalidRequest,
                "\(directions.count) directions given for \(names.count) indicators (\(names.joined(separator: ", ")))")
        }
        var columns = [[Double]](repeating: [], count: names.count)
        for row in rows {
            for k in names.indices {
                let text = row.fields[first + k]
                guard let value = number(text) else {
                    throw failure(
                        "\(path), line \(row.line), column \(first + k + 1) (\"\(names[k])\"): \"\(text)\" is not a "
                            + "number"
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
            throw AppError(
                .invalidFile,
                "\(path), line \(line), column \(firstColumn + k): \"\(name)\" appears twice in the header")
        }
    }

    /// A pairwise comparison matrix: a header row of criterion names, then one row per criterion
    /// in the same order, optionally starting with its name (then the header may start with an
    /// empty cell). Values are numbers or fractions (`1/3`). Judgements with CR > 0.10 are rejected.
    public static func pairwise(_ path: String) throws -> AHP {
        func failure(_ message: String) -> AppError { AppError(.invalidFile, message) }
        let records = try records(path)
        guard var header = records.first?.fields else {
            throw failure("\(path) is empty: expected a header row of criterion names")
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
            throw failure(
                "\(path): \(rows.count) rows of comparisons for \(n) criteria (\(names.joined(separator: ", "))); "
                    + "the matrix must be square"
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
                    throw failure(
                        "\(path), line \(row.line), column 1: the row is \"\(label)\" but row \(i + 1) must be "
                            + "\"\(names[i])\" (rows in the header's order)"
                    )
                }
            } else if fields.count != n {
                throw failure(
                    "\(path), line \(row.line): \(fields.count) fields for \(n) criteria; the matrix must be square")
            }
            var values: [Double] = []
            for (j, text) in fields.enumerated() {
                guard let value = number(text, fractions: true) else {
                    throw failure(
                        "\(path), line \(row.line), column \(offset + j + 1): \"\(text)\" is not a number or "
                            + "fraction (use 1–9 or 1/3)"
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
            throw failure("\(path): \(error.message)")
        } catch let error as ScoringError {
            guard let cell = error.cell else { throw failure("\(path): \(error.message)") }
            throw failure(
                "\(path), line \(rows[cell.row].line), column \(offsets[cell.row] + cell.column + 1): \(error.message)")
        }
    }
}
