import CVMStore
import CustomerValue
import Foundation

/// What to predict, with which model, over what horizon.
public struct PredictRequest: Sendable, Equatable {
    /// Purchase model: bgnbd, mbgnbd, pareto, or bgbb (a summary file with periods).
    public var model: ModelKind
    public var source: ModelSource
    /// A saved purchase-model fit (its unit is the model's); nil fits the model on the data.
    public var fit: ModelFit?
    /// Add expected spend and CLV with the Gamma-Gamma model.
    public var spend: Bool
    /// A saved spend-model fit; nil fits it on the data (when `spend`).
    public var spendFit: ModelFit?
    /// Periods of `unit` to predict (default: one year; BG/BB: 5 opportunities).
    public var horizon: Double?
    /// Unit of the horizon and of the discount rate (default: the model's unit).
    public var unit: TimeUnit?
    /// Unit of a summary built from the database when no saved fit says it (default: `Defaults.fitUnit`).
    public var dataUnit: TimeUnit?
    /// Discount rate per period of `unit` (default: `Defaults.discountRate`, a monthly rate, compounded
    /// to the period of `unit`).
    public var discountRate: Double?
    /// Share of spend that is profit (default: `Defaults.margin`).
    public var margin: Double?

    public init(
        model: ModelKind = .bgnbd, source: ModelSource = .database(), fit: ModelFit? = nil, spend: Bool = false,
        spendFit: ModelFit? = nil, horizon: Double? = nil, unit: TimeUnit? = nil, dataUnit: TimeUnit? = nil,
        discountRate: Double? = nil, margin: Double? = nil
    ) {
        self.model = model
        self.source = source
        self.fit = fit
        self.spend = spend || spendFit != nil
        self.spendFit = spendFit
        self.horizon = horizon
        self.unit = unit
        self.dataUnit = dataUnit
        self.discountRate = discountRate
        self.margin = margin
    }
}

/// How a prediction run was made; stored with the predictions.
public struct PredictionSettings: Codable, Sendable {
    public var model: ModelFit
    public var spend: ModelFit?
    public var horizon: Double
    public var unit: TimeUnit
    public var discountRate: Double
    public var margin: Double
    public var asOf: String?

    public init(
        model: ModelFit, spend: ModelFit?, horizon: Double, unit: TimeUnit, discountRate: Double, margin: Double,
        asOf: String?
    ) {
        self.model = model
        self.spend = spend
        self.horizon = horizon
        self.unit = unit
        self.discountRate = discountRate
        self.margin = margin
        self.asOf = asOf
    }

    /// The JSON kept in the database with a run (keys sorted, as every stored run has them).
    func storedText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

/// Per-customer predictions, and where they were stored.
public struct PredictResult: Sendable, Tabular {
    public let predictions: PredictionSet
    public let settings: PredictionSettings
    public let data: ModelData
    /// The database run id and how many customers were stored (predictions from a database).
    public let stored: (run: Int64, customers: Int)?
    /// What a person should know: a fit that did not converge, spend correlated with frequency.
    public let warnings: [FitResult.Note]
    /// BG/BB: the horizon counts purchase opportunities.
    public var discrete: Bool { predictions.model == BGBB.key }

    public var columns: [String] {
        ["customer_id", "p_alive", "expected_purchases"] + (predictions.clv != nil ? ["expected_spend", "clv"] : [])
    }
    public var rowCount: Int { predictions.ids.count }
    public func fields(_ i: Int) -> [String] {
        let p = predictions
        var row = [p.ids[i], Number.exact(p.probabilityAlive[i]), Number.exact(p.expectedPurchases[i])]
        if let spend = p.expectedSpend, let clv = p.clv { row += [Number.exact(spend[i]), Number.exact(clv[i])] }
        return row
    }

    /// `{settings: {model, spend, horizon, unit, discount_rate, margin, as_of}, customers: [...]}`.
    public var document: Document { Document(self) }

    public struct Document: Encodable, Sendable {
        public struct Customer: Encodable, Sendable {
            public let customerID: String
            public let pAlive, expectedPurchases: Double
            public let expectedSpend, clv: Double?
        }
        public let settings: PredictionSettings
        public let customers: [Customer]

