import CVMStore
import CustomerValue
import Foundation

/// What a deletion removed, by table.
public struct DeletionResult: Sendable {
    public let deletion: Deletion
    /// What was deleted: a customer's id or an import's number.
    public let target: String

    /// `{target, customers, transactions, marketing, payments, interactions, complaints, survey_answers,
    /// predictions, analysis_results, care_tasks, note}`.
    public var document: Document {
        Document(
            target: target, customers: deletion.customers, transactions: deletion.transactions,
            marketing: deletion.marketing, payments: deletion.payments, interactions: deletion.interactions,
            complaints: deletion.complaints, surveyAnswers: deletion.surveyAnswers, predictions: deletion.predictions,
            analysisResults: deletion.analysisResults, careTasks: deletion.careTasks, note: Self.note)
    }

    public struct Document: Encodable, Sendable {
        public let target: String
        public let customers, transactions, marketing, payments, interactions, complaints, surveyAnswers: Int
        public let predictions, analysisResults, careTasks: Int
        public let note: String
    }

    /// Stored runs keep their headline figures as computed when they ran.
    public static let note =
        "stored analysis runs keep the headline figures they were made with; run the analysis again for figures "
        + "without the deleted data"
}

/// One import as recorded, for the import history.
public struct ImportHistory: Sendable, Tabular {
    public let imports: [ImportRecord]

    public var columns: [String] {
        [
            "id", "kind", "file", "imported_at", "rows_read", "stored", "updated", "duplicates", "rejected",
            "first_day",
            "last_day",
        ]
    }
    public var rowCount: Int { imports.count }
    public func fields(_ i: Int) -> [String] {
        let r = imports[i]
        return [
            String(r.id), r.kind.rawValue, r.file, r.importedAt, String(r.rowsRead), String(r.rowsStored),
            String(r.rowsUpdated), String(r.rowsDuplicate), String(r.rowsRejected),
            r.days?.lowerBound.description ?? "", r.days?.upperBound.description ?? "",
        ]
    }

    /// One object per import with the CSV columns as keys (sorted) and the fields as text.
    public var document: [[String: String]] {
        (0..<rowCount).map { Dictionary(uniqueKeysWithValues: zip(columns, fields($0))) }
    }
}

extension Workspace {
    /// Deletes a customer with everything stored about them (the right to erasure).
    ///
    /// - Throws: `AppError(.notFound)` for an unknown id; nothing is deleted then.
    public func deleteCustomer(_ id: String) async throws -> DeletionResult {
        let deletion = try await run { try await store.deleteCustomer(id) }
        return DeletionResult(deletion: deletion, target: deletion.customerID ?? id)
    }

    /// Deletes the rows one import stored (and the bare customers it created).
    ///
    /// - Throws: `AppError(.notFound)`, or `.notDeletable` when the deletion could not be exact
    ///   (a customers import, or one that changed rows stored before it).
    public func deleteImport(_ id: Int64) async throws -> DeletionResult {
        DeletionResult(deletion: try await run { try await store.deleteImport(id) }, target: String(id))
    }

    /// Every import, oldest first.
    public func imports() async throws -> ImportHistory {
        ImportHistory(imports: try await run { try await store.imports() })
    }
}
