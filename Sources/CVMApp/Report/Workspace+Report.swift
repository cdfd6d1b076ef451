import CVMReport
import CVMStore
import CustomerValue
import Foundation

/// Which run a report shows.
///
/// The report is a view of one stored analysis run: its figures, settings and as-of date in every
/// section. With `run` nil it shows a fresh run made with `analysis` when that sets anything, else
/// the latest run, else a fresh run with the defaults.
public struct ReportRequest: Equatable, Sendable {
    public var run: Int64?
    /// Settings of the fresh run (used only when `run` is nil).
    public var analysis: AnalysisRequest
    /// Language of the report (default: English).
    public var language: Language?
    /// End of the calibration period of the model check (default: halfway through the run's data).
    public var calibrationEnd: Day?

    public init(
        run: Int64? = nil, analysis: AnalysisRequest = AnalysisRequest(), language: Language? = nil,
        calibrationEnd: Day? = nil
    ) {
        self.run = run
        self.analysis = analysis
        self.language = language
        self.calibrationEnd = calibrationEnd
    }
}

/// A report built from one stored run.
public struct ReportResult: Sendable {
    /// The run the report shows.
    public var run: RunInfo
    /// Whether the run was made for this report (no run was given and none fitted the request).
    public var madeRun: Bool
    public var report: Report

    /// The self-contained HTML page.
    public func html() -> String { report.html() }
}

extension Workspace {
    /// Builds the report of a stored run: every figure from what the run stored (its results and
    /// settings), and the sections that need data the run does not keep (the holdout check, value
    /// elasticity) computed from the store at the run's as-of date with the run's settings.
    public func report(
        _ request: ReportRequest, progress: @escaping @Sendable (AnalysisProgress) -> Void = { _ in }
    ) async throws -> ReportResult {
        let info: RunInfo
        var made = false
        if let id = request.run {
            info = try await runInfo(id)
        } else if request.analysis != AnalysisRequest() {
            let result = try await analyze(request.analysis, progress: progress)
            info = try await runInfo(result.run)
            made = true
        } else if let latest = try? await runOrLatest(nil) {
            info = latest
        } else {
            let result = try await analyze(request.analysis, progress: progress)
            info = try await runInfo(result.run)
            made = true
        }
        let stored = info.settings == nil ? try await storedRun(info.id).settings : nil
        let settings = try info.settings ?? AnalysisSettings.decode(stored ?? "", run: info.id)
        let (x, _) = try await run { try await store.analysisResults(info.id) }
        let builder = RunReport(
            workspace: self, info: info, settings: settings, results: x, language: request.language ?? .en,
            calibrationEnd: request.calibrationEnd)
        return ReportResult(run: info, madeRun: made, report: try await builder.build())
    }
}

/// Assembles the report of one run.
struct RunReport {
    let workspace: Workspace
    let info: RunInfo
    let settings: AnalysisSettings
    let results: AnalysisResults
    let language: Language
    let calibrationEnd: Day?
    /// Where customers and groups lead on the dashboard (nil in a report file: no links).
    var links: ReportLinks? = nil

    func t(_ key: Catalogue.Text) -> String { language.text(key) }
    /// How many customers a list of the report shows at most (the run's results export has them all).
    static let customersListed = 50
    /// A text of the catalogue in the report's language.
    func say(_ text: Text, _ values: any CustomStringConvertible...) -> String { text.fill(language, values) }

    var asOf: Day { info.asOf }
    var unit: TimeUnit { settings.unit }
    var store: any CustomerStore { workspace.store }

    /// Why a step of the run did not run, in the run's words.
    func skipped(_ step: AnalysisStep) -> String {
        let reason = info.overview?.skipReason(step.rawValue, in: language) ?? say(.reportNotComputed)
        return say(.reportStepSkipped, info.id, step.rawValue, reason)
    }

    /// The note every profit figure carries when no transaction had a cost.
    var marginNote: String? {
        guard info.assumesMargin else { return nil }
        let m = Number.exact(settings.margin)
        return say(.reportMarginNote, m)
    }

