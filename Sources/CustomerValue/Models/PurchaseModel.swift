// The shared face of the "buy till you die" purchase models (BG/NBD, MBG/NBD, Pareto/NBD, …).
//
// A model is a value: its fitted parameters (`fit`) and the per-customer predictions that follow
// from them. Everything is in the time unit of the histories it was fitted on (weeks for CDNOW);
// a caller that wants another unit converts the horizon with `TimeUnit.days` first.
//
// The per-customer functions are the definition; the column-wise versions below run them over
// `[Double]` columns on every core (`Parallel`), which is what the CLI and CLV use.

/// A fitted model of repeat-purchase counts and customer dropout.
///
/// Conforming types are `Sendable` values built from a `ModelFit`. The time unit is that of the
/// histories the model was fitted on.
///
/// ```swift
/// let model = histories.fit(BGNBD.self)
/// let alive = model.probabilityAlive(histories)
/// let nextYear = model.expectedPurchases(in: 52, histories)
/// ```
public protocol PurchaseModel: Sendable {
    /// The stable model key, as in `ModelFit.model` (`bgnbd`, `mbgnbd`, `pareto`, …).
    static var key: String { get }
    /// Parameter names in the paper's order.
    static var parameterNames: [String] { get }

    /// The fitted parameters and the facts of the fit.
    var fit: ModelFit { get }

    /// Rebuilds a model from a fit (for example one decoded from JSON, whose parameter order may
    /// differ). Throws `ModelError` when the fit is of another model or lacks a parameter.
    init(fit: ModelFit) throws

    /// Fits the model by maximum likelihood.
    ///
    /// Never traps: a base the model cannot identify (no repeat buyers, one customer) gives a model
    /// whose `fit.converged` is false and whose `fit.message` says why.
    /// - Parameter penalizer: L2 penalty on the parameters (0 for plain maximum likelihood).
    init(fitting histories: Histories, penalizer: Double)

    /// P(the customer is still active at T | x repeat purchases, the last at tₓ, observed for T).
    func probabilityAlive(frequency: Double, recency: Double, T: Double) -> Double

    /// E[number of purchases in (T, T + t] | x, tₓ, T]: the conditional expectation.
    func expectedPurchases(in t: Double, frequency: Double, recency: Double, T: Double) -> Double

    /// E[X(t)]: the expected number of repeat purchases in the first t after a customer's first
    /// purchase, for a customer we know nothing else about.
    func expectedPurchasesNewCustomer(in t: Double) -> Double

    /// The purchase part of a lifetime value, per customer: Σₖ discounts[k − 1] · (E[Y(k·L)] − E[Y((k − 1)·L)])
    /// for k = 1…discounts.count, with L = `periodLength`. A default implementation calls
    /// `expectedPurchases(in:…)` for each period; models override it when they can share work
    /// between customers.
    func discountedPurchases(
        periodLength: Double, discounts: [Double], frequency: [Double], recency: [Double], T: [Double]
    ) -> [Double]
}

extension PurchaseModel {
    /// The value of a named parameter.
    public subscript(_ name: String) -> Double { fit[name] }

    /// P(alive) for every customer of the columns, computed on all cores.
    public func probabilityAlive(frequency: [Double], recency: [Double], T: [Double]) -> [Double] {
        precondition(frequency.count == recency.count && recency.count == T.count, "columns differ in length")
        return Parallel.map(count: frequency.count) { i in
            probabilityAlive(frequency: frequency[i], recency: recency[i], T: T[i])
        }
    }

    /// The conditional expected purchases in the next `t` for every customer of the columns.
    public func expectedPurchases(in t: Double, frequency: [Double], recency: [Double], T: [Double]) -> [Double] {
        precondition(frequency.count == recency.count && recency.count == T.count, "columns differ in length")
        return Parallel.map(count: frequency.count) { i in
            expectedPurchases(in: t, frequency: frequency[i], recency: recency[i], T: T[i])
        }
    }

