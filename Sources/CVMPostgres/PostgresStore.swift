import CVMStore
import CustomerValue
import Foundation
import Logging
import NIOCore
import NIOSSL
import PostgresNIO

/// The customer store on a PostgreSQL server, for a team that shares one database: the same
/// `CustomerStore` protocol, the same versioned migrations (see `PostgresSchema`), the same
/// import checks (the rows are read by the SQLite importer into a private staging database, see
/// `StagedImport`, then sent with `COPY … FROM STDIN` and merged in SQL inside one transaction),
/// and the per-customer aggregation in SQL on the server.
///
/// ```swift
/// let store = try PostgresStore(url: "postgres://cvm@db.example.com:5432/cvm?sslmode=require")
/// let summary = try await store.summary(SummaryOptions())
/// ```
///
/// The store owns a `PostgresClient` (a pool of connections) that runs in a background task from
/// `init` until `shutdown()` or the store's release. The schema is created or upgraded when the
/// first operation runs (a read-only store only checks it). Writes take one advisory lock, so two
/// writers (two imports, say) run one after the other; one that waits longer than `busyTimeout`
/// fails with `StoreError.Code.busy`, having stored nothing.
///
/// The password of the connection string is never shown: `path` is the address without it.
public final class PostgresStore: CustomerStore, Sendable {
    /// The server and database, without the password.
    public let path: String
    public let mode: Store.AccessMode
    let busyTimeout: Double
    let client: PostgresClient
    private let runTask: Task<Void, Never>
    private let readiness = Readiness()
    let logger: Logger

    /// The advisory lock every write holds (an arbitrary 64-bit number, "CVM1" + "WRIT").
    static let writeLock: Int64 = 0x4356_4D31_5752_4954