        init(_ r: PredictResult) {
            settings = r.settings
            let p = r.predictions
            customers = p.ids.indices.map {
                Customer(
                    customerID: p.ids[$0], pAlive: p.probabilityAlive[$0], expectedPurchases: p.expectedPurchases[$0],
                    expectedSpend: p.expectedSpend?[$0], clv: p.clv?[$0])
            }
        }
    }
}

extension Workspace {
    /// Predicts on the database and stores the predictions (the latest run replaces the last).
    public func predict(_ request: PredictRequest) async throws -> PredictResult {
        try await Self.predict(request, in: self)
    }

    /// Predicts; `workspace` may be nil when the source is a summary file (nothing is stored then).
    ///
    /// - Throws: `AppError(.notFitted)` when a model fitted here cannot be identified from the data
    ///   (no or one repeat buyer, no customers): nothing is predicted and nothing stored.
    public static func predict(_ request: PredictRequest, in workspace: Workspace?) async throws -> PredictResult {
        let defaults = workspace?.defaults ?? .standard
        let margin = request.margin ?? defaults.margin
        if let horizon = request.horizon, !(horizon > 0 && horizon.isFinite) {
            throw AppError(.invalidRequest, .horizonPositive)
        }
        if let rate = request.discountRate, !(rate >= 0 && rate.isFinite) {
            throw AppError(.invalidRequest, .discountRange)
        }
        guard Defaults.Bounds.margin.contains(margin) else { throw AppError(.invalidRequest, .marginRange) }
        if request.model == .bgbb { return try await predictDiscrete(request) }
        guard let type = request.model.purchaseModel else {
            throw AppError(.invalidRequest, .notAPurchaseModel, request.model.rawValue)
        }
        // The model's own unit: a saved fit says it; otherwise the data's.
        var fileUnit: TimeUnit?
        if case .summaryFile(_, let unit) = request.source { fileUnit = unit }
        let modelUnit = request.fit?.unit ?? fileUnit ?? request.dataUnit ?? defaults.fitUnit
        if let fileUnit, let saved = request.fit?.unit, saved != fileUnit {
            throw AppError(.invalidRequest, .fitUnitMismatch, saved.rawValue, fileUnit.rawValue)
        }
        let data = try await ModelData.load(request.source, unit: modelUnit, workspace: workspace)
        var warnings: [FitResult.Note] = []
        let purchaseModel: any PurchaseModel
        if let saved = request.fit {
            do { purchaseModel = try type.init(fit: saved) } catch { throw AppError.from(error) }
        } else {
            purchaseModel = type.init(fitting: data.histories, penalizer: 0)
            switch FitStatus.of(purchaseModel.fit, repeatBuyers: data.histories.repeatBuyers) {
            case .notFitted:
                throw AppError(
                    .notFitted, .predictNotFitted, type.key, Number.exact(data.histories.repeatBuyers),
                    facts: [
                        .init("model", type.key), .init("customers", Number.exact(data.histories.customers)),
                        .init("repeat_buyers", Number.exact(data.histories.repeatBuyers)),
                    ]
                )
            case .notConverged:
                warnings.append(
                    .init(
                        en: Text.fitDidNotConverge(.en, type.key, purchaseModel.fit.message),
                        zh: Text.fitDidNotConverge(.zh, type.key, purchaseModel.fit.message)))
            case .fitted: break
            }
        }
        let horizonUnit = request.unit ?? modelUnit
        let periods = request.horizon ?? oneYear(in: horizonUnit)
        let discountRate = request.discountRate ?? defaults.discountRate(per: horizonUnit)
        let t = periods * horizonUnit.days / modelUnit.days
        let h = data.histories
        let alive = purchaseModel.probabilityAlive(h)
        let purchases = purchaseModel.expectedPurchases(in: t, h)

        var spendModel: GammaGamma?
        var expectedSpend: [Double]?
        var clv: [Double]?
        if request.spend {
            guard let monetary = data.monetary else { throw AppError(.invalidRequest, .spendNeedsMonetary) }
            let model = try makeSpendModel(request.spendFit, data: data, monetary: monetary, warnings: &warnings)
            spendModel = model
            let spendValues = model.expectedAverageSpend(frequency: h.frequency, monetary: monetary)
            expectedSpend = spendValues
            guard periods == periods.rounded(), periods < Double(Int32.max) else {
                throw AppError(.invalidRequest, .clvWholePeriods, Number.exact(periods))
            }
            clv = CustomerLifetimeValue.values(
                model: purchaseModel, histories: h, spend: spendValues,
                horizon: Horizon(periods: Int(periods), unit: horizonUnit, modelUnit: modelUnit),
                discountRate: discountRate, margin: margin)
        }

        var fit = purchaseModel.fit
        fit.unit = modelUnit
        let settings = PredictionSettings(
            model: fit, spend: spendModel?.fit, horizon: periods, unit: horizonUnit, discountRate: discountRate,
            margin: margin, asOf: data.summary?.observationEnd.description)
        let predictions = PredictionSet(
            model: type.key, spendModel: spendModel == nil ? nil : GammaGamma.key, settings: try settings.storedText(),
            ids: data.ids, probabilityAlive: alive, expectedPurchases: purchases, expectedSpend: expectedSpend, clv: clv
        )
        var stored: (Int64, Int)?
        if data.summary != nil, let workspace {
            stored = try await workspace.run { try await workspace.store.savePredictions(predictions) }
        }
        return PredictResult(
            predictions: predictions, settings: settings, data: data, stored: stored, warnings: warnings)
    }