    func build() async throws -> Report {
        let x = results
        var sections = [segmentSection()]
        sections += clvSections()
        sections += valueSections()
        sections.append(scoreSection())
        if let section = try await elasticitySection() { sections.append(section) }
        if let section = try await creditSection() { sections.append(section) }
        sections += try await lifecycleSections()
        if let section = try await cohortSection() { sections.append(section) }
        if let section = try await complaintSection() { sections.append(section) }
        sections += try await customerViewSections()
        if let section = try await holdoutSection() { sections.append(section) }

        let customers = x.count
        let revenue = x.revenue.reduce(0, +)
        let first = x.firstDay.min()?.description ?? ""
        let runName = info.name.map { " “\($0)”" } ?? ""
        let described = say(
            .reportRunDescribed, info.id, runName, asOf, unit.plural(in: language), settings.horizonMonths,
            Number.exact(settings.discountRate), Number.exact(settings.margin), settings.currentWindowMonths)
        return Report(
            language: language, title: t(.reportTitle),
            subtitle: "\(store.path) · \(first) – \(asOf) · \(described)",
            figures: [
                .init(t(.customers), Number.readable(Double(customers), digits: 0)),
                .init(t(.transactions), Number.readable(Double(x.orders.reduce(0, +)), digits: 0)),
                .init(t(.revenue), Number.readable(revenue)),
                .init(t(.revenuePerCustomer), Number.readable(revenue / Double(max(customers, 1)))),
                .init(t(.repeatRate), Number.percent(RepeatBuyers.rate(x.frequency))),
            ],
            sections: sections)
    }

    /// The run's segmentation, rebuilt from its stored scores (not scored again).
    func segmentation() -> Segmentation {
        let x = results
        let summary = SummaryTable(
            ids: x.ids, frequency: x.frequency, recency: x.recency, T: x.T, monetary: x.monetary,
            revenue: x.revenue, orders: x.orders, firstDay: x.firstDay, lastDay: x.lastDay, unit: unit,
            observationEnd: asOf)
        var scores = RFMScores(summary: summary)
        scores.recencyDays = x.recencyDays
        scores.r = x.r
        scores.f = x.f
        scores.m = x.m
        return Segmentation(scores: scores, scheme: SegmentScheme(rawValue: settings.segmentScheme) ?? .grid)
    }

    func segmentSection() -> Report.Section {
        let s = segmentation()
        let groups = s.groups.filter { $0.customers > 0 }
        let names = groups.map { $0.name(in: language) }
        let bars = BarChart(
            title: t(.segmentSizes), xTitle: "", yTitle: t(.share), categories: names,
            series: [(t(.share), groups.map(\.customerShare)), (t(.valueShare), groups.map(\.revenueShare))],
            percentValues: true)
        var counts = [[Double]](repeating: [Double](repeating: 0, count: 5), count: 5)
        for i in 0..<s.scores.count { counts[5 - s.scores.r[i]][s.scores.f[i] - 1] += 1 }
        let labels = (0..<5).map { row in
            (0..<5).map { column -> String in
                let segment = RFMSegment.grid(r: 5 - row, f: column + 1)
                return "\(segment.name(in: language))\n\(Number.exact(counts[row][column]))"
            }
        }
        let grid = HeatGrid(
            title: t(.rfmGrid), rowTitle: t(.recencyScore), columnTitle: t(.frequencyScore),
            rows: ["5", "4", "3", "2", "1"], columns: ["1", "2", "3", "4", "5"], values: counts, labels: labels)
        let table = Report.Table(
            headers: [t(.segment), t(.customers), t(.share), t(.revenue), t(.valueShare), t(.strategy)],
            rows: groups.map {
                [
                    $0.name(in: language), String($0.customers), Number.percent($0.customerShare),
                    Number.readable($0.revenue), Number.percent($0.revenueShare), $0.strategy(in: language),
                ]
            }, numeric: [1, 2, 3, 4]
        ).linking(column: 0) { row, _ in links?.segment(groups[row].key) }
        return Report.Section(
            id: "segments", title: t(.segmentsTitle), intro: t(.segmentsIntro),
            charts: [(bars.svg(), t(.segmentSizes)), (grid.svg(), t(.rfmGrid))], tables: [table])
    }

