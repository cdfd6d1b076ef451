import ArgumentParser
import CVMApp
import CVMStore
import CustomerValue
import Foundation

/// Where the models read their customers from: the database (through the summary) or a summary CSV.
struct ModelInputOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Fit on this summary CSV instead of the database (columns frequency,recency,T and, where needed, monetary or periods; optional customer_id/ID and weights/count).",
            valueName: "file"))
    var summary: String?

    @Option(help: "Unit of the durations in --summary: day, week or month.")
    var summaryUnit: TimeUnit = .day

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("End of observation in the database, YYYY-MM-DD (default: the last transaction date).", valueName: "date"))
    var asOf: Day?

    @Option(
        help: ArgumentHelp("Fit on the period up to this date, YYYY-MM-DD; the days after it are the holdout.", valueName: "date"))
    var calibrationEnd: Day?
}

/// Customers as the models read them.
struct ModelData {
    var ids: [String]
    /// One row per customer (weights say how many customers a row of a summary file stands for).
    var histories: Histories
    var monetary: [Double]?
    /// Time unit of recency and T.
    var unit: TimeUnit
    var holdout: SummaryTable.Holdout?
    /// Purchase opportunities per row (BG/BB), from a summary file's `periods` column.
    var periods: [Double]?
    /// The summary from the database, when the data came from there.
    var summary: SummaryTable?
    var source: String

    /// Loads from `--summary FILE`, or builds the summary from the database in `unit`.
    static func load(_ input: ModelInputOptions, global: GlobalOptions, unit: TimeUnit) throws -> ModelData {
        if let path = input.summary {
            if input.asOf != nil || input.calibrationEnd != nil {
                throw ValidationError("--as-of and --calibration-end apply to the database, not to --summary files")
            }
            let file = try SummaryFile.read(URL(fileURLWithPath: path))
            return ModelData(
                ids: file.ids,
                histories: Histories(frequency: file.frequency, recency: file.recency, T: file.T, weight: file.weights),
                monetary: file.monetary, unit: input.summaryUnit, holdout: nil, periods: file.periods, summary: nil,
                source: "\(path) (\(file.count) rows, \(input.summaryUnit.rawValue)s)")
        }
        let store = try global.openStore()
        let summary = try store.summary(SummaryOptions(unit: unit, asOf: input.asOf, calibrationEnd: input.calibrationEnd))
        var source = "\(store.path): \(summary.count) customers to \(summary.observationEnd), in \(unit.rawValue)s"
        if let h = summary.holdout { source += ", holdout to \(h.end)" }
        return ModelData(
            ids: summary.ids, histories: summary.histories, monetary: summary.monetary, unit: unit,
            holdout: summary.holdout, periods: nil, summary: summary, source: source)
    }
}

/// The models cvm fits, by their stable keys.
enum ModelKind: String, CaseIterable, ExpressibleByArgument {
    case bgnbd, pareto, mbgnbd, bgbb, sbg, gammagamma

    /// The purchase-model type, for the models that predict purchases from (x, tₓ, T).
    var purchaseModel: (any PurchaseModel.Type)? {
        switch self {
        case .bgnbd: BGNBD.self
        case .mbgnbd: MBGNBD.self
        case .pareto: ParetoNBD.self
        default: nil
        }
    }

    static func list(_ text: String) throws -> [ModelKind] {
        try text.split(separator: ",").map { name in
            guard let kind = ModelKind(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw ValidationError(
                    "unknown model \"\(name)\"; choose from \(allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return kind
        }
    }
}

/// Parses `r=0.24,alpha=4.4,…` into a fit of `model` with those parameters.
func parameters(_ text: String, model: String, names: [String], unit: TimeUnit) throws -> ModelFit {
    var values: [String: Double] = [:]
    for pair in text.split(separator: ",") {
        let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let value = Double(parts[1]) else {
            throw ValidationError("--params expects name=value pairs separated by commas, e.g. \(names.map { "\($0)=1" }.joined(separator: ","))")
        }
        values[parts[0]] = value
    }
    let missing = names.filter { values[$0] == nil }
    guard missing.isEmpty else {
        throw ValidationError("--params lacks \(missing.joined(separator: ", ")) for model \(model) (needs \(names.joined(separator: ", ")))")
    }
    var fit = ModelFit(
        model: model, names: names, values: names.map { values[$0]! }, standardErrors: nil, logLikelihood: .nan,
        customers: 0, iterations: 0, converged: true, message: "parameters given on the command line")
    fit.unit = unit
    return fit
}
