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
    public static func read(_ url: URL) throws -> SummaryFile {
        let name = url.lastPathComponent
        let records = try CSVRecords(url).records
        guard let first = records.first else {
            throw ImportError(.emptyFile, "\(name) is empty: expected a header row")
        }
        let header = first.fields
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
        func column(_ key: String) -> Int? { columns[key] }
        guard let fx = column("frequency"), let ftx = column("recency") else {
            throw ImportError(
                .missingColumn,
                "\(name) has no \(column("frequency") == nil ? "frequency" : "recency") column "
                    + "(found: \(header.joined(separator: ", "))); a summary needs frequency, recency and T (or periods)"
            )
        }
        let fT = column("T")
        let fPeriods = column("periods")
        guard fT != nil || fPeriods != nil else {
            throw ImportError(.missingColumn, "\(name) has no T column (found: \(header.joined(separator: ", ")))")
        }
        let fM = column("monetary")
        let fID = column("id")
        let fW = column("weights")
        var out = SummaryFile(
            ids: [], frequency: [], recency: [], T: [], monetary: fM == nil ? nil : [],
            periods: fPeriods == nil ? nil : [], weights: fW == nil ? nil : [])
        for record in records.dropFirst() {
            let line = record.line
            let fields = record.fields
            func number(_ index: Int, _ label: String) throws -> Double {
                guard index < fields.count else {
                    throw ImportError(
                        .invalidRows, "\(name), line \(line): \(fields.count) fields, expected \(header.count)")
                }
                let text = fields[index].trimmingCharacters(in: .whitespaces)
                guard let value = Double(text), value.isFinite, value >= 0 else {
                    throw ImportError(
                        .invalidRows,
                        "\(name), line \(line), column \"\(header[index])\": \"\(text)\" is not a \(label) (expected a number ≥ 0)"
                    )
                }
                // As for imported amounts: past 1e12 a value is a typo, and sums of it could overflow.
                guard value <= ImportBounds.amountLimit else {
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
            out.ids.append(fID.map { $0 < fields.count ? fields[$0] : "" } ?? String(out.ids.count + 1))
        }
        return out
    }

    public var count: Int { frequency.count }
}
