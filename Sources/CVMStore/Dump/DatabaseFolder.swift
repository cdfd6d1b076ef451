import CustomerValue
import Foundation

/// A whole database as a folder of CSV files: one file per table (`customers.csv`, …), and
/// `manifest.json`, which names the schema and counts each file's rows.
///
/// Each file is UTF-8 with a header of the table's column names (`StoredTables.all`) and one line
/// per row, in key order. An empty field is a missing value (SQL NULL), `""` an empty text; days
/// are `YYYY-MM-DD` (a day beyond years 1–9999 is written as its number of days since
/// 1970-01-01); decimals are written in their shortest form that reads back to the same number;
/// a text field is quoted when it holds a comma, a quote, a line break or white space at an end.
/// The folder reads back (`DatabaseFolder.Reader`) into an empty database of either kind with
/// every value as it was, so `customers.csv` keeps the internal `key` beside the business `id`
/// and the other tables refer to customers by that key.
public enum DatabaseFolder {
    public static let manifestName = "manifest.json"
    /// The folder format's version; a reader refuses a folder of another.
    public static let formatVersion = 1

    public struct Manifest: Codable, Sendable, Equatable {
        public var format: String
        public var version: Int
        public var schema: String
        public var exportedAt: String
        public var tables: [Table]

        public struct Table: Codable, Sendable, Equatable {
            public var name: String
            public var file: String
            public var rows: Int
            public var columns: [String]
        }

        enum CodingKeys: String, CodingKey {
            case format, version, schema, tables
            case exportedAt = "exported_at"
        }
    }

    static let formatName = "cvm-database"

