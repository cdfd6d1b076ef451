/// What BG/NBD and MBG/NBD share: the same parameters and formulas, apart from whether a customer
/// can also drop out right after the first purchase (`shift` 0 or 1, see `BetaGeometricNBD`).
public protocol BetaGeometricFamily: PurchaseModel {
    /// 0 for BG/NBD, 1 for MBG/NBD (the extra dropout chance at the first purchase).
    static var shift: Double { get }
    var core: BetaGeometricNBD { get }
    init(core: BetaGeometricNBD, fit: ModelFit)
}

extension BetaGeometricFamily {
    public static var parameterNames: [String] { ["r", "alpha", "a", "b"] }

    /// Shape and scale of the Gamma purchase-rate distribution (α is in the histories' time unit).
    public var r: Double { core.r }
    public var alpha: Double { core.alpha }
    /// The Beta dropout-probability distribution.
    public var a: Double { core.a }
    public var b: Double { core.b }

    /// A model with given parameters (for example published ones); its fit records no data.
    public init(r: Double, alpha: Double, a: Double, b: Double) {
        self.init(
            core: BetaGeometricNBD(r: r, alpha: alpha, a: a, b: b, shift: Self.shift),
            fit: ModelFit(
                model: Self.key, names: Self.parameterNames, values: [r, alpha, a, b], standardErrors: nil,
                logLikelihood: .nan, customers: 0, iterations: 0, converged: true, message: "parameters given"))
    }

    public init(fit: ModelFit) throws {
        let ordered = try fit.ordered(Self.parameterNames, of: Self.key)
        let p = ordered.values
        self.init(core: BetaGeometricNBD(r: p[0], alpha: p[1], a: p[2], b: p[3], shift: Self.shift), fit: ordered)
    }

    /// Fits by maximum likelihood on the distinct histories (analytic gradient, BFGS).
    public init(fitting histories: Histories, penalizer: Double = 0) {
        let fit = BetaGeometricNBDLikelihood.fit(histories, shift: Self.shift, model: Self.key, penalizer: penalizer)
        let v = fit.values
        self.init(core: BetaGeometricNBD(r: v[0], alpha: v[1], a: v[2], b: v[3], shift: Self.shift), fit: fit)
    }

    /// log L of one customer, in log-sum-exp form (Hardie note 027).
    public func logLikelihood(frequency: Double, recency: Double, T: Double) -> Double {
        core.logLikelihood(frequency: frequency, recency: recency, T: T)
    }

    /// The total log-likelihood of weighted histories at this model's parameters.
    public func logLikelihood(_ histories: Histories) -> Double {
        BetaGeometricNBDLikelihood(histories, shift: Self.shift).evaluate(fit.values).value
    }

    /// P(alive | x, tₓ, T): BG/NBD Hardie note 021 (1 without repeat purchases); MBG/NBD
    /// Batislam et al. eq. 7 (below 1 even without repeat purchases).
    public func probabilityAlive(frequency: Double, recency: Double, T: Double) -> Double {
        core.probabilityAlive(frequency: frequency, recency: recency, T: T)
    }

    /// E[Y(t) | x, tₓ, T], the expected purchases in the next t (FHL 2005 eq. 10; Batislam eq. 8).
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

    /// E[X(t)] for a new customer (FHL 2005 eq. 9; Batislam eq. 6).
    public func expectedPurchasesNewCustomer(in t: Double) -> Double {
        core.expectedPurchasesNewCustomer(in: t)
    }

    /// P(X(t) = n): the probability that a new customer makes n repeat purchases in the first t
    /// (FHL 2005 eq. 8; for MBG/NBD with the extra dropout at the first purchase, as lifetimes).
    public func probabilityOfPurchases(_ n: Int, in t: Double) -> Double {
        core.probabilityOfPurchases(n, in: t)
    }
}
