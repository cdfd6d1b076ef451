import Foundation

/// What an importer did with one row.
enum RowOutcome {
    /// Checked, and stored (or queued to be) when storing.
    case accepted
    /// The row is invalid; `column` is the field index, nil for a problem with the whole row.
    case invalid(column: Int?, reason: String)
}

/// Turns the records of a file into stored rows: the part that differs between customers and
/// transactions.
protocol RowImporter {
    /// Checks the current record of `reader` and, when `store` is true, stores it. With `store`
    /// false (an all-or-nothing import that already failed) it only checks, so that one run
    /// reports many invalid rows.
    mutating func importRow(_ reader: CSVReader, store: Bool) throws -> RowOutcome
    /// Stores what is still queued, after the last row.
    mutating func finish() throws
    /// Rows that added something, rows that changed stored ones, and rows already stored.
    var stored: Int { get }
    var updated: Int { get }
    var duplicates: Int { get }
    /// First and last day of the dated rows read for storing (nil for undated records), kept in
    /// `imports` so that a table's day range never needs a scan.
    var dayRange: ClosedRange<Int>? { get }
}

extension RowImporter {
    var dayRange: ClosedRange<Int>? { nil }
    var updated: Int { 0 }
}

/// The shared part of an import: map the file, find the header, read the records, collect row
/// errors (or write them to the rejects file), report progress.
struct CSVImport<Column: ImportColumn> {
    let url: URL
    /// The file's name, as shown in messages.
    let file: String
    let options: ImportOptions
    let mapping: ColumnMapping<Column>
    private let mapped: MappedFile
    private let delimiter: UInt8
    private let hasByteOrderMark: Bool
    /// Where the first data record starts, and its line.
    private let bodyOffset: Int
    private let bodyLine: Int

    /// Maps the file and reads its header.
    ///
    /// Throws `ImportError`: .unreadableFile, .emptyFile, .unsupportedEncoding, .missingColumn,
    /// .invalidOption (a bad `--map`).
    init(url: URL, options: ImportOptions) throws {
        self.url = url
        self.file = url.lastPathComponent
        self.options = options
        mapped = try MappedFile(url)
        let bytes = mapped.bytes
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            throw ImportError(
                .unsupportedEncoding, "\(url.lastPathComponent) is UTF-16 text; save it as UTF-8 (in Excel: CSV UTF-8)")
        }
        hasByteOrderMark = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        let start = hasByteOrderMark ? 3 : 0
        delimiter = options.delimiter ?? CSVReader.detectDelimiter(bytes, from: start)
        var reader = CSVReader(bytes, delimiter: delimiter, startingAt: start)
        let example = Column.allCases.filter(\.isRequired).map(\.name).joined(separator: ",")
        guard reader.next() else {
            throw ImportError(.emptyFile, "\(file) is empty: expected a header line such as \(example)")
        }
        if reader.hasNonASCII, !(0..<reader.fields.count).allSatisfy({ reader.isValidUTF8($0) }) {
            throw ImportError(
                .unsupportedEncoding,
                "\(file), line \(reader.line): the header is not valid UTF-8; save the file as UTF-8 (in Excel: CSV UTF-8)"
            )
        }
        let headers = reader.strings().map { $0.trimmingCharacters(in: .whitespaces) }
        mapping = try ColumnMapping(headers: headers, overrides: options.mapping, file: file)
        bodyOffset = reader.offset
        bodyLine = reader.nextLine
    }

    var bytes: Int { mapped.count }

    /// Reads every data record into `importer`. Throws `ImportError` (.invalidRows) when a row
    /// is invalid and `skipInvalid` is off, after reading the whole file to count them.
    func run<Importer: RowImporter>(_ importer: inout Importer, into report: inout ImportReport) throws {
        var reader = CSVReader(mapped.bytes, delimiter: delimiter, startingAt: bodyOffset, line: bodyLine)
        let fieldCount = mapping.headers.count
        var errors: [RowError] = []
        var moreErrors = 0
        var rejects: RejectsWriter?
        var storing = true
        var untilProgress = options.progressInterval
        let rejectsURL = options.rejectsURL ?? URL(fileURLWithPath: url.path + ".rejects.csv")
        defer { try? rejects?.close() }

        while reader.next() {
            report.rowsRead += 1
            let outcome: RowOutcome
            if reader.unterminatedQuote {
                outcome = .invalid(
                    column: nil, reason: "a quoted field starts on this line and is never closed (is a \" missing?)")
            } else if reader.fields.count != fieldCount {
                var reason =
                    "expected \(fieldCount) fields (\(mapping.headers.joined(separator: ", "))), found \(reader.fields.count)"
                if reader.fields.count > fieldCount {
                    reason += "; a value that contains \"\(Character(Unicode.Scalar(delimiter)))\" must be quoted"
                }
                outcome = .invalid(column: nil, reason: reason.replacingOccurrences(of: "\t", with: "tab"))
            } else if reader.hasNonASCII, let field = (0..<fieldCount).first(where: { !reader.isValidUTF8($0) }) {
                outcome = .invalid(
                    column: field,
                    reason: "the text is not valid UTF-8; save the file as UTF-8 (in Excel: CSV UTF-8)")
            } else {
                outcome = try importer.importRow(reader, store: storing)
            }
            switch outcome {
            case .accepted: break
            case .invalid(let column, let reason):
                let error = RowError(
                    file: file, line: reader.line, column: column.map { mapping.headers[$0] }, reason: reason)
                if options.skipInvalid {
                    report.rowsRejected += 1
                    if rejects == nil {
                        rejects = try RejectsWriter(
                            url: rejectsURL, delimiter: delimiter, byteOrderMark: hasByteOrderMark,
                            headers: mapping.headers)
                        report.rejectsURL = rejectsURL
                    }
                    let fields = (0..<reader.fields.count).map { index in reader.withField(index) { Array($0) } }
                    try rejects!.write(fields: fields, line: reader.line, error: error.detail)
                } else {
                    storing = false
                    if errors.count < RowError.reportLimit { errors.append(error) } else { moreErrors += 1 }
                }
            }
            untilProgress -= 1
            if untilProgress == 0, let progress = options.progress {
                untilProgress = options.progressInterval
                try progress(
                    ImportProgress(bytesRead: reader.offset, bytesTotal: mapped.count, rowsRead: report.rowsRead))
            }
        }
        try rejects?.close()
        rejects = nil
        if !errors.isEmpty { throw ImportError.invalidRows(file: file, errors, more: moreErrors) }
        try importer.finish()
        report.rowsStored = importer.stored
        report.rowsUpdated = importer.updated
        report.rowsDuplicate = importer.duplicates
        report.ignoredColumns = mapping.ignored
    }
}