    public func discountedPurchases(
        periodLength: Double, discounts: [Double], frequency: [Double], recency: [Double], T: [Double]
    ) -> [Double] {
        precondition(frequency.count == recency.count && recency.count == T.count, "columns differ in length")
        return Parallel.map(count: frequency.count) { i in
            var previous = 0.0
            var total = 0.0
            for (k, discount) in discounts.enumerated() {
                let cumulative = expectedPurchases(
                    in: Double(k + 1) * periodLength, frequency: frequency[i], recency: recency[i], T: T[i])
                total += (cumulative - previous) * discount
                previous = cumulative
            }
            return total
        }
    }

    /// P(alive) for every row of `histories` (weights are ignored).
    public func probabilityAlive(_ histories: Histories) -> [Double] {
        probabilityAlive(frequency: histories.frequency, recency: histories.recency, T: histories.T)
    }

    /// The conditional expected purchases in the next `t` for every row of `histories`.
    public func expectedPurchases(in t: Double, _ histories: Histories) -> [Double] {
        expectedPurchases(in: t, frequency: histories.frequency, recency: histories.recency, T: histories.T)
    }

    /// E[X(t)] of a new customer at each of the times `t`.
    public func expectedPurchasesNewCustomer(in t: [Double]) -> [Double] {
        Parallel.map(count: t.count) { expectedPurchasesNewCustomer(in: t[$0]) }
    }
}

extension Histories {
    /// Fits a purchase model to these histories: `histories.fit(BGNBD.self)`.
    ///
    /// Compress first (`compressed()`) when many customers share a history; the models do that
    /// themselves, so passing the raw histories is fine too.
    public func fit<Model: PurchaseModel>(_ model: Model.Type, penalizer: Double = 0) -> Model {
        Model(fitting: self, penalizer: penalizer)
    }
}

/// A problem with a model or its parameters, reported with advice.
public struct ModelError: Error, LocalizedMessage, Equatable {
    public enum Code: String, Sendable {
        /// The saved fit belongs to another model.
        case wrongModel
        /// The saved fit lacks a parameter, or a parameter is not a positive finite number.
        case badParameter
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

extension ModelFit {
    /// This fit with its parameters (and standard errors) in the order of `names`, checked as
    /// `parameters(_:of:)` checks them: what a model keeps when it is rebuilt from a saved fit.
    public func ordered(_ names: [String], of model: String) throws -> ModelFit {
        let values = try parameters(names, of: model)
        var ordered = self
        ordered.names = names
        ordered.values = values
        if let errors = standardErrors, errors.count == self.names.count {
            ordered.standardErrors = names.map { errors[self.names.firstIndex(of: $0)!] }
        }
        return ordered
    }

    /// The values of `names`, in that order, checked to be positive and finite.
    ///
    /// Saved fits are JSON objects, whose key order is not guaranteed; this restores the paper's
    /// order.
    public func parameters(_ names: [String], of model: String) throws -> [Double] {
        guard self.model == model else {
            throw ModelError(.wrongModel, "the fit is of model \"\(self.model)\", expected \"\(model)\"")
        }
        return try names.map { name in
            guard let index = self.names.firstIndex(of: name) else {
                throw ModelError(.badParameter, "the \(model) fit has no parameter \"\(name)\"")
            }
            let value = values[index]
            guard value.isFinite, value > 0 else {
                throw ModelError(
                    .badParameter, "the \(model) parameter \(name) = \(value) must be a positive finite number")
            }
            return value
        }
    }
}

extension PurchaseModel {
    /// The tracking curve: expected cumulative repeat purchases of the whole base by each of the
    /// calendar `times`, given each customer's first-purchase time on the same axis (FHL 2005 Fig. 3;
    /// BTYD's `ExpectedCumulativeTransactions`). A customer adds E[X(τ − first purchase)] once τ is past
    /// the first purchase. Customers with equal first-purchase times are computed once.
    public func expectedCumulativePurchases(firstPurchase: [Double], at times: [Double]) -> [Double] {
        var counts: [Double: Double] = [:]
        for s in firstPurchase where s.isFinite { counts[s, default: 0] += 1 }
        let cohorts = counts.keys.sorted()
        let sizes = cohorts.map { counts[$0]! }
        return Parallel.map(count: times.count) { k in
            let tau = times[k]
            var total = 0.0
            for (start, size) in zip(cohorts, sizes) where start < tau {
                total += size * expectedPurchasesNewCustomer(in: tau - start)
            }
            return total
        }
    }
}
