import CustomerValue
import Foundation

/// A per-customer summary read from a CSV file, for fitting models on data prepared elsewhere.
///
/// Recognised columns (case-insensitive): `frequency` (or `x`), `recency` (or `t_x`), `T`,
/// optional `monetary` (or `monetary_value`, `zbar`), `periods` (or `n`, BG/BB's opportunities),
/// an id `customer_id` (or `id`), and a `weights` (or `count`) column saying how many customers
/// share the row. Other columns are ignored. Durations are in the unit the caller says.
public struct SummaryFile: Sendable {
    public var ids: [String]
    public var frequency: [Double]
    public var recency: [Double]
    public var T: [Double]
    public var monetary: [Double]?
    public var periods: [Double]?
    public var weights: [Double]?

    private static let synonyms: [String: [String]] = [
        "frequency": ["frequency", "x"], "recency": ["recency", "t_x", "tx"], "T": ["t"],
        "monetary": ["monetary", "monetary_value", "zbar", "m"], "periods": ["periods", "n", "n_cal"],
        "id": ["customer_id", "id"], "weights": ["weights", "weight", "count"],
    ]

    /// Reads `url`; throws `ImportError` naming the line and column of a bad value.
    ///
    /// One pass over the mapped file: numbers are parsed from the field bytes (a String is made
    /// only for ids and for messages), so a summary of a million customers reads in about the
    /// time the import takes to read as many rows.
    public static func read(_ url: URL) throws -> SummaryFile {
        let name = url.lastPathComponent
        var header: [String]?
        var fx = 0
        var ftx = 0
        var fT: Int?
        var fPeriods: Int?
        var fM: Int?
        var fID: Int?
        var fW: Int?
        var out = SummaryFile(ids: [], frequency: [], recency: [], T: [])
        try CSVRecords.scan(url) { reader in
            guard let header else {
                let names = reader.strings().map(CSVRecords.trimmed)
                header = names
                let columns = try Self.columns(names, file: name)
                (fx, ftx, fT, fPeriods) = (columns.frequency, columns.recency, columns.T, columns.periods)
                (fM, fID, fW) = (columns.monetary, columns.id, columns.weights)
                if fM != nil { out.monetary = [] }
                if fPeriods != nil { out.periods = [] }
                if fW != nil { out.weights = [] }
                return
            }
            let line = reader.line
            func number(_ index: Int, _ label: String) throws -> Double {
                guard index < reader.fields.count else {
                    throw ImportError(
                        .invalidRows, "\(name), line \(line): \(reader.fields.count) fields, expected \(header.count)")
                }
                let parsed = reader.withField(index, Self.number)
                guard let value = parsed, value.isFinite, value >= 0 else {
                    let text = CSVRecords.trimmed(reader.string(index))
                    throw ImportError(
                        .invalidRows,
                        "\(name), line \(line), column \"\(header[index])\": \"\(text)\" is not a \(label) (expected a number ≥ 0)"
                    )
                }
                // As for imported amounts: past 1e12 a value is a typo, and sums of it could overflow.
                guard value <= ImportBounds.amountLimit else {
                    let text = CSVRecords.trimmed(reader.string(index))
                    throw ImportError(
                        .invalidRows,
                        "\(name), line \(line), column \"\(header[index])\": \"\(text)\" is beyond 1e12, the largest "
                            + "\(label) accepted")
                }
                return value
            }
            let x = try number(fx, "frequency")
            let tx = try number(ftx, "recency")
            out.frequency.append(x)
            out.recency.append(tx)
            let n = try fPeriods.map { try number($0, "number of periods") }
            let t = try fT.map { try number($0, "T") } ?? n!
            out.T.append(t)
            if let n { out.periods?.append(n) }
            guard tx <= t else {
                throw ImportError(
                    .invalidRows,
                    "\(name), line \(line): recency \(tx) is after T \(t); recency runs from the first to the last purchase and cannot exceed T"
                )
            }
            if let fM { out.monetary?.append(try number(fM, "monetary value")) }
            if let fW { out.weights?.append(try number(fW, "weight")) }
            out.ids.append(
                fID.map { $0 < reader.fields.count ? CSVRecords.trimmed(reader.string($0)) : "" }
                    ?? String(out.ids.count + 1))
        }
        guard header != nil else { throw ImportError(.emptyFile, "\(name) is empty: expected a header row") }
        return out
    }

    /// The columns of the recognised fields in `header`.
    private static func columns(_ header: [String], file name: String) throws -> (
        frequency: Int, recency: Int, T: Int?, periods: Int?, monetary: Int?, id: Int?, weights: Int?
    ) {
        // Two headers for one column (`x` and `frequency`) are refused: either could be meant.
        var columns: [String: Int] = [:]
        for key in Self.synonyms.keys.sorted() {
            let matches = header.indices.filter { Self.synonyms[key]!.contains(header[$0].lowercased()) }
            if matches.count > 1 {
                let named = matches.map { "\"\(header[$0])\" (column \($0 + 1))" }.joined(separator: " and ")
                throw ImportError(
                    .duplicateColumn,
                    "\(name) has \(matches.count) \(key) columns, \(named): remove all but one of them")
            }
            columns[key] = matches.first
        }
        guard let fx = columns["frequency"], let ftx = columns["recency"] else {
            throw ImportError(
                .missingColumn,
                "\(name) has no \(columns["frequency"] == nil ? "frequency" : "recency") column "
                    + "(found: \(header.joined(separator: ", "))); a summary needs frequency, recency and T (or periods)"
            )
        }
        guard columns["T"] != nil || columns["periods"] != nil else {
            throw ImportError(.missingColumn, "\(name) has no T column (found: \(header.joined(separator: ", ")))")
        }
        return (fx, ftx, columns["T"], columns["periods"], columns["monetary"], columns["id"], columns["weights"])
    }

    /// The number a field holds, spaces and tabs around it ignored: short plain decimals are
    /// computed from the digits exactly as the import does, anything else (more digits, an
    /// exponent) by the standard library's correctly rounded parser, so both give the same value.
    static func number(_ field: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let base = field.baseAddress else { return nil }
        var start = 0
        var end = field.count
        while start < end, base[start] == 0x20 || base[start] == 0x09 { start += 1 }
        while end > start, base[end - 1] == 0x20 || base[end - 1] == 0x09 { end -= 1 }
        let trimmed = UnsafeBufferPointer(rebasing: field[start..<end])
        if let value = AmountParser.plainNumber(trimmed) { return value }
        return Double(CSVRecords.trimmed(String(decoding: trimmed, as: UTF8.self)))
    }

    public var count: Int { frequency.count }
}
