/// Which field of a record holds which column, decided once from the header line.
///
/// Header names match a column's synonyms without regard to case, spaces, `_` and `-`
/// (`Customer ID`, `customer_id` and `CUSTOMERID` are one name). A `--map column=header`
/// overrides the automatic match. Headers that match no column are ignored (and listed in
/// `ignored`, so the user is told once).
struct ColumnMapping<Column: ImportColumn> {
    /// The header line as written.
    let headers: [String]
    /// The field index of each column present in the file.
    private(set) var indices: [Column: Int] = [:]
    /// Headers that matched no column, in file order.
    private(set) var ignored: [String] = []

    /// - Parameter overrides: canonical column name (or any synonym) → header name in the file.
    /// - Throws: `ImportError` .invalidOption for a `--map` naming no known column, and
    ///   .missingColumn for a mapped header not in the file or a required column not found.
    init(headers: [String], overrides: [String: String], file: String) throws {
        self.headers = headers
        let normalisedHeaders = headers.map(Self.normalised)
        let found = "its columns are: " + headers.map { $0.isEmpty ? "(empty)" : $0 }.joined(separator: ", ")

        for (key, header) in overrides.sorted(by: { $0.key < $1.key }) {
            let normalisedKey = Self.normalised(key)
            guard
                let column = Column.allCases.first(where: {
                    Self.normalised($0.name) == normalisedKey
                        || $0.synonyms.contains { Self.normalised($0) == normalisedKey }
                })
            else {
                let known = Column.allCases.map(\.name).joined(separator: ", ")
                throw ImportError(
                    .invalidOption,
                    "\(key)=\(header): there is no column \"\(key)\" to map; the columns are \(known)")
            }
            let matches = normalisedHeaders.indices.filter { normalisedHeaders[$0] == Self.normalised(header) }
            guard let index = matches.first else {
                throw ImportError(
                    .missingColumn,
                    "\(file) has no column \"\(header)\" (named by the mapping \(key)=\(header)); \(found)")
            }
            if matches.count > 1 { throw Self.duplicate(column, matches, headers, file) }
            // One header mapped to two columns would be read twice, as two different things.
            if let other = indices.first(where: { $0.value == index && $0.key != column })?.key {
                throw ImportError(
                    .duplicateColumn,
                    "\(file): the column \"\(headers[index])\" is mapped both to \(other.name) and to \(column.name); "
                        + "map each to a column of its own; nothing was imported")
            }
            indices[column] = index
        }
        var used = Set(indices.values)
        for column in Column.allCases where indices[column] == nil {
            let names = Set(column.synonyms.map(Self.normalised))
            let matches = normalisedHeaders.indices.filter {
                !used.contains($0) && names.contains(normalisedHeaders[$0])
            }
            // Two headers for one column (`amount,amount`, or `金额` and `amount`): taking either
            // would silently drop the other.
            if matches.count > 1 { throw Self.duplicate(column, matches, headers, file) }
            if let index = matches.first {
                indices[column] = index
                used.insert(index)
            }
        }
        for column in Column.allCases where column.isRequired && indices[column] == nil {
            let names = column.synonyms.joined(separator: ", ")
            throw ImportError(
                .missingColumn,
                "\(file) has no \(column.label) column (looked for \(names)); \(found). "
                    + "Map \(column.name) to one of its columns.")
        }
        ignored = headers.indices.filter { !used.contains($0) }.map { headers[$0] }
    }

    /// The error for a column that several headers name.
    private static func duplicate(_ column: Column, _ matches: [Int], _ headers: [String], _ file: String)
        -> ImportError
    {
        let named = matches.map { "\"\(headers[$0])\" (column \($0 + 1))" }
        let list =
            named.count == 2
            ? named.joined(separator: " and ") : named.dropLast().joined(separator: ", ") + " and " + named.last!
        let count = matches.count == 2 ? "two" : "\(matches.count)"
        return ImportError(
            .duplicateColumn,
            "\(file) has \(count) \(column.label) columns, \(list): remove all but one of them, or map \(column.name) "
                + "to the one to use; nothing was imported")
    }

    subscript(column: Column) -> Int? { indices[column] }

    /// The header of a column present in the file, as written there (for messages).
    func header(_ column: Column) -> String { indices[column].map { headers[$0] } ?? column.name }

    /// Lower-cased, without spaces (ASCII and ideographic), `_` and `-`.
    static func normalised(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { !" _-\t\u{3000}\u{A0}".unicodeScalars.contains($0) })
    }
}