    func clvSections() -> [Report.Section] {
        let x = results
        let fits = settings.models
        let modelNotes = settings.notes?["model"] ?? []
        guard let clv = x.clv, let alive = x.probabilityAlive, let purchases = x.expectedPurchases,
            let expectedSpend = x.expectedSpend
        else {
            var notes = [skipped(.model)]
            if x.probabilityAlive != nil, let detail = info.settings?.steps.first(where: { $0.step == "model" }) {
                notes = [detail.detail]
            }
            return [
                Report.Section(id: "clv", title: t(.clvTitle), notes: notes),
                Report.Section(
                    id: "model", title: t(.modelTitle),
                    tables: fits.isEmpty ? [] : [fitTable(fits), qualityTable(fits)],
                    notes: fits.isEmpty ? notes : []),
            ]
        }
        let sorted = clv.sorted()
        let total = clv.reduce(0, +)
        let histogram = Histogram(
            title: t(.clvDistribution), xTitle: t(.clv), yTitle: t(.numberOfCustomers), values: clv)
        let top = clv.indices.sorted { clv[$0] > clv[$1] }.prefix(20)
        let topTable = Report.Table(
            headers: [t(.customerID), t(.pAlive), t(.expectedPurchases), t(.expectedSpend), t(.clv)],
            rows: top.map {
                [
                    x.ids[$0], Number.readable(alive[$0], digits: 3), Number.readable(purchases[$0], digits: 2),
                    Number.readable(expectedSpend[$0]), Number.readable(clv[$0]),
                ]
            }, numeric: [1, 2, 3, 4])
        let figures = Report.Table(
            headers: [t(.totalCLV), t(.meanCLV), t(.medianCLV), t(.meanPAlive)],
            rows: [
                [
                    Number.readable(total), Number.readable(total / Double(max(clv.count, 1))),
                    Number.readable(sorted.isEmpty ? 0 : sorted[sorted.count / 2]),
                    Number.readable(alive.reduce(0, +) / Double(max(alive.count, 1)), digits: 3),
                ]
            ],
            numeric: [0, 1, 2, 3])
        var notes = fits.filter { !$0.converged }.map(\.message) + modelNotes
        notes.append(
            say(.reportAliveAssumption))
        if let marginNote { notes.append(marginNote) }
        let h = settings.horizonMonths
        let d = Number.exact(settings.discountRate)
        let m = Number.exact(settings.margin)
        let clvSection = Report.Section(
            id: "clv", title: t(.clvTitle),
            intro: t(.clvIntro)
                + say(.reportCLVSettings, h, d, m),
            charts: [(histogram.svg(), t(.clvDistribution))], tables: [figures, topTable], notes: notes)
        let modelSection = Report.Section(
            id: "model", title: t(.modelTitle),
            intro: t(.modelIntro) + say(.reportTimeUnit, unit.name(in: language)),
            tables: [fitTable(fits), qualityTable(fits)])
        return [clvSection, modelSection]
    }

    static func format(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        return String(format: "%.6g", value)
    }

    func fitTable(_ fits: [ModelFit]) -> Report.Table {
        let rows = fits.flatMap { fit in
            fit.names.indices.map { i in
                [
                    fit.model + " " + fit.names[i], Self.format(fit.values[i]),
                    fit.standardErrors.map { Self.format($0[i]) } ?? "–",
                ]
            }
        }
        return Report.Table(headers: [t(.parameter), t(.estimate), t(.standardError)], rows: rows, numeric: [1, 2])
    }

    func qualityTable(_ fits: [ModelFit]) -> Report.Table {
        Report.Table(
            headers: ["", t(.logLikelihood), "AIC", "BIC", t(.converged)],
            rows: fits.map {
                [
                    $0.model, Self.format($0.logLikelihood), Self.format($0.aic), Self.format($0.bic),
                    $0.converged ? t(.yes) : t(.no),
                ]
            }, numeric: [1, 2, 3])
    }

