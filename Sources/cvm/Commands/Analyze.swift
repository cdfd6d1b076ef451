import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

/// `cvm analyze`: the whole pipeline for one as-of date, stored as an analysis run.
struct Analyze: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the whole analysis for an as-of date and store it as an analysis run.",
        discussion: """
            Steps: summary → RFM scores and segments → BG/NBD + Gamma-Gamma (P(alive), expected purchases \
            and spend, CLV over --horizon months at --discount-rate a month) → historical, current and \
            potential value and the value matrix group → value tier and key account flag → composite score \
            (preset seeds, as `cvm scores`) → monthly credit grade of the last month the payments cover \
            completely (when payments were imported). A step that cannot run is recorded as skipped with \
            its reason. The score's clv indicator is this run's own CLV.

            Progress goes to standard error, one line per step with its time; the overview to standard \
            output. Then: `cvm runs show ID`, `cvm targets --run ID`, `cvm report --run ID`. See \
            docs/analysis-runs.md.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: AnalysisOptions
    @Option(help: "Language of the overview: en or zh.") var lang: Language = .en

    func run() async throws {
        let workspace = try global.openWorkspace()
        let result = try await workspace.analyze(options.request, progress: AnalysisText.printProgress)
        print(AnalysisText.overview(result, database: global.database, lang: lang))
    }
}

/// The options of an analysis run (shared by `analyze` and `report`).
struct AnalysisOptions: ParsableArguments {
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("Evaluation date, YYYY-MM-DD (default: the last transaction date).", valueName: "date"))
    var asOf: Day?
    @Option(help: "Time unit the purchase model is fitted in: day, week or month.")
    var unit: TimeUnit = Defaults.standard.modelUnit
    @Option(help: "CLV and potential-value horizon in months.") var horizon = Defaults.standard.horizonMonths
    @Option(help: "Discount rate per month.") var discountRate = Defaults.standard.discountRate
    @Option(help: "Share of revenue that is profit on rows without a cost, 0…1.")
    var margin = Defaults.standard.margin
    @Option(help: "Months in the current-value window.") var currentWindow = Defaults.standard.currentWindowMonths
    @Option(help: ArgumentHelp("A name for the run.", valueName: "text")) var name: String?

    func validate() throws {
        guard Defaults.Bounds.horizonMonths.contains(horizon) else {
            throw ValidationError(
                "--horizon must be a whole number of months, \(Defaults.Bounds.horizonMonths.lowerBound)…"
                    + "\(Defaults.Bounds.horizonMonths.upperBound)")
        }
        guard discountRate >= 0, discountRate.isFinite else { throw ValidationError("--discount-rate must be ≥ 0") }
        guard Defaults.Bounds.margin.contains(margin) else {
            throw ValidationError("--margin must be between 0 and 1")
        }
        guard Defaults.Bounds.currentWindowMonths.contains(currentWindow) else {
            throw ValidationError(
                "--current-window must be \(Defaults.Bounds.currentWindowMonths.lowerBound)…"
                    + "\(Defaults.Bounds.currentWindowMonths.upperBound) months")
        }
    }

    var request: AnalysisRequest {
        AnalysisRequest(
            asOf: asOf, unit: unit, horizonMonths: horizon, discountRate: discountRate, margin: margin,
            currentWindowMonths: currentWindow, name: name)
    }
}

/// How `analyze` (and `demo`) print a run.
enum AnalysisText {
    /// One line per finished step on standard error: `[3/8] model       0.30 s  BG/NBD + …`.
    @Sendable static func printProgress(_ p: AnalysisProgress) {
        let what = p.ran ? p.detail : "skipped: \(p.detail)"
        let name = p.step.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
        let line = "[\(p.number)/\(p.total)] \(name) \(String(format: "%6.2f s", p.seconds))  \(what)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// The overview; the "Next:" hints name `--database` when one was given, so they run where
    /// this run was stored.
    static func overview(_ result: AnalysisResult, database: String?, lang: Language = .en) -> String {
        let settings = result.settings
        let v = result.overview
        let run = result.run
        let name = result.name.map { " \"\($0)\"" } ?? ""
        var lines = [Text.analyzeHeading(lang, run, name, settings.asOf)]
        func row(_ label: Text, _ value: String) { lines.append(TerminalTable.labelled(label(lang), value)) }
        func counted<K: RawRepresentable & CaseIterable & LocalizedName>(_ counts: [String: Int], _: K.Type) -> String
        where K.RawValue == String {
            K.allCases.map { "\(lang == .zh ? $0.name(in: .zh) : $0.rawValue) \(counts[$0.rawValue] ?? 0)" }
                .joined(separator: " · ")
        }
        row(.analyzeCustomers, Number.readable(Double(v.customers), digits: 0))
        row(.analyzeRevenue, Number.readable(v.revenue))
        row(.analyzeRepeatRate, Number.percent(v.repeatRate) + Text.analyzeRepeatDetail(lang, v.repeatCustomers))
        if let clv = v.totalCLV {
            row(
                .analyzeTotalCLV,
                Number.readable(clv)
                    + Text.analyzeCLVDetail(
                        lang, settings.horizonMonths, Number.exact(settings.discountRate), Number.exact(settings.margin)
                    ))
        }
        if let alive = v.meanPAlive {
            // BG/NBD lets a customer drop out only after a repeat purchase: the mean counts every
            // one-time buyer as alive, and says so.
            row(.analyzeMeanPAlive, Number.readable(alive, digits: 3) + Text.analyzeMeanPAliveDetail(lang))
        }
        if let groups = v.groups { row(.analyzeGroups, counted(groups, ValueGroup.self)) }
        let segments = v.segments.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        row(
            .analyzeSegments,
            segments.map { "\(RFMSegment(rawValue: $0.key)?.name(in: lang) ?? $0.key) \($0.value)" }.joined(
                separator: " · "))
        if let tiers = v.tiers { row(.analyzeTiers, counted(tiers, ValueTier.self)) }
        if let grades = v.creditGrades, !grades.isEmpty {
            let month = settings.creditAsOf.flatMap(Day.init(iso:)).map { CalendarMonth($0).description }
            row(
                .analyzeCredit,
                grades.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: " · ")
                    + (month.map { Text.analyzeCreditMonth(lang, $0) } ?? ""))
        }
        if let stages = v.stages {
            let model = v.pAliveModel.map { $0 == "pareto" ? "Pareto/NBD" : "MBG/NBD" }
            row(
                .analyzeStages,
                LifecycleStage.allCases.filter { stages[$0.rawValue] != nil }
                    .map { "\($0.name(in: lang)) \(stages[$0.rawValue] ?? 0)" }.joined(separator: " · ")
                    + (model.map { Text.analyzeStagesDetail(lang, $0) } ?? ""))
        }
        if let patterns = v.patterns {
            row(.analyzePatterns, counted(patterns, LifecyclePattern.self))
        }
        if let warnings = v.warnings {
            row(
                .analyzeWarnings,
                Text.analyzeWarningsDetail(lang, warnings, v.valueAtRisk.map { Number.readable($0) } ?? "–"))
        }
        if let tasks = v.tasks {
            row(.analyzeTasks, Text.analyzeTasksDetail(lang, tasks.opened, tasks.alreadyOpen, tasks.wonBack))
            if let scheduled = tasks.scheduled {
                row(.analyzeCare, Text.analyzeCareDetail(lang, scheduled, tasks.scheduledAlready ?? 0))
            }
        }
        if result.assumesMargin {
            row(.analyzeProfit, Text.analyzeProfitDetail(lang, Number.exact(settings.margin)))
        }
        for step in v.skipped.keys.sorted() {
            row(.analyzeSkipped, "\(step): \(v.skipReason(step, in: lang) ?? "")")
        }
        lines.append("")
        let db = database.map { " --database \(shellQuoted(Workspace.shownAddress($0)))" } ?? ""
        lines.append(
            Text.analyzeNext(lang) + "cvm runs show \(run)\(db) --format csv · cvm targets\(db) --run \(run) · "
                + "cvm report\(db) --run \(run) · cvm warnings\(db) · cvm tasks list\(db)"
        )
        return lines.joined(separator: "\n")
    }
}

/// A path as one shell word (quoted when it holds anything but safe characters).
func shellQuoted(_ text: String) -> String {
    let safe = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "/._-+:@%="))
    guard !text.isEmpty, text.unicodeScalars.allSatisfy(safe.contains) else {
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
    return text
}
