import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

struct Matrix: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Customer value matrix: current × potential value into retain, develop, maintain and nurture.",
        discussion: """
            Current value = profit in the last --current-window months; historical value = profit before \
            that; potential value = expected profit over the next --horizon months if the customer is kept, \
            discounted: by default the BG/NBD + Gamma-Gamma CLV × the customer's profit margin (--potential \
            model), else current profit per month × Σ retentionᵏ/(1 + rate)ᵏ (--potential pv); the model \
            falls back to pv when a fit does not converge, with a warning. Profit = amount − cost on rows \
            with a cost, amount × --margin on the others (with no cost imported and margin 1, profit is \
            revenue, and the output says so).

            Groups: retain 保留型 (high current, high potential), develop 发展型 (low, high), maintain \
            维持型 (high, low), nurture 培育型 (low, low). High = strictly above the threshold: --threshold \
            auto (default: the median, or the median of the values above the smallest when at least half \
            the customers share it), median, mean or quantile:Q; fixed values with \
            --current-threshold/--potential-threshold. \
            The output names the threshold used and why.

            CSV: customer_id,current_value,potential_value,group (group: retain|develop|maintain|nurture), \
            plus cluster with --clusters. JSON: settings, thresholds, groups with strategies, customers.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var profit: ProfitArguments
    @OptionGroup var potential: PotentialArguments
    @OptionGroup var output: OutputOptions

    @Option(help: "Threshold for both axes: median, mean or quantile:Q (0 < Q < 1) (default: median).")
    var threshold: String?
    @Option(
        help: ArgumentHelp("A fixed current-value threshold (overrides --threshold on that axis).", valueName: "value"))
    var currentThreshold: Double?
    @Option(
        help: ArgumentHelp(
            "A fixed potential-value threshold (overrides --threshold on that axis).", valueName: "value"))
    var potentialThreshold: Double?
    @Option(help: "Behaviour clusters per cell by k-means (the value cube); 0 for none.")
    var clusters = 0
    @Option(help: "Seed of the k-means++ draws.") var seed = Defaults.standard.clusterSeed
    @Option(help: "Language of the table: en or zh.") var lang: Language = .en
    @Option(
        help: ArgumentHelp(
            "A TOML file of strategies per group ([retain] strategy, strategy_zh, reason, reason_zh) replacing the "
                + "built-in ones.",
            valueName: "file"))
    var strategies: String?

    func validate() throws {
        _ = try rule()
        if let x = currentThreshold, !x.isFinite { throw ValidationError("--current-threshold must be a number") }
        if let x = potentialThreshold, !x.isFinite { throw ValidationError("--potential-threshold must be a number") }
        guard Defaults.Bounds.clusters.contains(clusters) else {
            throw ValidationError("--clusters must be between 0 and 50")
        }
    }

    /// The rule of --threshold, nil for the default.
    func rule() throws -> Threshold? {
        do { return try threshold.map(Threshold.init(parsing:)) } catch let error as ValueError {
            // The library's message names no option; the command adds which options give fixed values.
            let advice =
                error.code == .badThreshold && error.message.hasPrefix("unknown threshold method")
                ? " (--current-threshold and --potential-threshold)" : ""
            throw ValidationError(error.message + advice)
        }
    }

    func run() async throws {
        // Read first: a bad file fails before any work.
        let custom = try strategies.map(StrategyFile.valueGroups) ?? [:]
        let workspace = try global.openWorkspaceForReading()
        let result = try await ValueAdvice.run {
            try await workspace.valueMatrix(
                ValueMatrixRequest(
                    asOf: profit.asOf, margin: profit.margin, currentWindowMonths: potential.currentWindow,
                    horizonMonths: potential.horizon, discountRate: potential.discountRate,
                    potential: potential.potential, retention: potential.retention, threshold: try rule(),
                    currentThreshold: currentThreshold, potentialThreshold: potentialThreshold, clusters: clusters,
                    seed: seed, strategies: custom))
        }
        for warning in result.warnings {
            FileHandle.standardError.write(Data((Text.warning(lang, warning) + "\n").utf8))
        }
        let sink = try output.sink()
        defer { sink.close() }
        switch output.format {
        case .csv:
            result.writeCSV(sink.write)
            if let note = result.profit.assumption(in: lang) {
                FileHandle.standardError.write(Data((Text.labelNote.labelling(note, in: lang) + "\n").utf8))
            }
        case .json: sink.line(try JSONDocument.text(result.document))
        case .table: sink.line(MatrixView.table(result, lang: lang))
        }
    }
}

/// The value matrix as a terminal table.
enum MatrixView {
    static func settingsLines(_ result: ValueMatrixResult, lang: Language) -> [String] {
        let v = result.values
        let w = result.windows
        var lines = [
            Text.valueDataLine(lang, result.database, v.count, v.asOf)
        ]
        let margin = Number.exact(v.settings.margin)
        let basis =
            w.rowsWithCost == 0
            ? Text.profitFromMargin(lang, margin)
            : Text.profitFromCosts(lang, Number.percent(Double(w.rowsWithCost) / Double(max(w.rows, 1))), margin)
        lines.append(Text.labelProfit.labelling(basis, in: lang))
        lines.append(
            Text.valueCurrentLine(lang, w.windowStart, Number.exact(v.settings.currentWindowMonths), w.windowDays))
        let horizon = Text.valueHorizon(lang, v.settings.horizonMonths, Number.exact(v.settings.discountRate))
        switch v.method {
        case .model:
            let fits = v.fits.map { fit in
                fit.model + " "
                    + zip(fit.names, fit.values).map { "\($0)=\(FitReport.format($1))" }.joined(separator: " ")
            }
            lines.append(Text.valuePotentialByModel(lang, horizon, fits.joined(separator: "; ")))
        case .presentValue:
            let r =
                v.retention.map {
                    Text.valueRetention(lang, Number.percent($0.annual), Number.readable($0.monthly * 100, digits: 2))
                } ?? ""
            lines.append(Text.valuePotentialByPresentValue(lang, horizon, r))
        }
        lines += v.notes.map { Text.labelNote.labelling($0, in: lang) }
        if let assumption = result.profit.assumption(in: lang) {
            lines.append(Text.labelNote.labelling(assumption, in: lang))
        }
        return lines
    }

    static func thresholdText(_ rule: Threshold, _ value: Double, lang: Language) -> String {
        "> \(Number.readable(value)) (\(rule))"
    }

    static func table(_ result: ValueMatrixResult, lang: Language) -> String {
        let matrix = result.matrix
        var lines = settingsLines(result, lang: lang)
        lines.append(
            Text.valueThresholds(
                lang, thresholdText(matrix.currentRule, matrix.currentThreshold, lang: lang),
                thresholdText(matrix.potentialRule, matrix.potentialThreshold, lang: lang)))
        // Why each threshold: one line for both axes when they agree.
        let why = [matrix.thresholdExplanation(.current, in: lang), matrix.thresholdExplanation(.potential, in: lang)]
        func rule(_ axis: ThresholdAxis, _ rule: Threshold, _ why: String) -> String {
            "  " + Text.valueThresholdRule(lang, axis.name(in: lang), rule, why)
        }
        if why[0] == why[1], matrix.currentRule == matrix.potentialRule {
            lines.append(rule(.both, matrix.currentRule, why[0]))
        } else {
            lines.append(rule(.current, matrix.currentRule, why[0]))
            lines.append(rule(.potential, matrix.potentialRule, why[1]))
        }
        lines.append("")
        var table = TerminalTable(
            headers: Text.valueMatrixHeaders.headers(lang),
            alignments: [.left, .right, .right, .right, .right, .right, .right, .left])
        for c in matrix.cells {
            table.append([
                c.group.name(in: lang), String(c.customers), Number.percent(c.customerShare),
                Number.readable(c.currentValue), Number.percent(c.currentShare), Number.readable(c.potentialValue),
                Number.percent(c.potentialShare), c.strategy.strategy(in: lang),
            ])
        }
        lines.append(table.render())
        lines.append("")
        lines.append(Text.valueWhy(lang))
        for c in matrix.cells {
            lines.append("  \(c.group.name(in: lang)): \(c.strategy.reason(in: lang))")
        }
        if let cube = result.cube {
            lines.append("")
            lines.append(Text.valueCubeTitle(lang))
            var clusterTable = TerminalTable(
                headers: Text.valueCubeHeaders.headers(lang),
                alignments: [.left, .right, .right, .right, .right, .right, .right, .left])
            for c in cube.clusters {
                clusterTable.append([
                    c.group.name(in: lang), String(c.index + 1), String(c.customers),
                    Number.readable(c.centre[0], digits: 1), Number.readable(c.centre[1], digits: 0),
                    Number.readable(c.centre[2]), Number.readable(c.centre[3], digits: 0),
                    c.description(in: lang),
                ])
            }
            lines.append(clusterTable.render())
        }
        return lines.joined(separator: "\n")
    }
}
