import CustomerValue
import GRDB

/// An error a user can act on: a stable code for programs and a message for people.
public struct StoreError: Error, Equatable, LocalizedMessage, Sendable {
    public enum Code: String, Sendable {
        case missingDatabase
        case notADatabase
        case foreignDatabase
        case newerSchema
        /// Written by an older cvm and opened read-only, so it could not be upgraded.
        case olderSchema
        /// A write on a store opened read-only.
        case readOnly
        /// Another process kept the database locked for writing longer than the busy timeout.
        case busy
        case alreadyExists
        /// A copy of a database was to go into a database that already holds data.
        case notEmpty
        case noTransactions
        /// A margin was asked for but no transaction has a cost.
        case noCosts
        /// No marketing spend or payments to analyse.
        case noMarketing
        case noPayments
        /// No customer, import or run with the id asked for.
        case notFound
        /// A deletion that could not be exact (see `Store.deleteImport(_:)`).
        case notDeletable
        case invalidOption
        case database
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// The error of a write that waited the busy timeout for another writer.
    static func busy(_ path: String) -> StoreError {
        StoreError(
            .busy,
            "another import or analysis is writing to \(path); nothing was stored, try again when it has finished")
    }

    /// A SQLite error as a `StoreError` naming the database: `.busy` for a lock held too long,
    /// `.readOnly` for a file that cannot be written, `.database` with SQLite's reason otherwise.
    init(_ error: DatabaseError, path: String) {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            self = .busy(path)
        case .SQLITE_READONLY:
            self.init(.readOnly, "\(path) cannot be written (\(error.message ?? "read-only")); nothing was stored")
        default:
            self.init(.database, "the database \(path) failed: \(error.message ?? "\(error.resultCode)")")
        }
    }
}
