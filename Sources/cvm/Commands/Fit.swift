import ArgumentParser
import CVMApp
import CVMStore
import CustomerValue
import Foundation

struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit CLV models by maximum likelihood: parameters, standard errors, log-likelihood, AIC, BIC.",
        discussion: """
            Models: bgnbd (Fader, Hardie & Lee 2005), pareto (Schmittlein, Morrison & Colombo 1987), mbgnbd \
            (Batislam et al. 2007), bgbb (Fader, Hardie & Shang 2010; needs periods), sbg (Fader & Hardie 2007; \
            needs --survivors), gammagamma (spend; needs monetary). Give several, comma-separated, to compare \
            them on the same data, ranked by BIC.

            The log-likelihood is the sum over customers in the data's own time unit (CDNOW in weeks: \
            BG/NBD −9582.43), so it can be compared with published values.

            JSON (one model): {"model", "unit", "parameters": {…}, "standardErrors": {…}, "logLikelihood", \
            "aic", "bic", "converged", "customers", "iterations", "message", "penalizer"}; several models: \
            {"models": [ … ]}, purchase models in BIC order, then the spend model. `cvm predict --fit FILE` reads this JSON back.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var input: ModelInputOptions

    @Option(help: ArgumentHelp("Model(s): bgnbd, pareto, mbgnbd, bgbb, sbg, gammagamma; comma-separated to compare.", valueName: "models"))
    var model: String = "bgnbd"

    @Option(help: "Time unit for a summary built from the database: day, week or month.")
    var unit: TimeUnit = .day

    @Option(help: ArgumentHelp("sBG: customers still active at period 0, 1, 2, … (e.g. 1000,631,468).", valueName: "counts"))
    var survivors: String?

    @Option(help: "L2 penalty on the parameters (as lifetimes' penalizer_coef); 0 for plain maximum likelihood.")
    var penalizer = 0.0

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var out: String?

    func validate() throws {
        guard penalizer >= 0, penalizer.isFinite else { throw ValidationError("--penalizer must be a number ≥ 0") }
        guard format != .csv else { throw ValidationError("cvm fit writes a table or json; use --format table or json") }
    }

    func run() throws {
        let kinds = try ModelKind.list(model)
        var fits: [ModelFit] = []
        var notes: [String] = []
        var data: ModelData?
        for kind in kinds {
            let (fit, note) = try fitModel(kind, data: &data)
            fits.append(fit)
            if let note { notes.append(note) }
        }
        // Only purchase models share a likelihood; the spend model is listed after them, unranked.
        let purchase = fits.filter { $0.model != ModelKind.gammagamma.rawValue }
            .sorted { ($0.bic ?? .infinity) < ($1.bic ?? .infinity) }
        let ranked = purchase + fits.filter { $0.model == ModelKind.gammagamma.rawValue }
        let sink = try OutputOptions(format: format, out: out).sink()
        defer { sink.close() }
        switch format {
        case .json:
            if ranked.count == 1 {
                sink.line(try jsonText(ranked[0]))
            } else {
                sink.line(try jsonText(["models": ranked]))
            }
        default:
            if let data { sink.line("Data: \(data.source)") }
            for fit in ranked { sink.line("\n" + FitReport.table(fit)) }
            if purchase.count > 1 { sink.line("\n" + FitReport.comparison(purchase)) }
            for note in notes { sink.line("\n" + note) }
        }
    }

    /// Fits one model; loads the customers once and reuses them.
    private func fitModel(_ kind: ModelKind, data: inout ModelData?) throws -> (ModelFit, String?) {
        if kind == .sbg {
            guard let survivors else {
                throw ValidationError("sbg fits retention by period: give --survivors 1000,869,743,… (customers still active at period 0, 1, 2, …)")
            }
            let counts = try survivors.split(separator: ",").map { text -> Double in
                guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value >= 0, value.isFinite else {
                    throw ValidationError("--survivors: \"\(text)\" is not a count")
                }
                return value
            }
            guard counts.count >= 2, zip(counts, counts.dropFirst()).allSatisfy({ $0 >= $1 }), counts[0] > 0 else {
                throw ValidationError("--survivors needs at least two counts that never increase, starting above 0")
            }
            let model = ShiftedBetaGeometric(fitting: counts, penalizer: penalizer)
            let projection = model.survival(through: max(12, counts.count + 4))
            let note = "Projected survival by period: " + projection.enumerated().map { "\($0)=\(Number.percent($1))" }.joined(separator: " ")
            return (model.fit, note)
        }
        if data == nil { data = try ModelData.load(input, global: global, unit: unit) }
        let data = data!
        var note: String?
        var fit: ModelFit
        switch kind {
        case .bgbb:
            guard let periods = data.periods else {
                throw ValidationError(
                    "bgbb needs purchase opportunities: give a --summary file with frequency, recency and periods columns (recency = the last opportunity with a purchase)")
            }
            let h = data.histories
            fit = BGBB(fitting: Histories(frequency: h.frequency, recency: h.recency, T: periods, weight: h.weight), penalizer: penalizer).fit
        case .gammagamma:
            guard let monetary = data.monetary else {
                throw ValidationError("gammagamma needs a monetary column; the summary file has none")
            }
            let spend = GammaGamma(fitting: data.histories.frequency, monetary: monetary, penalizer: penalizer)
            fit = spend.fit
            if let warning = spend.independenceWarning { note = warning }
            if spend.skippedNonPositive > 0 {
                note = (note.map { $0 + "\n" } ?? "")
                    + "\(spend.skippedNonPositive) repeat customers with a mean spend ≤ 0 were left out of the spend model."
            }
        default:
            guard let type = kind.purchaseModel else {
                throw ValidationError("the \(kind.rawValue) model is not available in this version")
            }
            fit = type.init(fitting: data.histories, penalizer: penalizer).fit
            fit.unit = data.unit
        }
        return (fit, note)
    }
}

extension OutputOptions {
    init(format: OutputFormat, out: String?) {
        self.init()
        self.format = format
        self.out = out
    }
}

/// How fits read in a terminal.
enum FitReport {
    static func table(_ fit: ModelFit) -> String {
        var table = TerminalTable(headers: ["parameter", "estimate", "std. error"], alignments: [.left, .right, .right])
        for (i, name) in fit.names.enumerated() {
            table.append([name, format(fit.values[i]), fit.standardErrors.map { format($0[i]) } ?? "–"])
        }
        var lines = ["\(fit.model)\(fit.unit.map { " (rates per \($0.rawValue))" } ?? ""): \(fit.converged ? "converged" : "DID NOT CONVERGE") after \(fit.iterations) iterations"]
        lines.append(table.render())
        lines.append(
            "log-likelihood \(format(fit.logLikelihood))   AIC \(format(fit.aic))   BIC \(format(fit.bic))   customers \(Number.exact(fit.customers))")
        if !fit.converged || fit.standardErrors == nil { lines.append(fit.message) }
        return lines.joined(separator: "\n")
    }

    static func comparison(_ fits: [ModelFit]) -> String {
        var table = TerminalTable(
            headers: ["rank", "model", "log-likelihood", "AIC", "BIC", "converged"],
            alignments: [.right, .left, .right, .right, .right, .left])
        for (i, fit) in fits.enumerated() {
            table.append([String(i + 1), fit.model, format(fit.logLikelihood), format(fit.aic), format(fit.bic), fit.converged ? "yes" : "no"])
        }
        return "Models ranked by BIC (lower is better):\n" + table.render()
    }

    /// Six significant digits; "–" for a value the fit does not have.
    static func format(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        return String(format: "%.6g", value)
    }
}
