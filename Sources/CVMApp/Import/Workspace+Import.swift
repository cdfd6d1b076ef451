import CVMStore
import CustomerValue
import Foundation

/// What a file holds, as `importFile(_:from:options:)` reads it.
public enum ImportKind: String, CaseIterable, Codable, Sendable {
    case customers, transactions, marketing, payments, interactions, complaints, surveys

    /// How messages name what was imported.
    public func noun(in language: Language) -> String {
        switch self {
        case .customers: Text.importKindCustomers(language)
        case .transactions: Text.importKindTransactions(language)
        case .marketing: Text.importKindMarketing(language)
        case .payments: Text.importKindPayments(language)
        case .interactions: Text.importKindInteractions(language)
        case .complaints: Text.importKindComplaints(language)
        case .surveys: Text.importKindSurveys(language)
        }
    }
}

extension Workspace {
    /// Imports one file: all its rows or, when a row is invalid, none (unless `options.skipInvalid`,
    /// which writes the invalid rows to a rejects file instead).
    ///
    /// `options` is handed to the importer as it is (delimiter, column mapping, date format, …);
    /// this call only checks that the rejects file replaces neither the input nor the database,
    /// nor an existing file that is not a CSV unless `force`. An HTTP handler streams the upload
    /// to a temporary file and passes its URL.
    ///
    /// - Throws: `AppError` with `.invalidRows` and one `RowProblem` per bad row (file, line,
    ///   column), `.invalidFile`, `.outputConflict`, `.busy` or `.storage`.
    public func importFile(
        _ kind: ImportKind, from url: URL, options: ImportOptions = ImportOptions(), force: Bool = false
    ) async throws -> ImportResult {
        if options.skipInvalid {
            let rejects = options.rejectsURL ?? url.appendingPathExtension("rejects.csv")
            _ = try OutputTarget.check(
                rejects.path, writing: .csv, database: store.path, inputs: [url.path], force: force)
        }
        let report = try await run {
            switch kind {
            case .customers: try await store.importCustomers(from: url, options: options)
            case .transactions: try await store.importTransactions(from: url, options: options)
            case .marketing: try await store.importMarketing(from: url, options: options)
            case .payments: try await store.importPayments(from: url, options: options)
            case .interactions: try await store.importInteractions(from: url, options: options)
            case .complaints: try await store.importComplaints(from: url, options: options)
            case .surveys: try await store.importSurveys(from: url, options: options)
            }
        }
        return ImportResult(kind: kind, report: report)
    }

    /// Customers and transactions in the database.
    public func counts() async throws -> DatabaseCounts {
        let (customers, transactions) = try await run { try await store.counts() }
        return DatabaseCounts(database: store.path, customers: customers, transactions: transactions)
    }
}

/// How many customers and transactions a database holds.
public struct DatabaseCounts: Sendable, Equatable, Encodable {
    public let database: String
    public let customers: Int
    public let transactions: Int

    /// `Database ready: cvm.sqlite (0 customers, 0 transactions)`.
    public func readyLine(in language: Language) -> String {
        Text.databaseReady(language, database, customers, transactions)
    }
}

/// What one import did.
public struct ImportResult: Sendable {
    public let kind: ImportKind
    public let report: ImportReport

    /// Every valid row was already in the database.
    public var nothingNew: Bool {
        report.rowsRead > 0 && report.rowsStored == 0
            && report.rowsDuplicate + report.rowsRejected == report.rowsRead
    }

    /// What a person reads after the import, one line each, in order: ignored columns, rejects,
    /// new customers, nothing new, and the counts.
    public func lines(in language: Language) -> [String] {
        var lines: [String] = []
        let r = report
        if !r.ignoredColumns.isEmpty {
            let names = r.ignoredColumns.map { "\"\($0)\"" }.joined(separator: ", ")
            lines.append(Text.importIgnoredColumns(language, kind.noun(in: language), names))
        }
        if let rejects = r.rejectsURL { lines.append(Text.importRejectsWritten(language, rejects.path)) }
        if r.customersCreated > 0 {
            let text: Text =
                kind == .customers
                ? (r.customersCreated == 1 ? .importNewCustomer : .importNewCustomers)
                : (r.customersCreated == 1 ? .importNewBareCustomer : .importNewBareCustomers)
            lines.append(text(language, r.customersCreated))
        }
        if nothingNew { lines.append(Text.importNothingNew(language, r.file)) }
        lines.append(
            Text.importDone(language, kind.noun(in: language), r.file, counts(in: language), Number.fixed(r.seconds)))
        return lines
    }

    /// `6,919 rows read: 6,919 stored, 0 duplicates skipped, 0 rejected`, with `12 updated` after
    /// `stored` when the import changed stored rows.
    public func counts(in language: Language) -> String {
        let r = report
        if r.rowsUpdated > 0 {
            return Text.importCountsUpdated(
                language, Number.grouped(r.rowsRead), Number.grouped(r.rowsStored), Number.grouped(r.rowsUpdated),
                Number.grouped(r.rowsDuplicate), Number.grouped(r.rowsRejected))
        }
        return Text.importCounts(
            language, Number.grouped(r.rowsRead), Number.grouped(r.rowsStored), Number.grouped(r.rowsDuplicate),
            Number.grouped(r.rowsRejected))
    }

    /// The JSON document: `{kind, file, import_id, rows_read, rows_stored, …}`.
    public var document: Document { Document(self) }

    public struct Document: Encodable, Sendable {
        public let kind: String
        public let file: String
        public let importID: Int64
        public let bytes: Int
        public let rowsRead, rowsStored, rowsDuplicate, rowsRejected, customersCreated: Int
        public let ignoredColumns: [String]
        public let rejectsFile: String?
        public let seconds: Double

        init(_ result: ImportResult) {
            let r = result.report
            kind = result.kind.rawValue
            file = r.file
            importID = r.importID
            bytes = r.bytes
            (rowsRead, rowsStored, rowsDuplicate, rowsRejected) = (
                r.rowsRead, r.rowsStored, r.rowsDuplicate, r.rowsRejected
            )
            customersCreated = r.customersCreated
            ignoredColumns = r.ignoredColumns
            rejectsFile = r.rejectsURL?.path
            seconds = r.seconds
        }
    }
}

/// How to read an import file (delimiter, column mapping, date format, rejects, progress), as the
/// importers take it: interfaces build it and `importFile(_:from:options:force:)` hands it on
/// unchanged, so every option the importers gain reaches every interface.
public typealias FileImportOptions = ImportOptions
