import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

/// `cvm report`: the HTML report of a stored analysis run.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "Write a self-contained HTML report of an analysis run (inline CSS and SVG charts), in Chinese or English.",
        discussion: """
            The report shows one stored analysis run: --run ID, else a new run made with the analysis \
            options given here (--as-of, --unit, --horizon, --discount-rate, --margin, --current-window), \
            else the latest run, else a new run with the defaults. Its header names the run and its \
            settings; every figure is the run's. Sections: overview figures, RFM segments (sizes, value \
            shares, the recency × frequency grid, strategies), customer lifetime value (distribution, top \
            customers), model fit, the value matrix, concentration (80/20), value tiers and key accounts, \
            credit grades (the run's monthly grades, when payments were imported) and — computed from the \
            stored data at the run's as-of date, since a run does not keep them — value elasticity (when \
            marketing spend was imported) and the model check on a holdout period (predicted vs actual by \
            calibration frequency, cumulative purchases over time; the calibration ends halfway through the \
            data unless --calibration-end says otherwise, as Fader, Hardie & Lee split CDNOW into 39 + 39 \
            weeks). A section that cannot be computed says why. The file opens in any browser without a \
            network connection.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Language: en or zh.") var lang: Language = .en
    @Option(help: ArgumentHelp("The HTML file to write.", valueName: "file")) var out = "cvm-report.html"
    @Flag(help: "Replace --out even when it holds a file of another kind.") var force = false
    @Option(
        name: .customLong("run"),
        help: ArgumentHelp("The analysis run to show (`cvm runs list`; default: the latest).", valueName: "id"))
    var runID: Int64?
    @Option(
        help: ArgumentHelp(
            "End of the calibration period of the model check, YYYY-MM-DD (default: halfway through the data).",
            valueName: "date"))
    var calibrationEnd: Day?
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp(
            "Make a new run with this evaluation date, YYYY-MM-DD (default: the last transaction date).",
            valueName: "date"))
    var asOf: Day?
    @Option(
        help: "New run: time unit of the models, day, week or month (default: \(Defaults.standard.modelUnit.rawValue))."
    )
    var unit: TimeUnit?
    @Option(help: "New run: CLV horizon in months (default: \(Defaults.standard.horizonMonths)).") var horizon: Int?
    @Option(help: "New run: discount rate per month (default: \(Number.exact(Defaults.standard.discountRate))).")
    var discountRate: Double?
    @Option(help: "New run: share of spend that is profit, 0…1 (default: \(Number.exact(Defaults.standard.margin))).")
    var margin: Double?
    @Option(help: "New run: months in the current-value window (default: \(Defaults.standard.currentWindowMonths)).")
    var currentWindow: Int?

    var analysis: AnalysisRequest {
        AnalysisRequest(
            asOf: asOf, unit: unit, horizonMonths: horizon, discountRate: discountRate, margin: margin,
            currentWindowMonths: currentWindow)
    }

    func validate() throws {
        if let horizon, !Defaults.Bounds.horizonMonths.contains(horizon) {
            throw ValidationError(
                "--horizon must be a whole number of months, \(Defaults.Bounds.horizonMonths.lowerBound)…"
                    + "\(Defaults.Bounds.horizonMonths.upperBound)")
        }
        if let margin, !Defaults.Bounds.margin.contains(margin) {
            throw ValidationError("--margin must be between 0 and 1")
        }
        if let discountRate, !(discountRate >= 0 && discountRate.isFinite) {
            throw ValidationError("--discount-rate must be ≥ 0")
        }
        if let currentWindow, !Defaults.Bounds.currentWindowMonths.contains(currentWindow) {
            throw ValidationError(
                "--current-window must be \(Defaults.Bounds.currentWindowMonths.lowerBound)…"
                    + "\(Defaults.Bounds.currentWindowMonths.upperBound) months")
        }
        if runID != nil, analysis != AnalysisRequest() {
            throw ValidationError(
                "--run shows a stored run with its own settings; leave out --as-of, --unit, --horizon, "
                    + "--discount-rate, --margin and --current-window, or leave out --run to make a new run")
        }
    }

    func run() async throws {
        // Where the report goes is checked before any run is made: a wrong --out costs nothing.
        let target = try OutputTarget.check(
            out, writing: .html, database: CommandLineContext.databasePath,
            inputs: CommandLineContext.inputs(besides: out), force: force)
        let workspace = try global.openWorkspace()
        let result = try await withRunAdvice(in: lang) {
            try await workspace.report(
                ReportRequest(run: runID, analysis: analysis, language: lang, calibrationEnd: calibrationEnd),
                progress: AnalysisText.printProgress)
        }
        try target.write(try result.html())
        let wrote = result.madeRun ? Text.reportWroteNewRun : Text.reportWroteRun
        print(wrote(lang, result.run.id, result.run.asOf, out, result.report.sections.count))
    }
}
