import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

struct Validate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check purchase models on a calibration/holdout split: predicted vs actual holdout purchases.",
        discussion: """
            Fits each model on the purchases up to --calibration-end and predicts every customer's repeat \
            purchases in the holdout (the days after it, up to --as-of or the last transaction). Reports the \
            mean predicted and actual holdout purchases per calibration frequency (0, 1, …, 6, 7+), the mean \
            absolute error and the correlation per customer, and the cumulative repeat purchases of the \
            whole base over calendar time (the tracking plot). Several models are ranked by mean absolute error.

            CSV (long form): model,table,key,customers,actual,predicted with table = bucket (key: calibration \
            frequency) or cumulative (key: time since the first purchase in the data, in --unit).
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("Model(s): bgnbd, mbgnbd, pareto; comma-separated to compare.", valueName: "models"))
    var model = "bgnbd"

    @Option(help: ArgumentHelp("End of the calibration period, YYYY-MM-DD.", valueName: "date"))
    var calibrationEnd: Day

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("End of the holdout (default: the last transaction date).", valueName: "date"))
    var asOf: Day?

    @Option(help: "Time unit: day, week or month.")
    var unit: TimeUnit = Defaults.standard.modelUnit

    @Option(help: "Language of the table and messages: en or zh.")
    var lang: Language = .en

    func run() async throws {
        let kinds = try modelList(model)
        do {
            let workspace = try global.openWorkspaceForReading()
            let result = try await workspace.validate(
                ValidateRequest(models: kinds, calibrationEnd: calibrationEnd, asOf: asOf, unit: unit))
            let sink = try output.sink()
            defer { sink.close() }
            switch output.format {
            case .csv: result.writeLongCSV(sink.write)
            case .json: sink.line(try JSONDocument.text(result.document))
            case .table: sink.line(ValidationView.text(result, lang: lang))
            }
        } catch { throw UserFacingError.wrap(error, in: lang) }
    }
}

/// A validation as terminal tables.
enum ValidationView {
    static func text(_ result: ValidateResult, lang: Language) -> String {
        let unit = result.unit.plural(in: lang)
        var lines = [
            Text.validateHeading(
                lang, result.calibrationEnd, Number.exact(result.duration), unit, result.holdoutEnd, result.customers)
        ]
        for r in result.models { lines.append("\n" + table(r, unit: result.unit, lang: lang)) }
        if result.models.count > 1 {
            var ranking = TerminalTable(
                headers: [
                    Text.fitRank(lang), Text.fitModel(lang), Text.validateMeanAbsoluteError(lang),
                    Text.validateCorrelation(lang), Text.validatePredicted(lang), Text.validateActual(lang),
                ],
                alignments: [.right, .left, .right, .right, .right, .right])
            for (i, r) in result.models.enumerated() {
                ranking.append([
                    String(i + 1), r.fit.model, Number.readable(r.check.meanAbsoluteError, digits: 4),
                    r.check.correlation.map { Number.readable($0, digits: 3) } ?? "–",
                    Number.readable(r.check.totalPredicted, digits: 1), Number.readable(r.check.totalActual, digits: 0),
                ])
            }
            lines.append("\n" + Text.validateRanking(lang) + "\n" + ranking.render())
        }
        return lines.joined(separator: "\n")
    }

    private static func table(_ r: ValidateResult.Model, unit: TimeUnit, lang: Language) -> String {
        var buckets = TerminalTable(
            headers: [
                Text.validateCalibrationColumn(lang), Text.validateCustomers(lang), Text.validateActual(lang),
                Text.validatePredicted(lang),
            ],
            alignments: [.left, .right, .right, .right])
        for b in r.check.buckets {
            buckets.append([
                b.label, Number.exact(b.customers), Number.readable(b.meanActual, digits: 3),
                Number.readable(b.meanPredicted, digits: 3),
            ])
        }
        var tracking = TerminalTable(
            headers: [
                unit.name(in: lang), Text.validateActualCumulative(lang),
                Text.validateExpectedCumulative(lang),
            ],
            alignments: [.right, .right, .right])
        let step = max(1, r.times.count / 12)
        for k in stride(from: step - 1, to: r.times.count, by: step) {
            tracking.append([
                Number.exact(r.times[k]), Number.readable(r.actualCumulative[k], digits: 0),
                Number.readable(r.expectedCumulative[k], digits: 1),
            ])
        }
        let params = zip(r.fit.names, r.fit.values).map { "\($0)=\(FitReport.format($1))" }.joined(separator: " ")
        let totals = Text.validateTotals(
            lang, Number.readable(r.check.totalPredicted, digits: 1), Number.readable(r.check.totalActual, digits: 0),
            Number.readable(r.check.meanAbsoluteError, digits: 4),
            r.check.correlation.map { Number.readable($0, digits: 3) } ?? "–")
        return [
            "\(r.fit.model): \(params)", Text.validateBuckets(lang), buckets.render(), totals,
            Text.validateTracking(lang), tracking.render(),
        ].joined(separator: "\n")
    }
}
