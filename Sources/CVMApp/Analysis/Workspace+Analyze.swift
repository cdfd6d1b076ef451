import CVMStore
import CustomerValue
import Foundation

/// What an analysis run covers; nil means the default of `Workspace.defaults`.
public struct AnalysisRequest: Equatable, Sendable {
    /// Evaluation date (default: the last transaction date).
    public var asOf: Day?
    /// Time unit the purchase model is fitted in (default: `Defaults.modelUnit`).
    public var unit: TimeUnit?
    /// CLV and potential-value horizon in months (default: `Defaults.horizonMonths`).
    public var horizonMonths: Int?
    /// Discount rate per month (default: `Defaults.discountRate`).
    public var discountRate: Double?
    /// Share of revenue that is profit on rows without a cost (default: `Defaults.margin`).
    public var margin: Double?
    /// Months in the current-value window (default: `Defaults.currentWindowMonths`).
    public var currentWindowMonths: Int?
    /// A name for the run.
    public var name: String?

    public init(
        asOf: Day? = nil, unit: TimeUnit? = nil, horizonMonths: Int? = nil, discountRate: Double? = nil,
        margin: Double? = nil, currentWindowMonths: Int? = nil, name: String? = nil
    ) {
        self.asOf = asOf
        self.unit = unit
        self.horizonMonths = horizonMonths
        self.discountRate = discountRate
        self.margin = margin
        self.currentWindowMonths = currentWindowMonths
        self.name = name
    }
}

/// The steps of an analysis run, in the order they run.
public enum AnalysisStep: String, CaseIterable, Codable, Sendable {
    case summary, segments, model, value, tiers, score, credit, lifecycle, warnings, store, tasks
}

/// One step finished (ran or skipped): what a progress display shows.
public struct AnalysisProgress: Sendable, Equatable {
    public var step: AnalysisStep
    /// 1-based position of the step and the number of steps.
    public var number: Int
    public var total: Int
    public var ran: Bool
    public var seconds: Double
    /// What the step did, or why it was skipped.
    public var detail: String

    public init(step: AnalysisStep, number: Int, total: Int, ran: Bool, seconds: Double, detail: String) {
        self.step = step
        self.number = number
        self.total = total
        self.ran = ran
        self.seconds = seconds
        self.detail = detail
    }
}

/// A stored analysis run: its id, settings and headline figures.
public struct AnalysisResult: Sendable {
    public var run: Int64
    public var name: String?
    public var settings: AnalysisSettings
    public var overview: AnalysisOverview

    /// Whether every profit figure of the run is revenue × the margin because no transaction row
    /// had a cost.
    public var assumesMargin: Bool { (overview.rowsWithCost ?? 1) == 0 }

    /// The JSON document: `{run, name, settings, overview}`.
    public var document: Document { Document(run: run, name: name, settings: settings, overview: overview) }

    public struct Document: Encodable, Sendable {
        public let run: Int64
        public let name: String?
        public let settings: AnalysisSettings
        public let overview: AnalysisOverview
    }
}

extension Workspace {
    /// The settings of `request` with the defaults filled in, checked against `Defaults.Bounds`.
    func analysisSettings(_ request: AnalysisRequest) throws -> (
        unit: TimeUnit, horizon: Int, discountRate: Double, margin: Double, currentWindow: Int
    ) {
        let horizon = request.horizonMonths ?? defaults.horizonMonths
        let discountRate = request.discountRate ?? defaults.discountRate
        let margin = request.margin ?? defaults.margin
        let window = request.currentWindowMonths ?? defaults.currentWindowMonths
        guard Defaults.Bounds.horizonMonths.contains(horizon) else {
            throw AppError(
                .invalidRequest,
                "the horizon must be a whole number of months, \(Defaults.Bounds.horizonMonths.lowerBound)…"
                    + "\(Defaults.Bounds.horizonMonths.upperBound)", facts: [.init("horizon_months", String(horizon))])
        }
        guard discountRate.isFinite, discountRate >= 0 else {
            throw AppError(
                .invalidRequest, "the discount rate must be 0 or more",
                facts: [.init("discount_rate", "\(discountRate)")])
        }
        guard Defaults.Bounds.margin.contains(margin) else {
            throw AppError(.invalidRequest, "the margin must be between 0 and 1", facts: [.init("margin", "\(margin)")])
        }
        guard Defaults.Bounds.currentWindowMonths.contains(window) else {
            throw AppError(
                .invalidRequest,
                "the current window must be \(Defaults.Bounds.currentWindowMonths.lowerBound)…"
                    + "\(Defaults.Bounds.currentWindowMonths.upperBound) months",
                facts: [.init("current_window_months", String(window))])
        }
        return (request.unit ?? defaults.modelUnit, horizon, discountRate, margin, window)
    }