    /// Writes every table of `source` into `folder`, which must not exist or be empty.
    ///
    /// The files are written into a folder beside it and renamed into place at the end, so a
    /// failure leaves no half copy behind.
    public static func write(
        _ source: any StoredRowSource, to folder: URL, exportedAt: String, progress: CopyProgress? = nil
    ) async throws -> CopyCounts {
        let manager = FileManager.default
        let path = folder.path
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw StoreError(.notEmpty, "\(path) is a file; an export goes into a new or empty folder")
            }
            let entries = (try? manager.contentsOfDirectory(atPath: path)) ?? []
            guard entries.isEmpty else {
                throw StoreError(
                    .notEmpty,
                    "\(path) is not empty (\(entries.count) entries); an export goes into a new or empty folder, and "
                        + "nothing was written")
            }
        }
        let partial = folder.deletingLastPathComponent()
            .appendingPathComponent(".\(folder.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        try? manager.removeItem(at: partial)
        do {
            try manager.createDirectory(at: partial, withIntermediateDirectories: true)
        } catch {
            throw StoreError(.database, "cannot create \(partial.path): \(error.localizedDescription)")
        }
        do {
            let expected = try await source.rowCounts()
            var manifest = Manifest(
                format: formatName, version: formatVersion, schema: StoredTables.schemaVersion,
                exportedAt: exportedAt, tables: [])
            var counts: [(name: String, rows: Int)] = []
            for table in StoredTables.all {
                let file = partial.appendingPathComponent(table.name + ".csv")
                let total = expected[table.name] ?? 0
                progress?(table.name, 0, total)
                let writer = try FileSink(file)
                var line = [UInt8]()
                line.reserveCapacity(1 << 16)
                appendHeader(table, to: &line)
                var written = 0
                try await source.pages(of: table) { page in
                    for row in page {
                        appendRow(row, table, to: &line)
                        if line.count >= 1 << 20 {
                            try writer.write(line)
                            line.removeAll(keepingCapacity: true)
                        }
                    }
                    written += page.count
                    progress?(table.name, written, total)
                }
                try writer.write(line)
                try writer.close()
                manifest.tables.append(
                    .init(name: table.name, file: table.name + ".csv", rows: written, columns: table.columnNames))
                counts.append((table.name, written))
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try encoder.encode(manifest).write(to: partial.appendingPathComponent(manifestName))
            if manager.fileExists(atPath: path) { try manager.removeItem(at: folder) }
            try manager.moveItem(at: partial, to: folder)
            return CopyCounts(tables: counts)
        } catch {
            try? manager.removeItem(at: partial)
            if let error = error as? StoreError { throw error }
            throw StoreError(.database, "cannot write the export to \(path): \(error.localizedDescription)")
        }
    }

    // MARK: Writing fields

    private static func appendHeader(_ table: StoredTable, to out: inout [UInt8]) {
        out.append(contentsOf: table.columnNames.joined(separator: ",").utf8)
        out.append(0x0A)
    }

    static func appendRow(_ row: [StoredValue], _ table: StoredTable, to out: inout [UInt8]) {
        for (index, value) in row.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            switch value {
            case .null: break
            case .integer(let v):
                if table.columns[index].kind == .day, let text = isoDay(v) {
                    out.append(contentsOf: text.utf8)
                } else {
                    out.append(contentsOf: String(v).utf8)
                }
            case .real(let v): out.append(contentsOf: "\(v)".utf8)
            case .text(let v): appendText(v, to: &out)
            }
        }
        out.append(0x0A)
    }

    /// `YYYY-MM-DD` for a day in years 1–9999 (which `Day(iso:)` reads back), nil otherwise.
    static func isoDay(_ number: Int64) -> String? {
        guard let small = Int(exactly: number), abs(small) < 4_000_000 else { return nil }
        let day = Day(number: small)
        guard (1...9999).contains(day.civil.year) else { return nil }
        return day.description
    }

    private static func appendText(_ text: String, to out: inout [UInt8]) {
        let utf8 = text.utf8
        let needsQuotes =
            utf8.isEmpty
            || utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            || text.first.map(\.isWhitespace) == true || text.last.map(\.isWhitespace) == true
        guard needsQuotes else {
            out.append(contentsOf: utf8)
            return
        }
        out.append(UInt8(ascii: "\""))
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") { out.append(byte) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
    }

    // MARK: Reading

    /// The rows of a folder written by `write`, checked as they are read: the manifest's format and
    /// schema, each file's header, every field by its column's kind, and each file's row count.
    public struct Reader: StoredRowSource {
        public let folder: URL
        public let manifest: Manifest

        public var origin: String { folder.path }

        /// Reads and checks the manifest; the files are read by `pages(of:_:)`.
        public init(_ folder: URL) throws {
            self.folder = folder
            let url = folder.appendingPathComponent(DatabaseFolder.manifestName)
            guard let data = try? Data(contentsOf: url) else {
                throw ImportError(
                    .unreadableFile,
                    "cannot read \(url.path): a database folder written by an export holds \(DatabaseFolder.manifestName)"
                )
            }
            let manifest: Manifest
            do {
                manifest = try JSONDecoder().decode(Manifest.self, from: data)
            } catch {
                throw ImportError(.unreadableFile, "\(url.path) is not the manifest of a database folder: \(error)")
            }
            guard manifest.format == DatabaseFolder.formatName, manifest.version == DatabaseFolder.formatVersion else {
                throw ImportError(
                    .unreadableFile,
                    "\(url.path) describes \(manifest.format) version \(manifest.version); this cvm reads "
                        + "\(DatabaseFolder.formatName) version \(DatabaseFolder.formatVersion)")
            }
            guard manifest.schema == StoredTables.schemaVersion else {
                throw ImportError(
                    .unreadableFile,
                    "\(folder.path) holds a database of schema \(manifest.schema); this cvm reads schema "
                        + "\(StoredTables.schemaVersion) (export it again with the same cvm version)")
            }
            for table in StoredTables.all {
                guard let entry = manifest.tables.first(where: { $0.name == table.name }) else {
                    throw ImportError(.unreadableFile, "\(url.path) does not list the table \(table.name)")
                }
                guard entry.columns == table.columnNames, entry.file == table.name + ".csv" else {
                    throw ImportError(
                        .unreadableFile, "\(url.path) lists other columns or another file for \(table.name)")
                }
            }
            self.manifest = manifest
        }

        public func rowCounts() throws -> [String: Int] {
            Dictionary(uniqueKeysWithValues: manifest.tables.map { ($0.name, $0.rows) })
        }

        public func pages(of table: StoredTable, _ body: ([[StoredValue]]) async throws -> Void) async throws {
            let url = folder.appendingPathComponent(table.name + ".csv")
            let file = try MappedFile(url)
            let name = table.name + ".csv"
            let bytes = file.bytes
            var reader = CSVReader(bytes, delimiter: UInt8(ascii: ","))
            guard reader.next() else {
                throw ImportError(.emptyFile, "\(url.path) is empty; it should start with the header of \(table.name)")
            }
            let header = reader.strings()
            guard header == table.columnNames else {
                throw ImportError(
                    .missingColumn,
                    "\(name), line 1: the header is not the columns of \(table.name) (expected "
                        + table.columnNames.joined(separator: ",") + ")")
            }
            var page: [[StoredValue]] = []
            page.reserveCapacity(StoredTables.pageSize)
            while reader.next() {
                page.append(try Self.row(reader, table, file: name))
                if page.count == StoredTables.pageSize {
                    try await body(page)
                    page.removeAll(keepingCapacity: true)
                }
            }
            if !page.isEmpty { try await body(page) }
            withExtendedLifetime(file) {}
        }

        private static func row(_ reader: CSVReader, _ table: StoredTable, file: String) throws -> [StoredValue] {
            func problem(_ column: String?, _ reason: String) -> ImportError {
                let error = RowError(file: file, line: reader.line, column: column, reason: reason)
                return ImportError(
                    .invalidRows, error.description + "\nNothing was imported: the folder is read whole or not at all.",
                    rowErrors: [error])
            }
            if reader.unterminatedQuote { throw problem(nil, "a quoted field is not closed") }
            guard reader.fields.count == table.columns.count else {
                throw problem(nil, "\(reader.fields.count) fields where the header has \(table.columns.count)")
            }
            var values: [StoredValue] = []
            values.reserveCapacity(table.columns.count)
            for (index, column) in table.columns.enumerated() {
                if reader.hasNonASCII, !reader.isValidUTF8(index) { throw problem(column.name, "not UTF-8 text") }
                let text = reader.string(index)
                if text.isEmpty, !reader.isQuoted(index) {
                    values.append(.null)
                    continue
                }
                switch column.kind {
                case .text: values.append(.text(text))
                case .integer:
                    guard let v = Int64(text) else { throw problem(column.name, "\"\(text)\" is not a whole number") }
                    values.append(.integer(v))
                case .day:
                    if let day = Day(iso: text) {
                        values.append(.integer(Int64(day.number)))
                    } else if let v = Int64(text) {
                        values.append(.integer(v))
                    } else {
                        throw problem(column.name, "\"\(text)\" is not a date (expected YYYY-MM-DD)")
                    }
                case .real:
                    guard let v = Double(text), !v.isNaN else {
                        throw problem(column.name, "\"\(text)\" is not a number")
                    }
                    values.append(.real(v))
                }
            }
            return values
        }
    }
}

/// A file written in large blocks, for the export's tables.
private final class FileSink {
    private let handle: FileHandle
    private let url: URL

    init(_ url: URL) throws {
        self.url = url
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw StoreError(.database, "cannot create \(url.path)")
        }
        handle = try FileHandle(forWritingTo: url)
    }

    func write(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        try handle.write(contentsOf: bytes)
    }

    func close() throws { try handle.close() }
}
