import CVMStore
import CustomerValue
import Foundation

/// Which models to check on a calibration/holdout split.
public struct ValidateRequest: Sendable, Equatable {
    /// Purchase models (bgnbd, mbgnbd, pareto); the result ranks them by mean absolute error.
    public var models: [ModelKind]
    /// End of the calibration period.
    public var calibrationEnd: Day
    /// End of the holdout (default: the last transaction).
    public var asOf: Day?
    /// Time unit (default: `Defaults.modelUnit`).
    public var unit: TimeUnit?

    public init(models: [ModelKind] = [.bgnbd], calibrationEnd: Day, asOf: Day? = nil, unit: TimeUnit? = nil) {
        self.models = models
        self.calibrationEnd = calibrationEnd
        self.asOf = asOf
        self.unit = unit
    }
}

/// Predicted against actual holdout purchases, per model, best first.
public struct ValidateResult: Sendable, Tabular {
    public struct Model: Sendable {
        public var fit: ModelFit
        public var check: HoldoutValidation
        /// Time since the first purchase in the data, in `unit`.
        public var times: [Double]
        public var actualCumulative: [Double]
        public var expectedCumulative: [Double]
    }

    public let calibrationEnd: Day
    public let holdoutEnd: Day
    public let unit: TimeUnit
    /// Length of the holdout in `unit`.
    public let duration: Double
    public let customers: Int
    /// Ranked by holdout mean absolute error.
    public let models: [Model]

    // The long form: model,table,key,customers,actual,predicted.
    public var columns: [String] { ["model", "table", "key", "customers", "actual", "predicted"] }
    private var rows: [(Int, Int, Bool)] {
        var rows: [(Int, Int, Bool)] = []
        for (m, model) in models.enumerated() {
            rows += model.check.buckets.indices.map { (m, $0, true) }
            rows += model.times.indices.map { (m, $0, false) }
        }
        return rows
    }
    public var rowCount: Int { models.reduce(0) { $0 + $1.check.buckets.count + $1.times.count } }
    public func fields(_ i: Int) -> [String] {
        let (m, k, bucket) = rows[i]
        let r = models[m]
        if bucket {
            let b = r.check.buckets[k]
            return [
                r.fit.model, "bucket", b.label, Number.exact(b.customers), Number.exact(b.meanActual),
                Number.exact(b.meanPredicted),
            ]
        }
        return [
            r.fit.model, "cumulative", Number.exact(r.times[k]), "", Number.exact(r.actualCumulative[k]),
            Number.exact(r.expectedCumulative[k]),
        ]
    }

    /// The CSV text; faster than row by row for long tracking tables.
    public func writeLongCSV(_ write: (String) -> Void) {
        write(CSV.row(columns) + "\n")
        for r in models {
            for b in r.check.buckets {
                write(
                    CSV.row([
                        r.fit.model, "bucket", b.label, Number.exact(b.customers), Number.exact(b.meanActual),
                        Number.exact(b.meanPredicted),
                    ]) + "\n")
            }
            for k in r.times.indices {
                write(
                    CSV.row([
                        r.fit.model, "cumulative", Number.exact(r.times[k]), "", Number.exact(r.actualCumulative[k]),
                        Number.exact(r.expectedCumulative[k]),
                    ]) + "\n")
            }
        }
    }

    /// `{calibration_end, holdout_end, unit, duration, models: [{fit, mean_absolute_error, …}]}`.
    public var document: Document { Document(self) }

    public struct Document: Encodable, Sendable {
        public struct Bucket: Encodable, Sendable {
            public let frequency: String
            public let customers, actual, predicted: Double
        }
        public struct Point: Encodable, Sendable {
            public let time, actual, expected: Double
        }
        public struct Model: Encodable, Sendable {
            public let fit: ModelFit
            public let meanAbsoluteError: Double
            public let correlation: Double?
            public let totalPredicted, totalActual: Double
            public let buckets: [Bucket]
            public let cumulative: [Point]
        }
        public let calibrationEnd, holdoutEnd: String
        public let unit: TimeUnit
        public let duration: Double
        public let models: [Model]

        init(_ r: ValidateResult) {
            calibrationEnd = r.calibrationEnd.description
            holdoutEnd = r.holdoutEnd.description
            unit = r.unit
            duration = r.duration
            models = r.models.map { m in
                Model(
                    fit: m.fit, meanAbsoluteError: m.check.meanAbsoluteError, correlation: m.check.correlation,
                    totalPredicted: m.check.totalPredicted, totalActual: m.check.totalActual,
                    buckets: m.check.buckets.map {
                        Bucket(
                            frequency: $0.label, customers: $0.customers, actual: $0.meanActual,
                            predicted: $0.meanPredicted)
                    },
                    cumulative: m.times.indices.map {
                        Point(time: m.times[$0], actual: m.actualCumulative[$0], expected: m.expectedCumulative[$0])
                    })
            }
        }
    }
}

extension Workspace {
    /// Fits each model on the calibration period and compares its predictions with the holdout:
    /// per calibration frequency, per customer (mean absolute error, correlation) and over
    /// calendar time (the tracking plot of Fader, Hardie & Lee 2005, figure 2).
    ///
    /// - Throws: `AppError(.invalidRequest)` for an empty holdout; `.notFitted` when the
    ///   calibration data cannot identify a model.
    public func validate(_ request: ValidateRequest) async throws -> ValidateResult {
        let unit = request.unit ?? defaults.modelUnit
        for kind in request.models where kind.purchaseModel == nil {
            throw AppError(.invalidRequest, .notValidatable, kind.rawValue)
        }
        let summary = try await run {
            try await store.summary(
                SummaryOptions(unit: unit, asOf: request.asOf, calibrationEnd: request.calibrationEnd))
        }
        guard let holdout = summary.holdout, holdout.duration > 0, let start = summary.firstDay.min() else {
            throw AppError(.invalidRequest, .holdoutEmpty)
        }
        let daily = try await run {
            try await store.repeatPurchasesPerDay(through: holdout.end, cohortEnd: request.calibrationEnd)
        }
        let span = Double(holdout.end - start) / unit.days
        let periods = span.isFinite ? Int(min(span, 1e7).rounded(.down)) : 1
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
        var results: [ValidateResult.Model] = []
        for kind in request.models {
            guard let type = kind.purchaseModel else { continue }
            let fitted = type.init(fitting: summary.histories, penalizer: 0)
            var fit = fitted.fit
            fit.unit = unit
            if FitStatus.of(fit, repeatBuyers: summary.histories.repeatBuyers) == .notFitted {
                let found = Number.exact(summary.histories.repeatBuyers)
                throw AppError(.notFitted, .predictNotFitted, type.key, found)
            }
            results.append(
                .init(
                    fit: fit,
                    check: HoldoutValidation(
                        model: fitted, calibration: summary.histories, actual: holdout.frequency,
                        duration: holdout.duration),
                    times: times, actualCumulative: actualCumulative,
                    expectedCumulative: fitted.expectedCumulativePurchases(firstPurchase: firstPurchase, at: times)))
        }
        results.sort { $0.check.meanAbsoluteError < $1.check.meanAbsoluteError }
        return ValidateResult(
            calibrationEnd: request.calibrationEnd, holdoutEnd: holdout.end, unit: unit, duration: holdout.duration,
            customers: summary.count, models: results)
    }
}