    /// The value matrix, concentration and tiers from the run's stored values, groups and tiers.
    func valueSections() -> [Report.Section] {
        let x = results
        var sections: [Report.Section] = []
        let window = settings.currentWindowMonths
        let windowText = say(.reportCurrentWindow, window, asOf)
        if let current = x.currentValue, let potential = x.potentialValue, let stored = x.valueGroup {
            let matrix = ValueMatrix(current: current, potential: potential)
            let groups = stored.map { ValueGroup(rawValue: $0) ?? .nurture }
            let groupIndex = Dictionary(uniqueKeysWithValues: ValueGroup.allCases.enumerated().map { ($1, $0) })
            let currentThreshold = settings.thresholds["current_value"] ?? matrix.currentThreshold
            let potentialThreshold = settings.thresholds["potential_value"] ?? matrix.potentialThreshold
            let scatter = ScatterChart(
                title: t(.matrixTitle), xTitle: t(.currentValue), yTitle: t(.potentialValue), x: current, y: potential,
                group: groups.map { groupIndex[$0]! }, groupNames: ValueGroup.allCases.map { $0.name(in: language) },
                thresholds: (currentThreshold, potentialThreshold))
            let n = Double(max(x.count, 1))
            let cells = Report.Table(
                headers: [
                    t(.group), t(.customers), t(.share), t(.currentValue), t(.potentialValue), t(.strategy), t(.reason),
                ],
                rows: matrix.cells.map { cell in
                    let members = groups.indices.filter { groups[$0] == cell.group }
                    return [
                        cell.group.name(in: language), String(members.count), Number.percent(Double(members.count) / n),
                        Number.readable(members.reduce(0) { $0 + current[$1] }),
                        Number.readable(members.reduce(0) { $0 + potential[$1] }),
                        cell.strategy.strategy(in: language),
                        cell.strategy.reason(in: language),
                    ]
                }, numeric: [1, 2, 3, 4]
            ).linking(column: 0) { row, _ in links?.group(matrix.cells[row].group.rawValue) }
            var notes = settings.notes?["value"] ?? []
            if let marginNote { notes.append(marginNote) }
            sections.append(
                Report.Section(
                    id: "matrix", title: t(.matrixTitle), intro: t(.matrixIntro) + windowText,
                    charts: [
                        (
                            scatter.svg(),
                            "\(t(.thresholds)): \(t(.currentValue)) \(Number.readable(currentThreshold)), "
                                + "\(t(.potentialValue)) \(Number.readable(potentialThreshold))"
                        )
                    ],
                    tables: [cells], notes: notes))
        } else {
            sections.append(Report.Section(id: "matrix", title: t(.matrixTitle), notes: [skipped(.value)]))
        }

        guard let profit = x.profit, let tierKeys = x.tier, let key = x.keyAccount else {
            sections.append(
                Report.Section(id: "concentration", title: t(.concentrationTitle), notes: [skipped(.tiers)]))
            sections.append(Report.Section(id: "tiers", title: t(.tiersTitle), notes: [skipped(.tiers)]))
            return sections
        }
        let revenue = x.revenue
        let revenueConcentration = Concentration(revenue)
        let profitConcentration = Concentration(profit)
        let steps = revenueConcentration.pareto.indices.map {
            Double($0) / Double(max(revenueConcentration.pareto.count - 1, 1))
        }
        let curve = LineChart(
            title: t(.concentrationTitle), xTitle: t(.customerShare), yTitle: t(.cumulativeShare),
            series: [
                Series(name: t(.revenue), points: zip(steps, revenueConcentration.pareto).map { ($0, $1) }),
                Series(
                    name: t(.profit), points: zip(steps, profitConcentration.pareto).map { ($0, $1) }, dashed: true),
            ], percentAxes: true)
        func describe(_ c: Concentration) -> [String] {
            [
                c.gini.map { Number.readable($0, digits: 3) } ?? "–",
                c.shareMaking80.map { Number.percent($0) } ?? "–",
            ]
        }
        let concentrationTable = Report.Table(
            headers: ["", t(.gini), t(.making80)],
            rows: [
                [t(.revenue)] + describe(revenueConcentration), [t(.profit)] + describe(profitConcentration),
            ],
            numeric: [1, 2])
        sections.append(
            Report.Section(
                id: "concentration", title: t(.concentrationTitle), intro: t(.concentrationIntro),
                charts: [(curve.svg(), t(.concentrationTitle))], tables: [concentrationTable],
                notes: marginNote.map { [$0] } ?? []))

        let tiers = tierKeys.map { ValueTier(rawValue: $0) ?? .low }
        let totalRevenue = revenue.reduce(0, +)
        let totalProfit = profit.reduce(0, +)
        let tierTable = Report.Table(
            headers: [t(.tier), t(.customers), t(.revenue), t(.profit), t(.profitShare)],
            rows: ValueTier.allCases.map { tier in
                let members = tiers.indices.filter { tiers[$0] == tier }
                let p = members.reduce(0) { $0 + profit[$1] }
                return [
                    tier.name(in: language), String(members.count),
                    Number.readable(members.reduce(0) { $0 + revenue[$1] }), Number.readable(p),
                    Number.percent(totalProfit != 0 ? p / totalProfit : 0),
                ]
            }, numeric: [1, 2, 3, 4]
        ).linking(column: 0) { row, _ in links?.tier(ValueTier.allCases[row].rawValue) }
        _ = totalRevenue
        // Key accounts in the order of the run's ranking (profit, largest first; ties in store order).
        let keyAccounts = x.ids.indices.filter { key[$0] }.sorted {
            profit[$0] != profit[$1] ? profit[$0] > profit[$1] : $0 < $1
        }
        func customerRows(_ indices: [Int]) -> [[String]] {
            indices.map { [x.ids[$0], Number.readable(revenue[$0]), Number.readable(profit[$0])] }
        }
        // A page, not a list: the first of many key accounts, and how many there are.
        let shownKeys = Array(keyAccounts.prefix(Self.customersListed))
        let keyTable = Report.Table(
            headers: [t(.keyAccounts), t(.revenue), t(.profit)], rows: customerRows(shownKeys), numeric: [1, 2]
        ).linking(column: 0) { _, id in links?.customer(id) }
        var tables = [tierTable, keyTable]
        var notes = marginNote.map { [$0] } ?? []
        if keyAccounts.count > shownKeys.count {
            notes.append(say(.reportFirstOf, shownKeys.count, keyAccounts.count, t(.keyAccounts)))
        }
        // Large but unprofitable: among the high tier's number of largest customers by revenue, those
        // in the low tier or with a loss (the rule of `Profitability.largeButUnprofitable`).
        let highCount = tiers.filter { $0 == .high }.count
        let byRevenue = revenue.indices.sorted { revenue[$0] != revenue[$1] ? revenue[$0] > revenue[$1] : $0 < $1 }
        let large = byRevenue.prefix(highCount).filter { tiers[$0] == .low || profit[$0] < 0 }
        if !large.isEmpty {
            tables.append(
                Report.Table(
                    headers: [t(.largeUnprofitable), t(.revenue), t(.profit)],
                    rows: customerRows(Array(large.prefix(20))), numeric: [1, 2]
                ).linking(column: 0) { _, id in links?.customer(id) })
        }
        sections.append(
            Report.Section(id: "tiers", title: t(.tiersTitle), intro: t(.tiersIntro), tables: tables, notes: notes))
        return sections
    }

