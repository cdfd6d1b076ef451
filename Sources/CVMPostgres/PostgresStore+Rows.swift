import CVMStore
import PostgresNIO

/// A PostgreSQL row decoded once into plain values, to be read by the row builders CVMStore
/// shares (`RawSummaryRows`, `RawValueRows`, `AnalysisResultsBuilder`) as SQLite's rows are.
struct DecodedRow: StoreRow {
    enum Cell {
        case null
        case int(Int)
        case double(Double)
        case text(String)
    }

    var cells: [Cell]

    /// Decodes every cell by its type; any other type than integers, floats, numerics and text is
    /// a programming error in the statement and throws.
    init(_ row: PostgresRandomAccessRow) throws {
        cells = []
        cells.reserveCapacity(row.count)
        for index in 0..<row.count {
            let cell = row[index]
            if cell.bytes == nil {
                cells.append(.null)
                continue
            }
            switch cell.dataType {
            case .int2, .int4, .int8: cells.append(.int(try cell.decode(Int.self)))
            case .float4, .float8: cells.append(.double(try cell.decode(Double.self)))
            case .bool: cells.append(.int(try cell.decode(Bool.self) ? 1 : 0))
            default: cells.append(.text(try cell.decode(String.self)))
            }
        }
    }

    func isNull(_ column: Int32) -> Bool {
        if case .null = cells[Int(column)] { return true }
        return false
    }

    func int(_ column: Int32) -> Int {
        switch cells[Int(column)] {
        case .int(let v): v
        case .double(let v): Int(v)
        case .text(let v): Int(v) ?? 0
        case .null: 0
        }
    }

    func double(_ column: Int32) -> Double {
        switch cells[Int(column)] {
        case .int(let v): Double(v)
        case .double(let v): v
        case .text(let v): Double(v) ?? 0
        case .null: 0
        }
    }

    func text(_ column: Int32) -> String {
        switch cells[Int(column)] {
        case .int(let v): String(v)
        case .double(let v): "\(v)"
        case .text(let v): v
        case .null: ""
        }
    }
}

extension Session {
    /// A statement written with `:name` parameters (the portable SQL CVMStore shares) turned into
    /// PostgreSQL's `$n`, one number per distinct name; `::` casts are left alone.
    static func positional(_ sql: String, _ named: [String: Value]) -> (String, [Value]) {
        var out = ""
        var values: [Value] = []
        var numbers: [String: Int] = [:]
        let characters = Array(sql)
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if c == ":", i + 1 < characters.count, characters[i + 1].isLetter,
                i == 0 || characters[i - 1] != ":"
            {
                var j = i + 1
                while j < characters.count, characters[j].isLetter || characters[j].isNumber || characters[j] == "_" {
                    j += 1
                }
                let name = String(characters[i..<j])
                if let value = named[name] {
                    let number: Int
                    if let known = numbers[name] {
                        number = known
                    } else {
                        values.append(value)
                        number = values.count
                        numbers[name] = number
                    }
                    out += "$\(number)"
                    i = j
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return (out, values)
    }

    /// Runs a portable statement with `:name` parameters, each row decoded.
    func decodedRows(_ sql: String, _ named: [String: Value], _ body: (DecodedRow) throws -> Void) async throws {
        let (text, values) = Self.positional(sql, named)
        try await forEachRow(text, values) { try body(try DecodedRow($0)) }
    }
}
