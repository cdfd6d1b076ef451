import CVMReport
import CVMStore
import CustomerValue
import Foundation

extension RunReport {
    /// The lifecycle funnel, the top warnings with their reasons and value at risk, and the stage
    /// migration from the previous run with stages; nil for a run made before stages were stored.
    func lifecycleSections() throws -> [Report.Section] {
        guard let stages = results.stage else {
            if info.overview?.skipped["lifecycle"] != nil {
                return [
                    Report.Section(
                        id: "lifecycle", title: say("Lifecycle", "客户生命周期"), notes: [skipped(.lifecycle)])
                ]
            }
            return []
        }
        let order = LifecycleStage.allCases.filter { $0 != .prospect }
        let counts = order.map { s in Double(stages.filter { $0 == s.rawValue }.count) }
        let model = info.overview?.pAliveModel == ParetoNBD.key ? "Pareto/NBD" : "MBG/NBD"
        let bars = BarChart(
            title: say("Lifecycle stages", "生命周期阶段"), xTitle: "", yTitle: t(.customers),
            categories: order.map { $0.name(in: language) }, series: [(t(.customers), counts)])
        let funnel = Report.Table(
            headers: [say("Stage", "阶段"), t(.customers), t(.share)],
            rows: zip(order, counts).map {
                [$0.name(in: language), Number.exact($1), Number.percent($1 / Double(max(stages.count, 1)))]
            }, numeric: [1, 2])
        var sections = [
            Report.Section(
                id: "lifecycle", title: say("Lifecycle", "客户生命周期"),
                intro: say(
                    "Each customer's stage at \(asOf) by the lifecycle rules against their own purchase rhythm; "
                        + "P(alive) from \(model) (BG/NBD would count every one-time buyer alive).",
                    "各客户截至 \(asOf) 的生命周期阶段，按规则对照其自身购买节奏判定；活跃概率来自 \(model)"
                        + "（BG/NBD 会把每位只买过一次的客户都算作活跃）。"),
                charts: [(bars.svg(), say("Customers per stage", "各阶段客户数"))], tables: [funnel])
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
                    atRisk[i].map { Number.readable($0) } ?? "–", names.joined(separator: zh ? "；" : "; "),
                ]
            }
            let total = info.overview?.valueAtRisk.map { Number.readable($0) } ?? "–"
            sections.append(
                Report.Section(
                    id: "warnings", title: say("Churn warnings", "流失预警"),
                    intro: say(
                        "\(warned.count) customers are slipping away; value at risk \(total) (CLV × (1 − P(alive))). "
                            + "The \(rows.count) with the most at risk:",
                        "\(warned.count) 位客户有流失风险；风险价值 \(total)（终身价值 × (1 − 活跃概率)）。风险价值最高的 \(rows.count) 位："),
                    tables: [
                        Report.Table(
                            headers: [
                                say("Customer", "客户"), say("Stage", "阶段"), say("Value at risk", "风险价值"),
                                say("Reasons", "原因"),
                            ],
                            rows: rows, numeric: [2])
                    ]))
        }

        // The migration from the previous run with stages.
        let earlier = try workspace.run { try store.analysisRuns() }.filter { $0.id < info.id }.reversed()
        for run in earlier {
            let (previous, _) = try workspace.run { try store.analysisResults(run.id) }
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
                title: say("Stage migration", "阶段迁移"), rowTitle: say("run \(run.id)", "运行 \(run.id)"),
                columnTitle: say("run \(info.id)", "运行 \(info.id)"), rows: names, columns: names, values: cells,
                labels: cells.map { $0.map { Number.exact($0) } })
            sections.append(
                Report.Section(
                    id: "migration", title: say("Stage migration", "生命周期阶段迁移"),
                    intro: say(
                        "Customers by stage in run \(run.id) (as of \(run.asOf), rows) and in this run (columns).",
                        "各客户在运行 \(run.id)（截至 \(run.asOf)，行）与本次运行（列）中的阶段。"),
                    charts: [(grid.svg(), say("Stage migration", "阶段迁移"))]))
            break
        }
        return sections
    }

    /// Retention by month of the first purchase, as a heat map (computed from the stored purchases
    /// up to the run's as-of date).
    func cohortSection() throws -> Report.Section? {
        let history = try workspace.run { try store.purchaseHistory(through: asOf) }
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
            title: say("Retention by cohort", "按获客月份的留存率"), rowTitle: say("first purchase", "首次购买月份"),
            columnTitle: say("months since", "此后月数"), rows: cohorts.map(\.month.description),
            columns: (0..<shown).map { "+\($0)" }, values: values, labels: labels)
        return Report.Section(
            id: "cohorts", title: say("Cohorts", "获客月份客户群"),
            intro: say(
                "The share of each month's new customers who bought again in each later month, computed from the "
                    + "stored transactions to \(asOf).",
                "各月新客户在之后每个月再次购买的比例，由截至 \(asOf) 的交易数据计算。"),
            charts: [(grid.svg(), say("Retention by cohort", "按获客月份的留存率"))])
    }
}