    /// Value elasticity by the run's RFM segments, when marketing spend was imported: computed from
    /// the stored spend and revenue of the 12 months to the run's as-of date (the run keeps neither).
    func elasticitySection() async throws -> Report.Section? {
        guard try await workspace.run({ try await store.marketingDayRange() }) != nil else { return nil }
        let computed = say(.reportElasticityComputed, workspace.defaults.elasticityWindowMonths, asOf)
        let months = workspace.defaults.elasticityWindowMonths
        let options = ElasticityOptions(
            asOf: asOf, windowMonths: months, budget: nil, maxChange: workspace.defaults.elasticityMaxChange)
        let start = CalendarMonth(asOf).adding(-(months - 1)).firstDay
        let spend = try await workspace.run { try await store.marketingSpend(from: start, through: asOf) }
        guard spend.contains(where: { $0.amount > 0 }) else {
            return Report.Section(
                id: "elasticity", title: t(.elasticityTitle),
                notes: [say(.reportNoMarketing, start, asOf)])
        }
        let revenue = try await workspace.run {
            try await store.monthlyRevenue(from: start, through: asOf, margin: false)
        }
        var groupOf: [String: String] = [:]
        for (id, key) in zip(results.ids, results.segment) { groupOf[id] = key }
        var names: [String: String] = [:]
        var aliases: [String: String] = [:]
        for group in segmentation().groups {
            names[group.key] = group.name(in: language)
            for alias in [group.key, group.name(in: .en), group.name(in: .zh)] {
                aliases[alias.lowercased()] = group.key
            }
        }
        let result = ValueElasticity(
            spend: spend, revenue: revenue, grouping: .assigned(groupOf: groupOf, names: names, aliases: aliases),
            options: options)
        let suggested = Dictionary(uniqueKeysWithValues: result.allocation.lines.map { ($0.key, $0) })
        let groups = result.groups.filter { $0.spend > 0 }
        let bars = BarChart(
            title: t(.elasticityTitle), xTitle: "", yTitle: t(.elasticity), categories: groups.map(\.name),
            series: [(t(.elasticity), groups.map { $0.elasticity ?? 0 })])
        let table = Report.Table(
            headers: [t(.segment), t(.customers), t(.spend), t(.revenue), t(.elasticity), t(.suggestedSpend)],
            rows: groups.map { g in
                [
                    g.name, String(g.customers), Number.readable(g.spend), Number.readable(g.revenue),
                    g.elasticity.map { Number.readable($0) } ?? "–",
                    suggested[g.key].map { Number.readable($0.suggestedSpend) } ?? "–",
                ]
            }, numeric: [1, 2, 3, 4, 5])
        return Report.Section(
            id: "elasticity", title: t(.elasticityTitle), intro: t(.elasticityIntro) + " " + computed,
            charts: [(bars.svg(), t(.elasticityTitle))], tables: [table], notes: result.caveats.map(\.message))
    }

