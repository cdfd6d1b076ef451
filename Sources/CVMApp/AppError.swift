import CVMStore
import CustomerValue

/// Why an operation failed: a stable code a program matches, the facts, and a message a person
/// reads. The message assumes no interface: the CLI adds command-line advice by code
/// (`run cvm init`), the web service maps the code to an HTTP status.
public struct AppError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Codable, Sendable {
        /// No database where one was expected.
        case missingDatabase
        /// The file is not a database, or belongs to another program, or to a newer cvm.
        case notADatabase, foreignDatabase, newerSchema
        /// Another process is writing; nothing was stored.
        case busy
        /// A request value out of its range or inconsistent with another.
        case invalidRequest
        /// A file could not be read, or one or more rows were invalid (see `rows`).
        case invalidFile, invalidRows
        /// There is nothing to analyse (no transactions, no payments, …).
        case noData
        /// A named thing (run, customer, import) does not exist.
        case notFound
        /// A model could not be fitted; no result was stored.
        case notFitted
        /// An output would overwrite something it must not.
        case outputConflict
        /// The database failed (disk full, I/O error).
        case storage
        /// A database of an older schema opened for reading only: a write upgrades it first.
        case olderSchema
        /// A write to a database opened for reading only.
        case readOnly
        /// Deleting what cannot be deleted exactly (an import that changed earlier rows).
        case notDeletable
        /// Something of the same kind is already under way (an analysis run on this database).
        case conflict
        /// A program the operation runs is not installed or failed (Spark for a summary of files).
        case unavailable
    }

    /// One fact about the failure, in the order it helps to read them.
    public struct Fact: Codable, Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// One bad row of a file: where, and what was expected.
    public struct RowProblem: Codable, Sendable, Equatable {
        public var file: String
        public var line: Int
        public var column: String?
        public var message: String
    }

    public var code: Code
    public var message: String
    public var facts: [Fact]
    public var rows: [RowProblem]
    /// The message in each language, when it comes from the catalogue (`localized(_:_:)`).
    public var translations: [Language: String] = [:]

    public init(_ code: Code, _ message: String, facts: [Fact] = [], rows: [RowProblem] = []) {
        self.code = code
        self.message = message
        self.facts = facts
        self.rows = rows
    }

    public var description: String { message }

    /// The library's error as an `AppError`; an error already written for people keeps its text.
    public static func from(_ error: Error) -> AppError {
        switch error {
        case let error as AppError: return error
        case let error as StoreError:
            let code: Code =
                switch error.code {
                case .missingDatabase: .missingDatabase
                case .notADatabase: .notADatabase
                case .foreignDatabase: .foreignDatabase
                case .newerSchema: .newerSchema
                case .noTransactions, .noCosts, .noMarketing, .noPayments: .noData
                case .invalidOption, .alreadyExists: .invalidRequest
                case .notEmpty: .outputConflict
                case .database: .storage
                case .olderSchema: .olderSchema
                case .readOnly: .readOnly
                case .busy: .busy
                case .notFound: .notFound
                case .notDeletable: .notDeletable
                }
            return AppError(code, error.message)
        case let error as ImportError:
            let code: Code =
                switch error.code {
                case .invalidRows: .invalidRows
                case .database: .storage
                case .invalidOption: .invalidRequest
                default: .invalidFile
                }
            let rows = error.rowErrors.map {
                RowProblem(file: $0.file, line: $0.line, column: $0.column, message: $0.reason)
            }
            return AppError(code, error.message, rows: rows)
        case let error as LocalizedMessage: return AppError(.invalidRequest, error.description)
        default: return AppError(.storage, "\(error)")
        }
    }
}
