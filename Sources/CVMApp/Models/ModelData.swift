import CVMStore
import CustomerValue
import Foundation

/// Where the models read their customers: the database (through the summary) or a summary file.
public enum ModelSource: Sendable, Equatable {
    /// The database, observed up to `asOf` (default: the last transaction), with a holdout after
    /// `calibrationEnd` when given.
    case database(asOf: Day? = nil, calibrationEnd: Day? = nil)
    /// A summary CSV (columns frequency, recency, T and, where needed, monetary or periods;
    /// optional customer_id and weights) whose durations are in `unit`.
    case summaryFile(URL, unit: TimeUnit)

    /// Whether the source needs a database.
    public var needsDatabase: Bool {
        if case .database = self { return true }
        return false
    }
}

/// Customers as the models read them.
public struct ModelData: Sendable {
    public var ids: [String]
    /// One row per customer (weights say how many customers a row of a summary file stands for).
    public var histories: Histories
    public var monetary: [Double]?
    /// Time unit of recency and T.
    public var unit: TimeUnit
    public var holdout: SummaryTable.Holdout?
    /// Purchase opportunities per row (BG/BB), from a summary file's `periods` column.
    public var periods: [Double]?
    /// The summary from the database, when the data came from there.
    public var summary: SummaryTable?
    /// Where the data came from: the database path or the file.
    public var origin: String
    /// Rows of the data.
    public var count: Int { histories.count }

    /// `cvm.sqlite: 2357 customers to 1998-06-30, in weeks` or `s.csv (40 rows, days)`.
    public func source(in language: Language) -> String {
        guard let summary else { return Text.sourceFile(language, origin, count, unit.plural(in: language)) }
        var text = Text.sourceDatabase(
            language, origin, summary.count, summary.observationEnd.description, unit.plural(in: language))
        if let h = summary.holdout { text += Text.sourceHoldout(language, h.end.description) }
        return text
    }

    /// Reads a summary file (no database needed).
    public static func read(summaryFile url: URL, unit: TimeUnit) throws -> ModelData {
        let file: SummaryFile
        do { file = try SummaryFile.read(url) } catch { throw AppError.from(error) }
        return ModelData(
            ids: file.ids,
            histories: Histories(frequency: file.frequency, recency: file.recency, T: file.T, weight: file.weights),
            monetary: file.monetary, unit: unit, holdout: nil, periods: file.periods, summary: nil,
            origin: url.path)
    }

    /// Loads `source`: a file on its own, the database through `workspace`.
    static func load(_ source: ModelSource, unit: TimeUnit, workspace: Workspace?) async throws -> ModelData {
        switch source {
        case .summaryFile(let url, let fileUnit): return try read(summaryFile: url, unit: fileUnit)
        case .database(let asOf, let calibrationEnd):
            guard let workspace else { throw AppError(.missingDatabase, .needsDatabase) }
            let summary = try await workspace.run {
                try await workspace.store.summary(
                    SummaryOptions(unit: unit, asOf: asOf, calibrationEnd: calibrationEnd))
            }
            return ModelData(
                ids: summary.ids, histories: summary.histories, monetary: summary.monetary, unit: unit,
                holdout: summary.holdout, periods: nil, summary: summary, origin: workspace.store.path)
        }
    }
}
