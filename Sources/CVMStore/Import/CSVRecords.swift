import Foundation

/// A small CSV file read whole into trimmed text fields with their physical line numbers, for
/// the files analysts hand-write (summaries, indicator tables, pairwise matrices). It uses the
/// import's reader, so quoting, BOM, delimiters (`,` `;` tab, detected) and line counting are
/// the same everywhere.
public struct CSVRecords: Sendable {
    public struct Record: Sendable {
        /// The physical line the record starts on (the header is line 1).
        public var line: Int
        public var fields: [String]
    }

    /// Every non-blank record, the header first.
    public var records: [Record]

    /// Reads `url`; throws `ImportError` for an unreadable file, invalid UTF-8 or an unclosed quote.
    public init(_ url: URL) throws {
        let file = try MappedFile(url)
        let name = url.lastPathComponent
        let bytes = file.bytes
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var reader = CSVReader(bytes, delimiter: CSVReader.detectDelimiter(bytes, from: start), startingAt: start)
        records = []
        while reader.next() {
            if reader.unterminatedQuote {
                throw ImportError(.invalidRows, "\(name), line \(reader.line): a quoted field is not closed")
            }
            if reader.hasNonASCII, let bad = (0..<reader.fields.count).first(where: { !reader.isValidUTF8($0) }) {
                throw ImportError(
                    .unsupportedEncoding, "\(name), line \(reader.line), field \(bad + 1): not UTF-8 text")
            }
            records.append(
                Record(line: reader.line, fields: reader.strings().map { $0.trimmingCharacters(in: .whitespaces) }))
        }
    }
}
