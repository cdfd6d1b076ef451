import ArgumentParser
import CVMApp
import CVMStore
import CustomerValue
import Foundation

struct Validate: ParsableCommand {
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

    @Option(name: .customLong("as-of"), help: ArgumentHelp("End of the holdout (default: the last transaction date).", valueName: "date"))
    var asOf: Day?

    @Option(help: "Time unit: day, week or month.")
    var unit: TimeUnit = .week

    func run() throws {
        let kinds = try ModelKind.list(model)
        let store = try global.openStore()
        let summary = try store.summary(SummaryOptions(unit: unit, asOf: asOf, calibrationEnd: calibrationEnd))
        guard let holdout = summary.holdout, holdout.duration > 0 else {
            throw ValidationError("the holdout is empty: --calibration-end must be before the last transaction date or --as-of")
        }
        let start = summary.firstDay.min()!
        let daily = try store.repeatPurchasesPerDay(through: holdout.end, cohortEnd: calibrationEnd)
        let periods = Int((Double(holdout.end - start) / unit.days).rounded(.down))
        let times = (1...max(periods, 1)).map(Double.init)
        var actualCumulative = [Double](repeating: 0, count: times.count)
        var running = 0.0
        var next = 0
        for (k, tau) in times.enumerated() {
            while next < daily.count, Double(daily[next].day - start) / unit.days <= tau {
                running += Double(daily[next].purchases)
                next += 1
            }
            actualCumulative[k] = running
        }
        let firstPurchase = summary.firstDay.map { Double($0 - start) / unit.days }

        var results: [ValidationResult] = []
        for kind in kinds {
            guard let type = kind.purchaseModel else {
                throw ValidationError("\(kind.rawValue) cannot be validated on purchases; use bgnbd, mbgnbd or pareto")
            }
            let fitted = type.init(fitting: summary.histories, penalizer: 0)
            var fit = fitted.fit
            fit.unit = unit
            results.append(
                ValidationResult(
                    fit: fit,
                    check: HoldoutValidation(
                        model: fitted, calibration: summary.histories, actual: holdout.frequency,
                        duration: holdout.duration),
                    times: times, actualCumulative: actualCumulative,
                    expectedCumulative: fitted.expectedCumulativePurchases(firstPurchase: firstPurchase, at: times)))
        }
        results.sort { $0.check.meanAbsoluteError < $1.check.meanAbsoluteError }

        let sink = try output.sink()
        defer { sink.close() }
        switch output.format {
        case .csv:
            sink.line("model,table,key,customers,actual,predicted")
            for r in results {
                for b in r.check.buckets {
                    sink.line(CSV.row([r.fit.model, "bucket", b.label, Number.exact(b.customers), Number.exact(b.meanActual), Number.exact(b.meanPredicted)]))
                }
                for k in r.times.indices {
                    sink.line(CSV.row([r.fit.model, "cumulative", Number.exact(r.times[k]), "", Number.exact(r.actualCumulative[k]), Number.exact(r.expectedCumulative[k])]))
                }
            }
        case .json:
            sink.line(try jsonText(ValidationJSON(calibrationEnd: calibrationEnd.description, holdoutEnd: holdout.end.description, unit: unit, duration: holdout.duration, models: results)))
        case .table:
            sink.line("Calibration to \(calibrationEnd), holdout \(Number.exact(holdout.duration)) \(unit.rawValue)s to \(holdout.end); \(summary.count) customers")
            for r in results { sink.line("\n" + table(r)) }
            if results.count > 1 {
                var ranking = TerminalTable(headers: ["rank", "model", "mean abs. error", "correlation", "predicted", "actual"], alignments: [.right, .left, .right, .right, .right, .right])
                for (i, r) in results.enumerated() {
                    ranking.append([String(i + 1), r.fit.model, Number.readable(r.check.meanAbsoluteError, digits: 4), r.check.correlation.map { Number.readable($0, digits: 3) } ?? "–", Number.readable(r.check.totalPredicted, digits: 1), Number.readable(r.check.totalActual, digits: 0)])
                }
                sink.line("\nModels ranked by holdout mean absolute error:\n" + ranking.render())
            }
        }
    }

    private func table(_ r: ValidationResult) -> String {
        var buckets = TerminalTable(headers: ["calibration purchases", "customers", "actual", "predicted"], alignments: [.left, .right, .right, .right])
        for b in r.check.buckets {
            buckets.append([b.label, Number.exact(b.customers), Number.readable(b.meanActual, digits: 3), Number.readable(b.meanPredicted, digits: 3)])
        }
        var tracking = TerminalTable(headers: [unit.rawValue, "actual cumulative", "expected cumulative"], alignments: [.right, .right, .right])
        let step = max(1, r.times.count / 12)
        for k in stride(from: step - 1, to: r.times.count, by: step) {
            tracking.append([Number.exact(r.times[k]), Number.readable(r.actualCumulative[k], digits: 0), Number.readable(r.expectedCumulative[k], digits: 1)])
        }
        let params = zip(r.fit.names, r.fit.values).map { "\($0)=\(FitReport.format($1))" }.joined(separator: " ")
        return """
            \(r.fit.model): \(params)
            Holdout purchases per customer, by calibration repeat purchases:
            \(buckets.render())
            Total predicted \(Number.readable(r.check.totalPredicted, digits: 1)), actual \(Number.readable(r.check.totalActual, digits: 0)); mean absolute error per customer \(Number.readable(r.check.meanAbsoluteError, digits: 4)); correlation \(r.check.correlation.map { Number.readable($0, digits: 3) } ?? "–")
            Cumulative repeat purchases of the whole base:
            \(tracking.render())
            """
    }
}

struct ValidationResult: Encodable {
    var fit: ModelFit
    var check: HoldoutValidation
    var times: [Double]
    var actualCumulative: [Double]
    var expectedCumulative: [Double]

    enum Keys: String, CodingKey { case fit, meanAbsoluteError, correlation, totalPredicted, totalActual, buckets, cumulative }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(fit, forKey: .fit)
        try c.encode(check.meanAbsoluteError, forKey: .meanAbsoluteError)
        try c.encodeIfPresent(check.correlation, forKey: .correlation)
        try c.encode(check.totalPredicted, forKey: .totalPredicted)
        try c.encode(check.totalActual, forKey: .totalActual)
        try c.encode(check.buckets.map { ["frequency": $0.label, "customers": Number.exact($0.customers), "actual": Number.exact($0.meanActual), "predicted": Number.exact($0.meanPredicted)] }, forKey: .buckets)
        try c.encode(times.indices.map { ["time": times[$0], "actual": actualCumulative[$0], "expected": expectedCumulative[$0]] }, forKey: .cumulative)
    }
}

struct ValidationJSON: Encodable {
    var calibrationEnd: String
    var holdoutEnd: String
    var unit: TimeUnit
    var duration: Double
    var models: [ValidationResult]
}
