import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

struct Predict: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Per-customer predictions: P(alive), expected purchases, expected spend and CLV.",
        discussion: """
            The purchase model is fitted on the same data unless you give a saved fit (--fit, the JSON of \
            `cvm fit`) or its parameters (--params r=…,alpha=…,a=…,b=…). With --spend gammagamma the \
            expected spend per purchase and the CLV are added: the discounted sum over the horizon's \
            periods of (expected purchases in the period) × spend × margin / (1 + rate)^period, as \
            lifetimes' customer_lifetime_value computes it.

            Units: the horizon is --horizon periods of --unit (default: the data's own unit; a month is \
            365.2425/12 = 30.436875 days, a week 7 days) and the discount rate is per period of --unit. A \
            summary CSV holds durations in days unless --summary-unit says otherwise.

            CSV: customer_id,p_alive,expected_purchases and, with a spend model, expected_spend,clv. \
            Predictions made from the database are also stored there (the latest run replaces the last). \
            A model the data cannot identify (fewer than two repeat buyers) predicts nothing and stores \
            nothing: the command says what is missing and exits with an error.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var input: ModelInputOptions
    @OptionGroup var output: OutputOptions

    @Option(
        help:
            "Purchase model: bgnbd, mbgnbd, pareto or bgbb (a summary file with periods; the horizon counts opportunities)."
    )
    var model: ModelKind = .bgnbd
    @Option(help: "Spend model for expected spend and CLV: gammagamma.") var spend: ModelKind?
    @Option(help: ArgumentHelp("A saved purchase-model fit (JSON of `cvm fit`).", valueName: "file")) var fit: String?
    @Option(
        help: ArgumentHelp("Purchase-model parameters, e.g. r=0.243,alpha=4.414,a=0.793,b=2.426.", valueName: "list"))
    var params: String?
    @Option(help: ArgumentHelp("A saved spend-model fit (JSON of `cvm fit --model gammagamma`).", valueName: "file"))
    var spendFit: String?
    @Option(help: ArgumentHelp("Spend-model parameters, e.g. p=6.25,q=3.74,v=15.44.", valueName: "list"))
    var spendParams: String?

    @Option(help: "Number of periods to predict (default: one year in --unit).") var horizon: Double?
    @Option(help: "Unit of the horizon and of the discount rate: day, week or month (default: the data's unit).")
    var unit: TimeUnit?
    @Option(
        help: """
            Discount rate per period of --unit (default: \(Defaults.standard.discountRate) a month, \
            year, compounded to the period of --unit).
            """)
    var discountRate: Double?
    @Option(help: "Share of spend that is profit, 0…1 (1 = revenue).") var margin = Defaults.standard.margin
    @Option(help: "Rows shown by --format table.") var limit = Defaults.standard.rowsShown
    @Option(help: "Language of the table and messages: en or zh.") var lang: Language = .en

    func validate() throws {
        if fit != nil && params != nil { throw ValidationError("give either --fit or --params, not both") }
        if spendFit != nil && spendParams != nil {
            throw ValidationError("give either --spend-fit or --spend-params, not both")
        }
        if let spend, spend != .gammagamma { throw ValidationError("--spend takes gammagamma") }
        if let horizon, !(horizon > 0 && horizon.isFinite) {
            throw ValidationError("--horizon must be a positive number")
        }
        if let discountRate, !(discountRate >= 0 && discountRate.isFinite) {
            throw ValidationError("--discount-rate must be ≥ 0")
        }
        guard Defaults.Bounds.margin.contains(margin) else { throw ValidationError("--margin must be between 0 and 1") }
    }

    func run() async throws {
        do {
            if model == .bgbb, input.summary == nil {
                throw ValidationError("bgbb predicts from a --summary file with frequency, recency and periods columns")
            }
            let type = model.purchaseModel
            var savedFit = try fit.map { try ModelFit.read(URL(fileURLWithPath: $0)) }
            if let params {
                let names = type?.parameterNames ?? BGBB.parameterNames
                savedFit = try option("--params") {
                    try ModelFit.given(
                        params, model: type?.key ?? BGBB.key, names: names,
                        unit: input.summary != nil ? input.summaryUnit : (unit ?? Defaults.standard.fitUnit))
                }
            }
            var savedSpend = try spendFit.map { try ModelFit.read(URL(fileURLWithPath: $0)) }
            if let spendParams {
                savedSpend = try option("--spend-params") {
                    try ModelFit.given(spendParams, model: GammaGamma.key, names: GammaGamma.parameterNames, unit: .day)
                }
            }
            let request = PredictRequest(
                model: model, source: input.source, fit: savedFit,
                spend: spend != nil || spendFit != nil || spendParams != nil, spendFit: savedSpend, horizon: horizon,
                unit: unit, dataUnit: unit, discountRate: discountRate, margin: margin)
            let result = try await Workspace.predict(request, in: model == .bgbb ? nil : try input.workspace(global))
            for warning in result.warnings {
                FileHandle.standardError.write(Data((Text.warning(lang, warning.text(in: lang)) + "\n").utf8))
            }
            let sink = try output.sink()
            defer { sink.close() }
            switch output.format {
            case .csv: result.writeCSV(sink.write)
            case .json: sink.line(try JSONDocument.text(result.document))
            case .table:
                var source = result.data.source(in: lang)
                if result.discrete { source += Text.sourceOpportunities(lang) }
                sink.line(
                    PredictionReport.table(
                        result.predictions, settings: result.settings, source: source, limit: limit, lang: lang))
            }
            if let stored = result.stored {
                FileHandle.standardError.write(
                    Data((Text.predictStored(lang, stored.customers, result.data.origin, stored.run) + "\n").utf8))
            }
        } catch { throw UserFacingError.wrap(error, in: lang) }
    }
}

extension Predict {
    /// Names the option a value came from in its error.
    private func option<T>(_ name: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as AppError {
            throw ValidationFailure("\(name): \(error.message)")
        }
    }
}

enum PredictionReport {
    static func writeCSV(_ p: Predictions, to sink: TextSink) {
        sink.line("customer_id,p_alive,expected_purchases" + (p.clv != nil ? ",expected_spend,clv" : ""))
        for i in p.ids.indices {
            var row = [p.ids[i], Number.exact(p.probabilityAlive[i]), Number.exact(p.expectedPurchases[i])]
            if let spend = p.expectedSpend, let clv = p.clv { row += [Number.exact(spend[i]), Number.exact(clv[i])] }
            sink.line(CSV.row(row))
        }
    }

    static func table(
        _ p: Predictions, settings: PredictionSettings, source: String, limit: Int, lang: Language = .en
    ) -> String {
        let n = Double(max(p.ids.count, 1))
        var lines = [Text.predictData(lang, source)]
        let params = zip(settings.model.names, settings.model.values).map { "\($0)=\(FitReport.format($1))" }
            .joined(separator: " ")
        lines.append(Text.predictModel(lang, "\(settings.model.model) \(params)"))
        if let spend = settings.spend {
            let values = zip(spend.names, spend.values).map { "\($0)=\(FitReport.format($1))" }.joined(separator: " ")
            lines.append(Text.predictSpend(lang, "\(spend.model) " + values))
        }
        let horizon = "\(Number.exact(settings.horizon)) \(settings.unit.plural(in: lang))"
        lines.append(
            Text.predictMeans(
                lang, Number.readable(p.probabilityAlive.reduce(0, +) / n, digits: 3), horizon,
                Number.readable(p.expectedPurchases.reduce(0, +), digits: 1)))
        var order = Array(p.ids.indices)
        if let clv = p.clv {
            let total = clv.reduce(0, +)
            let sorted = clv.sorted()
            let unit = settings.unit.name(in: lang)
            lines.append(
                Text.predictCLV(
                    lang, horizon, Number.exact(settings.discountRate), unit, Number.exact(settings.margin),
                    Number.readable(total), Number.readable(total / n),
                    Number.readable(sorted.isEmpty ? 0 : sorted[sorted.count / 2])))
            order.sort { clv[$0] > clv[$1] }
            lines.append("\n" + Text.predictTopCLV(lang, min(limit, order.count)))
        } else {
            order.sort { p.expectedPurchases[$0] > p.expectedPurchases[$1] }
            lines.append("\n" + Text.predictTopPurchases(lang, min(limit, order.count)))
        }
        let headers =
            [Text.predictCustomerID(lang), Text.predictPAlive(lang), Text.predictExpectedPurchases(lang)]
            + (p.clv != nil ? [Text.predictExpectedSpend(lang), Text.predictCLVColumn(lang)] : [])
        var table = TerminalTable(headers: headers, alignments: [.left, .right, .right, .right, .right])
        for i in order.prefix(limit) {
            var row = [
                p.ids[i], Number.readable(p.probabilityAlive[i], digits: 3),
                Number.readable(p.expectedPurchases[i], digits: 3),
            ]
            if let spend = p.expectedSpend, let clv = p.clv {
                row += [Number.readable(spend[i]), Number.readable(clv[i])]
            }
            table.append(row)
        }
        lines.append(table.render())
        return lines.joined(separator: "\n")
    }
}