    /// One year in `unit`: 365 days, 52 weeks, 12 months.
    static func oneYear(in unit: TimeUnit) -> Double {
        switch unit {
        case .day: 365
        case .week: 52
        case .month: 12
        }
    }

    private static func makeSpendModel(
        _ saved: ModelFit?, data: ModelData, monetary: [Double], warnings: inout [FitResult.Note]
    ) throws -> GammaGamma {
        if let saved {
            do { return try GammaGamma(fit: saved) } catch { throw AppError.from(error) }
        }
        let model = GammaGamma(fitting: data.histories.frequency, monetary: monetary)
        if FitStatus.of(model.fit, repeatBuyers: nil) == .notFitted {
            let found = Number.exact(model.fit.customers)
            throw AppError(.notFitted, .spendNotFitted, found, facts: [.init("repeat_buyers", found)])
        }
        if let warning = model.independenceWarning, let rho = model.frequencySpendCorrelation {
            warnings.append(.init(en: warning, zh: Text.spendCorrelated(.zh, Number.fixed(rho))))
        }
        return model
    }

    /// BG/BB: discrete opportunities from a summary file; the horizon counts future opportunities.
    private static func predictDiscrete(_ request: PredictRequest) async throws -> PredictResult {
        guard case .summaryFile(_, let unit) = request.source else {
            throw AppError(.invalidRequest, .bgbbNeedsFile)
        }
        let data = try await ModelData.load(request.source, unit: unit, workspace: nil)
        guard let periods = data.periods else { throw AppError(.invalidRequest, .bgbbNeedsPeriodsColumn) }
        let h = data.histories
        let histories = Histories(frequency: h.frequency, recency: h.recency, T: periods, weight: h.weight)
        let bgbb: BGBB
        if let saved = request.fit {
            do { bgbb = try BGBB(fit: saved) } catch { throw AppError.from(error) }
        } else {
            bgbb = BGBB(fitting: histories)
            if FitStatus.of(bgbb.fit, repeatBuyers: h.repeatBuyers) == .notFitted {
                let found = Number.exact(h.repeatBuyers)
                throw AppError(.notFitted, .predictNotFitted, BGBB.key, found)
            }
        }
        let horizon = request.horizon ?? 5
        guard horizon == horizon.rounded(), horizon < Double(Int32.max) else {
            throw AppError(.invalidRequest, .clvWholePeriods, Number.exact(horizon))
        }
        let future = Int(horizon)
        let predictions = PredictionSet(
            model: BGBB.key, spendModel: nil, settings: "", ids: data.ids,
            probabilityAlive: bgbb.probabilityAlive(histories),
            expectedPurchases: bgbb.expectedTransactions(inNext: future, histories), expectedSpend: nil, clv: nil)
        let settings = PredictionSettings(
            model: bgbb.fit, spend: nil, horizon: Double(future), unit: unit, discountRate: 0, margin: 1, asOf: nil)
        return PredictResult(predictions: predictions, settings: settings, data: data, stored: nil, warnings: [])
    }
}

/// Per-customer predictions as the store keeps them, by the name interfaces use (they import
/// only this layer).
public typealias Predictions = PredictionSet
