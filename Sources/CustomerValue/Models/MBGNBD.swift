/// The MBG/NBD model (Batislam, Denizel & Filiztekin 2007, "Empirical validation and comparison of
/// models for customer base analysis", IJRM 24(3)), as lifetimes' `ModifiedBetaGeoFitter`.
///
/// While active, a customer buys at Poisson rate λ ~ Gamma(r, α); after each repeat purchase the
/// customer drops out with probability p ~ Beta(a, b); unlike BG/NBD, also right after the
/// first purchase, so one-time buyers are not certainly alive. Time is in the unit of the histories
/// (CDNOW weeks: r = 0.525, α = 6.183, a = 0.891, b = 1.614).
///
/// ```swift
/// let model = summary.histories.fit(MBGNBD.self)
/// let alive = model.probabilityAlive(summary.histories)
/// ```
public struct MBGNBD: BetaGeometricFamily {
    public static let key = "mbgnbd"
    public static let shift = 1.0

    public let fit: ModelFit
    public let core: BetaGeometricNBD

    public init(core: BetaGeometricNBD, fit: ModelFit) {
        self.core = core
        self.fit = fit
    }
}
