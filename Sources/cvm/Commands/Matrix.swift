import ArgumentParser
import CVMApp
import CVMStore
import CustomerValue
import Foundation

struct Matrix: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Customer value matrix: current × potential value into retain, develop, maintain and nurture.",
        discussion: """
            Current value = profit in the last --current-window months; historical value = profit before \
            that; potential value = expected profit over the next --horizon months if the customer is kept, \
            discounted: by default the BG/NBD + Gamma-Gamma CLV × the customer's profit margin (--potential \
            model), else current profit per month × Σ retentionᵏ/(1 + rate)ᵏ (--potential pv); the model \
            falls back to pv when a fit does not converge, with a warning. Profit = amount − cost on rows \
            with a cost, amount × --margin on the others.

            Groups: retain 保留型 (high current, high potential), develop 发展型 (low, high), maintain \
            维持型 (high, low), nurture 培育型 (low, low). High = strictly above the threshold: --threshold \
            auto (default: the median, or the median of the values above the smallest when at least half \
            the customers share it), median, mean or quantile:Q; fixed values with \
            --current-threshold/--potential-threshold.

            CSV: customer_id,current_value,potential_value,group (group: retain|develop|maintain|nurture), \
            plus cluster with --clusters. JSON: settings, thresholds, groups with strategies, customers.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var profit: ProfitArguments
    @OptionGroup var potential: PotentialArguments
    @OptionGroup var output: OutputOptions

    @Option(help: "Threshold for both axes: auto, median, mean or quantile:Q (0 < Q < 1).")
    var threshold = "auto"
    @Option(
        help: ArgumentHelp("A fixed current-value threshold (overrides --threshold on that axis).", valueName: "value"))
    var currentThreshold: Double?
    @Option(
        help: ArgumentHelp(
            "A fixed potential-value threshold (overrides --threshold on that axis).", valueName: "value"))
    var potentialThreshold: Double?
    @Option(help: "Behaviour clusters per cell by k-means (the value cube); 0 for none.")
    var clusters = 0
    @Option(help: "Seed of the k-means++ draws.") var seed: UInt64 = 42
    @Option(help: "Language of group names in a table: en or zh.") var lang: Language = .en
    @Option(
        help: ArgumentHelp(
            "A TOML file of strategies per group ([retain] strategy, strategy_zh, reason, reason_zh) replacing the built-in ones.",
            valueName: "file"))
    var strategies: String?

    func validate() throws {
        _ = try rules()
        if let x = currentThreshold, !x.isFinite { throw ValidationError("--current-threshold must be a number") }
        if let x = potentialThreshold, !x.isFinite { throw ValidationError("--potential-threshold must be a number") }
        guard (0...50).contains(clusters) else { throw ValidationError("--clusters must be between 0 and 50") }
    }

    /// The threshold rule of each axis.
    func rules() throws -> (current: Threshold, potential: Threshold) {
        let rule: Threshold
        do { rule = try Threshold(parsing: threshold) } catch let error as ValueError {
            // The library's message names no option; the command adds which options give fixed values.
            let advice = error.message.hasPrefix("unknown threshold method") ? " (--current-threshold and --potential-threshold)" : ""
            throw ValidationError(error.message + advice)
        }
        return (currentThreshold.map(Threshold.fixed) ?? rule, potentialThreshold.map(Threshold.fixed) ?? rule)
    }

    func run() throws {
        // Read first: a bad file fails before any work.
        let defaults = Dictionary(uniqueKeysWithValues: ValueGroup.allCases.map { ($0.rawValue, $0.defaultStrategy) })
        let written = try strategies.map { try readStrategies($0, defaults: defaults) } ?? [:]
        let custom = Dictionary(uniqueKeysWithValues: written.map { (ValueGroup(rawValue: $0.key)!, $0.value) })
        let data = try ValueData.load(global: global, profit: profit, potential: potential)
        let v = data.values
        let (currentRule, potentialRule) = try rules()
        let matrix = ValueMatrix(
            current: v.current, potential: v.potential, currentThreshold: currentRule,
            potentialThreshold: potentialRule,
            strategies: custom)
        let cube =
            clusters > 0
            ? ValueCube(matrix: matrix, features: BehaviourFeatures(windows: data.windows), k: clusters, seed: seed)
            : nil
        let sink = try output.sink()
        defer { sink.close() }
        switch output.format {
        case .csv:
            sink.line("customer_id,current_value,potential_value,group" + (cube != nil ? ",cluster" : ""))
            for i in v.ids.indices {
                var row = [
                    v.ids[i], Number.exact(v.current[i]), Number.exact(v.potential[i]), matrix.groups[i].rawValue,
                ]
                if let cube { row.append(String(cube.assignments[i] + 1)) }
                sink.line(CSV.row(row))
            }
        case .json:
            sink.line(try jsonText(MatrixReport.JSON(values: v, windows: data.windows, matrix: matrix, cube: cube)))
        case .table:
            sink.line(
                MatrixReport.table(
                    v, windows: data.windows, matrix: matrix, cube: cube, source: data.store.path, lang: lang))
        }
    }
}

enum MatrixReport {
    static func name(_ group: ValueGroup, _ lang: Language) -> String {
        group.name(in: lang)
    }

    static func settingsLines(_ v: CustomerValues, windows w: ValueWindows, source: String) -> [String] {
        var lines = ["Data: \(source): \(v.count) customers to \(v.asOf)"]
        let margin =
            w.rowsWithCost == 0
            ? "revenue × margin \(Number.exact(v.settings.margin))"
            : "revenue − cost on \(Number.percent(Double(w.rowsWithCost) / Double(max(w.rows, 1)))) of rows, revenue × margin \(Number.exact(v.settings.margin)) on the rest"
        lines.append("Profit: \(margin)")
        lines.append(
            "Current value: profit after \(w.windowStart) (\(Number.exact(v.settings.currentWindowMonths)) months = \(w.windowDays) days); historical value: profit to \(w.windowStart)"
        )
        let horizon = "\(v.settings.horizonMonths) months, discount \(Number.exact(v.settings.discountRate))/month"
        switch v.method {
        case .model:
            let fits = v.fits.map { fit in
                fit.model + " "
                    + zip(fit.names, fit.values).map { "\($0)=\(FitReport.format($1))" }.joined(separator: " ")
            }
            lines.append("Potential value: CLV over \(horizon) × margin (\(fits.joined(separator: "; ")))")
        case .presentValue:
            let r =
                v.retention.map {
                    "retention \(Number.percent($0.annual))/year = \(Number.readable($0.monthly * 100, digits: 2))%/month"
                } ?? ""
            lines.append("Potential value: present value of current profit over \(horizon), \(r)")
        }
        lines += v.notes.map { "Note: \($0)" }
        return lines
    }

    static func thresholdText(_ rule: Threshold, _ value: Double) -> String {
        "> \(Number.readable(value)) (\(rule))"
    }

    static func table(
        _ v: CustomerValues, windows: ValueWindows, matrix: ValueMatrix, cube: ValueCube?, source: String,
        lang: Language
    ) -> String {
        let zh = lang == .zh
        var lines = settingsLines(v, windows: windows, source: source)
        lines.append(
            "Thresholds: current \(thresholdText(matrix.currentRule, matrix.currentThreshold)), potential \(thresholdText(matrix.potentialRule, matrix.potentialThreshold))"
        )
        lines.append("  current: \(matrix.currentChoice.explanation(in: lang))")
        lines.append("  potential: \(matrix.potentialChoice.explanation(in: lang))")
        lines.append("")
        var table = TerminalTable(
            headers: zh
                ? ["客户类型", "客户数", "占比", "当前价值", "占比", "潜在价值", "占比", "策略"]
                : ["Group", "Customers", "Share", "Current value", "Share", "Potential value", "Share", "Strategy"],
            alignments: [.left, .right, .right, .right, .right, .right, .right, .left])
        for c in matrix.cells {
            table.append([
                name(c.group, lang), String(c.customers), Number.percent(c.customerShare),
                Number.readable(c.currentValue),
                Number.percent(c.currentShare), Number.readable(c.potentialValue), Number.percent(c.potentialShare),
                zh ? c.strategy.chineseStrategy : c.strategy.strategy,
            ])
        }
        lines.append(table.render())
        lines.append("")
        lines.append(zh ? "理由：" : "Why:")
        for c in matrix.cells {
            lines.append("  \(name(c.group, lang)): \(zh ? c.strategy.chineseReason : c.strategy.reason)")
        }
        if let cube {
            lines.append("")
            lines.append(
                zh ? "价值立方（各类型内的行为聚类，k-means）：" : "Value cube (behaviour clusters by k-means inside each group):")
            var clusterTable = TerminalTable(
                headers: zh
                    ? ["客户类型", "聚类", "客户数", "重复购买", "距上次购买天数", "客单价", "客龄天数", "特征"]
                    : [
                        "Group", "Cluster", "Customers", "Repeat days", "Recency days", "Basket", "Tenure days",
                        "Profile",
                    ],
                alignments: [.left, .right, .right, .right, .right, .right, .right, .left])
            for c in cube.clusters {
                clusterTable.append([
                    name(c.group, lang), String(c.index + 1), String(c.customers),
                    Number.readable(c.centre[0], digits: 1),
                    Number.readable(c.centre[1], digits: 0), Number.readable(c.centre[2]),
                    Number.readable(c.centre[3], digits: 0),
                    zh ? c.chineseDescription : c.description,
                ])
            }
            lines.append(clusterTable.render())
        }
        return lines.joined(separator: "\n")
    }

    /// `{"settings", "notes", "fits", "retention", "thresholds", "groups", "clusters"?, "customers"}`.
    struct JSON: Encodable {
        let values: CustomerValues
        let windows: ValueWindows
        let matrix: ValueMatrix
        let cube: ValueCube?

        struct Settings: Encodable {
            let asOf, windowStart: String
            let currentWindowMonths: Double
            let currentWindowDays: Int
            let margin: Double
            let horizonMonths: Int
            let discountRate: Double
            let potentialMethod: String
        }
        struct Axis: Encodable {
            let rule: String
            let value: Double
        }
        struct Group: Encodable {
            let group, name, name_zh: String
            let customers: Int
            let customer_share, current_value, current_share, potential_value, potential_share: Double
            let strategy, strategy_zh, reason, reason_zh: String
        }
        struct Cluster: Encodable {
            let group: String
            let cluster, customers: Int
            let frequency, recency_days, monetary, tenure_days: Double
            let description, description_zh: String
        }
        struct Customer: Encodable {
            let customer_id: String
            let historical_value, current_value, potential_value: Double
            let group: String
            let cluster: Int?
        }

        enum Keys: String, CodingKey { case settings, notes, fits, retention, thresholds, groups, clusters, customers }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            let v = values
            try c.encode(
                Settings(
                    asOf: v.asOf.description, windowStart: v.windowStart.description,
                    currentWindowMonths: v.settings.currentWindowMonths, currentWindowDays: windows.windowDays,
                    margin: v.settings.margin, horizonMonths: v.settings.horizonMonths,
                    discountRate: v.settings.discountRate,
                    potentialMethod: v.method.rawValue), forKey: .settings)
            try c.encode(v.notes, forKey: .notes)
            try c.encode(v.fits, forKey: .fits)
            try c.encodeIfPresent(v.retention, forKey: .retention)
            try c.encode(
                [
                    "current": Axis(rule: matrix.currentRule.description, value: matrix.currentThreshold),
                    "potential": Axis(rule: matrix.potentialRule.description, value: matrix.potentialThreshold),
                ], forKey: .thresholds)
            try c.encode(
                matrix.cells.map {
                    Group(
                        group: $0.group.rawValue, name: $0.group.name(in: .en), name_zh: $0.group.name(in: .zh),
                        customers: $0.customers, customer_share: $0.customerShare, current_value: $0.currentValue,
                        current_share: $0.currentShare, potential_value: $0.potentialValue,
                        potential_share: $0.potentialShare, strategy: $0.strategy.strategy,
                        strategy_zh: $0.strategy.chineseStrategy, reason: $0.strategy.reason,
                        reason_zh: $0.strategy.chineseReason)
                }, forKey: .groups)
            if let cube {
                try c.encode(
                    cube.clusters.map {
                        Cluster(
                            group: $0.group.rawValue, cluster: $0.index + 1, customers: $0.customers,
                            frequency: $0.centre[0],
                            recency_days: $0.centre[1], monetary: $0.centre[2], tenure_days: $0.centre[3],
                            description: $0.description, description_zh: $0.chineseDescription)
                    }, forKey: .clusters)
            }
            try c.encode(
                v.ids.indices.map { i in
                    Customer(
                        customer_id: v.ids[i], historical_value: v.historical[i], current_value: v.current[i],
                        potential_value: v.potential[i], group: matrix.groups[i].rawValue,
                        cluster: cube.map { $0.assignments[i] + 1 })
                }, forKey: .customers)
        }
    }
}
