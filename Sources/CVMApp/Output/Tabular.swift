/// A result with one row per item, as CSV writes it: the CLI's `--format csv` and the web
/// service's CSV download are the same text.
public protocol Tabular {
    /// The header line's column names.
    var columns: [String] { get }
    var rowCount: Int { get }
    /// Row `i`'s fields as written in CSV (numbers by `Number.exact`).
    func fields(_ i: Int) -> [String]
}

extension Tabular {
    /// The CSV text, handed over line by line (with its line break) so a large table streams.
    public func writeCSV(_ write: (String) -> Void) {
        write(CSV.row(columns) + "\n")
        for i in 0..<rowCount { write(CSV.row(fields(i)) + "\n") }
    }
}