    /// Runs the whole analysis for one as-of date and stores it as a run: summary → RFM segments →
    /// BG/NBD + Gamma-Gamma → historical, current and potential value → tiers → composite score →
    /// credit grades. A step that cannot run is recorded as skipped with its reason; `progress`
    /// hears of each step as it ends.
    public func analyze(
        _ request: AnalysisRequest, progress: @escaping @Sendable (AnalysisProgress) -> Void = { _ in }
    ) async throws -> AnalysisResult {
        let o = try analysisSettings(request)
        let log = StepLog(progress: progress)
        // One read of the transactions for the summary, the value windows and the lifecycle.
        let scan = try await log.required(.summary) { () -> (TransactionScan, String) in
            let scan = try await store.transactionScan(
                unit: o.unit, asOf: request.asOf,
                currentWindowDays: ValueWindows.days(inMonths: Double(o.currentWindow)))
            let s = scan.summary
            guard s.count > 0 else {
                throw AppError(
                    .noData,
                    "no customer has a purchase on or before \(request.asOf?.description ?? "the as-of date")")
            }
            return (scan, "\(s.count) customers to \(s.observationEnd), in \(o.unit.rawValue)s")
        }
        let summary = scan.summary
        let asOf = summary.observationEnd
        let n = summary.count
        let segmentation = try await log.required(.segments) { () -> (Segmentation, String) in
            let s = Segmentation(scores: RFMScores(summary: summary))
            return (s, "\(s.groups.filter { $0.customers > 0 }.count) RFM segments")
        }
        let sc = segmentation.scores
        var results = AnalysisResults(
            summary: summary, recencyDays: sc.recencyDays, r: sc.r, f: sc.f, m: sc.m, segment: segmentation.keys)
        var fits: [ModelFit] = []
        var notes: [String: [String]] = [:]

        // BG/NBD + Gamma-Gamma, as `predict` with the Gamma-Gamma spend and the horizon in months.
        let months = Double(o.horizon) * TimeUnit.month.days / o.unit.days
        var fitted: (purchases: BGNBD, spend: GammaGamma)?
        _ = await log.optional(.model) { () -> (BGNBD, String) in
            let h = summary.histories
            let model = h.fit(BGNBD.self)
            guard model.fit.converged else {
                throw StepLog.Skip(.skipModelNotConverged, StepLog.withoutAdvice(model.fit.message))
            }
            var fit = model.fit
            fit.unit = o.unit
            fits.append(fit)
            results.probabilityAlive = model.probabilityAlive(h)
            results.expectedPurchases = model.expectedPurchases(in: months, h)
            let spend = GammaGamma(fitting: summary.frequency, monetary: summary.monetary)
            guard spend.fit.converged else {
                return (
                    model,
                    "BG/NBD only; CLV skipped: the Gamma-Gamma fit did not converge: "
                        + StepLog.withoutAdvice(spend.fit.message)
                )
            }
            fits.append(spend.fit)
            fitted = (model, spend)
            if let warning = spend.independenceWarning { notes["model", default: []].append(warning) }
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
        // The windows feed the tiers and the score too, even when no potential value can be had.
        let windows = scan.windows
        _ = await log.optional(.value) { () -> (Void, String) in
            let values: CustomerValues
            do {
                values = try CustomerValues(
                    windows: windows, summary: summary,
                    settings: ValueSettings(
                        currentWindowMonths: Double(o.currentWindow), margin: o.margin, horizonMonths: o.horizon,
                        discountRate: o.discountRate, retention: nil, method: .model),
                    models: fitted)
            } catch let error as ValueError where error.code == .noRetention {
                throw StepLog.Skip(
                    fitted != nil ? .skipNoRetention : .skipNoRetentionNoModel, windows.windowDays,
                    windows.windowStart)
            }
            let matrix = ValueMatrix(current: values.current, potential: values.potential)
            let align = Alignment(from: windows.ids, to: summary.ids)
            results.historicalValue = align.map(values.historical, missing: 0)
            results.currentValue = align.map(values.current, missing: 0)
            results.potentialValue = align.map(values.potential, missing: 0)
            results.valueGroup = align.map(matrix.groups.map(\.rawValue), missing: ValueGroup.nurture.rawValue)
            thresholds["current_value"] = matrix.currentThreshold
            thresholds["potential_value"] = matrix.potentialThreshold
            potentialMethod = values.method.rawValue
            if !values.notes.isEmpty { notes["value"] = values.notes }
            let counts = matrix.cells.map { "\($0.group.rawValue) \($0.customers)" }.joined(separator: ", ")
            return ((), "value matrix (\(values.method.rawValue)): \(counts)")
        }

        let keyAccounts = defaults.keyAccounts
        _ = await log.optional(.tiers) { () -> (Void, String) in
            let p = try Profitability(windows: windows, margin: o.margin, keyAccounts: keyAccounts)
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
        _ = await log.optional(.score) { () -> (Void, String) in
            // The indicators from this run's own summary, value windows and CLV: nothing is read twice.
            let clv = results.clv.map { Dictionary(uniqueKeysWithValues: zip(summary.ids, $0)) }
            var data = CustomerIndicators(summary: summary, windows: windows, clv: clv, clvSource: "clv of this run")
            // The seeds' tree: future value's parts are CLV × credit / loyalty / elasticity.
            data.indicators += WeightTree.seeds.derivedIndicators(from: data.indicators)
            let (chosen, _) = try WeightTree.seeds.weights(available: Set(data.names))
            let score = try CompositeScore(ids: data.ids, indicators: data.indicators, weights: chosen)
            let align = Alignment(from: score.ids, to: summary.ids)
            results.score = align.map(score.scores.map { $0 * 100 }, missing: 0)
            results.scoreRank = align.map(score.ranks, missing: score.count + 1)
            weights = Dictionary(uniqueKeysWithValues: zip(score.indicators.map(\.name), score.weights))
            return ((), "seeds preset over " + score.indicators.map(\.name).joined(separator: ", "))
        }

        var creditAsOf: Day?
        _ = await log.optional(.credit) { () -> (Void, String) in
            guard let range = try await store.paymentDayRange() else { throw StepLog.Skip(.skipNoPayments) }
            guard let month = Self.creditMonthEnd(asOf: asOf, paymentsEnd: range.upperBound),
                month >= CalendarMonth(range.lowerBound).lastDay
            else {
                throw StepLog.Skip(.skipNoCreditMonth, range.lowerBound, range.upperBound, asOf)
            }
            creditAsOf = month
            let grades = CreditRating().grades(try await store.payments(), period: .month, asOf: month)
            var byCustomer: [String: String] = [:]
            for g in grades { byCustomer[g.customerID] = g.grade }
            results.creditGrade = summary.ids.map { byCustomer[$0] }
            return (
                (), "\(grades.count) customers graded for \(CalendarMonth(month)), the last month the payments cover"
            )
        }

        // Lifecycle stages with P(alive) from MBG/NBD (BG/NBD's is 1 for every one-time buyer), the
        // journeys and their patterns, and the warnings ranked by this run's CLV × P(churn).
        var lifecycle: LifecycleResult?
        var history: PurchaseHistory?
        var aliveFit: ModelFit?
        _ = await log.optional(.lifecycle) { () -> (Void, String) in
            let started = Date()
            let inputs = try await lifecycleInputs(asOf: asOf, summary: summary, history: scan.history)
            let read = Date()
            aliveFit = inputs.alive.fit
            history = inputs.history
            let clv = results.clv.map { column in inputs.summaryRow.map { $0.map { column[$0] } ?? 0 } }
            let l = try await self.lifecycle(
                inputs, rules: defaults.lifecycleRules, patterns: true,
                clv: (clv, CLVSource(reason: clv == nil ? "the run has no CLV" : nil, thisRun: clv != nil)))
            lifecycle = l
            // Back onto the run's customers (the history also holds customers without a purchase).
            var row = [Int](repeating: -1, count: n)
            for (k, i) in inputs.summaryRow.enumerated() { if let i { row[i] = k } }
            guard !row.contains(-1) else { throw StepLog.Skip(.skipHistoryMismatch) }
            results.stage = row.map { l.assignments[$0].stage.rawValue }
            results.stageRule = row.map { l.assignments[$0].rule.rawValue }
            results.pattern = row.map { l.journeys![$0].pattern.rawValue }
            results.lifecycleProbabilityAlive = row.map { l.assignments[$0].facts.probabilityAlive }
            let counts = l.stages.filter { $0.customers > 0 }.map { "\($0.stage.rawValue) \($0.customers)" }
            // Where the time goes: fitting the model, then the rules.
            let times = String(
                format: " (%.2f s fit, %.2f s stages and journeys)", read.timeIntervalSince(started),
                Date().timeIntervalSince(read))
            return ((), "P(alive) from \(l.alive.name); " + counts.joined(separator: ", ") + times)
        }
        var warned: WarningsResult?
        _ = await log.optional(.warnings) { () -> (Void, String) in
            guard let lifecycle else { throw StepLog.Skip(.skipNeedsLifecycle) }
            let w = warnings(lifecycle, rules: defaults.warningRules, top: nil)
            warned = w
            var reasons = [String?](repeating: nil, count: lifecycle.ids.count)
            var atRisk = [Double?](repeating: nil, count: lifecycle.ids.count)
            for warning in w.warnings {
                reasons[warning.index] = warning.reasons.map(\.rawValue).joined(separator: ",")
                atRisk[warning.index] = warning.valueAtRisk
            }
            var position: [String: Int] = [:]
            for (k, id) in lifecycle.ids.enumerated() { position[id] = k }
            let row = summary.ids.map { position[$0]! }
            results.warningReasons = row.map { reasons[$0] }
            results.valueAtRisk = row.map { atRisk[$0] }
            let total = w.totalValueAtRisk.map { ", value at risk " + Number.readable($0) } ?? ""
            return ((), "\(w.total) customers warned\(total)")
        }

        // Headline figures.
        func counts(_ keys: [String]) -> [String: Int] { keys.reduce(into: [:]) { $0[$1, default: 0] += 1 } }
        let skipped = Dictionary(
            log.steps.filter { $0.status == "skipped" }.map { ($0.step, $0.detail) }, uniquingKeysWith: { a, _ in a })
        var overview = AnalysisOverview(
            customers: n, orders: summary.orders.reduce(0, +), revenue: summary.revenue.reduce(0, +),
            repeatCustomers: summary.repeatCustomers, repeatRate: summary.repeatRate,
            totalCLV: results.clv?.reduce(0, +),
            meanPAlive: results.probabilityAlive.map { $0.reduce(0, +) / Double(n) },
            segments: counts(results.segment), groups: results.valueGroup.map(counts), tiers: results.tier.map(counts),
            creditGrades: results.creditGrade.map { counts($0.compactMap { $0 }) }, skipped: skipped,
            rowsWithCost: windows.rowsWithCost)
        overview.skippedZh = log.chineseReasons.isEmpty ? nil : log.chineseReasons
        overview.stages = results.stage.map(counts)
        overview.patterns = results.pattern.map(counts)
        overview.pAliveModel = lifecycle?.alive.model
        if let warned {
            overview.warnings = warned.total
            overview.valueAtRisk = warned.totalValueAtRisk
        }
        var settings = AnalysisSettings(
            cvmVersion: CVMVersion.current, asOf: asOf.description, name: request.name, unit: o.unit,
            horizonMonths: o.horizon, discountRate: o.discountRate, margin: o.margin,
            currentWindowMonths: o.currentWindow, segmentScheme: segmentation.scheme.rawValue, models: fits,
            potentialMethod: potentialMethod, thresholds: thresholds,
            tierShares: ["high": TierShares.standard.high, "medium": TierShares.standard.medium],
            keyAccounts: keyAccounts, scoreWeights: weights, creditPeriod: CreditPeriod.month.rawValue,
            creditAsOf: creditAsOf?.description, notes: notes.isEmpty ? nil : notes, steps: [])
        settings.lifecycleModel = aliveFit
        settings.lifecycleRules = lifecycle == nil ? nil : defaults.lifecycleRules
        settings.lifecycleBaseRhythmDays = lifecycle?.baseRhythm

        let run = try await log.required(.store) { () -> (Int64, String) in
            settings.steps = log.steps
            let id = try await store.saveAnalysisRun(
                name: request.name, asOf: asOf, settings: try compactJSON(settings),
                overview: try compactJSON(overview), results: results)
            return (id, "run \(id): \(n) customers in \(store.path)")
        }
        // Care tasks: the run closes the tasks of customers who bought again and opens one per
        // warned customer (none twice for one customer and reason). The run is stored first, so a
        // task names it; the task counts are in the returned overview and step log only.
        _ = await log.optional(.tasks) { () -> (Void, String) in
            guard let warned else { throw StepLog.Skip(.skipNeedsWarnings) }
            let drafts = warned.warnings.map {
                CareTaskDraft(customerID: warned.id($0), reasons: $0.reasons, valueAtRisk: $0.valueAtRisk)
            }
            var sync = try await store.syncCareTasks(asOf: asOf, run: run, drafts: drafts)
            // Care on dates goes into the same task list, read from the same purchase history.
            let care = try await scheduleCare(
                asOf: asOf, schedule: defaults.careSchedule, history: history, run: run)
            sync.scheduled = care.opened
            sync.scheduledAlready = care.alreadyOpen
            overview.tasks = sync
            return (
                (),
                "\(sync.opened) opened, \(sync.alreadyOpen) already open, \(sync.wonBack) closed as won back; "
                    + "scheduled care \(care.opened) opened, \(care.alreadyOpen) already in the list"
            )
        }
        settings.steps = log.steps
        return AnalysisResult(run: run, name: request.name, settings: settings, overview: overview)
    }

    /// The last day of the last calendar month that ends on or before both the run's as-of date and
    /// the last day the payments record (a due or a paid date). A later month is not yet fully
    /// observed: its bills due near the end look unpaid only because the data stops, and grading it
    /// would mark good payers down. Nil when no such month exists.
    public static func creditMonthEnd(asOf: Day, paymentsEnd: Day) -> Day? {
        let end = min(asOf, paymentsEnd)
        let month = CalendarMonth(end)
        return month.lastDay == end ? end : month.adding(-1).lastDay
    }

    /// Why potential value could not be computed without the model, without naming an interface's
    /// options (the CLI adds its own advice).
    static func noRetentionReason(fitted: Bool, windows: ValueWindows) -> String {
        (fitted ? Text.skipNoRetention : Text.skipNoRetentionNoModel).en(windows.windowDays, windows.windowStart)
    }

}

/// The step log of a run: times each step, reports it, and turns a failure of an optional step
/// into its skip reason.
final class StepLog: @unchecked Sendable {
    private(set) var steps: [AnalysisSettings.Step] = []
    private let progress: @Sendable (AnalysisProgress) -> Void

    init(progress: @escaping @Sendable (AnalysisProgress) -> Void) { self.progress = progress }

    /// A step that cannot run, with the reason.
    struct Skip: Error {
        var reason: String
        var chinese: String
        init(_ reason: String) {
            self.reason = reason
            chinese = reason
        }
        /// A reason from the catalogue, in both languages.
        init(_ text: Text, _ values: any CustomStringConvertible...) {
            reason = text.fill(.en, values)
            chinese = text.fill(.zh, values)
        }
    }

    /// The Chinese reason of each skipped step (the English one where the library gave no other).
    private(set) var chineseReasons: [String: String] = [:]

    /// Runs a step that must succeed.
    func required<T>(_ step: AnalysisStep, _ body: () async throws -> (T, String)) async throws -> T {
        let start = Date()
        do {
            let (value, detail) = try await body()
            record(step, true, start, detail)
            return value
        } catch {
            throw AppError.from(error)
        }
    }

    /// Runs a step that may be skipped: an error becomes the reason.
    func optional<T>(_ step: AnalysisStep, _ body: () async throws -> (T, String)) async -> T? {
        let start = Date()
        do {
            let (value, detail) = try await body()
            record(step, true, start, detail)
            return value
        } catch {
            if let e = error as? Skip { chineseReasons[step.rawValue] = e.chinese }
            let reason =
                switch error {
                case let e as Skip: e.reason
                case let e as LocalizedMessage: Self.withoutAdvice(e.description)
                default: AppError.from(error).message
                }
            record(step, false, start, reason)
            return nil
        }
    }

    private func record(_ step: AnalysisStep, _ ran: Bool, _ start: Date, _ detail: String) {
        let seconds = Date().timeIntervalSince(start)
        steps.append(
            .init(
                step: step.rawValue, status: ran ? "ran" : "skipped", seconds: (seconds * 1000).rounded() / 1000,
                detail: detail))
        progress(
            AnalysisProgress(
                step: step, number: steps.count, total: AnalysisStep.allCases.count, ran: ran, seconds: seconds,
                detail: detail))
    }

    /// A library message without its trailing advice on command-line options (`try … --penalizer`),
    /// which would name options an interface may not have.
    static func withoutAdvice(_ message: String) -> String {
        for marker in [". The data may not identify this model", "; try another model", "; give one with --"] {
            if let range = message.range(of: marker) { return String(message[..<range.lowerBound]) }
        }
        return message
    }
}
