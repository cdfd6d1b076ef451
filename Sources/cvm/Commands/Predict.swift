import ArgumentParser
import CVMApp
import CVMStore
import CustomerValue
import Foundation

struct Predict: ParsableCommand {
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
            Predictions made from the database are also stored there (the latest run replaces the last).
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var input: ModelInputOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Purchase model: bgnbd, mbgnbd, pareto or bgbb (a summary file with periods; the horizon counts opportunities).")
    var model: ModelKind = .bgnbd
    @Option(help: "Spend model for expected spend and CLV: gammagamma.") var spend: ModelKind?
    @Option(help: ArgumentHelp("A saved purchase-model fit (JSON of `cvm fit`).", valueName: "file")) var fit: String?
    @Option(help: ArgumentHelp("Purchase-model parameters, e.g. r=0.243,alpha=4.414,a=0.793,b=2.426.", valueName: "list"))
    var params: String?
    @Option(help: ArgumentHelp("A saved spend-model fit (JSON of `cvm fit --model gammagamma`).", valueName: "file"))
    var spendFit: String?
    @Option(help: ArgumentHelp("Spend-model parameters, e.g. p=6.25,q=3.74,v=15.44.", valueName: "list"))
    var spendParams: String?

    @Option(help: "Number of periods to predict (default: one year in --unit).") var horizon: Double?
    @Option(help: "Unit of the horizon and of the discount rate: day, week or month (default: the data's unit).")
    var unit: TimeUnit?
    @Option(help: "Discount rate per period of --unit (0.01 a month is about 12.7 % a year).") var discountRate = 0.0
    @Option(help: "Share of spend that is profit, 0…1 (1 = revenue).") var margin = 1.0
    @Option(help: "Rows shown by --format table.") var limit = 20

    func validate() throws {
        if fit != nil && params != nil { throw ValidationError("give either --fit or --params, not both") }
        if spendFit != nil && spendParams != nil { throw ValidationError("give either --spend-fit or --spend-params, not both") }
        if let spend, spend != .gammagamma { throw ValidationError("--spend takes gammagamma") }
        if let horizon, !(horizon > 0 && horizon.isFinite) { throw ValidationError("--horizon must be a positive number") }
        guard discountRate >= 0, discountRate.isFinite else { throw ValidationError("--discount-rate must be ≥ 0") }
        guard (0...1).contains(margin) else { throw ValidationError("--margin must be between 0 and 1") }
    }

    func run() throws {
        if model == .bgbb { return try runDiscrete() }
        guard let type = model.purchaseModel else {
            throw ValidationError("\(model.rawValue) does not predict purchases per customer; use bgnbd, mbgnbd, pareto or bgbb")
        }
        // The model's own unit: a saved fit says it; otherwise the data's.
        let savedFit = try fit.map { try readFit($0) }
        let modelUnit = savedFit?.unit ?? (input.summary != nil ? input.summaryUnit : (unit ?? .day))
        if input.summary != nil, let saved = savedFit?.unit, saved != input.summaryUnit {
            throw ValidationError(
                "the saved fit is in \(saved.rawValue)s but --summary-unit is \(input.summaryUnit.rawValue); the durations must be in the fit's unit")
        }
        let data = try ModelData.load(input, global: global, unit: modelUnit)
        let purchaseModel: any PurchaseModel
        if let savedFit {
            purchaseModel = try type.init(fit: savedFit)
        } else if let params {
            purchaseModel = try type.init(fit: try parameters(params, model: type.key, names: type.parameterNames, unit: modelUnit))
        } else {
            purchaseModel = type.init(fitting: data.histories, penalizer: 0)
            if !purchaseModel.fit.converged {
                FileHandle.standardError.write(Data("Warning: the \(type.key) fit did not converge: \(purchaseModel.fit.message)\n".utf8))
            }
        }
        let horizonUnit = unit ?? modelUnit
        let periods = horizon ?? (horizonUnit == .day ? 365 : horizonUnit == .week ? 52 : 12)
        let t = periods * horizonUnit.days / modelUnit.days
        let h = data.histories
        let alive = purchaseModel.probabilityAlive(h)
        let purchases = purchaseModel.expectedPurchases(in: t, h)

        var spendModel: GammaGamma?
        if spend != nil || spendFit != nil || spendParams != nil {
            spendModel = try makeSpendModel(data)
        }
        var expectedSpend: [Double]?
        var clv: [Double]?
        if let spendModel {
            guard let monetary = data.monetary else {
                throw ValidationError("the spend model needs monetary values; the summary file has no monetary column")
            }
            let spendValues = spendModel.expectedAverageSpend(frequency: h.frequency, monetary: monetary)
            expectedSpend = spendValues
            guard periods == periods.rounded() else {
                throw ValidationError("CLV sums whole periods: give a whole --horizon (got \(periods))")
            }
            clv = CustomerLifetimeValue.values(
                model: purchaseModel, histories: h, spend: spendValues,
                horizon: Horizon(periods: Int(periods), unit: horizonUnit, modelUnit: modelUnit),
                discountRate: discountRate, margin: margin)
        }

        var fitJSON = purchaseModel.fit
        fitJSON.unit = modelUnit
        let settings = PredictionSettings(
            model: fitJSON, spend: spendModel?.fit, horizon: periods, unit: horizonUnit, discountRate: discountRate,
            margin: margin, asOf: data.summary?.observationEnd.description)
        let predictions = PredictionSet(
            model: type.key, spendModel: spendModel == nil ? nil : GammaGamma.key, settings: try jsonText(settings),
            ids: data.ids, probabilityAlive: alive, expectedPurchases: purchases, expectedSpend: expectedSpend, clv: clv)

        let sink = try output.sink()
        defer { sink.close() }
        switch output.format {
        case .csv: PredictionReport.writeCSV(predictions, to: sink)
        case .json: sink.line(try jsonText(PredictionReport.JSON(settings: settings, predictions: predictions)))
        case .table: sink.line(PredictionReport.table(predictions, settings: settings, source: data.source, limit: limit))
        }
        if data.summary != nil {
            let store = try global.openStore()
            let (run, stored) = try store.savePredictions(predictions)
            FileHandle.standardError.write(Data("Stored predictions of \(stored) customers in \(store.path) (run \(run)).\n".utf8))
        }
    }

