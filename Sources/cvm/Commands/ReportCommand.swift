import ArgumentParser
import CVMApp
import CVMReport
import CVMStore
import CustomerValue
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report (inline CSS and SVG charts) in Chinese or English.",
        discussion: """
            Sections: overview figures, RFM segments (sizes, value shares, the recency × frequency grid, \
            strategies), customer lifetime value (distribution, top customers; BG/NBD + Gamma-Gamma over \
            --horizon months), model fit and the model check on a holdout period (predicted vs actual by \
            calibration frequency, cumulative purchases over time; the calibration ends halfway through \
            the data unless --calibration-end says otherwise, as Fader, Hardie & Lee split CDNOW into 39 + \
            39 weeks), the value matrix, concentration (80/20), value tiers and key accounts, and — when \
            marketing spend and payments were imported — value elasticity and credit grades. The file \
            opens in any browser without a network connection.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Language: en or zh.") var lang: Language = .en
    @Option(help: ArgumentHelp("The HTML file to write.", valueName: "file")) var out = "cvm-report.html"
    @Option(name: .customLong("as-of"), help: ArgumentHelp("End of observation, YYYY-MM-DD (default: the last transaction date).", valueName: "date"))
    var asOf: Day?
    @Option(
        help: ArgumentHelp(
            "End of the calibration period of the model check, YYYY-MM-DD (default: halfway through the data).",
            valueName: "date"))
    var calibrationEnd: Day?
    @Option(help: "Time unit the models are fitted in: day, week or month.") var unit: TimeUnit = .week
    @Option(help: "CLV horizon in months.") var horizon = 12
    @Option(help: "Discount rate per month.") var discountRate = 0.01
    @Option(help: "Share of spend that is profit, 0…1.") var margin = 1.0
    @Option(name: .customLong("run"), help: ArgumentHelp("Take the as-of date, unit, horizon, discount rate and margin from this analysis run (`cvm runs list`).", valueName: "id"))
    var runID: Int64?

    func validate() throws {
        guard horizon > 0 else { throw ValidationError("--horizon must be at least 1 month") }
        guard (0...1).contains(margin) else { throw ValidationError("--margin must be between 0 and 1") }
        guard discountRate >= 0 else { throw ValidationError("--discount-rate must be ≥ 0") }
    }

    func run() throws {
        let store = try global.openStore()
        if let id = runID {
            // The run's settings replace the options; the sections recompute from the same inputs.
            let settings = try RunLookup.settings(try RunLookup.run(id, in: store))
            var fromRun = self
            fromRun.runID = nil
            fromRun.asOf = Day(iso: settings.asOf)
            fromRun.unit = settings.unit
            fromRun.horizon = settings.horizonMonths
            fromRun.discountRate = settings.discountRate
            fromRun.margin = settings.margin
            return try fromRun.run()
        }
        let language = lang
        let t = language.text
        let summary = try store.summary(SummaryOptions(unit: unit, asOf: asOf))
        let segmentation = Segmentation(scores: RFMScores(summary: summary))

        var sections = [segmentSection(summary, segmentation, language)]
        // BG/NBD and Gamma-Gamma fitted once, for the CLV sections and the potential value.
        let models = (purchases: summary.histories.fit(BGNBD.self),
                      spend: GammaGamma(fitting: summary.frequency, monetary: summary.monetary))
        sections += clvSections(summary, models, language)
        sections += try valueSections(store, summary, models, language)
        if let section = try elasticitySection(store, language) { sections.append(section) }
        if let section = try creditSection(store, language) { sections.append(section) }
        // The model check: calibrate on the first half of the data unless told otherwise.
        let firstDay = summary.firstDay.min() ?? summary.observationEnd
        let calibration = calibrationEnd ?? firstDay + (summary.observationEnd - firstDay) / 2
        if calibration > firstDay && calibration < summary.observationEnd {
            sections.append(try holdoutSection(store, calibration, language))
        }

        let customers = summary.count
        let revenue = summary.revenue.reduce(0, +)
        let repeaters = summary.frequency.filter { $0 > 0 }.count
        let report = Report(
            language: language, title: t(.reportTitle),
            subtitle: "\(store.path) · \(summary.firstDay.min()?.description ?? "") – \(summary.observationEnd)",
            figures: [
                .init(t(.customers), Number.readable(Double(customers), digits: 0)),
                .init(t(.transactions), Number.readable(Double(summary.orders.reduce(0, +)), digits: 0)),
                .init(t(.revenue), Number.readable(revenue)),
                .init(t(.revenuePerCustomer), Number.readable(revenue / Double(max(customers, 1)))),
                .init(t(.repeatRate), Number.percent(Double(repeaters) / Double(max(customers, 1)))),
            ],
            sections: sections)
        do {
            try report.html().write(toFile: out, atomically: true, encoding: .utf8)
        } catch {
            throw ValidationFailure("cannot write \(out): \(error.localizedDescription)")
        }
        print("Wrote the report to \(out) (\(sections.count) sections).")
    }

    private func segmentSection(_ summary: SummaryTable, _ s: Segmentation, _ language: Language) -> Report.Section {
        let t = language.text
        let zh = language == .zh
        let groups = s.groups.filter { $0.customers > 0 }
        let names = groups.map { $0.name(in: language) }
        let bars = BarChart(
            title: t(.segmentSizes), xTitle: "", yTitle: t(.share), categories: names,
            series: [(t(.share), groups.map(\.customerShare)), (t(.valueShare), groups.map(\.revenueShare))], percentValues: true)
        var counts = [[Double]](repeating: [Double](repeating: 0, count: 5), count: 5)
        for i in 0..<s.scores.count { counts[5 - s.scores.r[i]][s.scores.f[i] - 1] += 1 }
        let labels = (0..<5).map { row in
            (0..<5).map { column -> String in
                let segment = RFMSegment.grid(r: 5 - row, f: column + 1)
                return "\(segment.name(in: language))\n\(Int(counts[row][column]))"
            }
        }
        let grid = HeatGrid(
            title: t(.rfmGrid), rowTitle: t(.recencyScore), columnTitle: t(.frequencyScore), rows: ["5", "4", "3", "2", "1"],
            columns: ["1", "2", "3", "4", "5"], values: counts, labels: labels)
        let table = Report.Table(
            headers: [t(.segment), t(.customers), t(.share), t(.revenue), t(.valueShare), t(.strategy)],
            rows: groups.map {
                [$0.name(in: language), String($0.customers), Number.percent($0.customerShare),
                 Number.readable($0.revenue), Number.percent($0.revenueShare), zh ? $0.chineseStrategy : $0.strategy]
            }, numeric: [1, 2, 3, 4])
        return Report.Section(
            id: "segments", title: t(.segmentsTitle), intro: t(.segmentsIntro),
            charts: [(bars.svg(), t(.segmentSizes)), (grid.svg(), t(.rfmGrid))], tables: [table])
    }

    private func clvSections(
        _ summary: SummaryTable, _ models: (purchases: BGNBD, spend: GammaGamma), _ language: Language
    ) -> [Report.Section] {
        let t = language.text
        let h = summary.histories
        let (model, spend) = models
        let expectedSpend = spend.expectedAverageSpend(frequency: summary.frequency, monetary: summary.monetary)
        let clv = CustomerLifetimeValue.values(
            model: model, histories: h, spend: expectedSpend, horizon: Horizon(periods: horizon, unit: .month, modelUnit: unit),
            discountRate: discountRate, margin: margin)
        let alive = model.probabilityAlive(h)
        let purchases = model.expectedPurchases(in: Double(horizon) * TimeUnit.month.days / unit.days, h)
        let sorted = clv.sorted()
        let total = clv.reduce(0, +)
        let histogram = Histogram(title: t(.clvDistribution), xTitle: t(.clv), yTitle: t(.numberOfCustomers), values: clv)
        let top = clv.indices.sorted { clv[$0] > clv[$1] }.prefix(20)
        let topTable = Report.Table(
            headers: [t(.customerID), t(.pAlive), t(.expectedPurchases), t(.expectedSpend), t(.clv)],
            rows: top.map {
                [summary.ids[$0], Number.readable(alive[$0], digits: 3), Number.readable(purchases[$0], digits: 2),
                 Number.readable(expectedSpend[$0]), Number.readable(clv[$0])]
            }, numeric: [1, 2, 3, 4])
        let figures = Report.Table(
            headers: [t(.totalCLV), t(.meanCLV), t(.medianCLV), t(.meanPAlive)],
            rows: [[Number.readable(total), Number.readable(total / Double(max(clv.count, 1))),
                    Number.readable(sorted.isEmpty ? 0 : sorted[sorted.count / 2]),
                    Number.readable(alive.reduce(0, +) / Double(max(alive.count, 1)), digits: 3)]],
            numeric: [0, 1, 2, 3])
        var notes: [String] = []
        if !model.fit.converged { notes.append(model.fit.message) }
        if let warning = spend.independenceWarning { notes.append(warning) }
        let clvSection = Report.Section(
            id: "clv", title: t(.clvTitle),
            intro: t(.clvIntro)
                + (language == .zh
                    ? "（\(horizon) 个月，月折现率 \(Number.exact(discountRate))，利润率 \(Number.exact(margin))）"
                    : " (\(horizon) months, discount \(Number.exact(discountRate)) a month, margin \(Number.exact(margin)))"),
            charts: [(histogram.svg(), t(.clvDistribution))], tables: [figures, topTable], notes: notes)

        func fitRows(_ fit: ModelFit) -> [[String]] {
            fit.names.indices.map { i in
                [fit.model + " " + fit.names[i], FitReport.format(fit.values[i]), fit.standardErrors.map { FitReport.format($0[i]) } ?? "–"]
            }
        }
        let fitTable = Report.Table(
            headers: [t(.parameter), t(.estimate), t(.standardError)], rows: fitRows(model.fit) + fitRows(spend.fit), numeric: [1, 2])
        let quality = Report.Table(
            headers: ["", t(.logLikelihood), "AIC", "BIC", t(.converged)],
            rows: [model.fit, spend.fit].map {
                [$0.model, FitReport.format($0.logLikelihood), FitReport.format($0.aic), FitReport.format($0.bic), $0.converged ? t(.yes) : t(.no)]
            }, numeric: [1, 2, 3])
        let modelSection = Report.Section(id: "model", title: t(.modelTitle), intro: t(.modelIntro) + (language == .zh ? "（时间单位：\(unit.name(in: .zh))）" : " (time unit: \(unit.name(in: .en)))"), tables: [fitTable, quality])
        return [clvSection, modelSection]
    }

    /// The value matrix, concentration and tiers (SPEC V2, V4, V8) over the last 12 months.
    /// The summary and models are those of the CLV sections (same as-of date): not read or fitted again.
    private func valueSections(
        _ store: Store, _ summary: SummaryTable, _ models: (purchases: BGNBD, spend: GammaGamma),
        _ language: Language
    ) throws -> [Report.Section] {
        let t = language.text
        let zh = language == .zh
        let windows = try store.valueWindows(
            asOf: summary.observationEnd, currentWindowDays: ValueWindows.days(inMonths: 12))
        let values = try CustomerValues(
            windows: windows, summary: summary,
            settings: ValueSettings(
                currentWindowMonths: 12, margin: margin, horizonMonths: horizon, discountRate: discountRate, retention: nil,
                method: .model),
            models: models)
        let matrix = ValueMatrix(current: values.current, potential: values.potential)
        let groupIndex = Dictionary(uniqueKeysWithValues: ValueGroup.allCases.enumerated().map { ($1, $0) })
        let scatter = ScatterChart(
            title: t(.matrixTitle), xTitle: t(.currentValue), yTitle: t(.potentialValue), x: values.current, y: values.potential,
            group: matrix.groups.map { groupIndex[$0]! },
            groupNames: ValueGroup.allCases.map { $0.name(in: language) },
            thresholds: (matrix.currentThreshold, matrix.potentialThreshold))
        let cells = Report.Table(
            headers: [t(.group), t(.customers), t(.share), t(.currentValue), t(.potentialValue), t(.strategy), t(.reason)],
            rows: matrix.cells.map { cell in
                [cell.group.name(in: language), String(cell.customers), Number.percent(cell.customerShare),
                 Number.readable(cell.currentValue), Number.readable(cell.potentialValue),
                 zh ? cell.strategy.chineseStrategy : cell.strategy.strategy, zh ? cell.strategy.chineseReason : cell.strategy.reason]
            }, numeric: [1, 2, 3, 4])
        let matrixSection = Report.Section(
            id: "matrix", title: t(.matrixTitle), intro: t(.matrixIntro),
            charts: [(scatter.svg(), "\(t(.thresholds)): \(t(.currentValue)) \(Number.readable(matrix.currentThreshold)), \(t(.potentialValue)) \(Number.readable(matrix.potentialThreshold))")],
            tables: [cells], notes: values.notes)

        let profitability = try Profitability(windows: windows, margin: margin, keyAccounts: 10)
        let steps = profitability.revenueConcentration.pareto.indices.map { Double($0) / Double(profitability.revenueConcentration.pareto.count - 1) }
        let curve = LineChart(
            title: t(.concentrationTitle), xTitle: t(.customerShare), yTitle: t(.cumulativeShare),
            series: [
                Series(name: t(.revenue), points: zip(steps, profitability.revenueConcentration.pareto).map { ($0, $1) }),
                Series(name: t(.profit), points: zip(steps, profitability.profitConcentration.pareto).map { ($0, $1) }, dashed: true),
            ], percentAxes: true)
        func describe(_ c: Concentration) -> [String] {
            [c.gini.map { Number.readable($0, digits: 3) } ?? "–", c.shareMaking80.map { Number.percent($0) } ?? "–"]
        }
        let concentrationTable = Report.Table(
            headers: ["", t(.gini), t(.making80)],
            rows: [[t(.revenue)] + describe(profitability.revenueConcentration), [t(.profit)] + describe(profitability.profitConcentration)],
            numeric: [1, 2])
        let concentrationSection = Report.Section(
            id: "concentration", title: t(.concentrationTitle), intro: t(.concentrationIntro),
            charts: [(curve.svg(), t(.concentrationTitle))], tables: [concentrationTable])

        let tierTable = Report.Table(
            headers: [t(.tier), t(.customers), t(.revenue), t(.profit), t(.profitShare)],
            rows: profitability.tierSummaries.map {
                [$0.tier.name(in: language), String($0.customers), Number.readable($0.revenue),
                 Number.readable($0.profit), Number.percent($0.profitShare)]
            }, numeric: [1, 2, 3, 4])
        func customerRows(_ indices: [Int]) -> [[String]] {
            indices.map { [profitability.ids[$0], Number.readable(profitability.revenue[$0]), Number.readable(profitability.profit[$0])] }
        }
        let keyTable = Report.Table(headers: [t(.keyAccounts), t(.revenue), t(.profit)], rows: customerRows(profitability.keyAccounts), numeric: [1, 2])
        var tables = [tierTable, keyTable]
        if !profitability.largeButUnprofitable.isEmpty {
            tables.append(Report.Table(
                headers: [t(.largeUnprofitable), t(.revenue), t(.profit)],
                rows: customerRows(Array(profitability.largeButUnprofitable.prefix(20))), numeric: [1, 2]))
        }
        let tierSection = Report.Section(id: "tiers", title: t(.tiersTitle), intro: t(.tiersIntro), tables: tables)
        return [matrixSection, concentrationSection, tierSection]
    }

    /// Value elasticity by RFM segment, when marketing spend was imported.
    private func elasticitySection(_ store: Store, _ language: Language) throws -> Report.Section? {
        guard try store.marketingDayRange() != nil else { return nil }
        let t = language.text
        let result: ValueElasticity
        do {
            result = try Elasticity.compute(
                store: store, asOf: asOf, windowMonths: 12, budget: nil, maxChange: 0.5, margin: false, by: .rfm,
                scheme: .grid, lang: lang)
        } catch let error as ValidationFailure {
            return Report.Section(id: "elasticity", title: t(.elasticityTitle), notes: [error.description])
        }
        let suggested = Dictionary(uniqueKeysWithValues: result.allocation.lines.map { ($0.key, $0) })
        let groups = result.groups.filter { $0.spend > 0 }
        let bars = BarChart(
            title: t(.elasticityTitle), xTitle: "", yTitle: t(.elasticity), categories: groups.map(\.name),
            series: [(t(.elasticity), groups.map { $0.elasticity ?? 0 })])
        let table = Report.Table(
            headers: [t(.segment), t(.customers), t(.spend), t(.revenue), t(.elasticity), t(.suggestedSpend)],
            rows: groups.map { g in
                [g.name, String(g.customers), Number.readable(g.spend), Number.readable(g.revenue),
                 g.elasticity.map { Number.readable($0) } ?? "–", suggested[g.key].map { Number.readable($0.suggestedSpend) } ?? "–"]
            }, numeric: [1, 2, 3, 4, 5])
        return Report.Section(
            id: "elasticity", title: t(.elasticityTitle), intro: t(.elasticityIntro), charts: [(bars.svg(), t(.elasticityTitle))],
            tables: [table], notes: result.caveats.map(\.message))
    }

    /// The latest quarterly credit grades, when payments were imported.
    private func creditSection(_ store: Store, _ language: Language) throws -> Report.Section? {
        guard let range = try store.paymentDayRange() else { return nil }
        let t = language.text
        let rules = CreditRules.standard
        let grades = CreditRating(rules: rules).grades(try store.payments(), period: .quarter, asOf: asOf ?? range.upperBound)
        let names = rules.grades.map(\.name)
        let counts = names.map { name in Double(grades.filter { $0.grade == name }.count) }
        let bars = BarChart(
            title: t(.creditTitle), xTitle: t(.grade), yTitle: t(.customers), categories: names, series: [(t(.customers), counts)])
        let table = Report.Table(
            headers: [t(.grade), t(.customers), t(.share)],
            rows: zip(names, counts).map { [$0, Number.exact($1), Number.percent($1 / Double(max(grades.count, 1)))] },
            numeric: [1, 2])
        return Report.Section(
            id: "credit", title: t(.creditTitle), intro: t(.creditIntro), charts: [(bars.svg(), t(.creditTitle))], tables: [table])
    }

    private func holdoutSection(_ store: Store, _ calibrationEnd: Day, _ language: Language) throws -> Report.Section {
        let t = language.text
        let summary = try store.summary(SummaryOptions(unit: unit, asOf: asOf, calibrationEnd: calibrationEnd))
        guard let holdout = summary.holdout, holdout.duration > 0 else {
            throw ValidationError("the holdout is empty: --calibration-end must be before the last transaction date")
        }
        let model = summary.histories.fit(BGNBD.self)
        let check = HoldoutValidation(model: model, calibration: summary.histories, actual: holdout.frequency, duration: holdout.duration)
        let bars = BarChart(
            title: t(.meanHoldoutPurchases), xTitle: t(.calibrationPurchases), yTitle: t(.meanHoldoutPurchases),
            categories: check.buckets.map(\.label),
            series: [(t(.actual), check.buckets.map(\.meanActual)), (t(.predicted), check.buckets.map(\.meanPredicted))])
        // Tracking: actual and expected cumulative repeat purchases by period.
        let start = summary.firstDay.min()!
        let daily = try store.repeatPurchasesPerDay(through: holdout.end, cohortEnd: calibrationEnd)
        let periods = max(Int(saturating: (Double(holdout.end - start) / unit.days).rounded(.down)), 1)
        // At most about 400 points: a date far in the future must not make a chart of millions of
        // periods (each an expectation over every customer).
        let step = max(1, periods / 400)
        var times = stride(from: step, through: periods, by: step).map(Double.init)
        if times.last != Double(periods) { times.append(Double(periods)) }
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
        let expected = model.expectedCumulativePurchases(firstPurchase: summary.firstDay.map { Double($0 - start) / unit.days }, at: times)
        let calibrationTime = Double(calibrationEnd - start) / unit.days
        let line = LineChart(
            title: t(.cumulativeTitle), xTitle: t(.time) + (language == .zh ? "（\(unit.name(in: .zh))）" : " (\(unit.name(in: .en)))"), yTitle: t(.cumulativePurchases),
            series: [
                Series(name: t(.actual), points: zip(times, actual).map { ($0, $1) }),
                Series(name: t(.predicted), points: zip(times, expected).map { ($0, $1) }, dashed: true),
            ])
        let table = Report.Table(
            headers: [t(.calibrationPurchases), t(.customers), t(.actual), t(.predicted)],
            rows: check.buckets.map { [$0.label, Number.exact($0.customers), Number.readable($0.meanActual, digits: 3), Number.readable($0.meanPredicted, digits: 3)] },
            numeric: [1, 2, 3])
        return Report.Section(
            id: "holdout", title: t(.holdoutTitle),
            intro: t(.holdoutIntro) + " \(calibrationEnd) → \(holdout.end); MAE \(Number.readable(check.meanAbsoluteError, digits: 3)), r = \(check.correlation.map { Number.readable($0, digits: 3) } ?? "–") (\(Number.readable(calibrationTime, digits: 1)) \(unit.plural(in: language))).",
            charts: [(bars.svg(), t(.meanHoldoutPurchases)), (line.svg(), t(.cumulativeTitle))], tables: [table])
    }
}
