/// The BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way: an
/// alternative to the Pareto/NBD model", Marketing Science 24(2)).
///
/// While active, a customer buys at Poisson rate λ ~ Gamma(r, α); after each repeat purchase the
/// customer drops out with probability p ~ Beta(a, b). Time is in the unit of the histories
/// (CDNOW: weeks; there r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.43).
///
/// ```swift
/// let model = summary.histories.fit(BGNBD.self)
/// let alive = model.probabilityAlive(summary.histories)
/// ```
public struct BGNBD: PurchaseModel {
    public static let key = "bgnbd"
    public static let parameterNames = ["r", "alpha", "a", "b"]

    public let fit: ModelFit
    let core: BetaGeometricNBD

    /// Shape and scale of the Gamma purchase-rate distribution (α is in the histories' time unit).
    public var r: Double { core.r }
    public var alpha: Double { core.alpha }
    /// The Beta dropout-probability distribution.
    public var a: Double { core.a }
    public var b: Double { core.b }

    /// A model with given parameters (for example published ones); its fit records no data.
    public init(r: Double, alpha: Double, a: Double, b: Double) {
        core = BetaGeometricNBD(r: r, alpha: alpha, a: a, b: b, shift: 0)
        fit = ModelFit(
            model: Self.key, names: Self.parameterNames, values: [r, alpha, a, b], standardErrors: nil,
            logLikelihood: .nan, customers: 0, iterations: 0, converged: true, message: "parameters given")
    }

    public init(fit: ModelFit) throws {
        let p = try fit.parameters(Self.parameterNames, of: Self.key)
        core = BetaGeometricNBD(r: p[0], alpha: p[1], a: p[2], b: p[3], shift: 0)
        var ordered = fit
        ordered.names = Self.parameterNames
        ordered.values = p
        if let errors = fit.standardErrors, errors.count == fit.names.count {
            ordered.standardErrors = Self.parameterNames.map { errors[fit.names.firstIndex(of: $0)!] }
        }
        self.fit = ordered
    }

    /// Fits by maximum likelihood on the distinct histories (analytic gradient, BFGS).
    public init(fitting histories: Histories, penalizer: Double = 0) {
        let fit = BetaGeometricNBDLikelihood.fit(histories, shift: 0, model: Self.key, penalizer: penalizer)
        self.fit = fit
        core = BetaGeometricNBD(r: fit.values[0], alpha: fit.values[1], a: fit.values[2], b: fit.values[3], shift: 0)
    }

    /// log L of one customer (FHL 2005 eq. 6, in the log-sum-exp form of Hardie note 027).
    public func logLikelihood(frequency: Double, recency: Double, T: Double) -> Double {
        core.logLikelihood(frequency: frequency, recency: recency, T: T)
    }

    /// The total log-likelihood of weighted histories at this model's parameters.
    public func logLikelihood(_ histories: Histories) -> Double {
        BetaGeometricNBDLikelihood(histories, shift: 0).evaluate(fit.values).value
    }

    /// P(alive | x, tₓ, T) (Hardie note 021); 1 for a customer without repeat purchases.
    public func probabilityAlive(frequency: Double, recency: Double, T: Double) -> Double {
        core.probabilityAlive(frequency: frequency, recency: recency, T: T)
    }

    /// E[Y(t) | x, tₓ, T], the expected purchases in the next t (FHL 2005 eq. 10).
    public func expectedPurchases(in t: Double, frequency: Double, recency: Double, T: Double) -> Double {
        core.expectedPurchases(in: t, frequency: frequency, recency: recency, T: T)
    }

    /// The purchase part of CLV, computed once per distinct (x, T) (see `PurchaseModel`).
    public func discountedPurchases(
        periodLength: Double, discounts: [Double], frequency: [Double], recency: [Double], T: [Double]
    ) -> [Double] {
        precondition(frequency.count == recency.count && recency.count == T.count, "columns differ in length")
        return core.discountedPurchases(
            periodLength: periodLength, discounts: discounts, frequency: frequency, recency: recency, T: T)
    }

    /// E[X(t)] for a new customer (FHL 2005 eq. 9).
    public func expectedPurchasesNewCustomer(in t: Double) -> Double {
        core.expectedPurchasesNewCustomer(in: t)
    }

    /// P(X(t) = n): the probability that a new customer makes n repeat purchases in the first t
    /// (FHL 2005 eq. 8).
    public func probabilityOfPurchases(_ n: Int, in t: Double) -> Double {
        core.probabilityOfPurchases(n, in: t)
    }
}
