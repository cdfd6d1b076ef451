import CVMStore
import CustomerValue
import Foundation

/// Which models to fit, on what.
public struct FitRequest: Sendable, Equatable {
    /// The models, in any order; the result ranks the purchase models by BIC.
    public var models: [ModelKind]
    public var source: ModelSource
    /// Time unit of a summary built from the database (default: `Defaults.fitUnit`).
    public var unit: TimeUnit?
    /// sBG: customers still active at period 0, 1, 2, …
    public var survivors: [Double]?
    /// L2 penalty on the parameters (default 0: plain maximum likelihood).
    public var penalizer: Double?

    public init(
        models: [ModelKind] = [.bgnbd], source: ModelSource = .database(), unit: TimeUnit? = nil,
        survivors: [Double]? = nil, penalizer: Double? = nil
    ) {
        self.models = models
        self.source = source
        self.unit = unit
        self.survivors = survivors
        self.penalizer = penalizer
    }
}

/// The fits, purchase models ranked by BIC (the spend model after them), with notes.
public struct FitResult: Sendable {
    /// One fitted model and whether it may be used.
    public struct Model: Sendable {
        public var fit: ModelFit
        public var status: FitStatus
        /// sBG: projected survival by period.
        public var survival: [Double]?
    }

    /// Every model asked for: purchase models by BIC (not fitted last), then the spend model.
    public var models: [Model]
    /// The data, when any model read customers (sBG reads counts only).
    public var data: ModelData?
    /// What the fits said beyond their numbers (independence of spend and frequency, left-out
    /// customers), in the order the models were asked for.
    public var notes: [Note]

    /// The purchase models (those that share a likelihood), ranked.
    public var purchaseModels: [Model] { models.filter { $0.fit.model != ModelKind.gammagamma.rawValue } }

    /// A note, in both languages.
    public struct Note: Sendable {
        public var en: String
        public var zh: String
        public func text(in language: Language) -> String { language == .zh ? zh : en }
    }

    /// The JSON document: one fit, or `{models: [...]}` for several.
    public func documentText() throws -> String {
        if models.count == 1 { return try JSONDocument.text(models[0].fit) }
        return try JSONDocument.text(Several(models: models.map(\.fit)))
    }

    struct Several: Encodable { let models: [ModelFit] }
}

extension Workspace {
    /// Fits the models on the database (or on a summary file).
    public func fit(_ request: FitRequest) async throws -> FitResult {
        try await Self.fit(request, in: self)
    }

    /// Fits the models; `workspace` may be nil when the source is a file or only sBG is asked for.
    public static func fit(_ request: FitRequest, in workspace: Workspace?) async throws -> FitResult {
        let defaults = workspace?.defaults ?? .standard
        let penalizer = request.penalizer ?? 0
        guard penalizer >= 0, penalizer.isFinite else {
            throw AppError(.invalidRequest, .penalizerRange)
        }
        guard !request.models.isEmpty else { throw AppError(.invalidRequest, .noModel) }
        var fitted: [FitResult.Model] = []
        var notes: [FitResult.Note] = []
        var data: ModelData?
        for kind in request.models {
            if kind == .sbg {
                let (model, note) = try fitSurvival(request.survivors, penalizer: penalizer)
                fitted.append(model)
                notes.append(note)
                continue
            }
            if data == nil {
                data = try await ModelData.load(
                    request.source, unit: request.unit ?? defaults.fitUnit, workspace: workspace)
            }
            guard let data else { continue }
            let repeatBuyers = data.histories.repeatBuyers
            switch kind {
            case .bgbb:
                guard let periods = data.periods else { throw AppError(.invalidRequest, .bgbbNeedsPeriods) }
                let h = data.histories
                let fit = BGBB(
                    fitting: Histories(frequency: h.frequency, recency: h.recency, T: periods, weight: h.weight),
                    penalizer: penalizer
                ).fit
                fitted.append(.init(fit: fit, status: FitStatus.of(fit, repeatBuyers: repeatBuyers)))
            case .gammagamma:
                guard let monetary = data.monetary else { throw AppError(.invalidRequest, .spendNeedsMonetary) }
                let spend = GammaGamma(fitting: data.histories.frequency, monetary: monetary, penalizer: penalizer)
                fitted.append(.init(fit: spend.fit, status: FitStatus.of(spend.fit, repeatBuyers: nil)))
                var en: [String] = []
                var zh: [String] = []
                if let warning = spend.independenceWarning, let rho = spend.frequencySpendCorrelation {
                    en.append(warning)
                    zh.append(Text.spendCorrelated(.zh, Number.fixed(rho)))
                }
                if spend.skippedNonPositive > 0 {
                    en.append(Text.spendSkipped(.en, spend.skippedNonPositive))
                    zh.append(Text.spendSkipped(.zh, spend.skippedNonPositive))
                }
                if !en.isEmpty { notes.append(.init(en: en.joined(separator: "\n"), zh: zh.joined(separator: "\n"))) }
            default:
                guard let type = kind.purchaseModel else {
                    throw AppError(.invalidRequest, .notAvailable, kind.rawValue)
                }
                var fit = type.init(fitting: data.histories, penalizer: penalizer).fit
                fit.unit = data.unit
                fitted.append(.init(fit: fit, status: FitStatus.of(fit, repeatBuyers: repeatBuyers)))
            }
        }
        // Only purchase models share a likelihood; the spend model is listed after them, unranked.
        // A model that was not fitted has no BIC and goes last.
        func rankBIC(_ m: FitResult.Model) -> Double {
            guard m.status != .notFitted, let bic = m.fit.bic, bic.isFinite else { return .infinity }
            return bic
        }
        let purchase = fitted.filter { $0.fit.model != ModelKind.gammagamma.rawValue }
            .sorted { rankBIC($0) < rankBIC($1) }
        let ranked = purchase + fitted.filter { $0.fit.model == ModelKind.gammagamma.rawValue }
        return FitResult(models: ranked, data: data, notes: notes)
    }

    private static func fitSurvival(_ survivors: [Double]?, penalizer: Double) throws -> (
        FitResult.Model, FitResult.Note
    ) {
        guard let counts = survivors else { throw AppError(.invalidRequest, .sbgNeedsSurvivors) }
        guard counts.count >= 2, counts.allSatisfy({ $0 >= 0 && $0.isFinite }),
            zip(counts, counts.dropFirst()).allSatisfy({ $0 >= $1 }), counts[0] > 0
        else { throw AppError(.invalidRequest, .sbgSurvivorsShape) }
        let model = ShiftedBetaGeometric(fitting: counts, penalizer: penalizer)
        let projection = model.survival(through: max(12, counts.count + 4))
        let list = projection.enumerated().map { "\($0)=\(Number.percent($1))" }.joined(separator: " ")
        let status = FitStatus.of(model.fit, repeatBuyers: nil)
        return (
            .init(fit: model.fit, status: status, survival: projection),
            .init(en: Text.sbgProjection(.en, list), zh: Text.sbgProjection(.zh, list))
        )
    }
}
