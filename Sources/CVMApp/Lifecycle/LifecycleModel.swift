import CVMStore
import CustomerValue
import Foundation

/// Where the lifecycle's P(alive) came from: MBG/NBD (Batislam, Denizel & Filiztekin 2007), or
/// Pareto/NBD when MBG/NBD does not converge, fitted on the purchases up to the as-of date.
/// BG/NBD is never used here: it gives P(alive) = 1 to every customer without a repeat purchase,
/// however long ago they bought.
public struct AliveModel: Sendable, Equatable, Codable {
    /// `mbgnbd`, `pareto`, or nil when neither converged (the stages then read no P(alive)).
    public var model: String?
    public var fit: ModelFit?
    /// Why no model gave P(alive), when none did.
    public var reason: String?

    /// The model's name for people.
    public var name: String {
        switch model {
        case MBGNBD.key: "MBG/NBD"
        case ParetoNBD.key: "Pareto/NBD"
        default: "none"
        }
    }
}

/// Every input of the lifecycle at one as-of date: the purchase history, the summary the model
/// was fitted on, P(alive) per customer of the history, and the model it came from.
struct LifecycleInputs: Sendable {
    var history: PurchaseHistory
    var asOf: Day
    var summary: SummaryTable
    /// Aligned with `history.ids`; nil for prospects (no purchase), or for all without a model.
    var probabilityAlive: [Double?]
    var alive: AliveModel
    var model: (any PurchaseModel)?
    /// The summary row of each history customer (nil for prospects).
    var summaryRow: [Int?]

    /// P(alive) as the classifier takes it (nil when no model gave one).
    var probabilityColumn: [Double]? {
        guard alive.model != nil else { return nil }
        return probabilityAlive.map { $0 ?? 1 }
    }
}

extension Workspace {
    /// The purchase history, summary and P(alive) at `asOf` (default: the last transaction day).
    func lifecycleInputs(
        asOf requested: Day?, summary given: SummaryTable? = nil, history read: PurchaseHistory? = nil
    ) async throws -> LifecycleInputs {
        let unit = given?.unit ?? defaults.modelUnit
        let summary: SummaryTable
        if let given {
            summary = given
        } else {
            summary = try await run { try await store.summary(SummaryOptions(unit: unit, asOf: requested)) }
        }
        guard summary.count > 0 else {
            throw AppError(
                .noData, "no customer has a purchase on or before \(requested?.description ?? "the as-of date")")
        }
        let asOf = summary.observationEnd
        let history: PurchaseHistory
        if let read {
            history = read
        } else {
            history = try await run { try await store.purchaseHistory(through: asOf) }
        }
        var position: [String: Int] = [:]
        position.reserveCapacity(summary.count)
        for (i, id) in summary.ids.enumerated() { position[id] = i }
        let row = history.ids.map { position[$0] }
        let h = summary.histories
        var alive = AliveModel()
        var model: (any PurchaseModel)?
        var p: [Double]?
        let mbg = h.fit(MBGNBD.self)
        if mbg.fit.converged {
            var fit = mbg.fit
            fit.unit = unit
            alive = AliveModel(model: MBGNBD.key, fit: fit)
            model = mbg
            p = mbg.probabilityAlive(h)
        } else {
            let pareto = h.fit(ParetoNBD.self)
            if pareto.fit.converged {
                var fit = pareto.fit
                fit.unit = unit
                alive = AliveModel(model: ParetoNBD.key, fit: fit)
                model = pareto
                p = pareto.probabilityAlive(h)
            } else {
                alive.reason = "neither the MBG/NBD nor the Pareto/NBD fit converged"
            }
        }
        let column: [Double?] = row.map { i in i.flatMap { p?[$0] }.map { $0.isFinite ? min(max($0, 0), 1) : 0 } }
        return LifecycleInputs(
            history: history, asOf: asOf, summary: summary, probabilityAlive: column, alive: alive, model: model,
            summaryRow: row)
    }

    /// CLV per history customer: from the latest stored run at the same as-of date when it has
    /// CLV, else computed with the P(alive) model and Gamma-Gamma (the defaults' horizon, discount
    /// and margin); nil with the reason when neither can be had.
    func lifecycleCLV(_ inputs: LifecycleInputs) async throws -> (values: [Double]?, source: CLVSource) {
        let runs = try await run { try await store.analysisRuns() }
        if let latest = runs.last(where: { $0.asOf == inputs.asOf }) {
            let (x, _) = try await run { try await store.analysisResults(latest.id) }
            if let clv = x.clv {
                var byID: [String: Double] = [:]
                for (id, value) in zip(x.ids, clv) { byID[id] = value }
                return (inputs.history.ids.map { byID[$0] ?? 0 }, CLVSource(run: latest.id, asOf: latest.asOf))
            }
        }
        guard let model = inputs.model else {
            return (nil, CLVSource(reason: inputs.alive.reason ?? "no purchase model"))
        }
        let s = inputs.summary
        let spend = GammaGamma(fitting: s.frequency, monetary: s.monetary)
        guard spend.fit.converged else {
            return (nil, CLVSource(reason: "the Gamma-Gamma fit did not converge"))
        }
        let expected = spend.expectedAverageSpend(frequency: s.frequency, monetary: s.monetary)
        let clv = CustomerLifetimeValue.values(
            model: model, histories: s.histories, spend: expected,
            horizon: Horizon(periods: defaults.horizonMonths, unit: .month, modelUnit: defaults.modelUnit),
            discountRate: defaults.discountRate, margin: defaults.margin)
        return (
            inputs.summaryRow.map { $0.map { clv[$0] } ?? 0 },
            CLVSource(model: inputs.alive.model, horizonMonths: defaults.horizonMonths)
        )
    }
}

/// Where a CLV column came from: a stored run, a fit made for this output, or nowhere (why).
public struct CLVSource: Sendable, Equatable {
    public var run: Int64?
    public var asOf: Day?
    /// The purchase model of a CLV computed here (with Gamma-Gamma), and its horizon.
    public var model: String?
    public var horizonMonths: Int?
    public var reason: String?
    /// The CLV of the analysis run being made.
    public var thisRun = false

    public init(
        run: Int64? = nil, asOf: Day? = nil, model: String? = nil, horizonMonths: Int? = nil, reason: String? = nil,
        thisRun: Bool = false
    ) {
        self.thisRun = thisRun
        self.run = run
        self.asOf = asOf
        self.model = model
        self.horizonMonths = horizonMonths
        self.reason = reason
    }

    /// One line for people.
    public func describe(in language: Language) -> String {
        if thisRun { return Text.clvThisRun(language) }
        if let run {
            return Text.clvFromRun(language, run, asOf?.description ?? "")
        }
        if let model {
            let name = model == MBGNBD.key ? "MBG/NBD" : "Pareto/NBD"
            return Text.clvComputed(language, name, horizonMonths ?? 0)
        }
        return Text.clvNone(language, reason ?? "")
    }
}
