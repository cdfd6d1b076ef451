import CustomerValue

/// Why an import failed, with a message a user can act on. Nothing of the file was stored.
///
/// Row problems are collected (up to `RowError.reportLimit`) so a user sees many of them at once:
/// ```
/// orders.csv, line 12, column "date": "2023-13-01" is not a date (expected YYYY-MM-DD, …)
/// orders.csv, line 40, column "amount": "12,5" is not an amount (expected …)
/// and 3 more
/// Nothing was imported from orders.csv. Fix these rows, or pass --skip-invalid to import the
/// valid rows and write the invalid ones to a rejects file.
/// ```
public struct ImportError: Error, Equatable, LocalizedMessage, Sendable {
    public enum Code: String, Sendable {
        /// The file does not exist, is a directory, or cannot be read.
        case unreadableFile
        /// The file has no header line.
        case emptyFile
        /// The file is not UTF-8 (a UTF-16 byte order mark).
        case unsupportedEncoding
        /// A required column is not in the header, or a `--map` names a column that is not there.
        case missingColumn
        /// Two headers name one column (`amount,amount`, or `金额` and `amount`).
        case duplicateColumn
        /// A `--map`, `--delimiter` or `--date-format` the importer cannot use.
        case invalidOption
        /// One or more rows are invalid (see `rowErrors`).
        case invalidRows
        /// The rejects file could not be written.
        case rejectsFile
        /// SQLite failed (disk full, database locked, …).
        case database
    }

    public var code: Code
    public var message: String
    /// The first row problems, in file order (for `.invalidRows`).
    public var rowErrors: [RowError]
    /// How many more invalid rows there were beyond `rowErrors`.
    public var moreRowErrors: Int

    public init(_ code: Code, _ message: String, rowErrors: [RowError] = [], moreRowErrors: Int = 0) {
        self.code = code
        self.message = message
        self.rowErrors = rowErrors
        self.moreRowErrors = moreRowErrors
    }

    /// The error for invalid rows when the import is all-or-nothing.
    static func invalidRows(file: String, _ errors: [RowError], more: Int) -> ImportError {
        var lines = errors.map(\.description)
        if more > 0 { lines.append("and \(more) more") }
        lines.append(
            "Nothing was imported from \(file). Fix these rows, or import only the valid rows and have the "
                + "invalid ones written to a rejects file.")
        return ImportError(.invalidRows, lines.joined(separator: "\n"), rowErrors: errors, moreRowErrors: more)
    }

    public var description: String { message }
}

/// One invalid row: where it is and what is wrong with it.
public struct RowError: Equatable, CustomStringConvertible, Sendable {
    /// How many row errors an all-or-nothing import reports before it only counts the rest.
    public static let reportLimit = 20

    /// The file name as shown to the user.
    public var file: String
    /// The physical line the row starts on (the header is line 1).
    public var line: Int
    /// The column's name as written in the file's header, or nil for a problem with the whole row.
    public var column: String?
    /// What is wrong, e.g. `"2023-13-01" is not a date (expected …)`.
    public var reason: String

    public init(file: String, line: Int, column: String?, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `orders.csv, line 1234, column "date": "2023-13-01" is not a date (expected …)`.
    public var description: String {
        "\(file), line \(line)" + (column.map { ", column \"\($0)\"" } ?? "") + ": " + reason
    }

    /// The message without the file and line, as written in a rejects file's `error` column.
    public var detail: String { column.map { "column \"\($0)\": " + reason } ?? reason }
}
