import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

/// Where the models read their customers from: the database (through the summary) or a summary CSV.
struct ModelInputOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Fit on this summary CSV instead of the database (columns frequency,recency,T and, where needed, "
                + "monetary or periods; optional customer_id/ID and weights/count).",
            valueName: "file"))
    var summary: String?

    @Option(help: "Unit of the durations in --summary: day, week or month.")
    var summaryUnit: TimeUnit = .day

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp(
            "End of observation in the database, YYYY-MM-DD (default: the last transaction date).", valueName: "date"))
    var asOf: Day?

    @Option(
        help: ArgumentHelp(
            "Fit on the period up to this date, YYYY-MM-DD; the days after it are the holdout.", valueName: "date"))
    var calibrationEnd: Day?

    func validate() throws {
        if summary != nil, asOf != nil || calibrationEnd != nil {
            throw ValidationError("--as-of and --calibration-end apply to the database, not to --summary files")
        }
    }

    /// The source the options name.
    var source: ModelSource {
        if let summary { return .summaryFile(URL(fileURLWithPath: summary), unit: summaryUnit) }
        return .database(asOf: asOf, calibrationEnd: calibrationEnd)
    }

    /// The workspace when the source needs the database, else nil (a summary file needs none).
    func workspace(_ global: GlobalOptions) throws -> Workspace? {
        source.needsDatabase ? try global.openWorkspace() : nil
    }
}

extension ModelKind: ExpressibleByArgument {}

/// Reads `--model a,b` with the option's name in the message.
func modelList(_ text: String) throws -> [ModelKind] {
    do { return try ModelKind.list(text) } catch let error as AppError {
        throw ValidationError(error.message)
    }
}