    /// The run's monthly credit grades, when payments were imported.
    func creditSection() async throws -> Report.Section? {
        guard try await workspace.run({ try await store.paymentDayRange() }) != nil else { return nil }
        guard let grades = results.creditGrade else {
            return Report.Section(id: "credit", title: t(.creditTitle), notes: [skipped(.credit)])
        }
        let names = CreditRules.standard.grades.map(\.name)
        let graded = grades.compactMap { $0 }
        let counts = names.map { name in Double(graded.filter { $0 == name }.count) }
        let bars = BarChart(
            title: t(.creditTitle), xTitle: t(.grade), yTitle: t(.customers), categories: names,
            series: [(t(.customers), counts)])
        let table = Report.Table(
            headers: [t(.grade), t(.customers), t(.share)],
            rows: zip(names, counts).map {
                [$0, Number.exact($1), Number.percent($1 / Double(max(graded.count, 1)))]
            },
            numeric: [1, 2])
        let month =
            settings.creditAsOf.flatMap(Day.init(iso:)).map { CalendarMonth($0).description } ?? asOf.description
        let period = say(.reportCreditMonth, month, asOf)
        return Report.Section(
            id: "credit", title: t(.creditTitle), intro: t(.creditIntro) + period,
            charts: [(bars.svg(), t(.creditTitle))], tables: [table])
    }

