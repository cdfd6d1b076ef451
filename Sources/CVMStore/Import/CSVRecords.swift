import Foundation

/// A small CSV file read whole into trimmed text fields with their physical line numbers, for
/// the files analysts hand-write (indicator tables, pairwise matrices). It uses the import's
/// reader, so quoting, BOM, delimiters (`,` `;` tab, detected) and line counting are the same
/// everywhere. A file that can be large (a summary of a million customers) is read by `scan`,
/// which hands out each record's bytes without making a String of every field.
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
        var records: [Record] = []
        try Self.scan(url) { reader in
            records.append(Record(line: reader.line, fields: reader.strings().map(Self.trimmed)))
        }
        self.records = records
    }

    /// Calls `body` with the reader on each non-blank record of `url`, in order, after checking
    /// that the record's quotes close and its text is UTF-8.
    static func scan(_ url: URL, _ body: (CSVReader) throws -> Void) throws {
        let file = try MappedFile(url)
        let name = url.lastPathComponent
        let bytes = file.bytes
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var reader = CSVReader(bytes, delimiter: CSVReader.detectDelimiter(bytes, from: start), startingAt: start)
        while reader.next() {
            if reader.unterminatedQuote {
                throw ImportError(.invalidRows, "\(name), line \(reader.line): a quoted field is not closed")
            }
            if reader.hasNonASCII, let bad = (0..<reader.fields.count).first(where: { !reader.isValidUTF8($0) }) {
                throw ImportError(
                    .unsupportedEncoding, "\(name), line \(reader.line), field \(bad + 1): not UTF-8 text")
            }
            try body(reader)
        }
        withExtendedLifetime(file) {}
    }

    /// `text` without the white space around it (only looked for when an edge is not plain).
    static func trimmed(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
            first.properties.isWhitespace || last.properties.isWhitespace
        else { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }
}
