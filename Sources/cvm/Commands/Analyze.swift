import ArgumentParser
import CVMApp
import CVMStore
import CustomerValue
import Foundation

/// `cvm analyze`: the whole pipeline for one as-of date, stored as an analysis run (issue 4).
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the whole analysis for an as-of date and store it as an analysis run.",
        discussion: """
            Steps: summary → RFM scores and segments → BG/NBD + Gamma-Gamma (P(alive), expected purchases \
            and spend, CLV over --horizon months at --discount-rate a month) → historical, current and \
            potential value and the value matrix group → value tier and key account flag → composite score \
            (preset seeds, as `cvm scores`) → latest monthly credit grade (when payments were imported). A \
            step that cannot run is recorded as skipped with its reason. The score's clv indicator is this \
            run's own CLV.

            Progress goes to standard error, one line per step with its time; the overview to standard \
            output. Then: `cvm runs show ID`, `cvm targets --run ID`, `cvm report --run ID`. See \
            docs/analysis-runs.md.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: AnalysisOptions

    func run() throws {
        let store = try global.openStore()
        let outcome = try AnalysisPipeline(options: options).run(store)
        print(outcome.text)
    }
}

/// The options of an analysis run (shared by `analyze` and `demo`).
struct AnalysisOptions: ParsableArguments {
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("Evaluation date, YYYY-MM-DD (default: the last transaction date).", valueName: "date"))
    var asOf: Day?
    @Option(help: "Time unit the purchase model is fitted in: day, week or month.") var unit: TimeUnit = .week
    @Option(help: "CLV and potential-value horizon in months.") var horizon = 12
    @Option(help: "Discount rate per month.") var discountRate = 0.01
    @Option(help: "Share of revenue that is profit on rows without a cost, 0…1.") var margin = 1.0
    @Option(help: "Months in the current-value window.") var currentWindow = 12
    @Option(help: ArgumentHelp("A name for the run.", valueName: "text")) var name: String?

    func validate() throws {
        guard (1...1200).contains(horizon) else {
            throw ValidationError("--horizon must be a whole number of months, 1…1200")
        }
        guard discountRate >= 0, discountRate.isFinite else { throw ValidationError("--discount-rate must be ≥ 0") }
        guard (0...1).contains(margin) else { throw ValidationError("--margin must be between 0 and 1") }
        guard currentWindow >= 1 else { throw ValidationError("--current-window must be at least 1 month") }
    }
}

/// How a run was made, stored as `analysis_runs.settings`.
struct AnalysisSettings: Codable {
    var cvmVersion: String
    var asOf: String
    var name: String?
    var unit: TimeUnit
    var horizonMonths: Int
    var discountRate: Double
    var margin: Double
    var currentWindowMonths: Int
    var segmentScheme: String
    var models: [ModelFit]
    var potentialMethod: String?
    var thresholds: [String: Double]
    var tierShares: [String: Double]
    var keyAccounts: Int
    var scoreWeights: [String: Double]
    var creditPeriod: String
    var steps: [Step]

    struct Step: Codable {
        var step: String
        var status: String
        var seconds: Double
        var detail: String
    }
}

/// Headline figures of a run, stored as `analysis_runs.overview`.
struct AnalysisOverview: Codable {
    var customers: Int
    var orders: Int
    var revenue: Double
    var repeatCustomers: Int
    var repeatRate: Double
    var totalCLV: Double?
    var meanPAlive: Double?
    var segments: [String: Int]
    var groups: [String: Int]?
    var tiers: [String: Int]?
    var creditGrades: [String: Int]?
    var skipped: [String: String]
}

/// Runs the steps in order, times each, and stores the run.
struct AnalysisPipeline {
    static let version = "0.4.0-dev"
    /// Length of the key-account list (as `cvm tiers`).
    static let keyAccounts = 20

    var options: AnalysisOptions

    struct Outcome {
        var run: Int64
        var settings: AnalysisSettings
        var overview: AnalysisOverview
        var text: String
    }

    private final class Log {
        var steps: [AnalysisSettings.Step] = []
        let total = 8

        /// Runs a step that must succeed.
        func required<T>(_ name: String, _ body: () throws -> (T, String)) throws -> T {
            let start = Date()
            let (value, detail) = try body()
            record(name, "ran", start, detail)
            return value
        }

        /// Runs a step that may be skipped: an error becomes the reason.
        func optional<T>(_ name: String, _ body: () throws -> (T, String)) -> T? {
            let start = Date()
            do {
                let (value, detail) = try body()
                record(name, "ran", start, detail)
                return value
            } catch {
                let reason: String
                switch error {
                case let e as LocalizedMessage: reason = e.description
                case let e as ValidationFailure: reason = e.description
                case let e as Skip: reason = e.reason
                default: reason = "\(error)"
                }
                record(name, "skipped", start, reason)
                return nil
            }
        }

        private func record(_ name: String, _ status: String, _ start: Date, _ detail: String) {
            let seconds = Date().timeIntervalSince(start)
            steps.append(.init(step: name, status: status, seconds: (seconds * 1000).rounded() / 1000, detail: detail))
            let what = status == "ran" ? detail : "skipped: \(detail)"
            let line =
                "[\(steps.count)/\(total)] \(name.padding(toLength: 9, withPad: " ", startingAt: 0)) \(String(format: "%6.2f s", seconds))  \(what)\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    /// A step that cannot run, with the reason.
    struct Skip: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    func run(_ store: Store) throws -> Outcome {
        let o = options
        let log = Log()
        let summary = try log.required("summary") { () -> (SummaryTable, String) in
            let s = try store.summary(SummaryOptions(unit: o.unit, asOf: o.asOf))
            guard s.count > 0 else {
                throw ValidationFailure(
                    "no customer has a purchase on or before \(o.asOf?.description ?? "the as-of date")")
            }
            return (s, "\(s.count) customers to \(s.observationEnd), in \(o.unit.rawValue)s")
        }
        let asOf = summary.observationEnd
        let n = summary.count
        let segmentation = try log.required("segments") { () -> (Segmentation, String) in
            let s = Segmentation(scores: RFMScores(summary: summary))
            return (s, "\(s.groups.filter { $0.customers > 0 }.count) RFM segments")
        }
        let sc = segmentation.scores
        var results = AnalysisResults(
            summary: summary, recencyDays: sc.recencyDays, r: sc.r, f: sc.f, m: sc.m, segment: segmentation.keys)
        var fits: [ModelFit] = []

        // BG/NBD + Gamma-Gamma, as `cvm predict --spend gammagamma` with the horizon in months.
        let months = Double(o.horizon) * TimeUnit.month.days / o.unit.days
        var fitted: (purchases: BGNBD, spend: GammaGamma)?
        _ = log.optional("model") { () -> (BGNBD, String) in
            let h = summary.histories
            let model = h.fit(BGNBD.self)
            guard model.fit.converged else { throw Skip("the BG/NBD fit did not converge: \(model.fit.message)") }
            var fit = model.fit
            fit.unit = o.unit
            fits.append(fit)
            results.probabilityAlive = model.probabilityAlive(h)
            results.expectedPurchases = model.expectedPurchases(in: months, h)
            let spend = GammaGamma(fitting: summary.frequency, monetary: summary.monetary)
            guard spend.fit.converged else {
                return (model, "BG/NBD only; CLV skipped: the Gamma-Gamma fit did not converge: \(spend.fit.message)")
            }
            fits.append(spend.fit)
            fitted = (model, spend)
            let expected = spend.expectedAverageSpend(frequency: summary.frequency, monetary: summary.monetary)
            results.expectedSpend = expected
            let clv = CustomerLifetimeValue.values(
                model: model, histories: h, spend: expected,
                horizon: Horizon(periods: o.horizon, unit: .month, modelUnit: o.unit), discountRate: o.discountRate,
                margin: o.margin)
            results.clv = clv
            return (model, "BG/NBD + Gamma-Gamma; total CLV \(Number.readable(clv.reduce(0, +)))")
        }
        var thresholds: [String: Double] = [:]
        var potentialMethod: String?
        let windows = log.optional("value") { () -> (ValueWindows, String) in
            let windows = try store.valueWindows(
                asOf: asOf, currentWindowDays: ValueWindows.days(inMonths: Double(o.currentWindow)))
            let values = try CustomerValues(
                windows: windows, summary: summary,
                settings: ValueSettings(
                    currentWindowMonths: Double(o.currentWindow), margin: o.margin, horizonMonths: o.horizon,
                    discountRate: o.discountRate, retention: nil, method: .model),
                models: fitted)
            let matrix = ValueMatrix(current: values.current, potential: values.potential)
            let align = Alignment(from: windows.ids, to: summary.ids)
            results.historicalValue = align.map(values.historical, missing: 0)
            results.currentValue = align.map(values.current, missing: 0)
            results.potentialValue = align.map(values.potential, missing: 0)
            results.valueGroup = align.map(matrix.groups.map(\.rawValue), missing: ValueGroup.nurture.rawValue)
            thresholds["current_value"] = matrix.currentThreshold
            thresholds["potential_value"] = matrix.potentialThreshold
            potentialMethod = values.method.rawValue
            let counts = matrix.cells.map { "\($0.group.rawValue) \($0.customers)" }.joined(separator: ", ")
            return (windows, "value matrix (\(values.method.rawValue)): \(counts)")
        }

        _ = log.optional("tiers") { () -> (Void, String) in
            guard let windows else { throw Skip("needs the value step") }
            let p = try Profitability(windows: windows, margin: o.margin, keyAccounts: Self.keyAccounts)
            let align = Alignment(from: p.ids, to: summary.ids)
            results.profit = align.map(p.profit, missing: 0)
            results.tier = align.map(p.tiers.map(\.rawValue), missing: ValueTier.low.rawValue)
            var key = [Bool](repeating: false, count: p.ids.count)
            for i in p.keyAccounts { key[i] = true }
            results.keyAccount = align.map(key, missing: false)
            return (
                (),
                p.tierSummaries.map { "\($0.tier.rawValue) \($0.customers)" }.joined(separator: ", ")
                    + ", \(p.keyAccounts.count) key accounts"
            )
        }

        var weights: [String: Double] = [:]
        _ = log.optional("score") { () -> (Void, String) in
            // The indicators from this run's own summary, value windows and CLV: nothing is read twice.
            guard let windows else { throw Skip("needs the value step") }
            let clv = results.clv.map { Dictionary(uniqueKeysWithValues: zip(summary.ids, $0)) }
            var data = CustomerIndicators(summary: summary, windows: windows, clv: clv, clvSource: "clv of this run")
            data.indicators += WeightTree.seeds.derivedIndicators(from: data.indicators)
            let (chosen, _) = try WeightTree.seeds.weights(available: Set(data.names))
            let score = try CompositeScore(ids: data.ids, indicators: data.indicators, weights: chosen)
            let align = Alignment(from: score.ids, to: summary.ids)
            results.score = align.map(score.scores.map { $0 * 100 }, missing: 0)
            results.scoreRank = align.map(score.ranks, missing: score.count + 1)
            weights = Dictionary(uniqueKeysWithValues: zip(score.indicators.map(\.name), score.weights))
            return ((), "seeds preset over " + score.indicators.map(\.name).joined(separator: ", "))
        }

        _ = log.optional("credit") { () -> (Void, String) in
            guard try store.paymentDayRange() != nil else { throw Skip("no payments imported") }
            let grades = CreditRating().grades(try store.payments(), period: .month, asOf: asOf)
            var byCustomer: [String: String] = [:]
            for g in grades { byCustomer[g.customerID] = g.grade }
            results.creditGrade = summary.ids.map { byCustomer[$0] }
            return ((), "\(grades.count) customers graded for the month to \(asOf)")
        }

        // Headline figures.
        func counts(_ keys: [String]) -> [String: Int] { keys.reduce(into: [:]) { $0[$1, default: 0] += 1 } }
        let repeaters = summary.frequency.filter { $0 > 0 }.count
        let skipped = Dictionary(
            log.steps.filter { $0.status == "skipped" }.map { ($0.step, $0.detail) }, uniquingKeysWith: { a, _ in a })
        let overview = AnalysisOverview(
            customers: n, orders: summary.orders.reduce(0, +), revenue: summary.revenue.reduce(0, +),
            repeatCustomers: repeaters, repeatRate: Double(repeaters) / Double(n),
            totalCLV: results.clv?.reduce(0, +),
            meanPAlive: results.probabilityAlive.map { $0.reduce(0, +) / Double(n) },
            segments: counts(results.segment), groups: results.valueGroup.map(counts), tiers: results.tier.map(counts),
            creditGrades: results.creditGrade.map { counts($0.compactMap { $0 }) }, skipped: skipped)
        var settings = AnalysisSettings(
            cvmVersion: Self.version, asOf: asOf.description, name: o.name, unit: o.unit, horizonMonths: o.horizon,
            discountRate: o.discountRate, margin: o.margin, currentWindowMonths: o.currentWindow,
            segmentScheme: segmentation.scheme.rawValue, models: fits, potentialMethod: potentialMethod,
            thresholds: thresholds,
            tierShares: ["high": TierShares.standard.high, "medium": TierShares.standard.medium],
            keyAccounts: Self.keyAccounts, scoreWeights: weights, creditPeriod: "month", steps: [])

        let run = try log.required("store") { () -> (Int64, String) in
            settings.steps = log.steps
            let id = try store.saveAnalysisRun(
                name: o.name, asOf: asOf, settings: try compactJSON(settings), overview: try compactJSON(overview),
                results: results)
            return (id, "run \(id): \(n) customers in \(store.path)")
        }
        settings.steps = log.steps
        return Outcome(
            run: run, settings: settings, overview: overview,
            text: Self.overviewText(run: run, name: o.name, settings: settings, overview: overview))
    }

    static func overviewText(run: Int64, name: String?, settings: AnalysisSettings, overview v: AnalysisOverview)
        -> String
    {
        var lines = ["Analysis run \(run)\(name.map { " \"\($0)\"" } ?? "") as of \(settings.asOf)"]
        func row(_ label: String, _ value: String) {
            lines.append(label.padding(toLength: 19, withPad: " ", startingAt: 0) + value)
        }
        row("Customers", Number.readable(Double(v.customers), digits: 0))
        row("Revenue", Number.readable(v.revenue))
        row("Repeat rate", "\(Number.percent(v.repeatRate)) (\(v.repeatCustomers) customers bought again)")
        if let clv = v.totalCLV {
            row(
                "Total CLV",
                "\(Number.readable(clv)) over \(settings.horizonMonths) months (discount \(Number.exact(settings.discountRate))/month, margin \(Number.exact(settings.margin)))"
            )
        }
        if let alive = v.meanPAlive { row("Mean P(alive)", Number.readable(alive, digits: 3)) }
        if let groups = v.groups {
            row(
                "Groups",
                ValueGroup.allCases.map { "\($0.rawValue) \(groups[$0.rawValue] ?? 0)" }.joined(separator: " · "))
        }
        let segments = v.segments.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        row(
            "Segments",
            segments.map { "\(RFMSegment(rawValue: $0.key)?.name(in: .en) ?? $0.key) \($0.value)" }.joined(
                separator: " · "))
        if let tiers = v.tiers {
            row(
                "Tiers", ValueTier.allCases.map { "\($0.rawValue) \(tiers[$0.rawValue] ?? 0)" }.joined(separator: " · ")
            )
        }
        if let grades = v.creditGrades, !grades.isEmpty {
            row(
                "Credit grades",
                grades.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: " · "))
        }
        for (step, reason) in v.skipped.sorted(by: { $0.key < $1.key }) { row("Skipped", "\(step): \(reason)") }
        lines.append("")
        lines.append("Next: cvm runs show \(run) --format csv · cvm targets --run \(run) · cvm report --run \(run)")
        return lines.joined(separator: "\n")
    }
}

/// Maps columns in one customer order onto another (both are the store's key order, so this is
/// the identity unless an import ran in between).
struct Alignment {
    private let index: [Int?]?

    init(from source: [String], to target: [String]) {
        if source == target {
            index = nil
        } else {
            var position: [String: Int] = [:]
            for (i, id) in source.enumerated() { position[id] = i }
            index = target.map { position[$0] }
        }
    }

    func map<T>(_ column: [T], missing: T) -> [T] {
        guard let index else { return column }
        return index.map { $0.map { column[$0] } ?? missing }
    }
}

/// JSON on one line with sorted keys, for storing in the database.
func compactJSON<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