    /// Connects to `url` (`postgres://user[:password]@host[:port]/database[?sslmode=…]`).
    ///
    /// Nothing is sent to the server yet: the first operation connects and creates, upgrades
    /// (read-write) or checks (read-only) the schema, and throws a `StoreError` saying what is
    /// wrong (no server, refused login, another program's database, a newer schema).
    public init(url text: String, mode: Store.AccessMode = .readWrite, busyTimeout: Double = Store.defaultBusyTimeout)
        throws
    {
        let url: PostgresURL
        do {
            url = try PostgresURL(text)
        } catch {
            throw StoreError(.notADatabase, error.description)
        }
        path = url.redacted
        self.mode = mode
        self.busyTimeout = busyTimeout
        var logger = Logger(label: "cvm.postgres")
        logger.logLevel = .critical
        self.logger = logger
        let tls: PostgresClient.Configuration.TLS
        switch url.sslMode {
        case .disable: tls = .disable
        case .allow, .prefer:
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = .none
            tls = .prefer(configuration)
        case .require:
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = .none
            tls = .require(configuration)
        case .verifyCA:
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = .noHostnameVerification
            tls = .require(configuration)
        case .verifyFull:
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = .fullVerification
            tls = .require(configuration)
        }
        var configuration = PostgresClient.Configuration(
            host: url.host, port: url.port, username: url.user,
            // As libpq: an address without a password takes the one in PGPASSWORD, so that a
            // password need not be written into commands (where shell histories keep it).
            password: url.password
                ?? ProcessInfo.processInfo.environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 },
            database: url.database, tls: tls)
        configuration.options.maximumConnections = 8
        configuration.options.connectionIdleTimeout = .seconds(60)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        runTask = Task { await client.run() }
    }

    deinit { runTask.cancel() }

    /// Closes the connections; the store cannot be used afterwards.
    public func shutdown() async {
        runTask.cancel()
        await runTask.value
    }

    // MARK: Sessions

    /// Runs `body` on one pooled connection, after making sure the schema is ready.
    func read<T: Sendable>(_ body: (Session) async throws -> T) async throws -> T {
        try await ready()
        return try await mapped {
            try await client.withConnection { connection in
                try await body(Session(connection: connection, logger: logger))
            }
        }
    }

    /// Runs `body` in one transaction holding the write lock: everything or nothing.
    func write<T: Sendable>(_ body: (Session) async throws -> T) async throws -> T {
        guard mode == .readWrite else {
            throw StoreError(.readOnly, "\(path) was opened read-only; nothing was stored")
        }
        try await ready()
        return try await mapped {
            try await client.withConnection { connection in
                let session = Session(connection: connection, logger: logger)
                try await session.begin(lockTimeout: busyTimeout)
                do {
                    let value = try await body(session)
                    try await session.execute("COMMIT")
                    return value
                } catch {
                    try? await session.execute("ROLLBACK")
                    throw error
                }
            }
        }
    }

    /// Turns the driver's errors into `StoreError`s that name the database (never its password).
    func mapped<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PSQLError {
            throw storeError(error)
        } catch let error as StoreError {
            throw error
        } catch let error as ImportError {
            throw error
        } catch is CancellationError {
            throw StoreError(.database, "the work on \(path) was cancelled; nothing was stored")
        } catch {
            // The pool's own errors: no connection could be made (no server there, or it refused).
            let reason =
                String(describing: error).contains("connectionCreationCircuitBreakerTripped")
                ? "no connection could be made (is the server running, and is the address right?)"
                : String(describing: error)
            throw StoreError(.database, "cannot reach the database \(path): \(reason)")
        }
    }

    func storeError(_ error: PSQLError) -> StoreError {
        let state = error.serverInfo?[.sqlState]
        let message = error.serverInfo?[.message]
        switch state {
        case "55P03", "40P01", "40001":
            return StoreError(
                .busy,
                "another import or analysis is writing to \(path); nothing was stored, try again when it has finished")
        case "25006", "42501":
            return StoreError(.readOnly, "\(path) cannot be written (\(message ?? "read-only")); nothing was stored")
        case .some(let state) where state.hasPrefix("28"):
            return StoreError(.database, "\(path) refused the login: \(message ?? state)")
        case "3D000":
            return StoreError(.missingDatabase, "there is no database \(path): \(message ?? state!)")
        case .some(let state):
            return StoreError(.database, "the database \(path) failed: \(message ?? state)")
        case nil:
            let reason: String =
                switch error.code {
                case .connectionError, .serverClosedConnection, .uncleanShutdown:
                    "the connection failed or was lost (\(Self.underlying(error)))"
                case .sslUnsupported: "the server does not offer TLS, which sslmode asks for"
                case .failedToAddSSLHandler: "TLS could not be set up (\(Self.underlying(error)))"
                case .queryCancelled: "the query was cancelled"
                case .tooManyParameters: "a statement had more than 65,535 parameters"
                default: "\(error.code) (\(Self.underlying(error)))"
                }
            return StoreError(.database, "the database \(path) failed: \(reason); nothing was stored")
        }
    }

    private static func underlying(_ error: PSQLError) -> String {
        error.underlying.map { String(describing: $0) } ?? "no further detail"
    }

    // MARK: Schema

    /// Connects, then creates or upgrades (read-write) or checks (read-only) the schema, once.
    func ready() async throws {
        try await readiness.once { try await self.prepareSchema() }
    }

    private func prepareSchema() async throws {
        try await mapped {
            try await client.withConnection { connection in
                let session = Session(connection: connection, logger: logger)
                let tables = try await session.rows(
                    """
                    SELECT table_name::text FROM information_schema.tables
                    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                    """
                ).map { try $0.text(0) }
                let known = Set(PostgresSchema.tables)
                if !tables.isEmpty, !tables.contains("cvm_migrations") {
                    let found = tables.filter(known.contains)
                    throw StoreError(
                        .foreignDatabase,
                        "\(path) holds tables of another program (\((found.isEmpty ? tables : found).prefix(5).joined(separator: ", ")))"
                            + ", not a cvm database; give cvm a database of its own")
                }
                let applied =
                    tables.contains("cvm_migrations")
                    ? Set(try await session.rows("SELECT identifier FROM cvm_migrations").map { try $0.text(0) }) : []
                let all = PostgresSchema.migrations.map(\.identifier)
                if !applied.isSubset(of: Set(all)) {
                    throw StoreError(
                        .newerSchema, "\(path) was written by a newer version of cvm; upgrade cvm to open it")
                }
                if applied.count == all.count { return }
                if mode == .readOnly {
                    if applied.isEmpty {
                        throw StoreError(.notADatabase, "\(path) is an empty database, not a cvm database yet")
                    }
                    let version = all.last(where: applied.contains) ?? "v0"
                    throw StoreError(
                        .olderSchema,
                        "\(path) has the schema of an older version of cvm (\(version)); it is upgraded in place, "
                            + "keeping its data, the first time it is opened for writing. Nothing was changed.")
                }
                try await session.begin(lockTimeout: busyTimeout)
                do {
                    try await session.execute(
                        "CREATE TABLE IF NOT EXISTS cvm_migrations (identifier TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
                    )
                    // Another process may have migrated while this one waited for the lock.
                    let done = Set(
                        try await session.rows("SELECT identifier FROM cvm_migrations").map { try $0.text(0) })
                    for migration in PostgresSchema.migrations where !done.contains(migration.identifier) {
                        for statement in migration.sql { try await session.execute(statement) }
                        try await session.execute(
                            "INSERT INTO cvm_migrations (identifier, applied_at) VALUES ($1, $2)",
                            [.text(migration.identifier), .text(Self.now())])
                    }
                    try await session.execute("COMMIT")
                } catch {
                    try? await session.execute("ROLLBACK")
                    throw error
                }
            }
        }
    }

    static func now() -> String { ISO8601DateFormatter().string(from: Date()) }
}