    /// The model check on a holdout period: BG/NBD calibrated on the data to the calibration end,
    /// compared with the purchases after it, to the run's as-of date in the run's unit. The run
    /// stores no calibration fit, so this is computed from the store.
    func holdoutSection() async throws -> Report.Section? {
        let firstDay = results.firstDay.min() ?? asOf
        let calibration = calibrationEnd ?? firstDay + (asOf - firstDay) / 2
        let computed = say(.reportHoldoutComputed, asOf, unit.plural(in: language))
        func cannot(_ why: String) -> Report.Section {
            Report.Section(id: "holdout", title: t(.holdoutTitle), notes: [why])
        }
        guard calibration > firstDay, calibration < asOf else {
            return cannot(
                say(.reportNoCheckCalibration, calibration, firstDay, asOf))
        }
        let summary = try await workspace.run {
            try await store.summary(SummaryOptions(unit: unit, asOf: asOf, calibrationEnd: calibration))
        }
        guard let holdout = summary.holdout, holdout.duration > 0 else {
            return cannot(say(.reportNoCheckHoldout))
        }
        let model = summary.histories.fit(BGNBD.self)
        guard model.fit.converged else {
            return cannot(
                say(.reportNoCheckFit, calibration, StepLog.withoutAdvice(model.fit.message)))
        }
        let check = HoldoutValidation(
            model: model, calibration: summary.histories, actual: holdout.frequency, duration: holdout.duration)
        let bars = BarChart(
            title: t(.meanHoldoutPurchases), xTitle: t(.calibrationPurchases), yTitle: t(.meanHoldoutPurchases),
            categories: check.buckets.map(\.label),
            series: [
                (t(.actual), check.buckets.map(\.meanActual)), (t(.predicted), check.buckets.map(\.meanPredicted)),
            ])
        // Tracking: actual and expected cumulative repeat purchases by period.
        let start = summary.firstDay.min() ?? firstDay
        let daily = try await workspace.run {
            try await store.repeatPurchasesPerDay(through: holdout.end, cohortEnd: calibration)
        }
        let span = Double(holdout.end - start) / unit.days
        let periods = span.isFinite ? max(Int(min(span, 1e6).rounded(.down)), 1) : 1
        let times = (1...periods).map(Double.init)
        var actual: [Double] = []
        var running = 0.0
        var next = 0
        for tau in times {
            while next < daily.count, Double(daily[next].day - start) / unit.days <= tau {
                running += Double(daily[next].purchases)
                next += 1
            }
            actual.append(running)
        }
        let expected = model.expectedCumulativePurchases(
            firstPurchase: summary.firstDay.map { Double($0 - start) / unit.days }, at: times)
        let calibrationTime = Double(calibration - start) / unit.days
        let line = LineChart(
            title: t(.cumulativeTitle), xTitle: t(.time) + " (\(unit.rawValue))", yTitle: t(.cumulativePurchases),
            series: [
                Series(name: t(.actual), points: zip(times, actual).map { ($0, $1) }),
                Series(name: t(.predicted), points: zip(times, expected).map { ($0, $1) }, dashed: true),
            ])
        let table = Report.Table(
            headers: [t(.calibrationPurchases), t(.customers), t(.actual), t(.predicted)],
            rows: check.buckets.map {
                [
                    $0.label, Number.exact($0.customers), Number.readable($0.meanActual, digits: 3),
                    Number.readable($0.meanPredicted, digits: 3),
                ]
            },
            numeric: [1, 2, 3])
        let r = check.correlation.map { Number.readable($0, digits: 3) } ?? "–"
        return Report.Section(
            id: "holdout", title: t(.holdoutTitle),
            intro: t(.holdoutIntro)
                + " \(calibration) → \(holdout.end); MAE \(Number.readable(check.meanAbsoluteError, digits: 3)), "
                + "r = \(r) "
                + "(\(Number.readable(calibrationTime, digits: 1)) \(unit.rawValue)s)." + computed,
            charts: [(bars.svg(), t(.meanHoldoutPurchases)), (line.svg(), t(.cumulativeTitle))], tables: [table])
    }
}
