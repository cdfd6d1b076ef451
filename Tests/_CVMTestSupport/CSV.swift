import Foundation

extension Fixtures {
    /// The numeric columns of a small fixture CSV with a header row, by column name.
    ///
    /// Cells that are not numbers (ids written as text, empty cells) read as NaN; fixture files are
    /// plain comma-separated values without quoting.
    public static func columns(_ name: String) throws -> [String: [Double]] {
        let text = try String(contentsOf: url(name), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard !lines.isEmpty else { return [:] }
        let header = lines.removeFirst().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        var columns = [[Double]](repeating: [], count: header.count)
        for line in lines {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            for (j, _) in header.enumerated() {
                columns[j].append(j < cells.count ? Double(cells[j].trimmingCharacters(in: .whitespaces)) ?? .nan : .nan)
            }
        }
        return Dictionary(uniqueKeysWithValues: zip(header, columns))
    }
}
