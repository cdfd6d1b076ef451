import CVMPostgres
import CVMStore
import CustomerValue
import Foundation

/// What a copy of the whole database wrote: where from, where to, and the rows of each table.
public struct CopyResult: Sendable {
    public enum Kind: String, Sendable {
        /// The database was written to a folder of CSV files.
        case export
        /// A database (or such a folder) was copied into an empty database.
        case copy
    }

    public let kind: Kind
    /// Where the rows came from and went to: a file, a folder or a server (never a password).
    public let source: String
    public let target: String
    public let counts: CopyCounts
    public let seconds: Double

    /// `{kind, source, target, rows, seconds, tables: [{name, rows}]}`.
    public var document: Document {
        Document(
            kind: kind.rawValue, source: source, target: target, rows: counts.total,
            seconds: (seconds * 1000).rounded() / 1000,
            tables: counts.tables.map { Document.Table(name: $0.name, rows: $0.rows) })
    }

    public struct Document: Encodable, Sendable {
        public let kind, source, target: String
        public let rows: Int
        public let seconds: Double
        public let tables: [Table]
        public struct Table: Encodable, Sendable {
            public let name: String
            public let rows: Int
        }
    }

    /// The closing line, in `language`.
    public func line(in language: Language) -> String {
        let text: Text = kind == .export ? .copyExported : .copyCopied
        return text(
            language, Number.grouped(counts.total), counts.tables.count, source, target,
            Number.readable(seconds, digits: 1))
    }
}

extension Workspace {
    /// Writes every table of the database into `folder` (new or empty) as CSV files with a
    /// manifest (`DatabaseFolder`), from one snapshot of the database.
    public func export(to folder: URL, progress: CopyProgress? = nil) async throws -> CopyResult {
        let started = Date()
        let counts = try await run {
            try await store.withStoredRows { source in
                try await DatabaseFolder.write(
                    source, to: folder, exportedAt: ISO8601DateFormatter().string(from: Date()), progress: progress)
            }
        }
        return CopyResult(
            kind: .export, source: store.path, target: folder.path, counts: counts,
            seconds: Date().timeIntervalSince(started))
    }

    /// Copies the whole database into the database `target` (a SQLite file or a PostgreSQL
    /// address), which must be new or empty: every row of every table, keys and ids as they are;
    /// whole or not at all.
    public func copy(to target: String, progress: CopyProgress? = nil) async throws -> CopyResult {
        let started = Date()
        guard Self.normalisedTarget(target) != Self.normalisedTarget(store.path) else {
            throw AppError(.outputConflict, "the copy would go into the database it is read from (\(store.path))")
        }
        let (counts, shown) = try await run {
            try await store.withStoredRows { source in
                try await Self.restore(into: target, from: source, progress: progress)
            }
        }
        return CopyResult(
            kind: .copy, source: store.path, target: shown, counts: counts,
            seconds: Date().timeIntervalSince(started))
    }

    /// Reads a folder written by `export(to:progress:)` into the database `target` (new or empty,
    /// either kind), every value as it was exported; whole or not at all.
    public static func importDatabase(from folder: URL, into target: String, progress: CopyProgress? = nil)
        async throws -> CopyResult
    {
        let started = Date()
        do {
            let source = try DatabaseFolder.Reader(folder)
            let (counts, shown) = try await restore(into: target, from: source, progress: progress)
            return CopyResult(
                kind: .copy, source: folder.path, target: shown, counts: counts,
                seconds: Date().timeIntervalSince(started))
        } catch {
            throw AppError.from(error)
        }
    }

    private static func restore(into target: String, from source: any StoredRowSource, progress: CopyProgress?)
        async throws -> (CopyCounts, String)
    {
        if PostgresURL.isPostgres(target) {
            let store = try PostgresStore(url: target)
            do {
                let counts = try await store.restore(from: source, progress: progress)
                await store.shutdown()
                return (counts, store.path)
            } catch {
                await store.shutdown()
                throw error
            }
        }
        return (try await Store.restore(at: target, from: source, progress: progress), target)
    }

    /// A database address compared as a place: a file by its absolute path.
    private static func normalisedTarget(_ path: String) -> String {
        if PostgresURL.isPostgres(path) { return shownAddress(path) }
        return URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