extension PostgresSchema {
    /// The tables of a cvm database, to tell it from another program's.
    static let tables = [
        "imports", "customers", "transactions", "prediction_runs", "predictions", "marketing", "payments",
        "analysis_runs", "analysis_results", "interactions", "complaints", "care_tasks", "survey_answers", "users",
        "api_tokens",
    ]
}

/// Runs a piece of work once, however many callers ask at the same time; a failure is not kept,
/// so the next caller tries again (the server may be up by then).
actor Readiness {
    private var done = false
    private var running: Task<Void, any Error>?

    func once(_ work: @escaping @Sendable () async throws -> Void) async throws {
        if done { return }
        if let running { return try await running.value }
        let task = Task { try await work() }
        running = task
        do {
            try await task.value
            done = true
            running = nil
        } catch {
            running = nil
            throw error
        }
    }
}

/// A value bound to a statement parameter.
enum Value: Sendable {
    case int(Int?)
    case double(Double?)
    case text(String?)
}

/// One connection and what cvm asks of it: statements with `$n` parameters, rows, transactions.
struct Session {
    let connection: PostgresConnection
    let logger: Logger

    static func bindings(_ values: [Value]) -> PostgresBindings {
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .int(let v): binds.append(v.map(Int64.init))
            case .double(let v): binds.append(v)
            case .text(let v): binds.append(v)
            }
        }
        return binds
    }

    /// Throws when the server has closed the connection (a restart, a terminated backend, a lost
    /// network): postgres-nio 1.33 hands a statement or a `COPY` on a closed connection to the
    /// channel without a promise, and a `COPY` then waits forever for the server's answer.
    func requireOpen() throws {
        guard !connection.isClosed else {
            throw StoreError(.database, "the connection to the server was lost; nothing was stored")
        }
    }

    func rows(_ sql: String, _ values: [Value] = []) async throws -> [PostgresRandomAccessRow] {
        try requireOpen()
        let sequence = try await connection.query(
            PostgresQuery(unsafeSQL: sql, binds: Self.bindings(values)), logger: logger)
        var rows: [PostgresRandomAccessRow] = []
        for try await row in sequence { rows.append(PostgresRandomAccessRow(row)) }
        return rows
    }

    /// Runs `body` for each row as it arrives (for results too large to hold as rows).
    func forEachRow(_ sql: String, _ values: [Value] = [], _ body: (PostgresRandomAccessRow) throws -> Void)
        async throws
    {
        try requireOpen()
        let sequence = try await connection.query(
            PostgresQuery(unsafeSQL: sql, binds: Self.bindings(values)), logger: logger)
        for try await row in sequence { try body(PostgresRandomAccessRow(row)) }
    }

    func one(_ sql: String, _ values: [Value] = []) async throws -> PostgresRandomAccessRow? {
        try await rows(sql, values).first
    }

    func execute(_ sql: String, _ values: [Value] = []) async throws {
        _ = try await rows(sql, values)
    }

    /// Runs a data-changing statement (without `RETURNING`) and returns how many rows it changed.
    func changes(_ sql: String, _ values: [Value] = []) async throws -> Int {
        try await one("WITH changed AS (\(sql) RETURNING 1) SELECT count(*) FROM changed", values)!.int(0)
    }

    /// `BEGIN`, then the write lock, waiting at most `lockTimeout` seconds for it (then the
    /// statement fails with lock_not_available, read as busy); the caller commits or rolls back.
    /// When the lock is not had, the transaction is rolled back here: the connection goes back to
    /// the pool, and an aborted transaction left on it would fail whatever ran on it next.
    func begin(lockTimeout: Double) async throws {
        try await execute("BEGIN")
        do {
            let milliseconds = Int(max(0, lockTimeout) * 1000)
            try await execute("SET LOCAL lock_timeout = \(max(1, milliseconds))")
            try await execute("SELECT pg_advisory_xact_lock(\(PostgresStore.writeLock))")
            try await execute("SET LOCAL lock_timeout = 0")
        } catch {
            try? await execute("ROLLBACK")
            throw error
        }
    }
}

extension PostgresRandomAccessRow {
    func int(_ column: Int) throws -> Int { try self[column].decode(Int.self) }
    func int64(_ column: Int) throws -> Int64 { Int64(try self[column].decode(Int.self)) }
    func optionalInt(_ column: Int) throws -> Int? { try self[column].decode(Int?.self) }
    func double(_ column: Int) throws -> Double { try self[column].decode(Double.self) }
    func optionalDouble(_ column: Int) throws -> Double? { try self[column].decode(Double?.self) }
    func text(_ column: Int) throws -> String { try self[column].decode(String.self) }
    func optionalText(_ column: Int) throws -> String? { try self[column].decode(String?.self) }
    /// A number SQL gives as 0 when there is nothing to sum (NULL reads as 0, as in SQLite's C API).
    func doubleOrZero(_ column: Int) throws -> Double { try optionalDouble(column) ?? 0 }
}
