import CVMPostgres
import CVMStore
import CustomerValue
import Foundation

/// The application: one database and the defaults, with every use case as a typed `async` call.
///
/// The command line, the web service and the tests build it the same way and call the same
/// operations; none of them holds a business rule of its own.
///
/// ```swift
/// let workspace = try Workspace.open(database: "cvm.sqlite")
/// let summary = try await workspace.summary(SummaryRequest(unit: .week))
/// ```
public struct Workspace: Sendable {
    /// The database every operation reads and writes, through the storage protocol.
    public let store: any CustomerStore
    /// The defaults of every request that leaves a setting out.
    public let defaults: Defaults

    public init(store: any CustomerStore, defaults: Defaults = .standard) {
        self.store = store
        self.defaults = defaults
    }

    /// Whether the operations may write: a read-only workspace never creates, upgrades or writes
    /// its database, so it works on a file the user may only read.
    public enum Access: Sendable {
        case readWrite, readOnly
    }

    /// Opens an existing database: a SQLite file, or a PostgreSQL database given as
    /// `postgres://user@host:port/database` (see `PostgresStore`; its schema is created or
    /// checked by the first operation).
    public static func open(database path: String, access: Access = .readWrite, defaults: Defaults = .standard)
        throws -> Workspace
    {
        do {
            let mode: Store.AccessMode = access == .readOnly ? .readOnly : .readWrite
            if PostgresURL.isPostgres(path) {
                return Workspace(store: try PostgresStore(url: path, mode: mode), defaults: defaults)
            }
            return Workspace(store: try Store.open(at: path, mode: mode), defaults: defaults)
        } catch {
            throw AppError.from(error)
        }
    }

    /// Creates a database (or upgrades an existing cvm database in place).
    public static func create(database path: String, defaults: Defaults = .standard) throws -> Workspace {
        do {
            if PostgresURL.isPostgres(path) {
                return Workspace(store: try PostgresStore(url: path), defaults: defaults)
            }
            return Workspace(store: try Store.create(at: path), defaults: defaults)
        } catch {
            throw AppError.from(error)
        }
    }

    /// A database address as output shows it: a PostgreSQL address without its password (a
    /// command that needs one finds it in `PGPASSWORD`), a file as given.
    public static func shownAddress(_ path: String) -> String {
        guard PostgresURL.isPostgres(path) else { return path }
        return (try? PostgresURL(path).redacted) ?? PostgresURL.redact(path)
    }

    /// Runs a store call, turning library errors into `AppError`s.
    func run<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            throw AppError.from(error)
        }
    }
}