    /// BG/BB: discrete opportunities from a summary file; the horizon counts future opportunities.
    private func runDiscrete() throws {
        guard input.summary != nil else {
            throw ValidationError("bgbb predicts from a --summary file with frequency, recency and periods columns")
        }
        let data = try ModelData.load(input, global: global, unit: input.summaryUnit)
        guard let periods = data.periods else { throw ValidationError("bgbb needs a periods column in the summary file") }
        let h = data.histories
        let histories = Histories(frequency: h.frequency, recency: h.recency, T: periods, weight: h.weight)
        let bgbb: BGBB
        if let fit {
            bgbb = try BGBB(fit: try readFit(fit))
        } else if let params {
            bgbb = try BGBB(fit: try parameters(params, model: BGBB.key, names: BGBB.parameterNames, unit: input.summaryUnit))
        } else {
            bgbb = BGBB(fitting: histories)
        }
        let future = Int(horizon ?? 5)
        let predictions = PredictionSet(
            model: BGBB.key, spendModel: nil, settings: "", ids: data.ids, probabilityAlive: bgbb.probabilityAlive(histories),
            expectedPurchases: bgbb.expectedTransactions(inNext: future, histories), expectedSpend: nil, clv: nil)
        let settings = PredictionSettings(model: bgbb.fit, spend: nil, horizon: Double(future), unit: input.summaryUnit, discountRate: 0, margin: 1, asOf: nil)
        let sink = try output.sink()
        defer { sink.close() }
        switch output.format {
        case .csv: PredictionReport.writeCSV(predictions, to: sink)
        case .json: sink.line(try jsonText(PredictionReport.JSON(settings: settings, predictions: predictions)))
        case .table: sink.line(PredictionReport.table(predictions, settings: settings, source: data.source + "; horizon in opportunities", limit: limit))
        }
    }

    private func readFit(_ path: String) throws -> ModelFit {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ValidationFailure("cannot read the fit \(path): \(error.localizedDescription)")
        }
        do { return try JSONDecoder().decode(ModelFit.self, from: data) } catch {
            throw ValidationFailure("\(path) is not a fit written by `cvm fit --format json` (\(error))")
        }
    }

    private func makeSpendModel(_ data: ModelData) throws -> GammaGamma {
        if let spendFit { return try GammaGamma(fit: try readFit(spendFit)) }
        if let spendParams {
            let fit = try parameters(spendParams, model: GammaGamma.key, names: GammaGamma.parameterNames, unit: .day)
            return GammaGamma(p: fit.values[0], q: fit.values[1], v: fit.values[2])
        }
        guard let monetary = data.monetary else {
            throw ValidationError("gammagamma needs monetary values; the summary file has no monetary column")
        }
        let model = GammaGamma(fitting: data.histories.frequency, monetary: monetary)
        if let warning = model.independenceWarning { FileHandle.standardError.write(Data("Warning: \(warning)\n".utf8)) }
        return model
    }
}

