import CVMStore
import CustomerValue
import Foundation

/// What an upload did: the import's report, and the rejected rows when they were skipped.
public struct UploadResult: Sendable {
    public var result: ImportResult
    /// The rejects file's text (each rejected row with its reason), when `skip_invalid` rejected any.
    public var rejects: String?

    /// The import's document (`ImportResult.Document`) with `rejects` in place of `rejects_file`:
    /// the client has no access to the server's files.
    public var document: Document {
        let d = result.document
        return Document(
            kind: d.kind, file: d.file, importID: d.importID, bytes: d.bytes, rowsRead: d.rowsRead,
            rowsStored: d.rowsStored, rowsDuplicate: d.rowsDuplicate, rowsRejected: d.rowsRejected,
            customersCreated: d.customersCreated, ignoredColumns: d.ignoredColumns, seconds: d.seconds,
            rejects: rejects)
    }

    public struct Document: Encodable, Sendable {
        public let kind: String
        public let file: String
        public let importID: Int64
        public let bytes: Int
        public let rowsRead, rowsStored, rowsDuplicate, rowsRejected, customersCreated: Int
        public let ignoredColumns: [String]
        public let seconds: Double
        public let rejects: String?

        enum CodingKeys: String, CodingKey {
            case kind, file, importID, bytes, rowsRead, rowsStored, rowsDuplicate, rowsRejected, customersCreated
            case ignoredColumns, seconds, rejects
        }
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            try c.encode(file, forKey: .file)
            try c.encode(importID, forKey: .importID)
            try c.encode(bytes, forKey: .bytes)
            try c.encode(rowsRead, forKey: .rowsRead)
            try c.encode(rowsStored, forKey: .rowsStored)
            try c.encode(rowsDuplicate, forKey: .rowsDuplicate)
            try c.encode(rowsRejected, forKey: .rowsRejected)
            try c.encode(customersCreated, forKey: .customersCreated)
            try c.encode(ignoredColumns, forKey: .ignoredColumns)
            try c.encode(seconds, forKey: .seconds)
            // Always present (null without rejects), so a client reads one shape.
            if let rejects { try c.encode(rejects, forKey: .rejects) } else { try c.encodeNil(forKey: .rejects) }
        }
    }
}

extension Workspace {
    /// Imports a file that a client sent, already saved by the caller at `url` (a path of the
    /// server's own, never one the client named): all rows or none, or with `skipInvalid` the
    /// valid rows, the rejected ones returned as text. Everything written beside `url` is removed.
    /// `surveyScale` and `satisfactionScale` are the rating scales of a surveys file and of a
    /// complaints file's ratings (default 1–5).
    public func importUpload(
        _ kind: ImportKind, from url: URL, skipInvalid: Bool, surveyScale: SurveyScale? = nil,
        satisfactionScale: SatisfactionScale? = nil
    ) async throws -> UploadResult {
        var options = ImportOptions()
        if let surveyScale { options.survey.scale = surveyScale }
        if let satisfactionScale { options.satisfactionScale = satisfactionScale }
        // The history names the file as the client sent it (the last part of `url`), not the
        // server's temporary path.
        options.recordedName = url.lastPathComponent
        let rejectsURL = url.appendingPathExtension("rejects.csv")
        if skipInvalid {
            options.skipInvalid = true
            options.rejectsURL = rejectsURL
        }
        defer { try? FileManager.default.removeItem(at: rejectsURL) }
        let result = try await importFile(kind, from: url, options: options, force: true)
        let rejects =
            result.report.rejectsURL != nil && result.report.rowsRejected > 0
            ? try? String(contentsOf: rejectsURL, encoding: .utf8) : nil
        return UploadResult(result: result, rejects: rejects)
    }
}
