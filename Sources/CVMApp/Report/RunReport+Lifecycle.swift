import CVMReport
import CVMStore
import CustomerValue
import Foundation

extension RunReport {
    /// The lifecycle funnel, the top warnings with their reasons and value at risk, and the stage
    /// migration from the previous run with stages; nil for a run made before stages were stored.
    func lifecycleSections() async throws -> [Report.Section] {
        guard let stages = results.stage else {
            if info.overview?.skipped["lifecycle"] != nil {
                return [
                    Report.Section(
                        id: "lifecycle", title: t(.lifecycleTitle), notes: [skipped(.lifecycle)])
                ]
            }
            return []
        }
        let order = LifecycleStage.allCases.filter { $0 != .prospect }
        let counts = order.map { s in Double(stages.filter { $0 == s.rawValue }.count) }
        let model = info.overview?.pAliveModel == ParetoNBD.key ? "Pareto/NBD" : "MBG/NBD"
        let bars = BarChart(
            title: t(.lifecycleStages), xTitle: "", yTitle: t(.customers),
            categories: order.map { $0.name(in: language) }, series: [(t(.customers), counts)])
        let funnel = Report.Table(
            headers: [t(.stage), t(.customers), t(.share)],
            rows: zip(order, counts).map {
                [$0.name(in: language), Number.exact($1), Number.percent($1 / Double(max(stages.count, 1)))]
            }, numeric: [1, 2]
        ).linking(column: 0) { row, _ in links?.stage(order[row].rawValue) }
        var sections = [
            Report.Section(
                id: "lifecycle", title: t(.lifecycleTitle),
                intro: say(.reportLifecycleIntro, asOf, model),
                charts: [(bars.svg(), t(.customersPerStage))], tables: [funnel])
        ]

        if let reasons = results.warningReasons, let atRisk = results.valueAtRisk {
            let warned = results.ids.indices.filter { reasons[$0] != nil }
                .sorted { (atRisk[$0] ?? -1) != (atRisk[$1] ?? -1) ? (atRisk[$0] ?? -1) > (atRisk[$1] ?? -1) : $0 < $1 }
            let rows = warned.prefix(workspace.defaults.warningsShown).map { i -> [String] in
                let names = (reasons[i] ?? "").split(separator: ",").compactMap {
                    WarningReason(rawValue: String($0))?.name(in: language)
                }
                return [
                    results.ids[i], LifecycleStage(rawValue: stages[i])?.name(in: language) ?? stages[i],
                    atRisk[i].map { Number.readable($0) } ?? "–", names.joined(separator: language.listSeparator),
                ]
            }
            let total = info.overview?.valueAtRisk.map { Number.readable($0) } ?? "–"
            sections.append(
                Report.Section(
                    id: "warnings", title: t(.warningsTitle),
                    intro: say(.reportWarningsIntro, warned.count, total, rows.count),
                    tables: [
                        Report.Table(
                            headers: [
                                t(.customer), t(.stage), t(.valueAtRisk),
                                t(.reasons),
                            ],
                            rows: rows, numeric: [2]
                        ).linking(column: 0) { _, id in links?.customer(id) }
                    ]))
        }

        // The migration from the previous run with stages.
        let earlier = try await workspace.run { try await store.analysisRuns() }.filter { $0.id < info.id }.reversed()
        for run in earlier {
            let (previous, _) = try await workspace.run { try await store.analysisResults(run.id) }
            guard let before = previous.stage else { continue }
            var position: [String: Int] = [:]
            for (i, id) in results.ids.enumerated() { position[id] = i }
            var cells = [[Double]](repeating: [Double](repeating: 0, count: order.count), count: order.count)
            for (k, id) in previous.ids.enumerated() {
                guard let i = position[id], let from = order.firstIndex(where: { $0.rawValue == before[k] }),
                    let to = order.firstIndex(where: { $0.rawValue == stages[i] })
                else { continue }
                cells[from][to] += 1
            }
            let names = order.map { $0.name(in: language) }
            let grid = HeatGrid(
                title: t(.stageMigration), rowTitle: say(.reportRunNumber, run.id),
                columnTitle: say(.reportRunNumber, info.id), rows: names, columns: names, values: cells,
                labels: cells.map { $0.map { Number.exact($0) } })
            sections.append(
                Report.Section(
                    id: "migration", title: t(.stageMigrationTitle),
                    intro: say(.reportMigrationIntro, run.id, run.asOf),
                    charts: [(grid.svg(), t(.stageMigration))]))
            break
        }
        return sections
    }

    /// Retention by month of the first purchase, as a heat map (computed from the stored purchases
    /// up to the run's as-of date).
    func cohortSection() async throws -> Report.Section? {
        let history = try await workspace.run { try await store.purchaseHistory(through: asOf) }
        let triangle = CohortTriangle(history, asOf: asOf)
        guard !triangle.cohorts.isEmpty else { return nil }
        let ages = triangle.cohorts.map(\.active.count).max() ?? 0
        // The last 24 cohorts and 24 months of age keep the grid readable.
        let cohorts = triangle.cohorts.suffix(24)
        let shown = min(ages, 24)
        let values = cohorts.map { c in (0..<shown).map { $0 < c.retention.count ? c.retention[$0] : 0 } }
        let labels = cohorts.map { c in
            (0..<shown).map { $0 < c.retention.count ? Number.percent(c.retention[$0]) : "" }
        }
        let grid = HeatGrid(
            title: t(.cohortRetention), rowTitle: t(.firstPurchaseMonth),
            columnTitle: t(.monthsSince), rows: cohorts.map(\.month.description),
            columns: (0..<shown).map { "+\($0)" }, values: values, labels: labels)
        return Report.Section(
            id: "cohorts", title: t(.cohortsTitle),
            intro: say(.reportCohortsIntro, asOf),
            charts: [(grid.svg(), t(.cohortRetention))])
    }
}
