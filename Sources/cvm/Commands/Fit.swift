import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

struct Fit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit CLV models by maximum likelihood: parameters, standard errors, log-likelihood, AIC, BIC.",
        discussion: """
            Models: bgnbd (Fader, Hardie & Lee 2005), pareto (Schmittlein, Morrison & Colombo 1987), mbgnbd \
            (Batislam et al. 2007), bgbb (Fader, Hardie & Shang 2010; needs periods), sbg (Fader & Hardie 2007; \
            needs --survivors), gammagamma (spend; needs monetary). Give several, comma-separated, to compare \
            them on the same data, ranked by BIC. A model the data cannot identify (fewer than two repeat \
            buyers) is shown as not fitted, with no figures.

            The log-likelihood is the sum over customers in the data's own time unit (CDNOW in weeks: \
            BG/NBD −9582.43), so it can be compared with published values.

            JSON (one model): {"model", "unit", "parameters": {…}, "standard_errors": {…}, "log_likelihood", \
            "aic", "bic", "converged", "customers", "iterations", "message", "penalizer"}; several models: \
            {"models": [ … ]}, purchase models in BIC order, then the spend model. `cvm predict --fit FILE` \
            reads this JSON back.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var input: ModelInputOptions

    @Option(
        help: ArgumentHelp(
            "Model(s): bgnbd, pareto, mbgnbd, bgbb, sbg, gammagamma; comma-separated to compare.", valueName: "models"))
    var model: String = "bgnbd"

    @Option(help: "Time unit for a summary built from the database: day, week or month.")
    var unit: TimeUnit = Defaults.standard.fitUnit

    @Option(
        help: ArgumentHelp("sBG: customers still active at period 0, 1, 2, … (e.g. 1000,631,468).", valueName: "counts")
    )
    var survivors: String?

    @Option(help: "L2 penalty on the parameters (as lifetimes' penalizer_coef); 0 for plain maximum likelihood.")
    var penalizer = 0.0

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var out: String?

    @Flag(help: "Replace an existing --out file even if it holds something else (never the database or an input).")
    var force = false

    @Option(help: "Language of the table and messages: en or zh.")
    var lang: Language = .en

    func validate() throws {
        guard penalizer >= 0, penalizer.isFinite else { throw ValidationError("--penalizer must be a number ≥ 0") }
        guard format != .csv else {
            throw ValidationError("cvm fit writes a table or json; use --format table or json")
        }
    }

    func run() async throws {
        let kinds = try modelList(model)
        let counts = try survivors.map { text in
            try text.split(separator: ",").map { item -> Double in
                guard let value = Double(item.trimmingCharacters(in: .whitespaces)), value >= 0, value.isFinite else {
                    throw ValidationError("--survivors: \"\(item)\" is not a count")
                }
                return value
            }
        }
        if kinds.contains(.sbg), counts == nil {
            throw ValidationError(
                "sbg fits retention by period: give --survivors 1000,869,743,… (customers still active at period 0, 1, 2, …)"
            )
        }
        do {
            let request = FitRequest(
                models: kinds, source: input.source, unit: unit, survivors: counts, penalizer: penalizer)
            let onlyCounts = kinds.allSatisfy { $0 == .sbg }
            let result = try await Workspace.fit(request, in: onlyCounts ? nil : try input.workspace(global))
            let sink = try OutputOptions.sink(format: format, out: out, force: force)
            defer { sink.close() }
            switch format {
            case .json: sink.line(try result.documentText())
            default:
                if let data = result.data { sink.line(Text.predictData(lang, data.source(in: lang))) }
                for m in result.models { sink.line("\n" + FitReport.table(m.fit, status: m.status, lang: lang)) }
                let purchase = result.purchaseModels
                if purchase.count > 1 { sink.line("\n" + FitReport.comparison(purchase, lang: lang)) }
                for note in result.notes { sink.line("\n" + note.text(in: lang)) }
            }
        } catch { throw UserFacingError.wrap(error, in: lang) }
    }
}

/// How fits read in a terminal.
enum FitReport {
    static func table(_ fit: ModelFit, status: FitStatus? = nil, lang: Language = .en) -> String {
        let status = status ?? (fit.converged ? .fitted : fit.iterations == 0 ? .notFitted : .notConverged)
        var table = TerminalTable(
            headers: [Text.fitParameter(lang), Text.fitEstimate(lang), Text.fitStandardError(lang)],
            alignments: [.left, .right, .right])
        for (i, name) in fit.names.enumerated() {
            let estimate = status == .notFitted ? "–" : format(fit.values[i])
            table.append([name, estimate, fit.standardErrors.map { format($0[i]) } ?? "–"])
        }
        let unit = fit.unit.map { Text.ratesPer(lang, $0.name(in: lang)) } ?? ""
        let state =
            switch status {
            case .fitted: Text.fitConverged(lang, fit.iterations)
            case .notConverged: Text.fitNotConverged(lang, fit.iterations)
            case .notFitted: Text.fitNotFitted(lang)
            }
        var lines = [Text.fitHeading(lang, fit.model, unit, state)]
        lines.append(table.render())
        let fitted = status != .notFitted
        lines.append(
            Text.fitFigures(
                lang, fitted ? format(fit.logLikelihood) : "–", fitted ? format(fit.aic) : "–",
                fitted ? format(fit.bic) : "–", Number.exact(fit.customers)))
        if status != .fitted || fit.standardErrors == nil { lines.append(fit.message) }
        return lines.joined(separator: "\n")
    }

    static func comparison(_ models: [FitResult.Model], lang: Language = .en) -> String {
        var table = TerminalTable(
            headers: [
                Text.fitRank(lang), Text.fitModel(lang), Text.fitLogLikelihood(lang), "AIC", "BIC",
                Text.fitConvergedColumn(lang),
            ],
            alignments: [.right, .left, .right, .right, .right, .left])
        for (i, m) in models.enumerated() {
            let fit = m.fit
            let fitted = m.status != .notFitted
            table.append([
                String(i + 1), fit.model, fitted ? format(fit.logLikelihood) : "–", fitted ? format(fit.aic) : "–",
                fitted ? format(fit.bic) : "–", m.status == .fitted ? Text.yes(lang) : Text.no(lang),
            ])
        }
        return Text.fitRanking(lang) + "\n" + table.render()
    }

    /// Six significant digits; "–" for a value that is not a number.
    static func format(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        return String(format: "%.6g", value)
    }
}