/// How a prediction run was made.
struct PredictionSettings: Encodable {
    var model: ModelFit
    var spend: ModelFit?
    var horizon: Double
    var unit: TimeUnit
    var discountRate: Double
    var margin: Double
    var asOf: String?
}

enum PredictionReport {
    static func writeCSV(_ p: PredictionSet, to sink: TextSink) {
        sink.line("customer_id,p_alive,expected_purchases" + (p.clv != nil ? ",expected_spend,clv" : ""))
        for i in p.ids.indices {
            var row = [p.ids[i], Number.exact(p.probabilityAlive[i]), Number.exact(p.expectedPurchases[i])]
            if let spend = p.expectedSpend, let clv = p.clv { row += [Number.exact(spend[i]), Number.exact(clv[i])] }
            sink.line(CSV.row(row))
        }
    }

    static func table(_ p: PredictionSet, settings: PredictionSettings, source: String, limit: Int) -> String {
        let n = Double(max(p.ids.count, 1))
        var lines = ["Data: \(source)"]
        let params = zip(settings.model.names, settings.model.values).map { "\($0)=\(FitReport.format($1))" }.joined(separator: " ")
        lines.append("Model: \(settings.model.model) \(params)")
        if let spend = settings.spend {
            lines.append("Spend: \(spend.model) " + zip(spend.names, spend.values).map { "\($0)=\(FitReport.format($1))" }.joined(separator: " "))
        }
        let horizon = "\(Number.exact(settings.horizon)) \(settings.unit.rawValue)s"
        lines.append("Mean P(alive) \(Number.readable(p.probabilityAlive.reduce(0, +) / n, digits: 3)); expected purchases in the next \(horizon): \(Number.readable(p.expectedPurchases.reduce(0, +), digits: 1))")
        var order = Array(p.ids.indices)
        if let clv = p.clv {
            let total = clv.reduce(0, +)
            let sorted = clv.sorted()
            lines.append(
                "CLV over \(horizon) (discount \(Number.exact(settings.discountRate))/\(settings.unit.rawValue), margin \(Number.exact(settings.margin))): total \(Number.readable(total)), mean \(Number.readable(total / n)), median \(Number.readable(sorted.isEmpty ? 0 : sorted[sorted.count / 2]))")
            order.sort { clv[$0] > clv[$1] }
            lines.append("\nTop \(min(limit, order.count)) customers by CLV:")
        } else {
            order.sort { p.expectedPurchases[$0] > p.expectedPurchases[$1] }
            lines.append("\nTop \(min(limit, order.count)) customers by expected purchases:")
        }
        var table = TerminalTable(
            headers: ["customer_id", "p_alive", "expected_purchases"] + (p.clv != nil ? ["expected_spend", "clv"] : []),
            alignments: [.left, .right, .right, .right, .right])
        for i in order.prefix(limit) {
            var row = [p.ids[i], Number.readable(p.probabilityAlive[i], digits: 3), Number.readable(p.expectedPurchases[i], digits: 3)]
            if let spend = p.expectedSpend, let clv = p.clv { row += [Number.readable(spend[i]), Number.readable(clv[i])] }
            table.append(row)
        }
        lines.append(table.render())
        return lines.joined(separator: "\n")
    }

    /// `{"settings": {model, spend, horizon, unit, discountRate, margin, asOf}, "customers": [{customer_id, p_alive, expected_purchases, expected_spend?, clv?}]}`.
    struct JSON: Encodable {
        let settings: PredictionSettings
        let predictions: PredictionSet

        struct Row: Encodable {
            let customer_id: String
            let p_alive, expected_purchases: Double
            let expected_spend, clv: Double?
        }

        enum Keys: String, CodingKey { case settings, customers }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(settings, forKey: .settings)
            let p = predictions
            try c.encode(
                p.ids.indices.map {
                    Row(
                        customer_id: p.ids[$0], p_alive: p.probabilityAlive[$0], expected_purchases: p.expectedPurchases[$0],
                        expected_spend: p.expectedSpend?[$0], clv: p.clv?[$0])
                }, forKey: .customers)
        }
    }
}
